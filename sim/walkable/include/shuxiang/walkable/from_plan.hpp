// Adapter from a plan level (rooms, walls with thickness, door openings, furniture) to the walkable
// area the simulator works on.
#pragma once

#include <shuxiang/geometry/walkable_area.hpp>
#include <shuxiang/plan/furniture.hpp>
#include <shuxiang/plan/model.hpp>

#include <string>
#include <vector>

namespace shuxiang::walkable {

// An exit of the level: the area just outside an emergency exit or entrance (depth `exit_depth`).
struct PlanExit {
    std::string opening;        // opening id
    geometry::Polygon area;     // goal area outside the wall (also part of the walkable area)
    geometry::Vec2 door_centre; // centre of the opening on the wall's centre line
};

// A door or emergency exit: the line across it on the wall's centre line, post to post.
struct PlanDoor {
    std::string opening;
    geometry::Segment across;
    double width = 0.9;
    double wall_thickness = 0.2;
};

struct PlanArea {
    geometry::WalkableArea area;
    std::vector<PlanExit> exits;
    std::vector<PlanDoor> doors;
    std::vector<std::string> unknown_furniture;  // furniture ids whose type the catalogue lacks
};

struct PlanAreaOptions {
    double exit_depth = 1.0;  // m of outside ground added beyond exits
};

// Rooms are accessible; wall pieces between openings and furniture footprints are obstacles; doors
// and emergency exits become passages through the wall; windows stay wall.
PlanArea walkable_from_level(const plan::Level& level, const plan::FurnitureCatalog& catalog,
                             const PlanAreaOptions& options = {});

}  // namespace shuxiang::walkable
