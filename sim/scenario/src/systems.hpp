// The journey and the systems of a run (internal to sim/scenario), in the order the driver runs
// them each step: alarm, arrivals, desk lines, walking units, gridlock relief, the operational
// model's step, the recorder.
#pragma once

#include "world.hpp"

#include <optional>
#include <string>
#include <vector>

namespace shuxiang::scenario {

class WalkingUnits;

// Moves each agent from one stage to the next: builds its steps from the group's activities,
// issues the next step's target as a waypoint, and hears when a waypoint is reached or given up.
class Journey {
public:
    Journey(World& w, WalkingUnits& units) : w_(w), units_(units) {}
    // The steps of a newly placed agent (activities drawn by their probability).
    std::vector<Step> plan(const Group& grp);
    // Issues the agent's next step that can be done; none left: the agent heads for its exit.
    void issue(int id);
    // The waypoint callback of ped::Simulation.
    void on_waypoint(int id, std::size_t wp, bool reached);
    // Desk stage: agents close to their desk join its line and are served where they stand.
    void join_desk_lines();
    // From the alarm on everyone leaves by the nearest usable exit after a pre-movement time.
    void sound_alarm();
    // The step an agent is walking to (its first pending waypoint that is not a step aside), -1
    // on its way out.
    int pending_step(int id) const;

private:
    std::optional<Vec2> target_of(int id, std::size_t si, double& dwell);
    World& w_;
    WalkingUnits& units_;
};

// Members of one membership whose groups have keep_together_m walk as a unit: all follow the
// leader's (first member's) plan at the pace of the slowest member, to the same point for shelf
// and room steps, meet after every step before the next one starts, and, walking, whoever is more
// than the radius from the rearmost walker waits (docs/scenario-format.md, Walking units).
class WalkingUnits {
public:
    struct Unit {
        double radius = 0;
        int expected = 0, spawned = 0;
        int leader = -1;
        double speed = ped::kNever;  // the slowest member's desired speed
        std::vector<int> members;
        std::vector<Step> plan;
        std::vector<std::optional<Vec2>> meet;  // by step: the point of a shelf or room step, once drawn
        int rear = -1;                          // the walker farthest from the unit's goal
    };
    explicit WalkingUnits(World& w) : w_(w) {}
    // Forms the units of the scenario's groups; `speeds` are the desired speeds drawn for each
    // pending arrival (group index, speed), so a unit knows its slowest member in advance.
    void form(const std::vector<std::pair<int, double>>& arrivals);
    int unit_of_group(int group) const { return unit_of_group_[static_cast<std::size_t>(group)]; }
    Unit* unit(int u) { return u >= 0 ? &units_[static_cast<std::size_t>(u)] : nullptr; }
    // A member appears: the first one's steps become the unit's plan. Returns the member's steps.
    std::vector<Step> join(int u, int id, std::vector<Step> steps);
    // A member could not be placed: the unit does not wait for it.
    void not_placed(int u) { --units_[static_cast<std::size_t>(u)].expected; }
    // Holds members at meeting points until all are there, and keeps walking members together.
    void keep_together(Journey& journey);

private:
    std::optional<Vec2> goal(const Unit& u, const Journey& journey) const;
    void find_rear(Unit& u, std::optional<Vec2> goal);
    void hold_member(Unit& u, int id, int rear, Journey& journey);
    World& w_;
    std::vector<Unit> units_;
    std::vector<int> unit_of_group_;
};

// Arrivals: expands the schedule into pending spawns and places agents in their start areas.
class Arrivals {
public:
    Arrivals(World& w, Journey& journey, WalkingUnits& units);
    // Places everyone due by now (nobody comes in after the alarm).
    void spawn_due();
    bool more_to_come() const;
    int not_placed() const { return not_placed_; }
    const std::vector<int>& not_placed_by_group() const { return not_placed_by_group_; }
    const std::vector<int>& due_by_group() const { return due_by_group_; }

private:
    struct Pending {
        double time = 0;
        int group = 0;
        long order = 0;
        double speed = 0;  // desired speed, drawn in advance for walking units
    };
    bool spawn(const Pending& pd);
    std::optional<Vec2> start_position(const Group& grp, bool& door_busy);
    World& w_;
    Journey& journey_;
    WalkingUnits& units_;
    std::vector<Pending> pending_;
    std::size_t next_ = 0;
    int not_placed_ = 0;
    std::vector<int> not_placed_by_group_;
    std::vector<int> due_by_group_;  // agents scheduled, by group
};

// Gridlock relief: an agent that has walked less than 0.3 m in 20 s (face to face in a narrow
// aisle, or pressed against someone browsing) is near enough to its target, or steps aside 1-2 m
// and waits 3 s; after three steps aside it gives the target up.
class GridlockRelief {
public:
    explicit GridlockRelief(World& w) : w_(w) {}
    void run();

private:
    bool near_enough(int id);
    void step_aside(int id);
    World& w_;
};

// Stairs (docs/pedestrian-model.md, Stairs): walkers whose next target (or exit) lies on another
// level head for the gate of the best stair first; at a gate they change level (the other copy in the
// plane), or wait there while the far side has no room; on a flight they walk at stair speed. Keeps
// the figures per level and per stair. Does nothing on a run over one level.
class StairWalk {
public:
    StairWalk(World& w, const RunOptions& options);
    bool active() const { return w_.building && !w_.building->stairs.empty(); }
    // Gate waypoints before a target at `target`, for an agent now at `from`.
    void add_gates(int id, Vec2 from, Vec2 target);
    // The agent leaves (alarm): as Simulation::leave, with the gates down to the level of `exit`
    // (-1: the nearest usable exit).
    void leave(int id, int exit, double not_before);
    // Gates down (or up) to the level of `exit` for an agent done with its steps (-1: nearest exit).
    void gates_out(int id, int exit);
    // Marks of gate waypoints in AgentState::step_of_waypoint (a step aside is -1).
    static bool is_gate(int mark) { return mark <= -2; }
    // A gate reached (from the waypoint callback): changes level, or waits for room.
    void pass(int id, std::size_t wp, int mark);
    void run();     // each step, after the model step: speeds on flights, who is on which level
    void finish();  // RunResult::levels and ::stairs

private:
    std::vector<walkable::StairHop> hops(Vec2 from, int to_level, Vec2 target, bool to_exit) const;
    double path_length(Vec2 a, Vec2 b) const;
    bool arrive(int id, const walkable::StairWay& s, bool up);
    void on_flights(int id);
    bool at_gate(int id) const;
    void step_off(int id);
    World& w_;
    RunOptions opt_;
    std::vector<double> exit_cost_;  // by stair: path from its lower arrival to the nearest exit (m)
    std::vector<double> up_time_, down_time_;
    std::vector<int> up_n_, down_n_;
    std::vector<std::vector<double>> passes_;  // by stair: times of changes of level
};

// Metrics recorder: trajectories, density cells, heat, time series; the run's figures at the end.
class Recorder {
public:
    Recorder(World& w, double record_every, double series_every);
    void record();  // after each model step
    void finish(const Arrivals& arrivals);

private:
    double density_sample();  // the densest cell of this frame
    void series_row(double step_max);
    Vec2 cell_centre(std::size_t c) const;
    void travel_and_exits();
    void desks_and_bottlenecks();
    World& w_;
    double every_;
    long record_steps_, series_steps_;
    geometry::Box box_;
    int dnx_ = 1, dny_ = 1;
    std::vector<int> dcount_;
    std::vector<double> dpeak_, dbad_;
    std::string traj_;
};

}  // namespace shuxiang::scenario
