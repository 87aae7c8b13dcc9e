// Unit tests of the scenario stages with hand-made agents: no plan, no navmesh, no simulation.
#include <gtest/gtest.h>

#include <shuxiang/scenario/stages.hpp>

#include <map>
#include <set>

using namespace shuxiang;
using namespace shuxiang::scenario;

namespace {

std::vector<ShelfSection> sections(int n) {
    std::vector<ShelfSection> v;
    for (int k = 0; k < n; ++k) v.push_back({"r/1/" + std::to_string(k + 1), "r", {static_cast<double>(k), 0.0}, -1});
    return v;
}

}  // namespace

TEST(ShelfStage, SectionsGoToClassesInProportionAndPicksFollowTheShares) {
    // 10 sections, shares 70 : 30 → sections 0-6 class 0, 7-9 class 1.
    ShelfBrowse shelves(sections(10), {70, 30});
    for (int k = 0; k < 10; ++k) EXPECT_EQ(shelves.sections()[static_cast<std::size_t>(k)].major_class, k < 7 ? 0 : 1);
    ped::Rng rng(3);
    int first = 0;
    for (int i = 0; i < 4000; ++i) {
        const int s = shelves.pick(rng);
        ASSERT_GE(s, 0);
        ASSERT_LT(s, 10);
        first += s < 7;
        shelves.visited(s);
    }
    EXPECT_NEAR(first / 4000.0, 0.7, 0.03);
    RunResult r;
    shelves.report(r);
    ASSERT_EQ(r.class_visits.size(), 2u);
    EXPECT_EQ(r.class_visits[0], first);
    EXPECT_EQ(r.class_visits[0] + r.class_visits[1], 4000);
    int total = 0;
    for (const auto& [id, n] : r.shelf_visits) total += n;
    EXPECT_EQ(total, 4000);
}

TEST(ShelfStage, ClassWithoutShelfSpaceIsPassedOverAndNoSharesMeansUniform) {
    // Share 1 % of 3 sections rounds to no section for class 0: its readers pick any section.
    ShelfBrowse shelves(sections(3), {1, 99});
    ped::Rng rng(1);
    std::set<int> seen;
    for (int i = 0; i < 300; ++i) seen.insert(shelves.pick(rng));
    EXPECT_EQ(seen.size(), 3u);
    ShelfBrowse uniform(sections(4), {});
    RunResult r;
    uniform.report(r);
    EXPECT_TRUE(r.class_visits.empty());
    EXPECT_EQ(uniform.target(2).x, 2.0);
}

TEST(RoomStage, PointIsInsideTheRoomAndAccepted) {
    const geometry::Polygon room = geometry::rectangle(0, 0, 4, 2);
    ped::Rng rng(5);
    for (int i = 0; i < 50; ++i) {
        auto p = RoomPoint::target(room, rng, [](Vec2 q) { return q.x > 3.0; });  // only the right quarter is usable
        ASSERT_TRUE(p);
        EXPECT_GT(p->x, 3.0);
        EXPECT_TRUE(geometry::point_in_polygon(room, *p));
    }
    EXPECT_FALSE(RoomPoint::target(room, rng, [](Vec2) { return false; }));
    EXPECT_FALSE(sample_point({}, rng, 10, [](Vec2) { return true; }));
}

TEST(DeskStage, LineIsFirstInFirstOut) {
    DeskQueue desks({{0, 0}});
    // Three agents arrive at 0, 5 and 6 s; each service takes 20 s.
    const ServiceEvent a = desks.join(0, 1, 0.0, 20.0);
    const ServiceEvent b = desks.join(0, 2, 5.0, 20.0);
    const ServiceEvent c = desks.join(0, 3, 6.0, 20.0);
    EXPECT_DOUBLE_EQ(a.start, 0.0);
    EXPECT_DOUBLE_EQ(b.start, 20.0);
    EXPECT_DOUBLE_EQ(c.start, 40.0);
    EXPECT_DOUBLE_EQ(c.end, 60.0);
    EXPECT_EQ(desks.waiting(0, 6.0), 2);  // b and c wait, a is being served
    EXPECT_EQ(desks.max_queue(0), 2);
    EXPECT_EQ(desks.waiting(0, 45.0), 0);
    // The clerk is idle after 60 s: someone arriving at 100 s is served at once.
    EXPECT_DOUBLE_EQ(desks.join(0, 4, 100.0, 10.0).start, 100.0);
}

