// The manipulation tools driven through the real editor under Xvfb: gizmo drags (move arrows, plane,
// rotation ring, shelving resize), snapping to grid / walls / neighbours, box selection, nudges, align,
// distribute, array and copy/paste. Each script saves the plan; the tests assert on what it saved.
//
// Pointer positions are viewport fractions; the tests place them on plan coordinates through a top
// view with a known target and zoom, using the viewport's size measured once from a screenshot.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <csignal>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "shuxiang/plan/io.hpp"
#include "shuxiang/plan/model.hpp"
#include "shuxiang/util/i18n.hpp"

namespace fs = std::filesystem;
using shuxiang::plan::Furniture;
using shuxiang::plan::Plan;

namespace {

const char* kShelf = "shelf_double_steel_1800";  // 3.6 × 0.5 m, 4 sections of 0.9 m
const char* kTable = "table_reading_4";          // 1.2 × 0.8 m

fs::path work_dir() {
    static const fs::path d = [] {
        fs::path p = fs::temp_directory_path() / ("sx_manip_" + std::to_string(::getpid()));
        fs::create_directories(p);
        return p;
    }();
    return d;
}

// Runs the editor on a script; returns the exit status, with stderr in `err`.
int run_editor(const std::string& name, const std::string& script, std::string* err = nullptr) {
    const fs::path s = work_dir() / (name + ".script"), e = work_dir() / (name + ".err");
    std::ofstream(s) << script;
    const std::string cmd = "ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" " +
                            std::string(SHUXIANG_BIN_DIR) + "/shuxiang-editor --size 1400x900 --script " + s.string() +
                            " >/dev/null 2>" + e.string();
    const int st = std::system(cmd.c_str());
    if (err) {
        std::ifstream in(e);
        std::stringstream ss;
        ss << in.rdbuf();
        *err = ss.str();
    }
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// The 3D viewport's size in pixels, from the IHDR of a viewport screenshot.
struct ViewSize {
    double w = 0, h = 0;
};
const ViewSize& view_size() {
    static const ViewSize v = [] {
        const fs::path png = work_dir() / "measure.png";
        run_editor("measure", "new empty\nscreenshot " + png.string() + " viewport\n");
        std::ifstream in(png, std::ios::binary);
        unsigned char b[24] = {};
        in.read(reinterpret_cast<char*>(b), 24);
        auto be = [&](int i) { return double((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]); };
        return ViewSize{be(16), be(20)};
    }();
    return v;
}

// A top view centred on (tx, ty) showing 2 × half metres vertically; `at(x, y)` gives "U V" for a plan point.
struct TopView {
    double tx, ty, half;
    std::string setup() const {
        return "view top\ncamera target " + std::to_string(tx) + " " + std::to_string(ty) + " 0\ncamera zoom " +
               std::to_string(half) + "\n";
    }
    std::string at(double x, double y) const {
        const ViewSize& v = view_size();
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.6f %.6f", 0.5 + (x - tx) / (2 * half * v.w / v.h), 0.5 - (y - ty) / (2 * half));
        return buf;
    }
    std::string drag(double x0, double y0, double x1, double y1, const std::string& mod = "") const {
        return "drag " + at(x0, y0) + " " + at(x1, y1) + (mod.empty() ? "" : " " + mod) + "\n";
    }
};

std::string save(const std::string& name) { return "save " + (work_dir() / name).string() + "\n"; }
Plan load(const std::string& name) { return shuxiang::plan::load_plan(work_dir() / name); }
const Furniture& fur(const Plan& p, const std::string& id) {
    for (const auto& f : p.levels.at(0).furniture)
        if (f.id == id) return f;
    throw std::runtime_error("no furniture " + id);
}

std::string add(const char* type, double x, double y) {
    return std::string("add ") + type + " " + std::to_string(x) + " " + std::to_string(y) + "\n";
}

// The scripts and saved plans stay for inspection when a test failed.
class CleanUp : public ::testing::Environment {
public:
    void TearDown() override {
        if (::testing::UnitTest::GetInstance()->Passed()) fs::remove_all(work_dir());
    }
};
const auto* const kCleanUp = ::testing::AddGlobalTestEnvironment(new CleanUp);

}  // namespace

TEST(EditorManip, ViewportWasMeasured) {
    EXPECT_GT(view_size().w, 300);
    EXPECT_GT(view_size().h, 300);
}

TEST(EditorManip, GizmoArrowsAndPlaneMoveWithGridSnapOneUndoStepEach) {
    // Shelf at (2, 3). With 10 m of view height the gizmo's 90 px arrows are ~1.3 m long.
    const TopView v{2, 3, 5};
    std::string err;
    const int rc = run_editor("arrows", "new empty\n" + add(kShelf, 2, 3) + v.setup() + "snap grid 0.5\n" +
                                            // X arrow, 0.7 m east of the centre, dragged 1.15 east and 0.4 north:
                                            // only X counts, 3.15 → 3.0 on the 0.5 m grid.
                                            v.drag(2.7, 3, 3.85, 3.4) + save("x.json") + "undo\n" + save("undo.json") +
                                            // Ctrl inverts snapping: 2 + 1.15, off the grid.
                                            v.drag(2.7, 3, 3.85, 3.4, "ctrl") + save("ctrl.json") + "undo\n" +
                                            // Y arrow: 3 + 1.15 = 4.15 → 4.0.
                                            v.drag(2, 3.7, 2.3, 4.85) + save("y.json") + "undo\n" +
                                            // Plane handle (0.33 .. 0.59 m along both axes): free move, grid 0.1.
                                            "snap grid 0.1\n" + v.drag(2.46, 3.46, 3.46, 4.26) + save("xy.json"),
                                &err);
    ASSERT_EQ(rc, 0) << err;
    EXPECT_NEAR(fur(load("x.json"), "f1").position.x, 3.0, 1e-9);
    EXPECT_NEAR(fur(load("x.json"), "f1").position.y, 3.0, 1e-9);
    EXPECT_NEAR(fur(load("undo.json"), "f1").position.x, 2.0, 1e-9);
    const Furniture c = fur(load("ctrl.json"), "f1");
    EXPECT_NEAR(c.position.x, 3.15, 0.03);  // a pixel is 0.015 m here
    EXPECT_GT(std::abs(c.position.x - 3.0), 0.1);
    EXPECT_DOUBLE_EQ(c.position.y, 3.0);
    EXPECT_NEAR(fur(load("y.json"), "f1").position.x, 2.0, 1e-9);
    EXPECT_NEAR(fur(load("y.json"), "f1").position.y, 4.0, 1e-9);
    EXPECT_NEAR(fur(load("xy.json"), "f1").position.x, 3.0, 1e-9);
    EXPECT_NEAR(fur(load("xy.json"), "f1").position.y, 3.8, 1e-9);
}

TEST(EditorManip, RingRotatesBySnappedAnglesAndLocalArrowFollowsTheItem) {
    const TopView v{2, 3, 5};
    const double ring = 1.25 * 90.0 / (view_size().h / 10.0);  // the ring's radius in metres
    std::string err;
    const int rc = run_editor("ring", "new empty\n" + add(kShelf, 2, 3) + v.setup() +
                                          // From the ring's north point to about its west point: a quarter turn.
                                          v.drag(2, 3 + ring, 2 - ring, 3.1) + save("turned.json") +
                                          // Local axes: the X arrow now points north; 3 + 1.15 → 4.0 on a 0.5 grid.
                                          "gizmo local\nsnap grid 0.5\n" + v.drag(2, 3.7, 2.4, 4.85) + save("local.json") +
                                          "undo\nundo\n" + save("back.json"),
                              &err);
    ASSERT_EQ(rc, 0) << err;
    const Furniture t = fur(load("turned.json"), "f1");
    EXPECT_NEAR(t.yaw_deg, 90.0, 1e-9);
    EXPECT_NEAR(t.position.x, 2.0, 1e-9);
    EXPECT_NEAR(t.position.y, 3.0, 1e-9);
    const Furniture l = fur(load("local.json"), "f1");
    EXPECT_NEAR(l.position.x, 2.0, 1e-9);
    EXPECT_NEAR(l.position.y, 4.0, 1e-9);
    EXPECT_NEAR(fur(load("back.json"), "f1").yaw_deg, 0.0, 1e-9);
}

TEST(EditorManip, ResizeHandleAddsWholeSectionsKeepingTheWestEnd) {
    const TopView v{2, 3, 5};
    std::string err;
    // The handle sits on the range's east end (3.8, 3); 1.0 m further east is one more 0.9 m section.
    const int rc = run_editor("resize", "new empty\n" + add(kShelf, 2, 3) + v.setup() + v.drag(3.8, 3, 4.8, 3.1) +
                                            save("five.json") + "undo\n" + save("four.json"),
                              &err);
    ASSERT_EQ(rc, 0) << err;
    const Furniture f = fur(load("five.json"), "f1");
    ASSERT_TRUE(f.sections);
    EXPECT_EQ(*f.sections, 5);
    EXPECT_NEAR(f.position.x, 2.45, 1e-9);  // west end stays at 0.2: 0.2 + 4.5 / 2
    EXPECT_NEAR(f.position.y, 3.0, 1e-9);
    EXPECT_FALSE(fur(load("four.json"), "f1").sections);
}

TEST(EditorManip, SnapsFlushToAWallFaceAndEdgeToEdgeWithANeighbour) {
    const fs::path plan = work_dir() / "walls.sxplan.json";
    std::ofstream(plan) << R"({"schema_version": 2,
      "school": {"name": "S", "type": "primary", "students": {"primary": 600, "junior": 0, "senior": 0},
                 "teachers": 40, "classes": 12, "region": ""},
      "opening_hours_per_week": 40.0, "notes": "",
      "levels": [{"id": "L1", "name": "1F", "elevation": 0.0,
        "rooms": [{"id": "R1", "name": "R", "kind": "reading", "polygon": [[0, 0], [10, 0], [10, 8], [0, 8]], "clear_height": 3.0}],
        "walls": [{"id": "W1", "points": [[10, 0], [10, 8]], "thickness": 0.2, "height": 3.0}],
        "openings": [], "furniture": []}]})";
    const TopView v{7, 3, 5}, w{5, 3, 5};
    std::string err;
    const int rc = run_editor(
        "walls", "open " + plan.string() + "\n" + add(kShelf, 7, 3) + v.setup() +
                     // East edge 8.8 dragged ~1.02 east: 0.08 short of the wall's face at 9.9, it snaps flush.
                     v.drag(7.7, 3, 8.72, 3) + save("wall.json") + "undo\nsnap walls off\n" + v.drag(7.7, 3, 8.72, 3) +
                     save("nowall.json") + "undo\nsnap walls on\n" + "delete\n" + add(kTable, 3, 3) + add(kTable, 6, 3.1) +
                     w.setup() +
                     // Dragging the table by its body (not a handle) 1.7 m west: its west edge meets f1's east edge.
                     w.drag(5.6, 2.8, 3.9, 2.81) + save("edge.json"),
        &err);
    ASSERT_EQ(rc, 0) << err;
    EXPECT_NEAR(fur(load("wall.json"), "f1").position.x, 8.1, 1e-9);
    EXPECT_NEAR(fur(load("nowall.json"), "f1").position.x, 8.0, 1e-9);  // the 0.1 m grid instead
    const Furniture e = fur(load("edge.json"), "f2");  // the shelf's id f1 was free again
    EXPECT_NEAR(e.position.x, 4.2, 1e-9);
    EXPECT_NEAR(e.position.y, 3.0, 1e-9);  // side by side, their fronts line up
}

