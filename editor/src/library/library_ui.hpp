#pragma once
// The library views in the editor window: the library panel (database, colour mode and legend, find
// a book), range labels with their call-number spans, the found section's highlight and route, and
// the script actions that drive them.
#include <optional>
#include <string>
#include <vector>

#include "render/scene.hpp"

namespace shuxiang::editor {

struct UiContext;
class Editor;

// Draws the panel and the range labels (call once per frame inside the ImGui frame).
void draw_library_ui(UiContext& ui);
// Overlay triangles for the renderer: the found section's pulsing frame and the route.
std::vector<FlatVertex> library_overlay(const Editor& ed, double time_s);

// Script actions of the library views: `db`, `books`, `find`, `find-select`, `find-report`, `lod`.
bool is_library_action(const std::string& action);
// Runs one; the translated error, or nullopt when it worked.
std::optional<std::string> run_library_action(UiContext& ui, const std::vector<std::string>& words);

}  // namespace shuxiang::editor
