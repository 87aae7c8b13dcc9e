#include <shuxiang/geometry/walkable_area.hpp>

#include <gtest/gtest.h>

using namespace shuxiang::geometry;

TEST(Geometry, PolygonAreaCentroidAndContainment) {
    Polygon l{{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 3}, {0, 3}};  // L shape: 4 + 2 = 6 m²
    EXPECT_DOUBLE_EQ(area(l), 6.0);
    Vec2 c = centroid(l);
    // Moments: rect 4x1 at (2,0.5) weight 4; rect 1x2 at (0.5,2) weight 2.
    EXPECT_NEAR(c.x, (4 * 2.0 + 2 * 0.5) / 6, 1e-12);
    EXPECT_NEAR(c.y, (4 * 0.5 + 2 * 2.0) / 6, 1e-12);
    EXPECT_TRUE(point_in_polygon(l, {0.5, 2.5}));
    EXPECT_FALSE(point_in_polygon(l, {2.5, 2.5}));
}

TEST(Geometry, WalkableAreaSubtractsObstacles) {
    WalkableArea a;
    a.add_accessible(rectangle(0, 0, 10, 10));
    a.add_obstacle(rectangle(2, 2, 4, 5));
    EXPECT_TRUE(a.contains({1, 1}));
    EXPECT_FALSE(a.contains({3, 3}));
    EXPECT_FALSE(a.contains({11, 1}));
    EXPECT_NEAR(a.area_estimate(0.05), 100.0 - 6.0, 1e-6);
}

TEST(Geometry, WallsSkipSharedEdgesAndDoorOpenings) {
    // Two 4x4 rooms joined by a 1 m door passage (0.2 m deep) in the middle of the shared wall.
    WalkableArea a;
    a.add_accessible(rectangle(0, 0, 4, 4));
    a.add_accessible(rectangle(4, 1.5, 4.2, 2.5));
    a.add_accessible(rectangle(4.2, 0, 8.2, 4));
    auto walls = a.walls();
    double total = 0;
    for (auto& w : walls) total += norm(w.b - w.a);
    // Outline of both rooms (2 * 16 m) minus the two 1 m door gaps, plus the passage sides 2 * 0.2 m.
    EXPECT_NEAR(total, 32.0 - 2.0 + 0.4, 1e-9);
    for (auto& w : walls) {
        Vec2 m = (w.a + w.b) * 0.5;
        // No wall piece lies inside the door opening on the room side.
        EXPECT_FALSE(std::abs(m.x - 4.0) < 1e-9 && m.y > 1.5 && m.y < 2.5);
    }
}

TEST(Geometry, SegmentDistances) {
    Segment s{{0, 0}, {2, 0}};
    EXPECT_DOUBLE_EQ(distance(s, {1, 1}), 1.0);
    EXPECT_DOUBLE_EQ(distance(s, {3, 0}), 1.0);
    EXPECT_TRUE(segments_cross({1, -1}, {1, 1}, {0, 0}, {2, 0}));
    EXPECT_FALSE(segments_cross({3, -1}, {3, 1}, {0, 0}, {2, 0}));
    EXPECT_DOUBLE_EQ(segment_distance(s, Segment{{0, 0.5}, {2, 0.5}}), 0.5);
}