TEST(EditorManip, BoxSelectsInTopAnd3DViewsWithShiftAddAndCtrlToggle) {
    const TopView v{5, 5, 5};
    std::string err;
    const int rc = run_editor(
        "box", "new empty\n" + add(kTable, 3, 3) + add(kTable, 7, 3) + add(kTable, 3, 7) + "select none\n" + v.setup() +
                   "box " + v.at(1.5, 1.5) + " " + v.at(8.5, 4.5) + "\n" +          // f1, f2
                   "box " + v.at(1.5, 5.5) + " " + v.at(4.5, 8.5) + " add\n" +      // + f3
                   "box " + v.at(1.5, 1.5) + " " + v.at(4.5, 4.5) + " toggle\n" +   // - f1
                   "move 0 -1\n" + save("moved.json") +
                   // A drag that starts on empty floor is a box too; it replaces the selection with f3.
                   v.drag(1.5, 4.5, 4.5, 8.5) + "nudge right\nnudge up fine\n" + save("nudged.json") +
                   // A box that holds only part of f2 selects nothing more.
                   "box " + v.at(6.5, 2) + " " + v.at(8, 4) + " add\nnudge left\n" + save("partial.json") +
                   "view 3d\ncamera target 5 5 0\ncamera orbit -60 45 40\nbox 0.01 0.01 0.99 0.99\ndelete\n" + save("all.json"),
        &err);
    ASSERT_EQ(rc, 0) << err;
    const Plan m = load("moved.json");
    EXPECT_NEAR(fur(m, "f1").position.y, 3.0, 1e-9);
    EXPECT_NEAR(fur(m, "f2").position.y, 2.0, 1e-9);
    EXPECT_NEAR(fur(m, "f3").position.y, 6.0, 1e-9);
    const Plan n = load("nudged.json");
    EXPECT_NEAR(fur(n, "f3").position.x, 3.1, 1e-9);  // one 0.1 m grid step
    EXPECT_NEAR(fur(n, "f3").position.y, 6.01, 1e-9);
    EXPECT_NEAR(fur(n, "f2").position.x, 7.0, 1e-9);
    const Plan p = load("partial.json");
    EXPECT_NEAR(fur(p, "f3").position.x, 3.0, 1e-9);
    EXPECT_NEAR(fur(p, "f2").position.x, 7.0, 1e-9);
    EXPECT_TRUE(load("all.json").levels.at(0).furniture.empty());
}

