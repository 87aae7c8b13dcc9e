#include "tools/draw_ui.hpp"

#include <epoxy/gl.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include <charconv>
#include <cmath>
#include <cstdio>

#include "app/app.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/util/i18n.hpp"
#include "tools/draw_tool.hpp"

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

// Where a viewport point's ray meets the floor.
std::optional<plan::Vec2> floor_at(App& app, glm::vec2 p01) {
    glm::vec3 hit(0.f);
    if (!intersect_plane_z(app.editor().camera().ray(p01, app.aspect()), 0.f, hit)) return std::nullopt;
    return plan::Vec2{hit.x, hit.y};
}

// The viewport point (0..1, y down) that shows a floor point, if it is in front of the camera.
std::optional<glm::vec2> viewport_point(App& app, plan::Vec2 p) {
    const Camera& cam = app.editor().camera();
    const glm::vec4 c = cam.projection(app.aspect()) * cam.view() *
                        glm::vec4(static_cast<float>(p.x), static_cast<float>(p.y), 0.f, 1.f);
    if (c.w <= 0) return std::nullopt;
    return glm::vec2((c.x / c.w) * 0.5f + 0.5f, 0.5f - (c.y / c.w) * 0.5f);
}

// Screen position (ImGui pixels) of a world point.
std::optional<ImVec2> screen(App& app, plan::Vec2 p, float z = 0.02f) {
    const Camera& cam = app.editor().camera();
    const Layout& L = app.layout();
    const glm::vec4 c = cam.projection(app.aspect()) * cam.view() *
                        glm::vec4(static_cast<float>(p.x), static_cast<float>(p.y), z, 1.f);
    if (c.w <= 1e-6f) return std::nullopt;
    return ImVec2(L.vx + (c.x / c.w * 0.5f + 0.5f) * L.vw, L.vy + (0.5f - c.y / c.w * 0.5f) * L.vh);
}

