#pragma once
// The checks panel: the layout problems of `shuxiang plan check` (standards::layout_problems: exits,
// door swings, walls, aisles, routes, overlaps, reachability) and, grouped apart, the plan-level
// compliance checks; recomputed when the document changes.
#include <optional>
#include <string>
#include <vector>

#include "shuxiang/plan/geometry.hpp"

namespace shuxiang::editor {

struct UiContext;
class Editor;

struct CheckItem {
    // Layout: a problem of standards::layout_problems() (code = its kind); NoEntrance: a level whose
    // rooms cannot be judged for reachability; Standard*: a plan-level compliance check (grouped apart).
    enum class Kind { Layout, NoEntrance, StandardFail, StandardWarning } kind;
    std::string code;                 // stable: the layout problem's kind, "no_entrance", "standard_fail", ...
    std::string text;                 // translated, objects named by their labels
    std::vector<std::string> ids;     // what selecting the item selects
    std::optional<plan::Aisle> aisle; // narrow aisles: drawn in red in the viewport
    bool plan_level() const { return kind == Kind::StandardFail || kind == Kind::StandardWarning; }
};

// Runs the checks on the editor's document (current state).
std::vector<CheckItem> run_checks(const Editor& ed);
void draw_checks_panel(UiContext& ui);
// The checks of the current document, recomputed when it changed.
const std::vector<CheckItem>& current_checks(const Editor& ed);
// Narrow aisles of the shown level as red bands with their width, over the 3D viewport.
void draw_aisle_overlay(UiContext& ui);

}  // namespace shuxiang::editor
