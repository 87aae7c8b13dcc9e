#include <shuxiang/nav/navmesh.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace shuxiang::geometry;
using shuxiang::nav::NavMesh;
using shuxiang::nav::NavParams;
using shuxiang::nav::PathStatus;

TEST(NavMesh, StraightPathInOpenRoom) {
    WalkableArea a;
    a.add_accessible(rectangle(0, 0, 10, 10));
    NavMesh nav;
    ASSERT_TRUE(nav.build(a, {0.25, 0.05})) << nav.error();
    // Eroded by the radius: (10 - 2*0.25)^2 = 90.25 m², within the contour tolerance.
    EXPECT_NEAR(nav.mesh_area(), 90.25, 1.0);
    auto p = nav.find_path({1, 1}, {9, 9});
    ASSERT_EQ(p.status, PathStatus::Ok);
    ASSERT_EQ(p.corners.size(), 2u);
    EXPECT_NEAR(p.length, std::sqrt(128.0), 0.02);
}

TEST(NavMesh, PathBendsAroundObstacleCorner) {
    // A 6 m wall-like obstacle from y=0 to y=6 at x in [4,5]; path from (2,1) to (7,1) must go over
    // its top corners, shifted outward by the agent radius.
    WalkableArea a;
    a.add_accessible(rectangle(0, 0, 10, 10));
    a.add_obstacle(rectangle(4, 0, 5, 6));
    NavMesh nav;
    ASSERT_TRUE(nav.build(a, {0.2, 0.05})) << nav.error();
    auto p = nav.find_path({2, 1}, {7, 1});
    ASSERT_EQ(p.status, PathStatus::Ok);
    ASSERT_GE(p.corners.size(), 4u);
    // Bounds by hand: hugging the bare obstacle corners (4,6), (5,6) gives 2*hypot(2,5) + 1 = 11.77 m;
    // going round the square offset corners (3.8,6.2), (5.2,6.2) gives 2*hypot(1.8,5.2) + 1.4 = 12.41 m.
    // Recast's erosion rounds the corners, so the path lies between the two.
    EXPECT_GT(p.length, 2 * std::hypot(2.0, 5.0) + 1.0);
    EXPECT_LT(p.length, 2 * std::hypot(1.8, 5.2) + 1.4 + 0.02);
    for (auto& c : p.corners) EXPECT_FALSE(c.x > 3.9 && c.x < 5.1 && c.y < 6.1) << c.x << "," << c.y;
}

TEST(NavMesh, ReportsUnreachableTargets) {
    WalkableArea a;
    a.add_accessible(rectangle(0, 0, 4, 4));
    a.add_accessible(rectangle(5, 0, 9, 4));  // separate room, no door
    NavMesh nav;
    ASSERT_TRUE(nav.build(a)) << nav.error();
    EXPECT_EQ(nav.find_path({1, 1}, {7, 2}).status, PathStatus::Unreachable);
    EXPECT_EQ(nav.find_path({1, 1}, {20, 2}).status, PathStatus::GoalOffMesh);
    EXPECT_EQ(nav.find_path({-5, 1}, {2, 2}).status, PathStatus::StartOffMesh);
    EXPECT_TRUE(nav.reachable({1, 1}, {3, 3}));
}

TEST(NavMesh, AgentRadiusDecidesNarrowDoors) {
    // Two rooms joined by a 0.46 m gap: a pupil (0.2 m, needs 0.4 m) passes, an adult (0.25 m) not.
    WalkableArea a;
    a.add_accessible(rectangle(0, 0, 4, 4));
    a.add_accessible(rectangle(4, 1.77, 4.3, 2.23));
    a.add_accessible(rectangle(4.3, 0, 8.3, 4));
    NavMesh pupil, adult;
    ASSERT_TRUE(pupil.build(a, {0.2, 0.02})) << pupil.error();
    ASSERT_TRUE(adult.build(a, {0.25, 0.02})) << adult.error();
    EXPECT_TRUE(pupil.reachable({1, 2}, {7, 2}));
    EXPECT_FALSE(adult.reachable({1, 2}, {7, 2}));
}
