// Stairs: the building laid out for the simulator (levels side by side, flights, gates), RiMEA tests 2
// and 3 (walking speed up and down stairs) through the whole scenario machinery, a crowd down a stair as
// its bottleneck, and the find-a-book route from the ground level's entrance to a shelf upstairs.
// Pass bands from /work/shared/reference/pedestrian-dynamics.md (JuPedSim's RiMEA 2 and 3).
#include <gtest/gtest.h>

#include <shuxiang/plan/io.hpp>
#include <shuxiang/route/shelf_route.hpp>
#include <shuxiang/scenario/run.hpp>
#include <shuxiang/walkable/building.hpp>

#include <cmath>
#include <cstdio>

using namespace shuxiang;

namespace {

plan::Room hall(const char* id, double w, double h) {
    plan::Room r;
    r.id = id;
    r.kind = plan::RoomKind::Circulation;
    r.polygon = {{0, 0}, {w, 0}, {w, h}, {0, h}};
    return r;
}

// RiMEA 2 and 3 as JuPedSim builds them: a stair 2 m wide, 8 m horizontal and 6 m high (30 risers of
// 0.2 m, 29 treads of 8/29 m), from (5, 3) north to (5, 11), in a 10 × 14 m hall on each level. The
// lower hall has an entrance (and exit) in its south wall.
plan::Plan rimea_stair_plan(double width = 2.0) {
    plan::Plan p;
    p.school.name = "RiMEA";
    plan::Level l1;
    l1.id = "L1";
    l1.rooms.push_back(hall("hall-1", 10, 14));
    plan::Wall w;
    w.id = "w-south";
    w.points = {{0, 0}, {10, 0}};
    l1.walls.push_back(w);
    plan::Opening o;
    o.id = "exit";
    o.kind = plan::OpeningKind::EmergencyExit;
    o.wall = "w-south";
    o.offset = 2;
    o.width = 2.0;
    o.entrance = true;
    l1.openings.push_back(o);
    plan::Level l2;
    l2.id = "L2";
    l2.elevation = 6.0;
    l2.rooms.push_back(hall("hall-2", 10, 14));
    p.levels = {l1, l2};
    plan::Stair s;
    s.id = "stair";
    s.from_level = "L1";
    s.to_level = "L2";
    s.foot = {5, 3};
    s.head = {5, 11};
    s.width = width;
    s.rise = 0.2;
    s.run = 8.0 / 29.0;
    s.steps = 30;
    p.stairs = {s};
    return p;
}

scenario::Group walker(const char* name, int count) {
    scenario::Group g;
    g.name = name;
    g.count = count;
    g.speed = {1.34, 1.34, 1.34, 0.0};  // the reference walker of RiMEA 2 and 3
    g.radius = 0.2;
    return g;
}

scenario::RunResult run(const plan::Plan& p, const scenario::Scenario& sc) {
    scenario::RunOptions o;
    o.seed = 3;
    o.all_levels = true;  // RiMEA 2 has no alarm
    return scenario::run_scenario(p, plan::FurnitureCatalog::builtin(), sc, o);
}

TEST(Stairs, PlanIsValidAndLaidOutSideBySide) {
    const plan::Plan p = rimea_stair_plan();
    EXPECT_TRUE(plan::validate_plan(p).empty());
    const walkable::BuildingArea b = walkable::walkable_from_building(p, 0, plan::FurnitureCatalog::builtin());
    ASSERT_EQ(b.levels.size(), 2u);
    ASSERT_EQ(b.stairs.size(), 1u);
    EXPECT_EQ(b.levels[0].offset.x, 0.0);  // the ground level keeps its coordinates
    EXPECT_GT(b.levels[1].box.min.x, b.levels[0].box.max.x);  // the upper copy lies east, apart
    const auto& s = b.stairs[0];
    EXPECT_NEAR(s.length, 8.0, 1e-9);
    // The flight is floor on the lower copy; its middle is a void on the upper copy; the landing beyond
    // the head is floor there.
    EXPECT_TRUE(b.area.area.contains({5, 7}));
    EXPECT_FALSE(b.area.area.contains(geometry::Vec2{5, 7} + b.levels[1].offset));
    EXPECT_TRUE(b.area.area.contains(geometry::Vec2{5, 12} + b.levels[1].offset));
    // Beside the flight on the lower level (past its rail) is floor, but not part of the flight.
    EXPECT_TRUE(b.area.area.contains({7, 7}));
    EXPECT_FALSE(b.area.area.contains({6.05, 7}));  // in the rail
    EXPECT_EQ(b.level_at({5, 7}), 0);
    EXPECT_EQ(b.level_at(s.upper_arrival), 1);
    // The exit is the lower level's; nothing upstairs leads out but the stair.
    ASSERT_EQ(b.area.exits.size(), 1u);
    EXPECT_EQ(b.area.exits[0].opening, "exit");
}

TEST(Stairs, SingleLevelPlansAreLaidOutAsBefore) {
    plan::Plan p = rimea_stair_plan();
    p.stairs.clear();
    EXPECT_EQ(walkable::levels_joined(p, 0), std::vector<int>{0});
    p = rimea_stair_plan();
    EXPECT_EQ(walkable::levels_joined(p, 1), (std::vector<int>{1, 0}));
}

// RiMEA test 2: one walker up the stair. JuPedSim: v_up = 0.5 m/s, time within ±5 % of 8 m / 0.5 m/s.
TEST(RiMEA, Test2WalkingSpeedUpStairs) {
    const plan::Plan p = rimea_stair_plan();
    scenario::Scenario sc;
    sc.duration = 120;
    scenario::Group g = walker("up", 1);
    g.start.polygon = {{4.9, 1.3}, {5.1, 1.3}, {5.1, 1.5}, {4.9, 1.5}};
    scenario::Activity a;
    a.kind = "room";
    a.target = "hall-2";
    a.dwell_min = a.dwell_max = 1;
    g.activities = {a};
    sc.groups = {g};
    const scenario::RunResult r = run(p, sc);
    ASSERT_EQ(r.stairs.size(), 1u);
    EXPECT_EQ(r.stairs[0].up, 1);
    EXPECT_EQ(r.stairs[0].down, 1);  // and back down to the exit
    std::printf("RiMEA 2: 8 m up the stair in %.2f s (band [15.2, 16.8])\n", r.stairs[0].mean_up_s);
    EXPECT_GE(r.stairs[0].mean_up_s, 15.2);
    EXPECT_LE(r.stairs[0].mean_up_s, 16.8);
    EXPECT_EQ(r.sim.agents_arrived, 1);
    EXPECT_EQ(r.targets_missed, 0);
    ASSERT_EQ(r.levels.size(), 2u);
    EXPECT_EQ(r.levels[0].agents_started, 1);
    EXPECT_GT(r.levels[1].last_occupied, r.stairs[0].first);
}

// RiMEA test 3: one walker down the stair. JuPedSim: v_down = 0.65 m/s, ±5 % of 8 m / 0.65 m/s.
TEST(RiMEA, Test3WalkingSpeedDownStairs) {
    const plan::Plan p = rimea_stair_plan();
    scenario::Scenario sc;
    sc.duration = 120;
    sc.alarm_time = 0;
    scenario::Group g = walker("down", 1);
    g.start.room = "hall-2";
    sc.groups = {g};
    const scenario::RunResult r = run(p, sc);
    ASSERT_EQ(r.stairs.size(), 1u);
    EXPECT_EQ(r.stairs[0].down, 1);
    EXPECT_EQ(r.stairs[0].up, 0);
    std::printf("RiMEA 3: 8 m down the stair in %.2f s (band [11.69, 12.92])\n", r.stairs[0].mean_down_s);
    EXPECT_GE(r.stairs[0].mean_down_s, 11.69);
    EXPECT_LE(r.stairs[0].mean_down_s, 12.92);
    EXPECT_EQ(r.sim.agents_arrived, 1);
    EXPECT_EQ(r.levels[1].agents_started, 1);
    EXPECT_EQ(r.levels[0].agents_started, 0);
    // Upstairs was clear when the walker changed level, the building when it left.
    EXPECT_LE(r.levels[1].last_occupied, r.stairs[0].last + 0.1);
    EXPECT_NEAR(r.levels[0].last_occupied, r.evacuation_time, 0.1);
}

// A crowd upstairs leaves by the stair alone: everyone gets out, the stair carries them all, and its
// flow is what limits the evacuation (a narrower stair takes longer, at a lower flow).
TEST(Stairs, CrowdDownAStairIsItsBottleneck) {
    auto evacuate = [](double width) {
        const plan::Plan p = rimea_stair_plan(width);
        scenario::Scenario sc;
        sc.duration = 600;
        sc.alarm_time = 0;
        scenario::Group g = walker("upstairs", 60);
        g.speed = {1.0, 1.6, 1.3, 0.15};
        g.start.room = "hall-2";
        sc.groups = {g};
        return run(p, sc);
    };
    const scenario::RunResult wide = evacuate(2.0), narrow = evacuate(1.0);
    for (const auto* r : {&wide, &narrow}) {
        EXPECT_EQ(r->sim.agents_arrived, 60);
        EXPECT_EQ(r->stairs[0].down, 60);
        EXPECT_GT(r->stairs[0].flow, 0.0);
        EXPECT_LT(r->sim.max_overlap, 0.05);
        EXPECT_EQ(r->sim.wall_penetrations, 0);
    }
    std::printf("60 down a 2 m stair: out at %.1f s, flow %.2f /s; 1 m stair: out at %.1f s, flow %.2f /s\n",
                wide.evacuation_time, wide.stairs[0].flow, narrow.evacuation_time, narrow.stairs[0].flow);
    EXPECT_GT(narrow.evacuation_time, wide.evacuation_time);
    EXPECT_LT(narrow.stairs[0].flow, wide.stairs[0].flow);
    // Specific flows stay under the empirical bottleneck maximum of 1.9 persons/(m·s) (§2.4 of the
    // reference), which no crowd beats.
    for (const auto* r : {&wide, &narrow}) {
        EXPECT_LE(r->stairs[0].flow / r->stairs[0].width, 1.9);
        EXPECT_GE(r->stairs[0].flow / r->stairs[0].width, 0.5);
    }
    EXPECT_GT(wide.stairs[0].max_on_flight, 3);
}

// The find-a-book route to a shelf upstairs starts at the ground level's entrance, climbs the stair and
// ends in front of the section.
TEST(Stairs, RouteToAShelfUpstairsStartsAtTheGroundEntrance) {
    plan::Plan p = rimea_stair_plan();
    plan::Furniture f;
    f.id = "range-up";
    f.type = "shelf_double_steel_1800";
    f.position = {2.5, 8};
    f.yaw_deg = 90;
    p.levels[1].furniture.push_back(f);
    route::RoutePlanner planner(p, plan::FurnitureCatalog::builtin());
    shelving::Section sec;
    sec.id = "range-up/1/1";
    sec.furniture_id = "range-up";
    sec.level_id = "L2";
    sec.face = 1;
    sec.number = 1;
    const auto r = planner.route(sec);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->error_key, "") << r->error();
    ASSERT_EQ(r->legs.size(), 2u);
    EXPECT_EQ(r->legs[0].level_id, "L1");
    EXPECT_EQ(r->legs[0].stair_id, "stair");
    EXPECT_EQ(r->legs[1].level_id, "L2");
    EXPECT_EQ(r->legs[1].stair_id, "");
    // Leg 1 starts at the entrance (2, 0) and climbs the flight: it passes the foot and reaches the head.
    EXPECT_NEAR(r->legs[0].corners.front().x, 2.0, 1e-6);
    EXPECT_NEAR(r->legs[0].corners.front().y, 0.0, 1e-6);
    EXPECT_GT(r->legs[0].corners.back().y, 11.0);
    EXPECT_NEAR(r->legs[0].corners.back().x, 5.0, 0.8);
    // Leg 2 on the upper level's own coordinates: from the landing beyond the head to the section.
    EXPECT_GT(r->legs[1].corners.front().y, 11.0);
    EXPECT_LT(r->legs[1].corners.front().x, 10.0);
    EXPECT_NEAR(r->legs[1].corners.back().x, r->goal.x, 0.05);
    EXPECT_NEAR(r->legs[1].corners.back().y, r->goal.y, 0.05);
    EXPECT_EQ(r->corners, r->legs[1].corners);
    EXPECT_NEAR(r->length, r->legs[0].length + r->legs[1].length, 1e-9);
    // At least the climb (8 m) and the walk from the entrance to the foot (3 m).
    EXPECT_GT(r->legs[0].length, 11.0);
    // Without the stair, the level has no entrance of its own.
    p.stairs.clear();
    route::RoutePlanner alone(p, plan::FurnitureCatalog::builtin());
    const auto none = alone.route(sec);
    ASSERT_TRUE(none);
    EXPECT_EQ(none->error_key, "sim.route.no_entrance");
}

}  // namespace
