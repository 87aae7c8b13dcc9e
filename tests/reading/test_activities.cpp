// Reading activities on a real SQLite library: rooms of the plan, no double booking, cancelling,
// roles, bad input; what the simulation's class visit takes from a booking.
#include "reading_fixture.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/reading/activities.hpp"

using namespace sxt;
using namespace shuxiang::reading;

namespace {

ReadingActivity activity(const std::string& title, const std::string& day, const std::string& start, const std::string& end,
                         const std::string& kind = "class_visit") {
    ReadingActivity a;
    a.kind = kind;
    a.title = title;
    a.first_day = a.last_day = day;
    a.start_time = start;
    a.end_time = end;
    return a;
}

struct Activities : ::testing::Test {
    std::filesystem::path path = temp_db(std::string("act_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<LibraryServices> lib = LibraryServices::open(path);
    ActivityService svc{lib->repository()};
    std::vector<PlanRoom> rooms = plan_rooms(shuxiang::plan::load_plan(std::string(SHUXIANG_SOURCE_ASSET_DIR) +
                                                                       "/demo/demo-school.sxplan.json"));
    void SetUp() override {
        ASSERT_TRUE(lib->patrons().add(as("admin"), teacher("T1", "王老师")).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), Operator{"t1", Role::Teacher, "王老师", "T1", false}).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), Operator{"v1", Role::Volunteer, "", "", false}).ok);
    }
};

}  // namespace

TEST(ActivityRules, TimesAndOverlaps) {
    EXPECT_EQ(minutes_of("08:30"), 510);
    EXPECT_EQ(minutes_of("23:59"), 1439);
    for (const char* bad : {"24:00", "8:30", "08:60", "0830", "08:3x", ""}) EXPECT_FALSE(minutes_of(bad)) << bad;
    ReadingActivity a = activity("a", "2026-10-12", "09:00", "10:00"), b = activity("b", "2026-10-12", "10:00", "10:40");
    a.room_id = b.room_id = "reading-primary";
    EXPECT_FALSE(overlaps(a, b));  // one ends as the other starts
    b.start_time = "09:59";
    EXPECT_TRUE(overlaps(a, b));
    b.room_id = "av";
    EXPECT_FALSE(overlaps(a, b));
    // A reading week meets each of its days.
    ReadingActivity week = activity("w", "2026-10-10", "08:00", "16:00", "reading_week");
    week.last_day = "2026-10-16";
    week.room_id = "reading-primary";
    EXPECT_TRUE(overlaps(week, a));
    a.first_day = a.last_day = "2026-10-17";
    EXPECT_FALSE(overlaps(week, a));
}

TEST_F(Activities, RoomsOfThePlanByIdOrName) {
    ASSERT_GT(rooms.size(), 10u);
    auto r = find_room(rooms, "小学生阅览室（绘本区）");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->id, "reading-primary");
    EXPECT_EQ(find_room(rooms, "av")->label, "视听阅览室");
    bool ambiguous = false;
    EXPECT_FALSE(find_room(rooms, "no-such-room", &ambiguous));
    EXPECT_FALSE(ambiguous);
    std::vector<PlanRoom> twins{{"r1", "研讨室", "L"}, {"r2", "研讨室", "L"}};
    EXPECT_FALSE(find_room(twins, "研讨室", &ambiguous));
    EXPECT_TRUE(ambiguous);
    EXPECT_EQ(find_room(twins, "r2")->id, "r2");
}

