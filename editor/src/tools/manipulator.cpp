#include "tools/manipulator.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/app.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "tools/extent.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {
namespace {

constexpr float kGizmoPixels = 90.f;  // arrow length on screen
constexpr float kBoxThreshold = 4.f;  // pixels the pointer must travel before a press becomes a box

std::string fmt(const char* f, double v) {
    char b[64];
    std::snprintf(b, sizeof b, f, v);
    return b;
}

std::string snap_text(SnapKind k, const std::string& target, double grid) {
    switch (k) {
        case SnapKind::Grid: return trf("editor.manip.snap.grid", {fmt("%.2f", grid)});
        case SnapKind::Wall: return trf("editor.manip.snap.wall", {target});
        case SnapKind::Furniture: return trf("editor.manip.snap.furniture", {target});
        case SnapKind::None: break;
    }
    return {};
}

void report(Editor& ed, const ActionResult& r) {
    if (!r.ok) ed.log(LogLine::Level::Warning, r.message);
}

}  // namespace

glm::vec2 Manipulator::to_px(const App& app, glm::vec2 p01) const {
    const Layout& L = app.layout();
    return {L.vx + p01.x * L.vw, L.vy + p01.y * L.vh};
}

std::optional<plan::Vec2> Manipulator::floor_at(App& app, glm::vec2 p01) const {
    glm::vec3 hit(0.f);
    if (!intersect_plane_z(app.editor().camera().ray(p01, app.aspect()), 0.f, hit)) return std::nullopt;
    return plan::Vec2{hit.x, hit.y};
}

GizmoScreen Manipulator::screen_for(App& app, const GizmoFrame& f) const {
    const Layout& L = app.layout();
    const Camera& cam = app.editor().camera();
    const glm::mat4 vp = cam.projection(app.aspect()) * cam.view();
    const glm::vec4 rect(L.vx, L.vy, L.vw, L.vh);
    return gizmo_screen(f, 0.f, [&](glm::vec3 p) { return project_point(vp, p, rect); });
}

GizmoFrame Manipulator::frame_for(App& app, const std::vector<plan::Furniture>& items) const {
    // The gizmo keeps a constant size on screen: measure how many pixels a metre takes at its centre.
    GizmoFrame f = gizmo_frame(items, app.editor().catalog(), local, 1.0);
    const Layout& L = app.layout();
    const Camera& cam = app.editor().camera();
    const glm::mat4 vp = cam.projection(app.aspect()) * cam.view();
    const glm::vec4 rect(L.vx, L.vy, L.vw, L.vh);
    const glm::vec3 c(static_cast<float>(f.center.x), static_cast<float>(f.center.y), 0.f);
    const auto p0 = project_point(vp, c, rect), px = project_point(vp, c + glm::vec3(1, 0, 0), rect),
               py = project_point(vp, c + glm::vec3(0, 1, 0), rect);
    float ppm = 0;
    if (p0 && px) ppm = std::max(ppm, glm::length(*px - *p0));
    if (p0 && py) ppm = std::max(ppm, glm::length(*py - *p0));
    f.size = ppm > 1e-3f ? kGizmoPixels / ppm : 1.0;
    return f;
}

void Manipulator::start_drag(App& app, GizmoHandle h, plan::Vec2 floor) {
    Editor& ed = app.editor();
    start_items_.clear();
    for (const auto* f : ed.selected_furniture()) start_items_.push_back(*f);
    if (start_items_.empty()) return;
    frame_ = frame_for(app, start_items_);
    handle_ = h;
    start_floor_ = floor;
    preview_ = start_items_;
    mode_ = Mode::Drag;
    status_.clear();
}

void Manipulator::press(App& app, glm::vec2 p01, Mods m) {
    Editor& ed = app.editor();
    press_px_ = now_px_ = to_px(app, p01);
    mode_ = Mode::Idle;
    const auto floor = floor_at(app, p01);
    if (ed.camera().mode != ViewMode::Walk && floor) {
        std::vector<plan::Furniture> sel;
        for (const auto* f : ed.selected_furniture()) sel.push_back(*f);
        if (!sel.empty()) {
            const GizmoHandle h = gizmo_hit(screen_for(app, frame_for(app, sel)), press_px_);
            if (h != GizmoHandle::None) return start_drag(app, h, *floor);
        }
    }
    app.sync_scene();
    if (app.picker().pick(ed.camera().ray(p01, app.aspect()), 5000.f)) {
        // Pressing on furniture selects it (Ctrl/Shift toggle); pressing on selected furniture drags it.
        const std::string id = app.click(p01, m.ctrl || m.shift);
        if (!id.empty() && ed.is_selected(id) && ed.level() && plan::find_furniture(*ed.level(), id) && floor)
            start_drag(app, GizmoHandle::MoveXY, *floor);
        return;
    }
    mode_ = Mode::Pending;  // a click on the floor, or the start of a box
}

