// Collision-free speed model (Tordeux, Chraibi, Seyfried 2016) moving agents along navmesh paths.
#pragma once

#include <shuxiang/geometry/walkable_area.hpp>
#include <shuxiang/nav/navmesh.hpp>
#include <shuxiang/ped/random.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace shuxiang::ped {

using geometry::Segment;
using geometry::Vec2;

// Model constants. Defaults are JuPedSim's collision-free speed model defaults.
struct ModelParams {
    double dt = 0.05;                  // fixed time step (s)
    double time_gap = 0.5;             // T: v = min(v0, max(0, (s - l) / T))
    double neighbour_strength = 8.0;   // a in R(s) = a·exp((l - s) / D)
    double neighbour_range = 0.1;      // D (m)
    double anisotropy = 0.0;           // λ: weight of the repulsion from a neighbour straight behind
    double keep_right = 1.0;           // strength of the sidestep from oncoming neighbours ahead
    double keep_right_range = 2.0;     // its range (m)
    // Side choice against an oncoming walker: pass it on the side one already holds, unless it is
    // less than keep_right_bias (m) to one's right of straight ahead; then keep right.
    double keep_right_bias = 0.4;
    // Counter-flow lanes in narrow ways: path corners in ways between narrow_min_width and
    // narrow_max_width wide, and a point every narrow_lane_step along such ways, are passed
    // narrow_keep_right of the width right of the middle (wider ways: lanes at corners, below).
    double narrow_keep_right = 0.25;
    double narrow_min_width = 1.6;
    double narrow_max_width = 5.0;
    double narrow_lane_step = 1.0;     // spacing (m) of the kept-right points along a narrow way
    // Lanes at wide corners: a walker passes each corner of its path whose way is at least
    // lane_min_width wide at the share of the width it holds where it starts (its place across
    // the way), pulled towards the middle by lane_spread < 1; 0 keeps the navmesh corners.
    double lane_spread = 1.0;
    double lane_max_width = 20.0;  // widths beyond this (m) are not looked at
    double lane_min_width = 4.0;   // passages narrower than this (m) keep the navmesh corner
    // In sight of its exit area a walker heads for the nearest point of it, not its centroid.
    bool exit_spread = true;
    double wall_strength = 5.0;
    double wall_range = 0.02;          // (m)
    // Neighbour search radius (m). Beyond l + v0·T the speed no longer depends on a neighbour and
    // the repulsion a·exp((l - s)/D) is below 1e-3, so 1.4 m loses nothing for v0 <= 1.8 m/s.
    double cutoff = 1.4;
    // Threads for the model step (std::thread, both cores of the build machine by default). The
    // result is the same for any count; below parallel_min_agents walking agents one is used.
    int threads = 2;
    int parallel_min_agents = 256;
    double density_cell = 1.0;         // side of the square cells for the density metric (m)
    int density_every = 20;            // steps between density samples
    // Periodic boundary along x (fundamental-diagram runs): x leaves at x1 and re-enters at x0.
    bool periodic_x = false;
    double period_x0 = 0.0;
    double period_x1 = 0.0;
};

constexpr double kNever = std::numeric_limits<double>::infinity();

// A goal area: an agent whose centre enters the polygon has left the simulation through it.
struct Exit {
    std::string name;
    geometry::Polygon area;
    double close_time = kNever;  // from this time on the exit is unusable and agents re-route
};

// A line across which crossings are timed (door flow, bottleneck flow).
struct MeasureLine {
    std::string name;
    Segment line;
};

// A door too narrow for two people to pass each other (one lane). Walkers take turns by
// direction: those arriving against the current flow wait beside the door until it is clear.
struct Passage {
    std::string name;
    Segment line;         // across the opening on the wall's centre line, from post to post
    double depth = 0.2;   // wall thickness (m)
};

