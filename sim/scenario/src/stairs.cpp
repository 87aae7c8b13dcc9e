// Stairs: routes across levels through the stairs' gates, changes of level, stair speeds, and the
// figures per level and per stair (docs/pedestrian-model.md, Stairs).
#include "systems.hpp"

#include <algorithm>
#include <cmath>

namespace shuxiang::scenario {

namespace {

constexpr double kGateWait = 0.25;  // s a walker at a gate waits before it looks for room again

int mark_of(int stair, bool up) { return -2 - 2 * stair - (up ? 0 : 1); }

}  // namespace

StairWalk::StairWalk(World& w, const RunOptions& options) : w_(w), opt_(options) {
    if (!active()) return;
    const auto& b = *w_.building;
    for (const auto& l : b.levels) w_.res.levels.push_back({l.id, l.elevation, l.offset, l.box, 0, 0});
    const std::size_t n = b.stairs.size();
    exit_cost_.assign(n, 0);
    up_time_.assign(n, 0);
    down_time_.assign(n, 0);
    up_n_.assign(n, 0);
    down_n_.assign(n, 0);
    passes_.assign(n, {});
    for (const auto& st : b.stairs) {
        StairResult r;
        r.id = st.stair;
        r.from_level = b.levels[static_cast<std::size_t>(st.lower)].id;
        r.to_level = b.levels[static_cast<std::size_t>(st.upper)].id;
        r.width = st.width;
        r.length = st.length;
        w_.res.stairs.push_back(std::move(r));
    }
    for (std::size_t k = 0; k < n; ++k) {
        double best = ped::kNever;
        for (const auto& e : w_.pa.exits) best = std::min(best, path_length(b.stairs[k].lower_arrival, geometry::centroid(e.area)));
        exit_cost_[k] = best;
    }
}

double StairWalk::path_length(Vec2 a, Vec2 b) const {
    const nav::Path p = w_.nav.find_path(a, b);
    return p.status == nav::PathStatus::Ok ? p.length : ped::kNever;
}

// The stairs to take from `from` to level `to_level`: on each link the stair with the shortest walk to
// its gate plus, on the last, the way on beyond it (to `target`, or with `to_exit` to the nearest exit).
std::vector<walkable::StairHop> StairWalk::hops(Vec2 from, int to_level, Vec2 target, bool to_exit) const {
    const auto& b = *w_.building;
    return b.stair_hops(from, to_level, [&](Vec2 at, const walkable::StairWay& s, bool up, bool last) {
        const auto k = static_cast<std::size_t>(&s - b.stairs.data());
        const Vec2 arrival = up ? s.upper_arrival : s.lower_arrival;
        double onward = 0;
        if (last) onward = to_exit ? (up ? 0.0 : exit_cost_[k]) : geometry::norm(target - arrival);
        return path_length(at, up ? s.up_gate : s.down_gate) + onward;
    });
}

void StairWalk::add_gates(int id, Vec2 from, Vec2 target) {
    if (!active()) return;
    AgentState& a = w_.agent(id);
    for (const walkable::StairHop& h : hops(from, w_.building->level_at(target), target, false)) {
        const auto& s = w_.building->stairs[static_cast<std::size_t>(h.stair)];
        a.step_of_waypoint.push_back(mark_of(h.stair, h.up));
        w_.sim.add_waypoint(id, h.up ? s.up_gate : s.down_gate, 0);
    }
}

void StairWalk::leave(int id, int exit, double not_before) {
    w_.sim.leave(id, exit, not_before);
    gates_out(id, exit);
}

void StairWalk::gates_out(int id, int exit) {
    if (!active()) return;
    const AgentState& st = w_.agent(id);
    for (std::size_t k = w_.body(id).next_waypoint; k < st.step_of_waypoint.size(); ++k)
        if (is_gate(st.step_of_waypoint[k])) return;  // on its way out already
    // The exits lie on the ground level's elevation; a chosen one on its own copy.
    const int to = exit >= 0 ? w_.building->level_at(w_.pa.exits[static_cast<std::size_t>(exit)].door_centre) : 0;
    AgentState& a = w_.agent(id);
    a.step_of_waypoint.resize(w_.body(id).waypoints.size(), -1);
    for (const walkable::StairHop& h : hops(w_.body(id).pos, to, {}, true)) {
        const auto& s = w_.building->stairs[static_cast<std::size_t>(h.stair)];
        a.step_of_waypoint.push_back(mark_of(h.stair, h.up));
        w_.sim.add_waypoint(id, h.up ? s.up_gate : s.down_gate, 0);
    }
}

// Moves the walker to the far side of the stair where it keeps its place across the flight, or to
// the free place nearest it; false when every place there is taken.
bool StairWalk::arrive(int id, const walkable::StairWay& s, bool up) {
    const ped::Agent& b = w_.body(id);
    const Vec2 dest = up ? s.upper_arrival : s.lower_arrival;
    const Vec2 here = up ? s.head : s.upper_arrival;
    const double lim = std::max(0.0, s.width / 2 - b.radius - 0.05);
    const double own = std::clamp(geometry::dot(b.pos - here, s.across), -lim, lim);
    // A second row half a metre on (further onto the landing; going down, onto the top step).
    for (double along : {0.0, up ? 0.5 : -0.5})
        for (double c : {own, 0.0, lim / 2, -lim / 2, lim, -lim}) {
            const Vec2 p = dest + s.across * c + s.axis * along;
            if (!w_.clear_of_agents(p, b.radius) || !w_.usable(p)) continue;
            step_off(id);  // going up, it is at the head
            w_.sim.relocate(id, p);
            return true;
        }
    return false;
}

void StairWalk::pass(int id, std::size_t wp, int mark) {
    const int code = -mark - 2;
    const int k = code / 2;
    const bool up = code % 2 == 0;
    const auto& s = w_.building->stairs[static_cast<std::size_t>(k)];
    if (arrive(id, s, up)) {
        passes_[static_cast<std::size_t>(k)].push_back(w_.now);
        ++(up ? w_.res.stairs[static_cast<std::size_t>(k)].up : w_.res.stairs[static_cast<std::size_t>(k)].down);
        return;
    }
    // No room on the far side: stand at the gate and try again.
    AgentState& a = w_.agent(id);
    w_.sim.insert_waypoint(id, up ? s.up_gate : s.down_gate, 0);
    a.step_of_waypoint.insert(a.step_of_waypoint.begin() + static_cast<std::ptrdiff_t>(std::min(wp + 1, a.step_of_waypoint.size())), mark);
    w_.sim.hold(id, w_.now + kGateWait);
    ++w_.res.stairs[static_cast<std::size_t>(k)].gate_waits;
}

void StairWalk::step_off(int id) {
    AgentState& a = w_.agent(id);
    if (a.stair < 0) return;
    const auto k = static_cast<std::size_t>(a.stair);
    (a.stair_up ? up_time_[k] : down_time_[k]) += w_.now - a.stair_since;
    ++(a.stair_up ? up_n_[k] : down_n_[k]);
    w_.sim.set_desired_speed(id, a.floor_speed);
    a.stair = -1;
}

// On a flight the walker goes at stair speed, up or down as it stepped on; off it, at its own again.
void StairWalk::on_flights(int id) {
    AgentState& a = w_.agent(id);
    const ped::Agent& b = w_.body(id);
    const auto& stairs = w_.building->stairs;
    int on = -1;
    for (std::size_t k = 0; k < stairs.size() && on < 0; ++k)
        if (geometry::point_in_polygon(stairs[k].flight, b.pos)) on = static_cast<int>(k);
    if (on == a.stair) return;
    step_off(id);
    if (on < 0) return;
    const auto& s = stairs[static_cast<std::size_t>(on)];
    const Vec2 dir = geometry::norm(b.heading) > 0 ? b.heading : b.vel;
    if (geometry::norm(dir) == 0) return;  // standing (placed there): up or down once it moves
    a.stair = on;
    a.stair_up = geometry::dot(dir, s.axis) >= 0;
    a.stair_since = w_.now;
    a.floor_speed = b.v0;
    const double v = b.v0 * (a.stair_up ? opt_.stair_up_speed : opt_.stair_down_speed) / opt_.stair_reference_speed;
    w_.sim.set_desired_speed(id, std::min(v, b.v0));
}

// A walker heading for a gate is there once it stands anywhere on the strip across the stair's width
// at the gate (the landing beyond the head; going up, the top of the flight and the pocket), not only
// within half a metre of the gate's centre: a crowd reaches the stair across its whole width.
bool StairWalk::at_gate(int id) const {
    const ped::Agent& b = w_.body(id);
    const AgentState& a = w_.agents[static_cast<std::size_t>(id)];
    if (b.next_waypoint >= b.waypoints.size() || b.next_waypoint >= a.step_of_waypoint.size()) return false;
    const int mark = a.step_of_waypoint[b.next_waypoint];
    if (!is_gate(mark) || b.hold_until > w_.now) return false;
    const int code = -mark - 2;
    const auto& s = w_.building->stairs[static_cast<std::size_t>(code / 2)];
    const bool up = code % 2 == 0;
    const Vec2 d = b.pos - (up ? s.head : s.upper_arrival);
    const double along = geometry::dot(d, s.axis), across = geometry::dot(d, s.across);
    return std::abs(across) <= s.width / 2 && (up ? along >= -0.1 : along >= -0.45 && along <= 1.0);
}

void StairWalk::run() {
    if (!active()) return;
    const auto& b = *w_.building;
    std::vector<int> on(b.stairs.size(), 0);
    const std::vector<int> live = w_.sim.live();
    for (int id : live)
        if (at_gate(id)) w_.sim.complete_waypoint(id);
    for (int id : live) {
        AgentState& a = w_.agent(id);
        const int level = b.level_at(w_.body(id).pos);
        if (level >= 0) {
            LevelResult& lr = w_.res.levels[static_cast<std::size_t>(level)];
            if (!a.level_counted) ++lr.agents_started;
            a.level_counted = true;
            lr.last_occupied = w_.now;
        }
        on_flights(id);
        if (a.stair >= 0) ++on[static_cast<std::size_t>(a.stair)];
    }
    for (std::size_t k = 0; k < on.size(); ++k) {
        StairResult& sr = w_.res.stairs[k];
        if (on[k] <= sr.max_on_flight) continue;
        sr.max_on_flight = on[k];
        sr.peak_density = on[k] / (b.stairs[k].width * b.stairs[k].length);
    }
}

void StairWalk::finish() {
    if (!active()) return;
    for (std::size_t k = 0; k < passes_.size(); ++k) {
        StairResult& sr = w_.res.stairs[k];
        const auto& t = passes_[k];
        if (!t.empty()) {
            sr.first = t.front();
            sr.last = t.back();
            if (t.size() > 1 && sr.last > sr.first) sr.flow = (static_cast<double>(t.size()) - 1) / (sr.last - sr.first);
        }
        if (up_n_[k] > 0) sr.mean_up_s = up_time_[k] / up_n_[k];
        if (down_n_[k] > 0) sr.mean_down_s = down_time_[k] / down_n_[k];
    }
}

}  // namespace shuxiang::scenario
