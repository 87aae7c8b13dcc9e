// Every geometry query against values computed by hand (the arithmetic is in the comments).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "shuxiang/plan/geometry.hpp"
#include "test_support.hpp"

using namespace shuxiang::plan;
using namespace sxtest;

namespace {

constexpr double kTol = 1e-9;

// L-shaped reading room: a 10 × 4 strip plus a 4 × 4 arm on its west end.
const std::vector<Vec2> kL{{0, 0}, {10, 0}, {10, 4}, {4, 4}, {4, 8}, {0, 8}};

Vec2 rot30(Vec2 p) {
    const double c = std::cos(std::numbers::pi / 6), s = std::sin(std::numbers::pi / 6);
    return {c * p.x - s * p.y, s * p.x + c * p.y};
}

const Aisle* find_aisle(const std::vector<Aisle>& v, const std::string& a, const std::string& b) {
    for (const Aisle& x : v)
        if ((x.a == a && x.b == b) || (x.a == b && x.b == a)) return &x;
    return nullptr;
}

}  // namespace

TEST(PlanGeometry, LShapedAreaAndPointInPolygon) {
    // 10 × 4 + 4 × 4 = 40 + 16 = 56 m², positive because counter-clockwise.
    EXPECT_NEAR(signed_area(kL), 56.0, kTol);
    EXPECT_NEAR(polygon_area(kL), 56.0, kTol);
    std::vector<Vec2> cw(kL.rbegin(), kL.rend());
    EXPECT_NEAR(signed_area(cw), -56.0, kTol);
    EXPECT_NEAR(polygon_area(cw), 56.0, kTol);
    // Centroid: strip (40 m², centre (5, 2)) and arm (16 m², centre (2, 6)):
    // x = (40·5 + 16·2) / 56 = 232 / 56 = 4.142857…, y = (40·2 + 16·6) / 56 = 176 / 56 = 3.142857…
    const Vec2 c = polygon_centroid(kL);
    EXPECT_NEAR(c.x, 232.0 / 56.0, kTol);
    EXPECT_NEAR(c.y, 176.0 / 56.0, kTol);

    EXPECT_TRUE(point_in_polygon({2, 6}, kL));    // in the arm
    EXPECT_TRUE(point_in_polygon({8, 2}, kL));    // in the strip
    EXPECT_FALSE(point_in_polygon({6, 6}, kL));   // in the notch of the L
    EXPECT_TRUE(point_in_polygon({10, 2}, kL));   // on the east edge: boundary counts
    EXPECT_TRUE(point_in_polygon({4, 6}, kL));    // on the inner edge
    EXPECT_FALSE(point_in_polygon({-0.01, 1}, kL));
}

TEST(PlanGeometry, SegmentAndPolylineHelpers) {
    EXPECT_TRUE(segments_intersect({0, 0}, {2, 2}, {0, 2}, {2, 0}));
    EXPECT_TRUE(segments_intersect({0, 0}, {2, 0}, {2, 0}, {3, 1}));  // shared end point
    EXPECT_FALSE(segments_intersect({0, 0}, {1, 0}, {2, 0}, {3, 0}));  // collinear, apart
    EXPECT_FALSE(polygon_self_intersects(kL));
    EXPECT_TRUE(polygon_self_intersects({{0, 0}, {2, 2}, {2, 0}, {0, 2}}));  // bow tie
    // Distance from (1, 1) to the segment (0,0)-(2,0) is 1; to (3,0)-(5,0) it is |(1,1)-(3,0)| = √5.
    EXPECT_NEAR(point_segment_distance({1, 1}, {0, 0}, {2, 0}), 1.0, kTol);
    EXPECT_NEAR(point_segment_distance({1, 1}, {3, 0}, {5, 0}), std::sqrt(5.0), kTol);
    // Polyline (0,0)→(4,0)→(4,3): length 4 + 3 = 7; 5.5 m along is 1.5 m up the second leg.
    const std::vector<Vec2> pl{{0, 0}, {4, 0}, {4, 3}};
    EXPECT_NEAR(polyline_length(pl), 7.0, kTol);
    const auto p = point_along_polyline(pl, 5.5);
    ASSERT_TRUE(p);
    EXPECT_NEAR(p->point.x, 4.0, kTol);
    EXPECT_NEAR(p->point.y, 1.5, kTol);
    EXPECT_NEAR(p->direction.y, 1.0, kTol);
    // Wall (0,0)-(4,0) 0.24 thick: a 4 × 0.24 rectangle from y = -0.12 to 0.12, area 0.96.
    const auto wp = wall_segment_polygon({0, 0}, {4, 0}, 0.24);
    EXPECT_NEAR(polygon_area(wp), 0.96, kTol);
    EXPECT_NEAR(signed_area(wp), 0.96, kTol);  // counter-clockwise
}