// Turn-taking at one-lane passages (a behavioural rule, not part of the published model).
struct PassageParams {
    double core_margin = 0.45;   // the door zone reaches this far (m) beyond each wall face
    double admit_margin = 2.2;   // walkers ask to enter within this distance (m) of a wall face
    double mouth_depth = 1.6;    // those waiting keep the lane this deep (m) in front of the door clear
    double max_turn = 4.0;       // after someone has waited this long (s) the flow stops and turns
    double max_wait = 15.0;      // nobody waits longer (s): a door held by someone stuck in it is not a wall
};

// One pedestrian to add.
struct AgentSpec {
    Vec2 position;
    double radius = 0.2;
    double desired_speed = 1.34;
    double start_time = 0.0;       // pre-movement time
    int exit = -1;                 // preferred exit; -1 = nearest usable exit by path length
    std::vector<Vec2> waypoints;   // intermediate targets visited in order before the exit
    std::vector<double> dwell;     // seconds standing at each waypoint (missing entries: 0)
    Vec2 fixed_direction{0, 0};    // non-zero: ignore navigation and walk this way (periodic runs)
};

// Per-exit usage.
struct ExitStats {
    std::string name;
    int count = 0;
    double first = kNever;
    double last = 0.0;
    double flow() const;  // (count - 1) / (last - first), persons per second
};

// Crossings of a measuring line.
struct LineStats {
    std::string name;
    std::vector<double> times;  // one entry per crossing, in time order
    double flow() const;        // (n - 1) / (last - first)
};

// Outcome figures of a run.
struct Metrics {
    int agents_total = 0;
    int agents_arrived = 0;
    int agents_unreachable = 0;    // no usable exit could be reached on the navmesh
    double evacuation_time = 0.0;  // time of the last arrival
    double max_overlap = 0.0;      // deepest agent-agent overlap after each step (m)
    double max_overlap_model = 0.0; // deepest overlap the model step itself produced, before projection
    double max_wall_overlap = 0.0; // deepest agent-wall overlap (m)
    long wall_penetrations = 0;    // agent-steps with wall overlap > 2 cm or a centre crossing a wall
    double max_density = 0.0;      // persons per m² in the densest density cell
    double max_density_time = 0.0;
    Vec2 max_density_at;
    long passage_waits = 0;        // times an agent had to wait for a one-lane door to clear
    std::vector<ExitStats> exits;
    std::vector<LineStats> lines;
};

// Live state of one agent.
struct Agent {
    int id = 0;
    Vec2 pos;
    Vec2 vel;           // velocity of the last step (m/s)
    Vec2 heading;       // desired direction of the last step (unit or zero)
    double radius = 0.2;
    double v0 = 1.34;
    double start_time = 0.0;
    int exit = -1;          // exit being walked to
    bool fixed_exit = false;
    bool active = true;     // false once arrived or stranded
    bool arrived = false;
    bool stranded = false;
    double arrival_time = -1.0;
    Vec2 fixed_dir;
    std::vector<Vec2> waypoints;
    std::vector<double> dwell;
    std::size_t next_waypoint = 0;
    double hold_until = -1.0;   // standing still (browsing, queueing, reading) until this time
    std::vector<Vec2> corners;  // navmesh path to the current goal
    std::uint32_t lane_corners = 0;  // bit k: corner k was moved across the way to the agent's lane
    Vec2 exit_point;            // where in its exit area the agent heads once the exit is in sight
    int exit_point_for = -1;    // exit that exit_point belongs to (-1: none yet)
    std::size_t corner = 0;
    int passage = -1;           // one-lane passage the agent has been let into
    bool passage_waiting = false;
    double passage_wait_start = 0.0;  // when the current wait began
};

class WorkerPool;

class Simulation {
public:
    // `nav` must outlive the simulation; it is used for routing only.
    Simulation(const geometry::WalkableArea& area, const nav::NavMesh& nav, ModelParams params = {});
    ~Simulation();
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    int add_exit(Exit e);
    int add_line(MeasureLine l);
    int add_passage(Passage p);
    void set_passage_params(PassageParams p) { passage_params_ = p; }
    int add_agent(const AgentSpec& spec);

