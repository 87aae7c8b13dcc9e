#pragma once
// The tools' small interface, after the shape of Recast's demo tools: a tool is initialised once, gets
// pointer events with the ray already cast, keys and typed characters, a per-frame update, its menu
// entries and one overlay over the viewport. It sees a ToolContext (the document, the picker, the view
// transform), never the application. The App owns the tools (tools/tool_set.hpp), routes each queued
// input event to the active one and draws its overlay; scripts feed the same events the same way.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "app/editor.hpp"
#include "pick/picker.hpp"
#include "render/camera.hpp"

namespace shuxiang::editor {

struct Mods {
    bool shift = false;
    bool ctrl = false;
};

// One input event, as the window received it (app/input_queue.cpp queues GLFW's callbacks so that no
// key, character or click is lost or merged between frames) or as a script made it.
struct InputEvent {
    enum class Type { Press, Release, Move, Key, Char, Scroll };
    Type type = Type::Move;
    glm::vec2 px{0.f};          // the pointer, window pixels from the top left (every type)
    int button = 0;             // Press / Release: 0 left, 1 right, 2 middle
    bool double_click = false;  // Press: the second press of a double click
    int key = 0;                // Key: a GLFW key code
    bool repeat = false;        // Key: held down and repeating
    unsigned codepoint = 0;     // Char
    float wheel = 0;            // Scroll: positive away from the user
    Mods mods;
};

// A frame's input, built once a frame: its events in the order they came, and the state after them.
struct FrameInput {
    std::vector<InputEvent> events;
    glm::vec2 mouse_px{0.f};
    float dt = 0;
    bool ui_mouse = false;     // a panel, menu or popup has the pointer
    bool ui_keyboard = false;  // a text field has the keys
    std::vector<int> keys_held;  // GLFW key codes down at the frame's end (walking)
    Mods mods;
    bool held(int key) const;
};

// The viewport's camera and pixel rectangle: the projections every tool needs.
struct ViewTransform {
    const Camera* camera = nullptr;
    glm::vec4 rect{0.f, 0.f, 1.f, 1.f};  // x, y, width, height in window pixels (top-left origin)

    float aspect() const { return rect.z / std::max(1.f, rect.w); }
    glm::vec2 to_01(glm::vec2 px) const { return {(px.x - rect.x) / rect.z, (px.y - rect.y) / rect.w}; }
    glm::vec2 to_px(glm::vec2 p01) const { return {rect.x + p01.x * rect.z, rect.y + p01.y * rect.w}; }
    bool contains(glm::vec2 px) const;
    glm::mat4 view_proj() const;
    Ray ray(glm::vec2 p01) const;
    // Where the ray through a viewport point meets the floor.
    std::optional<plan::Vec2> floor_at(glm::vec2 p01) const;
    // A world point in window pixels; nullopt behind the camera.
    std::optional<glm::vec2> project(glm::vec3 world) const;
    // The viewport fraction (0..1, y down) that shows a floor point, when in front of the camera.
    std::optional<glm::vec2> floor_to_01(plan::Vec2 p) const;
};

// The picker over the editor's scene, rebuilt whenever the scene was (so a pick after an edit in the
// same frame sees the edit).
class ScenePicker {
public:
    void sync(Editor& ed);
    std::optional<std::string> pick(Editor& ed, const Ray& ray);
    const Picker& picker() const { return picker_; }

private:
    Picker picker_;
    unsigned long version_ = ~0UL;
};

struct ToolContext {
    Editor& ed;
    ScenePicker& picker;
    ViewTransform view;
    std::optional<std::string> pick(const Ray& ray) { return picker.pick(ed, ray); }
};

// A left-button pointer event as a tool sees it: the viewport point, its ray and floor point cast once.
struct Pointer {
    enum class Phase { Press, Move, Release } phase = Phase::Move;
    glm::vec2 px{0.f}, p01{0.f};
    Ray ray{};
    std::optional<plan::Vec2> floor;
    bool over_view = false;
    bool pressed = false;  // Move: the left button is held (the press went to this tool)
    bool double_click = false;
    Mods mods;
};
Pointer make_pointer(const ViewTransform& view, const InputEvent& e, Pointer::Phase phase);

class Tool {
public:
    virtual ~Tool() = default;
    virtual const char* name() const = 0;
    virtual void init(ToolContext&) {}
    // Drops a gesture in progress (the tool was switched away from).
    virtual void reset() {}
    // Presses over the viewport, then every move and the release of that press; moves without a
    // press hover. True when the tool used it.
    virtual bool pointer(ToolContext& ctx, const Pointer& p) = 0;
    // Keys and characters while the keyboard is the viewport's; true when used (nothing else sees it).
    virtual bool key(ToolContext&, const InputEvent&) { return false; }
    virtual bool text(ToolContext&, unsigned /*codepoint*/) { return false; }
    virtual void update(ToolContext&, const FrameInput&) {}
    // Its entries of the Edit menu.
    virtual void menu_ui(ToolContext&) {}
    // What it draws over the viewport (ImGui's background draw list, clipped to the viewport).
    virtual void overlay_ui(ToolContext&) {}
    // A gesture is in progress: the pointer stays with this tool until the release.
    virtual bool busy() const { return false; }
};

}  // namespace shuxiang::editor
