// Runs a scenario on a plan level: behaviour (shelves, FIFO desk queues, seats), metrics and outputs.
#pragma once

#include <shuxiang/ped/simulation.hpp>
#include <shuxiang/plan/furniture.hpp>
#include <shuxiang/plan/model.hpp>
#include <shuxiang/scenario/scenario.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace shuxiang::scenario {

// Places in the plan the behaviour uses, found from the furniture.
struct ShelfSection {
    std::string id;        // "<furniture id>/<face>/<section>"
    std::string furniture;
    geometry::Vec2 stand;  // where a reader stands in front of it
    int major_class = -1;  // 大部类 0-4 (A, B, C–K, N–X, Z) when shares are given
};
struct Seat {
    std::string furniture;
    geometry::Vec2 at;     // where the reader sits (beside the table)
};
struct Desk {
    std::string furniture;
    bool kiosk = false;
    geometry::Vec2 at;     // service point in front of it
};
struct PlacesOfPlan {
    std::vector<ShelfSection> shelves;
    std::vector<Seat> seats;
    std::vector<Desk> desks;
    int unreachable_shelves = 0, unreachable_seats = 0, unreachable_desks = 0;
};

// Built-in scenarios: "evacuation", "class-visit", "school-day". `students` overrides the school's
// head count (school-day), the class size (class-visit) or the people present (evacuation) when > 0.
Scenario builtin_scenario(const std::string& name, const plan::Plan& plan, int students);
bool is_builtin_scenario(const std::string& name);
const std::vector<std::string>& builtin_scenario_names();

struct RunOptions {
    std::uint64_t seed = 1;
    double record_every = 1.0;   // s between trajectory frames and density samples
    double series_every = 10.0;  // s between time-series rows
    std::function<void(double fraction)> progress;
    // Demand per 大部类 (A, B, C–K, N–X, Z), summing to 1: the reachable sections are given to the
    // classes in plan order in these proportions, and a reader picks a class by its share, then a
    // section of it. Empty: sections uniformly.
    std::vector<double> class_shares;
    // Doors narrower than this (m) are one-lane: walkers take turns by direction (two adults need
    // about 2 × 0.5 m to pass each other). 0 turns the rule off.
    double one_lane_width = 1.2;
    // Horizontal walking speeds on stairs (m/s) of a walker whose speed on the floor is
    // stair_reference_speed; others scale in proportion (never faster than on the floor). The
    // defaults are those of RiMEA tests 2 and 3 as JuPedSim runs them (0.5 m/s up, 0.65 m/s down for
    // a 1.34 m/s walker); docs/pedestrian-model.md, Stairs.
    // Walk every level the plan's stairs join to the ground level. Evacuations (a scenario with an
    // alarm) always do; other scenarios only with this set, since reader flow up and down a stair
    // in both directions at once can still lock at its gates (docs/pedestrian-model.md, Limits).
    bool all_levels = false;
    double stair_up_speed = 0.5;
    double stair_down_speed = 0.65;
    double stair_reference_speed = 1.34;
};

// One service at a desk (for FIFO checks and the waits).
struct ServiceEvent {
    int desk = 0;
    int agent = 0;
    double arrive = 0, start = 0, end = 0;
};
// One seat taken by one reader.
struct SeatEvent {
    int seat = 0;
    int agent = 0;
    double from = 0, to = 0;
};
struct DeskResult {
    std::string furniture;
    bool kiosk = false;
    int served = 0;
    int max_queue = 0;
    double mean_wait = 0, max_wait = 0;
};
struct Bottleneck {
    geometry::Vec2 at;
    double peak_density = 0;
    double seconds_at_e_or_worse = 0;
};
struct TimeRow {
    double t = 0;
    int present = 0, walking = 0, browsing = 0, queueing = 0, reading = 0;
    double max_density = 0;
};

// A level of a run over several levels (joined by stairs). Its copy lies at plan coordinates + offset
// in the run's plane (trajectories, heat map, walls).
struct LevelResult {
    std::string id;
    double elevation = 0;
    geometry::Vec2 offset;
    geometry::Box box;
    int agents_started = 0;     // agents that appeared on this level
    double last_occupied = 0;   // s: the last time anyone stood on it (evacuation: when it was clear)
};