TEST(EditorManip, AlignDistributeArrayCopyPaste) {
    std::string err;
    const int rc = run_editor(
        "arrange", "new empty\n" + add(kTable, 0, 0) + add(kTable, 1.5, 0.3) + add(kTable, 10, -0.2) +
                       "select all\nalign bottom\ndistribute x\n" + save("aligned.json") +
                       // Six tables 1.2 m apart northwards: depth 0.8, so a 2.0 m pitch; then one undo removes all five.
                       "select f1\narray 6 1.2 gap y\n" + save("array.json") + "undo\n" + save("unarray.json") +
                       "redo\nselect f1 f4\narray 2 3 pitch -x\n" + save("pitch.json") +
                       "select f2\ncopy\npaste 20 20\n" + save("pasted.json") + "paste\n" + save("offset.json"),
        &err);
    ASSERT_EQ(rc, 0) << err;
    const Plan a = load("aligned.json");
    // Bottoms meet at the lowest (-0.2 - 0.4): every centre at y -0.2. Gaps: span 11.2 - 3 × 1.2 = 7.6 → 3.8 each.
    for (const char* id : {"f1", "f2", "f3"}) EXPECT_NEAR(fur(a, id).position.y, -0.2, 1e-9) << id;
    EXPECT_NEAR(fur(a, "f2").position.x, 5.0, 1e-9);
    const Plan r = load("array.json");
    ASSERT_EQ(r.levels.at(0).furniture.size(), 8u);
    EXPECT_NEAR(fur(r, "f8").position.y, -0.2 + 5 * 2.0, 1e-9);
    EXPECT_NEAR(fur(r, "f8").position.x, 0.0, 1e-9);
    EXPECT_EQ(load("unarray.json").levels.at(0).furniture.size(), 3u);
    // Two of the row copied once 3 m west (pitch, centre to centre): f9 and f10.
    const Plan p = load("pitch.json");
    ASSERT_EQ(p.levels.at(0).furniture.size(), 10u);
    EXPECT_NEAR(fur(p, "f9").position.x, -3.0, 1e-9);
    EXPECT_NEAR(fur(p, "f10").position.y, -0.2 + 2.0, 1e-9);
    const Plan q = load("pasted.json");
    EXPECT_NEAR(fur(q, "f11").position.x, 20.0, 1e-9);
    EXPECT_NEAR(fur(q, "f11").position.y, 20.0, 1e-9);
    EXPECT_NEAR(fur(load("offset.json"), "f12").position.x, 5.5, 1e-9);  // f2 at 5.0, 0.5 m east
}