namespace {

// Reading room (the L), a rest zone inside its arm, and stacks east of it.
Plan seats_plan() {
    Plan p;
    Level l;
    l.id = "L1";
    l.rooms.push_back(room("reading", RoomKind::Reading, kL));
    l.rooms.push_back(rect_room("rest", RoomKind::Rest, 0, 5, 3, 8));
    l.rooms.push_back(rect_room("stacks", RoomKind::Stacks, 10, 0, 16, 8));
    l.furniture.push_back(item("t1", "table6", 2, 2));
    l.furniture.push_back(item("t2", "table6", 7, 2));
    l.furniture.push_back(item("s1", "sofa", 1.5, 6.5));  // in the zone and in the L: the zone wins
    l.furniture.push_back(item("r1", "dbl", 13, 2));
    Furniture r2 = item("r2", "dbl", 13, 5);
    r2.sections = 3;
    l.furniture.push_back(r2);
    l.furniture.push_back(item("out", "table6", 20, 20));  // outside every room
    l.furniture.push_back(item("ghost", "no_such_type", 2, 3));
    p.levels.push_back(l);
    return p;
}

}  // namespace

TEST(PlanGeometry, SeatsShelfMetresAndCountsPerRoom) {
    const auto cat = test_catalog();
    const auto stats = room_stats(seats_plan(), cat);
    ASSERT_EQ(stats.size(), 3u);
    const RoomStats &reading = stats[0], &rest = stats[1], &stacks = stats[2];
    // reading: two 6-seat tables = 12 seats; the sofa belongs to the zone.
    EXPECT_EQ(reading.room, "reading");
    EXPECT_NEAR(reading.area, 56.0, kTol);
    EXPECT_EQ(reading.seats, 12);
    EXPECT_EQ(reading.furniture, 2);
    EXPECT_EQ(reading.counts.at(FurnitureCategory::ReadingTable), 2);
    EXPECT_EQ(reading.shelf_metres, 0.0);
    EXPECT_TRUE(reading.inside.empty());
    // rest zone: 3 × 3 = 9 m², the sofa's 3 seats, inside the reading room.
    EXPECT_NEAR(rest.area, 9.0, kTol);
    EXPECT_EQ(rest.seats, 3);
    EXPECT_EQ(rest.counts.at(FurnitureCategory::Sofa), 1);
    EXPECT_EQ(rest.inside, "reading");
    // stacks: 6 × 8 = 48 m²; r1 5 × 0.9 × 6 × 2 = 54 m, r2 (3 sections) 3 × 0.9 × 6 × 2 = 32.4 m → 86.4 m.
    EXPECT_NEAR(stacks.area, 48.0, kTol);
    EXPECT_NEAR(stacks.shelf_metres, 86.4, 1e-9);
    EXPECT_EQ(stacks.seats, 0);
    EXPECT_EQ(stacks.counts.at(FurnitureCategory::ShelvingDouble), 2);

    const PlanSummary s = summarize(seats_plan(), cat);
    // 56 + 48 = 104 m² (the zone is inside the reading room and is not added again).
    EXPECT_NEAR(s.total_area, 104.0, kTol);
    EXPECT_EQ(s.total_seats, 15);  // 12 + 3; the table outside every room counts nowhere
    EXPECT_NEAR(s.total_shelf_metres, 86.4, 1e-9);
    EXPECT_EQ(s.furniture, 7u);
    EXPECT_EQ(s.furniture_outside_rooms, 1u);
    EXPECT_EQ(s.unknown_types, std::vector<std::string>{"no_such_type"});
    EXPECT_EQ(room_at(seats_plan().levels[0], {6, 6}), nullptr);  // the notch of the L
}

