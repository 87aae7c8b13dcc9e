#pragma once
// The library's calendar of reading activities (a class visit, a book talk, a reading week), each
// booking one room of the plan: no room is booked twice at the same time. The CLI (`shuxiang
// activities`), the web pages and the simulation's class visit read the same bookings.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/circulation/repository.hpp"
#include "shuxiang/circulation/types.hpp"

namespace shuxiang::plan {
struct Plan;
}

namespace shuxiang::reading {

using circulation::Ctx;
using circulation::ReadingActivity;
using circulation::Result;

// A room of the plan an activity may book: its id, its name and the level it is on.
struct PlanRoom {
    std::string id, label, level;
};
std::vector<PlanRoom> plan_rooms(const plan::Plan& p);

// The kinds of activity: class_visit, book_talk, reading_week, other.
const std::vector<std::string>& activity_kinds();

// Minutes after midnight of "HH:MM" (00:00..23:59); nullopt for anything else.
std::optional<int> minutes_of(std::string_view hhmm);

// Whether two activities want the same room at the same time: same room, days that meet and
// times that overlap (an activity ending at 10:00 and one starting at 10:00 do not overlap).
bool overlaps(const ReadingActivity& a, const ReadingActivity& b);

// The room `text` names: a room id, else a room name (unique on the plan). nullopt when none or
// when the name is ambiguous (`ambiguous` set).
std::optional<PlanRoom> find_room(const std::vector<PlanRoom>& rooms, std::string_view text, bool* ambiguous = nullptr);

class ActivityService {
public:
    explicit ActivityService(circulation::Repository& repo) : repo_(repo) {}
    // Books `a` in the room of `rooms` that `room_text` names (librarians and teachers,
    // Action::EditLists). Refused for an unknown room, a bad kind, day or time, or a room already
    // booked then (the other activity is named). The new activity's id in Result::id.
    Result book(const Ctx& c, ReadingActivity a, const std::vector<PlanRoom>& rooms, std::string_view room_text);
    // Cancels a booked activity: its room is free again; the row stays.
    Result cancel(const Ctx& c, long long id);
    std::optional<ReadingActivity> find(long long id);
    // Activities whose days meet [from, to] ("" = open), in day and time order.
    std::vector<ReadingActivity> list(std::string_view from, std::string_view to, bool with_cancelled = false);
    // The booked activities of one room from `from` on ("" = all).
    std::vector<ReadingActivity> bookings_of_room(std::string_view room_id, std::string_view from = {});

private:
    circulation::Repository& repo_;
};

// What the simulation's class visit takes from a booking: who comes, where they go, how long.
struct ClassVisitBooking {
    std::string room_id;
    int class_size = 0;  // 0: the scenario's own
    double stay_s = 0;   // end - start of one day
};
ClassVisitBooking class_visit_of(const ReadingActivity& a);

}  // namespace shuxiang::reading
