// Arrivals: the schedule expanded into spawns, and agents placed in their start areas.
#include "systems.hpp"

#include <algorithm>

namespace shuxiang::scenario {

namespace {

ped::SpeedDistribution speed_of(const Group& grp) { return grp.age ? ped::speed_distribution(*grp.age) : grp.speed; }

}  // namespace

Arrivals::Arrivals(World& w, Journey& journey, WalkingUnits& units)
    : w_(w), journey_(journey), units_(units), not_placed_by_group_(w.sc.groups.size(), 0),
      due_by_group_(w.sc.groups.size(), 0) {
    const auto& groups = w_.sc.groups;
    long order = 0;
    for (std::size_t gi = 0; gi < groups.size(); ++gi) {
        bool scheduled = false;
        for (const auto& arr : w_.sc.schedule) {
            if (arr.group != groups[gi].name) continue;
            scheduled = true;
            const int n = arr.count > 0 ? arr.count : groups[gi].count;
            for (int k = 0; k < n; ++k)
                pending_.push_back({arr.time + (n > 1 ? arr.spread * k / n : 0.0), static_cast<int>(gi), order++, 0.0});
        }
        if (!scheduled)
            for (int k = 0; k < groups[gi].count; ++k) pending_.push_back({0.0, static_cast<int>(gi), order++, 0.0});
    }
    for (const Pending& pd : pending_) ++due_by_group_[static_cast<std::size_t>(pd.group)];
    std::stable_sort(pending_.begin(), pending_.end(), [](const Pending& a, const Pending& b) {
        return a.time < b.time || (a.time == b.time && a.order < b.order);
    });
    // Members of walking units get their speeds now, so that the unit knows its slowest member.
    std::vector<std::pair<int, double>> unit_speeds;
    for (Pending& pd : pending_) {
        const Group& grp = groups[static_cast<std::size_t>(pd.group)];
        if (grp.keep_together_m <= 0) continue;
        pd.speed = ped::draw_speed(speed_of(grp), w_.rng);
        unit_speeds.push_back({pd.group, pd.speed});
    }
    units_.form(unit_speeds);
}

bool Arrivals::more_to_come() const {
    return next_ < pending_.size() && (!w_.alarm_done || pending_[next_].time <= w_.sc.alarm_time);
}

void Arrivals::spawn_due() {
    while (more_to_come() && pending_[next_].time <= w_.now + 1e-9) {
        if (!spawn(pending_[next_])) break;
        ++next_;
    }
}

// Through a door: just inside it, once half a metre ahead is free; in a room or polygon: a random
// free point clear of walls and furniture by the radius.
std::optional<Vec2> Arrivals::start_position(const Group& grp, bool& door_busy) {
    door_busy = false;
    if (!grp.start.opening.empty()) {
        const auto& pe = w_.pa.exits[static_cast<std::size_t>(w_.exits.index(grp.start.opening))];
        const Vec2 in = geometry::normalized(pe.door_centre - geometry::centroid(pe.area));
        const Vec2 pos = pe.door_centre + in * 0.7;
        door_busy = !w_.clear_of_agents(pos, grp.radius + 0.5);
        return door_busy ? std::nullopt : std::optional<Vec2>(pos);
    }
    const geometry::Polygon poly = grp.start.room.empty() ? grp.start.polygon : room_polygon(*w_.room(grp.start.room));
    return sample_point(poly, w_.rng, 300, [&](Vec2 p) {
        return w_.usable(p) && w_.clear_of_agents(p, grp.radius) && !w_.sim.walls().empty() &&
               w_.clear_of_walls(p, grp.radius + 0.02);
    });
}

bool Arrivals::spawn(const Pending& pd) {
    const Group& grp = w_.sc.groups[static_cast<std::size_t>(pd.group)];
    const int ui = units_.unit_of_group(pd.group);
    bool door_busy = false;
    const std::optional<Vec2> pos = start_position(grp, door_busy);
    if (door_busy) return false;  // try again next step
    if (!pos) {
        ++not_placed_;
        ++not_placed_by_group_[static_cast<std::size_t>(pd.group)];
        if (ui >= 0) units_.not_placed(ui);  // its unit does not wait for it
        return true;  // given up: the start area is full
    }
    WalkingUnits::Unit* unit = units_.unit(ui);
    ped::AgentSpec spec;
    spec.position = *pos;
    spec.radius = grp.radius;
    spec.desired_speed = unit ? unit->speed : ped::draw_speed(speed_of(grp), w_.rng);
    spec.start_time = w_.now + (w_.has_alarm ? 0.0 : w_.draw(grp.pre_movement_min, grp.pre_movement_max));
    spec.exit = w_.group_exit[static_cast<std::size_t>(pd.group)];
    const int id = w_.sim.add_agent(spec);
    AgentState a;
    a.group = pd.group;
    a.appeared = w_.now;
    a.check_pos = *pos;
    a.steps = journey_.plan(grp);
    if (unit) {
        a.steps = units_.join(ui, id, std::move(a.steps));
        a.unit = ui;
    }
    w_.agents.push_back(std::move(a));
    if (w_.has_alarm && w_.now >= w_.sc.alarm_time) {
        w_.agents.back().steps.clear();
        w_.stairs->leave(id, spec.exit, w_.now + w_.draw(grp.pre_movement_min, grp.pre_movement_max));
    } else if (unit && grp.start.opening.empty()) {
        w_.agents.back().gathering = true;  // sets off when the whole unit is there
        w_.sim.hold(id, w_.now + w_.gather_hold);
    } else {
        journey_.issue(id);  // through a door: one at a time, so the unit meets at its first target
    }
    return true;
}

}  // namespace shuxiang::scenario
