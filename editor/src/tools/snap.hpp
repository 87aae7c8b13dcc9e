#pragma once
// Snapping while moving and rotating furniture: to the grid, to 15° steps, flush against a wall's face
// and edge to edge with neighbouring furniture. Pure functions on the plan, so tests can check them.
#include <string>
#include <vector>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::editor {

struct SnapSettings {
    bool enabled = true;   // Y toggles; Ctrl inverts while dragging
    double grid = 0.1;     // m, also the arrow keys' nudge step
    double angle = 15.0;   // degrees
    bool walls = true;
    bool furniture = true;
    double reach = 0.25;   // m: a wall face or a neighbour's edge closer than this catches the moving edge
};

// What one axis of a move snapped to.
enum class SnapKind { None, Grid, Wall, Furniture };

struct SnapResult {
    plan::Vec2 offset;                        // the snapped move
    SnapKind kind_x = SnapKind::None, kind_y = SnapKind::None;
    std::string target_x, target_y;           // wall or furniture id an axis snapped to
};

double snap_to_step(double value, double step);  // nearest multiple; step <= 0 leaves the value
// The snapped move of the furniture `moving` (ids on `level`) by `raw`. Per axis, the nearest wall face
// or neighbour edge within `reach` wins; otherwise the first moving item's centre lands on the grid.
// A wall along X or Y catches one axis; an oblique wall moves the items along its normal (both axes).
// Neighbours count by their footprints' axis-aligned extents: facing edges meet, and a neighbour that
// close also lines up the other axis's edges (a row of ranges end to end keeps its fronts flush).
SnapResult snap_move(const plan::Level& level, const plan::FurnitureCatalog& catalog,
                     const std::vector<std::string>& moving, plan::Vec2 raw, const SnapSettings& s);
// A rotation by `raw_deg` snapped so that the item ends on a multiple of the angle step.
double snap_rotation(double start_yaw_deg, double raw_deg, const SnapSettings& s);

}  // namespace shuxiang::editor
