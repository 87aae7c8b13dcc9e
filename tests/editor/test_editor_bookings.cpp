// The inspector's bookings line of a room: read from the library database's reading activities,
// read again when the database changes.
#include <gtest/gtest.h>
#include <unistd.h>

#include "library/room_bookings.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/reading/activities.hpp"

using namespace shuxiang;

TEST(RoomBookings, LinesOfTheRoomFromTheDatabase) {
    const auto db = std::filesystem::temp_directory_path() / ("sx_room_bookings_" + std::to_string(::getpid()) + ".db");
    for (auto ext : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + ext);
    std::vector<reading::PlanRoom> rooms{{"av", "视听阅览室", "1F"}, {"rest", "休闲阅读区", "1F"}};
    auto book = [&](const std::string& title, const std::string& day, const std::string& room) {
        auto lib = circulation::LibraryServices::open(db);
        circulation::ReadingActivity a;
        a.kind = "book_talk";
        a.title = title;
        a.first_day = a.last_day = day;
        a.start_time = "14:00";
        a.end_time = "15:00";
        ASSERT_TRUE(reading::ActivityService(lib->repository()).book({"admin", "2026-09-01", ""}, a, rooms, room).ok);
    };
    book("读书会", "2026-10-12", "av");
    book("旧的读书会", "2026-08-01", "av");  // before the day asked for: not listed
    const auto& lines = editor::library::room_booking_lines(db, "av", "2026-09-01");
    ASSERT_EQ(lines.size(), 1u);
    EXPECT_NE(lines[0].find("2026-10-12 14:00-15:00"), std::string::npos) << lines[0];
    EXPECT_NE(lines[0].find("读书会"), std::string::npos);
    EXPECT_TRUE(editor::library::room_booking_lines(db, "rest", "2026-09-01").empty());
    // A new booking is seen once the file changed.
    std::filesystem::last_write_time(db, std::filesystem::last_write_time(db) - std::chrono::seconds(5));
    book("诗歌朗诵", "2026-10-13", "rest");
    EXPECT_EQ(editor::library::room_booking_lines(db, "rest", "2026-09-01").size(), 1u);
    EXPECT_TRUE(editor::library::room_booking_lines("", "av", "2026-09-01").empty());
    for (auto ext : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + ext);
}
