#include "shuxiang/shelving/assign.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <numeric>
#include <string_view>
#include <unordered_map>

#include "shuxiang/catalog/clc.hpp"

namespace shuxiang::shelving {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// A 图画故事 class: I287.8 (Chinese), or a foreign literature class I3xx..I7xx with the .85 subdivision.
bool picture_book_class(std::string_view cls) {
    if (starts_with(cls, "I287.8")) return true;
    if (cls.size() < 7 || cls[0] != 'I' || cls[1] < '3' || cls[1] > '7') return false;
    auto dot = cls.find('.');
    return dot != std::string_view::npos && starts_with(cls.substr(dot), ".85");
}

}  // namespace

SectionKind classify(const ItemFacts& f) {
    if (f.serial) return SectionKind::Periodical;
    if (f.local_collection) return SectionKind::Local;
    std::string cls = f.clc_class;
    if (cls.empty()) {
        if (auto cn = catalog::parse_call_number(f.call_number)) cls = cn->class_number;
    }
    bool picture = f.preschool_audience || picture_book_class(cls);
    for (const auto& s : f.subjects)
        if (s.find("绘本") != std::string::npos || s.find("图画书") != std::string::npos ||
            s.find("图画故事") != std::string::npos)
            picture = true;
    if (picture) return SectionKind::PictureBook;
    if (starts_with(cls, "Z") || cls.find("-61") != std::string::npos) return SectionKind::Reference;
    return SectionKind::General;
}

namespace {

struct Keyed {
    std::string key;  // shelf key; unparsed call numbers sort after every parsed one
    // The key's first 24 bytes, big-endian: most comparisons end here without touching the string.
    std::uint64_t p[3] = {0, 0, 0};
    int part = 0;
    std::size_t item = 0;
    void set_prefix() {
        for (std::size_t i = 0; i < 24 && i < key.size(); ++i)
            p[i / 8] |= static_cast<std::uint64_t>(static_cast<unsigned char>(key[i])) << (56 - 8 * (i % 8));
    }
};

// An order-preserving, shorter form of catalog::shelf_key: the same components, but each number as
// a length byte plus its significant bytes instead of 8 fixed bytes (negative numbers, which sort
// first, keep 8). Most keys then fit the string's inline buffer and differ within the first 24
// bytes, which the sort compares as three integers before looking at the strings.
void put_compact(std::string& k, long long v) {
    if (v < 0) {
        k += '\0';
        for (int b = 7; b >= 0; --b) k += static_cast<char>((static_cast<unsigned long long>(v) >> (8 * b)) & 0xFF);
        return;
    }
    const auto u = static_cast<unsigned long long>(v);
    int n = 8;
    while (n > 0 && ((u >> (8 * (n - 1))) & 0xFF) == 0) --n;
    k += static_cast<char>(1 + n);
    for (int b = n - 1; b >= 0; --b) k += static_cast<char>((u >> (8 * b)) & 0xFF);
}

std::string compact_key(const catalog::CallNumber& cn) {
    std::string k = cn.class_letters;
    k.resize(2, '\0');
    for (unsigned char c : cn.class_key) k += static_cast<char>(c);
    k += '\0';
    for (long long v : cn.book_key) {
        k += '\x01';
        put_compact(k, v);
    }
    k += '\0';
    put_compact(k, cn.volume);
    put_compact(k, cn.copy);
    return k;
}

struct Handle {
    std::uint64_t p0, p1, p2;
    long long id;
    std::uint32_t index;
    std::uint32_t size;
};

class Assigner {
public:
    Assigner(std::vector<Section> sections, const std::vector<ShelfItem>& items,
             const std::unordered_map<long long, std::string>* previous)
        : items_(items), previous_(previous) {
        out_.sections = std::move(sections);
        out_.fills.resize(out_.sections.size());
        members_.resize(out_.sections.size());
    }

    void report(std::size_t i, const char* reason) {
        out_.unplaced.push_back({items_[i].id, items_[i].call_number, reason});
    }

    // Sorts keyed items in shelf order (ties: item id, so the result never depends on input order).
    void sort(std::vector<Keyed>& v) {
        // Sorting small handles instead of the keyed records keeps the swaps cheap.
        std::vector<Handle> h(v.size());
        for (std::size_t i = 0; i < v.size(); ++i)
            h[i] = {v[i].p[0], v[i].p[1], v[i].p[2], items_[v[i].item].id, static_cast<std::uint32_t>(i),
                    static_cast<std::uint32_t>(v[i].key.size())};
        std::sort(h.begin(), h.end(), [&](const Handle& a, const Handle& b) {
            if (a.p0 != b.p0) return a.p0 < b.p0;
            if (a.p1 != b.p1) return a.p1 < b.p1;
            if (a.p2 != b.p2) return a.p2 < b.p2;
            // Keys of up to 24 bytes are wholly in the prefix (zero padded): equal prefixes and sizes
            // mean equal keys, the common case of several copies of one title.
            if (a.size > 24 || b.size > 24 || a.size != b.size) {
                if (int c = v[a.index].key.compare(v[b.index].key); c != 0) return c < 0;
            }
            return a.id < b.id;
        });
        std::vector<Keyed> sorted;
        sorted.reserve(v.size());
        for (const auto& x : h) sorted.push_back(std::move(v[x.index]));
        v = std::move(sorted);
    }

