// Metrics recorder: trajectories, walking density per 1 m cell, heat per 0.5 m cell, time series,
// and the run's figures once it has ended.
#include "systems.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace shuxiang::scenario {

namespace {

char state_letter(const AgentState& a) {
    switch (a.doing) {
        case Doing::Walking: return a.gathering ? 'b' : 'w';
        case Doing::Browsing: return 'b';
        case Doing::Queueing: return 'q';
        case Doing::Reading: return 'r';
    }
    return 'w';
}

}  // namespace

Recorder::Recorder(World& w, double record_every, double series_every) : w_(w), every_(record_every) {
    const double dt = w_.sim.params().dt;
    record_steps_ = std::max(1L, std::lround(record_every / dt));
    series_steps_ = std::max(1L, std::lround(series_every / dt));
    RunResult& res = w_.res;
    box_ = w_.pa.area.bounds();
    res.heat_box = box_;
    res.heat_nx = std::max(1, static_cast<int>(std::ceil((box_.max.x - box_.min.x) / res.heat_cell)));
    res.heat_ny = std::max(1, static_cast<int>(std::ceil((box_.max.y - box_.min.y) / res.heat_cell)));
    res.heat.assign(static_cast<std::size_t>(res.heat_nx * res.heat_ny), 0.0);
    dnx_ = std::max(1, static_cast<int>(std::ceil(box_.max.x - box_.min.x)));
    dny_ = std::max(1, static_cast<int>(std::ceil(box_.max.y - box_.min.y)));
    dcount_.assign(static_cast<std::size_t>(dnx_ * dny_), 0);
    dpeak_.assign(dcount_.size(), 0.0);
    dbad_.assign(dcount_.size(), 0.0);
    traj_ = "# shuxiang trajectories v2\n# level=" + w_.level.id + " scenario=" + w_.sc.name +
            " frame_s=" + std::to_string(record_every) + "\n# state: w walking, b browsing/staying, q queueing, r reading\n";
    // v2: the last column is the index of the agent's scenario group, named here (one line each,
    // the name is the rest of the line so it may hold spaces).
    for (std::size_t g = 0; g < w_.sc.groups.size(); ++g) {
        std::string name = w_.sc.groups[g].name;
        std::replace_if(name.begin(), name.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
        traj_ += "# group " + std::to_string(g) + ": " + name + "\n";
    }
    // Runs over several levels: where each level's copy lies in the plane (x, y = plan + offset).
    if (w_.building && !w_.building->stairs.empty())
        for (const auto& l : w_.building->levels) {
            char buf[160];
            std::snprintf(buf, sizeof buf, "# plane level %s offset %.2f %.2f\n", l.id.c_str(), l.offset.x, l.offset.y);
            traj_ += buf;
        }
    traj_ += "t,id,x,y,state,group\n";
}

Vec2 Recorder::cell_centre(std::size_t c) const {
    return {box_.min.x + static_cast<double>(c % static_cast<std::size_t>(dnx_)) + 0.5,
            box_.min.y + static_cast<double>(c / static_cast<std::size_t>(dnx_)) + 0.5};
}

// One frame: trajectory rows, heat and walking density (seated readers left out).
double Recorder::density_sample() {
    RunResult& res = w_.res;
    std::fill(dcount_.begin(), dcount_.end(), 0);
    char buf[128];
    for (int id : w_.sim.live()) {
        const auto& ag = w_.body(id);
        if (ag.start_time > w_.now) continue;
        const AgentState& a = w_.agent(id);
        std::snprintf(buf, sizeof buf, "%.1f,%d,%.2f,%.2f,%c,%d\n", w_.now, id, ag.pos.x, ag.pos.y, state_letter(a), a.group);
        traj_ += buf;
        if (a.doing == Doing::Reading) continue;
        const int hx = std::clamp(static_cast<int>((ag.pos.x - box_.min.x) / res.heat_cell), 0, res.heat_nx - 1);
        const int hy = std::clamp(static_cast<int>((ag.pos.y - box_.min.y) / res.heat_cell), 0, res.heat_ny - 1);
        res.heat[static_cast<std::size_t>(hy * res.heat_nx + hx)] += every_;
        const int cx = std::clamp(static_cast<int>(ag.pos.x - box_.min.x), 0, dnx_ - 1);
        const int cy = std::clamp(static_cast<int>(ag.pos.y - box_.min.y), 0, dny_ - 1);
        ++dcount_[static_cast<std::size_t>(cy * dnx_ + cx)];
    }
    double step_max = 0;
    for (std::size_t c = 0; c < dcount_.size(); ++c) {
        if (dcount_[c] == 0) continue;
        const double d = dcount_[c];  // 1 m² cells
        dpeak_[c] = std::max(dpeak_[c], d);
        if (d >= 1.0 / 0.93) dbad_[c] += every_;
        step_max = std::max(step_max, d);
        if (d > res.max_density_walking) {
            res.max_density_walking = d;
            res.max_density_time = w_.now;
            res.max_density_at = cell_centre(c);
        }
    }
    return step_max;
}

void Recorder::series_row(double step_max) {
    TimeRow row;
    row.t = w_.now;
    for (int id : w_.sim.live()) {
        if (w_.body(id).start_time > w_.now) continue;
        ++row.present;
        switch (w_.agent(id).doing) {
            case Doing::Walking: ++row.walking; break;
            case Doing::Browsing: ++row.browsing; break;
            case Doing::Queueing: ++row.queueing; break;
            case Doing::Reading: ++row.reading; break;
        }
    }
    w_.res.seats_max_occupied = std::max(w_.res.seats_max_occupied, w_.seats.occupied(w_.now));
    row.max_density = step_max;
    w_.res.series.push_back(row);
}

void Recorder::record() {
    const long k = w_.sim.steps();
    if (k % record_steps_ != 0) return;
    const double step_max = density_sample();
    if (k % series_steps_ == 0) series_row(step_max);
}

void Recorder::finish(const Arrivals& arrivals) {
    RunResult& res = w_.res;
    res.trajectories = std::move(traj_);
    res.sim = w_.sim.metrics();
    res.duration = w_.now;
    res.evacuation = w_.has_alarm;
    res.agents_left_inside = static_cast<int>(w_.sim.live().size());
    res.agents_not_placed = arrivals.not_placed();
    w_.shelves.report(res);
    // Seats: the peak of simultaneous readers from the seatings themselves.
    std::vector<std::pair<double, int>> ev;
    for (const auto& s : res.seatings) {
        ev.push_back({s.from, 1});
        ev.push_back({s.to, -1});
    }
    std::sort(ev.begin(), ev.end());
    int cur = 0;
    for (auto& e : ev) res.seats_max_occupied = std::max(res.seats_max_occupied, cur += e.second);
    travel_and_exits();
    desks_and_bottlenecks();
}

void Recorder::travel_and_exits() {
    RunResult& res = w_.res;
    double sum = 0;
    int n = 0;
    for (std::size_t i = 0; i < w_.sim.agents().size(); ++i) {
        const auto& ag = w_.sim.agents()[i];
        if (!ag.arrived) continue;
        const double tt = ag.arrival_time - w_.agents[i].appeared;
        sum += tt;
        ++n;
        res.travel_max = std::max(res.travel_max, tt);
        if (w_.exits.used_after_closing(ag.exit, ag.arrival_time)) ++res.closed_exit_uses;
        if (w_.has_alarm) res.evacuation_time = std::max(res.evacuation_time, ag.arrival_time - w_.sc.alarm_time);
    }
    res.travel_mean = n ? sum / n : 0.0;
}

void Recorder::desks_and_bottlenecks() {
    RunResult& res = w_.res;
    for (auto& ev : res.services) {
        auto& d = res.desks[static_cast<std::size_t>(ev.desk)];
        ++d.served;
        d.mean_wait += ev.start - ev.arrive;
        d.max_wait = std::max(d.max_wait, ev.start - ev.arrive);
    }
    for (std::size_t d = 0; d < res.desks.size(); ++d) {
        res.desks[d].max_queue = w_.desks.max_queue(static_cast<int>(d));
        if (res.desks[d].served) res.desks[d].mean_wait /= res.desks[d].served;
    }
    for (std::size_t c = 0; c < dbad_.size(); ++c)
        if (dbad_[c] >= 10.0) res.bottlenecks.push_back({cell_centre(c), dpeak_[c], dbad_[c]});
    std::sort(res.bottlenecks.begin(), res.bottlenecks.end(),
              [](const Bottleneck& a, const Bottleneck& b) { return a.seconds_at_e_or_worse > b.seconds_at_e_or_worse; });
    if (res.bottlenecks.size() > 10) res.bottlenecks.resize(10);
}

}  // namespace shuxiang::scenario
