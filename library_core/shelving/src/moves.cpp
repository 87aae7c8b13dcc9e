#include "shuxiang/shelving/moves.hpp"

#include <unordered_map>
#include <unordered_set>

namespace shuxiang::shelving {

std::string place_of(const Assignment& a, const Placement& p) {
    if (p.section >= 0) return a.sections[static_cast<std::size_t>(p.section)].id;
    return p.room;
}

std::unordered_map<long long, std::string> places(const Assignment& a) {
    std::unordered_map<long long, std::string> out;
    out.reserve(a.placed.size());
    for (const auto& p : a.placed) out.emplace(p.item_id, place_of(a, p));
    return out;
}

MovePlan plan_moves(const Assignment& from, const Assignment& to) {
    std::unordered_map<long long, std::string> old_place;
    old_place.reserve(from.placed.size());
    for (const auto& p : from.placed) old_place.emplace(p.item_id, place_of(from, p));
    MovePlan plan;
    std::unordered_set<long long> seen;
    seen.reserve(to.placed.size());
    MoveRun* run = nullptr;
    for (const auto& p : to.placed) {
        seen.insert(p.item_id);
        std::string now = place_of(to, p);
        auto it = old_place.find(p.item_id);
        std::string before = it == old_place.end() ? std::string() : it->second;
        if (it == old_place.end()) {
            ++plan.added;
        } else if (before == now) {
            ++plan.stay;
            run = nullptr;
            continue;
        } else {
            ++plan.moved;
        }
        if (!run || run->from != before || run->to != now) {
            plan.runs.push_back({before, now, 0, p.call_number, {}});
            run = &plan.runs.back();
        }
        ++run->count;
        run->last_call = p.call_number;
    }
    for (const auto& p : from.placed)
        if (!seen.count(p.item_id)) ++plan.removed;
    return plan;
}

}  // namespace shuxiang::shelving
