// State one run of a scenario shares between its journey, its stages and its systems (internal to
// sim/scenario). The driver (run.cpp) owns it and runs the systems in a fixed order each step.
#pragma once

#include <shuxiang/nav/navmesh.hpp>
#include <shuxiang/ped/simulation.hpp>
#include <shuxiang/scenario/run.hpp>
#include <shuxiang/scenario/stages.hpp>
#include <shuxiang/walkable/building.hpp>
#include <shuxiang/walkable/from_plan.hpp>

#include <optional>
#include <string>
#include <vector>

namespace shuxiang::scenario {

class StairWalk;

enum class StepKind { Shelf, Desk, Seat, Room };

// One activity of one agent, as the journey will issue it.
struct Step {
    StepKind kind = StepKind::Room;
    double dwell = 0;
    int target = -1;    // shelf section, desk (-1: the one serving soonest); seats are chosen when issued
    std::string room;
};

struct AgentState {
    int group = 0;
    double appeared = 0;
    std::vector<Step> steps;
    std::size_t next_step = 0;
    std::vector<int> step_of_waypoint;  // waypoint index → step index (-1: a step aside)
    int desk = -1;             // desk being walked to
    bool registered = false;   // in that desk's line
    int seat = -1;             // seat reserved or taken
    Doing doing = Doing::Walking;
    Vec2 check_pos;            // position at the last gridlock check
    int stuck_checks = 0;
    int asides = 0;            // steps aside since the last target reached
    bool force_register = false;  // held up near the desk: joins the line where it stands
    int unit = -1;             // walking unit (keep_together_m), or -1
    bool gathering = false;    // at the unit's meeting point: waits until every member is there
    int stair = -1;            // the flight it is on, or -1
    bool stair_up = true;
    double stair_since = 0;    // when it stepped on the flight
    double floor_speed = 0;    // desired speed on the floor, given back at the end of the flight
    bool level_counted = false;
};

struct World {
    const Scenario& sc;
    const plan::Level& level;
    const walkable::PlanArea& pa;
    const nav::NavMesh& nav;
    ped::Simulation& sim;
    ped::Rng& rng;
    RunResult& res;
    ShelfBrowse shelves;
    DeskQueue desks;
    SeatPool seats;
    ExitStage exits;
    const walkable::BuildingArea* building = nullptr;  // several levels joined by stairs; else null
    StairWalk* stairs = nullptr;     // the run's stairs system (routes across levels, leaving)
    std::vector<int> group_exit;     // by group: the exit it must leave by, -1 nearest usable
    std::vector<AgentState> agents;  // by simulation id
    double now = 0;
    bool has_alarm = false;
    bool alarm_done = false;
    double gather_hold = 0.1;        // rolling hold of a waiting unit member, renewed every step

    double draw(double lo, double hi) { return hi > lo ? rng.uniform(lo, hi) : lo; }
    const ped::Agent& body(int id) const { return sim.agents()[static_cast<std::size_t>(id)]; }
    AgentState& agent(int id) { return agents[static_cast<std::size_t>(id)]; }
    // On the walkable area and on (or within 0.15 m of) the navmesh.
    bool usable(Vec2 p) const;
    bool clear_of_agents(Vec2 p, double r) const;
    bool clear_of_walls(Vec2 p, double r) const;
    const plan::Room* room(const std::string& id) const;
};

geometry::Polygon room_polygon(const plan::Room& r);

}  // namespace shuxiang::scenario
