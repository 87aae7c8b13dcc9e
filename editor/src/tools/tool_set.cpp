#include "tools/tool_set.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include "tools/draw_ui.hpp"

namespace shuxiang::editor {

Tool& ToolSet::active() {
    if (draw_.active()) return draw_input_;
    return manip_;
}

void ToolSet::init(ToolContext& ctx) {
    draw_input_.init(ctx);
    manip_.init(ctx);
}

bool ToolSet::route(ToolContext& ctx, const InputEvent& e, bool ui_mouse, bool ui_keyboard) {
    using T = InputEvent::Type;
    switch (e.type) {
    case T::Press:
    case T::Release:
    case T::Move:
    case T::Scroll: {
        const bool used = pointer_event(ctx, e, ui_mouse);
        camera_event(ctx, e, ui_mouse);
        last_px_ = e.px;
        have_last_ = true;
        return used;
    }
    case T::Key: return !ui_keyboard && key_event(ctx, e);
    case T::Char: return !ui_keyboard && active().text(ctx, e.codepoint);
    }
    return false;
}

bool ToolSet::pointer_event(ToolContext& ctx, const InputEvent& e, bool ui_mouse) {
    using T = InputEvent::Type;
    if (e.type == T::Scroll || ((e.type == T::Press || e.type == T::Release) && e.button != 0)) return false;
    if (e.type == T::Press) {
        if (ui_mouse || !ctx.view.contains(e.px)) return false;
        pressed_ = &active();
        return pressed_->pointer(ctx, make_pointer(ctx.view, e, Pointer::Phase::Press));
    }
    if (e.type == T::Release) {
        if (!pressed_) return false;
        Tool* t = pressed_;
        pressed_ = nullptr;
        return t->pointer(ctx, make_pointer(ctx.view, e, Pointer::Phase::Release));
    }
    // A move: to the tool holding the button (also outside the viewport), else a hover.
    Pointer p = make_pointer(ctx.view, e, Pointer::Phase::Move);
    p.pressed = pressed_ != nullptr;
    if (pressed_) return pressed_->pointer(ctx, p);
    if (ui_mouse) return false;
    return active().pointer(ctx, p);
}

void ToolSet::camera_event(ToolContext& ctx, const InputEvent& e, bool ui_mouse) {
    using T = InputEvent::Type;
    Camera& cam = ctx.ed.camera();
    const ViewTransform& v = ctx.view;
    if (e.type == T::Press && (e.button == 1 || e.button == 2) && !ui_mouse && v.contains(e.px))
        (e.button == 1 ? right_ : middle_) = true;
    if (e.type == T::Release && e.button == 1) right_ = false;
    if (e.type == T::Release && e.button == 2) middle_ = false;
    if (e.type == T::Scroll && e.wheel != 0 && !ui_mouse && v.contains(e.px))
        cam.zoom_at(v.to_01(e.px), v.aspect(), e.wheel > 0 ? 0.85f : 1.f / 0.85f);
    if (e.type != T::Move || !have_last_ || !(right_ || middle_)) return;
    // Right drag orbits (3D), looks around (walk) or pans (top); middle drag pans.
    const glm::vec2 d((e.px.x - last_px_.x) / v.rect.z, (e.px.y - last_px_.y) / v.rect.w);
    if (d.x == 0 && d.y == 0) return;
    if (middle_ || cam.mode == ViewMode::Top)
        cam.pan(d, v.aspect());
    else if (cam.mode == ViewMode::Walk)
        cam.orbit(-d.x * 120.f, -d.y * 80.f);
    else
        cam.orbit(-d.x * 240.f, d.y * 120.f);
}

bool ToolSet::key_event(ToolContext& ctx, const InputEvent& e) {
    Editor& ed = ctx.ed;
    const bool drawing = !draw_.points().empty();
    if (!e.mods.ctrl && !e.repeat && !drawing && ed.camera().mode != ViewMode::Walk) {
        // The drawing tools' shortcuts.
        const std::pair<int, DrawToolKind> keys[] = {{GLFW_KEY_W, DrawToolKind::Wall},   {GLFW_KEY_Q, DrawToolKind::Room},
                                                     {GLFW_KEY_D, DrawToolKind::Door},   {GLFW_KEY_N, DrawToolKind::Window},
                                                     {GLFW_KEY_E, DrawToolKind::Exit}};
        for (auto [key, kind] : keys)
            if (e.key == key) {
                active().reset();
                draw_.set_kind(kind);
                return true;
            }
    }
    if (!drawing && !e.mods.ctrl && !e.repeat && (e.key == GLFW_KEY_DELETE || e.key == GLFW_KEY_BACKSPACE))
        if (auto r = delete_drawn(ed)) {
            if (!r->ok) ed.log(LogLine::Level::Warning, r->message);
            return true;
        }
    if (active().key(ctx, e)) return true;
    // The select tool's keys (copy, paste, snapping, nudges) work while a drawing tool waits too.
    return &active() != &manip_ && !drawing && manip_.key(ctx, e);
}

void ToolSet::update(ToolContext& ctx, const FrameInput& in) {
    Camera& cam = ctx.ed.camera();
    active().update(ctx, in);
    if (cam.mode != ViewMode::Walk || in.ui_keyboard || in.mods.ctrl) return;
    const float step = 3.f * in.dt;
    if (in.held(GLFW_KEY_W)) cam.walk(step, 0);
    if (in.held(GLFW_KEY_S)) cam.walk(-step, 0);
    if (in.held(GLFW_KEY_A)) cam.walk(0, -step);
    if (in.held(GLFW_KEY_D)) cam.walk(0, step);
}

void ToolSet::overlay(ToolContext& ctx) {
    draw_plan_symbols(ctx);
    if (&active() != &manip_) active().overlay_ui(ctx);
    manip_.overlay_ui(ctx);  // the gizmo of the selection, the box, the array window
}

}  // namespace shuxiang::editor
