#pragma once
// The editor application: a GLFW window with an OpenGL 3.3 core context, Dear ImGui panels in a fixed
// layout, the 3D viewport, mouse and keyboard input, screenshots, and the script runner's frame loop.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/editor.hpp"
#include "app/session.hpp"
#include "pick/picker.hpp"
#include "render/redraw.hpp"
#include "render/renderer.hpp"
#include "tools/draw_tool.hpp"
#include "tools/manipulator.hpp"

struct GLFWwindow;

namespace shuxiang::editor {

class ScriptRunner;
namespace simview {
class SimView;
}

struct Options {
    std::filesystem::path plan;
    std::filesystem::path db;
    std::string lang = "zh";
    std::filesystem::path screenshot;
    int frames = -1;  // -1: interactive
    std::filesystem::path script;
    int width = 1400, height = 900;
    std::filesystem::path photo;  // --photo: render a still of the plan and exit
    std::string camera;           // --camera (render/camera_spec.hpp); empty: the framed 3D view
    int photo_width = 1920, photo_height = 1080;
};

// Pixel rectangles of the fixed layout, top-left origin (ImGui coordinates).
struct Layout {
    float menu_h = 0, toolbar_h = 34, status_h = 26, log_h = 130, left_w = 270, right_w = 310;
    float vx = 0, vy = 0, vw = 1, vh = 1;  // the 3D viewport
};

class App {
public:
    explicit App(Options opt);
    ~App();
    // Runs until the window closes (interactive) or the headless run ends. Returns the exit code.
    int run();

    Editor& editor() { return editor_; }
    DrawTool& draw_tool() { return draw_tool_; }
    simview::SimView& sim() { return *sim_; }
    Renderer& renderer() { return *renderer_; }
    const std::filesystem::path& db() const { return opt_.db; }
    const Layout& layout() const { return layout_; }
    const DrawStats& stats() const { return stats_; }
    int imgui_draw_calls() const { return imgui_draw_calls_; }
    float aspect() const { return layout_.vw / std::max(1.f, layout_.vh); }
    // Screenshot of the next rendered frame: the whole window, or only the 3D viewport.
    void request_screenshot(std::filesystem::path path, bool viewport_only);
    bool screenshot_pending() const { return pending_shot_.has_value(); }
    void set_language(const std::string& code);
    int missing_glyphs() const { return missing_glyphs_; }
    // Cursor on the floor (plan coordinates) when it is over the viewport.
    std::optional<glm::vec3> cursor_floor() const { return cursor_floor_; }
    float frame_ms() const { return frame_ms_; }
    // A left click at a viewport point (0..1, y down): picks furniture by ray test, else the innermost
    // room under the point, else clears the selection. Returns the id it selected (empty for none).
    std::string click(glm::vec2 p01, bool additive);
    const Picker& picker() const { return picker_; }
    // The pointer tools (gizmo, box select, snapping, clipboard, arrange).
    Manipulator& manip() { return manip_; }
    // Brings the GPU buffers and the picker up to date with the document.
    void sync_scene();
    // Text prompts of the File menu (open / save as paths).
    std::string path_input;
    bool open_prompt = false, save_prompt = false;
    bool quit_requested = false;
    bool import_prompt = false;  // File > Import model
    // Recent files, autosave and the unsaved-changes prompt (app/session.cpp).
    Session& session() { return session_; }

private:
    void init_window();
    void init_imgui();
    void compute_layout();
    void refresh_font();
    void handle_input();
    void render_frame();
    void capture_if_requested();
    int photo_and_exit();  // --photo
    // Whether the picture changes on its own (playback, running simulation, pulse, held input).
    bool animating() const;

    Options opt_;
    Editor editor_;
    Session session_;
    DrawTool draw_tool_{editor_};
    std::unique_ptr<Renderer> renderer_;  // GL objects: released before the context goes
    std::unique_ptr<simview::SimView> sim_;  // simulation runs, playback and overlays (GL: released with renderer_)
    Picker picker_;
    GLFWwindow* window_ = nullptr;
    Layout layout_;
    DrawStats stats_;
    int imgui_draw_calls_ = 0;
    unsigned long uploaded_scene_ = 0;
    std::vector<std::string> uploaded_selection_;
    bool drag_dirty_ = false;
    struct Shot {
        std::filesystem::path path;
        bool viewport_only;
    };
    std::optional<Shot> pending_shot_;
    int shot_delay_ = 0;  // frames to render before capturing, so panels show the current state
    int missing_glyphs_ = 0;
    std::string font_text_;  // extra text the atlas was built for
    unsigned long font_checked_version_ = ~0UL;
    unsigned font_checked_serial_ = ~0U;
    std::optional<glm::vec3> cursor_floor_;
    float frame_ms_ = 0;
    double frame_ms_sum_ = 0;  // frames after the first, for the mean in the exit line
    int frames_timed_ = 0;
    Manipulator manip_;
    RedrawPolicy redraw_;  // interactive runs draw only when something changes
    std::string error_exit_;  // set when a screenshot could not be written
};

}  // namespace shuxiang::editor
