#pragma once
// The viewport's pointer tools: the gizmo drag (move / rotate / resize, previewed, one undo step on
// release), dragging selected furniture, box selection on empty floor, arrow-key nudges, snapping
// settings, copy/paste and the arrange menu. The App feeds it pointer events; scripts call the same
// press/motion/release so that tests drive the real code.
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "app/editor.hpp"
#include "tools/arrange.hpp"
#include "tools/clipboard.hpp"
#include "tools/gizmo.hpp"
#include "tools/snap.hpp"

namespace shuxiang::editor {

class App;

struct Mods {
    bool shift = false;
    bool ctrl = false;
};

class Manipulator {
public:
    SnapSettings snap;
    bool local = false;  // gizmo axes: the first selected item's (local) or the plan's (world)
    Clipboard clipboard;
    ArraySpec array_spec{6, 1.2, false, {0, 1}};
    bool array_window = false;

    // Pointer events at viewport fractions (0..1, y down).
    void press(App& app, glm::vec2 p01, Mods m);
    void motion(App& app, glm::vec2 p01, Mods m);
    void release(App& app, glm::vec2 p01, Mods m);
    bool busy() const { return mode_ != Mode::Idle; }

    // Selects the furniture inside the rectangle between two viewport points.
    void box_select(App& app, glm::vec2 a01, glm::vec2 b01, SelectMode mode);
    // Moves the selection one grid step (or 1 cm when fine) in direction (sx, sy).
    ActionResult nudge(Editor& ed, int sx, int sy, bool fine) const;
    ActionResult copy(Editor& ed);
    ActionResult paste(Editor& ed, const std::optional<plan::Vec2>& at);

    // The scene with the dragged items where the drag has them (overlaps in red); false when idle.
    bool build_preview(Editor& ed, SceneData& out) const;
    // What the current or last drag snapped to (translated), for the status bar.
    const std::string& status() const { return status_; }

    // UI: keyboard shortcuts, Edit-menu entries, and the viewport overlay (gizmo, box, array window).
    void keys(App& app);
    void menu_items(App& app);
    void draw(App& app);

private:
    enum class Mode { Idle, Pending, Box, Drag };
    glm::vec2 to_px(const App& app, glm::vec2 p01) const;
    std::optional<plan::Vec2> floor_at(App& app, glm::vec2 p01) const;
    GizmoFrame frame_for(App& app, const std::vector<plan::Furniture>& items) const;
    GizmoScreen screen_for(App& app, const GizmoFrame& f) const;
    void start_drag(App& app, GizmoHandle h, plan::Vec2 floor);

    Mode mode_ = Mode::Idle;
    glm::vec2 press_px_{0.f}, now_px_{0.f};
    GizmoHandle handle_ = GizmoHandle::None;
    GizmoFrame frame_;
    plan::Vec2 start_floor_;
    std::vector<plan::Furniture> start_items_;
    std::vector<plan::Furniture> preview_;
    std::string status_;
};

}  // namespace shuxiang::editor
