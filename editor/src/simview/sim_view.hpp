#pragma once
// The editor's simulation feature: the Simulation panel (run a scenario in the background, open a
// results folder), playback (time slider, play/pause, speed), the agents and the density overlay in
// the viewport, the results panel, and their script actions (docs/editor-script.md).
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "render/camera.hpp"
#include "render/gl.hpp"
#include "render/renderer.hpp"
#include "simview/sim_data.hpp"
#include "simview/sim_job.hpp"
#include "simview/sim_renderer.hpp"

namespace shuxiang::editor {
struct UiContext;
}

namespace shuxiang::editor::simview {

enum class ColorBy { State, Speed, Group };
enum class HeatMode { Peak, Now };

class SimView {
public:
    SimView();
    ~SimView();

    void init(const std::filesystem::path& shader_dir);
    // Once a frame before drawing: collects a finished run, advances playback, refreshes GPU data.
    void update(UiContext& ui, float dt);
    DrawStats draw(const Camera& cam, const Viewport& vp);
    void draw_ui(UiContext& ui);
    void menu(UiContext& ui);  // items of the main menu bar's Simulation menu

    // ---- actions (the panels and the script call these)
    std::string start(UiContext& ui, const scenario::RunSetupInput& in);  // "" or why not
    void cancel() { job_.cancel(); }
    bool running() const { return job_.running(); }
    std::string open_results(UiContext& ui, const std::filesystem::path& dir);
    std::string save_results(const std::filesystem::path& dir) const;
    std::string dump_results(const std::filesystem::path& file) const;
    void set_time(double t);
    std::string frame_bottleneck(UiContext& ui, std::size_t index);
    const std::optional<SimResults>& results() const { return results_; }

    // Script: handles a simulation action (words[0] is the action). Returns an error message or "".
    std::string script(UiContext& ui, const std::vector<std::string>& words);
    // The script waits while this returns true; `error` gets the failure of a run it waited for.
    bool script_wait(UiContext& ui, std::string& error);
    // Argument counts of the simulation actions, for the script's checks (nullopt: not one of them).
    static std::optional<std::pair<int, int>> script_arity(const std::string& action);

    bool show_panel = false, show_results = false, show_playback = true;
    bool heatmap = false, agents = true, playing = false;
    HeatMode heat_mode = HeatMode::Peak;
    ColorBy color_by = ColorBy::State;
    double time = 0;
    float speed = 1;

private:
    void collect(UiContext& ui);
    void rebuild_heat(UiContext& ui);

    SimJob job_;
    std::unique_ptr<SimRenderer> renderer_;
    std::optional<SimResults> results_;
    std::optional<scenario::RunResult> run_;  // the full result of a run in the editor (for saving)
    std::string script_error_;
    bool script_waiting_ = false;
    // The Simulation panel's fields.
    int scenario_index_ = 1;  // class-visit
    std::string scenario_file_, results_dir_;
    int seed_ = 1, students_ = 0;
    // What the GPU holds.
    double uploaded_time_ = -1;
    unsigned uploaded_serial_ = 0, results_serial_ = 0;
    HeatMode uploaded_heat_mode_ = HeatMode::Peak;
    ColorBy uploaded_color_ = ColorBy::State;
    bool uploaded_agents_ = true;
    int uploaded_level_ = -1;
    bool level_matches_ = false;
    std::pair<unsigned long, int> bounds_key_{~0UL, -1};  // plan version and level of the bounds below
    bool has_bounds_ = false;
    glm::vec2 bounds_lo_{0.f}, bounds_hi_{0.f};
};

}  // namespace shuxiang::editor::simview
