#include "ui/checks.hpp"

#include <imgui.h>

#include <cstdio>

#include "app/app.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {
namespace {
std::string fmt2(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", v);
    return b;
}
}  // namespace

std::vector<CheckItem> run_checks(const Editor& ed) {
    std::vector<CheckItem> out;
    const plan::Plan& p = ed.plan();
    for (const auto& o : plan::furniture_overlaps(p, ed.catalog(), 1e-3))
        out.push_back({CheckItem::Kind::Overlap, trf("editor.check.overlap", {o.a, o.b, fmt2(o.depth)}), {o.a, o.b}});
    for (const auto& a : plan::aisles(p, ed.catalog()))
        if (a.width < kMinShelfAisle - 1e-9)
            out.push_back({CheckItem::Kind::NarrowAisle,
                           trf("editor.check.narrow_aisle", {a.a, a.b, fmt2(a.width), fmt2(kMinShelfAisle)}),
                           a.b_is_wall ? std::vector<std::string>{a.a} : std::vector<std::string>{a.a, a.b}});
    const plan::Reachability r = plan::reachability(p);
    for (const auto& u : r.unreachable) {
        std::string name = u.room;
        if (const auto* l = plan::find_level(p, u.level))
            if (const auto* room = plan::find_room(*l, u.room)) name = room->name;
        out.push_back({CheckItem::Kind::Unreachable, trf("editor.check.unreachable", {name}), {u.room}});
    }
    for (const auto& l : r.levels_without_entrance)
        out.push_back({CheckItem::Kind::NoEntrance, trf("editor.check.no_entrance", {l}), {}});
    return out;
}

void draw_checks_panel(App& app, float x, float y, float w, float h) {
    static unsigned long version = ~0UL;
    static std::vector<CheckItem> items;
    Editor& ed = app.editor();
    // The checks run on every document change, not every frame.
    if (version != ed.history().version()) {
        items = run_checks(ed);
        version = ed.history().version();
    }
    ImGui::SetNextWindowPos({x, y});
    ImGui::SetNextWindowSize({w, h});
    ImGui::Begin((tr("editor.panel.checks") + "###checks").c_str(), nullptr,
                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    if (items.empty()) ImGui::TextColored({0.5f, 0.85f, 0.5f, 1.f}, "%s", tr("editor.check.all_ok").c_str());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& it = items[i];
        const ImVec4 c = it.kind == CheckItem::Kind::NoEntrance ? ImVec4(1.f, 0.8f, 0.35f, 1.f) : ImVec4(1.f, 0.5f, 0.45f, 1.f);
        ImGui::PushStyleColor(ImGuiCol_Text, c);
        ImGui::PushID(static_cast<int>(i));
        ImGui::Bullet();
        ImGui::TextWrapped("%s", it.text.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsItemClicked() && !it.ids.empty()) {
            if (ed.select(it.ids).ok) ed.frame_selection(app.aspect());
        }
        ImGui::PopID();
        ImGui::PopStyleColor();
    }
    ImGui::End();
}

}  // namespace shuxiang::editor
