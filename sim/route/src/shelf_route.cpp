#include "shuxiang/route/shelf_route.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "shuxiang/nav/navmesh.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/walkable/from_plan.hpp"

namespace shuxiang::route {

std::optional<SectionFace> section_face(const plan::Furniture& f, const plan::FurnitureType& t, int face, int number) {
    const int n = plan::effective_sections(f, t);
    if (!t.holds_books() || n < 1 || number < 1 || number > n || face < 1 || face > std::max(1, t.faces)) return std::nullopt;
    const double W = plan::effective_width(f, t), sw = W / n;
    // The editor's bays run from local -X to +X; a reader facing the back face sees them mirrored.
    const int bay = face == 1 ? number - 1 : n - number;
    const double lx = -W / 2 + (bay + 0.5) * sw;
    const double ly = face == 1 ? -t.depth / 2 : t.depth / 2;
    const double yaw = f.yaw_deg * std::numbers::pi / 180.0, c = std::cos(yaw), s = std::sin(yaw);
    SectionFace p;
    p.center = {f.position.x + c * lx - s * ly, f.position.y + s * lx + c * ly};
    p.z = t.height / 2;
    p.width = sw;
    p.height = t.height;
    const double ny = face == 1 ? -1.0 : 1.0;
    p.normal = {-s * ny, c * ny};
    p.yaw_deg = f.yaw_deg;
    return p;
}

std::string ShelfRoute::error() const {
    if (error_key.empty()) return {};
    return error_arg.empty() ? tr(error_key) : trf(error_key, {error_arg});
}

// One level's navmesh and its entrance (the first opening marked as one), or why there is none.
struct RoutePlanner::LevelMesh {
    nav::NavMesh mesh;
    bool has_entrance = false;
    plan::Vec2 entrance{0, 0};  // the door's centre on the wall's centre line
    std::string error_key, error_arg;  // set when no route can start on this level
};

RoutePlanner::RoutePlanner(plan::Plan plan, plan::FurnitureCatalog catalog)
    : plan_(std::move(plan)), catalog_(std::move(catalog)) {}

RoutePlanner::~RoutePlanner() = default;

RoutePlanner::LevelMesh& RoutePlanner::mesh_of(const plan::Level& level) {
    auto& slot = meshes_[level.id];
    if (slot) return *slot;
    slot = std::make_unique<LevelMesh>();
    LevelMesh& m = *slot;
    const plan::Opening* entrance = nullptr;
    for (const auto& o : level.openings)
        if (o.entrance && !entrance) entrance = &o;
    const walkable::PlanArea area = walkable::walkable_from_level(level, catalog_);
    const walkable::PlanExit* door = nullptr;
    for (const auto& e : area.exits)
        if (entrance && e.opening == entrance->id) door = &e;
    if (!door) {
        m.error_key = "sim.route.no_entrance";
    } else if (!m.mesh.build(area.area)) {
        m.error_key = "sim.route.no_mesh";
        m.error_arg = m.mesh.error();
    } else {
        m.has_entrance = true;
        m.entrance = {door->door_centre.x, door->door_centre.y};
    }
    return m;
}

void RoutePlanner::build_all() {
    std::lock_guard lock(mu_);
    for (const auto& l : plan_.levels) mesh_of(l);
}

std::optional<ShelfRoute> RoutePlanner::route(const shelving::Section& s) {
    std::lock_guard lock(mu_);
    if (auto it = routes_.find(s.id); it != routes_.end()) return it->second;
    std::optional<ShelfRoute>& out = routes_[s.id];
    const plan::Level* level = nullptr;
    for (const auto& l : plan_.levels)
        if (l.id == s.level_id) level = &l;
    const plan::Furniture* f = level ? plan::find_furniture(*level, s.furniture_id) : nullptr;
    const plan::FurnitureType* t = f ? catalog_.find(f->type) : nullptr;
    const std::optional<SectionFace> face = t ? section_face(*f, *t, s.face, s.number) : std::nullopt;
    if (!face) return out;
    ShelfRoute r;
    r.section_id = s.id;
    r.furniture_id = s.furniture_id;
    r.level_id = s.level_id;
    r.face = *face;
    r.goal = {face->center.x + face->normal.x * kStandOff, face->center.y + face->normal.y * kStandOff};
    const LevelMesh& m = mesh_of(*level);
    if (!m.has_entrance) {
        r.error_key = m.error_key;
        r.error_arg = m.error_arg;
    } else {
        r.start = m.entrance;
        const nav::Path path = m.mesh.find_path({r.start.x, r.start.y}, {r.goal.x, r.goal.y}, 1.0);
        if (path.status == nav::PathStatus::Ok) {
            for (const auto& c : path.corners) r.corners.push_back({c.x, c.y});
            r.length = plan::polyline_length(r.corners);
        } else {
            r.error_key = nav::display_key(path.status);
        }
    }
    out = std::move(r);
    return out;
}

}  // namespace shuxiang::route
