// Unit tests of the drawing tools' pure geometry (editor/src/tools/draw_geometry.cpp): snapping, typed
// lengths, room polygons, closed wall loops, openings on walls and door swings. Values are worked out
// by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>

#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/util/i18n.hpp"
#include "tools/draw_geometry.hpp"
#include "tools/draw_tool.hpp"

namespace {

using shuxiang::plan::Level;
using shuxiang::plan::Vec2;
using shuxiang::plan::Wall;
namespace draw = shuxiang::editor::draw;

Wall wall(const std::string& id, std::vector<Vec2> pts, double thickness = 0.2) {
    Wall w;
    w.id = id;
    w.points = std::move(pts);
    w.thickness = thickness;
    return w;
}

void expect_point(Vec2 got, Vec2 want, double tol = 1e-9) {
    EXPECT_NEAR(got.x, want.x, tol);
    EXPECT_NEAR(got.y, want.y, tol);
}

TEST(DrawSnap, GridWithoutAnchorRoundsBothCoordinatesToTenCentimetres) {
    const Level empty;
    const auto s = draw::snap_point({1.234, 5.678}, std::nullopt, {}, empty);
    EXPECT_EQ(s.kind, draw::SnapKind::Grid);
    expect_point(s.p, {1.2, 5.7});
}

TEST(DrawSnap, AngleRoundsDirectionTo15DegreesAndLengthToGrid) {
    const Level empty;
    // atan2(0.3, 3.02) = 5.7° rounds to 0°; the length along +X, 3.02, to 3.0.
    auto s = draw::snap_point({3.02, 0.3}, Vec2{0, 0}, {{0, 0}}, empty);
    EXPECT_EQ(s.kind, draw::SnapKind::Angle);
    expect_point(s.p, {3.0, 0.0});
    // atan2(2.1, 2.0) = 46.4° rounds to 45°; projected length (2.0 + 2.1) / √2 = 2.899 → 2.9.
    s = draw::snap_point({2.0, 2.1}, Vec2{0, 0}, {{0, 0}}, empty);
    expect_point(s.p, {2.9 / std::sqrt(2.0), 2.9 / std::sqrt(2.0)}, 1e-8);
    // 100.3° from (1, 1) rounds to 105°.
    s = draw::snap_point({1 - 0.18, 1 + 1.0}, Vec2{1, 1}, {{1, 1}}, empty);
    EXPECT_NEAR(draw::segment_angle_deg({1, 1}, s.p), 105.0, 1e-6);
}

TEST(DrawSnap, WallEndpointsWinOverLinesAndLinesOverAngles) {
    Level l;
    l.walls.push_back(wall("w", {{0, 0}, {5, 0}}));
    // (4.9, 0.15) is 0.18 m from the endpoint (5, 0): the endpoint wins although the line is nearer.
    auto s = draw::snap_point({4.9, 0.15}, Vec2{2, 3}, {{2, 3}}, l);
    EXPECT_EQ(s.kind, draw::SnapKind::Endpoint);
    expect_point(s.p, {5, 0});
    // From (2, 3) towards (2.05, 0.1) the direction rounds to straight down (-90°), which meets the
    // wall line at (2, 0): 0.11 m from the cursor.
    s = draw::snap_point({2.05, 0.1}, Vec2{2, 3}, {{2, 3}}, l);
    EXPECT_EQ(s.kind, draw::SnapKind::WallLine);
    expect_point(s.p, {2, 0});
    // Without an anchor: the foot of the perpendicular, 2.33 m along the wall, rounded to 2.3 m.
    s = draw::snap_point({2.33, 0.1}, std::nullopt, {}, l);
    EXPECT_EQ(s.kind, draw::SnapKind::WallLine);
    expect_point(s.p, {2.3, 0});
    // 0.3 m away is beyond the 0.25 m radius: back to the grid.
    s = draw::snap_point({2.33, 0.3}, std::nullopt, {}, l);
    EXPECT_EQ(s.kind, draw::SnapKind::Grid);
    expect_point(s.p, {2.3, 0.3});
}

TEST(DrawSnap, TheFirstPointOfTheDrawingAttractsButTheAnchorDoesNot) {
    const Level empty;
    const std::vector<Vec2> drawing{{0, 0}, {4, 0}, {4, 3}};
    auto s = draw::snap_point({0.1, -0.12}, Vec2{4, 3}, drawing, empty);
    EXPECT_EQ(s.kind, draw::SnapKind::Endpoint);
    expect_point(s.p, {0, 0});
    s = draw::snap_point({4.1, 3.1}, Vec2{4, 3}, drawing, empty);
    EXPECT_NE(s.kind, draw::SnapKind::Endpoint);
}

TEST(DrawTyped, LengthsAlongTheCursorDirectionAndTheirUnits) {
    // (1, 1) towards (4, 5) is the 3-4-5 direction: 10 m along it is (7, 9).
    expect_point(draw::point_at_length({1, 1}, {4, 5}, 10), {7, 9});
    expect_point(draw::point_at_length({1, 1}, {1, 1}, 2), {3, 1});  // no direction: +X
    EXPECT_DOUBLE_EQ(*draw::parse_length("4.5"), 4.5);
    EXPECT_FALSE(draw::parse_length("4,5"));  // a comma separates Δx and Δy (below), not decimals
    EXPECT_DOUBLE_EQ(*draw::parse_length("450cm"), 4.5);
    EXPECT_DOUBLE_EQ(*draw::parse_length("4500mm"), 4.5);
    EXPECT_DOUBLE_EQ(*draw::parse_length("12m"), 12.0);
    EXPECT_FALSE(draw::parse_length("abc"));
    EXPECT_FALSE(draw::parse_length("-2"));
    EXPECT_FALSE(draw::parse_length("0"));
    EXPECT_FALSE(draw::parse_length(""));
    EXPECT_NEAR(draw::segment_angle_deg({0, 0}, {-1, -1}), 225.0, 1e-9);
}

TEST(DrawTyped, DirectionAsAnAngleOrAsDeltaXAndY) {
    using K = draw::TypedStep::Kind;
    // "8<90": 8 m at 90° (north) whatever the cursor says.
    const auto polar = draw::parse_typed_step("8<90");
    ASSERT_TRUE(polar);
    EXPECT_EQ(polar->kind, K::Polar);
    expect_point(draw::typed_step_point(*polar, {1, 1}, Vec2{5, 1}), {1, 9});
    expect_point(draw::typed_step_point(*draw::parse_typed_step("2<-45"), {0, 0}, std::nullopt), {std::sqrt(2.0), -std::sqrt(2.0)});
    expect_point(draw::typed_step_point(*draw::parse_typed_step("250cm<180"), {0, 0}, std::nullopt), {-2.5, 0});
    // "3,4": a step of 3 east and 4 north (5 m long); signed and with units.
    const auto delta = draw::parse_typed_step("3,4");
    ASSERT_TRUE(delta);
    EXPECT_EQ(delta->kind, K::Delta);
    expect_point(draw::typed_step_point(*delta, {1, 1}, Vec2{0, -7}), {4, 5});
    expect_point(draw::typed_step_point(*draw::parse_typed_step("-2.5,0"), {1, 1}, std::nullopt), {-1.5, 1});
    expect_point(draw::typed_step_point(*draw::parse_typed_step("0,300cm"), {0, 0}, std::nullopt), {0, 3});
    // A bare length still follows the cursor.
    const auto len = draw::parse_typed_step("12");
    ASSERT_TRUE(len);
    EXPECT_EQ(len->kind, K::Length);
    expect_point(draw::typed_step_point(*len, {8, 0}, Vec2{9, 0}), {20, 0});
    for (const char* bad : {"", "<90", "8<", "8<9<0", "0,0", ",4", "3,", "abc", "-2", "3,4,5x"})
        EXPECT_FALSE(draw::parse_typed_step(bad)) << bad;
}

TEST(DrawRoom, PolygonsAreMadeCounterClockwiseAndBadOnesExplainWhy) {
    const auto ccw = draw::room_polygon({{0, 0}, {0, 3}, {4, 3}, {4, 0}});  // clicked clockwise
    ASSERT_EQ(ccw.size(), 4u);
    EXPECT_GT(shuxiang::plan::signed_area(ccw), 0);
    EXPECT_DOUBLE_EQ(shuxiang::plan::polygon_area(ccw), 12.0);
    std::string why;
    EXPECT_TRUE(draw::room_polygon({{0, 0}, {1, 0}, {1, 0}}, &why).empty());
    EXPECT_EQ(why, "editor.draw.err.few_corners");
    EXPECT_TRUE(draw::room_polygon({{0, 0}, {2, 2}, {2, 0}, {0, 2}}, &why).empty());  // a bow tie
    EXPECT_EQ(why, "editor.draw.err.self_intersects");
    EXPECT_TRUE(draw::room_polygon({{0, 0}, {1, 1}, {2, 2}}, &why).empty());
    EXPECT_EQ(why, "editor.draw.err.no_area");
    EXPECT_EQ(draw::rectangle({5, 7}, {2, 3}), (std::vector<Vec2>{{2, 3}, {5, 3}, {5, 7}, {2, 7}}));
    EXPECT_TRUE(draw::rectangle({1, 1}, {1, 4}).empty());
}

TEST(DrawRoom, WallLoopAroundAPointSplitsWallsWhereTheyMeet) {
    Level l;
    // A 10 × 8 outline as one closed wall, a partition at x = 6 that ends on it (T-junctions), and a
    // dangling stub in the left room that bounds nothing.
    l.walls.push_back(wall("outer", {{0, 0}, {10, 0}, {10, 8}, {0, 8}, {0, 0}}));
    l.walls.push_back(wall("mid", {{6, 0}, {6, 8}}));
    l.walls.push_back(wall("stub", {{2, 2}, {3, 3}}));
    const auto left = draw::wall_loop_around(l, {3, 4});
    ASSERT_EQ(left.size(), 4u);
    EXPECT_DOUBLE_EQ(shuxiang::plan::signed_area(left), 48.0);  // counter-clockwise, 6 × 8
    const auto right = draw::wall_loop_around(l, {8, 4});
    EXPECT_DOUBLE_EQ(shuxiang::plan::signed_area(right), 32.0);
    for (const auto& v : right) EXPECT_GE(v.x, 6.0);
    EXPECT_TRUE(draw::wall_loop_around(l, {12, 4}).empty());  // outside
    // Two crossing walls split a square into four 2.5 × 2.5 quarters.
    Level x;
    x.walls.push_back(wall("sq", {{0, 0}, {5, 0}, {5, 5}, {0, 5}, {0, 0}}));
    x.walls.push_back(wall("h", {{0, 2.5}, {5, 2.5}}));
    x.walls.push_back(wall("v", {{2.5, -1}, {2.5, 6}}));  // overshoots the square: the stubs are pruned
    const auto q = draw::wall_loop_around(x, {4, 4});
    EXPECT_DOUBLE_EQ(shuxiang::plan::polygon_area(q), 6.25);
    // An open chain of walls encloses nothing.
    Level open;
    open.walls.push_back(wall("u", {{0, 0}, {4, 0}, {4, 4}, {0, 4}}));
    EXPECT_TRUE(draw::wall_loop_around(open, {2, 2}).empty());
}

TEST(DrawOpening, FitsOnOneSegmentAndNotOverAnotherOpening) {
    Level l;
    l.walls.push_back(wall("L", {{0, 0}, {4, 0}, {4, 3}}));  // 4 m east, then 3 m north
    EXPECT_EQ(draw::opening_misfit(l, "L", 2.0, 1.0), "");
    EXPECT_EQ(draw::opening_misfit(l, "L", 3.8, 1.0), "editor.draw.err.off_segment");  // 3.3 .. 4.3 turns the corner
    EXPECT_EQ(draw::opening_misfit(l, "L", 5.5, 1.0), "");                                // 5.0 .. 6.0 on the second leg
    EXPECT_EQ(draw::opening_misfit(l, "L", 6.6, 1.0), "editor.draw.err.off_segment");  // past the end (7 m)
    EXPECT_EQ(draw::opening_misfit(l, "L", 2.0, 0.0), "editor.draw.err.bad_width");
    EXPECT_EQ(draw::opening_misfit(l, "nope", 2.0, 1.0), "editor.draw.err.no_wall");
    shuxiang::plan::Opening d;
    d.id = "d1";
    d.wall = "L";
    d.offset = 2.0;
    d.width = 1.0;  // 1.5 .. 2.5
    l.openings.push_back(d);
    EXPECT_EQ(draw::opening_misfit(l, "L", 2.8, 0.8), "editor.draw.err.overlap");  // 2.4 .. 3.2
    EXPECT_EQ(draw::opening_misfit(l, "L", 2.9, 0.8), "");                          // 2.5 .. 3.3 touches
    EXPECT_EQ(draw::opening_misfit(l, "L", 2.2, 1.0, "d1"), "");                    // d1 itself, moved
    // The nearest wall of a point 0.1 m east of the second leg's centre line, 1.5 m up it.
    const auto hit = draw::nearest_wall(l, {4.1, 1.5}, 0.3);
    ASSERT_TRUE(hit);
    EXPECT_EQ(hit->wall, "L");
    EXPECT_NEAR(hit->offset, 5.5, 1e-12);
    EXPECT_NEAR(hit->distance, 0.1, 1e-12);
    EXPECT_FALSE(draw::nearest_wall(l, {2, 0.5}, 0.3));  // 0.5 m > 0.1 half thickness + 0.3
}

TEST(DrawOpening, DoorSwingHingesAndArcs) {
    Level l;
    l.walls.push_back(wall("s", {{0, 0}, {10, 0}}));  // left side (+Y) is north
    shuxiang::plan::Opening d;
    d.wall = "s";
    d.offset = 5;
    d.width = 1;
    d.swing = shuxiang::plan::DoorSwing::Left;
    auto lines = draw::door_swing(l, d, 6);
    ASSERT_EQ(lines.size(), 2u);
    // Left: hinged at the far end (5.5, 0) on the north face (y = 0.1); the leaf stands 1 m north and
    // the arc runs from the closed position at (4.5, 0.1) to the leaf's tip.
    expect_point(lines[0][0], {5.5, 0.1});
    expect_point(lines[0][1], {5.5, 1.1});
    ASSERT_EQ(lines[1].size(), 7u);
    expect_point(lines[1].front(), {4.5, 0.1});
    expect_point(lines[1].back(), {5.5, 1.1}, 1e-12);
    expect_point(lines[1][3], {5.5 - std::cos(M_PI / 4), 0.1 + std::sin(M_PI / 4)}, 1e-12);
    d.swing = shuxiang::plan::DoorSwing::Right;
    lines = draw::door_swing(l, d, 6);
    expect_point(lines[0][0], {4.5, 0.1});
    expect_point(lines[1].front(), {5.5, 0.1});
    d.swing = shuxiang::plan::DoorSwing::Double;
    EXPECT_EQ(draw::door_swing(l, d, 6).size(), 4u);
    d.kind = shuxiang::plan::OpeningKind::Window;
    EXPECT_TRUE(draw::door_swing(l, d).empty());
    const auto ends = draw::opening_ends(l, d);
    ASSERT_TRUE(ends);
    expect_point(ends->first, {4.5, 0});
    expect_point(ends->second, {5.5, 0});
}

// ---------------------------------------------------------------- the tool's state machine on an Editor

using shuxiang::editor::DrawTool;
using shuxiang::editor::DrawToolKind;
using shuxiang::editor::Editor;

class DrawToolMachine : public ::testing::Test {
protected:
    void SetUp() override { shuxiang::set_language(shuxiang::Language::En); }
    const Level& level() const { return *ed.level(); }
    Editor ed;
    DrawTool tool{ed};
};

TEST_F(DrawToolMachine, TypedLengthsBackspaceEscapeAndOneUndoStepPerWall) {
    tool.set_kind(DrawToolKind::Wall);
    EXPECT_TRUE(tool.click({0.04, -0.03}, false).ok);  // grid: (0, 0)
    tool.hover({3, 0.2}, false);                         // 3.8° → 0°
    tool.type("4x.5");                                   // the x is not part of a length
    EXPECT_EQ(tool.typed(), "4.5");
    ASSERT_TRUE(tool.live_segment());
    EXPECT_NEAR(tool.live_segment()->first, 3.0, 1e-9);
    EXPECT_NEAR(tool.live_segment()->second, 0.0, 1e-9);
    EXPECT_TRUE(tool.enter().ok);
    expect_point(tool.points().back(), {4.5, 0});
    tool.hover({4.6, 2}, false);  // 87° → 90°
    tool.type("2");
    tool.backspace();             // removes the typed 2, not a point
    EXPECT_EQ(tool.points().size(), 2u);
    tool.type("250cm");
    EXPECT_TRUE(tool.enter().ok);
    expect_point(tool.points().back(), {4.5, 2.5});
    tool.backspace();             // nothing typed: removes (4.5, 2.5)
    EXPECT_EQ(tool.points().size(), 2u);
    EXPECT_TRUE(tool.enter().ok); // nothing typed: finishes
    ASSERT_EQ(level().walls.size(), 1u);
    EXPECT_EQ(level().walls[0].points, (std::vector<Vec2>{{0, 0}, {4.5, 0}}));
    EXPECT_TRUE(tool.points().empty());
    // A second wall, cancelled with Esc; Esc again leaves the tool.
    tool.click({1, 1}, false);
    tool.click({2, 1}, false);
    tool.escape();
    EXPECT_TRUE(tool.points().empty());
    EXPECT_EQ(tool.kind(), DrawToolKind::Wall);
    tool.escape();
    EXPECT_EQ(tool.kind(), DrawToolKind::Select);
    EXPECT_EQ(level().walls.size(), 1u);
    EXPECT_TRUE(ed.undo().ok);  // the whole wall in one step
    EXPECT_TRUE(level().walls.empty());
    EXPECT_FALSE(ed.undo().ok);
    // A drawing in progress does not survive a new document.
    tool.set_kind(DrawToolKind::Wall);
    tool.click({1, 1}, false);
    ASSERT_TRUE(ed.new_from_template("empty").ok);
    tool.click({3, 3}, false);
    EXPECT_EQ(tool.points(), (std::vector<Vec2>{{3, 3}}));
}

TEST_F(DrawToolMachine, ClosingALoopFinishesAndSnappingCanBeInverted) {
    tool.set_kind(DrawToolKind::Wall);
    for (Vec2 p : {Vec2{0, 0}, Vec2{5, 0}, Vec2{5, 4}, Vec2{0, 4}}) tool.click(p, false);
    EXPECT_TRUE(tool.click({0.1, 0.1}, false).ok);  // snaps onto the first point: closes and finishes
    ASSERT_EQ(level().walls.size(), 1u);
    EXPECT_EQ(level().walls[0].points.size(), 5u);
    EXPECT_EQ(level().walls[0].points.back(), (Vec2{0, 0}));
    tool.snap = false;
    tool.click({1.234, 1.0}, false);
    expect_point(tool.points().back(), {1.234, 1.0});  // off: raw
    tool.click({2.345, 1.01}, true);
    // Ctrl inverts: snapped, 0.5° → 0° from the anchor and 1.111 m → 1.1 m along it.
    expect_point(tool.points().back(), {2.334, 1.0});
    EXPECT_TRUE(tool.double_click({2.345, 1.01}, true).ok);  // same point: just finishes
    EXPECT_EQ(level().walls.size(), 2u);
}

TEST_F(DrawToolMachine, RoomsAndOpeningsRefusedWithReasons) {
    tool.set_kind(DrawToolKind::Wall);
    for (Vec2 p : {Vec2{0, 0}, Vec2{6, 0}, Vec2{6, 4}, Vec2{0, 4}, Vec2{0, 0}}) tool.click(p, false);
    tool.set_kind(DrawToolKind::Room);
    EXPECT_FALSE(tool.drag({1, 1}, {1, 1}, false).ok);  // no area
    EXPECT_TRUE(tool.click({3, 2}, false).ok);          // the loop
    ASSERT_EQ(level().rooms.size(), 1u);
    EXPECT_DOUBLE_EQ(shuxiang::plan::polygon_area(level().rooms[0].polygon), 24.0);
    EXPECT_EQ(level().rooms[0].name, "Reading");
    EXPECT_EQ(ed.selection(), std::vector<std::string>{"r1"});
    tool.set_kind(DrawToolKind::Door);
    tool.settings.door_width = 1.0;
    tool.hover({5.96, 2.1}, false);  // the east side, 6 + 2.1 m along the wall
    ASSERT_TRUE(tool.opening_preview());
    EXPECT_DOUBLE_EQ(tool.opening_preview()->opening.offset, 8.1);
    EXPECT_EQ(tool.opening_preview()->misfit, "");
    EXPECT_TRUE(tool.click({5.96, 2.1}, false).ok);
    const auto again = tool.click({5.9, 2.6}, false);  // 8.6: 8.1 .. 9.1 overlaps
    EXPECT_FALSE(again.ok);
    EXPECT_EQ(again.message, "The opening overlaps another opening of this wall");
    EXPECT_FALSE(tool.click({5.9, 3.8}, false).ok);    // 9.3 .. 10.3 turns the corner at 10
    EXPECT_FALSE(tool.click({3, 2}, false).ok);        // no wall there
    ASSERT_EQ(level().openings.size(), 1u);
    EXPECT_EQ(level().openings[0].id, "d1");
    // The inspector's fields of the selected door: an offset that does not fit is refused.
    ASSERT_EQ(ed.selection(), std::vector<std::string>{"d1"});
    auto r = shuxiang::editor::set_draw_field(ed, tool, "offset", "9.8");
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->ok);
    r = shuxiang::editor::set_draw_field(ed, tool, "offset", "7");
    ASSERT_TRUE(r && r->ok);
    EXPECT_DOUBLE_EQ(level().openings[0].offset, 7.0);
    r = shuxiang::editor::set_draw_field(ed, tool, "swing", "sideways");
    EXPECT_FALSE(r->ok);
}

}  // namespace