TEST(PlanGeometry, OverlapVersusTouching) {
    const auto cat = test_catalog();
    auto overlaps_of = [&](std::vector<Furniture> items) {
        Plan p;
        Level l;
        l.id = "L1";
        l.furniture = std::move(items);
        p.levels.push_back(l);
        return furniture_overlaps(p, cat);
    };
    // Two 4.5 × 0.6 ranges side by side: y ∈ [-0.3, 0.3] and [0.3, 0.9] share only the line y = 0.3.
    EXPECT_TRUE(overlaps_of({item("a", "dbl", 0, 0), item("b", "dbl", 0, 0.6)}).empty());
    // 0.1 m closer: y ∈ [0.2, 0.8] overlaps [-0.3, 0.3] by 0.3 - 0.2 = 0.1 m.
    auto o = overlaps_of({item("a", "dbl", 0, 0), item("b", "dbl", 0, 0.5)});
    ASSERT_EQ(o.size(), 1u);
    EXPECT_EQ(o[0].a, "a");
    EXPECT_EQ(o[0].b, "b");
    EXPECT_NEAR(o[0].depth, 0.1, 1e-9);
    // End to end: x ∈ [-2.25, 2.25] and [2.25, 6.75] touch; at 4.4 they overlap by 2.25 - 2.15 = 0.1.
    EXPECT_TRUE(overlaps_of({item("a", "dbl", 0, 0), item("b", "dbl", 4.5, 0)}).empty());
    o = overlaps_of({item("a", "dbl", 0, 0), item("b", "dbl", 4.4, 0)});
    ASSERT_EQ(o.size(), 1u);
    EXPECT_NEAR(o[0].depth, 0.1, 1e-9);
}

TEST(PlanGeometry, OverlapOfRotatedFurniture) {
    const auto cat = test_catalog();
    auto overlaps_of = [&](std::vector<Furniture> items) {
        Plan p;
        Level l;
        l.id = "L1";
        l.furniture = std::move(items);
        p.levels.push_back(l);
        return furniture_overlaps(p, cat);
    };
    // Range at (3, 0) turned 90°: x ∈ [2.7, 3.3], y ∈ [-2.25, 2.25].
    // Table (1.8 × 0.9) at (1.8, 0): x ∈ [0.9, 2.7] touches; at (2.0, 0): x ∈ [1.1, 2.9], overlap 0.2.
    EXPECT_TRUE(overlaps_of({item("r", "dbl", 3, 0, 90), item("t", "table6", 1.8, 0)}).empty());
    auto o = overlaps_of({item("r", "dbl", 3, 0, 90), item("t", "table6", 2.0, 0)});
    ASSERT_EQ(o.size(), 1u);
    EXPECT_NEAR(o[0].depth, 0.2, 1e-9);
    // 1 × 1 box at the origin and one turned 30° at (d, 0). The turned box projects onto X with half
    // extent 0.5 (cos 30° + sin 30°) = 0.5 × 1.3660254 = 0.6830127. On the X axis the overlap is
    // 0.5 + 0.6830127 - d. On the turned box's axes the overlaps are larger (1.1830127 - d cos 30°
    // and 1.1830127 - d sin 30°), so the depth is the X-axis value.
    // d = 1.1: 1.1830127 - 1.1 = 0.0830127.  d = 1.2: 1.1830127 - 1.2 < 0 → apart.
    const double half = 0.5 * (std::cos(std::numbers::pi / 6) + std::sin(std::numbers::pi / 6));
    o = overlaps_of({item("a", "sq", 0, 0), item("b", "sq", 1.1, 0, 30)});
    ASSERT_EQ(o.size(), 1u);
    EXPECT_NEAR(o[0].depth, 0.5 + half - 1.1, 1e-9);
    EXPECT_NEAR(o[0].depth, 0.0830127, 1e-7);
    EXPECT_TRUE(overlaps_of({item("a", "sq", 0, 0), item("b", "sq", 1.2, 0, 30)}).empty());
    // Same yaw 30° both: the boxes are parallel; centres 0.9 apart along their own X axis overlap by
    // 1 - 0.9 = 0.1.
    const Vec2 c = rot30({0.9, 0});
    o = overlaps_of({item("a", "sq", 0, 0, 30), item("b", "sq", c.x, c.y, 30)});
    ASSERT_EQ(o.size(), 1u);
    EXPECT_NEAR(o[0].depth, 0.1, 1e-9);
}