TEST_F(Activities, NoRoomIsBookedTwiceAtTheSameTime) {
    auto visit = activity("三年级2班到馆", "2026-10-12", "09:00", "09:40");
    visit.class_key = "三年级2班";
    visit.participants = 42;
    Result r = svc.book(as("t1"), visit, rooms, "小学生阅览室（绘本区）");
    ASSERT_TRUE(r.ok) << r.message;
    auto stored = svc.find(r.id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->room_id, "reading-primary");
    EXPECT_EQ(stored->class_key, "3-2");
    EXPECT_EQ(stored->booked_by, "t1");
    EXPECT_EQ(stored->status, "booked");

    // The same room, overlapping: refused, naming the booking in the way; nothing written.
    Result clash = svc.book(as("admin"), activity("读书会", "2026-10-12", "09:30", "10:30", "book_talk"), rooms, "reading-primary");
    EXPECT_FALSE(clash.ok);
    EXPECT_EQ(clash.code, "room_taken");
    EXPECT_NE(clash.message.find("三年级2班到馆"), std::string::npos) << clash.message;
    // A reading week over that day too.
    auto week = activity("读书周", "2026-10-10", "08:00", "16:00", "reading_week");
    week.last_day = "2026-10-16";
    EXPECT_EQ(svc.book(as("admin"), week, rooms, "reading-primary").code, "room_taken");
    // Another room, or the same room right after: fine.
    EXPECT_TRUE(svc.book(as("admin"), activity("读书会", "2026-10-12", "09:30", "10:30", "book_talk"), rooms, "av").ok);
    EXPECT_TRUE(svc.book(as("admin"), activity("三年级1班到馆", "2026-10-12", "09:40", "10:20"), rooms, "reading-primary").ok);
    EXPECT_EQ(svc.list("2026-10-12", "2026-10-12").size(), 3u);
    EXPECT_EQ(svc.bookings_of_room("reading-primary").size(), 2u);

    // Cancelled, the room is free again; the row stays (listed with cancelled ones).
    ASSERT_TRUE(svc.cancel(as("t1"), r.id).ok);
    EXPECT_EQ(svc.cancel(as("t1"), r.id).code, "activity_not_booked");
    EXPECT_EQ(svc.cancel(as("t1"), 999).code, "unknown_activity");
    EXPECT_TRUE(svc.book(as("admin"), activity("读书会", "2026-10-12", "09:00", "09:40", "book_talk"), rooms, "reading-primary").ok);
    EXPECT_EQ(svc.list("2026-10-12", "2026-10-12").size(), 3u);
    EXPECT_EQ(svc.list("2026-10-12", "2026-10-12", true).size(), 4u);
    EXPECT_TRUE(svc.list("2026-10-13", "2026-10-20").empty());
}

TEST_F(Activities, BadInputAndRolesAreRefusedAndAudited) {
    auto ok = activity("到馆", "2026-10-12", "09:00", "09:40");
    EXPECT_EQ(svc.book(as("v1"), ok, rooms, "av").code, "not_permitted");
    EXPECT_EQ(svc.book(as("t1"), ok, rooms, "没有的房间").code, "unknown_room");
    auto bad = ok;
    bad.kind = "party";
    EXPECT_EQ(svc.book(as("t1"), bad, rooms, "av").code, "bad_activity_kind");
    bad = ok;
    bad.end_time = "08:00";
    EXPECT_EQ(svc.book(as("t1"), bad, rooms, "av").code, "bad_activity_time");
    bad = ok;
    bad.last_day = "2026-10-01";
    EXPECT_EQ(svc.book(as("t1"), bad, rooms, "av").code, "bad_period");
    bad = ok;
    bad.class_key = "三班";
    EXPECT_EQ(svc.book(as("t1"), bad, rooms, "av").code, "bad_class");
    bad = ok;
    bad.title = "";
    EXPECT_EQ(svc.book(as("t1"), bad, rooms, "av").code, "empty_activity_title");
    EXPECT_TRUE(svc.list("", "", true).empty());
    int refused = 0;
    for (auto& e : lib->admin().audit(50))
        if (e.action == "reading.activity.book" && e.outcome == "refused") ++refused;
    EXPECT_EQ(refused, 7);
    Result r = svc.book(as("t1"), ok, rooms, "av");
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(svc.cancel(as("v1"), r.id).code, "not_permitted");
}

TEST(ActivityRules, ClassVisitOfABooking) {
    auto a = activity("到馆", "2026-10-12", "09:00", "09:40");
    a.room_id = "reading-primary";
    a.participants = 38;
    auto b = class_visit_of(a);
    EXPECT_EQ(b.room_id, "reading-primary");
    EXPECT_EQ(b.class_size, 38);
    EXPECT_DOUBLE_EQ(b.stay_s, 2400.0);
}

TEST(ActivitiesSchema, VersionFiveLibraryGainsTheActivityTable) {
    auto path = temp_db("act_v5");
    {
        auto lib = LibraryServices::open(path);
        ASSERT_TRUE(lib->patrons().add(as("admin"), teacher("T1", "王老师")).ok);
    }
    {
        FileDb f(path);
        ASSERT_EQ(sqlite3_exec(f.db, "DROP TABLE reading_activities; UPDATE circ_schema SET version = 5;", nullptr, nullptr, nullptr),
                  SQLITE_OK);
    }
    auto lib = LibraryServices::open(path);
    EXPECT_EQ(lib->repository().schema_version(), 7);
    EXPECT_TRUE(lib->patrons().find("T1"));
    ActivityService svc(lib->repository());
    std::vector<PlanRoom> rooms{{"av", "视听阅览室", "1F"}};
    EXPECT_TRUE(svc.book(as("admin"), activity("读书会", "2026-10-12", "14:00", "15:00", "book_talk"), rooms, "av").ok);
    EXPECT_EQ(svc.list("", "").size(), 1u);
}
