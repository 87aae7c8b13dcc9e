#include "ui/dock.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <sstream>

#include "simview/sim_view.hpp"
#include "ui/ui_context.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {

bool begin_docked(UiContext& ui, Panel p, const std::string& title, ImGuiWindowFlags extra, bool* open) {
    const Rect& r = ui.layout.panel(p);
    ImGui::SetNextWindowPos({r.x, r.y});
    ImGui::SetNextWindowSize({std::max(r.w, 1.f), std::max(r.h, 1.f)});
    if (auto& asked = ui.panels.requested[panel_index(p)]) {
        ImGui::SetNextWindowCollapsed(*asked, ImGuiCond_Always);
        asked.reset();
    }
    const bool visible = ImGui::Begin(title.c_str(), open,
                                      ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings | extra);
    ui.panels.collapsed[panel_index(p)] = ImGui::IsWindowCollapsed();
    return visible;
}

std::array<bool, kPanelCount> panels_shown(UiContext& ui) {
    std::array<bool, kPanelCount> shown{};
    for (Panel p : {Panel::Outliner, Panel::Palette, Panel::Inspector, Panel::Checks, Panel::Log}) shown[panel_index(p)] = true;
    const bool results = ui.sim.results().has_value();
    shown[panel_index(Panel::Library)] = !ui.ed.library.db().empty();
    shown[panel_index(Panel::Simulation)] = ui.sim.show_panel;
    shown[panel_index(Panel::SimResults)] = ui.sim.show_results && results;
    shown[panel_index(Panel::Playback)] = ui.sim.show_playback && results;
    return shown;
}

namespace {

void put_rect(std::ostringstream& o, const Rect& r) { o << r.x << '\t' << r.y << '\t' << r.w << '\t' << r.h; }

// The last frame's top-level windows (not popups, tooltips or child windows).
void write_windows(std::ostringstream& o) {
    const ImGuiContext* ctx = ImGui::GetCurrentContext();
    if (!ctx) return;
    for (const ImGuiWindow* w : ctx->Windows) {
        if (!(w->Active || w->WasActive) || w->Hidden || w->IsFallbackWindow) continue;
        if (w->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_ChildWindow)) continue;
        o << "window\t";
        put_rect(o, {w->Pos.x, w->Pos.y, w->Size.x, w->Size.y});
        o << '\t' << w->Name << '\n';
    }
}

// The corners of the shown level's scene (floor to the tops of walls and furniture) on screen.
void write_plan_bounds(UiContext& ui, std::ostringstream& o) {
    const SceneBounds& b = ui.ed.scene().bounds;
    if (b.empty) {
        o << "plan\tnone\n";
        return;
    }
    const ViewTransform v = ui.view();
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    for (int i = 0; i < 8; ++i) {
        const glm::vec3 c{i & 1 ? b.max.x : b.min.x, i & 2 ? b.max.y : b.min.y, i & 4 ? b.max.z : b.min.z};
        const auto px = v.project(c);
        if (!px) {
            o << "plan\tbehind\n";
            return;
        }
        x0 = std::min(x0, px->x);
        y0 = std::min(y0, px->y);
        x1 = std::max(x1, px->x);
        y1 = std::max(y1, px->y);
    }
    o << "plan\t";
    put_rect(o, {x0, y0, x1 - x0, y1 - y0});
    o << '\n';
}

}  // namespace

bool is_layout_action(const std::string& action) { return action == "layout" || action == "collapse" || action == "expand"; }

std::optional<std::string> run_layout_action(UiContext& ui, const std::vector<std::string>& w) {
    if (w[0] == "collapse" || w[0] == "expand") {
        const auto p = panel_from_name(w[1]);
        if (!p || *p == Panel::Playback) return tr("editor.script.usage.collapse");  // the playback bar has no title bar
        ui.panels.requested[panel_index(*p)] = w[0] == "collapse";
        return std::nullopt;
    }
    std::ostringstream o;
    o << "view\t";
    put_rect(o, ui.layout.view());
    o << '\n';
    for (std::size_t i = 0; i < kPanelCount; ++i) {
        const Rect& r = ui.layout.panels[i];
        if (r.empty()) continue;
        o << "panel\t";
        put_rect(o, r);
        o << '\t' << panel_name(static_cast<Panel>(i)) << '\t' << (ui.panels.collapsed[i] ? "collapsed" : "open") << '\n';
    }
    write_windows(o);
    write_plan_bounds(ui, o);
    try {
        atomic_write_file(w[1], o.str());
    } catch (const InputError& e) {
        return std::string(e.what());
    }
    return std::nullopt;
}

}  // namespace shuxiang::editor