void polyline(App& app, ImDrawList* dl, const std::vector<plan::Vec2>& pts, ImU32 col, float thick) {
    for (std::size_t i = 1; i < pts.size(); ++i) {
        auto a = screen(app, pts[i - 1]), b = screen(app, pts[i]);
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

void tool_settings(App& app) {
    DrawTool& t = app.draw_tool();
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

// The left button's press in the viewport while a tool is active (one window, one pointer).
struct Press {
    std::optional<glm::vec2> at;  // viewport point (0..1) where the button went down
    ImVec2 px;                    // and in pixels
    bool double_click = false;
    bool ctrl_before = false;
};
Press g_press;

// A press dragged this far (pixels) is a drag, not a click.
bool dragged_far(const ImVec2& now) { return std::hypot(now.x - g_press.px.x, now.y - g_press.px.y) > 6.f; }

bool is_drawing_tool(DrawToolKind k) { return k == DrawToolKind::Wall || k == DrawToolKind::Room; }

ActionResult pointer_action(App& app, const std::string& a, const std::vector<plan::Vec2>& pts, bool invert, bool dbl) {
    DrawTool& t = app.draw_tool();
    if (a == "hover") {
        t.hover(pts[0], invert);
        return {};
    }
    if (a == "drag") {
        // A user drags through the points between; the tool only needs the ends.
        t.hover(pts[1], invert);
        return t.drag(pts[0], pts[1], invert);
    }
    t.hover(pts[0], invert);
    auto r = t.click(pts[0], invert);
    if (r.ok && dbl) r = t.double_click(pts[0], invert);
    return r;
}

}  // namespace

void draw_tool_buttons(App& app) {
    DrawTool& t = app.draw_tool();
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

bool draw_tool_inspector(App& app) {
    Editor& ed = app.editor();
    DrawTool& t = app.draw_tool();
    if (t.active()) tool_settings(app);
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

void draw_tool_status(App& app) {
    const DrawTool& t = app.draw_tool();
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

void draw_tool_overlay(App& app) {
    Editor& ed = app.editor();
    const DrawTool& t = app.draw_tool();
    const plan::Level* level = ed.level();
    if (!level) return;
    const Layout& Lo = app.layout();
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    dl->PushClipRect({Lo.vx, Lo.vy}, {Lo.vx + Lo.vw, Lo.vy + Lo.vh});
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
            const auto a = screen(app, e->first - n, 3.1f), b = screen(app, e->second - n, 3.1f),
                       c = screen(app, e->second + n, 3.1f), f = screen(app, e->first + n, 3.1f);
            if (!a || !b || !c || !f) continue;
            const bool window = o.kind == plan::OpeningKind::Window;
            dl->AddQuadFilled(*a, *b, *c, *f, window ? IM_COL32(158, 204, 235, 255) : IM_COL32(236, 236, 232, 255));
            const ImU32 edge = window ? IM_COL32(40, 60, 80, 255)
                               : o.kind == plan::OpeningKind::EmergencyExit ? IM_COL32(217, 51, 46, 255)
                               : o.entrance ? IM_COL32(38, 158, 77, 255) : IM_COL32(110, 110, 110, 255);
            if (window) {
                polyline(app, dl, {e->first, e->second}, edge, 1.5f);
                dl->AddQuad(*a, *b, *c, *f, edge, 1.f);
            } else {
                dl->AddLine(*a, *f, edge, 2.f);
                dl->AddLine(*b, *c, edge, 2.f);
            }
            for (const auto& line : draw::door_swing(*level, o)) polyline(app, dl, line, edge, 1.5f);
        }
    // The selected wall or opening (the renderer outlines furniture and rooms only).
    const ImU32 sel = IM_COL32(255, 158, 13, 255);
    if (const plan::Wall* w = selected_wall(ed)) polyline(app, dl, w->points, sel, 3.f);
    if (const plan::Opening* o = selected_opening(ed))
        if (auto e = draw::opening_ends(*level, *o)) polyline(app, dl, {e->first, e->second}, sel, 5.f);
    // The drawing in progress, from the last point to the cursor, closed back to the start for rooms.
    if (is_drawing_tool(t.kind())) {
        std::vector<plan::Vec2> pts = t.points();
        if (t.cursor() && !pts.empty()) pts.push_back(*t.cursor());
        if (t.kind() == DrawToolKind::Wall && ed.camera().mode == ViewMode::Top) {
            // The wall's thickness to scale under its centre line.
            const auto o = screen(app, {0, 0}), x = screen(app, {1, 0});
            if (o && x) polyline(app, dl, pts, IM_COL32(255, 214, 40, 90), std::max(2.f, static_cast<float>(t.settings.wall_thickness) * std::abs(x->x - o->x)));
        }
        polyline(app, dl, pts, IM_COL32(255, 214, 40, 255), 2.5f);
        // A room tool's drag shows the rectangle it will make (corners unsnapped until release).
        if (t.kind() == DrawToolKind::Room && t.points().empty() && g_press.at && ImGui::IsMouseDown(ImGuiMouseButton_Left) &&
            dragged_far(ImGui::GetIO().MousePos))
            if (auto a = floor_at(app, *g_press.at); a && t.cursor()) {
                auto r = draw::rectangle(*a, *t.cursor());
                if (!r.empty()) r.push_back(r.front());
                polyline(app, dl, r, IM_COL32(255, 214, 40, 255), 2.f);
            }
        if (t.kind() == DrawToolKind::Room && pts.size() >= 3)
            polyline(app, dl, {pts.back(), pts.front()}, IM_COL32(255, 214, 40, 120), 1.5f);
        for (const auto& p : t.points())
            if (auto s = screen(app, p)) dl->AddRectFilled({s->x - 3, s->y - 3}, {s->x + 3, s->y + 3}, IM_COL32(255, 214, 40, 255));
        if (auto c = t.cursor())
            if (auto s = screen(app, *c)) {
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
            polyline(app, dl, {e->first, e->second}, col, 6.f);
            if (auto s = screen(app, (e->first + e->second) * 0.5)) label_at(dl, *s, fmt(pv->opening.width) + " m");
        }
    dl->PopClipRect();
}

bool draw_tool_mouse(App& app, glm::vec2 p01, bool over_view) {
    DrawTool& t = app.draw_tool();
    if (!t.active()) return false;
    ImGuiIO& io = ImGui::GetIO();
    // Only a moving mouse hovers: a script's hover stays until the next real movement.
    const bool moved = io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || io.KeyCtrl != g_press.ctrl_before;
    g_press.ctrl_before = io.KeyCtrl;
    if (auto f = app.cursor_floor(); f && moved) t.hover({f->x, f->y}, io.KeyCtrl);
    if (!io.WantCaptureMouse && over_view && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        g_press.at = p01;
        g_press.px = io.MousePos;
        g_press.double_click = ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
    }
    if (g_press.at && ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        const auto a = floor_at(app, *g_press.at), b = floor_at(app, p01);
        Editor& ed = app.editor();
        if (a && b) {
            if (g_press.double_click)
                report(ed, t.double_click(*b, io.KeyCtrl));
            else if (dragged_far(io.MousePos) && t.kind() == DrawToolKind::Room && t.points().empty())
                report(ed, t.drag(*a, *b, io.KeyCtrl));
            else
                report(ed, t.click(*b, io.KeyCtrl));
        }
        g_press.at.reset();
    }
    return true;
}

bool draw_tool_keys(App& app) {
    DrawTool& t = app.draw_tool();
    ImGuiIO& io = ImGui::GetIO();
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
    const bool drawing = !t.points().empty();
    if (!io.KeyCtrl && !drawing && app.editor().camera().mode != ViewMode::Walk) {
        const std::pair<int, DrawToolKind> keys[] = {{GLFW_KEY_W, DrawToolKind::Wall},   {GLFW_KEY_Q, DrawToolKind::Room},
                                                     {GLFW_KEY_D, DrawToolKind::Door},   {GLFW_KEY_N, DrawToolKind::Window},
                                                     {GLFW_KEY_E, DrawToolKind::Exit}};
        for (auto [key, kind] : keys)
            if (pressed(key)) {
                t.set_kind(kind);
                return true;
            }
    }
    Editor& ed = app.editor();
    if (!drawing && !io.KeyCtrl && (pressed(GLFW_KEY_DELETE) || pressed(GLFW_KEY_BACKSPACE)))
        if (auto r = delete_drawn(ed)) {
            report(ed, *r);
            return true;
        }
    if (!t.active()) return false;
    bool used = drawing && !io.KeyCtrl;  // Ctrl+Z, Ctrl+S... still work while drawing
    if (pressed(GLFW_KEY_ENTER) || pressed(GLFW_KEY_KP_ENTER)) {
        report(ed, t.enter());
        used = true;
    }
    if (pressed(GLFW_KEY_ESCAPE)) {
        t.escape();
        used = true;
    }
    if (drawing && pressed(GLFW_KEY_BACKSPACE)) t.backspace();
    if (pressed(GLFW_KEY_Y)) {
        t.snap = !t.snap;
        used = true;
    }
    if (drawing) {
        std::string text;
        for (ImWchar c : io.InputQueueCharacters)
            if (c < 128) text += static_cast<char>(c);
        t.type(text);
    }
    return used;
}

std::optional<ActionResult> run_draw_action(App& app, const std::vector<std::string>& w) {
    Editor& ed = app.editor();
    DrawTool& t = app.draw_tool();
    const std::string& a = w[0];
    if (a == "tool") {
        auto k = draw_tool_from_string(w[1]);
        if (!k) return ActionResult::fail("tool: expected select, wall, room, door, window or exit");
        t.set_kind(*k);
        return ActionResult{};
    }
    if (a == "type") {
        if (!is_drawing_tool(t.kind()) || t.points().empty()) return ActionResult::fail("type: no wall or room is being drawn");
        t.type(w[1]);
        return ActionResult{};
    }
    if (a == "key") {
        if (w[1] == "enter") return t.enter();
        if (w[1] == "esc") t.escape();
        else if (w[1] == "backspace") t.backspace();
        else if (w[1] == "y") t.snap = !t.snap;
        else return ActionResult::fail("key: expected enter, esc, backspace or y");
        return ActionResult{};
    }
    if (a == "delete") return delete_drawn(ed);
    if (a == "set") {
        std::string value = w[2];
        for (std::size_t i = 3; i < w.size(); ++i) value += " " + w[i];
        return set_draw_field(ed, t, w[1], value);
    }
    // Pointer actions: viewport fractions (click, hover, drag) or plan points shown in the viewport
    // (click-at, hover-at, drag-at), which go through the same viewport → floor ray as a click.
    const bool at = a.size() > 3 && a.compare(a.size() - 3, 3, "-at") == 0;
    const std::string base = at ? a.substr(0, a.size() - 3) : a;
    if (base != "click" && base != "hover" && base != "drag") return std::nullopt;
    if (a == "click" && !t.active()) return std::nullopt;  // the select tool's own click
    const std::size_t n = base == "drag" ? 4 : 2;
    std::vector<double> v;
    for (std::size_t i = 1; i <= n && i < w.size(); ++i)
        if (auto x = number(w[i])) v.push_back(*x);
    if (v.size() != n) return ActionResult::fail(a + ": expected " + std::to_string(n) + " numbers");
    const std::string mod = w.size() > n + 1 ? w[n + 1] : "";
    if (!mod.empty() && mod != "ctrl" && mod != "add" && mod != "double")
        return ActionResult::fail(a + ": the last word may be ctrl, add or double");
    std::vector<glm::vec2> p01;
    for (std::size_t i = 0; i < n; i += 2) {
        glm::vec2 p(static_cast<float>(v[i]), static_cast<float>(v[i + 1]));
        if (at) {
            auto q = viewport_point(app, {v[i], v[i + 1]});
            if (!q) return ActionResult::fail(a + ": the point is not in view");
            p = *q;
        }
        if (p.x < 0 || p.x > 1 || p.y < 0 || p.y > 1) return ActionResult::fail(a + ": the point is outside the viewport");
        p01.push_back(p);
    }
    if (!t.active()) {
        // The select tool: a click picks as a user's click does; hovering and dragging do nothing.
        if (base != "click") return ActionResult{};
        app.sync_scene();
        app.click(p01[0], mod == "add" || mod == "ctrl");
        return ActionResult{};
    }
    std::vector<plan::Vec2> pts;
    for (const auto& p : p01) {
        auto f = floor_at(app, p);
        if (!f) return ActionResult::fail(a + ": the point is not on the floor");
        pts.push_back(*f);
    }
    return pointer_action(app, base, pts, mod == "ctrl", mod == "double");
}

std::string pick_wall_or_opening(const plan::Level& level, plan::Vec2 p) {
    const auto hit = draw::nearest_wall(level, p, 0.05);
    if (!hit) return {};
    for (const auto& o : level.openings)
        if (o.wall == hit->wall && std::abs(o.offset - hit->offset) <= o.width / 2) return o.id;
    return hit->wall;
}

}  // namespace shuxiang::editor
