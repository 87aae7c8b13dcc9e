#include "tools/extent.hpp"

#include <algorithm>

#include "shuxiang/plan/geometry.hpp"

namespace shuxiang::editor {

void Box2::add(plan::Vec2 p) {
    lo = {std::min(lo.x, p.x), std::min(lo.y, p.y)};
    hi = {std::max(hi.x, p.x), std::max(hi.y, p.y)};
}

void Box2::add(const Box2& b) {
    if (b.empty()) return;
    add(b.lo);
    add(b.hi);
}

std::vector<plan::Vec2> item_outline(const plan::Furniture& f, const plan::FurnitureCatalog& catalog) {
    if (const plan::FurnitureType* t = catalog.find(f.type)) return plan::world_footprint(f, *t);
    const double x = f.position.x, y = f.position.y;
    return {{x - 0.25, y - 0.25}, {x + 0.25, y - 0.25}, {x + 0.25, y + 0.25}, {x - 0.25, y + 0.25}};
}

Box2 item_box(const plan::Furniture& f, const plan::FurnitureCatalog& catalog) {
    Box2 b;
    for (const auto& p : item_outline(f, catalog)) b.add(p);
    return b;
}

Box2 items_box(const std::vector<plan::Furniture>& items, const plan::FurnitureCatalog& catalog) {
    Box2 b;
    for (const auto& f : items) b.add(item_box(f, catalog));
    return b;
}

plan::Level with_items(plan::Level level, const std::vector<plan::Furniture>& changed) {
    for (auto& f : level.furniture)
        for (const auto& g : changed)
            if (g.id == f.id) f = g;
    return level;
}

std::vector<std::string> overlapping_ids(const plan::Level& level, const plan::FurnitureCatalog& catalog) {
    plan::Plan p;
    p.levels.push_back(level);
    std::vector<std::string> out;
    for (const auto& o : plan::furniture_overlaps(p, catalog, 1e-3)) {
        out.push_back(o.a);
        out.push_back(o.b);
    }
    return out;
}

std::vector<plan::Furniture> furniture_with_ids(const plan::Level& level, const std::vector<std::string>& ids) {
    std::vector<plan::Furniture> out;
    for (const auto& f : level.furniture)
        if (std::find(ids.begin(), ids.end(), f.id) != ids.end()) out.push_back(f);
    return out;
}

}  // namespace shuxiang::editor