    // Lays sorted items over `secs` within their working fill, growth space per 大部类 run.
    void lay(const std::vector<Keyed>& v, const std::vector<int>& secs, bool full_capacity) {
        long long total = 0;
        for (int s : secs) total += full_capacity ? out_.sections[static_cast<std::size_t>(s)].capacity
                                                  : out_.sections[static_cast<std::size_t>(s)].target;
        long long n = static_cast<long long>(v.size());
        for (long long j = total; j < n; ++j)
            report(v[static_cast<std::size_t>(j)].item, full_capacity ? "shelving.reason.corner_full" : "shelving.reason.no_space");
        n = std::min(n, total);
        if (n == 0) return;
        if (previous_) {
            lay_stable(v, secs, n, full_capacity);
            return;
        }
        const long long spare = total - n;
        std::size_t sec_pos = 0;
        long long sec_end = secs.empty() ? 0 : cap(secs[0], full_capacity);
        long long start = 0;
        long long given = 0;
        for (long long g0 = 0; g0 < n;) {
            long long g1 = g0 + 1;
            while (g1 < n && v[static_cast<std::size_t>(g1)].part == v[static_cast<std::size_t>(g0)].part) ++g1;
            const long long ng = g1 - g0;
            // Growth space in proportion to the run's share; the last run takes the rounding remainder.
            long long extra = g1 == n ? spare - given : spare * ng / n;
            given += extra;
            const long long budget = ng + extra;
            for (long long j = 0; j < ng; ++j) {
                long long slot = start + j * budget / ng;
                while (slot >= sec_end) {
                    ++sec_pos;
                    sec_end += cap(secs[sec_pos], full_capacity);
                }
                members_[static_cast<std::size_t>(secs[sec_pos])].push_back(v[static_cast<std::size_t>(g0 + j)].item);
            }
            start += budget;
            g0 = g1;
        }
    }

    // Fills `secs` one after the other to capacity with `v` in its order; returns how many it took.
    std::size_t fill_in_order(const std::vector<Keyed>& v, const std::vector<int>& secs) {
        std::size_t j = 0;
        for (int s : secs)
            for (long long c = 0; c < cap(s, true) && j < v.size(); ++c)
                members_[static_cast<std::size_t>(s)].push_back(v[j++].item);
        return j;
    }

    Assignment finish(std::vector<std::pair<std::size_t, std::string>> shelfless) {
        out_.placed.reserve(items_.size());
        for (std::size_t s = 0; s < members_.size(); ++s) {
            const auto& m = members_[s];
            auto& fill = out_.fills[s];
            fill.count = static_cast<int>(m.size());
            if (m.empty()) continue;
            fill.first_call = items_[m.front()].call_number;
            fill.last_call = items_[m.back()].call_number;
            const int levels = std::max(1, out_.sections[s].levels);
            for (std::size_t k = 0; k < m.size(); ++k) {
                // Spread evenly top to bottom: every level keeps its share of the growth space.
                int level = 1 + static_cast<int>(k * static_cast<std::size_t>(levels) / m.size());
                out_.placed.push_back({items_[m[k]].id, static_cast<int>(s), level, out_.sections[s].room_id, items_[m[k]].call_number});
            }
        }
        for (auto& [i, room] : shelfless) out_.placed.push_back({items_[i].id, -1, 0, std::move(room), items_[i].call_number});
        return std::move(out_);
    }

private:
    // Boundary shifting: section k takes the items up to the end of its old run when it can, and
    // never fewer than the later sections need it to take for everything to fit. Runs are
    // contiguous in shelf order, so taking beyond a run's end would only steal from the next one.
    void lay_stable(const std::vector<Keyed>& v, const std::vector<int>& secs, long long n, bool full) {
        std::unordered_map<std::string_view, std::size_t> pos;
        for (std::size_t k = 0; k < secs.size(); ++k) pos.emplace(out_.sections[static_cast<std::size_t>(secs[k])].id, k);
        std::vector<long long> run_end(secs.size(), -1);
        for (long long j = 0; j < n; ++j) {
            auto p = previous_->find(items_[v[static_cast<std::size_t>(j)].item].id);
            if (p == previous_->end()) continue;
            auto k = pos.find(p->second);
            if (k != pos.end()) run_end[k->second] = j + 1;
        }
        std::vector<long long> suffix(secs.size() + 1, 0);
        for (std::size_t k = secs.size(); k-- > 0;) suffix[k] = suffix[k + 1] + cap(secs[k], full);
        long long i = 0;
        for (std::size_t k = 0; k < secs.size() && i < n; ++k) {
            const long long lo = std::max(i, n - suffix[k + 1]);
            const long long hi = std::min(n, i + cap(secs[k], full));
            const long long j = std::clamp(run_end[k] < 0 ? i : run_end[k], lo, hi);
            for (long long x = i; x < j; ++x)
                members_[static_cast<std::size_t>(secs[k])].push_back(v[static_cast<std::size_t>(x)].item);
            i = j;
        }
    }

