// The journey: moves each agent from stage to stage (docs/scenario-format.md, Behaviour).
#include "systems.hpp"

#include <algorithm>

namespace shuxiang::scenario {

std::vector<Step> Journey::plan(const Group& grp) {
    std::vector<Step> steps;
    for (const auto& act : grp.activities) {
        if (w_.rng.uniform() >= act.probability) continue;
        const int reps = act.kind == "shelf" ? act.repeat : 1;
        for (int r = 0; r < reps; ++r) {
            Step s;
            s.dwell = w_.draw(act.dwell_min, act.dwell_max);
            if (act.kind == "shelf") {
                if (w_.shelves.empty()) continue;
                s.kind = StepKind::Shelf;
                s.target = w_.shelves.pick(w_.rng);
            } else if (act.kind == "desk") {
                s.kind = StepKind::Desk;
                for (std::size_t d = 0; d < w_.res.places.desks.size(); ++d)
                    if (w_.res.places.desks[d].furniture == act.target) s.target = static_cast<int>(d);
            } else if (act.kind == "seat") {
                s.kind = StepKind::Seat;
            } else {
                s.kind = StepKind::Room;
                s.room = act.target;
            }
            steps.push_back(s);
        }
    }
    return steps;
}

// Where step `si` of the agent takes it now (asking the step's stage), or nothing when the step
// cannot be done (no usable point, no desk, no free seat).
std::optional<Vec2> Journey::target_of(int id, std::size_t si, double& dwell) {
    AgentState& a = w_.agent(id);
    const Step& s = a.steps[si];
    const Vec2 pos = w_.body(id).pos;
    dwell = s.dwell;
    WalkingUnits::Unit* unit = units_.unit(a.unit);
    if (unit && unit->meet[si] && (s.kind == StepKind::Shelf || s.kind == StepKind::Room)) return unit->meet[si];
    switch (s.kind) {
        case StepKind::Shelf: return w_.shelves.target(s.target);
        case StepKind::Room:
            return RoomPoint::target(room_polygon(*w_.room(s.room)), w_.rng, [&](Vec2 p) { return w_.usable(p); });
        case StepKind::Desk: {
            a.desk = w_.desks.choose(pos, w_.now, s.target);
            if (a.desk < 0) return std::nullopt;
            a.registered = false;
            dwell = 0;  // the service time is held in the line
            return w_.desks.target(a.desk);
        }
        case StepKind::Seat: {
            a.seat = w_.seats.reserve(pos, w_.now, id);
            if (a.seat < 0) {
                ++w_.res.readers_without_seat;
                return std::nullopt;
            }
            return w_.seats.target(a.seat);
        }
    }
    return std::nullopt;
}

void Journey::issue(int id) {
    AgentState& a = w_.agent(id);
    while (a.next_step < a.steps.size()) {
        const std::size_t si = a.next_step++;
        double dwell = 0;
        const std::optional<Vec2> target = target_of(id, si, dwell);
        if (!target) continue;
        const StepKind kind = a.steps[si].kind;
        if (WalkingUnits::Unit* unit = units_.unit(a.unit); unit && (kind == StepKind::Shelf || kind == StepKind::Room))
            unit->meet[si] = *target;
        w_.stairs->add_gates(id, w_.body(id).pos, *target);
        a.step_of_waypoint.push_back(static_cast<int>(si));
        w_.sim.add_waypoint(id, *target, dwell);
        return;
    }
    // Nothing left to do: out, by the stairs first when the exits lie on another level.
    w_.stairs->gates_out(id, w_.group_exit[static_cast<std::size_t>(a.group)]);
}

void Journey::on_waypoint(int id, std::size_t wp, bool reached) {
    AgentState& a = w_.agent(id);
    if (wp < a.step_of_waypoint.size() && StairWalk::is_gate(a.step_of_waypoint[wp])) {
        if (reached) w_.stairs->pass(id, wp, a.step_of_waypoint[wp]);
        return;
    }
    if (wp >= a.step_of_waypoint.size() || a.step_of_waypoint[wp] < 0) return;  // a step aside
    if (!reached) ++w_.res.targets_missed;
    if (reached) a.asides = 0;
    const Step& s = a.steps[static_cast<std::size_t>(a.step_of_waypoint[wp])];
    if (s.kind == StepKind::Shelf && reached) {
        w_.shelves.visited(s.target);
        a.doing = Doing::Browsing;
    } else if (s.kind == StepKind::Room && reached) {
        a.doing = Doing::Browsing;
    } else if (s.kind == StepKind::Seat) {
        if (reached) {
            w_.res.seatings.push_back({a.seat, id, w_.now, w_.now + s.dwell});
            w_.seats.sit(a.seat, w_.now, s.dwell);
            a.doing = Doing::Reading;
        }
        w_.seats.release(a.seat);  // free again once the reader has left it
        a.seat = -1;
    } else if (s.kind == StepKind::Desk) {
        a.desk = -1;  // served in the line (or the desk could not be reached)
    }
    if (a.unit >= 0 && !w_.alarm_done) {
        a.gathering = true;
        w_.sim.hold(id, w_.now + w_.gather_hold);
        return;
    }
    issue(id);
}

void Journey::join_desk_lines() {
    for (int id : w_.sim.live()) {
        AgentState& a = w_.agent(id);
        const auto& ag = w_.body(id);
        a.doing = Wait::doing(a.doing, ag.hold_until, w_.now);
        if (a.desk < 0 || a.registered) continue;
        if (!a.force_register && !w_.desks.close_enough(a.desk, ag.pos)) continue;
        a.registered = true;
        a.force_register = false;
        const Step& s = a.steps[a.next_step - 1];
        const ServiceEvent ev = w_.desks.join(a.desk, id, w_.now, s.dwell);
        w_.res.services.push_back(ev);
        // Served where it waits: the desk point itself is not walked to, or the one being served
        // and those queueing behind would block each other.
        w_.sim.complete_waypoint(id);  // the callback clears a.desk and issues the next step
        w_.sim.hold(id, ev.end);
        a.doing = Doing::Queueing;
    }
}

void Journey::sound_alarm() {
    w_.alarm_done = true;
    for (int id : w_.sim.live()) {
        AgentState& a = w_.agent(id);
        a.steps.clear();
        a.desk = -1;
        if (a.seat >= 0) w_.seats.release(a.seat);
        a.doing = Doing::Walking;
        a.gathering = false;
        const Group& grp = w_.sc.groups[static_cast<std::size_t>(a.group)];
        w_.stairs->leave(id, w_.group_exit[static_cast<std::size_t>(a.group)],
                         w_.now + w_.draw(grp.pre_movement_min, grp.pre_movement_max));
    }
}

int Journey::pending_step(int id) const {
    const AgentState& a = w_.agents[static_cast<std::size_t>(id)];
    const auto& ag = w_.body(id);
    for (std::size_t k = ag.next_waypoint; k < a.step_of_waypoint.size(); ++k)
        if (a.step_of_waypoint[k] >= 0) return a.step_of_waypoint[k];
    return -1;
}

}  // namespace shuxiang::scenario