namespace {

// Three parallel double-faced ranges north of a 0.24 m thick wall on y = 0 (its face at y = 0.12):
//   A at (5, 1.5): y ∈ [1.2, 1.8], x ∈ [2.75, 7.25]
//   B at (5, 3.2): y ∈ [2.9, 3.5], x ∈ [2.75, 7.25]
//   C at (5, 5.0), 3 sections (2.7 m): y ∈ [4.7, 5.3], x ∈ [3.65, 6.35]
// transformed by `tf` (identity, a quarter turn, 30°), yaws turned with it.
template <typename Tf>
Plan aisle_plan(Tf tf, double turn_deg) {
    Plan p;
    Level l;
    l.id = "L1";
    l.walls.push_back(wall("south", {tf(Vec2{0, 0}), tf(Vec2{10, 0})}, 0.24));
    const Vec2 a = tf(Vec2{5, 1.5}), b = tf(Vec2{5, 3.2}), c = tf(Vec2{5, 5.0});
    l.furniture.push_back(item("A", "dbl", a.x, a.y, turn_deg));
    l.furniture.push_back(item("B", "dbl", b.x, b.y, turn_deg));
    Furniture fc = item("C", "dbl", c.x, c.y, turn_deg);
    fc.sections = 3;
    l.furniture.push_back(fc);
    l.furniture.push_back(item("T", "table6", tf(Vec2{5, 8}).x, tf(Vec2{5, 8}).y, turn_deg));  // not shelving
    p.levels.push_back(l);
    return p;
}

// Expected aisles (the same in every frame):
//   A–B: 2.9 - 1.8 = 1.1 m wide, 4.5 m long, midpoint (5, (1.8 + 2.9) / 2) = (5, 2.35)
//   B–C: 4.7 - 3.5 = 1.2 m wide, 2.7 m long (C's x extent), midpoint (5, 4.1)
//   A–wall: 1.2 - 0.12 = 1.08 m wide (from the wall face, not its centre line), midpoint (5, 0.66)
//   A–C (2.9 m apart) is hidden by B; B–wall by A; the table neither bounds nor blocks.
template <typename Tf>
void expect_aisles(const std::vector<Aisle>& v, Tf tf, Vec2 dir) {
    ASSERT_EQ(v.size(), 3u);
    const Aisle* ab = find_aisle(v, "A", "B");
    const Aisle* bc = find_aisle(v, "B", "C");
    const Aisle* aw = find_aisle(v, "A", "south");
    ASSERT_TRUE(ab && bc && aw);
    EXPECT_NEAR(ab->width, 1.1, 1e-9);
    EXPECT_NEAR(ab->length, 4.5, 1e-9);
    EXPECT_NEAR(bc->width, 1.2, 1e-9);
    EXPECT_NEAR(bc->length, 2.7, 1e-9);
    EXPECT_NEAR(aw->width, 1.08, 1e-9);
    EXPECT_TRUE(aw->b_is_wall);
    EXPECT_FALSE(ab->b_is_wall);
    const Vec2 m_ab = tf(Vec2{5, 2.35}), m_bc = tf(Vec2{5, 4.1}), m_aw = tf(Vec2{5, 0.66});
    EXPECT_NEAR(ab->midpoint.x, m_ab.x, 1e-9);
    EXPECT_NEAR(ab->midpoint.y, m_ab.y, 1e-9);
    EXPECT_NEAR(bc->midpoint.x, m_bc.x, 1e-9);
    EXPECT_NEAR(bc->midpoint.y, m_bc.y, 1e-9);
    EXPECT_NEAR(aw->midpoint.x, m_aw.x, 1e-9);
    EXPECT_NEAR(aw->midpoint.y, m_aw.y, 1e-9);
    for (const Aisle* x : {ab, bc, aw}) {
        EXPECT_NEAR(x->direction.x, dir.x, 1e-9);
        EXPECT_NEAR(x->direction.y, dir.y, 1e-9);
    }
}

}  // namespace

