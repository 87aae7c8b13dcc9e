#pragma once
// Move plans between two assignments: runs of consecutive books that go from one section to another.
#include <string>
#include <unordered_map>
#include <vector>

#include "shuxiang/shelving/assign.hpp"

namespace shuxiang::shelving {

// A run of books consecutive in the new reading order that all go from `from` to `to`
// (section ids, or a corner room id; "" in `from` for a copy that had no place before).
struct MoveRun {
    std::string from;
    std::string to;
    int count = 0;
    std::string first_call;
    std::string last_call;
};

struct MovePlan {
    std::vector<MoveRun> runs;  // in the new reading order
    long long moved = 0;        // placed in both, in a different section
    long long stay = 0;         // placed in both, same section (the shelf level may change)
    long long added = 0;        // placed only in the new assignment
    long long removed = 0;      // placed only in the old one (no longer fits, or left the collection)
};

// Both assignments keep the same shelf order along their reading paths, so boundaries shift and
// runs stay long; this compares them copy by copy.
MovePlan plan_moves(const Assignment& from, const Assignment& to);

// Each copy's place in an assignment (item id -> section id or corner room), for AssignOptions::previous.
std::unordered_map<long long, std::string> places(const Assignment& a);

// Where a placement lies: its section id, or its corner room for a corner without shelving.
std::string place_of(const Assignment& a, const Placement& p);

}  // namespace shuxiang::shelving
