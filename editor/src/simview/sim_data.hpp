#pragma once
// GL-free data of the editor's simulation views: the trajectory file parsed into frames, agent
// positions at a playback time, the density / Fruin level-of-service map, and the results panel's
// rows read from metrics.json. Shared by a run in the editor and a results folder opened from disk.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>
#include <nlohmann/json.hpp>

namespace shuxiang::editor::simview {

// One agent in one frame of trajectories.csv.
struct AgentSample {
    int id = 0;
    float x = 0, y = 0;
    char state = 'w';  // w walking, b browsing/staying, q queueing, r reading
    int group = -1;    // scenario group index (v2 files); -1 in v1 files
};

struct Frame {
    double t = 0;
    std::vector<AgentSample> agents;  // sorted by id
};

// An agent drawn at a playback time: position, state and speed (m/s, from the neighbouring frames).
struct AgentAt {
    int id = 0;
    glm::vec2 pos{0.f};
    char state = 'w';
    float speed = 0;
    int group = -1;
};

struct Trajectories {
    std::string level;     // level id from the header
    std::string scenario;
    double frame_s = 1.0;
    int version = 1;                  // 1: t,id,x,y,state; 2: adds the group column
    std::vector<std::string> groups;  // v2: group names by index ("# group N: NAME")
    std::vector<Frame> frames;  // by time
    double start() const { return frames.empty() ? 0.0 : frames.front().t; }
    double end() const { return frames.empty() ? 0.0 : frames.back().t; }
    // Agents present at time t: positions interpolated between the frames around t for agents in
    // both; an agent that has left (not in the next frame) disappears at its last frame. Nobody is
    // present before the first frame or more than one frame interval after the last.
    std::vector<AgentAt> at(double t) const;
};

// Parses the text of trajectories.csv (docs/scenario-format.md). Throws InputError(file, "line N", ...).
Trajectories parse_trajectories(const std::string& text, const std::string& file);

// Fruin walkway level of service for a density (persons/m²): 0 = A … 5 = F.
int fruin_level(double density);
// Legend colour of a Fruin level (RGB 0..1).
glm::vec3 fruin_color(int level);

// Peak density per 1 m cell over the whole run, counted from the trajectory frames (as metrics.json
// does: walking, browsing and queueing agents; seated readers left out). Cells start at `origin`.
struct DensityMap {
    glm::vec2 origin{0.f};
    float cell = 1.f;
    int nx = 0, ny = 0;
    std::vector<float> peak;  // persons/m², row-major from the south-west corner
    float max() const;
    float value(int cx, int cy) const { return peak[static_cast<std::size_t>(cy * nx + cx)]; }
};
// `lo`/`hi`: the level's floor bounds (the map covers them; agents outside are clamped to the edge).
DensityMap density_map(const Trajectories& tr, glm::vec2 lo, glm::vec2 hi, std::optional<double> at_time = std::nullopt);
// The map as RGBA8 texels (nx × ny, south row first): Fruin colour with `alpha`, empty cells clear.
std::vector<unsigned char> density_texels(const DensityMap& m, float alpha);

// Agent colours: by state, or by speed (blue slow … red at 1.5 m/s and above).
glm::vec3 state_color(char state);
glm::vec3 speed_color(float speed);
// Colour of a scenario group by index (a fixed palette of 8, repeating); grey for no group (-1).
glm::vec3 group_color(int group);

// One line of the results panel: a JSON pointer into metrics.json, and its value as shown.
struct ResultRow {
    std::string pointer;  // e.g. "/agents_total", "/exits/0/flow_per_s"
    std::string label;    // translation key
    std::string suffix;   // e.g. an exit's opening id ("d-entrance")
    std::string value;    // as shown: numbers with at most 3 decimals, as metrics.json holds them
};
std::vector<ResultRow> result_rows(const nlohmann::json& metrics);
// A JSON number as the panel shows it: integers bare, others to at most 3 decimals without trailing zeros.
std::string show_number(const nlohmann::json& v);

struct BottleneckAt {
    glm::vec2 at{0.f};
    double peak_density = 0;
    std::string los;
    double seconds = 0;
};
std::vector<BottleneckAt> bottlenecks(const nlohmann::json& metrics);

// Results of one run: from the editor's own run or from a folder written by `shuxiang simulate`.
struct SimResults {
    std::string source;  // folder, or "scenario seed N" for a run in the editor
    nlohmann::json metrics;
    Trajectories trajectories;
};
// Reads metrics.json and trajectories.csv of `dir`. Throws InputError naming the file and place.
SimResults load_results(const std::filesystem::path& dir);

}  // namespace shuxiang::editor::simview
