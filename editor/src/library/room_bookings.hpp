#pragma once
// The reading activities that book a room of the plan (library_core/reading), read from the open
// library database for the inspector's read-only line: one text line per booking from a day on.
#include <filesystem>
#include <string>
#include <vector>

namespace shuxiang::editor::library {

// "2026-10-12 09:00-09:40 班级到馆 三年级2班到馆" per booked activity of `room_id` from `from_day`
// on, in day order. Read again only when the database file changed; empty without a database or
// when it cannot be read.
const std::vector<std::string>& room_booking_lines(const std::filesystem::path& db, const std::string& room_id,
                                                   const std::string& from_day);

}  // namespace shuxiang::editor::library
