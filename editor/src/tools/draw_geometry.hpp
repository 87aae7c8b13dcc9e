#pragma once
// Pure 2D geometry of the drawing tools (walls, rooms, openings): snapping, typed lengths, closed wall
// loops and whether an opening fits on its wall. No GL, no ImGui, no editor state: unit-testable.
#include <optional>
#include <string>
#include <vector>

#include "shuxiang/plan/model.hpp"

namespace shuxiang::editor::draw {

using plan::Vec2;

// What a snapped point was attracted to.
enum class SnapKind { None, Grid, Angle, Endpoint, WallLine };

struct SnapOptions {
    double grid = 0.1;       // m
    double angle_deg = 15;   // segment directions snap to multiples of this
    double radius = 0.25;    // m, how close a wall endpoint or wall line must be to attract
};

struct Snapped {
    Vec2 p;
    SnapKind kind = SnapKind::None;
};

// Snaps a cursor point while drawing. In order of preference: an endpoint of the level's walls or of
// `drawing` (the points placed so far, except `anchor`) within the radius; a point on a wall's centre
// line within the radius (its distance along that segment rounded to the grid); with an anchor (the
// last placed point) the direction rounded to a multiple of the angle step and the length to the
// grid; without one, both coordinates rounded to the grid.
Snapped snap_point(Vec2 raw, const std::optional<Vec2>& anchor, const std::vector<Vec2>& drawing,
                   const plan::Level& level, const SnapOptions& opt = {});

// The point `length` metres from `anchor` towards `toward` (+X when they coincide).
Vec2 point_at_length(Vec2 anchor, Vec2 toward, double length);

// Length and direction (degrees counter-clockwise from +X, in [0, 360)) of the segment a → b.
double segment_angle_deg(Vec2 a, Vec2 b);

// Parses a typed length ("4.5", "450cm", "4500mm", "4.5m"); nullopt unless positive and finite. The
// decimal separator is a point: a comma separates Δx and Δy (parse_typed_step).
std::optional<double> parse_length(const std::string& text);

// What a user typed while drawing: a length along the cursor's direction ("8"), a length and an angle
// in degrees counter-clockwise from +X ("8<90"), or the step's Δx and Δy ("3,4", "-2.5,0", "300cm,0").
struct TypedStep {
    enum class Kind { Length, Polar, Delta } kind = Kind::Length;
    double length = 0;     // Length, Polar
    double angle_deg = 0;  // Polar
    Vec2 delta;            // Delta
};
std::optional<TypedStep> parse_typed_step(const std::string& text);
// The point the typed step reaches from `from`, the cursor giving a bare length its direction.
Vec2 typed_step_point(const TypedStep& step, Vec2 from, std::optional<Vec2> cursor);

// The axis-aligned rectangle spanned by two corners, counter-clockwise; empty when it has no area.
std::vector<Vec2> rectangle(Vec2 a, Vec2 b);

// A polygon clicked corner by corner, made counter-clockwise. Empty (with `why` set to a translation
// key) when it has fewer than three distinct corners, no area or crossing edges.
std::vector<Vec2> room_polygon(std::vector<Vec2> corners, std::string* why = nullptr);

// The smallest closed loop of wall centre lines around `p` (walls are split where they meet or cross;
// dangling pieces are ignored), counter-clockwise without repeated or collinear corners. Empty when
// `p` is not enclosed.
std::vector<Vec2> wall_loop_around(const plan::Level& level, Vec2 p);

// The wall nearest to `p` whose face is within `margin` of it: its id and the distance along its
// polyline of the foot of the perpendicular.
struct WallHit {
    std::string wall;
    double offset = 0;    // m along the polyline from its first point
    double distance = 0;  // m from p to the centre line
};
std::optional<WallHit> nearest_wall(const plan::Level& level, Vec2 p, double margin);

// Whether an opening of `width` centred `offset` metres along `wall` fits: it must lie on one straight
// segment of the wall and not overlap another opening of that wall (touching is allowed). `ignore` is
// the id of the opening being edited. Returns empty when it fits, else a translation key.
std::string opening_misfit(const plan::Level& level, const std::string& wall, double offset, double width,
                           const std::string& ignore = {});

// The two ends of an opening on its wall's centre line (nullopt when the wall is missing).
std::optional<std::pair<Vec2, Vec2>> opening_ends(const plan::Level& level, const plan::Opening& o);

// The top view's door symbol: for each leaf, the open leaf (hinge → tip, perpendicular to the wall on
// its left side) and the quarter arc its tip sweeps from the closed position, as polylines. A left
// door hinges at the end farther along the wall, a right door at the nearer end, a double door has
// two leaves of half the width; windows, sliding doors and openings without a swing have none.
std::vector<std::vector<Vec2>> door_swing(const plan::Level& level, const plan::Opening& o, int arc_steps = 12);

}  // namespace shuxiang::editor::draw
