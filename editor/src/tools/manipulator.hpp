#pragma once
// The select tool: clicks select (furniture by ray test, else a wall or opening, else the room), the
// gizmo drag (move / rotate / resize, previewed, one undo step on release), dragging selected
// furniture, box selection on empty floor, arrow-key nudges, snapping settings, copy/paste and the
// arrange menu. A press becomes a drag only after the pointer travelled kDragPixels: a click never
// moves anything nor adds to the history. The App and scripts feed it the same pointer events.
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "app/editor.hpp"
#include "tools/arrange.hpp"
#include "tools/clipboard.hpp"
#include "tools/gizmo.hpp"
#include "tools/snap.hpp"
#include "tools/tool.hpp"

namespace shuxiang::editor {

// Pixels a pressed pointer must travel before a press becomes a drag or a box.
constexpr float kDragPixels = 4.f;

class Manipulator final : public Tool {
public:
    SnapSettings snap;
    bool local = false;  // gizmo axes: the first selected item's (local) or the plan's (world)
    Clipboard clipboard;
    ArraySpec array_spec{6, 1.2, false, {0, 1}};
    bool array_window = false;

    const char* name() const override { return "select"; }
    void reset() override;
    bool pointer(ToolContext& ctx, const Pointer& p) override;
    bool key(ToolContext& ctx, const InputEvent& e) override;
    void menu_ui(ToolContext& ctx) override;
    // The gizmo, the box being dragged and the array window.
    void overlay_ui(ToolContext& ctx) override;
    bool busy() const override { return mode_ != Mode::Idle; }

    // A click at a viewport point: furniture by ray test, else the wall or opening, else the innermost
    // room under the point, else nothing. Returns the id it selected (empty for none).
    std::string click(ToolContext& ctx, glm::vec2 p01, bool additive);
    // Selects the furniture inside the rectangle between two viewport points.
    void box_select(ToolContext& ctx, glm::vec2 a01, glm::vec2 b01, SelectMode mode);
    // Moves the selection one grid step (or 1 cm when fine) in direction (sx, sy).
    ActionResult nudge(Editor& ed, int sx, int sy, bool fine) const;
    ActionResult copy(Editor& ed);
    ActionResult paste(Editor& ed, const std::optional<plan::Vec2>& at);

    // The scene with the dragged items where the drag has them (overlaps in red); false when idle.
    bool build_preview(Editor& ed, SceneData& out) const;
    // What the current or last drag snapped to (translated), for the status bar.
    const std::string& status() const { return status_; }

private:
    // Pending: pressed, not yet moved kDragPixels (a click so far); then a Box or a Drag.
    enum class Mode { Idle, Pending, Box, Drag };
    void press(ToolContext& ctx, const Pointer& p);
    void motion(ToolContext& ctx, const Pointer& p);
    void release(ToolContext& ctx, const Pointer& p);
    // The gizmo handle under a press; the ring yields to furniture other than the selection.
    GizmoHandle handle_at(ToolContext& ctx, const Pointer& p) const;
    GizmoFrame frame_for(const ToolContext& ctx, const std::vector<plan::Furniture>& items) const;
    GizmoScreen screen_for(const ToolContext& ctx, const GizmoFrame& f) const;
    void start_drag(ToolContext& ctx, GizmoHandle h, plan::Vec2 floor);

    Mode mode_ = Mode::Idle;
    GizmoHandle pending_handle_ = GizmoHandle::None;  // Pending: the drag a move would start
    bool pending_click_ = false;                      // Pending: the release is a click on the floor
    std::optional<plan::Vec2> press_floor_;
    std::optional<plan::Vec2> hover_floor_;  // where Ctrl+V pastes
    glm::vec2 hover_px_{-1.f};
    glm::vec2 press_px_{0.f}, now_px_{0.f};
    GizmoHandle handle_ = GizmoHandle::None;
    GizmoFrame frame_;
    plan::Vec2 start_floor_;
    std::vector<plan::Furniture> start_items_;
    std::vector<plan::Furniture> preview_;
    std::string status_;
};

}  // namespace shuxiang::editor
