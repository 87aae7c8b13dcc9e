// Seat pool stage: reservations of the nearest free seat, never double-booked.
#include <shuxiang/scenario/stages.hpp>

namespace shuxiang::scenario {

SeatPool::SeatPool(std::vector<Vec2> seats) {
    for (Vec2 p : seats) seats_.push_back({p, -1, 0.0});
}

bool SeatPool::free(int seat, double now) const {
    const Place& s = seats_[static_cast<std::size_t>(seat)];
    return s.owner < 0 && s.until <= now;
}

int SeatPool::reserve(Vec2 from, double now, int agent) {
    int best = -1;
    double bd = ped::kNever;
    for (std::size_t k = 0; k < seats_.size(); ++k) {
        if (!free(static_cast<int>(k), now)) continue;
        const double d = geometry::norm2(seats_[k].at - from);
        if (d < bd) {
            bd = d;
            best = static_cast<int>(k);
        }
    }
    if (best >= 0) seats_[static_cast<std::size_t>(best)].owner = agent;
    return best;
}

void SeatPool::sit(int seat, double now, double dwell) { seats_[static_cast<std::size_t>(seat)].until = now + dwell; }

void SeatPool::release(int seat) { seats_[static_cast<std::size_t>(seat)].owner = -1; }

int SeatPool::occupied(double now) const {
    int n = 0;
    for (const auto& s : seats_) n += s.until > now ? 1 : 0;
    return n;
}

}  // namespace shuxiang::scenario