TEST(EditorManip, CopyTravelsToAnotherEditorThroughTheSystemClipboard) {
    // Editor A copies and keeps running (it owns the X selection); editor B, whose own clipboard is
    // empty, pastes what A copied.
    const fs::path a_script = work_dir() / "a.script", a_saved = work_dir() / "a.json", pid = work_dir() / "a.pid";
    std::ofstream(a_script) << "new empty\n" + add(kTable, 1, 1) + "set label X9\ncopy\n" + save("a.json") + "wait 100000\n";
    const std::string start = std::string(SHUXIANG_BIN_DIR) + "/shuxiang-editor --size 800x600 --script " +
                              a_script.string() + " >/dev/null 2>&1 & echo $! >" + pid.string();
    ASSERT_EQ(std::system(start.c_str()), 0);
    for (int i = 0; i < 300 && !fs::exists(a_saved); ++i) ::usleep(100000);
    ASSERT_TRUE(fs::exists(a_saved)) << "editor A did not start";
    std::string err;
    const int rc = run_editor("b", "new empty\npaste 20 20\n" + save("b.json"), &err);
    std::ifstream in(pid);
    long a_pid = 0;
    in >> a_pid;
    if (a_pid > 0) ::kill(static_cast<pid_t>(a_pid), SIGTERM);
    ASSERT_EQ(rc, 0) << err;
    const Furniture f = fur(load("b.json"), "f1");
    EXPECT_EQ(f.type, kTable);
    EXPECT_EQ(f.label, "X9");
    EXPECT_DOUBLE_EQ(f.position.x, 20.0);
}

