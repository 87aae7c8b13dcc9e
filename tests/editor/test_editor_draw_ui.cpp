// The drawing tools driven as a user drives them: scripts click, hover, drag, type lengths and press
// keys in the real editor's viewport under Xvfb; the tests assert on the plans it saved, on its checks
// and on the pixels of the top view. The viewport's top view is centred on `camera target`, so a
// plan point (X, Y) is clicked through the same ray → floor path as a mouse click.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "editor/png_read.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/plan/io.hpp"

namespace fs = std::filesystem;
using shuxiang::plan::Plan;
using shuxiang::plan::Vec2;

namespace {

class DrawToolTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("sx_draw_" + std::to_string(::getpid()) + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir_);
    }
    std::string at(const std::string& name) const { return (dir_ / name).string(); }
    std::string text(const std::string& name) const {
        std::ifstream in(dir_ / name);
        return {std::istreambuf_iterator<char>(in), {}};
    }
    // Runs the editor on a script; returns its exit status (stderr is kept in err.txt).
    int run(const std::string& script) {
        std::ofstream(dir_ / "s.txt") << script;
        const std::string cmd = "ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" " + std::string(SHUXIANG_BIN_DIR) +
                                "/shuxiang-editor --size 1400x900 --lang en --script " + at("s.txt") + " >" + at("out.txt") +
                                " 2>" + at("err.txt");
        const int st = std::system(cmd.c_str());
        return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    Plan plan(const std::string& name) const { return shuxiang::plan::load_plan(dir_ / name); }
    fs::path dir_;
};

// A top view centred on (5, 4) showing 16 m vertically (the viewport is wider than high).
const std::string kTop = "view top\ncamera target 5 4 0\ncamera zoom 8\n";
// A 10 × 8 outline drawn as one closed wall (the last click lands on the first point and finishes).
const std::string kOutline = "tool wall\nclick-at 0.03 0.02\nclick-at 10.04 -0.03\nclick-at 9.98 8.02\n"
                             "click-at 0 8.1\nclick-at 0.01 0.02\n";

void expect_points(const std::vector<Vec2>& got, const std::vector<Vec2>& want, double tol = 1e-9) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_NEAR(got[i].x, want[i].x, tol) << "point " << i;
        EXPECT_NEAR(got[i].y, want[i].y, tol) << "point " << i;
    }
}

bool has_line(const std::string& checks, const std::string& kind) {
    return checks.find(kind + "\t") == 0 || checks.find("\n" + kind + "\t") != std::string::npos;
}

}  // namespace

TEST_F(DrawToolTest, WallByClicksSnapsTypesLengthsAndIsOneUndoStep) {
    const int rc = run("new empty\n" + kTop +
                       "tool wall\n"
                       "click-at 0.03 0.02\n"        // grid → (0, 0)
                       "hover-at 3 0.2\n"            // direction 3.8° → 0°
                       "type 4.5\nkey enter\n"       // exactly 4.5 m east: (4.5, 0)
                       "click-at 4.52 3.1\n"         // 89.6° → 90°, 3.1 m: (4.5, 3.1)
                       "click-at 1 6\n"
                       "key backspace\n"             // drops (1, 6)
                       "click-at 0.02 3.13\n"        // 180.4° → 180°, 4.48 → 4.5 m: (0, 3.1)
                       "key enter\n"                 // finishes w1
                       "click-at 2 3.15\n"           // onto w1's line, 2.5 m along it: (2, 3.1)
                       "click-at 2.03 6.017 ctrl\n"  // Ctrl: not snapped
                       "key enter\n"                 // w2
                       "key y\n"                     // snapping off
                       "click-at 7.013 1.017\nclick-at 8.021 1.03 double\n"  // w3, raw points
                       "key y\n"
                       "click-at 9 9\nclick-at 9 10\nkey esc\n"  // cancelled: no wall
                       "save " + at("drawn.json") + "\n"
                       "undo\nsave " + at("undo1.json") + "\n"
                       "undo\nsave " + at("undo2.json") + "\n");
    ASSERT_EQ(rc, 0) << text("err.txt");
    const Plan p = plan("drawn.json");
    const auto& walls = p.levels.at(0).walls;
    ASSERT_EQ(walls.size(), 3u);
    EXPECT_EQ(walls[0].id, "w1");
    expect_points(walls[0].points, {{0, 0}, {4.5, 0}, {4.5, 3.1}, {0, 3.1}});
    EXPECT_DOUBLE_EQ(walls[0].thickness, 0.2);
    EXPECT_DOUBLE_EQ(walls[0].height, 3.0);
    // The ray → floor round trip leaves float noise on unsnapped points only.
    expect_points(walls[1].points, {{2, 3.1}, {2.03, 6.017}}, 1e-3);
    EXPECT_NE(walls[1].points[1].x, 2.0);
    expect_points(walls[2].points, {{7.013, 1.017}, {8.021, 1.03}}, 1e-3);
    EXPECT_EQ(plan("undo1.json").levels[0].walls.size(), 2u);  // one undo removes a whole wall
    EXPECT_EQ(plan("undo2.json").levels[0].walls.size(), 1u);
}

