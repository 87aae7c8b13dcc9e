// Gridlock relief: agents held up for 20 s are near enough, step aside, or give their target up.
#include "systems.hpp"

#include <cmath>

namespace shuxiang::scenario {

// Held up close to the target (someone browsing the same section, a crowd at the desk): near
// enough. Browse or read from here; join the desk's line from here.
bool GridlockRelief::near_enough(int id) {
    AgentState& a = w_.agent(id);
    const auto& ag = w_.body(id);
    if (ag.next_waypoint >= ag.waypoints.size() || ag.next_waypoint >= a.step_of_waypoint.size() ||
        a.step_of_waypoint[ag.next_waypoint] < 0)
        return false;
    const Step& cur = a.steps[static_cast<std::size_t>(a.step_of_waypoint[ag.next_waypoint])];
    const double d = geometry::norm(ag.waypoints[ag.next_waypoint] - ag.pos);
    if (cur.kind == StepKind::Desk && d < 4.0) {
        a.force_register = true;
        return true;
    }
    if (cur.kind != StepKind::Desk && d < 1.5) {
        w_.sim.complete_waypoint(id);
        return true;
    }
    return false;
}

// Steps 1-2 m aside to a free point clear of walls and waits there 3 s.
void GridlockRelief::step_aside(int id) {
    AgentState& a = w_.agent(id);
    const auto& ag = w_.body(id);
    for (int tries = 0; tries < 30; ++tries) {
        const double ang = w_.rng.uniform(0, 2 * M_PI), dist = w_.rng.uniform(1.0, 2.0);
        const Vec2 p = ag.pos + Vec2{std::cos(ang), std::sin(ang)} * dist;
        if (!w_.usable(p) || !w_.clear_of_agents(p, ag.radius) || !w_.clear_of_walls(p, ag.radius + 0.05)) continue;
        const std::size_t at = std::min(ag.next_waypoint, a.step_of_waypoint.size());
        w_.sim.insert_waypoint(id, p, 3.0);
        a.step_of_waypoint.insert(a.step_of_waypoint.begin() + static_cast<std::ptrdiff_t>(at), -1);
        ++w_.res.step_asides;
        return;
    }
}

void GridlockRelief::run() {
    const long every = std::lround(10.0 / w_.sim.params().dt);
    if (w_.sim.steps() % every != 0) return;
    for (int id : w_.sim.live()) {
        AgentState& a = w_.agent(id);
        const auto& ag = w_.body(id);
        // Waiting one's turn at a one-lane door is not being stuck.
        const bool walking = ag.start_time <= w_.now && ag.hold_until <= w_.now && !ag.passage_waiting;
        // Nor is a queue on a flight of stairs or at its gate (a step aside there walks against it).
        const bool queue_at_stair = a.stair >= 0 || (ag.next_waypoint < a.step_of_waypoint.size() &&
                                                     StairWalk::is_gate(a.step_of_waypoint[ag.next_waypoint]));
        if (!walking || queue_at_stair || geometry::norm(ag.pos - a.check_pos) > 0.3) {
            a.check_pos = ag.pos;
            a.stuck_checks = 0;
            continue;
        }
        if (++a.stuck_checks < 2) continue;
        a.stuck_checks = 0;
        if (near_enough(id)) continue;
        // Three steps aside did not get it there: give the target up and go on with the next
        // activity (or, with none left, keep trying for the exit).
        // A stair's gate is never given up: beyond it lies the rest of the way (only steps aside).
        const bool gate = ag.next_waypoint < a.step_of_waypoint.size() &&
                          StairWalk::is_gate(a.step_of_waypoint[ag.next_waypoint]);
        if (a.asides >= 3 && ag.next_waypoint < ag.waypoints.size() && !gate) {
            a.asides = 0;
            const bool aside = ag.next_waypoint < a.step_of_waypoint.size() && a.step_of_waypoint[ag.next_waypoint] < 0;
            w_.sim.skip_waypoint(id);
            if (!aside) ++w_.res.targets_given_up;
            continue;
        }
        ++a.asides;
        step_aside(id);
    }
}

}  // namespace shuxiang::scenario