void Manipulator::motion(App& app, glm::vec2 p01, Mods m) {
    now_px_ = to_px(app, p01);
    if (mode_ == Mode::Pending && glm::length(now_px_ - press_px_) > kBoxThreshold) mode_ = Mode::Box;
    if (mode_ != Mode::Drag) return;
    Editor& ed = app.editor();
    const auto floor = floor_at(app, p01);
    const plan::Level* level = ed.level();
    if (!floor || !level) return;
    const plan::Vec2 d{floor->x - start_floor_.x, floor->y - start_floor_.y};
    SnapSettings s = snap;
    s.enabled = snap.enabled != m.ctrl;  // Ctrl inverts snapping while dragging
    if (handle_ == GizmoHandle::Rotate) {
        const double a = snap_rotation(start_items_.front().yaw_deg, ring_angle_deg(frame_.center, start_floor_, *floor), s);
        preview_ = rotate_items(start_items_, frame_.center, a);
        status_ = trf("editor.manip.status.rotate", {fmt("%.1f", a)});
    } else if (handle_ == GizmoHandle::Resize) {
        const plan::FurnitureType* t = ed.catalog().find(start_items_.front().type);
        if (!t) return;
        const double along = d.x * frame_.resize_axis.x + d.y * frame_.resize_axis.y;
        const int n = sections_after_drag(plan::effective_sections(start_items_.front(), *t), t->section_width, along);
        preview_ = {with_sections(start_items_.front(), *t, n)};
        status_ = trf("editor.manip.status.sections", {std::to_string(n)});
    } else {
        std::vector<std::string> ids;
        for (const auto& f : start_items_) ids.push_back(f.id);
        // Snap against the document as it was at the press (the items have not moved in it yet).
        const SnapResult r = snap_move(*level, ed.catalog(), ids, constrain_move(handle_, frame_, d), s);
        const plan::Vec2 off = constrain_move(handle_, frame_, r.offset);
        preview_ = start_items_;
        for (auto& f : preview_) f.position = {f.position.x + off.x, f.position.y + off.y};
        std::string what = snap_text(r.kind_x, r.target_x, s.grid);
        const std::string wy = snap_text(r.kind_y, r.target_y, s.grid);
        if (!wy.empty() && wy != what) what += (what.empty() ? "" : ", ") + wy;
        status_ = trf("editor.manip.status.move", {fmt("%.3f", off.x), fmt("%.3f", off.y)}) +
                  (what.empty() ? "" : "  " + trf("editor.manip.status.snapped", {what}));
    }
}

void Manipulator::release(App& app, glm::vec2 p01, Mods m) {
    motion(app, p01, m);
    Editor& ed = app.editor();
    if (mode_ == Mode::Drag) {
        if (preview_ != start_items_) {
            const char* label = handle_ == GizmoHandle::Rotate   ? "editor.cmd.rotate"
                                : handle_ == GizmoHandle::Resize ? "editor.manip.cmd.resize"
                                                                 : "editor.manip.cmd.move";
            report(ed, change_items(ed, preview_, label));
        }
    } else if (mode_ == Mode::Box) {
        box_select(app, (press_px_ - glm::vec2(app.layout().vx, app.layout().vy)) /
                            glm::vec2(app.layout().vw, app.layout().vh),
                   p01, m.shift ? SelectMode::Add : m.ctrl ? SelectMode::Toggle : SelectMode::Replace);
    } else if (mode_ == Mode::Pending) {
        app.click(p01, m.ctrl || m.shift);
    }
    mode_ = Mode::Idle;
    preview_.clear();
    start_items_.clear();
}

void Manipulator::box_select(App& app, glm::vec2 a01, glm::vec2 b01, SelectMode mode) {
    Editor& ed = app.editor();
    const Camera& cam = ed.camera();
    const Layout& L = app.layout();
    const glm::mat4 vp = cam.projection(app.aspect()) * cam.view();
    const glm::vec4 rect(L.vx, L.vy, L.vw, L.vh);
    const auto hits = furniture_in_rect(ed.scene().furniture, to_px(app, a01), to_px(app, b01),
                                        [&](glm::vec3 p) { return project_point(vp, p, rect); });
    // Rooms in the old selection stay only when adding or toggling.
    report(ed, ed.select(combine_selection(ed.selection(), hits, mode)));
    status_ = trf("editor.manip.status.box", {std::to_string(hits.size())});
}