// The real input path: X pointer events (xdotool, through the X server) reach GLFW, Dear ImGui's
// GLFW backend and the viewport's press/motion/release, as a user's mouse does (the other tests
// call press/motion/release from scripts). A left drag of 140 px on a table in a top view 8 m high
// moves it 140 × 8 / (viewport height) m east, snapped to the 0.1 m grid, and not north or south.
TEST(EditorManip, RealMouseDragMovesTheTable) {
    ASSERT_EQ(std::system("command -v xdotool >/dev/null"), 0) << "xdotool missing: run scripts/setup.sh";
    const fs::path script = work_dir() / "mouse.script", vp = work_dir() / "mouse.vp", go = work_dir() / "mouse.go",
                   err = work_dir() / "mouse.err", status = work_dir() / "mouse.status";
    const TopView top{5, 5, 4};
    std::ofstream(script) << "new empty\n" + add(kTable, 5, 5) + "select none\n" + top.setup() + "viewport " +
                                 vp.string() + "\nwait-for " + go.string() + " 60\nwait 5\n" + save("mouse.json");
    const std::string start = "(ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" " +
                              std::string(SHUXIANG_BIN_DIR) + "/shuxiang-editor --size 1400x900 --script " + script.string() +
                              " >/dev/null 2>" + err.string() + "; echo $? >" + status.string() + ") &";
    // Until the editor reports its viewport, or exits early (then its status and stderr say why).
    // One more start if the first never reports: CI once saw an editor that never got that far
    // (a start that failed in the X server, not in the drag), and the drag is what is tested here.
    std::string diagnosis;
    for (int attempt = 0; attempt < 2 && !fs::exists(vp); ++attempt) {
        fs::remove(status);
        fs::remove(go);
        ASSERT_EQ(std::system(start.c_str()), 0);
        for (int i = 0; i < 300 && !fs::exists(vp) && !fs::exists(status); ++i) ::usleep(100000);
        if (fs::exists(vp)) break;
        std::ofstream(go) << "go\n";  // let a slow editor finish instead of lingering
        for (int i = 0; i < 100 && !fs::exists(status); ++i) ::usleep(100000);
        std::stringstream e, st;
        e << std::ifstream(err).rdbuf();
        st << std::ifstream(status).rdbuf();
        diagnosis += "start " + std::to_string(attempt + 1) + ": exit status '" + st.str() + "', stderr: " + e.str() + "\n";
        std::cerr << "the editor did not report its viewport; " << diagnosis;
    }
    ASSERT_TRUE(fs::exists(vp)) << "the editor did not report its viewport\n" << diagnosis;
    fs::remove(go);
    double x = 0, y = 0, w = 0, h = 0;
    std::ifstream(vp) >> x >> y >> w >> h;
    ASSERT_GT(w, 100);
    ASSERT_GT(h, 100);
    const int cx = static_cast<int>(x + w / 2), cy = static_cast<int>(y + h / 2);  // the table's centre
    // Press on the table, move in steps (as a hand does), release 140 px east; then click empty floor.
    const std::string drag = "xdotool mousemove " + std::to_string(cx) + " " + std::to_string(cy) +
                             " sleep 0.2 mousedown 1 sleep 0.2 mousemove " + std::to_string(cx + 20) + " " +
                             std::to_string(cy) + " sleep 0.2 mousemove " + std::to_string(cx + 80) + " " +
                             std::to_string(cy) + " sleep 0.2 mousemove " + std::to_string(cx + 140) + " " +
                             std::to_string(cy) + " sleep 0.2 mouseup 1 sleep 0.3";
    const int drag_rc = std::system(drag.c_str());
    std::ofstream(go) << "go\n";
    for (int i = 0; i < 600 && !fs::exists(status); ++i) ::usleep(100000);
    ASSERT_EQ(drag_rc, 0);
    ASSERT_TRUE(fs::exists(status)) << "the editor did not finish";
    int rc = -1;
    std::ifstream(status) >> rc;
    std::stringstream e;
    e << std::ifstream(err).rdbuf();
    ASSERT_EQ(rc, 0) << e.str();
    const Furniture f = fur(load("mouse.json"), "f1");
    const double moved = 140.0 * 8.0 / h;
    EXPECT_NEAR(f.position.x, 5.0 + moved, 0.051) << "moved " << moved << " m";
    EXPECT_NEAR(std::round(f.position.x * 10) / 10, f.position.x, 1e-9);  // on the grid
    EXPECT_DOUBLE_EQ(f.position.y, 5.0);
}

TEST(EditorManip, BadArgumentsStopTheScriptWithTheLine) {
    std::string err;
    EXPECT_EQ(run_editor("bad1", "new empty\nalign sideways\n", &err), 2);
    EXPECT_NE(err.find("line 2: " + shuxiang::tr("editor.script.usage.align")), std::string::npos) << err;
    EXPECT_NE(err.find("align："), std::string::npos) << err;  // in the Chinese UI's words
    EXPECT_EQ(run_editor("bad2", "new empty\narray 6\n", &err), 2);
    EXPECT_NE(err.find("line 2: " + shuxiang::trf("editor.script.arg_count", {"array"})), std::string::npos) << err;
    EXPECT_EQ(run_editor("bad3", "new empty\nselect none\ndistribute x\n", &err), 2);
    EXPECT_NE(err.find("line 3:"), std::string::npos) << err;
    EXPECT_EQ(run_editor("bad4", "new empty\ndrag 0.5 0.5 1.5 0.5\n", &err), 2);
}
