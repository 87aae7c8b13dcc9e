#pragma once
// The checks panel: the plan's own geometry checks (furniture overlaps, aisles narrower than the
// minimum, rooms unreachable from the entrances), recomputed when the document changes.
#include <optional>
#include <string>
#include <vector>

#include "shuxiang/plan/geometry.hpp"

namespace shuxiang::editor {

class App;
class Editor;

// Minimum clear aisles when the standards profile cannot be read: between open-access ranges (行道)
// 1.00 m and from a range to a wall 0.75 m (JGJ 38-2015 Table 4.2.4-2). Normally the school's
// profile gives them ("aisle.between_ranges.open", "aisle.range_to_wall.open").
inline constexpr double kMinShelfAisle = 1.00;
inline constexpr double kMinWallAisle = 0.75;

struct CheckItem {
    enum class Kind { Overlap, NarrowAisle, Unreachable, NoEntrance, StandardFail, StandardWarning, OutsideRooms } kind;
    std::string text;                 // translated
    std::vector<std::string> ids;     // what selecting the item selects
    std::optional<plan::Aisle> aisle; // narrow aisles: drawn in red in the viewport
};

// Runs the checks on the editor's document (current state).
std::vector<CheckItem> run_checks(const Editor& ed);
void draw_checks_panel(App& app, float x, float y, float w, float h);
// The checks of the current document, recomputed when it changed.
const std::vector<CheckItem>& current_checks(const Editor& ed);
// Narrow aisles of the shown level as red bands with their width, over the 3D viewport.
void draw_aisle_overlay(App& app);

}  // namespace shuxiang::editor
