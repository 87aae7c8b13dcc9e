// Walking units: members of a membership walk, meet and set off together (docs/scenario-format.md).
#include "systems.hpp"

#include <algorithm>
#include <map>

namespace shuxiang::scenario {

void WalkingUnits::form(const std::vector<std::pair<int, double>>& arrivals) {
    const auto& groups = w_.sc.groups;
    unit_of_group_.assign(groups.size(), -1);
    std::map<std::string, int> by_key;
    for (std::size_t gi = 0; gi < groups.size(); ++gi) {
        const Group& grp = groups[gi];
        if (grp.keep_together_m <= 0) continue;
        // Without a membership the group is its own unit ("\n" keeps it apart from memberships).
        const std::string key = grp.membership.empty() ? "\n" + grp.name : grp.membership;
        auto [it, fresh] = by_key.emplace(key, static_cast<int>(units_.size()));
        if (fresh) units_.emplace_back();
        unit_of_group_[gi] = it->second;
        Unit& u = units_[static_cast<std::size_t>(it->second)];
        u.radius = std::max(u.radius, grp.keep_together_m);
    }
    for (const auto& [group, speed] : arrivals) {
        Unit* u = unit(unit_of_group(group));
        if (!u) continue;
        ++u->expected;
        u->speed = std::min(u->speed, speed);
    }
}

std::vector<Step> WalkingUnits::join(int ui, int id, std::vector<Step> steps) {
    Unit& u = units_[static_cast<std::size_t>(ui)];
    if (u.leader < 0) {
        u.leader = id;
        u.plan = std::move(steps);
        u.meet.assign(u.plan.size(), std::nullopt);
    }
    ++u.spawned;
    u.members.push_back(id);
    return u.plan;
}

// The unit's goal: the meeting point of the step it is walking to; for a seat or a desk, or on the
// way out, wherever the leader is heading.
std::optional<Vec2> WalkingUnits::goal(const Unit& u, const Journey& journey) const {
    const auto& lead = w_.body(u.leader);
    const AgentState& ls = w_.agents[static_cast<std::size_t>(u.leader)];
    const int lstep = ls.gathering ? static_cast<int>(ls.next_step) - 1 : journey.pending_step(u.leader);
    if (lstep >= 0 && u.meet[static_cast<std::size_t>(lstep)]) return u.meet[static_cast<std::size_t>(lstep)];
    if (lead.active && !ls.gathering && !lead.corners.empty()) return lead.corners.back();
    return std::nullopt;
}

// The rearmost walker: the one farthest from the goal along its path.
void WalkingUnits::find_rear(Unit& u, std::optional<Vec2> goal) {
    u.rear = -1;
    double rear_d = -1;
    for (int id : u.members) {
        const auto& ag = w_.body(id);
        if (!goal || !ag.active || ag.start_time > w_.now || w_.agent(id).gathering) continue;
        const nav::Path path = w_.nav.find_path(ag.pos, *goal);
        const double d = path.status == nav::PathStatus::Ok ? path.length : geometry::norm(*goal - ag.pos);
        if (d > rear_d) {
            rear_d = d;
            u.rear = id;
        }
    }
}

// A walking member: arrived when it touches (0.5 m gap) one already standing at the meeting point
// (the crowd of its own unit stands in the way of the point itself; steps aside on the way are
// dropped); waits a step when more than the radius from the rearmost walker.
void WalkingUnits::hold_member(Unit& u, int id, int rear, Journey& journey) {
    const auto& ag = w_.body(id);
    AgentState& a = w_.agent(id);
    const int step = journey.pending_step(id);
    if (step >= 0 && u.meet[static_cast<std::size_t>(step)]) {
        bool joins = false;
        for (int o : u.members) {
            const auto& b = w_.body(o);
            const AgentState& bs = w_.agent(o);
            joins = joins || (o != id && b.active && bs.gathering && static_cast<int>(bs.next_step) - 1 == step &&
                              geometry::norm(b.pos - ag.pos) < b.radius + ag.radius + 0.5);
        }
        if (joins) {
            while (!a.gathering && ag.next_waypoint < ag.waypoints.size()) w_.sim.complete_waypoint(id);
            return;
        }
    }
    if (rear >= 0 && id != rear && geometry::norm(ag.pos - w_.body(rear).pos) > u.radius)
        w_.sim.hold(id, w_.now + w_.gather_hold);
}

void WalkingUnits::keep_together(Journey& journey) {
    const long rear_every = std::max(1L, std::lround(0.5 / w_.sim.params().dt));
    for (Unit& u : units_) {
        if (u.leader < 0) continue;  // nobody has come yet
        bool all_here = u.spawned == u.expected;
        for (int id : u.members) {
            const auto& ag = w_.body(id);
            if (ag.active && (!w_.agent(id).gathering || ag.hold_until > w_.now + w_.gather_hold + 1e-9)) all_here = false;
        }
        if (w_.sim.steps() % rear_every == 0) find_rear(u, goal(u, journey));
        const int rear = u.rear >= 0 && w_.body(u.rear).active && !w_.agent(u.rear).gathering ? u.rear : -1;
        for (int id : u.members) {
            const auto& ag = w_.body(id);
            if (!ag.active) continue;
            AgentState& a = w_.agent(id);
            if (a.gathering) {
                if (all_here) {
                    a.gathering = false;
                    journey.issue(id);
                } else {
                    w_.sim.hold(id, w_.now + w_.gather_hold);
                }
                continue;
            }
            if (ag.start_time > w_.now || ag.hold_until > w_.now) continue;
            hold_member(u, id, rear, journey);
        }
    }
}

}  // namespace shuxiang::scenario
