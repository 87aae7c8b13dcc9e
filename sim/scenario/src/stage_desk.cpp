// Desk queue stage: one first-in-first-out line per desk or kiosk.
#include <shuxiang/scenario/stages.hpp>

#include <algorithm>

namespace shuxiang::scenario {

DeskQueue::DeskQueue(std::vector<Vec2> service_points) {
    for (Vec2 p : service_points) lines_.push_back({p, 0.0, {}, 0});
}

int DeskQueue::choose(Vec2 from, double now, int only) const {
    int best_desk = -1;
    double best = ped::kNever;
    for (std::size_t d = 0; d < lines_.size(); ++d) {
        if (only >= 0 && static_cast<int>(d) != only) continue;
        // free_at already counts everyone in the line before the newcomer.
        const double c = std::max(lines_[d].free_at, now) + geometry::norm(lines_[d].at - from) / kWalkSpeed;
        if (c < best) {
            best = c;
            best_desk = static_cast<int>(d);
        }
    }
    return best_desk;
}

bool DeskQueue::close_enough(int desk, Vec2 pos) const {
    return geometry::norm(pos - lines_[static_cast<std::size_t>(desk)].at) <= kQueueRadius;
}

ServiceEvent DeskQueue::join(int desk, int agent, double now, double service) {
    Line& l = lines_[static_cast<std::size_t>(desk)];
    ServiceEvent ev{desk, agent, now, std::max(now, l.free_at), 0};
    ev.end = ev.start + service;
    l.free_at = ev.end;
    l.starts.push_back(ev.start);
    l.max_queue = std::max(l.max_queue, waiting(desk, now));
    return ev;
}

int DeskQueue::waiting(int desk, double now) const {
    const auto& s = lines_[static_cast<std::size_t>(desk)].starts;
    int n = 0;
    for (auto it = s.rbegin(); it != s.rend() && *it > now; ++it) ++n;  // starts never decrease
    return n;
}

}  // namespace shuxiang::scenario
