#include "tools/extent.hpp"

#include <algorithm>

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

Box2 item_box(const plan::Furniture& f, const plan::FurnitureCatalog& catalog) {
    Box2 b;
    if (const plan::FurnitureType* t = catalog.find(f.type)) {
        for (const auto& p : plan::world_footprint(f, *t)) b.add(p);
    } else {
        b.add(plan::Vec2{f.position.x - 0.25, f.position.y - 0.25});
        b.add(plan::Vec2{f.position.x + 0.25, f.position.y + 0.25});
    }
    return b;
}

Box2 items_box(const std::vector<plan::Furniture>& items, const plan::FurnitureCatalog& catalog) {
    Box2 b;
    for (const auto& f : items) b.add(item_box(f, catalog));
    return b;
}

std::vector<plan::Furniture> furniture_with_ids(const plan::Level& level, const std::vector<std::string>& ids) {
    std::vector<plan::Furniture> out;
    for (const auto& f : level.furniture)
        if (std::find(ids.begin(), ids.end(), f.id) != ids.end()) out.push_back(f);
    return out;
}

}  // namespace shuxiang::editor
