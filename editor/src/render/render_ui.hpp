#pragma once
// The renderer's menu items: File > Render photo and View > Shading.
namespace shuxiang::editor {

struct UiContext;
class Renderer;

// Renders a 1920 × 1080 photo of the current view next to the plan file and logs where it went.
void render_photo_menu(UiContext& ui);
// Plain colours / light and shadows / light, simpler while moving.
void shading_menu(Renderer& r);

}  // namespace shuxiang::editor
