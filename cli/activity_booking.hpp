#pragma once
// The booking `shuxiang simulate --activity ID` holds its class visit in (cmd_activities.cpp).
#include <string>

#include "shuxiang/reading/activities.hpp"

namespace shuxiang::cli {

// The booked activity `id` of the library database `db` as a class visit. Throws InputError
// naming the database for an unknown or cancelled activity.
reading::ClassVisitBooking booked_class_visit(const std::string& db, long long id);

}  // namespace shuxiang::cli