    void step();
    // Steps until every agent has arrived (or is stranded) or until max_time; returns true when done.
    bool run(double max_time);
    bool finished() const;

    double time() const { return time_; }
    long steps() const { return steps_; }
    const std::vector<Agent>& agents() const { return agents_; }
    // Ids of agents still in the simulation (waiting to start or walking), in id order.
    const std::vector<int>& live() const { return live_; }
    const Metrics& metrics() const { return metrics_; }
    const std::vector<Segment>& walls() const { return walls_; }
    const ModelParams& params() const { return params_; }
    // Called after every step (trajectory checks, recording).
    void set_observer(std::function<void(const Simulation&)> f) { observer_ = std::move(f); }

    // Behaviour hooks (scenario layer). Called when agent `id` reaches waypoint `index` (reached
    // true) or gives it up as unreachable (false), before it heads on. The callback may call
    // add_waypoint / hold on that agent.
    using WaypointCallback = std::function<void(int id, std::size_t index, bool reached)>;
    void set_waypoint_callback(WaypointCallback f) { on_waypoint_ = std::move(f); }
    // Appends a waypoint (with its dwell) to an agent's remaining route.
    void add_waypoint(int id, Vec2 p, double dwell);
    // Keeps an agent standing until `until` (extends, never shortens, a current hold).
    void hold(int id, double until);
    // Inserts a waypoint before the agent's current one (stepping aside to let others pass).
    void insert_waypoint(int id, Vec2 p, double dwell);
    // Gives up the agent's current waypoint (the callback hears reached = false).
    void skip_waypoint(int id);
    // Counts the agent's current waypoint as reached where it stands (served in a queue short of
    // the desk): its dwell starts now and the waypoint callback runs.
    void complete_waypoint(int id);
    // Abandons the remaining waypoints and any hold: the agent heads for `exit` (-1: nearest
    // usable) once `not_before` has come (alarm plus pre-movement time).
    void leave(int id, int exit, double not_before);
    // Sets the agent's desired speed (v0) from now on: the scenario layer's stairs walk slower than
    // the floor and give the floor speed back at the end of the flight.
    void set_desired_speed(int id, double v);
    // Moves the agent to `p` at once and plans its path afresh from there: a walker that changed level
    // at a stair's gate (each level has its own copy in the plane). Its velocity starts from rest.
    void relocate(int id, Vec2 p);

private:
    struct Cell { int begin = 0, end = 0; };
    struct Near { Vec2 d; double s; double l; int slot; };  // offset, distance, contact distance, cell slot
    struct Pair { int i, j; };                               // agent ids, i < j
    struct ThreadWork {                                      // one thread's scratch space
        std::vector<Near> near;
        std::vector<Pair> pairs;
    };
    void gather_neighbours(const Agent& a, std::vector<Near>& near) const;
    void model_step(const Agent& a, ThreadWork& tw);  // writes only a's entries: safe in parallel
    Vec2 direction(const Agent& a, Vec2 e0, const std::vector<Near>& near);  // sets near_wall_[a.id]
    WorkerPool& pool();
    // Runs f(thread, begin, end) over [0, count) in contiguous chunks; returns the threads used.
    int parallel_for(std::size_t count, const std::function<void(int, std::size_t, std::size_t)>& f);
    bool exit_open(int e) const { return time_ < exits_[static_cast<std::size_t>(e)].close_time; }
    void route(Agent& a);
    void route_path(Agent& a);
    Vec2 exit_point(Agent& a, long phase, int t);
    void spread_corners(Agent& a);
    void mark_narrow_entries(std::vector<Vec2>& corners) const;
    struct Section { Vec2 at; double left, right; };  // a cross-section of a way: free length each side
    Section way_section(Vec2 c, Vec2 out, double maxlen) const;  // the narrowest near a corner
    double ray_clearance(Vec2 p, Vec2 u, double maxlen) const;
    Vec2 goal_of(const Agent& a) const;
    bool line_of_sight(Vec2 p, Vec2 q, double clearance, int t = 0) const;  // t: the calling thread's slot
    Vec2 desired_direction(Agent& a, int t = 0, bool* deferred = nullptr);
    // Turn-taking at one-lane passages: e0 unchanged, or the way to a waiting spot (zero there).
    Vec2 passage_gate(Agent& a, Vec2 e0);
    void update_passages();
    void build_agent_grid();
    void resolve_constraints();
    bool wall_within(Vec2 p, double reach) const;  // a wall nearer than reach (true when unsure)
    void record_density();
    Vec2 delta(Vec2 from, Vec2 to) const;  // minimum-image difference when periodic
    int wall_cell(Vec2 p) const {
        int x = std::clamp(static_cast<int>(std::floor((p.x - wbox_.min.x) / wcell_)), 0, wnx_ - 1);
        int y = std::clamp(static_cast<int>(std::floor((p.y - wbox_.min.y) / wcell_)), 0, wny_ - 1);
        return y * wnx_ + x;
    }

