#pragma once
// Books lying face up on a display (the new-books table): the covers the shelving assignment put on
// the display's one section, laid in a grid on its top.
#include "render/scene.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::editor {

// One cover per 0.15 × 0.22 m cell of the top (docs/shelving.md: 1.2 × 0.6 m holds 8 × 2), front row
// (local -Y) first, left to right; at most as many as fit. `off`, `w`, `d`, `h`: the piece's top in
// local metres (centre offset, width, depth, height). Adds one spine group (spines near, one strip a
// row far). Nothing when the source has no books for section 1, level 1 of `f`.
void add_display_books(SceneData& s, const plan::Furniture& f, glm::vec2 off, float w, float d, float h,
                       const ShelfSource& shelves);

inline constexpr float kDisplayCellW = 0.15f, kDisplayCellD = 0.22f;

}  // namespace shuxiang::editor