// Use of one stair in a run.
struct StairResult {
    std::string id, from_level, to_level;
    double width = 0, length = 0;  // m, clear width and horizontal length of the flight
    int up = 0, down = 0;          // walkers who changed level on it, each way
    double first = 0, last = 0;    // s: first and last change of level (0 when unused)
    double flow = 0;               // persons/s: (up + down - 1) / (last - first)
    double mean_up_s = 0, mean_down_s = 0;  // mean time on the flight (foot to head) each way
    int max_on_flight = 0;         // most walkers on the flight at once
    double peak_density = 0;       // persons/m² on the flight at that moment
    int gate_waits = 0;            // times a walker at the top waited for room on the far side
};

// Something about the input that makes the run's results mean less than they seem (people not
// placed, exits all closed, activities the plan has no place for). In the output and metrics.json.
struct RunWarning {
    std::string code;     // stable: "not_placed", "all_exits_closed", "nothing_to_visit"
    std::string message;  // in the user's language
};

struct RunResult {
    std::string scenario;
    std::string level;
    ped::Metrics sim;
    double duration = 0;          // simulated time
    bool evacuation = false;
    double evacuation_time = 0;   // from the alarm to the last agent out
    int agents_left_inside = 0;   // still inside at the end
    int agents_not_placed = 0;
    int targets_missed = 0;       // targets not reached: no path led there, or given up in a gridlock
    int targets_given_up = 0;     // of which given up after three steps aside
    int step_asides = 0;          // gridlock reliefs (an agent stepped aside to let others pass)
    int closed_exit_uses = 0;     // arrivals through an exit after its closing time (must stay 0)
    std::vector<std::string> exit_openings;
    std::vector<double> exit_close_times;
    std::vector<DeskResult> desks;
    std::vector<ServiceEvent> services;
    std::vector<SeatEvent> seatings;
    int seats_total = 0, seats_max_occupied = 0, readers_without_seat = 0;
    std::map<std::string, int> shelf_visits;
    std::vector<int> class_visits;  // per 大部类 when shares were given
    double travel_mean = 0, travel_max = 0;  // s from appearing to leaving
    double max_density_walking = 0;          // persons/m² (1 m cells, seated readers left out)
    geometry::Vec2 max_density_at;
    double max_density_time = 0;
    std::vector<Bottleneck> bottlenecks;
    std::vector<TimeRow> series;
    // Heat: person-seconds per cell of the level (walking, browsing and queueing agents).
    geometry::Box heat_box;
    double heat_cell = 0.5;
    int heat_nx = 0, heat_ny = 0;
    std::vector<double> heat;
    std::vector<geometry::Segment> walls;
    std::string trajectories;     // CSV text (see docs/scenario-format.md)
    PlacesOfPlan places;
    std::vector<RunWarning> warnings;
    // Runs over several levels (a plan whose stairs join levels to the ground level): the levels
    // side by side in the plane and the stairs; both empty for a run on one level.
    std::vector<LevelResult> levels;
    std::vector<StairResult> stairs;
};

// Fruin level of service (walkways) for a density in persons/m²: 'A'…'F'.
char fruin_los(double density);

// Finds shelf sections, seats and desks of a level and keeps those reachable on the navmesh.
PlacesOfPlan places_of_level(const plan::Level& level, const plan::FurnitureCatalog& catalog,
                             const geometry::WalkableArea& area, const nav::NavMesh& nav);

// Runs the scenario on the plan's ground level (the level with the entrance); an evacuation, or any
// scenario with RunOptions::all_levels, also on every level its stairs join to it (each level's copy
// side by side in one plane; RunResult::levels). Throws InputError
// (file = "scenario") when the scenario names rooms, openings or furniture the plan lacks, when a
// start polygon lies wholly outside the level's walkable area, or when every exit is closed by the
// alarm; lesser problems become RunResult::warnings.
RunResult run_scenario(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, const Scenario& sc,
                       const RunOptions& options);

// Writes metrics.json, timeseries.csv, heatmap.png and trajectories.csv into `dir`.
void write_outputs(const RunResult& r, const std::filesystem::path& dir);
std::string metrics_json(const RunResult& r);

}  // namespace shuxiang::scenario
