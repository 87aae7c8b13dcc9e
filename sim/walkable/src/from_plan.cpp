#include <shuxiang/walkable/from_plan.hpp>

#include <shuxiang/plan/geometry.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

namespace shuxiang::walkable {

namespace {

geometry::Vec2 g(plan::Vec2 v) { return {v.x, v.y}; }

geometry::Polygon to_polygon(const std::vector<plan::Vec2>& pts) {
    geometry::Polygon p;
    for (auto& v : pts) p.push_back(g(v));
    return p;
}

// Rectangle of half-width `half` around the segment a-b.
geometry::Polygon band(geometry::Vec2 a, geometry::Vec2 b, double half) {
    geometry::Vec2 d = geometry::normalized(b - a);
    geometry::Vec2 n = geometry::perp(d) * half;
    return {a - n, b - n, b + n, a + n};
}

bool passable(const plan::Opening& o) {
    return o.kind == plan::OpeningKind::Door || o.kind == plan::OpeningKind::EmergencyExit;
}

}  // namespace

PlanArea walkable_from_level(const plan::Level& level, const plan::FurnitureCatalog& catalog,
                             const PlanAreaOptions& options) {
    PlanArea out;
    for (auto& room : level.rooms) out.area.add_accessible(to_polygon(room.polygon));
    auto in_some_room = [&](geometry::Vec2 p) {
        for (auto& room : level.rooms)
            if (geometry::point_in_polygon(to_polygon(room.polygon), p)) return true;
        return false;
    };

    for (auto& wall : level.walls) {
        if (wall.points.size() < 2) continue;
        // Openings of this wall as intervals along its polyline.
        std::vector<std::pair<double, double>> gaps;
        for (auto& o : level.openings)
            if (o.wall == wall.id && passable(o)) gaps.push_back({o.offset - o.width / 2, o.offset + o.width / 2});
        std::sort(gaps.begin(), gaps.end());
        const double half = wall.thickness / 2;
        double s0 = 0;
        for (std::size_t i = 0; i + 1 < wall.points.size(); ++i) {
            geometry::Vec2 a = g(wall.points[i]), b = g(wall.points[i + 1]);
            double len = geometry::norm(b - a);
            if (len < 1e-9) continue;
            geometry::Vec2 dir = (b - a) * (1.0 / len);
            // Solid pieces of this segment: [0, len] minus the gaps. Pieces at a polyline joint
            // reach half a thickness past it so that corners stay closed.
            double cur = 0;
            auto solid = [&](double t0, double t1) {
                double e0 = t0 <= 0 && i > 0 ? -half : t0;
                double e1 = t1 >= len && i + 2 < wall.points.size() ? len + half : t1;
                if (e1 - e0 > 1e-6) out.area.add_obstacle(band(a + dir * e0, a + dir * e1, half));
            };
            for (auto& [g0, g1] : gaps) {
                double t0 = std::clamp(g0 - s0, 0.0, len), t1 = std::clamp(g1 - s0, 0.0, len);
                if (t1 <= t0) continue;
                solid(cur, t0);
                // The passage through the wall, a little wider than the wall so that it meets the rooms.
                out.area.add_accessible(band(a + dir * t0, a + dir * t1, half + 0.05));
                cur = std::max(cur, t1);
            }
            solid(cur, len);
            s0 += len;
        }
    }

    for (auto& o : level.openings) {
        if (!passable(o)) continue;
        const plan::Wall* wall = plan::find_wall(level, o.wall);
        auto at = wall ? plan::point_along_polyline(wall->points, o.offset) : std::nullopt;
        if (!at) continue;
        geometry::Vec2 c = g(at->point), d = geometry::normalized(g(at->direction)) * (o.width / 2);
        out.doors.push_back({o.id, {c - d, c + d}, o.width, wall->thickness});
    }

    // Exits: the ground just outside emergency exits and entrances.
    for (auto& o : level.openings) {
        if (!passable(o) || !(o.kind == plan::OpeningKind::EmergencyExit || o.entrance)) continue;
        const plan::Wall* wall = plan::find_wall(level, o.wall);
        if (!wall) continue;
        auto at = plan::point_along_polyline(wall->points, o.offset);
        if (!at) continue;
        geometry::Vec2 c = g(at->point), d = geometry::normalized(g(at->direction));
        geometry::Vec2 n = geometry::perp(d);
        double probe = wall->thickness / 2 + 0.3;
        // Outside is the side that lies in no room.
        if (in_some_room(c + n * probe) && !in_some_room(c - n * probe)) n = n * -1.0;
        else if (in_some_room(c + n * probe)) continue;  // an inner door marked as entrance: no way out here
        geometry::Vec2 base = c + n * (wall->thickness / 2);
        geometry::Vec2 w = d * (o.width / 2 + 0.5);
        geometry::Polygon area{base - w, base + w, base + w + n * options.exit_depth, base - w + n * options.exit_depth};
        out.area.add_accessible(area);
        out.exits.push_back({o.id, area, c});
    }

    for (auto& f : level.furniture) {
        const plan::FurnitureType* t = catalog.find(f.type);
        if (!t) {
            out.unknown_furniture.push_back(f.id);
            continue;
        }
        out.area.add_obstacle(to_polygon(plan::world_footprint(f, *t)));
    }
    return out;
}

}  // namespace shuxiang::walkable
