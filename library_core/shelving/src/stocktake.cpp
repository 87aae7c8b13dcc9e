#include "shuxiang/shelving/stocktake.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/shelving/db.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::shelving {

bool on_shelf_status(std::string_view s) { return s == "available" || s == "damaged" || s == "in_processing"; }

int compare_shelf_order(const std::string& a, const std::string& b) {
    auto pa = catalog::parse_call_number(a), pb = catalog::parse_call_number(b);
    if (pa && pb) return catalog::compare_call_numbers(*pa, *pb);
    return a < b ? -1 : (a == b ? 0 : 1);
}

Stocktake compare_scan(const std::vector<std::string>& expected, const std::vector<std::string>& scanned,
                       const std::function<std::optional<MisplacedCopy>(const std::string&)>& belongs) {
    Stocktake out;
    std::set<std::string> seen;
    for (const auto& b : scanned)
        if (!b.empty()) seen.insert(b);
    std::unordered_set<std::string> expected_set;
    for (const auto& b : expected) {
        if (!expected_set.insert(b).second) continue;
        ++out.expected;
        if (seen.count(b)) ++out.found;
        else out.missing.push_back(b);
    }
    for (const auto& b : seen) {
        if (expected_set.count(b)) continue;
        if (auto m = belongs(b)) out.misplaced.push_back(std::move(*m));
        else out.unexpected.push_back(b);
    }
    return out;
}

namespace {

// The sections (first and last index in reading order) a shelf name stands for: a section id, a
// range's furniture id, or a range label.
std::optional<std::pair<std::size_t, std::size_t>> shelf_span(const Assignment& a, const std::string& name) {
    for (auto match : {+[](const Section& s, const std::string& n) { return s.id == n; },
                       +[](const Section& s, const std::string& n) { return s.furniture_id == n; },
                       +[](const Section& s, const std::string& n) { return !s.label.empty() && s.label == n; }}) {
        std::optional<std::pair<std::size_t, std::size_t>> span;
        for (std::size_t i = 0; i < a.sections.size(); ++i) {
            if (!match(a.sections[i], name)) continue;
            if (!span) span = std::make_pair(i, i);
            span->second = i;
        }
        if (span) return span;
    }
    return std::nullopt;
}

}  // namespace

std::optional<Stocktake> stocktake_shelves(const std::filesystem::path& db, const std::string& first,
                                           const std::string& last, const std::vector<std::string>& scanned,
                                           bool shelves_only) {
    auto a = load_assignment(db);
    if (!a) return std::nullopt;
    std::vector<bool> in_scope(a->sections.size(), false);
    auto from = shelf_span(*a, first), to = shelf_span(*a, last);
    if (from && to) {
        const std::size_t lo = std::min(from->first, to->first), hi = std::max(from->second, to->second);
        for (std::size_t i = lo; i <= hi; ++i) in_scope[i] = true;
    } else {
        // Call numbers: the book sections holding any assigned copy in the span, whole.
        for (const auto* end : {&first, &last})
            if (shelves_only ? !shelf_span(*a, *end) : !catalog::parse_call_number(*end))
                throw InputError(db.string(), "--range", trf("shelving.stocktake.unknown_range", {*end}));
        for (const auto& p : a->placed) {
            if (p.section < 0) continue;
            const SectionKind k = a->sections[static_cast<std::size_t>(p.section)].kind;
            if (k == SectionKind::Corner || k == SectionKind::NewBooks) continue;
            if (compare_shelf_order(first, p.call_number) <= 0 && compare_shelf_order(p.call_number, last) <= 0)
                in_scope[static_cast<std::size_t>(p.section)] = true;
        }
    }

    std::unordered_map<std::string, CopyRow> by_barcode;
    std::unordered_map<long long, std::string> barcode_of;
    for (auto& c : load_copies(db)) {
        barcode_of[c.id] = c.barcode;
        by_barcode[c.barcode] = std::move(c);
    }
    std::unordered_map<long long, const Placement*> placed;
    for (const auto& p : a->placed) placed[p.item_id] = &p;

    // Expected: copies assigned to the scope that should be on the shelf, in reading (shelf) order.
    std::vector<std::string> expected;
    for (const auto& p : a->placed) {
        if (p.section < 0 || !in_scope[static_cast<std::size_t>(p.section)]) continue;
        auto bc = barcode_of.find(p.item_id);
        if (bc == barcode_of.end()) continue;  // deleted from the catalog since
        if (on_shelf_status(by_barcode[bc->second].status)) expected.push_back(bc->second);
    }
    Stocktake out = compare_scan(expected, scanned, [&](const std::string& b) -> std::optional<MisplacedCopy> {
        auto it = by_barcode.find(b);
        if (it == by_barcode.end() || !on_shelf_status(it->second.status)) return std::nullopt;
        auto p = placed.find(it->second.id);
        if (p == placed.end() || p->second->section < 0) return std::nullopt;
        const Section& s = a->sections[static_cast<std::size_t>(p->second->section)];
        return MisplacedCopy{b, it->second.call_number, s.id, s.furniture_id, s.label, s.room_id, s.room_name, p->second->level};
    });
    out.by_shelf = true;
    for (std::size_t i = 0; i < a->sections.size(); ++i)
        if (in_scope[i]) out.sections.push_back(a->sections[i].id);
    return out;
}

}  // namespace shuxiang::shelving