TEST_F(DrawToolTest, WallThicknessAndHeightFromTheInspector) {
    const int rc = run("new empty\n" + kTop +
                       "tool wall\nset thickness 0.24\nset height 3.6\n"  // the tool's settings
                       "click-at 0 0\nclick-at 6 0 double\n"
                       "set height 4.2\n"                                  // the new wall, selected
                       "save " + at("w.json") + "\nundo\nsave " + at("u.json") + "\n"
                       "tool door\nclick-at 3 0.1\ntool select\n"
                       "click-at 1 0.02\n"                                 // picks the wall, not the door
                       "delete\nsave " + at("del.json") + "\nundo\nsave " + at("back.json") + "\n");
    ASSERT_EQ(rc, 0) << text("err.txt");
    const auto w = plan("w.json").levels.at(0).walls.at(0);
    expect_points(w.points, {{0, 0}, {6, 0}});
    EXPECT_DOUBLE_EQ(w.thickness, 0.24);
    EXPECT_DOUBLE_EQ(w.height, 4.2);
    EXPECT_DOUBLE_EQ(plan("u.json").levels.at(0).walls.at(0).height, 3.6);
    // Deleting the wall takes its door with it, in one undo step.
    EXPECT_TRUE(plan("del.json").levels.at(0).walls.empty());
    EXPECT_TRUE(plan("del.json").levels.at(0).openings.empty());
    EXPECT_EQ(plan("back.json").levels.at(0).walls.size(), 1u);
    EXPECT_EQ(plan("back.json").levels.at(0).openings.size(), 1u);
}

TEST_F(DrawToolTest, RoomsFromWallLoopsPolygonsTypedSidesAndDraggedRectangles) {
    const int rc = run("new empty\nview top\ncamera target 13 4 0\ncamera zoom 12\n" + kOutline +
                       "click-at 6.02 0.1\nclick-at 6.01 7.93 double\n"  // a partition ending on the outline
                       "tool room\nset kind stacks\n"
                       "click-at 3 4\n"                                    // inside the left loop
                       "tool room\n"
                       "click-at 8 4\n"                                    // the right loop, default kind
                       "set kind periodicals\nset name 报刊\n"             // the new room is selected
                       "tool room\n"
                       "click-at 12 0\nclick-at 15.03 0.02\nclick-at 15 3\nkey enter\n"  // a clicked triangle
                       "click-at 17 0\nhover-at 22 0.1\ntype 4\nkey enter\n"              // typed sides
                       "hover-at 21 5\ntype 3\nkey enter\nkey enter\n"
                       "drag-at 12.02 5.01 15.98 7.03\n"                   // a rectangle
                       "save " + at("rooms.json") + "\n"
                       "undo\nsave " + at("undo.json") + "\n"
                       // Inside the left loop again: its room exists, so this starts a zone in it.
                       "click-at 3 4\nclick-at 4 4\nclick-at 4 5 double\n"
                       "save " + at("zone.json") + "\n");
    ASSERT_EQ(rc, 0) << text("err.txt");
    const Plan p = plan("rooms.json");
    const auto& rooms = p.levels.at(0).rooms;
    ASSERT_EQ(rooms.size(), 5u);
    EXPECT_EQ(rooms[0].kind, shuxiang::plan::RoomKind::Stacks);
    EXPECT_EQ(rooms[0].name, "Stacks");
    expect_points(rooms[0].polygon, {{0, 0}, {6, 0}, {6, 8}, {0, 8}});
    EXPECT_DOUBLE_EQ(shuxiang::plan::polygon_area(rooms[1].polygon), 32.0);
    EXPECT_EQ(rooms[1].kind, shuxiang::plan::RoomKind::Periodicals);
    EXPECT_EQ(rooms[1].name, "报刊");
    expect_points(rooms[2].polygon, {{12, 0}, {15, 0}, {15, 3}});
    expect_points(rooms[3].polygon, {{17, 0}, {21, 0}, {21, 3}});  // 4 m east, then 3 m north
    EXPECT_DOUBLE_EQ(shuxiang::plan::polygon_area(rooms[3].polygon), 6.0);
    expect_points(rooms[4].polygon, {{12, 5}, {16, 5}, {16, 7}, {12, 7}});
    EXPECT_EQ(plan("undo.json").levels.at(0).rooms.size(), 4u);
    const auto zone = plan("zone.json").levels.at(0).rooms.back();
    expect_points(zone.polygon, {{3, 4}, {4, 4}, {4, 5}});
    EXPECT_EQ(zone.kind, shuxiang::plan::RoomKind::Stacks);  // the tool's kind
}

