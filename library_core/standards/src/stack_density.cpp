// Stack rooms by arrangement (GB 50099-2011 5.13.3-4): the books their shelving holds per m² against
// the density their arrangement (open, closed, compact) is planned for, and the aisles compact
// shelving does not keep open.
#include <algorithm>
#include <cmath>

#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/standards/compliance.hpp"

namespace shuxiang::standards {

using namespace plan;

BookPlaces book_places(const Furniture& f, const FurnitureType& t, const RuleSet& rules, std::vector<std::string>& missing) {
    BookPlaces out;
    if (!t.holds_books() || t.category == FurnitureCategory::PeriodicalRack) return out;
    const bool reference = f.label.find("工具书") != std::string::npos || f.label.find("reference") != std::string::npos;
    const std::string key = std::string("stacks.book_thickness.") +
                            (t.category == FurnitureCategory::PictureBookBin ? "picture" : reference ? "reference" : "general");
    const Figure* thickness = rules.figure(key);
    if (!thickness) {
        missing.push_back(key);
        return out;
    }
    if (thickness->value <= 0) return out;
    const int sections = effective_sections(f, t) * std::max(1, t.faces);
    out.books = sections * std::floor(t.section_width * t.shelf_levels / thickness->value + 1e-9);
    out.metres = sections * t.section_width * t.shelf_levels;
    return out;
}

std::string stack_density_key(StackArrangement a) { return std::string("stacks.books_per_m2.") + to_string(a); }

std::vector<StackDensity> stack_densities(const Plan& plan, const FurnitureCatalog& catalog, const RuleSet& rules,
                                          std::vector<std::string>& missing) {
    std::vector<StackDensity> out;
    for (const Level& l : plan.levels)
        for (const Room& r : l.rooms) {
            if (r.kind != RoomKind::Stacks || r.polygon.size() < 3) continue;
            StackDensity d{&l, &r, room_area(l, r), 0, 0, rules.figure(stack_density_key(r.stacks))};
            bool shelving = false;
            for (const Furniture& f : l.furniture) {
                const FurnitureType* t = catalog.find(f.type);
                if (!t || room_of(l, f) != &r) continue;
                const BookPlaces b = book_places(f, *t, rules, missing);
                shelving = shelving || b.metres > 0;
                d.books += b.books;
            }
            if (!shelving || d.area <= 0) continue;
            if (!d.figure) missing.push_back(stack_density_key(r.stacks));
            d.per_m2 = d.books / d.area;
            out.push_back(d);
        }
    std::sort(missing.begin(), missing.end());
    missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
    return out;
}

std::vector<Aisle> fixed_aisles(const Plan& plan, const FurnitureCatalog& catalog) {
    std::vector<Aisle> out = aisles(plan, catalog);
    std::erase_if(out, [&](const Aisle& a) {
        if (a.b_is_wall) return false;
        const Level* l = find_level(plan, a.level);
        const Furniture* fa = l ? find_furniture(*l, a.a) : nullptr;
        const Furniture* fb = l ? find_furniture(*l, a.b) : nullptr;
        if (!fa || !fb) return false;
        const Room* ra = room_of(*l, *fa);
        return ra && ra == room_of(*l, *fb) && ra->kind == RoomKind::Stacks && ra->stacks == StackArrangement::Compact;
    });
    return out;
}

}  // namespace shuxiang::standards
