#pragma once
// Panels placed by the layout (ui/layout.hpp): each panel's window at its rectangle, collapsible by
// its title bar; and the `layout` and `panel` script actions that report and change them.
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "ui/layout.hpp"

namespace shuxiang::editor {

struct UiContext;

// ImGui::Begin for panel `p` at its place in this frame's layout (call ImGui::End after, as always).
// The title bar collapses it; what it is is remembered for the next frame's layout. `open` as for
// ImGui::Begin (a close button). Returns Begin's result (false when collapsed).
bool begin_docked(UiContext& ui, Panel p, const std::string& title, ImGuiWindowFlags extra = 0, bool* open = nullptr);

// Which panels are open this frame, from the editor's state (the library panel with a database, the
// simulation's windows as its menu left them); the others are always open.
std::array<bool, kPanelCount> panels_shown(UiContext& ui);

// `layout PATH`: writes the view, every panel and every window of the last frame, and the framed
// plan's bounds on screen (docs/editor-script.md). `collapse NAME` / `expand NAME`.
bool is_layout_action(const std::string& action);
std::optional<std::string> run_layout_action(UiContext& ui, const std::vector<std::string>& words);

}  // namespace shuxiang::editor
