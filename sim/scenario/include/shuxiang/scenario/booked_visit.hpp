// A class visit held in a booked room (a reading activity of the library's calendar): the class
// spends its reading time in that room instead of at any free seat.
#pragma once

#include <shuxiang/scenario/scenario.hpp>

#include <string>

namespace shuxiang::scenario {

// Sends every group's reading ("seat") of `s` to the room `room_id` instead, for 40-60 % of the
// booking's `stay_s` (the rest is walking in, the shelves and the desk, as in the built-in class
// visit), and makes the run last at least the booking and the way out. stay_s <= 0 keeps the dwell.
void hold_in_booked_room(Scenario& s, const std::string& room_id, double stay_s);

}  // namespace shuxiang::scenario
