// Exits and entrances: the clear landing in front of each, measured as the widest free stretch along
// the wall that a band in front of the door leaves between furniture and walls.
#include <algorithm>
#include <cmath>
#include <optional>

#include "layout_detail.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/plan/route.hpp"

namespace shuxiang::standards::detail {

using namespace plan;

namespace {

// An opening's place: centre on the wall's centre line, the wall's direction and its left normal.
struct DoorFrame {
    Vec2 centre;
    Vec2 along;
    Vec2 normal;
    double half_thickness = 0;
};

std::optional<DoorFrame> door_frame(const Level& l, const Opening& o) {
    const Wall* w = find_wall(l, o.wall);
    if (!w) return std::nullopt;
    const auto at = point_along_polyline(w->points, o.offset);
    if (!at) return std::nullopt;
    return DoorFrame{at->point, at->direction, {-at->direction.y, at->direction.x}, w->thickness / 2};
}

// The polygon of a band in front of a door on side `side` (+1: the wall's left normal, -1: right):
// `half_span` either side of the centre along the wall, from the wall's face to `depth` beyond it.
std::vector<Vec2> band(const DoorFrame& d, double side, double half_span, double depth) {
    const Vec2 n = d.normal * side;
    const double near = d.half_thickness + 0.005, far = d.half_thickness + depth;
    return {d.centre - d.along * half_span + n * near, d.centre + d.along * half_span + n * near,
            d.centre + d.along * half_span + n * far, d.centre - d.along * half_span + n * far};
}

// Free stretches along the wall inside a band: the obstacles entering it, projected on the wall's
// direction, leave gaps; the widest gap that reaches the door's own span is the clear width.
double clear_width(const DoorFrame& d, const std::vector<Vec2>& rect, double half_span, double half_door,
                   const std::vector<std::vector<Vec2>>& obstacles) {
    std::vector<std::pair<double, double>> blocked;
    for (const auto& poly : obstacles) {
        if (convex_overlap_depth(rect, poly) <= 1e-4) continue;
        double lo = 1e9, hi = -1e9;
        for (const Vec2& p : poly) {
            const double t = dot(p - d.centre, d.along);
            lo = std::min(lo, t);
            hi = std::max(hi, t);
        }
        blocked.emplace_back(std::max(lo, -half_span), std::min(hi, half_span));
    }
    std::sort(blocked.begin(), blocked.end());
    double best = 0, start = -half_span;
    auto gap = [&](double a, double b) {
        if (b > a && b > -half_door && a < half_door) best = std::max(best, b - a);
    };
    for (const auto& [lo, hi] : blocked) {
        gap(start, lo);
        start = std::max(start, hi);
    }
    gap(start, half_span);
    return best;
}

std::vector<std::vector<Vec2>> obstacles_of(const Level& l, const FurnitureCatalog& catalog) {
    std::vector<std::vector<Vec2>> out;
    for (const Furniture& f : l.furniture)
        if (const FurnitureType* t = catalog.find(f.type)) out.push_back(convex_hull(world_footprint(f, *t)));
    for (auto& piece : wall_pieces(l)) out.push_back(std::move(piece.poly));
    return out;
}

}  // namespace

void check_exits(const LayoutCtx& x, std::vector<LayoutProblem>& out) {
    const double need = x.rules.value("evacuation.exit_clear_width", 1.2);
    const double depth = x.rules.value("evacuation.exit_clear_depth", 1.2);
    for (const Level& l : x.plan.levels) {
        std::vector<std::vector<Vec2>> obstacles;
        for (const Opening& o : l.openings) {
            if (o.kind == OpeningKind::Window || !(o.entrance || o.kind == OpeningKind::EmergencyExit)) continue;
            const auto d = door_frame(l, o);
            if (!d) continue;
            if (obstacles.empty()) obstacles = obstacles_of(l, x.catalog);
            const double half_span = std::max(need, o.width) / 2 + 0.5;
            for (const double side : {1.0, -1.0}) {
                // Only the sides that lie in a room are judged: outside the building is not planned.
                if (!room_at(l, d->centre + d->normal * (side * (d->half_thickness + 0.1)))) continue;
                const auto rect = band(*d, side, half_span, depth);
                const double w = clear_width(*d, rect, half_span, o.width / 2, obstacles);
                if (w >= need - 1e-9) continue;
                LayoutProblem p = x.make("exit_blocked", l, "evacuation.exit_clear_width");
                x.add_opening(p, l, o);
                for (const Furniture& f : l.furniture)
                    if (const FurnitureType* t = x.catalog.find(f.type))
                        if (convex_overlap_depth(rect, convex_hull(world_footprint(f, *t))) > 1e-4)
                            x.add_furniture(p, l, f);
                p.measured = w;
                p.required = need;
                p.at = d->centre + d->normal * (side * (d->half_thickness + depth / 2));
                out.push_back(std::move(p));
            }
        }
    }
}

namespace {

// Where the way to an exit starts: just inside the room beyond another door of the room (past the
// floor in front of that door, which routes judge by the door's own width).
std::optional<std::vector<Vec2>> beyond_door(const Level& l, const Opening& d, const Room& room, double width) {
    const auto f = door_frame(l, d);
    const auto sides = door_sides(l, d);
    if (!f || !sides || (sides->left != &room && sides->right != &room)) return std::nullopt;
    const double side = sides->left == &room ? 1.0 : -1.0;
    const double near = width / 2 + 0.1, far = near + 0.3;
    const Vec2 n = f->normal * side;
    const Vec2 a = f->centre - f->along * (d.width / 2), b = f->centre + f->along * (d.width / 2);
    const double h = f->half_thickness;
    return std::vector<Vec2>{a + n * (h + near), b + n * (h + near), b + n * (h + far), a + n * (h + far)};
}

// The way to an emergency exit: from every other door of the room it serves, the widest route to the
// exit must be as wide as the exit's required clear width.
void exit_paths(const LayoutCtx& x, const Level& l, const Opening& exit, std::vector<LayoutProblem>& out) {
    const auto sides = door_sides(l, exit);
    if (!sides) return;
    RouteOptions opt;
    opt.width = x.rules.value("evacuation.exit_clear_width", 1.2);
    opt.from = {exit.id};
    for (const Room* room : {sides->left, sides->right}) {
        if (!room) continue;
        std::vector<const Opening*> doors;
        std::vector<std::vector<Vec2>> targets;
        for (const Opening& d : l.openings) {
            if (&d == &exit || d.kind == OpeningKind::Window) continue;
            if (auto t = beyond_door(l, d, *room, opt.width)) {
                doors.push_back(&d);
                targets.push_back(std::move(*t));
            }
        }
        const auto wide = widest_routes(l, x.catalog, targets, opt);
        for (std::size_t i = 0; i < doors.size(); ++i) {
            if (wide[i] >= opt.width - opt.cell - 1e-9) continue;
            LayoutProblem p = x.make("exit_path_narrow", l, "evacuation.exit_clear_width");
            x.add_opening(p, l, exit);
            x.add_opening(p, l, *doors[i]);
            x.add_room(p, *room);
            p.measured = wide[i];
            p.required = opt.width;
            p.at = polygon_centroid(targets[i]);
            out.push_back(std::move(p));
        }
    }
}

// What a leaf's sweep runs into: furniture entering it, or a wall deeper than 1 cm (the leaf's own
// wall only touches it along the closed leaf).
void leaf_collisions(const LayoutCtx& x, const Level& l, const Opening& o, std::vector<LayoutProblem>& out) {
    constexpr double kTolerance = 0.01;
    const auto sweeps = door_leaf_sweeps(l, o);
    if (sweeps.empty()) return;
    const auto pieces = wall_pieces(l);
    for (const auto& sweep : sweeps) {
        auto report = [&](double depth) {
            LayoutProblem p = x.make("door_swing", l, "");
            x.add_opening(p, l, o);
            p.measured = depth;
            p.required = 0;
            p.at = polygon_centroid(sweep);
            return p;
        };
        for (const Furniture& f : l.furniture) {
            const FurnitureType* t = x.catalog.find(f.type);
            if (!t) continue;
            const double depth = convex_overlap_depth(sweep, convex_hull(world_footprint(f, *t)));
            if (depth <= kTolerance) continue;
            LayoutProblem p = report(depth);
            x.add_furniture(p, l, f);
            out.push_back(std::move(p));
        }
        for (const auto& piece : pieces) {
            const double depth = convex_overlap_depth(sweep, piece.poly);
            if (depth <= kTolerance) continue;
            LayoutProblem p = report(depth);
            x.add_wall(p, l, *piece.wall);
            out.push_back(std::move(p));
        }
    }
}

// An emergency exit whose leaf opens into the room it serves, against the direction of escape. The
// escape side is the one outside every room; between two rooms the direction is not judged.
void exit_direction(const LayoutCtx& x, const Level& l, const Opening& o, std::vector<LayoutProblem>& out) {
    if (o.kind != OpeningKind::EmergencyExit) return;
    if (o.swing != DoorSwing::Left && o.swing != DoorSwing::Right && o.swing != DoorSwing::Double) return;
    const auto sides = door_sides(l, o);
    if (!sides || (sides->left != nullptr) == (sides->right != nullptr)) return;
    const Room* inside = sides->left ? sides->left : sides->right;
    const bool into_room = (o.opens_to == WallSide::Left) == (sides->left != nullptr);
    if (!into_room) return;
    LayoutProblem p = x.make("exit_swings_inward", l, "evacuation.exit_opens_outward");
    x.add_opening(p, l, o);
    x.add_room(p, *inside);
    p.unit.clear();
    p.measured = 0;  // 1 = opens outwards, as required
    if (const auto d = door_frame(l, o)) p.at = d->centre;
    out.push_back(std::move(p));
}

}  // namespace

void check_exit_paths(const LayoutCtx& x, std::vector<LayoutProblem>& out) {
    for (const Level& l : x.plan.levels)
        for (const Opening& o : l.openings)
            if (o.kind == OpeningKind::EmergencyExit) exit_paths(x, l, o, out);
}

void check_door_swings(const LayoutCtx& x, std::vector<LayoutProblem>& out) {
    for (const Level& l : x.plan.levels)
        for (const Opening& o : l.openings) {
            leaf_collisions(x, l, o, out);
            exit_direction(x, l, o, out);
        }
}

}  // namespace shuxiang::standards::detail