ActionResult Manipulator::nudge(Editor& ed, int sx, int sy, bool fine) const {
    const double step = fine ? 0.01 : (snap.grid > 0 ? snap.grid : 0.1);
    auto r = ed.move_selection(sx * step, sy * step);
    ed.seal();  // each key press is its own step
    return r;
}

ActionResult Manipulator::copy(Editor& ed) {
    auto r = copy_selection(ed, clipboard);
    if (r.ok && ImGui::GetCurrentContext()) ImGui::SetClipboardText(clipboard.text.c_str());
    return r;
}

ActionResult Manipulator::paste(Editor& ed, const std::optional<plan::Vec2>& at) {
    const char* sys = ImGui::GetCurrentContext() ? ImGui::GetClipboardText() : nullptr;
    return editor::paste(ed, clipboard, sys ? sys : "", at);
}

bool Manipulator::build_preview(Editor& ed, SceneData& out) const {
    if (mode_ != Mode::Drag || preview_.empty() || !ed.level()) return false;
    const plan::Level moved = with_items(*ed.level(), preview_);
    out = build_scene(moved, ed.catalog(), overlapping_ids(moved, ed.catalog()), ed.library.shelf_source());
    return true;
}

void Manipulator::keys(App& app) {
    Editor& ed = app.editor();
    const ImGuiIO& io = ImGui::GetIO();
    auto pressed = [](int key) { return ImGui::IsKeyPressed(key, false); };
    if (io.KeyCtrl) {
        if (pressed(GLFW_KEY_C)) report(ed, copy(ed));
        if (pressed(GLFW_KEY_V)) {
            std::optional<plan::Vec2> at;
            if (auto c = app.cursor_floor()) at = plan::Vec2{c->x, c->y};
            report(ed, paste(ed, at));
        }
        return;
    }
    if (pressed(GLFW_KEY_Y)) snap.enabled = !snap.enabled;
    if (pressed(GLFW_KEY_L)) local = !local;
    if (ed.camera().mode == ViewMode::Walk) return;
    // Arrow keys nudge by the grid step; Shift nudges by 1 cm. Held keys repeat.
    auto key = [](int k) { return ImGui::IsKeyPressed(k, true); };
    const bool fine = io.KeyShift;
    if (key(GLFW_KEY_LEFT)) report(ed, nudge(ed, -1, 0, fine));
    if (key(GLFW_KEY_RIGHT)) report(ed, nudge(ed, 1, 0, fine));
    if (key(GLFW_KEY_UP)) report(ed, nudge(ed, 0, 1, fine));
    if (key(GLFW_KEY_DOWN)) report(ed, nudge(ed, 0, -1, fine));
}

void Manipulator::menu_items(App& app) {
    Editor& ed = app.editor();
    const std::size_t n = ed.selected_furniture().size();
    auto item = [](const char* key, const char* shortcut, bool enabled) {
        return ImGui::MenuItem((tr(key) + "###" + key).c_str(), shortcut, false, enabled);
    };
    ImGui::Separator();
    if (item("editor.manip.menu.copy", "Ctrl+C", n > 0)) report(ed, copy(ed));
    if (item("editor.manip.menu.paste", "Ctrl+V", true)) report(ed, paste(ed, std::nullopt));
    if (ImGui::BeginMenu((tr("editor.manip.menu.align") + "###align").c_str(), n >= 2)) {
        static const std::pair<const char*, AlignMode> modes[] = {
            {"editor.manip.align.left", AlignMode::Left},        {"editor.manip.align.right", AlignMode::Right},
            {"editor.manip.align.top", AlignMode::Top},          {"editor.manip.align.bottom", AlignMode::Bottom},
            {"editor.manip.align.centre_x", AlignMode::CentreX}, {"editor.manip.align.centre_y", AlignMode::CentreY}};
        for (const auto& [key, mode] : modes)
            if (item(key, nullptr, true)) report(ed, align_selection(ed, mode));
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu((tr("editor.manip.menu.distribute") + "###distribute").c_str(), n >= 3)) {
        if (item("editor.manip.distribute.x", nullptr, true)) report(ed, distribute_selection(ed, false));
        if (item("editor.manip.distribute.y", nullptr, true)) report(ed, distribute_selection(ed, true));
        ImGui::EndMenu();
    }
    if (item("editor.manip.menu.array", nullptr, n > 0)) array_window = true;
    ImGui::Separator();
    ImGui::MenuItem((tr("editor.manip.menu.snap") + "###snap").c_str(), "Y", &snap.enabled);
    ImGui::MenuItem((tr("editor.manip.menu.local") + "###local").c_str(), "L", &local);
}