TEST_F(DrawToolTest, DoorsWindowsAndExitsOnWallsWithChecks) {
    // Two rooms from loops; an entrance door into the left one leaves the right one unreachable until
    // a door in the partition joins them.
    const int rc = run("new empty\n" + kTop + kOutline +
                       "click-at 6 0.05\nclick-at 6 8 double\n"
                       "tool room\nclick-at 3 4\nclick-at 8 4\n"
                       "checks " + at("c0.txt") + "\n"
                       "tool door\nset entrance true\nset width 1.2\n"
                       "click-at 3.02 0.12\n"                          // south wall, 3 m along
                       "checks " + at("c1.txt") + "\n"
                       "tool door\nset swing right\nset entrance false\n"
                       "click-at 6.1 4.04\n"                           // the partition, 4 m along
                       "checks " + at("c2.txt") + "\n"
                       "tool window\nclick-at 2 8.1\n"                 // north wall: 10 + 8 + 8 m along
                       "tool exit\nclick-at 10.1 4\n"                  // east wall: 10 + 4 m along
                       "save " + at("open.json") + "\n"
                       "undo\nsave " + at("undo.json") + "\n"
                       "redo\nselect d1\nset width 1.5\nset offset 2.5\nset swing double\n"
                       "save " + at("edit.json") + "\n"
                       "set offset 9.5\n");                            // 8.75 .. 10.25 turns the corner: refused
    EXPECT_EQ(rc, 2);
    EXPECT_NE(text("err.txt").find("does not fit on this wall segment"), std::string::npos) << text("err.txt");
    EXPECT_TRUE(has_line(text("c0.txt"), "no_entrance")) << text("c0.txt");
    EXPECT_FALSE(has_line(text("c1.txt"), "no_entrance")) << text("c1.txt");
    EXPECT_NE(text("c1.txt").find("unreachable\tr2\t"), std::string::npos) << text("c1.txt");
    EXPECT_FALSE(has_line(text("c2.txt"), "unreachable")) << text("c2.txt");
    const Plan p = plan("open.json");
    const auto& ops = p.levels.at(0).openings;
    ASSERT_EQ(ops.size(), 4u);
    EXPECT_EQ(ops[0].id, "d1");
    EXPECT_EQ(ops[0].wall, "w1");
    EXPECT_DOUBLE_EQ(ops[0].offset, 3.0);
    EXPECT_DOUBLE_EQ(ops[0].width, 1.2);
    EXPECT_TRUE(ops[0].entrance);
    EXPECT_EQ(ops[1].wall, "w2");
    EXPECT_DOUBLE_EQ(ops[1].offset, 4.0);
    EXPECT_DOUBLE_EQ(ops[1].width, 1.2);
    EXPECT_EQ(ops[1].swing, shuxiang::plan::DoorSwing::Right);
    EXPECT_EQ(ops[2].kind, shuxiang::plan::OpeningKind::Window);
    EXPECT_DOUBLE_EQ(ops[2].offset, 26.0);
    EXPECT_DOUBLE_EQ(ops[2].width, 1.5);
    EXPECT_DOUBLE_EQ(ops[2].sill, 0.9);
    EXPECT_EQ(ops[3].kind, shuxiang::plan::OpeningKind::EmergencyExit);
    EXPECT_EQ(ops[3].id, "exit1");
    EXPECT_DOUBLE_EQ(ops[3].offset, 14.0);
    EXPECT_FALSE(ops[3].entrance);
    EXPECT_EQ(plan("undo.json").levels.at(0).openings.size(), 3u);  // one placement, one undo step
    const auto d1 = plan("edit.json").levels.at(0).openings.at(0);
    EXPECT_DOUBLE_EQ(d1.width, 1.5);
    EXPECT_DOUBLE_EQ(d1.offset, 2.5);
    EXPECT_EQ(d1.swing, shuxiang::plan::DoorSwing::Double);
}

