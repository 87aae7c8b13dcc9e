#pragma once
// The fixed-layout ImGui panels: menu bar, toolbar, outliner, furniture palette, inspector, checks,
// log, status bar, and the viewport's overlay labels.
namespace shuxiang::editor {

struct UiContext;

void draw_ui(UiContext& ui);

}  // namespace shuxiang::editor
