#include "render/render_ui.hpp"

#include <imgui.h>

#include "ui/ui_context.hpp"
#include "render/photo.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {

void render_photo_menu(UiContext& ui) {
    Editor& ed = ui.ed;
    ui.sync_scene();
    const PhotoResult r = save_photo(ui.renderer, ed.camera(), default_photo_path(ed.path()), 1920, 1080, false);
    if (r.error)
        ed.log(LogLine::Level::Warning, *r.error);
    else
        ed.log(LogLine::Level::Info, r.log);
}

void shading_menu(Renderer& r) {
    auto label = [](const char* key) { return tr(key) + "###" + key; };  // ids that survive a language switch
    if (!ImGui::BeginMenu(label("editor.menu.shading").c_str())) return;
    const Shading s = r.shading();
    if (ImGui::MenuItem(label("editor.shading.plain").c_str(), nullptr, s == Shading::Plain)) r.set_shading(Shading::Plain);
    if (ImGui::MenuItem(label("editor.shading.lit").c_str(), nullptr, s == Shading::Lit)) r.set_shading(Shading::Lit);
    if (ImGui::MenuItem(label("editor.shading.fast").c_str(), nullptr, s == Shading::Fast)) r.set_shading(Shading::Fast);
    ImGui::EndMenu();
}

}  // namespace shuxiang::editor
