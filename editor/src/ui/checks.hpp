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

// Minimum clear aisle between open-access shelves (行道): 1.00 m, JGJ 38-2015 Table 4.2.4-2
// (see docs/reference/standards.md). The compliance module will supply the profile's own value.
inline constexpr double kMinShelfAisle = 1.00;

struct CheckItem {
    enum class Kind { Overlap, NarrowAisle, Unreachable, NoEntrance } kind;
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
