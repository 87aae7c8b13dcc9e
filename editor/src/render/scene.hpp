#pragma once
// The renderer's view of a plan level: flat triangles (floors, marks), box instances (walls, furniture
// parts), book-spine instances, lines (grid) and labels, built on the CPU from the plan and the
// furniture catalogue so that it can be tested without a GL context.
#include <array>
#include <map>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::editor {

struct FlatVertex {
    glm::vec3 pos;
    glm::vec4 color;
};

// One box of the unit-cube mesh: model matrix (unit cube centred on the origin → world) and colour.
struct BoxInstance {
    glm::mat4 model;
    glm::vec4 color;
};

// An oriented box of one furniture item, for picking and framing.
struct FurnitureBox {
    std::string id;
    glm::vec3 center;     // world, z at half height
    glm::vec3 half;       // half extents along the item's local axes
    float yaw_deg = 0;
    std::vector<glm::vec2> hull;  // imported models: local convex footprint (picking); empty: the box
};

struct RoomLabel {
    std::string room_id;
    std::string name;
    plan::RoomKind kind = plan::RoomKind::Reading;
    glm::vec3 anchor;  // world point the label sits on (the polygon's centroid)
    double area = 0;   // m²
};

struct SceneBounds {
    glm::vec3 min{0.f};
    glm::vec3 max{0.f};
    bool empty = true;
    void add(const glm::vec3& p);
};

struct SceneData {
    std::vector<FlatVertex> floor_triangles;  // rooms and opening marks
    std::vector<FlatVertex> grid_lines;
    std::vector<BoxInstance> boxes;           // walls and furniture parts
    std::vector<BoxInstance> books;           // book spines
    std::vector<FurnitureBox> furniture;
    std::vector<RoomLabel> labels;
    // Imported models: instances (placement and colour; the mesh is in metres) per furniture type id,
    // one draw call per type however many copies are placed.
    std::map<std::string, std::vector<BoxInstance>> meshes;
    SceneBounds bounds;                       // rooms, walls and furniture of the level
};

// The fill colour of a room kind's floor (linear 0..1 RGB, drawn unlit so screenshots show it as is).
glm::vec3 room_kind_color(plan::RoomKind k);
// Book spines before a collection is assigned to the shelves.
glm::vec3 neutral_book_color(unsigned variant);

// Builds the drawable data of one level. Furniture of a type missing from the catalogue is drawn as
// a magenta 0.5 m cube so that it shows instead of vanishing.
// Furniture whose id is in `alert` (overlapping others) is tinted red.
SceneData build_scene(const plan::Level& level, const plan::FurnitureCatalog& catalog,
                      const std::vector<std::string>& alert = {});

// Ear-clipping triangulation of a simple polygon (either winding). Returns vertex index triples.
std::vector<std::array<int, 3>> triangulate(const std::vector<plan::Vec2>& polygon);

// The model matrix of a box of `size` whose centre sits at local `offset` of an item at `pos`/`yaw`.
glm::mat4 box_matrix(glm::vec2 pos, float yaw_deg, glm::vec3 offset, glm::vec3 size);

}  // namespace shuxiang::editor
