#pragma once
// The drawing tools in the window: toolbar buttons, inspector sections, status-bar text, the viewport
// overlay (drawing preview, snap marker, opening preview, door swings in the top view), and the script
// actions that drive the tools with the same input events as the mouse and keyboard.
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "app/editor.hpp"
#include "tools/tool.hpp"

namespace shuxiang::editor {

struct UiContext;

void draw_tool_buttons(UiContext& ui);
// The active tool's settings and the selected wall's or opening's fields. True when it showed a
// selected wall or opening (the inspector then has nothing else to show).
bool draw_tool_inspector(UiContext& ui);
void draw_tool_status(UiContext& ui);
// The plan's symbols over the viewport whatever the tool: openings in the top view (gaps, panes, door
// swings) and the selected wall or opening.
void draw_plan_symbols(ToolContext& ctx);

// Script actions of the pointer and keys (click/click-at/hover/hover-at/drag/drag-at, type, key), made
// into input events routed to the tools as the window's are, and the drawing tools' own (tool, delete,
// `set` of a wall's, an opening's or the active tool's fields). nullopt when `words` is not one of
// them (or is a `set` that the inspector's code handles).
std::optional<ActionResult> run_draw_action(UiContext& ui, const std::vector<std::string>& words);

}  // namespace shuxiang::editor
