#include <shuxiang/nav/navmesh.hpp>

#include <DetourNavMesh.h>
#include <DetourNavMeshBuilder.h>
#include <DetourNavMeshQuery.h>
#include <Recast.h>

#include <cmath>
#include <utility>

namespace shuxiang::nav {

namespace {

// Plan (x, y) maps to Recast (x, up, z) with up = 0: the floor is flat.
constexpr float kCellHeight = 0.1f;
constexpr float kAgentHeight = 2.0f;
constexpr int kMaxPathPolys = 2048;
constexpr int kMaxCorners = 512;

struct RecastObjects {
    rcHeightfield* hf = rcAllocHeightfield();
    rcCompactHeightfield* chf = rcAllocCompactHeightfield();
    rcContourSet* cset = rcAllocContourSet();
    rcPolyMesh* pmesh = rcAllocPolyMesh();
    rcPolyMeshDetail* dmesh = rcAllocPolyMeshDetail();
    ~RecastObjects() {
        rcFreeHeightField(hf);
        rcFreeCompactHeightfield(chf);
        rcFreeContourSet(cset);
        rcFreePolyMesh(pmesh);
        rcFreePolyMeshDetail(dmesh);
    }
};

}  // namespace

const char* display_key(PathStatus s) {
    switch (s) {
        case PathStatus::Ok: return "sim.path.ok";
        case PathStatus::Unreachable: return "sim.path.unreachable";
        case PathStatus::StartOffMesh: return "sim.path.start_off_mesh";
        case PathStatus::GoalOffMesh: return "sim.path.goal_off_mesh";
    }
    return "sim.path.unreachable";
}

NavMesh::NavMesh() = default;
NavMesh::~NavMesh() { reset(); }

NavMesh::NavMesh(NavMesh&& o) noexcept
    : mesh_(std::exchange(o.mesh_, nullptr)), query_(std::exchange(o.query_, nullptr)), params_(o.params_),
      error_(std::move(o.error_)) {}

NavMesh& NavMesh::operator=(NavMesh&& o) noexcept {
    if (this != &o) {
        reset();
        mesh_ = std::exchange(o.mesh_, nullptr);
        query_ = std::exchange(o.query_, nullptr);
        params_ = o.params_;
        error_ = std::move(o.error_);
    }
    return *this;
}

void NavMesh::reset() {
    dtFreeNavMeshQuery(query_);
    dtFreeNavMesh(mesh_);
    query_ = nullptr;
    mesh_ = nullptr;
}

bool NavMesh::build(const geometry::WalkableArea& area, const NavParams& params) {
    reset();
    params_ = params;
    error_.clear();
    auto box = area.bounds();
    if (!(box.max.x > box.min.x && box.max.y > box.min.y)) {
        error_ = "empty walkable area";
        return false;
    }
    const float cs = static_cast<float>(params.cell_size);
    // One cell of margin so the border of the area is rasterised as a border.
    float bmin[3] = {static_cast<float>(box.min.x) - cs, 0.0f, static_cast<float>(box.min.y) - cs};
    float bmax[3] = {static_cast<float>(box.max.x) + cs, 1.0f, static_cast<float>(box.max.y) + cs};
    int w = 0, h = 0;
    rcCalcGridSize(bmin, bmax, cs, &w, &h);
    if (w > 60000 || h > 60000) {
        error_ = "area too large for one navmesh tile at this cell size";
        return false;
    }

    rcContext ctx(false);
    RecastObjects ro;
    if (!rcCreateHeightfield(&ctx, *ro.hf, w, h, bmin, bmax, cs, kCellHeight)) {
        error_ = "rcCreateHeightfield failed";
        return false;
    }
    // Rasterise by cell centre: a cell is floor when its centre lies in the walkable area. This
    // handles any polygon with holes without triangulating it.
    int floor_cells = 0;
    for (int z = 0; z < h; ++z)
        for (int x = 0; x < w; ++x) {
            geometry::Vec2 c{bmin[0] + (x + 0.5) * cs, bmin[2] + (z + 0.5) * cs};
            if (!area.contains(c)) continue;
            if (!rcAddSpan(&ctx, *ro.hf, x, z, 0, 1, RC_WALKABLE_AREA, 1)) {
                error_ = "rcAddSpan failed";
                return false;
            }
            ++floor_cells;
        }
    if (floor_cells == 0) {
        error_ = "no walkable cell";
        return false;
    }
    const int walkable_height = static_cast<int>(std::ceil(kAgentHeight / kCellHeight));
    const int walkable_climb = 1;
    const int radius_cells = static_cast<int>(std::ceil(params.agent_radius / params.cell_size - 1e-6));
    if (!rcBuildCompactHeightfield(&ctx, walkable_height, walkable_climb, *ro.hf, *ro.chf) ||
        !rcErodeWalkableArea(&ctx, radius_cells, *ro.chf) || !rcBuildDistanceField(&ctx, *ro.chf) ||
        !rcBuildRegions(&ctx, *ro.chf, 0, 4, 400)) {
        error_ = "Recast region build failed";
        return false;
    }
    const float max_error = static_cast<float>(params.max_edge_error);
    if (!rcBuildContours(&ctx, *ro.chf, max_error, 0, *ro.cset) || !rcBuildPolyMesh(&ctx, *ro.cset, DT_VERTS_PER_POLYGON, *ro.pmesh) ||
        !rcBuildPolyMeshDetail(&ctx, *ro.pmesh, *ro.chf, cs * 6.0f, kCellHeight, *ro.dmesh)) {
        error_ = "Recast mesh build failed";
        return false;
    }
    if (ro.pmesh->npolys == 0) {
        error_ = "the agent does not fit anywhere in the walkable area";
        return false;
    }
    for (int i = 0; i < ro.pmesh->npolys; ++i) ro.pmesh->flags[i] = 1;

    dtNavMeshCreateParams p{};
    p.verts = ro.pmesh->verts;
    p.vertCount = ro.pmesh->nverts;
    p.polys = ro.pmesh->polys;
    p.polyAreas = ro.pmesh->areas;
    p.polyFlags = ro.pmesh->flags;
    p.polyCount = ro.pmesh->npolys;
    p.nvp = ro.pmesh->nvp;
    p.detailMeshes = ro.dmesh->meshes;
    p.detailVerts = ro.dmesh->verts;
    p.detailVertsCount = ro.dmesh->nverts;
    p.detailTris = ro.dmesh->tris;
    p.detailTriCount = ro.dmesh->ntris;
    p.walkableHeight = kAgentHeight;
    p.walkableRadius = static_cast<float>(params.agent_radius);
    p.walkableClimb = kCellHeight;
    rcVcopy(p.bmin, ro.pmesh->bmin);
    rcVcopy(p.bmax, ro.pmesh->bmax);
    p.cs = cs;
    p.ch = kCellHeight;
    p.buildBvTree = true;

    unsigned char* data = nullptr;
    int size = 0;
    if (!dtCreateNavMeshData(&p, &data, &size)) {
        error_ = "dtCreateNavMeshData failed";
        return false;
    }
    mesh_ = dtAllocNavMesh();
    if (dtStatusFailed(mesh_->init(data, size, DT_TILE_FREE_DATA))) {
        dtFree(data);
        reset();
        error_ = "dtNavMesh::init failed";
        return false;
    }
    query_ = dtAllocNavMeshQuery();
    if (dtStatusFailed(query_->init(mesh_, 65535))) {
        reset();
        error_ = "dtNavMeshQuery::init failed";
        return false;
    }
    return true;
}

namespace {

bool nearest(const dtNavMeshQuery* q, Vec2 p, double snap, dtPolyRef& ref, float out[3]) {
    const float pt[3] = {static_cast<float>(p.x), 0.0f, static_cast<float>(p.y)};
    const float ext[3] = {static_cast<float>(snap), 2.0f, static_cast<float>(snap)};
    dtQueryFilter filter;
    ref = 0;
    if (dtStatusFailed(q->findNearestPoly(pt, ext, &filter, &ref, out)) || ref == 0) return false;
    // findNearestPoly searches a box; keep the snap a true radius.
    double dx = out[0] - pt[0], dz = out[2] - pt[2];
    return dx * dx + dz * dz <= snap * snap + 1e-9;
}

}  // namespace

bool NavMesh::nearest_point(Vec2 p, Vec2& out, double snap) const {
    if (!query_) return false;
    dtPolyRef ref;
    float np[3];
    if (!nearest(query_, p, snap, ref, np)) return false;
    out = {np[0], np[2]};
    return true;
}

Path NavMesh::find_path(Vec2 start, Vec2 goal, double snap) const {
    Path path;
    if (!query_) return path;
    dtPolyRef sref, gref;
    float sp[3], gp[3];
    if (!nearest(query_, start, snap, sref, sp)) {
        path.status = PathStatus::StartOffMesh;
        return path;
    }
    if (!nearest(query_, goal, snap, gref, gp)) {
        path.status = PathStatus::GoalOffMesh;
        return path;
    }
    dtQueryFilter filter;
    std::vector<dtPolyRef> polys(kMaxPathPolys);
    int npolys = 0;
    query_->findPath(sref, gref, sp, gp, &filter, polys.data(), &npolys, kMaxPathPolys);
    if (npolys == 0 || polys[static_cast<std::size_t>(npolys - 1)] != gref) {
        path.status = PathStatus::Unreachable;
        return path;
    }
    std::vector<float> corners(3 * kMaxCorners);
    int ncorners = 0;
    query_->findStraightPath(sp, gp, polys.data(), npolys, corners.data(), nullptr, nullptr, &ncorners, kMaxCorners);
    path.status = PathStatus::Ok;
    for (int i = 0; i < ncorners; ++i) {
        Vec2 c{corners[static_cast<std::size_t>(3 * i)], corners[static_cast<std::size_t>(3 * i + 2)]};
        if (!path.corners.empty()) path.length += geometry::norm(c - path.corners.back());
        path.corners.push_back(c);
    }
    return path;
}

bool NavMesh::reachable(Vec2 start, Vec2 goal, double snap) const {
    return find_path(start, goal, snap).status == PathStatus::Ok;
}

int NavMesh::polygon_count() const {
    if (!mesh_) return 0;
    const dtMeshTile* t = static_cast<const dtNavMesh*>(mesh_)->getTile(0);
    return t && t->header ? t->header->polyCount : 0;
}

double NavMesh::mesh_area() const {
    if (!mesh_) return 0.0;
    const dtMeshTile* t = static_cast<const dtNavMesh*>(mesh_)->getTile(0);
    if (!t || !t->header) return 0.0;
    double a = 0.0;
    for (int i = 0; i < t->header->polyCount; ++i) {
        const dtPoly& p = t->polys[i];
        if (p.getType() != DT_POLYTYPE_GROUND) continue;
        for (int k = 0; k < p.vertCount; ++k) {
            const float* u = &t->verts[p.verts[k] * 3];
            const float* v = &t->verts[p.verts[(k + 1) % p.vertCount] * 3];
            a += static_cast<double>(u[0]) * v[2] - static_cast<double>(v[0]) * u[2];
        }
    }
    return std::abs(a) * 0.5;
}

}  // namespace shuxiang::nav
