// The plan adapter: rooms, walls with thickness, door openings and furniture to a walkable area.
#include <shuxiang/nav/navmesh.hpp>
#include <shuxiang/ped/simulation.hpp>
#include <shuxiang/walkable/from_plan.hpp>

#include <gtest/gtest.h>

using namespace shuxiang;
using geometry::Vec2;

namespace {

// Two 6 x 5 m rooms side by side; an inner wall at x = 6 with a 1 m door at y = 2.5; outer walls
// 0.2 m thick with a 1.2 m emergency exit in the east wall at y = 2.5; a 3 x 0.6 m shelf in room A.
plan::Level two_rooms(bool inner_door) {
    plan::Level l;
    l.id = "L1";
    l.rooms.push_back({"A", "A", plan::RoomKind::Reading, {{0, 0}, {6, 0}, {6, 5}, {0, 5}}, 3.0, false});
    l.rooms.push_back({"B", "B", plan::RoomKind::Reading, {{6, 0}, {12, 0}, {12, 5}, {6, 5}}, 3.0, false});
    l.walls.push_back({"outer", {{0, 0}, {12, 0}, {12, 5}, {0, 5}, {0, 0}}, 0.2, 3.0});
    l.walls.push_back({"mid", {{6, 0}, {6, 5}}, 0.2, 3.0});
    if (inner_door) l.openings.push_back({"d1", plan::OpeningKind::Door, "mid", 2.5, 1.0, 2.1, 0, plan::DoorSwing::Left, plan::WallSide::Left, false});
    l.openings.push_back({"x1", plan::OpeningKind::EmergencyExit, "outer", 14.5, 1.2, 2.1, 0, plan::DoorSwing::Left, plan::WallSide::Left, false});
    l.openings.push_back({"w1", plan::OpeningKind::Window, "outer", 3.0, 1.5, 1.2, 0.9, plan::DoorSwing::None, plan::WallSide::Left, false});
    plan::Furniture f;
    f.id = "s1";
    f.type = "test_shelf";
    f.position = {3, 2.5};
    l.furniture.push_back(f);
    plan::Furniture unknown;
    unknown.id = "u1";
    unknown.type = "no_such_type";
    unknown.position = {9, 1};
    l.furniture.push_back(unknown);
    return l;
}

plan::FurnitureCatalog catalog() {
    plan::FurnitureCatalog c;
    plan::FurnitureType t;
    t.id = "test_shelf";
    t.width = 3.0;
    t.depth = 0.6;
    c.add(t);
    return c;
}

}  // namespace

TEST(Walkable, PlanLevelBecomesWalkableArea) {
    auto cat = catalog();
    auto pa = walkable::walkable_from_level(two_rooms(true), cat);
    const auto& a = pa.area;
    EXPECT_TRUE(a.contains({1, 1}));
    EXPECT_FALSE(a.contains({3, 2.5}));    // shelf
    EXPECT_FALSE(a.contains({3, 2.79}));   // shelf edge (depth 0.6 → y up to 2.8)
    EXPECT_TRUE(a.contains({3, 2.85}));
    EXPECT_FALSE(a.contains({6, 1}));      // inner wall
    EXPECT_FALSE(a.contains({5.95, 1}));   // inside its thickness
    EXPECT_TRUE(a.contains({6, 2.5}));     // door passage
    EXPECT_FALSE(a.contains({3, 0.05}));   // window stays wall
    EXPECT_TRUE(a.contains({12.5, 2.5}));  // outside the exit
    ASSERT_EQ(pa.exits.size(), 1u);
    EXPECT_EQ(pa.exits[0].opening, "x1");
    EXPECT_GT(geometry::centroid(pa.exits[0].area).x, 12.1);
    // Doors and exits (not windows), each as the line across it on the wall's centre line.
    ASSERT_EQ(pa.doors.size(), 2u);
    EXPECT_EQ(pa.doors[0].opening, "d1");
    EXPECT_NEAR(pa.doors[0].across.a.x, 6.0, 1e-9);
    EXPECT_NEAR(pa.doors[0].across.a.y, 2.0, 1e-9);  // the mid wall runs north from (6, 0)
    EXPECT_NEAR(pa.doors[0].across.b.y, 3.0, 1e-9);
    EXPECT_DOUBLE_EQ(pa.doors[0].width, 1.0);
    EXPECT_DOUBLE_EQ(pa.doors[0].wall_thickness, 0.2);
    EXPECT_EQ(pa.doors[1].opening, "x1");  // 14.5 m along the outer wall: east wall, y = 2.5
    EXPECT_NEAR(pa.doors[1].across.a.x, 12.0, 1e-9);
    EXPECT_NEAR(pa.doors[1].across.a.y, 1.9, 1e-9);
    EXPECT_NEAR(pa.doors[1].across.b.y, 3.1, 1e-9);
    ASSERT_EQ(pa.unknown_furniture.size(), 1u);
    EXPECT_EQ(pa.unknown_furniture[0], "u1");
}

TEST(Walkable, EvacuationThroughTheDoorsOfAPlan) {
    auto cat = catalog();
    auto pa = walkable::walkable_from_level(two_rooms(true), cat);
    nav::NavMesh nav;
    ASSERT_TRUE(nav.build(pa.area, {0.25, 0.05})) << nav.error();
    Vec2 goal = geometry::centroid(pa.exits[0].area);
    auto p = nav.find_path({1, 1}, goal);
    ASSERT_EQ(p.status, nav::PathStatus::Ok);
    EXPECT_GT(p.length, geometry::norm(goal - Vec2{1, 1}));

    ped::Simulation sim(pa.area, nav);
    sim.add_exit({"x1", pa.exits[0].area});
    for (int i = 0; i < 20; ++i) sim.add_agent({{0.6 + 0.6 * (i % 8), 0.6 + 0.6 * (i / 8)}, 0.25, 1.3, 0.0, -1, {}, {}});
    ASSERT_TRUE(sim.run(120));
    EXPECT_EQ(sim.metrics().agents_arrived, 20);
    EXPECT_EQ(sim.metrics().wall_penetrations, 0);
    EXPECT_LE(sim.metrics().max_overlap, 0.02);

    // Without the inner door room A has no way out.
    auto closed = walkable::walkable_from_level(two_rooms(false), cat);
    nav::NavMesh nav2;
    ASSERT_TRUE(nav2.build(closed.area, {0.25, 0.05})) << nav2.error();
    EXPECT_EQ(nav2.find_path({1, 1}, goal).status, nav::PathStatus::Unreachable);
    EXPECT_TRUE(nav2.reachable({9, 1}, goal));
}
