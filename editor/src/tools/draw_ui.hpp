#pragma once
// The drawing tools in the window: toolbar buttons, inspector sections, status-bar text, the viewport
// overlay (drawing preview, snap marker, opening preview, door swings in the top view), mouse and key
// input, and the script actions that drive the tools the same way.
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "app/editor.hpp"

namespace shuxiang::editor {

class App;

void draw_tool_buttons(App& app);
// The active tool's settings and the selected wall's or opening's fields. True when it showed a
// selected wall or opening (the inspector then has nothing else to show).
bool draw_tool_inspector(App& app);
void draw_tool_status(App& app);
void draw_tool_overlay(App& app);

// Left-button input over the viewport while a drawing tool is active (p01: 0..1, y down). True when a
// tool is active: the select tool's clicks and drags must then not run.
bool draw_tool_mouse(App& app, glm::vec2 p01, bool over_view);
// Tool shortcuts and, while a tool is active, Enter, Esc, Backspace, Y and typed lengths. True when the
// editor's other shortcuts must not see this frame's keys.
bool draw_tool_keys(App& app);

// Script actions of the drawing tools: tool, type, key, click/click-at/hover/hover-at/drag/drag-at and
// `set` of a wall's, an opening's or the active tool's fields. nullopt when `words` is not one of them
// (or is a plain click or set that the select tool's code handles).
std::optional<ActionResult> run_draw_action(App& app, const std::vector<std::string>& words);

// The opening, else the wall, whose outline is within a few centimetres of a floor point (for the
// select tool's clicks); empty when none.
std::string pick_wall_or_opening(const plan::Level& level, plan::Vec2 p);

}  // namespace shuxiang::editor
