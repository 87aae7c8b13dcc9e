// Recast navigation mesh built from a walkable area, with Detour path queries.
#pragma once

#include <shuxiang/geometry/walkable_area.hpp>

#include <memory>
#include <string>
#include <vector>

class dtNavMesh;
class dtNavMeshQuery;

namespace shuxiang::nav {

using geometry::Vec2;

// Build settings. The agent radius shrinks the mesh so that path corners keep clear of walls
// (primary pupils ~0.2 m, adults ~0.25 m).
struct NavParams {
    double agent_radius = 0.2;
    double cell_size = 0.05;        // rasterisation cell (m); must resolve the narrowest door
    double max_edge_error = 0.06;   // contour simplification tolerance (m)
};

enum class PathStatus {
    Ok,           // complete path found
    Unreachable,  // start and goal lie on disconnected parts of the mesh
    StartOffMesh, // no mesh polygon near the start
    GoalOffMesh,  // no mesh polygon near the goal
};

// Translation key describing a path status ("sim.path.unreachable").
const char* display_key(PathStatus s);

// Result of a path query: the corners of the shortest path from start to goal (both included).
struct Path {
    PathStatus status = PathStatus::Unreachable;
    std::vector<Vec2> corners;
    double length = 0.0;
};

// A navmesh over one floor. Not copyable; queries are not thread-safe (one internal query object).
class NavMesh {
public:
    NavMesh();
    ~NavMesh();
    NavMesh(NavMesh&&) noexcept;
    NavMesh& operator=(NavMesh&&) noexcept;
    NavMesh(const NavMesh&) = delete;
    NavMesh& operator=(const NavMesh&) = delete;

    // Builds the mesh; returns false (and sets error()) when Recast fails or nothing is walkable.
    bool build(const geometry::WalkableArea& area, const NavParams& params = {});
    const std::string& error() const { return error_; }
    bool valid() const { return mesh_ != nullptr; }
    const NavParams& params() const { return params_; }

    // Shortest path from start to goal. Points farther than `snap` metres from the mesh are off-mesh.
    Path find_path(Vec2 start, Vec2 goal, double snap = 0.5) const;
    bool reachable(Vec2 start, Vec2 goal, double snap = 0.5) const;
    // Nearest point on the mesh within `snap`; false when there is none.
    bool nearest_point(Vec2 p, Vec2& out, double snap = 0.5) const;

    int polygon_count() const;
    // Area covered by the mesh polygons (m²), for checks.
    double mesh_area() const;

    // Raw Detour objects, for the dtCrowd comparison in the benchmark.
    dtNavMesh* detour_mesh() const { return mesh_; }

private:
    void reset();
    dtNavMesh* mesh_ = nullptr;
    dtNavMeshQuery* query_ = nullptr;
    NavParams params_;
    std::string error_;
};

}  // namespace shuxiang::nav
