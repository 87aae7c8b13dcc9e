#pragma once
// The editor application: a GLFW window with an OpenGL 3.3 core context, Dear ImGui panels in a fixed
// layout, the 3D viewport, the input queue routed to the tools, screenshots, and the script runner's
// frame loop. Only app.cpp and main.cpp see it: the rest gets a UiContext or a ToolContext.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/editor.hpp"
#include "app/input_queue.hpp"
#include "app/session.hpp"
#include "render/redraw.hpp"
#include "render/renderer.hpp"
#include "tools/tool.hpp"
#include "tools/tool_set.hpp"
#include "ui/ui_context.hpp"

struct GLFWwindow;

namespace shuxiang::editor {

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

class App {
public:
    explicit App(Options opt);
    ~App();
    // Runs until the window closes (interactive) or the headless run ends. Returns the exit code.
    int run();

private:
    void init_window();
    void init_imgui();
    void compute_layout();
    void refresh_font();
    // Drains the input queue into this frame's FrameInput and routes each event in order.
    void handle_input();
    // The window's own shortcuts (undo, save, views...) for keys no tool used.
    void shortcut(const InputEvent& e);
    // Brings the GPU buffers and the picker up to date with the document.
    void sync_scene();
    void render_frame();
    void capture_if_requested();
    // The latency probe's events, put into the queue after this frame drained it; its end of frame.
    void feed_latency_probe();
    void end_latency_frame();
    UiContext ui();
    ToolContext tool_context();
    int photo_and_exit();  // --photo
    // Whether the picture changes on its own (playback, running simulation, pulse, held input).
    bool animating();

    Options opt_;
    Editor editor_;
    Session session_;
    ToolSet tools_{editor_};
    InputQueue input_;
    Shell shell_;
    FrameFigures figures_;
    std::unique_ptr<Renderer> renderer_;  // GL objects: released before the context goes
    std::unique_ptr<simview::SimView> sim_;  // simulation runs, playback and overlays (GL: released with renderer_)
    ScenePicker picker_;
    GLFWwindow* window_ = nullptr;
    Layout layout_;
    PanelStates panels_;
    DrawStats stats_;
    int imgui_draw_calls_ = 0;
    unsigned long uploaded_scene_ = 0;
    bool drag_dirty_ = false;
    int missing_glyphs_ = 0;
    std::string font_text_;  // extra text the atlas was built for
    unsigned long font_checked_version_ = ~0UL;
    unsigned font_checked_serial_ = ~0U;
    float frame_ms_ = 0;
    double frame_ms_sum_ = 0;  // frames after the first, for the mean in the exit line
    float frame_cpu_ms_ = 0;   // CPU time of the process (all threads: llvmpipe's too) in the last frame
    std::vector<float> frame_times_, frame_cpu_times_;  // for the medians in the exit line
    int frames_timed_ = 0;
    RedrawPolicy redraw_;  // interactive runs draw only when something changes
    std::string error_exit_;  // set when a screenshot could not be written
};

}  // namespace shuxiang::editor