    const geometry::WalkableArea& area_;
    const nav::NavMesh& nav_;
    ModelParams params_;
    std::vector<Segment> walls_;
    std::vector<Exit> exits_;
    std::vector<Vec2> exit_targets_;
    std::vector<bool> exit_was_open_;
    std::vector<MeasureLine> lines_;
    struct PassageState {
        Passage p;
        Vec2 mid, along, across;  // centre, unit vector along the line, unit normal
        double half = 0;          // half the opening's width
        int dir = 0;              // side (+1 / -1 of `across`) walkers are now let in from; 0 free
        int inside = 0;           // agents let in and still in the door zone
        bool turning = false;     // no more from `dir`: the other side has waited too long
        double wait_since[2] = {kNever, kNever};  // by side (index 0: -1, 1: +1)
        bool waited_now[2] = {false, false};
    };
    std::vector<PassageState> passages_;
    PassageParams passage_params_;
    std::vector<Agent> agents_;
    std::vector<int> live_;  // ids of active agents in id order; the per-step loops run over these only
    Metrics metrics_;
    double time_ = 0.0;
    long steps_ = 0;

    // Wall grid: walls listed in every cell their bounding box (plus a margin) touches.
    geometry::Box box_;   // agent grid and density bounds
    geometry::Box wbox_;  // wall grid bounds
    double wcell_ = 1.0;
    int wnx_ = 1, wny_ = 1;
    std::vector<std::vector<int>> wall_cells_;
    struct Stamps {  // walls already tested by the current query, one set per thread
        std::vector<unsigned> mark;
        unsigned gen = 0;
    };
    mutable std::vector<Stamps> stamps_;
    Stamps& fresh_stamps(int t) const;

    // Agent grid (rebuilt each step by counting sort).
    double acx_ = 2.0, acy_ = 2.0;
    int anx_ = 1, any_ = 1;
    std::vector<int> cell_start_;
    std::vector<int> cell_agents_;
    std::vector<Vec2> cpos_;      // cell-ordered positions, radii and headings (model step reads)
    std::vector<double> crad_;
    std::vector<Vec2> cheading_;

    std::vector<Vec2> new_dir_;
    std::vector<double> new_speed_;
    std::vector<Vec2> new_heading_;
    std::vector<Vec2> old_pos_;
    std::vector<char> near_wall_;  // per agent: a wall may be within reach this step (1)
    std::vector<int> wall_agents_; // ids the wall constraints look at this step
    std::vector<char> stepped_;    // per agent: moved by the model this step (not standing)
    std::vector<char> deferred_;   // per agent: its desired direction needs the serial pass
    std::vector<Near> near_;  // neighbours of the agent at a one-lane door (serial phase)
    std::vector<int> work_;   // agents the model step moves this step, in id order
    std::vector<ThreadWork> thread_work_;
    std::vector<Pair> pairs_;  // pairs that may touch after the move, in id order
    double pair_margin_ = 0.1;
    std::unique_ptr<WorkerPool> pool_;
    std::function<void(const Simulation&)> observer_;
    WaypointCallback on_waypoint_;
};

}  // namespace shuxiang::ped
