#include "tools/manipulator.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "tools/draw_tool.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "tools/extent.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {
namespace {

constexpr float kGizmoPixels = 90.f;  // arrow length on screen
constexpr float kRingPixels = 110.f;  // the rotation ring's radius on screen, just outside the arrows

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

GizmoScreen Manipulator::screen_for(const ToolContext& ctx, const GizmoFrame& f) const {
    const glm::mat4 vp = ctx.view.view_proj();
    return gizmo_screen(f, 0.f, [&](glm::vec3 p) { return project_point(vp, p, ctx.view.rect); });
}

GizmoFrame Manipulator::frame_for(const ToolContext& ctx, const std::vector<plan::Furniture>& items) const {
    // The gizmo keeps a constant size on screen: measure how many pixels a metre takes at its centre.
    GizmoFrame f = gizmo_frame(items, ctx.ed.catalog(), local, 1.0);
    const glm::vec3 c(static_cast<float>(f.center.x), static_cast<float>(f.center.y), 0.f);
    const auto p0 = ctx.view.project(c), px = ctx.view.project(c + glm::vec3(1, 0, 0)),
               py = ctx.view.project(c + glm::vec3(0, 1, 0));
    float ppm = 0;
    if (p0 && px) ppm = std::max(ppm, glm::length(*px - *p0));
    if (p0 && py) ppm = std::max(ppm, glm::length(*py - *p0));
    f.size = ppm > 1e-3f ? kGizmoPixels / ppm : 1.0;
    f.ring_px = kRingPixels;
    return f;
}

void Manipulator::start_drag(ToolContext& ctx, GizmoHandle h, plan::Vec2 floor) {
    start_items_.clear();
    for (const auto* f : ctx.ed.selected_furniture()) start_items_.push_back(*f);
    if (start_items_.empty()) {
        mode_ = Mode::Idle;
        return;
    }
    frame_ = frame_for(ctx, start_items_);
    handle_ = h;
    start_floor_ = floor;
    preview_ = start_items_;
    mode_ = Mode::Drag;
    status_.clear();
}

void Manipulator::reset() {
    mode_ = Mode::Idle;
    preview_.clear();
    start_items_.clear();
}

bool Manipulator::pointer(ToolContext& ctx, const Pointer& p) {
    switch (p.phase) {
    case Pointer::Phase::Press: press(ctx, p); return true;
    case Pointer::Phase::Move:
        hover_px_ = p.px;
        hover_floor_ = p.over_view ? p.floor : std::nullopt;
        if (!busy()) return false;
        motion(ctx, p);
        return true;
    case Pointer::Phase::Release:
        if (!busy()) return false;
        release(ctx, p);
        return true;
    }
    return false;
}

GizmoHandle Manipulator::handle_at(ToolContext& ctx, const Pointer& p) const {
    std::vector<plan::Furniture> sel;
    for (const auto* f : ctx.ed.selected_furniture()) sel.push_back(*f);
    if (sel.empty()) return GizmoHandle::None;
    const GizmoHandle h = gizmo_hit(screen_for(ctx, frame_for(ctx, sel)), p.px);
    if (h != GizmoHandle::Rotate) return h;
    // The ring crosses its neighbours: a press on other furniture is meant for that furniture.
    if (auto id = ctx.pick(p.ray); id && !ctx.ed.is_selected(*id)) return GizmoHandle::None;
    return h;
}

void Manipulator::press(ToolContext& ctx, const Pointer& p) {
    Editor& ed = ctx.ed;
    press_px_ = now_px_ = p.px;
    press_floor_ = p.floor;
    mode_ = Mode::Pending;
    pending_handle_ = GizmoHandle::None;
    pending_click_ = false;
    if (ed.camera().mode != ViewMode::Walk && p.floor) {
        pending_handle_ = handle_at(ctx, p);
        if (pending_handle_ != GizmoHandle::None) return;  // a drag once the pointer moves
    }
    if (ctx.pick(p.ray)) {
        // Pressing on furniture selects it (Ctrl/Shift toggle); moving on from selected furniture drags it.
        const std::string id = click(ctx, p.p01, p.mods.ctrl || p.mods.shift);
        if (!id.empty() && ed.is_selected(id) && ed.level() && plan::find_furniture(*ed.level(), id) && p.floor)
            pending_handle_ = GizmoHandle::MoveXY;
        return;
    }
    pending_click_ = true;  // a click on the floor, or the start of a box
}

void Manipulator::motion(ToolContext& ctx, const Pointer& p) {
    now_px_ = p.px;
    if (mode_ == Mode::Pending && glm::length(now_px_ - press_px_) > kDragPixels) {
        // Far enough: the press was the start of a drag (a handle, selected furniture) or of a box.
        if (pending_handle_ != GizmoHandle::None && press_floor_)
            start_drag(ctx, pending_handle_, *press_floor_);
        else if (pending_click_)
            mode_ = Mode::Box;
    }
    if (mode_ != Mode::Drag) return;
    Editor& ed = ctx.ed;
    const auto floor = p.floor;
    const plan::Level* level = ed.level();
    if (!floor || !level) return;
    const plan::Vec2 d{floor->x - start_floor_.x, floor->y - start_floor_.y};
    SnapSettings s = snap;
    s.enabled = snap.enabled != p.mods.ctrl;  // Ctrl inverts snapping while dragging
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

void Manipulator::release(ToolContext& ctx, const Pointer& p) {
    motion(ctx, p);
    Editor& ed = ctx.ed;
    if (mode_ == Mode::Drag) {
        if (preview_ != start_items_) {
            const char* label = handle_ == GizmoHandle::Rotate   ? "editor.cmd.rotate"
                                : handle_ == GizmoHandle::Resize ? "editor.manip.cmd.resize"
                                                                 : "editor.manip.cmd.move";
            report(ed, change_items(ed, preview_, label));
        }
    } else if (mode_ == Mode::Box) {
        box_select(ctx, ctx.view.to_01(press_px_), p.p01,
                   p.mods.shift ? SelectMode::Add : p.mods.ctrl ? SelectMode::Toggle : SelectMode::Replace);
    } else if (mode_ == Mode::Pending && pending_click_) {
        click(ctx, p.p01, p.mods.ctrl || p.mods.shift);
    }
    // A press that never travelled kDragPixels on a handle or on furniture changes nothing.
    reset();
}

std::string Manipulator::click(ToolContext& ctx, glm::vec2 p01, bool additive) {
    Editor& ed = ctx.ed;
    const Ray ray = ctx.view.ray(p01);
    if (auto id = ctx.pick(ray)) {
        if (additive) {
            if (ed.is_selected(*id)) {
                std::vector<std::string> keep;
                for (const auto& s : ed.selection())
                    if (s != *id) keep.push_back(s);
                ed.select(keep);
                return {};
            }
            ed.select({*id}, true);
        } else if (!ed.is_selected(*id)) {
            ed.select({*id});
        }
        // Clicking an item of a multi-selection keeps the group, so that dragging moves them all.
        return *id;
    }
    const auto floor = ctx.view.floor_at(p01);
    const plan::Room* room = nullptr;
    if (floor && ed.level()) {
        // Walls and their openings before the room they bound.
        if (auto id = pick_wall_or_opening(*ed.level(), *floor); !id.empty()) {
            ed.select({id}, additive);
            return id;
        }
        room = plan::room_at(*ed.level(), *floor);
    }
    if (room) {
        ed.select({room->id}, additive);
        return room->id;
    }
    if (!additive) ed.select_none();
    return {};
}

void Manipulator::box_select(ToolContext& ctx, glm::vec2 a01, glm::vec2 b01, SelectMode mode) {
    Editor& ed = ctx.ed;
    const glm::mat4 vp = ctx.view.view_proj();
    const glm::vec4 rect = ctx.view.rect;
    const auto hits = furniture_in_rect(ed.scene().furniture, ctx.view.to_px(a01), ctx.view.to_px(b01),
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

bool Manipulator::key(ToolContext& ctx, const InputEvent& e) {
    Editor& ed = ctx.ed;
    if (e.mods.ctrl) {
        if (e.repeat) return false;
        if (e.key == GLFW_KEY_C) report(ed, copy(ed));
        else if (e.key == GLFW_KEY_V) report(ed, paste(ed, hover_floor_));
        else return false;
        return true;
    }
    if (e.key == GLFW_KEY_Y && !e.repeat) snap.enabled = !snap.enabled;
    else if (e.key == GLFW_KEY_L && !e.repeat) local = !local;
    else if (ed.camera().mode == ViewMode::Walk) return false;
    // Arrow keys nudge by the grid step; Shift nudges by 1 cm. Held keys repeat.
    else if (e.key == GLFW_KEY_LEFT) report(ed, nudge(ed, -1, 0, e.mods.shift));
    else if (e.key == GLFW_KEY_RIGHT) report(ed, nudge(ed, 1, 0, e.mods.shift));
    else if (e.key == GLFW_KEY_UP) report(ed, nudge(ed, 0, 1, e.mods.shift));
    else if (e.key == GLFW_KEY_DOWN) report(ed, nudge(ed, 0, -1, e.mods.shift));
    else return false;
    return true;
}

void Manipulator::menu_ui(ToolContext& ctx) {
    Editor& ed = ctx.ed;
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

void Manipulator::overlay_ui(ToolContext& ctx) {
    Editor& ed = ctx.ed;
    const glm::vec4 L = ctx.view.rect;
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    dl->PushClipRect({L.x, L.y}, {L.x + L.z, L.y + L.w});
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
        const GizmoScreen s = screen_for(ctx, frame_for(ctx, items));
        if (s.valid) {
            const GizmoHandle hover = mode_ == Mode::Drag ? handle_ : gizmo_hit(s, hover_px_);
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
    ImGui::SetNextWindowPos({L.x + 20, L.y + 20}, ImGuiCond_Appearing);
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
