#pragma once
// The renderer's view of a plan level: flat triangles (floors, marks), box instances (walls, furniture
// parts), book-spine instances, lines (grid) and labels, built on the CPU from the plan and the
// furniture catalogue so that it can be tested without a GL context.
#include <array>
#include <cstdint>
#include <functional>
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

// One instance of a unit mesh (cube, cylinder, sphere): model matrix (unit primitive centred on the
// origin → world) and colour; the colour's alpha names the surface (render/mesh_builder.hpp Material).
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

// Books on one shelf as the stored assignment has them, in reading order (left to right as a reader
// facing that face sees them).
struct ShelfBooks {
    std::vector<glm::vec3> colors;  // one per book
    float thickness = 0.025f;       // m per book on the shelf
};
// Which books stand on one shelf: furniture id, face (1 = front, local -Y), section (1.., numbered from
// the left as a reader facing that face sees them) and shelf level (1 = top). nullptr: the shelf is
// not in an assignment, so it gets the neutral fill.
using ShelfSource = std::function<const ShelfBooks*(const std::string& furniture, int face, int section, int level)>;

// Level of detail for spines: far away the spines of one shelf level are drawn as one box whose
// colour comes from a strip of kStripTexels texels (the books along that shelf).
inline constexpr int kStripTexels = 64;
// The spines and strips of one piece of furniture (contiguous ranges of SceneData::books / strips),
// with a bounding sphere for choosing near (spines) or far (strips).
struct SpineGroup {
    glm::vec3 center{0.f};
    float radius = 0;
    std::uint32_t first_book = 0, book_count = 0;
    std::uint32_t first_strip = 0, strip_count = 0;
};

struct SceneBounds {
    glm::vec3 min{0.f};
    glm::vec3 max{0.f};
    bool empty = true;
    void add(const glm::vec3& p);
};

struct SceneData {
    std::vector<FlatVertex> floor_triangles;  // rooms (colour alpha: the floor finish, FloorFinish)
    // Rooms' ceilings at their clear height (colour alpha: kCeilingMaterial), drawn in the walk view
    // only: the 3D and top views look at the plan from above, through the ceiling.
    std::vector<FlatVertex> ceiling_triangles;
    std::vector<FlatVertex> grid_lines;
    std::vector<BoxInstance> boxes;           // walls and furniture parts
    std::vector<BoxInstance> cylinders;       // legs, columns, round tops (unit cylinder, axis Z)
    std::vector<BoxInstance> spheres;         // beanbags, castors
    std::vector<BoxInstance> glass;           // window panes, display-case glass: drawn last, see-through
    std::vector<BoxInstance> books;           // book spines
    std::vector<BoxInstance> strips;          // one per shelf level with books; color.x = strip index
    std::vector<std::array<std::uint8_t, 4>> strip_texels;  // kStripTexels RGBA texels per strip
    std::vector<SpineGroup> spine_groups;     // one per piece of furniture with books
    std::vector<FurnitureBox> furniture;
    std::vector<RoomLabel> labels;
    // Imported models: instances (placement and colour; the mesh is in metres) per furniture type id,
    // one draw call per type however many copies are placed.
    std::map<std::string, std::vector<BoxInstance>> meshes;
    SceneBounds bounds;                       // rooms, walls and furniture of the level
};

// Floor finishes, carried in the floor vertices' colour alpha to the lit shader (lighting.glsl).
enum class FloorFinish : int { Wood = 10, Vinyl = 11, Carpet = 12, Paving = 13, Grass = 14 };
// Ceilings: painted tiles with light panels (lighting.glsl).
inline constexpr int kCeilingMaterial = 9;
FloorFinish room_floor_finish(plan::RoomKind k);

// The fill colour of a room kind's floor (linear 0..1 RGB, drawn unlit so screenshots show it as is).
glm::vec3 room_kind_color(plan::RoomKind k);
// Book spines before a collection is assigned to the shelves.
glm::vec3 neutral_book_color(unsigned variant);

// Builds the drawable data of one level. Furniture of a type missing from the catalogue is drawn as
// a magenta 0.5 m cube so that it shows instead of vanishing.
// Furniture whose id is in `alert` (overlapping others) is tinted red. With a `shelves` source the
// spines are the assigned books (a shelf it has no answer for keeps the neutral fill).
SceneData build_scene(const plan::Level& level, const plan::FurnitureCatalog& catalog,
                      const std::vector<std::string>& alert = {}, const ShelfSource& shelves = {});

// Ear-clipping triangulation of a simple polygon (either winding). Returns vertex index triples.
std::vector<std::array<int, 3>> triangulate(const std::vector<plan::Vec2>& polygon);

// The model matrix of a box of `size` whose centre sits at local `offset` of an item at `pos`/`yaw`.
glm::mat4 box_matrix(glm::vec2 pos, float yaw_deg, glm::vec3 offset, glm::vec3 size);

}  // namespace shuxiang::editor