TEST(PlanGeometry, AislesBetweenParallelRangesAndToWall) {
    const auto cat = test_catalog();
    auto id = [](Vec2 p) { return p; };
    const auto v = aisles(aisle_plan(id, 0), cat);
    expect_aisles(v, id, {1, 0});
    // Only gaps up to 3 m: with max_width 1.15 the 1.2 m aisle B–C drops out.
    AisleOptions narrow;
    narrow.max_width = 1.15;
    EXPECT_EQ(aisles(aisle_plan(id, 0), cat, narrow).size(), 2u);
    // The summary's minimum is the range-to-wall aisle.
    const auto s = summarize(aisle_plan(id, 0), cat);
    ASSERT_TRUE(s.min_aisle_width);
    EXPECT_NEAR(*s.min_aisle_width, 1.08, 1e-9);
}

TEST(PlanGeometry, AislesTurned90Degrees) {
    // Quarter turn: (x, y) → (-y, x). The aisles run north: direction (0, 1); A–B midpoint (-2.35, 5).
    const auto cat = test_catalog();
    auto q = [](Vec2 p) { return Vec2{-p.y, p.x}; };
    expect_aisles(aisles(aisle_plan(q, 90), cat), q, {0, 1});
}

TEST(PlanGeometry, AislesTurned30Degrees) {
    // Turned 30°: widths unchanged; direction (cos 30°, sin 30°) = (0.8660254, 0.5); the A–B midpoint
    // (5, 2.35) becomes (5 cos30 - 2.35 sin30, 5 sin30 + 2.35 cos30) = (4.3301270 - 1.175,
    // 2.5 + 2.0351597) = (3.1551270, 4.5351597).
    const auto cat = test_catalog();
    const auto v = aisles(aisle_plan(rot30, 30), cat);
    expect_aisles(v, rot30, {std::cos(std::numbers::pi / 6), 0.5});
    const Aisle* ab = find_aisle(v, "A", "B");
    ASSERT_TRUE(ab);
    EXPECT_NEAR(ab->midpoint.x, 3.1551270, 1e-7);
    EXPECT_NEAR(ab->midpoint.y, 4.5351597, 1e-7);
}

TEST(PlanGeometry, AisleEndsAndWallsBetweenRanges) {
    const auto cat = test_catalog();
    Plan p;
    Level l;
    l.id = "L1";
    // Two ranges in a row, end to end: x ∈ [-2.25, 2.25] and [3.75, 8.25]: a 1.5 m cross aisle
    // running north-south (direction (0, 1)), 0.6 m long (the ranges' depth), midpoint (3, 0).
    l.furniture.push_back(item("P", "dbl", 0, 0));
    l.furniture.push_back(item("Q", "dbl", 6, 0));
    // A range 1.0 m north of P behind a 0.2 m wall on y = 1.0: P's face y = 0.3, wall faces 0.9 and
    // 1.1, R's face at y = 1.5. P–wall 0.6 m, R–wall 0.4 m, P–R hidden by the wall.
    l.walls.push_back(wall("mid", {{-3, 1.0}, {-1, 1.0}, {1, 1.0}}, 0.2));  // two collinear segments
    l.furniture.push_back(item("R", "dbl", 0, 1.8));
    p.levels.push_back(l);
    const auto v = aisles(p, cat);
    const Aisle* pq = find_aisle(v, "P", "Q");
    ASSERT_TRUE(pq);
    EXPECT_NEAR(pq->width, 1.5, 1e-9);
    EXPECT_NEAR(pq->length, 0.6, 1e-9);
    EXPECT_NEAR(pq->midpoint.x, 3.0, 1e-9);
    EXPECT_NEAR(pq->midpoint.y, 0.0, 1e-9);
    EXPECT_NEAR(pq->direction.x, 0.0, 1e-12);
    EXPECT_NEAR(pq->direction.y, 1.0, 1e-12);
    EXPECT_EQ(find_aisle(v, "P", "R"), nullptr);
    const Aisle* pw = find_aisle(v, "P", "mid");
    const Aisle* rw = find_aisle(v, "R", "mid");
    ASSERT_TRUE(pw && rw);
    EXPECT_NEAR(pw->width, 0.6, 1e-9);
    EXPECT_NEAR(rw->width, 0.4, 1e-9);
    // Each of the wall's two collinear segments finds the same gap; one copy per pair is kept.
    EXPECT_EQ(std::count_if(v.begin(), v.end(), [](const Aisle& a) { return a.b == "mid"; }), 2);
    EXPECT_EQ(v.size(), 3u);
}

