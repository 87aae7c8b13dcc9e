#pragma once
// Axis-aligned plan extents of furniture footprints, shared by snapping, alignment and the array tool.
#include <string>
#include <vector>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::editor {

// An axis-aligned rectangle on the plan (m).
struct Box2 {
    plan::Vec2 lo{1e300, 1e300};
    plan::Vec2 hi{-1e300, -1e300};
    bool empty() const { return lo.x > hi.x; }
    void add(plan::Vec2 p);
    void add(const Box2& b);
    plan::Vec2 centre() const { return {(lo.x + hi.x) / 2, (lo.y + hi.y) / 2}; }
    double width() const { return hi.x - lo.x; }
    double height() const { return hi.y - lo.y; }
    Box2 moved(plan::Vec2 d) const { return {{lo.x + d.x, lo.y + d.y}, {hi.x + d.x, hi.y + d.y}}; }
};

// The footprint polygon in plan coordinates; an item of an unknown type is a 0.5 m square (as drawn).
std::vector<plan::Vec2> item_outline(const plan::Furniture& f, const plan::FurnitureCatalog& catalog);
// The extent of an item's footprint.
Box2 item_box(const plan::Furniture& f, const plan::FurnitureCatalog& catalog);
Box2 items_box(const std::vector<plan::Furniture>& items, const plan::FurnitureCatalog& catalog);

// The level with its items of the same ids replaced by `changed` (a drag's preview).
plan::Level with_items(plan::Level level, const std::vector<plan::Furniture>& changed);
// Ids of the level's furniture whose footprints overlap another's by more than 1 mm.
std::vector<std::string> overlapping_ids(const plan::Level& level, const plan::FurnitureCatalog& catalog);

// Copies of the level's furniture with these ids, in the level's order.
std::vector<plan::Furniture> furniture_with_ids(const plan::Level& level, const std::vector<std::string>& ids);

}  // namespace shuxiang::editor
