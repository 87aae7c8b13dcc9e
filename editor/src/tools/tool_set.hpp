#pragma once
// The editor's tools and the routing of input to them. The App owns one ToolSet, builds a
// ToolContext and a FrameInput once a frame and hands every queued event to route(); scripts route
// the events they make through the same function, so that tests drive the code a mouse drives.
#include <glm/glm.hpp>

#include "tools/draw_input.hpp"
#include "tools/draw_tool.hpp"
#include "tools/manipulator.hpp"
#include "tools/tool.hpp"

namespace shuxiang::editor {

class ToolSet {
public:
    explicit ToolSet(Editor& ed) : draw_(ed), draw_input_(draw_) {}

    DrawTool& draw() { return draw_; }
    const DrawTool& draw() const { return draw_; }
    Manipulator& manip() { return manip_; }
    const Manipulator& manip() const { return manip_; }
    // The drawing tools while one is chosen, else the select tool.
    Tool& active();
    // Once, when the window is up: each tool's init().
    void init(ToolContext& ctx);

    // One event: the left button's press over the viewport goes to the active tool, which keeps the
    // pointer until the release; right and middle drags and the wheel move the camera; keys and
    // characters go to the active tool, then to the tools' shortcuts. `ui_mouse` / `ui_keyboard`: a
    // panel has the pointer / a text field has the keys. True when a tool used the event.
    bool route(ToolContext& ctx, const InputEvent& e, bool ui_mouse, bool ui_keyboard);
    // Once a frame after the events: walking with held keys.
    void update(ToolContext& ctx, const FrameInput& in);
    // The one overlay over the viewport: the plan's symbols (openings, the selected wall) and the
    // active tool's own.
    void overlay(ToolContext& ctx);

private:
    bool pointer_event(ToolContext& ctx, const InputEvent& e, bool ui_mouse);
    void camera_event(ToolContext& ctx, const InputEvent& e, bool ui_mouse);
    bool key_event(ToolContext& ctx, const InputEvent& e);

    DrawTool draw_;
    DrawInput draw_input_;
    Manipulator manip_;
    Tool* pressed_ = nullptr;  // the tool holding the left button
    bool right_ = false, middle_ = false;  // camera drags in progress
    glm::vec2 last_px_{0.f};
    bool have_last_ = false;
};

}  // namespace shuxiang::editor