namespace {

// Hall H, reading R, stacks S in a row along a front wall (entrance into H); workroom W north of H
// behind a wall with only a window, and an emergency exit to the outside. Zone Z inside R.
Plan reach_plan() {
    Plan p;
    Level l;
    l.id = "G";
    l.rooms.push_back(rect_room("H", RoomKind::Circulation, 0, 0, 5, 5));
    l.rooms.push_back(rect_room("R", RoomKind::Reading, 5, 0, 10, 5));
    l.rooms.push_back(rect_room("S", RoomKind::Stacks, 10, 0, 15, 5));
    l.rooms.push_back(rect_room("W", RoomKind::Workroom, 0, 5, 5, 10));
    l.rooms.push_back(rect_room("Z", RoomKind::Rest, 6, 1, 8, 3));
    l.walls.push_back(wall("front", {{0, 0}, {15, 0}}, 0.2));
    l.walls.push_back(wall("hr", {{5, 0}, {5, 5}}, 0.2));
    l.walls.push_back(wall("rs", {{10, 0}, {10, 5}}, 0.2));
    l.walls.push_back(wall("hw", {{0, 5}, {5, 5}}, 0.2));
    l.walls.push_back(wall("back", {{0, 10}, {5, 10}}, 0.2));
    l.openings.push_back(door("entry", "front", 2.5, true));
    l.openings.push_back(door("d_hr", "hr", 2.5));
    l.openings.push_back(door("d_rs", "rs", 2.5));
    l.openings.push_back(door("win", "hw", 2.5, false, OpeningKind::Window));
    l.openings.push_back(door("exit", "back", 2.5, false, OpeningKind::EmergencyExit));
    p.levels.push_back(l);
    Level up;
    up.id = "L2";
    up.rooms.push_back(rect_room("U", RoomKind::Reading, 0, 0, 5, 5));
    p.levels.push_back(up);
    return p;
}

}  // namespace

TEST(PlanGeometry, DoorSides) {
    const Plan p = reach_plan();
    const Level& l = p.levels[0];
    // The entrance is 2.5 m along (0,0)→(15,0): at (2.5, 0). The wall's left normal is (0, 1); probes
    // at 0.1 + 0.1 = 0.2 m: (2.5, 0.2) in H, (2.5, -0.2) outside.
    auto s = door_sides(l, l.openings[0]);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->left);
    EXPECT_EQ(s->left->id, "H");
    EXPECT_EQ(s->right, nullptr);
    // Wall hr runs north, left normal (-1, 0): left probe (4.8, 2.5) in H, right (5.2, 2.5) in R.
    s = door_sides(l, l.openings[1]);
    ASSERT_TRUE(s && s->left && s->right);
    EXPECT_EQ(s->left->id, "H");
    EXPECT_EQ(s->right->id, "R");
    Opening bad = door("bad", "no_wall", 1);
    EXPECT_FALSE(door_sides(l, bad));
}

TEST(PlanGeometry, ReachabilityThroughDoors) {
    const Reachability r = reachability(reach_plan());
    // entry → H → (d_hr) R → (d_rs) S; Z is a zone inside R. W has only a window to H and an
    // emergency exit to the outside, which does not join it to anything.
    std::vector<RoomRef> reach = r.reachable;
    std::sort(reach.begin(), reach.end());
    EXPECT_EQ(reach, (std::vector<RoomRef>{{"G", "H"}, {"G", "R"}, {"G", "S"}, {"G", "Z"}}));
    EXPECT_EQ(r.unreachable, (std::vector<RoomRef>{{"G", "W"}}));
    EXPECT_EQ(r.levels_without_entrance, std::vector<std::string>{"L2"});

    // A door in the wall between H and W (at (2.5, 5)) makes W reachable.
    Plan p = reach_plan();
    p.levels[0].openings.push_back(door("d_hw", "hw", 2.5));
    EXPECT_TRUE(reachability(p).unreachable.empty());
    // Without the door between H and R, R, Z and S are cut off.
    p = reach_plan();
    p.levels[0].openings.erase(p.levels[0].openings.begin() + 1);
    const auto r2 = reachability(p);
    EXPECT_EQ(r2.reachable, (std::vector<RoomRef>{{"G", "H"}}));
    EXPECT_EQ(r2.unreachable.size(), 4u);
}