    long long cap(int s, bool full) const {
        const auto& sec = out_.sections[static_cast<std::size_t>(s)];
        return full ? sec.capacity : sec.target;
    }

    const std::vector<ShelfItem>& items_;
    const std::unordered_map<long long, std::string>* previous_;
    Assignment out_;
    std::vector<std::vector<std::size_t>> members_;
};

}  // namespace

Assignment assign(std::vector<Section> sections, const std::vector<ShelfItem>& items, const AssignOptions& options) {
    // Which sections each collection has, and where the corners' furniture stands.
    std::map<SectionKind, std::vector<int>> by_kind;
    std::map<std::string, std::vector<int>> corner_secs;  // corner room -> its sections
    std::map<std::string, std::string, std::less<>> furniture_room;
    for (std::size_t s = 0; s < sections.size(); ++s) {
        const auto& sec = sections[s];
        if (sec.kind == SectionKind::Corner) {
            corner_secs[sec.room_id].push_back(static_cast<int>(s));
        } else {
            by_kind[sec.kind].push_back(static_cast<int>(s));
        }
        furniture_room.emplace(sec.furniture_id, sec.room_id);
    }
    auto corner_of = [&](const std::string& loc) -> std::string {
        if (loc.empty()) return {};
        if (options.corner_rooms.count(loc)) return loc;
        std::string furniture = loc;
        parse_section_id(loc, &furniture, nullptr, nullptr);
        auto it = furniture_room.find(furniture);
        if (it != furniture_room.end() && options.corner_rooms.count(it->second)) return it->second;
        return {};
    };

    Assigner a(std::move(sections), items, options.previous);
    std::map<SectionKind, std::vector<Keyed>> seq;
    std::map<std::string, std::vector<Keyed>> corners;
    // Which collection's sequence a copy joins, or why it cannot be placed.
    auto route = [&](std::size_t i, Keyed&& k, bool parsed) {
        SectionKind kind = items[i].kind;
        if (kind == SectionKind::General || kind == SectionKind::Corner || kind == SectionKind::NewBooks || !by_kind.count(kind)) {
            // Without shelving of its own, a special copy joins the main sequence if it has a call number.
            if (!parsed) {
                a.report(i, kind == SectionKind::Periodical && !by_kind.count(kind) ? "shelving.reason.no_periodical_rack"
                                                                                    : "shelving.reason.bad_call_number");
                return;
            }
            kind = SectionKind::General;
        } else if (!parsed && kind != SectionKind::Periodical) {
            a.report(i, "shelving.reason.bad_call_number");
            return;
        }
        seq[kind].push_back(std::move(k));
    };
    const auto& displays = by_kind[SectionKind::NewBooks];
    auto is_new = [&](const ShelfItem& it) {
        if (displays.empty() || options.new_since.empty() || it.kind == SectionKind::Periodical) return false;
        const std::string day = it.acquired.substr(0, 10);
        return day.size() == 10 && day >= options.new_since && (options.new_until.empty() || day <= options.new_until);
    };
    std::vector<Keyed> fresh;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& it = items[i];
        auto cn = catalog::parse_call_number(it.call_number);
        Keyed k;
        k.item = i;
        if (cn) {
            k.key = compact_key(*cn);
            k.part = catalog::clc_part(cn->class_letters);
        } else {
            k.key = "\xff\xff" + it.call_number;
        }
        k.set_prefix();
        if (std::string room = corner_of(it.location); !room.empty()) {
            corners[room].push_back(std::move(k));
            continue;
        }
        if (cn && is_new(it)) {
            fresh.push_back(std::move(k));
            continue;
        }
        route(i, std::move(k), cn.has_value());
    }
    if (!fresh.empty()) {
        // Most recent first; the same day in shelf order, then by item id.
        a.sort(fresh);
        std::stable_sort(fresh.begin(), fresh.end(), [&](const Keyed& x, const Keyed& y) {
            return items[x.item].acquired.substr(0, 10) > items[y.item].acquired.substr(0, 10);
        });
        for (std::size_t j = a.fill_in_order(fresh, displays); j < fresh.size(); ++j) route(fresh[j].item, std::move(fresh[j]), true);
    }
    for (auto& [kind, v] : seq) {
        a.sort(v);
        a.lay(v, by_kind[kind], false);
    }
    std::vector<std::pair<std::size_t, std::string>> shelfless;
    for (auto& [room, v] : corners) {
        a.sort(v);
        auto it = corner_secs.find(room);
        if (it == corner_secs.end()) {
            for (const auto& k : v) shelfless.emplace_back(k.item, room);
        } else {
            // Class sets stay in their corner: the cabinet is filled to capacity, not to the working fill.
            a.lay(v, it->second, true);
        }
    }
    return a.finish(std::move(shelfless));
}

}  // namespace shuxiang::shelving
