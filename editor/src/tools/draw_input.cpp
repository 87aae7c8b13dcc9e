#include "tools/draw_input.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <cmath>

namespace shuxiang::editor {
namespace {

void report(Editor& ed, const ActionResult& r) {
    if (!r.ok) ed.log(LogLine::Level::Warning, r.message);
}

bool is_drawing_tool(DrawToolKind k) { return k == DrawToolKind::Wall || k == DrawToolKind::Room; }

}  // namespace

bool DrawInput::dragged_far(glm::vec2 px) const {
    // A press dragged this far (pixels) is a drag, not a click.
    return press_ && std::hypot(px.x - press_->px.x, px.y - press_->px.y) > 6.f;
}

bool DrawInput::pointer(ToolContext& ctx, const Pointer& p) {
    if (!t_.active()) return false;
    switch (p.phase) {
    case Pointer::Phase::Move:
        last_px_ = p.px;
        if (p.floor && (p.over_view || p.pressed)) t_.hover(*p.floor, p.mods.ctrl);
        return true;
    case Pointer::Phase::Press:
        press_ = Press{p.p01, p.px, p.double_click};
        return true;
    case Pointer::Phase::Release: {
        if (!press_) return false;
        const auto a = ctx.view.floor_at(press_->p01);
        const auto& b = p.floor;
        if (a && b) {
            if (press_->double_click)
                report(ctx.ed, t_.double_click(*b, p.mods.ctrl));
            else if (dragged_far(p.px) && t_.kind() == DrawToolKind::Room && t_.points().empty())
                report(ctx.ed, t_.drag(*a, *b, p.mods.ctrl));
            else
                report(ctx.ed, t_.click(*b, p.mods.ctrl));
        }
        press_.reset();
        return true;
    }
    }
    return false;
}

bool DrawInput::key(ToolContext& ctx, const InputEvent& e) {
    if (!t_.active()) return false;
    const bool drawing = !t_.points().empty();
    if (e.repeat && e.key != GLFW_KEY_BACKSPACE) return drawing && !e.mods.ctrl;
    switch (e.key) {
    case GLFW_KEY_ENTER:
    case GLFW_KEY_KP_ENTER: report(ctx.ed, t_.enter()); return true;
    case GLFW_KEY_ESCAPE: t_.escape(); return true;
    case GLFW_KEY_Y:
        if (e.mods.ctrl) break;
        t_.snap = !t_.snap;
        return true;
    case GLFW_KEY_BACKSPACE:
        if (!drawing) break;
        t_.backspace();
        return true;
    default: break;
    }
    return drawing && !e.mods.ctrl;  // Ctrl+Z, Ctrl+S... still work while drawing
}

bool DrawInput::text(ToolContext&, unsigned codepoint) {
    if (!is_drawing_tool(t_.kind()) || t_.points().empty() || codepoint >= 128) return false;
    t_.type(std::string(1, static_cast<char>(codepoint)));
    return true;
}

}  // namespace shuxiang::editor
