#include "shuxiang/route/shelf_route.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "shuxiang/nav/navmesh.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/walkable/building.hpp"
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

// The ground level (the first level with an entrance) and the levels its stairs join to it, laid out
// as the simulator lays them out, with one navmesh over them all.
struct RoutePlanner::BuildingMesh {
    walkable::BuildingArea area;
    nav::NavMesh mesh;
    bool usable = false;
    plan::Vec2 entrance{0, 0};  // the ground level's entrance (its copy keeps plan coordinates)
};

RoutePlanner::BuildingMesh& RoutePlanner::building() {
    if (building_) return *building_;
    building_ = std::make_unique<BuildingMesh>();
    BuildingMesh& b = *building_;
    int ground = -1;
    for (std::size_t i = 0; i < plan_.levels.size() && ground < 0; ++i)
        for (const auto& o : plan_.levels[i].openings)
            if (o.entrance && ground < 0) ground = static_cast<int>(i);
    if (ground < 0 || walkable::levels_joined(plan_, ground).size() < 2) return b;
    b.area = walkable::walkable_from_building(plan_, ground, catalog_);
    const plan::Level& gl = plan_.levels[static_cast<std::size_t>(ground)];
    const plan::Opening* entrance = nullptr;
    for (const auto& o : gl.openings)
        if (o.entrance && !entrance) entrance = &o;
    for (const auto& e : b.area.area.exits)
        if (entrance && e.opening == entrance->id && !b.usable) {
            b.entrance = {e.door_centre.x, e.door_centre.y};
            b.usable = b.mesh.build(b.area.area.area);
        }
    return b;
}

bool RoutePlanner::route_across(const plan::Level& level, ShelfRoute& r) {
    BuildingMesh& b = building();
    if (!b.usable) return false;
    int to = -1;
    for (std::size_t k = 1; k < b.area.levels.size(); ++k)
        if (b.area.levels[k].id == level.id) to = static_cast<int>(k);
    if (to < 0) return false;
    auto length_of = [&](geometry::Vec2 a, geometry::Vec2 c) {
        const nav::Path p = b.mesh.find_path(a, c, 1.0);
        return p.status == nav::PathStatus::Ok ? p.length : std::numeric_limits<double>::infinity();
    };
    const geometry::Vec2 off = b.area.levels[static_cast<std::size_t>(to)].offset;
    const geometry::Vec2 goal{r.goal.x + off.x, r.goal.y + off.y};
    geometry::Vec2 at{b.entrance.x, b.entrance.y};
    const auto hops = b.area.stair_hops(at, to, [&](geometry::Vec2 from, const walkable::StairWay& s, bool up, bool last) {
        const geometry::Vec2 arrival = up ? s.upper_arrival : s.lower_arrival;
        return length_of(from, up ? s.up_gate : s.down_gate) + (last ? geometry::norm(goal - arrival) : 0.0);
    });
    r.start = b.entrance;
    if (hops.empty()) {
        r.error_key = nav::display_key(nav::PathStatus::Unreachable);
        return true;
    }
    // Each leg on its level's copy, then back to that level's plan coordinates.
    auto add_leg = [&](geometry::Vec2 from, geometry::Vec2 to_point, const std::string& stair) {
        const nav::Path p = b.mesh.find_path(from, to_point, 1.0);
        if (p.status != nav::PathStatus::Ok) return false;
        const int li = b.area.level_at(from);
        const geometry::Vec2 o = b.area.levels[static_cast<std::size_t>(li)].offset;
        RouteLeg leg;
        leg.level_id = b.area.levels[static_cast<std::size_t>(li)].id;
        for (const auto& c : p.corners) leg.corners.push_back({c.x - o.x, c.y - o.y});
        leg.length = p.length;
        leg.stair_id = stair;
        r.length += p.length;
        r.legs.push_back(std::move(leg));
        return true;
    };
    for (const auto& h : hops) {
        const walkable::StairWay& s = b.area.stairs[static_cast<std::size_t>(h.stair)];
        if (!add_leg(at, h.up ? s.up_gate : s.down_gate, s.stair)) {
            r.error_key = nav::display_key(nav::PathStatus::Unreachable);
            return true;
        }
        at = h.up ? s.upper_arrival : s.lower_arrival;
    }
    if (!add_leg(at, goal, "")) {
        r.error_key = nav::display_key(nav::PathStatus::GoalOffMesh);
        r.legs.clear();
        r.length = 0;
        return true;
    }
    r.corners = r.legs.back().corners;
    r.start = r.corners.front();
    return true;
}

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
    if (route_across(*level, r)) {
        out = std::move(r);
        return out;
    }
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
            r.legs.push_back({level->id, r.corners, r.length, ""});
        } else {
            r.error_key = nav::display_key(path.status);
        }
    }
    out = std::move(r);
    return out;
}

}  // namespace shuxiang::route