TEST(DeskStage, ChoosesTheDeskThatServesSoonestAndJoinsWhenClose) {
    DeskQueue desks({{0, 0}, {12, 0}});
    // Walking from (1, 0): desk 0 is near and free.
    EXPECT_EQ(desks.choose({1, 0}, 0.0), 0);
    // Desk 0 busy for 60 s: desk 1, 11 m away (about 9 s), serves sooner.
    desks.join(0, 1, 0.0, 60.0);
    EXPECT_EQ(desks.choose({1, 0}, 0.0), 1);
    EXPECT_EQ(desks.choose({1, 0}, 0.0, 0), 0);  // the activity names desk 0
    EXPECT_TRUE(desks.close_enough(1, {11, 0.5}));
    EXPECT_FALSE(desks.close_enough(1, {10, 0}));
    EXPECT_EQ(DeskQueue({}).choose({0, 0}, 0.0), -1);
}

TEST(SeatStage, NearestFreeSeatNeverDoubleBooked) {
    SeatPool seats({{0, 0}, {5, 0}});
    EXPECT_EQ(seats.reserve({1, 0}, 0.0, 1), 0);
    EXPECT_EQ(seats.reserve({1, 0}, 0.0, 2), 1);   // seat 0 is reserved: the other one
    EXPECT_EQ(seats.reserve({1, 0}, 0.0, 3), -1);  // none left
    seats.sit(0, 10.0, 100.0);                       // agent 1 reads from 10 to 110 s
    seats.release(0);
    EXPECT_FALSE(seats.free(0, 50.0));               // still sitting
    EXPECT_EQ(seats.reserve({1, 0}, 50.0, 3), -1);
    EXPECT_EQ(seats.occupied(50.0), 1);
    EXPECT_TRUE(seats.free(0, 110.0));               // left: free again
    EXPECT_EQ(seats.reserve({1, 0}, 110.0, 3), 0);
}

TEST(WaitStage, StandingEndsWhenTheHoldHasPassed) {
    EXPECT_EQ(Wait::doing(Doing::Browsing, 30.0, 29.9), Doing::Browsing);
    EXPECT_EQ(Wait::doing(Doing::Browsing, 30.0, 30.0), Doing::Walking);
    EXPECT_EQ(Wait::doing(Doing::Reading, 5.0, 6.0), Doing::Walking);
    EXPECT_EQ(Wait::doing(Doing::Walking, 50.0, 6.0), Doing::Walking);
    EXPECT_FALSE(Wait::done(10.0, 9.0));
}

TEST(ExitStage, ClosingTimesAndUsesAfterClosing) {
    ExitStage exits({"front", "back"}, {{"back", 120.0}, {"back", 60.0}, {"nowhere", 1.0}});
    EXPECT_EQ(exits.index("back"), 1);
    EXPECT_EQ(exits.index("side"), -1);
    EXPECT_DOUBLE_EQ(exits.close_times()[1], 60.0);  // the earlier of two closures
    EXPECT_EQ(exits.close_times()[0], ped::kNever);
    EXPECT_EQ(exits.all_closed_at(), ped::kNever);
    EXPECT_TRUE(exits.used_after_closing(1, 61.0));
    EXPECT_FALSE(exits.used_after_closing(1, 59.0));
    EXPECT_FALSE(exits.used_after_closing(-1, 1e9));
    ExitStage both({"front", "back"}, {{"front", 30.0}, {"back", 60.0}});
    EXPECT_DOUBLE_EQ(both.all_closed_at(), 60.0);
}
