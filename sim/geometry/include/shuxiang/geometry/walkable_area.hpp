// Walkable area (after JuPedSim): accessible polygons minus obstacle holes, independent of drawing.
#pragma once

#include <shuxiang/geometry/vec2.hpp>

#include <vector>

namespace shuxiang::geometry {

// A simple polygon (either winding; closed implicitly).
using Polygon = std::vector<Vec2>;

double signed_area(const Polygon& p);
double area(const Polygon& p);
Vec2 centroid(const Polygon& p);
bool point_in_polygon(const Polygon& p, Vec2 q);
// Axis-aligned rectangle as a polygon.
Polygon rectangle(double x0, double y0, double x1, double y1);

// Axis-aligned bounding box.
struct Box {
    Vec2 min;
    Vec2 max;
};

// The floor on which pedestrians may stand: the union of accessible polygons minus obstacles.
// Accessible polygons may overlap or share edges (rooms joined by door openings); the wall
// segments are the parts of the outline that really separate walkable from non-walkable ground.
class WalkableArea {
public:
    void add_accessible(Polygon p);
    void add_obstacle(Polygon p);

    const std::vector<Polygon>& accessible() const { return accessible_; }
    const std::vector<Polygon>& obstacles() const { return obstacles_; }

    // Inside some accessible polygon and inside no obstacle.
    bool contains(Vec2 p) const;
    // Walkable area in m², estimated on a grid of the given cell size (exact for grid-aligned shapes).
    double area_estimate(double cell = 0.05) const;
    Box bounds() const;

    // Boundary pieces of the walkable area: polygon edges split where they leave or enter other
    // accessible polygons or obstacles, keeping the pieces with walkable ground on one side only.
    std::vector<Segment> walls() const;

private:
    std::vector<Polygon> accessible_;
    std::vector<Polygon> obstacles_;
};

}  // namespace shuxiang::geometry