TEST_F(DrawToolTest, OpeningsThatDoNotFitAreRefused) {
    // 1.2 m centred 9.7 m along the south wall would run past its corner at 10 m.
    int rc = run("new empty\n" + kTop + kOutline + "tool door\nset width 1.2\nclick-at 9.7 0\n");
    EXPECT_EQ(rc, 2);
    EXPECT_NE(text("err.txt").find("s.txt: line 13: The opening does not fit on this wall segment"), std::string::npos)
        << text("err.txt");
    rc = run("new empty\n" + kTop + kOutline + "tool door\nclick-at 3 0\nclick-at 3.5 0\n");
    EXPECT_EQ(rc, 2);
    EXPECT_NE(text("err.txt").find("s.txt: line 13: The opening overlaps another opening"), std::string::npos)
        << text("err.txt");
    rc = run("new empty\n" + kTop + kOutline + "tool door\nclick-at 5 4\n");  // the middle of the room
    EXPECT_EQ(rc, 2);
    EXPECT_NE(text("err.txt").find("no wall under the cursor"), std::string::npos) << text("err.txt");
}

namespace {
bool close_to(std::array<int, 3> c, std::array<int, 3> want, int tol) {
    for (std::size_t i = 0; i < 3; ++i)
        if (std::abs(c[i] - want[i]) > tol) return false;
    return true;
}
}  // namespace

TEST_F(DrawToolTest, TopViewShowsTheDoorGapAndItsSwing) {
    // Viewport click fractions: the top view is centred on (5, 4) with 5 m above and below, so
    // U = 0.5 is x = 5 and V = 0.9 is y = 0: the south wall under the door's centre.
    const int rc = run("new empty\nview top\ncamera target 5 4 0\ncamera zoom 5\n" + kOutline +
                       "tool door\nset entrance true\nset width 1.2\nclick 0.5 0.9\ntool select\nselect none\n"
                       "screenshot " + at("top.png") + " viewport\nsave " + at("door.json") + "\n");
    ASSERT_EQ(rc, 0) << text("err.txt");
    const auto d = plan("door.json").levels.at(0).openings.at(0);
    EXPECT_DOUBLE_EQ(d.offset, 5.0);
    const Png img = read_png(at("top.png"));
    ASSERT_GT(img.w, 0);
    const int cx = img.w / 2;
    auto row = [&](double y) { return static_cast<int>((0.5 - (y - 4.0) / 10.0) * img.h); };
    // The gap's light fill where the door cuts the south wall; the north wall stays wall-coloured.
    EXPECT_TRUE(close_to(img.at(cx, row(0.0)), {236, 236, 232}, 6)) << img.at(cx, row(0.0))[0];
    EXPECT_FALSE(close_to(img.at(cx, row(8.0)), {236, 236, 232}, 6));
    // The left-hinged door (hinge at x = 5.6 on the inner face y = 0.1) sweeps a 1.2 m arc that crosses
    // x = 5 at 60°: y = 0.1 + 1.2 sin 60° = 1.14. It is drawn in the entrance's green.
    bool green = false;
    for (int y = row(1.14) - 3; y <= row(1.14) + 3; ++y) green = green || close_to(img.at(cx, y), {38, 158, 77}, 50);
    EXPECT_TRUE(green);
    bool green_elsewhere = false;  // not a green smear: halfway between the arc and the wall is floor
    for (int y = row(0.6) - 2; y <= row(0.6) + 2; ++y) green_elsewhere = green_elsewhere || close_to(img.at(cx, y), {38, 158, 77}, 50);
    EXPECT_FALSE(green_elsewhere);
}
