#include "tools/draw_ui.hpp"
#include "tools/manipulator.hpp"

#include <epoxy/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <charconv>
#include <cmath>
#include <cstdio>

#include "ui/ui_context.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/util/i18n.hpp"
#include "tools/draw_input.hpp"
#include "tools/draw_tool.hpp"
#include "tools/tool_set.hpp"

namespace shuxiang::editor {
namespace {

constexpr DrawToolKind kTools[] = {DrawToolKind::Select, DrawToolKind::Wall, DrawToolKind::Room,
                                   DrawToolKind::Door,   DrawToolKind::Window, DrawToolKind::Exit};

std::string tool_label(DrawToolKind k) { return tr(std::string("editor.draw.tool.") + to_string(k)); }

void report(Editor& ed, const ActionResult& r) {
    if (!r.ok) ed.log(LogLine::Level::Warning, r.message);
}

std::string fmt(double v, const char* f = "%.2f") {
    char b[48];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

std::optional<double> number(const std::string& s) {
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

// Screen position (ImGui pixels) of a world point.
std::optional<ImVec2> screen(const ViewTransform& v, plan::Vec2 p, float z = 0.02f) {
    const auto q = v.project({static_cast<float>(p.x), static_cast<float>(p.y), z});
    if (!q) return std::nullopt;
    return ImVec2(q->x, q->y);
}

void polyline(const ViewTransform& v, ImDrawList* dl, const std::vector<plan::Vec2>& pts, ImU32 col, float thick) {
    for (std::size_t i = 1; i < pts.size(); ++i) {
        auto a = screen(v, pts[i - 1]), b = screen(v, pts[i]);
        if (a && b) dl->AddLine(*a, *b, col, thick);
    }
}

void label_at(ImDrawList* dl, ImVec2 p, const std::string& text) {
    const ImVec2 sz = ImGui::CalcTextSize(text.c_str());
    const ImVec2 q(p.x + 10, p.y - sz.y - 6);
    dl->AddRectFilled({q.x - 3, q.y - 1}, {q.x + sz.x + 3, q.y + sz.y + 1}, IM_COL32(20, 22, 26, 200), 3.f);
    dl->AddText(q, IM_COL32(255, 240, 160, 255), text.c_str());
}

std::string swing_label(plan::DoorSwing s) { return tr(std::string("editor.draw.swing.") + plan::to_string(s)); }

bool swing_combo(const char* label, plan::DoorSwing& s) {
    bool changed = false;
    ImGui::SetNextItemWidth(-80);
    if (ImGui::BeginCombo(label, swing_label(s).c_str())) {
        for (int i = 0; i <= static_cast<int>(plan::DoorSwing::Sliding); ++i) {
            const auto v = static_cast<plan::DoorSwing>(i);
            if (ImGui::Selectable(swing_label(v).c_str(), v == s)) {
                s = v;
                changed = true;
            }
        }
        ImGui::EndCombo();
    }
    return changed;
}

bool field(const char* key, double& v, const char* f = "%.2f m") {
    ImGui::SetNextItemWidth(-80);
    return ImGui::InputDouble((tr(key) + "###" + key).c_str(), &v, 0.05, 0.5, f);
}

// A selected wall's or opening's numeric field: one undo step per field edit (merged while typing).
void selection_field(Editor& ed, DrawTool& tool, const char* key, const char* name, double v) {
    if (field(key, v)) {
        if (auto r = set_draw_field(ed, tool, name, fmt(v, "%.6g"), true)) report(ed, *r);
    }
    if (ImGui::IsItemDeactivatedAfterEdit()) ed.seal();
}

void tool_settings(UiContext& ui) {
    DrawTool& t = ui.draw_tool();
    DrawSettings& s = t.settings;
    ImGui::TextUnformatted((tr("editor.draw.inspector.tool") + ": " + tool_label(t.kind())).c_str());
    ImGui::Checkbox((tr("editor.draw.inspector.snap") + "###snap").c_str(), &t.snap);
    switch (t.kind()) {
    case DrawToolKind::Wall:
        field("editor.draw.inspector.thickness", s.wall_thickness);
        field("editor.draw.inspector.height", s.wall_height);
        ImGui::TextWrapped("%s", tr("editor.draw.inspector.hint_wall").c_str());
        break;
    case DrawToolKind::Room: {
        ImGui::SetNextItemWidth(-80);
        ImGui::InputText((tr("editor.draw.inspector.room_name") + "###rname").c_str(), &s.room_name);
        ImGui::SetNextItemWidth(-80);
        if (ImGui::BeginCombo((tr("editor.draw.inspector.room_kind") + "###rkind").c_str(), tr(plan::display_key(s.room_kind)).c_str())) {
            for (int k = 0; k <= static_cast<int>(plan::RoomKind::Circulation); ++k) {
                const auto kind = static_cast<plan::RoomKind>(k);
                if (ImGui::Selectable(tr(plan::display_key(kind)).c_str(), kind == s.room_kind)) s.room_kind = kind;
            }
            ImGui::EndCombo();
        }
        ImGui::TextWrapped("%s", tr("editor.draw.inspector.hint_room").c_str());
        break;
    }
    case DrawToolKind::Window:
        field("editor.draw.inspector.width", s.window_width);
        field("editor.draw.inspector.height", s.window_height);
        field("editor.draw.inspector.sill", s.window_sill);
        ImGui::TextWrapped("%s", tr("editor.draw.inspector.hint_opening").c_str());
        break;
    case DrawToolKind::Door:
    case DrawToolKind::Exit: {
        const bool door = t.kind() == DrawToolKind::Door;
        field("editor.draw.inspector.width", door ? s.door_width : s.exit_width);
        field("editor.draw.inspector.height", door ? s.door_height : s.exit_height);
        swing_combo((tr("editor.draw.inspector.swing") + "###tswing").c_str(), s.swing);
        ImGui::Checkbox((tr("editor.draw.inspector.entrance") + "###tentr").c_str(), door ? &s.door_entrance : &s.exit_entrance);
        ImGui::TextWrapped("%s", tr("editor.draw.inspector.hint_opening").c_str());
        break;
    }
    case DrawToolKind::Select: break;
    }
    ImGui::Separator();
}

bool is_drawing_tool(DrawToolKind k) { return k == DrawToolKind::Wall || k == DrawToolKind::Room; }

}  // namespace

void draw_tool_buttons(UiContext& ui) {
    DrawTool& t = ui.draw_tool();
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    for (DrawToolKind k : kTools) {
        ImGui::SameLine();
        const bool on = t.kind() == k;
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button((tool_label(k) + "###tool_" + to_string(k)).c_str())) t.set_kind(k);
        if (on) ImGui::PopStyleColor();
    }
}

bool draw_tool_inspector(UiContext& ui) {
    Editor& ed = ui.ed;
    DrawTool& t = ui.draw_tool();
    if (t.active()) tool_settings(ui);
    if (const plan::Wall* w = selected_wall(ed)) {
        ImGui::Text("%s: %s", tr("editor.draw.inspector.wall").c_str(), w->id.c_str());
        selection_field(ed, t, "editor.draw.inspector.thickness", "thickness", w->thickness);
        selection_field(ed, t, "editor.draw.inspector.height", "height", w->height);
        ImGui::Text("%s: %.2f m", tr("editor.draw.inspector.length").c_str(), plan::polyline_length(w->points));
        return true;
    }
    if (const plan::Opening* o = selected_opening(ed)) {
        const plan::Opening g = *o;  // the fields below may replace *o
        ImGui::Text("%s: %s  (%s %s)", tr(std::string("editor.draw.kind.") + plan::to_string(g.kind)).c_str(), g.id.c_str(),
                    tr("editor.draw.inspector.wall").c_str(), g.wall.c_str());
        selection_field(ed, t, "editor.draw.inspector.offset", "offset", g.offset);
        selection_field(ed, t, "editor.draw.inspector.width", "width", g.width);
        selection_field(ed, t, "editor.draw.inspector.height", "height", g.height);
        if (g.kind == plan::OpeningKind::Window) {
            selection_field(ed, t, "editor.draw.inspector.sill", "sill", g.sill);
        } else {
            plan::DoorSwing s = g.swing;
            if (swing_combo((tr("editor.draw.inspector.swing") + "###oswing").c_str(), s))
                if (auto r = set_draw_field(ed, t, "swing", plan::to_string(s))) report(ed, *r);
            bool e = g.entrance;
            if (ImGui::Checkbox((tr("editor.draw.inspector.entrance") + "###oentr").c_str(), &e))
                if (auto r = set_draw_field(ed, t, "entrance", e ? "true" : "false")) report(ed, *r);
        }
        return true;
    }
    return false;
}

void draw_tool_status(UiContext& ui) {
    const DrawTool& t = ui.draw_tool();
    if (!t.active()) return;
    ImGui::SameLine(430);
    std::string s = tool_label(t.kind()) + "  " + tr(t.snap ? "editor.draw.status.snap_on" : "editor.draw.status.snap_off");
    if (auto seg = t.live_segment()) s += "  " + trf("editor.draw.status.length", {fmt(seg->first), fmt(seg->second, "%.1f")});
    if (!t.typed().empty()) s += "  " + trf("editor.draw.status.typed", {t.typed()});
    if (const auto& pv = t.opening_preview()) {
        s += "  " + (pv->misfit.empty() ? trf("editor.draw.status.opening", {fmt(pv->opening.width), fmt(pv->opening.offset)})
                                        : tr(pv->misfit));
    }
    ImGui::TextUnformatted(s.c_str());
}

void draw_plan_symbols(ToolContext& ctx) {
    Editor& ed = ctx.ed;
    const ViewTransform& v = ctx.view;
    const plan::Level* level = ed.level();
    if (!level) return;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    dl->PushClipRect({v.rect.x, v.rect.y}, {v.rect.x + v.rect.z, v.rect.y + v.rect.w});
    // The top plan view sees the lintels over doors: draw the openings as plan symbols instead, a gap
    // with its threshold for doors (green for entrances, red for exits) and a pane for windows, and
    // the doors' swings.
    if (ed.camera().mode == ViewMode::Top)
        for (const auto& o : level->openings) {
            const plan::Wall* w = plan::find_wall(*level, o.wall);
            const auto e = draw::opening_ends(*level, o);
            if (!w || !e) continue;
            const plan::Vec2 d = (e->second - e->first) * (1.0 / std::max(o.width, 1e-9));
            const plan::Vec2 n = plan::Vec2{-d.y, d.x} * (w->thickness / 2);
            const auto a = screen(v, e->first - n, 3.1f), b = screen(v, e->second - n, 3.1f),
                       c = screen(v, e->second + n, 3.1f), f = screen(v, e->first + n, 3.1f);
            if (!a || !b || !c || !f) continue;
            const bool window = o.kind == plan::OpeningKind::Window;
            dl->AddQuadFilled(*a, *b, *c, *f, window ? IM_COL32(158, 204, 235, 255) : IM_COL32(236, 236, 232, 255));
            const ImU32 edge = window ? IM_COL32(40, 60, 80, 255)
                               : o.kind == plan::OpeningKind::EmergencyExit ? IM_COL32(217, 51, 46, 255)
                               : o.entrance ? IM_COL32(38, 158, 77, 255) : IM_COL32(110, 110, 110, 255);
            if (window) {
                polyline(v, dl, {e->first, e->second}, edge, 1.5f);
                dl->AddQuad(*a, *b, *c, *f, edge, 1.f);
            } else {
                dl->AddLine(*a, *f, edge, 2.f);
                dl->AddLine(*b, *c, edge, 2.f);
            }
            for (const auto& line : draw::door_swing(*level, o)) polyline(v, dl, line, edge, 1.5f);
        }
    // The selected wall or opening (the renderer outlines furniture and rooms only).
    const ImU32 sel = IM_COL32(255, 158, 13, 255);
    if (const plan::Wall* w = selected_wall(ed)) polyline(v, dl, w->points, sel, 3.f);
    if (const plan::Opening* o = selected_opening(ed))
        if (auto e = draw::opening_ends(*level, *o)) polyline(v, dl, {e->first, e->second}, sel, 5.f);
    dl->PopClipRect();
}

void DrawInput::overlay_ui(ToolContext& ctx) {
    Editor& ed = ctx.ed;
    const ViewTransform& v = ctx.view;
    const DrawTool& t = t_;
    const plan::Level* level = ed.level();
    if (!level) return;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    dl->PushClipRect({v.rect.x, v.rect.y}, {v.rect.x + v.rect.z, v.rect.y + v.rect.w});
    // The drawing in progress, from the last point to the cursor, closed back to the start for rooms.
    if (is_drawing_tool(t.kind())) {
        std::vector<plan::Vec2> pts = t.points();
        if (t.cursor() && !pts.empty()) pts.push_back(*t.cursor());
        if (t.kind() == DrawToolKind::Wall && ed.camera().mode == ViewMode::Top) {
            // The wall's thickness to scale under its centre line.
            const auto o = screen(v, {0, 0}), x = screen(v, {1, 0});
            if (o && x) polyline(v, dl, pts, IM_COL32(255, 214, 40, 90), std::max(2.f, static_cast<float>(t.settings.wall_thickness) * std::abs(x->x - o->x)));
        }
        polyline(v, dl, pts, IM_COL32(255, 214, 40, 255), 2.5f);
        // A room tool's drag shows the rectangle it will make (corners unsnapped until release).
        if (t.kind() == DrawToolKind::Room && t.points().empty() && press_ && dragged_far(last_px_))
            if (auto a = v.floor_at(press_->p01); a && t.cursor()) {
                auto r = draw::rectangle(*a, *t.cursor());
                if (!r.empty()) r.push_back(r.front());
                polyline(v, dl, r, IM_COL32(255, 214, 40, 255), 2.f);
            }
        if (t.kind() == DrawToolKind::Room && pts.size() >= 3)
            polyline(v, dl, {pts.back(), pts.front()}, IM_COL32(255, 214, 40, 120), 1.5f);
        for (const auto& p : t.points())
            if (auto s = screen(v, p)) dl->AddRectFilled({s->x - 3, s->y - 3}, {s->x + 3, s->y + 3}, IM_COL32(255, 214, 40, 255));
        if (auto c = t.cursor())
            if (auto s = screen(v, *c)) {
                const ImU32 col = t.snap_kind() == draw::SnapKind::Endpoint   ? IM_COL32(60, 220, 90, 255)
                                  : t.snap_kind() == draw::SnapKind::WallLine ? IM_COL32(60, 200, 240, 255)
                                                                              : IM_COL32(255, 214, 40, 255);
                dl->AddCircle(*s, 6.f, col, 16, 2.f);
                if (auto seg = t.live_segment())
                    label_at(dl, *s, fmt(seg->first) + " m  " + fmt(seg->second, "%.1f") + "°" +
                                         (t.typed().empty() ? "" : "  [" + t.typed() + "]"));
            }
    }
    // The opening an opening tool would place: green where it fits, red where it is refused.
    if (const auto& pv = t.opening_preview(); pv && !is_drawing_tool(t.kind()) && t.active())
        if (auto e = draw::opening_ends(*level, pv->opening)) {
            const ImU32 col = pv->misfit.empty() ? IM_COL32(60, 220, 90, 255) : IM_COL32(235, 50, 40, 255);
            polyline(v, dl, {e->first, e->second}, col, 6.f);
            if (auto s = screen(v, (e->first + e->second) * 0.5)) label_at(dl, *s, fmt(pv->opening.width) + " m");
        }
    dl->PopClipRect();
}

namespace {

// Routes a script's events as the window's are; a warning a tool logged meanwhile (a refused click,
// a bad typed length) fails the action with its message, as the script's other actions do.
ActionResult feed_all(UiContext& ui, const std::vector<InputEvent>& events) {
    const std::size_t before = ui.ed.log_count();
    for (const auto& e : events) ui.feed(e);
    const auto& lines = ui.ed.log_lines();
    const std::size_t added = std::min<std::size_t>(ui.ed.log_count() - before, lines.size());
    for (std::size_t i = lines.size() - added; i < lines.size(); ++i)
        if (lines[i].level != LogLine::Level::Info) return ActionResult::fail(lines[i].text);
    return {};
}

InputEvent key_event(int key, Mods mods = {}) {
    InputEvent e;
    e.type = InputEvent::Type::Key;
    e.key = key;
    e.mods = mods;
    return e;
}

// The events of a pointer action at window pixels: a click (a double click adds a second press), a
// hover, or a drag through its middle.
std::vector<InputEvent> pointer_events(const std::string& base, const std::vector<glm::vec2>& px, const std::string& mod) {
    using T = InputEvent::Type;
    const Mods mods{mod == "shift", mod == "ctrl" || mod == "add"};
    auto ev = [&](T type, glm::vec2 at, bool dbl = false) {
        InputEvent e;
        e.type = type;
        e.px = at;
        e.mods = mods;
        e.double_click = dbl;
        return e;
    };
    std::vector<InputEvent> out{ev(T::Move, px[0])};
    if (base == "hover") return out;
    out.push_back(ev(T::Press, px[0]));
    if (base == "drag") {
        out.push_back(ev(T::Move, (px[0] + px[1]) * 0.5f));
        out.push_back(ev(T::Move, px[1]));
        out.push_back(ev(T::Release, px[1]));
        return out;
    }
    out.push_back(ev(T::Release, px[0]));
    if (mod == "double") {
        out.push_back(ev(T::Press, px[0], true));
        out.push_back(ev(T::Release, px[0]));
    }
    return out;
}

}  // namespace

std::optional<ActionResult> run_draw_action(UiContext& ui, const std::vector<std::string>& w) {
    Editor& ed = ui.ed;
    DrawTool& t = ui.draw_tool();
    const std::string& a = w[0];
    if (a == "tool") {
        auto k = draw_tool_from_string(w[1]);
        if (!k) return ActionResult::fail(tr("editor.script.usage.tool"));
        ui.tools.active().reset();
        t.set_kind(*k);
        return ActionResult{};
    }
    if (a == "type") {
        if (!is_drawing_tool(t.kind()) || t.points().empty()) return ActionResult::fail(tr("editor.script.usage.type"));
        std::vector<InputEvent> chars;
        for (unsigned char c : w[1]) {
            InputEvent e;
            e.type = InputEvent::Type::Char;
            e.codepoint = c;
            chars.push_back(e);
        }
        return feed_all(ui, chars);
    }
    if (a == "key") {
        static const std::pair<const char*, int> keys[] = {
            {"enter", GLFW_KEY_ENTER}, {"esc", GLFW_KEY_ESCAPE}, {"backspace", GLFW_KEY_BACKSPACE}, {"y", GLFW_KEY_Y}};
        for (auto [name, key] : keys)
            if (w[1] == name) return feed_all(ui, {key_event(key)});
        return ActionResult::fail(tr("editor.script.usage.key"));
    }
    if (a == "delete") return delete_drawn(ed);
    if (a == "set") {
        std::string value = w[2];
        for (std::size_t i = 3; i < w.size(); ++i) value += " " + w[i];
        return set_draw_field(ed, t, w[1], value);
    }
    // Pointer actions: viewport fractions (click, hover, drag) or plan points shown in the viewport
    // (click-at, hover-at, drag-at), made into the events a mouse makes and routed to the active tool.
    const bool at = a.size() > 3 && a.compare(a.size() - 3, 3, "-at") == 0;
    const std::string base = at ? a.substr(0, a.size() - 3) : a;
    if (base != "click" && base != "hover" && base != "drag") return std::nullopt;
    const std::size_t n = base == "drag" ? 4 : 2;
    std::vector<double> v;
    for (std::size_t i = 1; i <= n && i < w.size(); ++i)
        if (auto x = number(w[i])) v.push_back(*x);
    if (v.size() != n) return ActionResult::fail(trf("editor.script.usage.numbers", {a, std::to_string(n)}));
    const std::string mod = w.size() > n + 1 ? w[n + 1] : "";
    if (!mod.empty() && mod != "ctrl" && mod != "add" && mod != "double" && mod != "shift")
        return ActionResult::fail(trf("editor.script.usage.pointer_mod", {a}));
    const ViewTransform view = ui.view();
    std::vector<glm::vec2> px;
    for (std::size_t i = 0; i < n; i += 2) {
        glm::vec2 p(static_cast<float>(v[i]), static_cast<float>(v[i + 1]));
        if (at) {
            auto q = view.floor_to_01({v[i], v[i + 1]});
            if (!q) return ActionResult::fail(trf("editor.script.usage.not_in_view", {a}));
            p = *q;
        }
        if (p.x < 0 || p.x > 1 || p.y < 0 || p.y > 1) return ActionResult::fail(trf("editor.script.usage.outside_view", {a}));
        // Inside the viewport's last pixel row and column, as a pointer over it always is.
        px.push_back(glm::min(view.to_px(p), glm::vec2(view.rect.x + view.rect.z, view.rect.y + view.rect.w) - 0.01f));
    }
    return feed_all(ui, pointer_events(base, px, mod));
}

}  // namespace shuxiang::editor