TEST(PlanGeometry, ConvexHullAndSatDepth) {
    // Hull of a square with an inner point and a collinear edge point: the 4 corners.
    const auto h = convex_hull({{0, 0}, {2, 0}, {1, 0}, {2, 2}, {0, 2}, {1, 1}});
    EXPECT_EQ(h.size(), 4u);
    EXPECT_NEAR(signed_area(h), 4.0, kTol);
    // Unit squares apart by 0.5: the separating axis gives -0.5.
    const std::vector<Vec2> a{{0, 0}, {1, 0}, {1, 1}, {0, 1}}, b{{1.5, 0}, {2.5, 0}, {2.5, 1}, {1.5, 1}};
    EXPECT_NEAR(convex_overlap_depth(a, b), -0.5, kTol);
    // A small square inside a big one: pushing out takes the shorter way (0.25 + 0.5 = 0.75 m).
    const std::vector<Vec2> big{{0, 0}, {4, 0}, {4, 4}, {0, 4}}, small{{0.25, 1}, {0.75, 1}, {0.75, 1.5}, {0.25, 1.5}};
    EXPECT_NEAR(convex_overlap_depth(big, small), 0.75, kTol);
}

TEST(PlanGeometry, SingleFacedRangeEndToWall) {
    const auto cat = test_catalog();
    Plan p;
    Level l;
    l.id = "L1";
    l.rooms.push_back(rect_room("stacks", RoomKind::Stacks, 0, -5, 10, 5));
    // A 0.3 m wall on x = 10: its face at 10 - 0.15 = 9.85. The single-faced range at (8, 0) spans
    // x ∈ [8 - 1.35, 8 + 1.35] = [6.65, 9.35], y ∈ [-0.15, 0.15]. End-to-wall gap 9.85 - 9.35 = 0.5 m,
    // running north along the wall, 0.3 m long (the range's depth), midpoint ((9.35 + 9.85) / 2, 0).
    l.walls.push_back(wall("east", {{10, -5}, {10, 5}}, 0.3));
    l.furniture.push_back(item("S", "sgl", 8, 0));
    p.levels.push_back(l);
    const auto v = aisles(p, cat);
    ASSERT_EQ(v.size(), 1u);
    EXPECT_EQ(v[0].b, "east");
    EXPECT_NEAR(v[0].width, 0.5, 1e-9);
    EXPECT_NEAR(v[0].length, 0.3, 1e-9);
    EXPECT_NEAR(v[0].midpoint.x, 9.6, 1e-9);
    EXPECT_NEAR(v[0].midpoint.y, 0.0, 1e-9);
    EXPECT_NEAR(v[0].direction.x, 0.0, 1e-12);
    EXPECT_NEAR(v[0].direction.y, 1.0, 1e-12);
    // Shelf: 3 sections × 0.9 m × 5 levels × 1 face = 13.5 m; with 4 sections 4 × 0.9 × 5 = 18 m.
    EXPECT_NEAR(room_stats(p, cat)[0].shelf_metres, 13.5, 1e-9);
    p.levels[0].furniture[0].sections = 4;
    EXPECT_NEAR(room_stats(p, cat)[0].shelf_metres, 18.0, 1e-9);
    EXPECT_EQ(room_stats(p, cat)[0].counts.at(FurnitureCategory::ShelvingSingle), 1);
}

