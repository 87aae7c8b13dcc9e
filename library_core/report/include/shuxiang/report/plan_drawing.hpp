#pragma once
// The top view of one level as plain geometry in plan metres: rooms with their labels and areas,
// walls, openings with their door leaves, furniture footprints, wall dimension lines and a round
// scale-bar length. The review report draws it as SVG and the printed sheet (library_core/plan_print)
// with cairo, so both show the same plan.
#include <limits>
#include <string>
#include <vector>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::report {

// An axis-aligned box in plan metres.
struct Extent {
    double minx = std::numeric_limits<double>::max(), miny = minx;
    double maxx = std::numeric_limits<double>::lowest(), maxy = maxx;
    void add(plan::Vec2 p);
    bool empty() const { return minx > maxx; }
    double width() const { return maxx - minx; }
    double height() const { return maxy - miny; }
};

struct DrawnRoom {
    std::string id;
    std::string name;  // the room's own name (may be empty)
    plan::RoomKind kind = plan::RoomKind::Reading;
    std::vector<plan::Vec2> polygon;
    plan::Vec2 label_at;  // where its name is written (the polygon's centroid)
    double area = 0;      // m², plan::room_area (inside the walls' faces)
};

struct DrawnWall {
    std::string id;
    std::vector<plan::Vec2> points;  // centre line
    double thickness = 0.2;
    std::vector<std::vector<plan::Vec2>> pieces;  // each segment as its rectangle (plan::wall_segment_polygon)
};

struct DrawnOpening {
    std::string id;
    plan::OpeningKind kind = plan::OpeningKind::Door;
    plan::Vec2 a, b;              // the opening's two jambs on the wall's centre line
    double wall_thickness = 0.2;
    // Each hinged leaf: the hinge first, then its free end's arc from closed (on the wall) to open (90°).
    std::vector<std::vector<plan::Vec2>> leaves;
};

struct DrawnFurniture {
    std::string id;
    std::string label;  // the piece's own label ("A1"), may be empty
    std::vector<plan::Vec2> footprint;
    bool holds_books = false;
};

// A dimension line: the measured points, and the line itself set off beside them.
struct DimensionLine {
    std::string owner;  // wall id
    plan::Vec2 from, to;
    plan::Vec2 line_from, line_to;
    double length = 0;  // m
};

struct LevelDrawing {
    std::string level_id;
    std::string level_name;
    std::vector<DrawnRoom> rooms;
    std::vector<DrawnWall> walls;
    std::vector<DrawnOpening> openings;
    std::vector<DrawnFurniture> furniture;
    Extent extent;  // of the rooms' vertices and the walls' centre lines
};

// The drawing of plan.levels[level]; empty (no rooms, no walls) for a level index out of range.
// Furniture whose type the catalogue lacks is left out.
LevelDrawing level_drawing(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, std::size_t level);

// Each wall segment's length on a line set off by half the wall's thickness plus `gap`, on the side
// away from the middle of the level's extent (outside, for the outer walls). Segments shorter than
// `min_length` are left out.
std::vector<DimensionLine> wall_dimension_lines(const plan::Level& level, double gap = 0.4, double min_length = 0.3);

// The fill colour of a room kind, "#rrggbb" (the same on the report and the printed sheet).
const char* room_colour(plan::RoomKind k);

// The longest round scale-bar length in metres (1, 2, 5, 10, 20, 50, 100) not over `at_most`; 1
// when `at_most` is under a metre.
double scale_bar_length(double at_most);

}  // namespace shuxiang::report
