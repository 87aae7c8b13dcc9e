#include <shuxiang/scenario/booked_visit.hpp>

#include <algorithm>

namespace shuxiang::scenario {

void hold_in_booked_room(Scenario& s, const std::string& room_id, double stay_s) {
    for (auto& g : s.groups)
        for (auto& a : g.activities) {
            if (a.kind != "seat") continue;
            a.kind = "room";
            a.target = room_id;
            a.probability = 1.0;
            if (stay_s > 0) {
                a.dwell_min = 0.4 * stay_s;
                a.dwell_max = 0.6 * stay_s;
            }
        }
    if (stay_s > 0) s.duration = std::max(s.duration, stay_s + 1200.0);
}

}  // namespace shuxiang::scenario
