#include "shuxiang/shelving/layout.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

#include "shuxiang/plan/geometry.hpp"

namespace shuxiang::shelving {

const char* to_string(SectionKind k) {
    switch (k) {
        case SectionKind::General: return "general";
        case SectionKind::Reference: return "reference";
        case SectionKind::Local: return "local";
        case SectionKind::PictureBook: return "picture_book";
        case SectionKind::Periodical: return "periodical";
        case SectionKind::Corner: return "corner";
        case SectionKind::NewBooks: return "new_books";
    }
    return "general";
}

double book_thickness(SectionKind k) {
    switch (k) {
        case SectionKind::Reference: return 0.040;
        case SectionKind::PictureBook: return 0.010;
        case SectionKind::Periodical: return 0.006;
        default: return 0.025;
    }
}

namespace {

bool contains_any(const std::string& s, std::initializer_list<const char*> words) {
    std::string lower = s;
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    for (const char* w : words)
        if (lower.find(w) != std::string::npos) return true;
    return false;
}

SectionKind kind_of(const plan::Furniture& f, const plan::FurnitureType& t, const plan::Room* room) {
    if (room && room->kind == plan::RoomKind::ClassroomCorner) return SectionKind::Corner;
    switch (t.category) {
        case plan::FurnitureCategory::PictureBookBin: return SectionKind::PictureBook;
        case plan::FurnitureCategory::PeriodicalRack: return SectionKind::Periodical;
        case plan::FurnitureCategory::ClassroomCabinet: return SectionKind::Corner;
        default: break;
    }
    // Labels are how a librarian marks a special range in the editor.
    if (contains_any(f.label, {"湖湘", "地方", "乡土", "local"})) return SectionKind::Local;
    if (contains_any(f.label, {"工具书", "参考", "reference"})) return SectionKind::Reference;
    return SectionKind::General;
}

}  // namespace

bool new_books_display(const plan::Furniture& f, const plan::FurnitureType& t) {
    if (t.category != plan::FurnitureCategory::DisplayCase) return false;
    return contains_any(t.id, {"new_book"}) || t.name_zh.find("新书") != std::string::npos || contains_any(f.label, {"新书"});
}

int new_books_display_capacity(const plan::FurnitureType& t) {
    // Face-up covers; the epsilon keeps exact multiples (1.2 m / 0.15 m) from rounding down.
    return static_cast<int>(std::floor(t.width / 0.15 + 1e-9)) * static_cast<int>(std::floor(t.depth / 0.22 + 1e-9));
}

namespace {

struct Range {
    const plan::Furniture* f;
    const plan::FurnitureType* t;
    const plan::Room* room;
    const plan::Level* level;
    double u = 0, v = 0;
};

}  // namespace

std::vector<Section> build_sections(const plan::Plan& plan, const plan::FurnitureCatalog& catalog,
                                    const LayoutOptions& options) {
    double fill = std::clamp(options.fill, 0.0, 1.0);
    // Room rank: listed rooms first, then plan order; furniture outside any room goes last.
    std::map<std::string, int> listed;
    for (std::size_t i = 0; i < options.room_order.size(); ++i) listed.emplace(options.room_order[i], static_cast<int>(i));
    struct RoomGroup {
        long long rank;
        std::vector<Range> ranges;
        std::vector<Range> displays;  // new-books displays, after the ranges
    };
    std::vector<RoomGroup> groups;
    std::map<std::pair<const plan::Level*, const plan::Room*>, std::size_t> group_of;
    long long plan_rank = 0;
    const long long base = static_cast<long long>(options.room_order.size());
    for (const auto& level : plan.levels) {
        for (const auto& room : level.rooms) {
            auto it = listed.find(room.id);
            long long rank = it != listed.end() ? it->second : base + plan_rank;
            ++plan_rank;
            group_of[{&level, &room}] = groups.size();
            groups.push_back({rank, {}, {}});
        }
    }
    for (const auto& level : plan.levels) {
        for (const auto& f : level.furniture) {
            const auto* t = catalog.find(f.type);
            if (!t) continue;
            const bool display = !t->holds_books() && new_books_display(f, *t);
            if (!t->holds_books() && !display) continue;
            const plan::Room* room = plan::room_of(level, f);
            if (room && room->kind == plan::RoomKind::Workroom && !options.include_workrooms) continue;
            auto key = std::make_pair(&level, room);
            auto it = group_of.find(key);
            if (it == group_of.end()) {
                it = group_of.emplace(key, groups.size()).first;
                groups.push_back({1000000000LL + static_cast<long long>(groups.size()), {}, {}});
            }
            (display ? groups[it->second].displays : groups[it->second].ranges).push_back({&f, t, room, &level});
        }
    }
    std::stable_sort(groups.begin(), groups.end(), [](const RoomGroup& a, const RoomGroup& b) { return a.rank < b.rank; });

    std::vector<Section> out;
    for (auto& g : groups) {
        if (g.ranges.empty() && g.displays.empty()) continue;
        // The room's frame follows its first range, so parallel ranges form rows across it.
        const double yaw = g.ranges.empty() ? 0.0 : g.ranges.front().f->yaw_deg * std::numbers::pi / 180.0;
        const plan::Vec2 axis{std::cos(yaw), std::sin(yaw)};
        const plan::Vec2 normal{-std::sin(yaw), std::cos(yaw)};
        for (auto& r : g.ranges) {
            r.u = plan::dot(r.f->position, axis);
            r.v = plan::dot(r.f->position, normal);
        }
        std::stable_sort(g.ranges.begin(), g.ranges.end(), [](const Range& a, const Range& b) { return a.v < b.v; });
        // Rows: ranges whose centres lie within 0.3 m across; alternate direction row by row.
        std::size_t start = 0;
        int row = 0;
        while (start < g.ranges.size()) {
            std::size_t end = start + 1;
            while (end < g.ranges.size() && g.ranges[end].v - g.ranges[start].v < 0.3) ++end;
            const bool forward = row % 2 == 0;
            std::stable_sort(g.ranges.begin() + static_cast<long>(start), g.ranges.begin() + static_cast<long>(end),
                             [forward](const Range& a, const Range& b) { return forward ? a.u < b.u : a.u > b.u; });
            start = end;
            ++row;
        }
        for (const auto& r : g.ranges) {
            const SectionKind kind = kind_of(*r.f, *r.t, r.room);
            const int n = plan::effective_sections(*r.f, *r.t);
            const double thickness = book_thickness(kind);
            for (int face = 1; face <= std::max(1, r.t->faces); ++face) {
                for (int s = 1; s <= n; ++s) {
                    Section sec;
                    sec.id = r.f->id + "/" + std::to_string(face) + "/" + std::to_string(s);
                    sec.furniture_id = r.f->id;
                    sec.label = r.f->label;
                    sec.level_id = r.level->id;
                    sec.room_id = r.room ? r.room->id : "";
                    sec.room_name = r.room ? r.room->name : "";
                    sec.face = face;
                    sec.number = s;
                    sec.levels = r.t->shelf_levels;
                    sec.width = r.t->section_width;
                    sec.kind = kind;
                    // A tiny epsilon keeps exact multiples (0.9 m / 0.025 m) from rounding down.
                    sec.capacity = static_cast<int>(std::floor(sec.width * sec.levels / thickness + 1e-9));
                    sec.target = static_cast<int>(std::floor(sec.capacity * fill + 1e-9));
                    out.push_back(std::move(sec));
                }
            }
        }
        for (const auto& r : g.displays) {
            Section sec;
            sec.id = r.f->id + "/1/1";
            sec.furniture_id = r.f->id;
            sec.label = r.f->label;
            sec.level_id = r.level->id;
            sec.room_id = r.room ? r.room->id : "";
            sec.room_name = r.room ? r.room->name : "";
            sec.levels = 1;
            sec.width = r.t->width;
            sec.kind = SectionKind::NewBooks;
            // A display is filled: the working fill is for shelves that must keep growth space.
            sec.capacity = sec.target = new_books_display_capacity(*r.t);
            out.push_back(std::move(sec));
        }
    }
    return out;
}

bool parse_section_id(std::string_view id, std::string* furniture, int* face, int* number) {
    auto last = id.rfind('/');
    if (last == std::string_view::npos || last == 0) return false;
    auto mid = id.rfind('/', last - 1);
    if (mid == std::string_view::npos || mid == 0) return false;
    auto num = [](std::string_view s, int* v) {
        if (s.empty() || s.size() > 6) return false;
        int x = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return false;
            x = x * 10 + (c - '0');
        }
        if (x < 1) return false;
        *v = x;
        return true;
    };
    int f = 0, n = 0;
    if (!num(id.substr(mid + 1, last - mid - 1), &f) || !num(id.substr(last + 1), &n)) return false;
    if (furniture) *furniture = std::string(id.substr(0, mid));
    if (face) *face = f;
    if (number) *number = n;
    return true;
}

}  // namespace shuxiang::shelving
