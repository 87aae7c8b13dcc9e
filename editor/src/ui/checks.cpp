#include "ui/checks.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/ui_context.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/standards/compliance.hpp"
#include "shuxiang/standards/layout_checks.hpp"
#include "ui/dock.hpp"
#include "shuxiang/standards/profile.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {
namespace {
std::string fmt2(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", v);
    return b;
}
// Whole numbers (seats, functions) without decimals, measures with two.
std::string fmt_num(double v) {
    if (std::abs(v - std::round(v)) < 1e-9 && std::abs(v) < 1e12) return std::to_string(static_cast<long long>(std::llround(v)));
    return fmt2(v);
}
}  // namespace

namespace {

// The layout problems, named by labels; narrow aisles carry their geometry for the viewport overlay.
void add_layout(const Editor& ed, const standards::RuleSet& rules, std::vector<CheckItem>& out) {
    const plan::Plan& p = ed.plan();
    const auto all_aisles = plan::aisles(p, ed.catalog());
    for (const auto& prob : standards::layout_problems(p, ed.catalog(), rules)) {
        CheckItem it{CheckItem::Kind::Layout, prob.kind, standards::problem_text(prob), prob.ids, std::nullopt};
        if (prob.kind == "aisle_narrow")
            for (const auto& a : all_aisles)
                if (a.level == prob.level && a.a == prob.ids.front() && prob.ids.size() > 1 && a.b == prob.ids[1])
                    it.aisle = a;
        // A wall is not selectable from the panel: select the furniture or opening only.
        if (prob.kind == "furniture_in_wall" || (prob.kind == "aisle_narrow" && it.aisle && it.aisle->b_is_wall) ||
            (prob.kind == "door_swing" && prob.ids.size() > 1 && !plan::find_furniture(*plan::find_level(p, prob.level), prob.ids[1])))
            it.ids.resize(1);
        out.push_back(std::move(it));
    }
    for (const auto& l : plan::reachability(p).levels_without_entrance)
        if (const plan::Level* lv = plan::find_level(p, l); lv && !lv->rooms.empty())
            out.push_back({CheckItem::Kind::NoEntrance, "no_entrance", trf("editor.check.no_entrance", {l}), {}, std::nullopt});
}

// "12 m² (≥ 15)", or for a room or service the plan must have: "missing (required)" in the user's
// language (the comparison words of the standards never reach the panel untranslated).
std::string measured_and_required(const standards::Check& c) {
    if (c.comparison == "present")
        return tr(c.measured >= c.required ? "editor.checks.present" : "editor.checks.missing") + " (" +
               tr("report.required_present") + ")";
    const std::string op = c.comparison == ">=" ? "≥" : c.comparison == "<=" ? "≤" : c.comparison;
    return fmt_num(c.measured) + " " + standards::unit_text(c.unit, language()) + " (" + op + " " + fmt_num(c.required) + ")";
}

// The standards' checks that need only the plan (the collection checks need the database); those the
// layout checks already show with their places are left out. An empty document (no rooms) has none.
void add_standards(const Editor& ed, const standards::RuleSet& rules, std::vector<CheckItem>& out) {
    const plan::Plan& p = ed.plan();
    const bool any_room = std::any_of(p.levels.begin(), p.levels.end(), [](const auto& l) { return !l.rooms.empty(); });
    if (!any_room) return;
    standards::Checklist list;
    standards::check_plan(p, ed.catalog(), nullptr, rules, list);
    for (const auto& c : list.checks) {
        if (c.status != standards::Status::Fail && c.status != standards::Status::Warning) continue;
        if (c.id == "safety.aisles" || c.id == "safety.wall_aisles" || c.id == "safety.overlaps" || c.id == "safety.reachable" ||
            c.id == "space.stack_density")
            continue;
        std::string text = tr(c.title_key) + ": " + measured_and_required(c);
        const std::string advice = standards::advice_text(c, language());
        if (!advice.empty()) text += " — " + advice;
        std::vector<std::string> ids;
        for (const auto& m : c.markers)
            if (!m.object.empty()) ids.push_back(m.object);
        // A city-encouraged item (corners, corridors, outdoor areas, the five functions) is a
        // recommendation: listed as a warning, never as a failure.
        if (c.recommended) text = tr("status.recommendation") + " · " + text;
        const bool fail = c.status == standards::Status::Fail && !c.recommended;
        out.push_back({fail ? CheckItem::Kind::StandardFail : CheckItem::Kind::StandardWarning,
                       fail ? "standard_fail" : "standard_warning", text, ids, std::nullopt});
    }
}

}  // namespace

