#pragma once
// The walking route from a level's entrance to a shelf section over the simulator's navmesh: where a
// section face stands, where a reader stands to take a book from it, and the path corners between.
// Shared by the editor's "find a book" and the OPAC of `shuxiang serve`.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"
#include "shuxiang/shelving/layout.hpp"

namespace shuxiang::route {

// How far in front of a section face a reader stands to take a book, m.
inline constexpr double kStandOff = 0.45;

// A section face in the plan: the centre of its front (z = half its height), its width and height,
// the outward normal of the face and the range's yaw.
struct SectionFace {
    plan::Vec2 center{0, 0};
    double z = 0, width = 0, height = 0;
    plan::Vec2 normal{0, -1};
    double yaw_deg = 0;
};

// Where a section face of `f` is: `face` 1 = front (local -Y), `number` 1.. from the left as a reader
// facing it sees the sections. nullopt when the type holds no such section.
std::optional<SectionFace> section_face(const plan::Furniture& f, const plan::FurnitureType& t, int face, int number);

// One level's part of a route over several levels: path corners in that level's plan coordinates.
struct RouteLeg {
    std::string level_id;
    std::vector<plan::Vec2> corners;
    double length = 0;      // m along the corners (a flight counts its horizontal length)
    std::string stair_id;   // the stair this leg ends at (going up: after climbing it), "" for the last leg
};

// The route to one section: its face, the entrance (start) and the standing point (goal), the path.
// A section on a level that stairs join to the ground level (the first level with an entrance) is
// reached from the ground level's entrance: `legs` holds each level's part in order, and `start` and
// `corners` the last part (on the section's level, from where the stair arrives); `length` is the whole
// way. On the ground level, or on a level no stair joins to it, there is one leg from that level's own
// entrance.
struct ShelfRoute {
    std::string section_id, furniture_id, level_id;
    SectionFace face;
    plan::Vec2 start{0, 0}, goal{0, 0};
    std::vector<plan::Vec2> corners;  // navmesh path corners, start to goal; empty when none
    double length = 0;                // m along the whole route
    std::vector<RouteLeg> legs;       // level by level; one when the route stays on one level
    // Why there is no route: a translation key ("" when there is one) and its argument; the key, not
    // the text, is kept so that one cached route serves readers in either language.
    std::string error_key, error_arg;
    // The reason in the calling thread's language; "" when there is a route.
    std::string error() const;
};

// Routes over one plan: each level's navmesh is built once (on first use, or all at once with
// build_all()) and each section's route is kept. Thread-safe: queries take an internal lock.
class RoutePlanner {
public:
    RoutePlanner(plan::Plan plan, plan::FurnitureCatalog catalog);
    ~RoutePlanner();
    RoutePlanner(const RoutePlanner&) = delete;
    RoutePlanner& operator=(const RoutePlanner&) = delete;

    const plan::Plan& plan() const { return plan_; }
    const plan::FurnitureCatalog& catalog() const { return catalog_; }
    // Builds the navmesh of every level now (a server does this at start).
    void build_all();
    // The route to `s`; nullopt when the plan has no such section (the plan changed after shelving).
    // A section with no way to it has a route with empty corners and the reason in `error`.
    std::optional<ShelfRoute> route(const shelving::Section& s);

private:
    struct LevelMesh;
    struct BuildingMesh;
    LevelMesh& mesh_of(const plan::Level& level);
    BuildingMesh& building();
    // The route across levels from the ground level's entrance; false when this level is not joined.
    bool route_across(const plan::Level& level, ShelfRoute& r);

    plan::Plan plan_;
    plan::FurnitureCatalog catalog_;
    std::mutex mu_;
    std::map<std::string, std::unique_ptr<LevelMesh>> meshes_;  // level id -> its navmesh
    std::unique_ptr<BuildingMesh> building_;                     // the levels joined by stairs, once built
    std::map<std::string, std::optional<ShelfRoute>> routes_;   // section id -> its route
};

}  // namespace shuxiang::route
