#pragma once
// The fixed-layout ImGui panels: menu bar, toolbar, outliner, furniture palette, inspector, checks,
// log, status bar, and the viewport's overlay labels.
namespace shuxiang::editor {

class App;

void draw_ui(App& app);

}  // namespace shuxiang::editor