std::vector<CheckItem> run_checks(const Editor& ed) {
    std::vector<CheckItem> out;
    std::optional<standards::RuleSet> rules;
    try {
        rules = standards::RuleSet::for_region(standards::builtin_profile_dir(), ed.plan().school.region);
    } catch (const InputError& e) {
        out.push_back({CheckItem::Kind::StandardWarning, "standard_warning", format_place(e.file(), e.where(), e.message()), {},
                       std::nullopt});
        return out;
    }
    add_layout(ed, *rules, out);
    add_standards(ed, *rules, out);
    return out;
}

const std::vector<CheckItem>& current_checks(const Editor& ed) {
    // The checks run on every document change, not every frame.
    static unsigned long version = ~0UL;
    static unsigned serial = ~0U;
    static Language lang = Language::ZhCN;
    static std::vector<CheckItem> items;
    if (version != ed.history().version() || serial != ed.document_serial() || lang != language()) {
        lang = language();
        items = run_checks(ed);
        version = ed.history().version();
        serial = ed.document_serial();
    }
    return items;
}

void draw_aisle_overlay(UiContext& ui) {
    Editor& ed = ui.ed;
    const plan::Level* lv = ed.level();
    if (!lv) return;
    const Layout& Lo = ui.layout;
    const glm::mat4 vp = ed.camera().projection(ui.aspect()) * ed.camera().view();
    auto project = [&](plan::Vec2 p, ImVec2& out) {
        const glm::vec4 c = vp * glm::vec4(static_cast<float>(p.x), static_cast<float>(p.y), 0.03f, 1.f);
        if (c.w <= 1e-4f) return false;
        out = {Lo.vx + (c.x / c.w * 0.5f + 0.5f) * Lo.vw, Lo.vy + (0.5f - c.y / c.w * 0.5f) * Lo.vh};
        return true;
    };
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    dl->PushClipRect({Lo.vx, Lo.vy}, {Lo.vx + Lo.vw, Lo.vy + Lo.vh});
    for (const auto& it : current_checks(ed)) {
        if (!it.aisle || it.aisle->level != lv->id) continue;
        const plan::Aisle& a = *it.aisle;
        const plan::Vec2 d = a.direction, n{-a.direction.y, a.direction.x};
        const plan::Vec2 c[4] = {a.midpoint - d * (a.length / 2) - n * (a.width / 2), a.midpoint + d * (a.length / 2) - n * (a.width / 2),
                                 a.midpoint + d * (a.length / 2) + n * (a.width / 2), a.midpoint - d * (a.length / 2) + n * (a.width / 2)};
        ImVec2 s[4], mid;
        if (!project(c[0], s[0]) || !project(c[1], s[1]) || !project(c[2], s[2]) || !project(c[3], s[3]) || !project(a.midpoint, mid))
            continue;
        dl->AddQuadFilled(s[0], s[1], s[2], s[3], IM_COL32(230, 30, 30, 110));
        dl->AddQuad(s[0], s[1], s[2], s[3], IM_COL32(255, 60, 60, 255), 1.5f);
        const std::string w = fmt2(a.width) + " m";
        const ImVec2 sz = ImGui::CalcTextSize(w.c_str());
        dl->AddRectFilled({mid.x - sz.x / 2 - 3, mid.y - sz.y / 2 - 1}, {mid.x + sz.x / 2 + 3, mid.y + sz.y / 2 + 1}, IM_COL32(150, 0, 0, 220), 3.f);
        dl->AddText({mid.x - sz.x / 2, mid.y - sz.y / 2}, IM_COL32(255, 255, 255, 255), w.c_str());
    }
    dl->PopClipRect();
}

void draw_checks_panel(UiContext& ui) {
    Editor& ed = ui.ed;
    const auto& items = current_checks(ed);
    begin_docked(ui, Panel::Checks, tr("editor.panel.checks") + "###checks");
    if (items.empty()) ImGui::TextColored({0.5f, 0.85f, 0.5f, 1.f}, "%s", tr("editor.check.all_ok").c_str());
    bool plan_heading = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& it = items[i];
        if (it.plan_level() && !plan_heading) {
            plan_heading = true;
            ImGui::Separator();
            ImGui::TextDisabled("%s", tr("editor.check.plan_level").c_str());
        }
        const bool warning = it.kind == CheckItem::Kind::NoEntrance || it.kind == CheckItem::Kind::StandardWarning ||
                             it.code == "furniture_outside_rooms";
        const ImVec4 c = warning ? ImVec4(1.f, 0.8f, 0.35f, 1.f) : ImVec4(1.f, 0.5f, 0.45f, 1.f);
        ImGui::PushStyleColor(ImGuiCol_Text, c);
        ImGui::PushID(static_cast<int>(i));
        ImGui::Bullet();
        ImGui::TextWrapped("%s", it.text.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        if (ImGui::IsItemClicked() && !it.ids.empty()) {
            if (ed.select(it.ids).ok) ed.frame_selection(ui.aspect());
        }
        ImGui::PopID();
        ImGui::PopStyleColor();
    }
    ImGui::End();
}

}  // namespace shuxiang::editor
