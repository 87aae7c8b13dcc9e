// The levels of a plan joined by stairs, laid out for the simulator: each level's copy side by side in
// one plane (shifted east), every flight of stairs as floor on its lower level's copy, and the gates at
// which walkers change level (docs/pedestrian-model.md, Stairs).
#pragma once

#include <shuxiang/walkable/from_plan.hpp>

#include <functional>
#include <string>
#include <vector>

namespace shuxiang::walkable {

// One level's copy in the plane: plane = plan coordinates + offset.
struct LevelPlace {
    std::string id;
    int level = 0;              // index in plan.levels
    double elevation = 0;
    geometry::Vec2 offset;
    geometry::Box box;          // bounds of the copy in the plane
};

// A stair as the simulator walks it. In the plane the flight lies on the lower level's copy, from
// `foot` to `head` (its sides and the far end of a short pocket beyond the head are walls); a walker
// going up changes level at `up_gate` (near the head, in the pocket) and appears on the upper copy at
// `upper_arrival`; one going down changes at `down_gate` (on the upper landing) and appears at
// `lower_arrival` (at the top of the flight). Arrivals are centres across the flight; walkers keep
// their place across it where that is free.
struct StairWay {
    std::string stair;
    int lower = 0, upper = 0;   // indices into BuildingArea::levels
    geometry::Polygon flight;   // lower copy, foot to head
    geometry::Vec2 axis;        // unit, up the flight
    geometry::Vec2 across;      // unit, to the left going up
    geometry::Vec2 foot, head;  // lower copy
    double width = 1.2, length = 0, rise = 0.15, run = 0.28;
    int steps = 0;
    geometry::Vec2 up_gate, upper_arrival, down_gate, lower_arrival;
};

// One stair of a way across levels, taken up or down.
struct StairHop {
    int stair = 0;  // index into BuildingArea::stairs
    bool up = true;
};

struct BuildingArea {
    PlanArea area;                    // every joined level and flight (exits: the ground's elevation only)
    plan::Level merged;               // the joined levels' rooms, walls, openings, furniture in the plane
    std::vector<LevelPlace> levels;   // [0] is the ground level (offset 0)
    std::vector<StairWay> stairs;
    // Index into `levels` of the copy whose box holds p, or -1.
    int level_at(geometry::Vec2 p) const;
    // The stairs from the level of `from` to level `to`: the chain of levels with the fewest stairs,
    // and on each link the stair for which cost(at, stair, up, last) is least (the walk from `at` to
    // its gate and, on the last link, on beyond; infinity for none). `at` is `from`, then where the
    // previous stair arrives. Empty when `from` already is on `to` or no way leads there.
    using HopCost = std::function<double(geometry::Vec2 at, const StairWay& stair, bool up, bool last)>;
    std::vector<StairHop> stair_hops(geometry::Vec2 from, int to, const HopCost& cost) const;
    // The level after `from` on a chain of fewest stairs to `to`; -1 when none.
    int next_level(int from, int to) const;
};

// Indices of the plan's levels joined to `ground` by stairs (directly or through other levels),
// `ground` first, then in plan order.
std::vector<int> levels_joined(const plan::Plan& plan, int ground);

// Lays out the levels joined to plan.levels[ground]. A level above the ground's elevation is left by
// its stairs: its entrances and emergency exits lead to stairs the plan does not draw, so here they are
// doors with nothing beyond. With no stair the result is walkable_from_level(ground level).
BuildingArea walkable_from_building(const plan::Plan& plan, int ground, const plan::FurnitureCatalog& catalog,
                                    const PlanAreaOptions& options = {});

}  // namespace shuxiang::walkable
