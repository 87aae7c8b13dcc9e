#pragma once
// A reading activity (a class visit, a book talk, a reading week) as stored: the room of the plan it
// books and when. The reading module (library_core/reading) checks the plan's rooms and the bookings.
#include <string>

namespace shuxiang::circulation {

struct ReadingActivity {
    long long id = 0;
    std::string kind;                 // class_visit, book_talk, reading_week, other
    std::string title;
    std::string room_id, room_label;  // the plan's room id and its name when booked
    std::string first_day, last_day;  // YYYY-MM-DD, inclusive (one day: the same)
    std::string start_time, end_time; // HH:MM on each day, start < end
    std::string class_key;            // the visiting class ("3-2"), "" when none
    int participants = 0;             // people expected (a class visit: the class size)
    std::string status = "booked";    // booked, cancelled
    std::string booked_by, day, note; // operator, date booked, free text
};

}  // namespace shuxiang::circulation
