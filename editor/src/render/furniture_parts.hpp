#pragma once
// The shapes of catalogue furniture, generated in code from the type's dimensions: tables with legs
// and their chairs (one per seat), carrels with dividers, sofas, beanbags, the circulation desk,
// kiosks, periodical and picture-book racks, display tables and cases, benches and the pavilion.
// Parts stay inside the type's footprint and height, except chairs, which stand around their table.
// Shelving ranges are built by the scene (they carry the books).
#include <vector>

#include "render/mesh_builder.hpp"
#include "shuxiang/plan/furniture.hpp"

namespace shuxiang::editor {

struct ChairSpot {
    glm::vec2 at;    // local seat centre
    float yaw_deg;   // the direction the sitter faces (local), degrees from +X
};

// Where the chairs of a table with `seats` seats stand: along both long sides (an odd seat at the
// front, local -Y), or around a round table.
std::vector<ChairSpot> chair_spots(int seats, float width, float depth, bool round);

// The parts of one item in its local frame (origin at its position, floor at z = 0). `width` is the
// effective width; `base` is the type's colour (tinted when the item is flagged).
std::vector<Part> furniture_parts(const plan::FurnitureType& t, float width, glm::vec3 base);

// Material of the boards of a shelving type: steel when its id says so, else wood.
Material shelving_material(const plan::FurnitureType& t);

}  // namespace shuxiang::editor
