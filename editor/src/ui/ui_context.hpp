#pragma once
// What the panels, the session's dialogs, the simulation and library views and the script runner
// get instead of the App: the document, the tools, the session, the view, this frame's figures and
// the requests they make of the window (prompts, screenshots, quitting), which app/app.cpp acts on.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include <glm/glm.hpp>

#include "app/editor.hpp"
#include "render/latency_probe.hpp"
#include "tools/tool.hpp"
#include "tools/tool_set.hpp"
#include "ui/layout.hpp"

namespace shuxiang::editor {

class Renderer;
class Session;
namespace simview {
class SimView;
}

// Requests of the UI and scripts to the window.
struct Shell {
    std::string path_input;  // the File menu's path prompts (open / save as)
    bool open_prompt = false, save_prompt = false, import_prompt = false;
    bool quit_requested = false;
    struct Shot {
        std::filesystem::path path;
        bool viewport_only = false;
    };
    std::optional<Shot> screenshot;  // of the next rendered frame (after shot_delay more frames)
    int shot_delay = 0;
    std::optional<LatencyProbe> latency;  // a running latency measurement (the script's "latency")
    void request_screenshot(std::filesystem::path path, bool viewport_only) {
        screenshot = Shot{std::move(path), viewport_only};
        shot_delay = 1;
    }
};

// The last frame's figures, for the status bar.
struct FrameFigures {
    int draw_calls = 0;
    float frame_ms = 0;
    std::optional<glm::vec3> cursor_floor;  // the pointer on the floor, when over the viewport
};

struct UiContext {
    Editor& ed;
    ToolSet& tools;
    ScenePicker& picker;
    Session& session;
    simview::SimView& sim;
    Shell& shell;
    const Layout& layout;
    PanelStates& panels;  // collapsed panels (ui/dock.hpp)
    const FrameFigures& figures;
    const std::filesystem::path& db;  // the --db library database ("" when none)
    Renderer& renderer;                // shading and photo stills (render/photo.hpp)
    std::function<void()> sync_scene;  // brings the GPU buffers up to date with the document

    Editor& editor() { return ed; }
    float aspect() const { return layout.vw / std::max(1.f, layout.vh); }
    ViewTransform view() const { return {&ed.camera(), {layout.vx, layout.vy, layout.vw, layout.vh}}; }
    ToolContext tool_context() { return {ed, picker, view()}; }
    DrawTool& draw_tool() { return tools.draw(); }
    Manipulator& manip() { return tools.manip(); }
    // An event made by a script, routed as the window's own events are (the viewport has the pointer
    // and the keyboard).
    bool feed(const InputEvent& e) {
        ToolContext ctx = tool_context();
        return tools.route(ctx, e, false, false);
    }
};

}  // namespace shuxiang::editor