TEST(PlanGeometry, RecessesAtRangeEndsAreNotAisles) {
    const auto cat = test_catalog();
    Plan p;
    Level l;
    l.id = "L1";
    // A 0.2 m wall on y = 0 (face at y = 0.1) and a 0.2 m wall on x = 0 (face at x = 0.1). Two
    // single-faced shelves backed against the y = 0 wall: y ∈ [0.1, 0.4];
    //   W1 at (2, 0.25): x ∈ [0.65, 3.35];  W2 at (5, 0.25): x ∈ [3.65, 6.35].
    // The 0.3 m gap between them and the 0.55 m gap between W1 and the x = 0 wall are closed behind by
    // the y = 0 wall: recesses, not aisles.
    l.walls.push_back(wall("south", {{-1, 0}, {10, 0}}, 0.2));
    l.walls.push_back(wall("west", {{0, -1}, {0, 8}}, 0.2));
    l.furniture.push_back(item("W1", "sgl", 2, 0.25));
    l.furniture.push_back(item("W2", "sgl", 5, 0.25));
    // Two freestanding ranges end to end further north: x ∈ [0.75, 5.25] and [6.75, 11.25] at y = 4:
    // a 1.5 m cross aisle, open at both sides, is kept. R1's west end is 0.75 - 0.1 = 0.65 m from the
    // west wall's face, open at both sides too: kept.
    l.furniture.push_back(item("R1", "dbl", 3, 4));
    l.furniture.push_back(item("R2", "dbl", 9, 4));
    p.levels.push_back(l);
    const auto v = aisles(p, cat);
    EXPECT_EQ(find_aisle(v, "W1", "W2"), nullptr);
    EXPECT_EQ(find_aisle(v, "W1", "west"), nullptr);
    const Aisle* rr = find_aisle(v, "R1", "R2");
    ASSERT_TRUE(rr);
    EXPECT_NEAR(rr->width, 1.5, 1e-9);
    const Aisle* rw = find_aisle(v, "R1", "west");
    ASSERT_TRUE(rw);
    EXPECT_NEAR(rw->width, 0.65, 1e-9);
    // The shelves' fronts (y = 0.4) face R1's south face (4 - 0.3 = 3.7): 3.3 m, wider than 3 m.
    EXPECT_EQ(v.size(), 2u);
}

TEST(PlanGeometry, RoomAreaIsMeasuredOnTheInnerFacesOfItsWalls) {
    // A 12 × 8 m room drawn on the centre lines of a loop of 0.2 m walls: 11.8 × 7.8 = 92.04 m².
    Level l;
    Room r;
    r.id = "r";
    r.polygon = {{0, 0}, {12, 0}, {12, 8}, {0, 8}};
    l.rooms.push_back(r);
    l.walls.push_back({"loop", {{0, 0}, {12, 0}, {12, 8}, {0, 8}, {0, 0}}, 0.2, 3.0});
    EXPECT_NEAR(room_area(l, l.rooms[0]), 92.04, 1e-9);
    EXPECT_NEAR(polygon_area(l.rooms[0].polygon), 96.0, 1e-9);  // the polygon itself stays
    // Drawn clockwise, the same.
    std::reverse(l.rooms[0].polygon.begin(), l.rooms[0].polygon.end());
    EXPECT_NEAR(room_area(l, l.rooms[0]), 92.04, 1e-9);
    // Walls of different thickness each give half of theirs: a 0.3 m south wall as its own piece.
    l.walls = {{"s", {{0, 0}, {12, 0}}, 0.3, 3.0}, {"rest", {{12, 0}, {12, 8}, {0, 8}, {0, 0}}, 0.2, 3.0}};
    EXPECT_NEAR(room_area(l, l.rooms[0]), 11.8 * (8 - 0.15 - 0.1), 1e-9);
    // A room drawn on the inner faces keeps its area; a side with no wall (open to a hall) too.
    Room inner = r;
    inner.polygon = {{0.1, 0.1}, {11.9, 0.1}, {11.9, 7.9}, {0.1, 7.9}};
    EXPECT_NEAR(room_area(l, inner), 92.04, 1e-9);
    l.walls = {{"s", {{0, 0}, {12, 0}}, 0.2, 3.0}};
    EXPECT_NEAR(room_area(l, r), 12 * 7.9, 1e-9);
    // room_stats reports the inner area.
    l.walls = {{"loop", {{0, 0}, {12, 0}, {12, 8}, {0, 8}, {0, 0}}, 0.2, 3.0}};
    l.rooms[0] = r;
    EXPECT_NEAR(room_stats(l, l.rooms[0], test_catalog()).area, 92.04, 1e-9);
}
