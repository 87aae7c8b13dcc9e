#pragma once
// The drawing tools' state machine: walls and rooms clicked corner by corner (typed lengths, snapping),
// rooms dragged as rectangles or picked from a closed loop of walls, and doors, windows and emergency
// exits placed on walls. Input arrives as plan points; every finished gesture is one History command.
#include <optional>
#include <string>
#include <vector>

#include "app/editor.hpp"
#include "tools/draw_geometry.hpp"

namespace shuxiang::editor {

enum class DrawToolKind { Select, Wall, Room, Door, Window, Exit };

// "select", "wall", "room", "door", "window", "exit".
const char* to_string(DrawToolKind k);
std::optional<DrawToolKind> draw_tool_from_string(const std::string& s);

// What the next drawn object gets (the inspector shows these while a tool is active).
struct DrawSettings {
    double wall_thickness = 0.2;
    double wall_height = 3.0;
    std::string room_name;  // empty: the kind's display name and a number
    plan::RoomKind room_kind = plan::RoomKind::Reading;
    double door_width = 0.9, door_height = 2.1;
    double window_width = 1.5, window_height = 1.5, window_sill = 0.9;
    double exit_width = 1.2, exit_height = 2.1;
    plan::DoorSwing swing = plan::DoorSwing::Left;
    bool door_entrance = false, exit_entrance = false;  // a main entrance readers come in by
};

// The opening under the cursor of an opening tool.
struct OpeningPreview {
    plan::Opening opening;  // id empty
    std::string misfit;     // translation key when it cannot go there, else empty
};

class DrawTool {
public:
    explicit DrawTool(Editor& ed) : ed_(ed) {}

    DrawToolKind kind() const { return kind_; }
    bool active() const { return kind_ != DrawToolKind::Select; }
    // Switching tools drops a drawing in progress and clears the selection.
    void set_kind(DrawToolKind k);

    // Pointer input in plan coordinates. `invert` (Ctrl held) inverts snapping for this event.
    void hover(plan::Vec2 p, bool invert);
    ActionResult click(plan::Vec2 p, bool invert);
    // The second click of a double-click: finishes the wall or room (adding p if it is new).
    ActionResult double_click(plan::Vec2 p, bool invert);
    // Room tool: a rectangle dragged from a to b.
    ActionResult drag(plan::Vec2 a, plan::Vec2 b, bool invert);
    // Enter: with a typed step, places the next point: a length along the cursor's direction ("8"),
    // a length at an angle ("8<90", degrees counter-clockwise from +X), or Δx,Δy ("3,4");
    // otherwise finishes the wall or room.
    ActionResult enter();
    // Esc: cancels the drawing in progress; with nothing in progress, back to the select tool.
    void escape();
    // Backspace: removes the typed text's last character, else the last placed point.
    void backspace();
    // Characters typed while drawing: digits, '.', ',', '<', '-', unit letters. Others are ignored.
    void type(const std::string& text);
    const std::string& typed() const { return typed_; }

    // Snapping: Y toggles it; Ctrl inverts it while held.
    bool snap = true;
    draw::SnapOptions snap_options;
    DrawSettings settings;

    // ---- state for drawing the preview and the status bar
    const std::vector<plan::Vec2>& points() const { return points_; }
    // The snapped cursor (where the next point would go), once the pointer has been over the floor.
    std::optional<plan::Vec2> cursor() const { return cursor_; }
    draw::SnapKind snap_kind() const { return snap_kind_; }
    // Length and angle of the segment from the last point to the cursor (nullopt without both).
    std::optional<std::pair<double, double>> live_segment() const;
    const std::optional<OpeningPreview>& opening_preview() const { return preview_; }

private:
    plan::Vec2 snapped(plan::Vec2 p, bool invert);
    ActionResult add_point(plan::Vec2 p);
    ActionResult finish();
    ActionResult finish_wall();
    ActionResult finish_room(const std::vector<plan::Vec2>& corners);
    ActionResult place_opening();
    std::optional<OpeningPreview> opening_at(plan::Vec2 raw, bool invert) const;
    void reset_drawing();
    // Drops a drawing begun on another document or level.
    void follow_document();

    Editor& ed_;
    DrawToolKind kind_ = DrawToolKind::Select;
    std::vector<plan::Vec2> points_;
    std::optional<plan::Vec2> cursor_;
    draw::SnapKind snap_kind_ = draw::SnapKind::None;
    std::string typed_;
    std::optional<OpeningPreview> preview_;
    unsigned serial_ = 0;
    int level_ = 0;
};

// The opening, else the wall, whose outline is within a few centimetres of a floor point (for the
// select tool's clicks); empty when none.
std::string pick_wall_or_opening(const plan::Level& level, plan::Vec2 p);

// The selected wall or opening of the editor's current level (nullptr when none).
const plan::Wall* selected_wall(const Editor& ed);
const plan::Opening* selected_opening(const Editor& ed);

// Deletes the selection when it holds walls (with their openings), openings or rooms (and any
// furniture selected with them), as one undo step. A deleted room's furniture stays where it stands
// (the checks panel then lists it as outside any room). nullopt when the selection holds only
// furniture: Editor::delete_selection() handles that.
std::optional<ActionResult> delete_drawn(Editor& ed);

// Inspector fields of the selected wall or opening, else of the active tool's settings ("thickness",
// "height", "width", "offset", "sill", "swing", "entrance", "name", "kind"). nullopt when neither a wall
// nor an opening is selected and no tool is active, or when a room or furniture is selected (their
// fields are the inspector's own).
std::optional<ActionResult> set_draw_field(Editor& ed, DrawTool& tool, const std::string& field,
                                           const std::string& value, bool merge = false);

}  // namespace shuxiang::editor