void Manipulator::draw(App& app) {
    Editor& ed = app.editor();
    const Layout& L = app.layout();
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    dl->PushClipRect({L.vx, L.vy}, {L.vx + L.vw, L.vy + L.vh});
    if (mode_ == Mode::Box) {
        const ImVec2 a(std::min(press_px_.x, now_px_.x), std::min(press_px_.y, now_px_.y));
        const ImVec2 b(std::max(press_px_.x, now_px_.x), std::max(press_px_.y, now_px_.y));
        dl->AddRectFilled(a, b, IM_COL32(90, 150, 255, 50));
        dl->AddRect(a, b, IM_COL32(120, 170, 255, 230), 0.f, 0, 1.5f);
    }
    std::vector<plan::Furniture> items = mode_ == Mode::Drag ? preview_ : std::vector<plan::Furniture>{};
    if (mode_ != Mode::Drag)
        for (const auto* f : ed.selected_furniture()) items.push_back(*f);
    if (!items.empty() && ed.camera().mode != ViewMode::Walk) {
        const GizmoScreen s = screen_for(app, frame_for(app, items));
        if (s.valid) {
            const ImVec2 m = ImGui::GetIO().MousePos;
            const GizmoHandle hover = mode_ == Mode::Drag ? handle_ : gizmo_hit(s, {m.x, m.y});
            auto col = [&](GizmoHandle h, ImU32 c) { return hover == h ? IM_COL32(255, 230, 80, 255) : c; };
            auto v = [](glm::vec2 p) { return ImVec2(p.x, p.y); };
            for (std::size_t i = 0; i + 1 < s.ring.size(); ++i)
                dl->AddLine(v(s.ring[i]), v(s.ring[i + 1]), col(GizmoHandle::Rotate, IM_COL32(90, 160, 255, 220)), 2.f);
            dl->AddQuadFilled(v(s.plane[0]), v(s.plane[1]), v(s.plane[2]), v(s.plane[3]),
                              col(GizmoHandle::MoveXY, IM_COL32(230, 200, 60, 150)));
            auto arrow = [&](glm::vec2 tip, ImU32 c) {
                dl->AddLine(v(s.c), v(tip), c, 3.f);
                const glm::vec2 d = glm::length(tip - s.c) > 1e-3f ? glm::normalize(tip - s.c) : glm::vec2(1, 0);
                const glm::vec2 n(-d.y, d.x);
                dl->AddTriangleFilled(v(tip + d * 10.f), v(tip - d * 4.f + n * 7.f), v(tip - d * 4.f - n * 7.f), c);
            };
            arrow(s.x_tip, col(GizmoHandle::MoveX, IM_COL32(235, 70, 60, 255)));
            arrow(s.y_tip, col(GizmoHandle::MoveY, IM_COL32(70, 200, 80, 255)));
            if (s.resize) {
                const ImVec2 r = v(*s.resize);
                dl->AddRectFilled({r.x - 6, r.y - 6}, {r.x + 6, r.y + 6}, col(GizmoHandle::Resize, IM_COL32(250, 250, 250, 255)));
                dl->AddRect({r.x - 6, r.y - 6}, {r.x + 6, r.y + 6}, IM_COL32(30, 30, 30, 255));
            }
        }
    }
    dl->PopClipRect();
    if (!array_window) return;
    ImGui::SetNextWindowPos({L.vx + 20, L.vy + 20}, ImGuiCond_Appearing);
    if (ImGui::Begin((tr("editor.manip.array.title") + "###array_window").c_str(), &array_window,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::SetNextItemWidth(120);
        ImGui::InputInt(tr("editor.manip.array.count").c_str(), &array_spec.count);
        array_spec.count = std::clamp(array_spec.count, 2, 200);
        ImGui::SetNextItemWidth(120);
        ImGui::InputDouble(tr("editor.manip.array.spacing").c_str(), &array_spec.spacing, 0.1, 0.5, "%.2f m");
        int pitch = array_spec.pitch ? 1 : 0;
        ImGui::RadioButton(tr("editor.manip.array.gap").c_str(), &pitch, 0);
        ImGui::SameLine();
        ImGui::RadioButton(tr("editor.manip.array.pitch").c_str(), &pitch, 1);
        array_spec.pitch = pitch == 1;
        static const char* dirs[] = {"+X", "+Y", "-X", "-Y"};
        static const plan::Vec2 vecs[] = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
        for (int i = 0; i < 4; ++i) {
            if (i) ImGui::SameLine();
            if (ImGui::RadioButton(dirs[i], array_spec.direction == vecs[i])) array_spec.direction = vecs[i];
        }
        if (ImGui::Button(tr("editor.manip.array.apply").c_str())) report(ed, array_selection(ed, array_spec));
    }
    ImGui::End();
}

}  // namespace shuxiang::editor
