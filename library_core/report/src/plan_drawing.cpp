#include "shuxiang/report/plan_drawing.hpp"

#include <algorithm>
#include <cmath>

#include "shuxiang/plan/geometry.hpp"

namespace shuxiang::report {

using plan::Vec2;

void Extent::add(Vec2 p) {
    minx = std::min(minx, p.x);
    miny = std::min(miny, p.y);
    maxx = std::max(maxx, p.x);
    maxy = std::max(maxy, p.y);
}

const char* room_colour(plan::RoomKind k) {
    using plan::RoomKind;
    switch (k) {
        case RoomKind::Stacks: return "#c9b79c";
        case RoomKind::Lending: return "#f2c57c";
        case RoomKind::Reading: return "#a8d5ba";
        case RoomKind::Research: return "#9cc3e6";
        case RoomKind::Rest: return "#f4b6c2";
        case RoomKind::AudioVisual: return "#c3b1e1";
        case RoomKind::AudioVisualStore: return "#ddd3ef";
        case RoomKind::Periodicals: return "#d9e8a6";
        case RoomKind::Workroom: return "#d0d0d0";
        case RoomKind::ClassroomCorner: return "#ffe08a";
        case RoomKind::ReadingCorridor: return "#b5e3e3";
        case RoomKind::OutdoorReading: return "#b9dd9b";
        case RoomKind::Circulation: return "#eeeeee";
    }
    return "#eeeeee";
}

double scale_bar_length(double at_most) {
    double len = 1;
    for (double step : {1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0})
        if (step <= at_most) len = step;
    return len;
}

namespace {

DrawnOpening drawn_opening(const plan::Level& level, const plan::Opening& op, const plan::Wall& wall) {
    DrawnOpening d;
    d.id = op.id;
    d.kind = op.kind;
    d.wall_thickness = wall.thickness;
    const auto at = plan::point_along_polyline(wall.points, op.offset);
    const Vec2 c = at ? at->point : (wall.points.empty() ? Vec2{} : wall.points.front());
    const Vec2 dir = at ? at->direction : Vec2{1, 0};
    d.a = c - dir * (op.width / 2);
    d.b = c + dir * (op.width / 2);
    d.leaves = plan::door_leaf_sweeps(level, op, 12);
    return d;
}

Extent level_extent(const plan::Level& level) {
    Extent e;
    for (const auto& r : level.rooms)
        for (const auto& p : r.polygon) e.add(p);
    for (const auto& w : level.walls)
        for (const auto& p : w.points) e.add(p);
    return e;
}

}  // namespace

std::vector<DimensionLine> wall_dimension_lines(const plan::Level& level, double gap, double min_length) {
    const Extent e = level_extent(level);
    const Vec2 centre{(e.minx + e.maxx) / 2, (e.miny + e.maxy) / 2};
    std::vector<DimensionLine> out;
    for (const auto& w : level.walls)
        for (std::size_t i = 0; i + 1 < w.points.size(); ++i) {
            const Vec2 a = w.points[i], b = w.points[i + 1];
            const double len = plan::length(b - a);
            if (len < min_length) continue;
            const Vec2 d = (b - a) * (1 / len);
            Vec2 n{-d.y, d.x};
            if (plan::dot((a + b) * 0.5 - centre, n) < 0) n = n * -1.0;
            const Vec2 off = n * (w.thickness / 2 + gap);
            out.push_back({w.id, a, b, a + off, b + off, len});
        }
    return out;
}

LevelDrawing level_drawing(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, std::size_t index) {
    LevelDrawing out;
    if (index >= plan.levels.size()) return out;
    const plan::Level& level = plan.levels[index];
    out.level_id = level.id;
    out.level_name = level.name;
    out.extent = level_extent(level);
    for (const auto& r : level.rooms) {
        DrawnRoom d{r.id, r.name, r.kind, r.polygon, {}, plan::room_area(level, r)};
        if (!r.polygon.empty()) d.label_at = plan::polygon_centroid(r.polygon);
        out.rooms.push_back(std::move(d));
    }
    for (const auto& w : level.walls) {
        DrawnWall d{w.id, w.points, w.thickness, {}};
        for (std::size_t i = 1; i < w.points.size(); ++i) {
            auto poly = plan::wall_segment_polygon(w.points[i - 1], w.points[i], w.thickness);
            if (!poly.empty()) d.pieces.push_back(std::move(poly));
        }
        out.walls.push_back(std::move(d));
    }
    for (const auto& op : level.openings)
        if (const plan::Wall* wall = plan::find_wall(level, op.wall)) out.openings.push_back(drawn_opening(level, op, *wall));
    for (const auto& f : level.furniture) {
        const plan::FurnitureType* t = catalog.find(f.type);
        if (!t) continue;
        out.furniture.push_back({f.id, f.label, plan::world_footprint(f, *t), t->holds_books()});
    }
    return out;
}

}  // namespace shuxiang::report
