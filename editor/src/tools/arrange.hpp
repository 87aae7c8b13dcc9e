#pragma once
// Align, distribute and array for a selection of furniture: pure functions that return the changed
// items, and the editor actions that apply them as one History command each.
#include <optional>
#include <string>
#include <vector>

#include "app/editor.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::editor {

// left/right: the footprints' west/east edges; bottom/top: south/north edges; centre_x/centre_y:
// the footprints' centres on the selection's common centre line.
enum class AlignMode { Left, Right, Top, Bottom, CentreX, CentreY };
std::optional<AlignMode> align_mode_from_string(const std::string& s);

// Moves each item so that its footprint's extent meets the selection's extreme (or centre line).
std::vector<plan::Furniture> align_items(std::vector<plan::Furniture> items, AlignMode mode,
                                         const plan::FurnitureCatalog& catalog);
// Equal clear gaps between the footprints along X (or Y); the two outermost items stay. Items are
// taken in the order of their centres along the axis. Fewer than three items are returned unchanged.
std::vector<plan::Furniture> distribute_items(std::vector<plan::Furniture> items, bool along_y,
                                              const plan::FurnitureCatalog& catalog);

struct ArraySpec {
    int count = 2;          // items (groups) in the row, the original included
    double spacing = 1.2;   // m
    bool pitch = false;     // false: spacing is the clear gap between footprints; true: centre to centre
    plan::Vec2 direction{1, 0};  // unit: +X, +Y, -X or -Y
};
// The copies (without ids) of `items` that make a row of `count` groups; the originals stay where they are.
std::vector<plan::Furniture> array_copies(const std::vector<plan::Furniture>& items, const ArraySpec& spec,
                                          const plan::FurnitureCatalog& catalog);

// ---- actions (one undo step each)
ActionResult align_selection(Editor& ed, AlignMode mode);
ActionResult distribute_selection(Editor& ed, bool along_y);
ActionResult array_selection(Editor& ed, const ArraySpec& spec);
// Adds items (ids replaced by fresh ones) as one step and selects them; `label` names the step.
ActionResult add_items(Editor& ed, std::vector<plan::Furniture> items, const std::string& label);
// Replaces the level's items of the same ids as one step.
ActionResult change_items(Editor& ed, const std::vector<plan::Furniture>& after, const std::string& label);

}  // namespace shuxiang::editor
