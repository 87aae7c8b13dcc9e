// End-to-end tests of the editor: each runs bin/shuxiang-editor with a script (the same actions the
// UI uses) and checks the plan it saved or the pixels of its screenshots.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <unistd.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "shuxiang/plan/io.hpp"
#include "shuxiang/plan/model.hpp"
#include "shuxiang/util/i18n.hpp"

#include "editor/png_probe.hpp"

namespace fs = std::filesystem;
using shuxiang::plan::Plan;

namespace {

const std::string kOneRoom = std::string(SHUXIANG_TEST_DATA_DIR) + "/editor/one-room.sxplan.json";

struct Result {
    int rc = -1;
    std::string out, err;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

class EditorTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("sx_editor_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir_);
    }
    fs::path path(const std::string& name) const { return dir_ / name; }

    Result run_args(const std::string& args) {
        // Under the asan preset the editor keeps ASan/UBSan's error checks, but not leak checking: Mesa's
        // llvmpipe leaks from JIT-compiled code that LeakSanitizer cannot attribute or suppress.
        // Recent files and autosaves go to the test's folder, not the user's.
        const std::string cmd = "XDG_CONFIG_HOME=" + dir_.string() + " XDG_STATE_HOME=" + dir_.string() +
                                " ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" " +
                                std::string(SHUXIANG_BIN_DIR) + "/shuxiang-editor " + args + " >" +
                                path("out.txt").string() + " 2>" + path("err.txt").string();
        Result r;
        const int st = std::system(cmd.c_str());
        r.rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
        r.out = slurp(path("out.txt"));
        r.err = slurp(path("err.txt"));
        return r;
    }
    Result run_script(const std::string& script, const std::string& extra = "") {
        std::ofstream(path("script.txt")) << script;
        return run_args("--size 1400x900 --script " + path("script.txt").string() + " " + extra);
    }

    fs::path dir_;
};

using shuxiang::test::near;
using shuxiang::test::Png;
using shuxiang::test::read_png;

const shuxiang::plan::Furniture& item(const Plan& p, std::size_t i) { return p.levels.at(0).furniture.at(i); }

int draw_calls(const std::string& out) {
    std::smatch m;
    if (!std::regex_search(out, m, std::regex("scene draw calls: (\\d+), instances: (\\d+)"))) return -1;
    return std::stoi(m[1]);
}
long instances(const std::string& out) {
    std::smatch m;
    if (!std::regex_search(out, m, std::regex("instances: (\\d+)"))) return -1;
    return std::stol(m[1]);
}

}  // namespace

TEST_F(EditorTest, AddMoveUndoRedoGiveExpectedPositions) {
    const Result r = run_script("new empty\n"
                             "add shelf_double_steel_1800 2 3\n"
                             "move 1.5 -0.5\n"
                             "save " + path("a.json").string() + "\n"
                             "undo\n"
                             "save " + path("b.json").string() + "\n"
                             "redo\n"
                             "save " + path("c.json").string() + "\n"
                             "undo\nundo\n"
                             "save " + path("d.json").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const Plan a = shuxiang::plan::load_plan(path("a.json"));
    ASSERT_EQ(a.levels.at(0).furniture.size(), 1u);
    EXPECT_EQ(item(a, 0).type, "shelf_double_steel_1800");
    EXPECT_DOUBLE_EQ(item(a, 0).position.x, 3.5);
    EXPECT_DOUBLE_EQ(item(a, 0).position.y, 2.5);
    const Plan b = shuxiang::plan::load_plan(path("b.json"));
    EXPECT_DOUBLE_EQ(item(b, 0).position.x, 2.0);
    EXPECT_DOUBLE_EQ(item(b, 0).position.y, 3.0);
    EXPECT_EQ(shuxiang::plan::load_plan(path("c.json")), a);
    EXPECT_TRUE(shuxiang::plan::load_plan(path("d.json")).levels.at(0).furniture.empty());
}

TEST_F(EditorTest, DuplicateRotateDeleteOnASelection) {
    const Result r = run_script("open " + kOneRoom + "\n"
                             "add table_reading_4 2 2\n"
                             "add table_reading_4 4 2\n"
                             "select f1 f2\n"
                             "rotate 90\n"   // the pair turns about its centre (3, 2)
                             "save " + path("rot.json").string() + "\n"
                             "duplicate\n"   // copies 0.5 m east and north, selected
                             "save " + path("dup.json").string() + "\n"
                             "delete\n"
                             "select f1\n"
                             "delete\n"
                             "save " + path("del.json").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const Plan rot = shuxiang::plan::load_plan(path("rot.json"));
    EXPECT_NEAR(item(rot, 0).position.x, 3.0, 1e-9);
    EXPECT_NEAR(item(rot, 0).position.y, 1.0, 1e-9);
    EXPECT_NEAR(item(rot, 1).position.x, 3.0, 1e-9);
    EXPECT_NEAR(item(rot, 1).position.y, 3.0, 1e-9);
    EXPECT_DOUBLE_EQ(item(rot, 0).yaw_deg, 90.0);
    const Plan dup = shuxiang::plan::load_plan(path("dup.json"));
    ASSERT_EQ(dup.levels.at(0).furniture.size(), 4u);
    EXPECT_EQ(item(dup, 2).id, "f3");
    EXPECT_EQ(item(dup, 3).id, "f4");
    EXPECT_NEAR(item(dup, 2).position.x, 3.5, 1e-9);
    EXPECT_NEAR(item(dup, 2).position.y, 1.5, 1e-9);
    EXPECT_DOUBLE_EQ(item(dup, 3).yaw_deg, 90.0);
    const Plan del = shuxiang::plan::load_plan(path("del.json"));
    ASSERT_EQ(del.levels.at(0).furniture.size(), 1u);
    EXPECT_EQ(item(del, 0).id, "f2");
}

TEST_F(EditorTest, ClickPicksFurnitureByRayAndRoomsByFloor) {
    // The shelf stands at the room's centre, which the top view puts at the viewport's centre.
    const Result r = run_script("open " + kOneRoom + "\n"
                             "add shelf_double_steel_1800 5 4\n"
                             "select none\n"
                             "view top\nframe all\n"
                             "click 0.5 0.5\n"
                             "delete\n"
                             "save " + path("picked.json").string() + "\n"
                             "click 0.5 0.5\n"   // now only the floor: selects the room
                             "delete\n"          // what is selected goes: the room
                             "save " + path("noroom.json").string() + "\n"
                             "delete\n");        // nothing left selected: the script must stop here
    EXPECT_EQ(r.rc, 2);
    EXPECT_NE(r.err.find("script.txt: line 12: "), std::string::npos) << r.err;
    const Plan p = shuxiang::plan::load_plan(path("picked.json"));
    EXPECT_TRUE(p.levels.at(0).furniture.empty());
    ASSERT_EQ(p.levels.at(0).rooms.size(), 1u);
    EXPECT_TRUE(shuxiang::plan::load_plan(path("noroom.json")).levels.at(0).rooms.empty());
}

TEST_F(EditorTest, TopViewShowsRoomColourInsideAndBackgroundOutside) {
    const Result r = run_script("open " + kOneRoom + "\nview top\ngrid off\nframe all\nscreenshot " +
                             path("top.png").string() + " viewport\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const Png img = read_png(path("top.png"));
    ASSERT_GT(img.w, 100);
    // Reading rooms are drawn unlit in RGB (0.70, 0.85, 0.62); the label sits at the very centre, so
    // probe a quarter of the way up. The clear colour is (0.17, 0.18, 0.20).
    EXPECT_TRUE(near(img.at(img.w / 2, img.h / 4), {179, 217, 158}, 2));
    EXPECT_TRUE(near(img.at(img.w / 4, img.h / 2), {179, 217, 158}, 2));
    EXPECT_TRUE(near(img.at(3, 3), {43, 46, 51}, 2));
    EXPECT_TRUE(near(img.at(img.w - 3, img.h - 3), {43, 46, 51}, 2));
    // Framing fits the 10 × 8 m room with 10 % + 0.5 m margin: half height = max(4, 5 / aspect) · 1.1 + 0.5;
    // the room's 8 m then cover 8 / (2 · half) of the image height.
    const double aspect = static_cast<double>(img.w) / img.h;
    const double half = std::max(4.0, 5.0 / aspect) * 1.1 + 0.5;
    int top = -1, bottom = -1;
    for (int y = 0; y < img.h; ++y)
        if (near(img.at(img.w / 4, y), {179, 217, 158}, 2)) {
            if (top < 0) top = y;
            bottom = y;
        }
    EXPECT_NEAR(static_cast<double>(bottom - top + 1) / img.h, 8.0 / (2 * half), 2.0 / img.h);
}

TEST_F(EditorTest, ChineseAndEnglishMenusRenderText) {
    const Result r = run_script("open " + kOneRoom + "\nscreenshot " + path("zh.png").string() + "\nlang en\nscreenshot " +
                             path("en.png").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    EXPECT_EQ(r.out.find("font: "), std::string::npos) << r.out;  // no glyph of the UI texts missing
    EXPECT_NE(r.out.find("missing glyphs: 0\n"), std::string::npos) << r.out;
    const Png zh = read_png(path("zh.png")), en = read_png(path("en.png"));
    ASSERT_EQ(zh.w, 1400);
    ASSERT_EQ(en.w, 1400);
    // The menu bar (first 20 rows, 200 px): light text pixels on the dark bar.
    int zh_text = 0, differ = 0;
    for (int y = 0; y < 20; ++y)
        for (int x = 0; x < 200; ++x) {
            auto c = zh.at(x, y);
            if (c[0] + c[1] + c[2] > 450) ++zh_text;
            if (!near(c, en.at(x, y), 30)) ++differ;
        }
    EXPECT_GT(zh_text, 60);   // 文件 编辑 视图 语言: a few hundred stroke pixels, not blank
    EXPECT_GT(differ, 60);    // and the English menu is different text
}

TEST_F(EditorTest, DrawCallsDoNotGrowWithShelves) {
    // Every frame drawn whole (a frame that changes nothing would only be copied again, 1 draw call)
    // and every spine drawn (`lod off`): framing fits the whole plan into the view, and how far back
    // that puts the camera must not decide whether the far spines' block pass joins in.
    std::string few = "open " + kOneRoom + "\nframe-reuse off\nadd shelf_double_steel_1800 5 4\nselect none\nlod off\nwait 2\n";
    std::string many = "open " + kOneRoom + "\nframe-reuse off\n";
    for (int i = 0; i < 40; ++i)
        many += "add shelf_double_steel_1800 " + std::to_string(1 + (i % 8)) + " " + std::to_string(1 + i / 8) + "\n";
    many += "select none\nlod off\nwait 2\n";
    const Result a = run_script(few), b = run_script(many);
    ASSERT_EQ(a.rc, 0) << a.err;
    ASSERT_EQ(b.rc, 0) << b.err;
    // Grid, floors, boxes, book spines, then the lit view's full-screen passes (occlusion; FXAA with
    // tone mapping into the finished frame; its copy into the window); the shadow map is drawn again
    // only when the plan changes.
    EXPECT_EQ(draw_calls(a.out), 7) << a.out;
    EXPECT_EQ(draw_calls(b.out), draw_calls(a.out)) << b.out;
    EXPECT_GT(instances(b.out), 30 * instances(a.out) / 2);
}

TEST_F(EditorTest, NewFromTemplateMatchesTheTemplateFile) {
    const Result r = run_script("new primary-library\nsave " + path("t.json").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const Plan tpl = shuxiang::plan::load_plan(std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/templates/primary-library.sxplan.json");
    EXPECT_EQ(shuxiang::plan::load_plan(path("t.json")), tpl);
    EXPECT_FALSE(tpl.levels.empty());
}

TEST_F(EditorTest, UnknownActionNamesScriptAndLine) {
    const Result r = run_script("new empty\n# a comment\nfrobnicate 1 2\n");
    EXPECT_EQ(r.rc, 2);
    // The editor runs in Chinese unless told otherwise.
    EXPECT_NE(r.err.find(path("script.txt").string() + ": line 3: 未知的动作“frobnicate”"), std::string::npos) << r.err;
    EXPECT_EQ(shuxiang::trf("editor.script.unknown_action", {"frobnicate"}), "未知的动作“frobnicate”");
}

TEST_F(EditorTest, BadPlanFileNamesFileAndPlaceWithoutCrashing) {
    const std::string bad = std::string(SHUXIANG_TEST_DATA_DIR) + "/editor/bad.sxplan.json";
    const Result r = run_args(bad + " --frames 1");
    EXPECT_EQ(r.rc, 2);
    EXPECT_NE(r.err.find(bad), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("/levels/0/rooms/0/kind"), std::string::npos) << r.err;
}

TEST_F(EditorTest, HeadlessFramesAndScreenshotExitZero) {
    const Result r = run_args(kOneRoom + " --frames 3 --lang en --screenshot " + path("shot.png").string());
    ASSERT_EQ(r.rc, 0) << r.err;
    const Png img = read_png(path("shot.png"));
    EXPECT_EQ(img.w, 1400);
    EXPECT_EQ(img.h, 900);
}

TEST_F(EditorTest, FontGainsGlyphsOfPlanNamesOpenedLater) {
    // 龘 and 區 are outside the common simplified set the atlas starts with.
    const Result r = run_script("open " + std::string(SHUXIANG_TEST_DATA_DIR) + "/editor/rare-name.sxplan.json\nwait 2\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    EXPECT_NE(r.out.find("missing glyphs: 0\n"), std::string::npos) << r.out;
}

TEST_F(EditorTest, DemoMatchesGoldenImagesWithinTolerance) {
    std::string script = slurp(std::string(SHUXIANG_SOURCE_DIR) + "/tests/editor/golden.script.in");
    script = std::regex_replace(script, std::regex("@DEMO@"), std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/demo/demo-school.sxplan.json");
    script = std::regex_replace(script, std::regex("@OUT@"), dir_.string());
    const Result r = run_script(script);
    ASSERT_EQ(r.rc, 0) << r.err;
    for (const char* name : {"demo-top.png", "demo-3d.png", "demo-walk.png"}) {
        const Png got = read_png(path(name));
        const std::string golden = std::string(SHUXIANG_TEST_DATA_DIR) + "/editor/golden/" + name;
        if (const char* update = std::getenv("SHUXIANG_UPDATE_GOLDEN"); update && std::string(update) == "1") {
            // Regenerating on purpose (see tests/editor/update-golden.sh): look at the images before committing.
            std::filesystem::copy_file(path(name), golden, std::filesystem::copy_options::overwrite_existing);
            continue;
        }
        const Png want = read_png(golden);
        ASSERT_EQ(got.w, want.w) << name;
        ASSERT_EQ(got.h, want.h) << name;
        // Tolerance for rasteriser differences: small mean error, and few pixels far off.
        double sum = 0;
        long far = 0;
        for (std::size_t i = 0; i < got.rgb.size(); i += 3) {
            int worst = 0;
            for (std::size_t c = 0; c < 3; ++c) {
                const int d = std::abs(static_cast<int>(got.rgb[i + c]) - static_cast<int>(want.rgb[i + c]));
                sum += d;
                worst = std::max(worst, d);
            }
            if (worst > 48) ++far;
        }
        const double pixels = static_cast<double>(got.rgb.size() / 3);
        EXPECT_LT(sum / static_cast<double>(got.rgb.size()), 1.5)
            << name << ": mean difference too large; if the demo or renderer changed on purpose, run "
            << "tests/editor/update-golden.sh (or this test with SHUXIANG_UPDATE_GOLDEN=1) and look at the new images";
        EXPECT_LT(static_cast<double>(far) / pixels, 0.005) << name;
    }
}

TEST_F(EditorTest, OverlapsAreRedAndNarrowAislesAreMarked) {
    const Result r = run_script("open " + kOneRoom + "\n"
                                "add shelf_double_steel_1800 5 3\n"     // 3.6 × 0.5 m ranges,
                                "add shelf_double_steel_1800 5 4.3\n"   // 0.80 m apart: under 1.00 m
                                "add table_reading_4 2 6\n"             // 1.2 × 0.8 m tables:
                                "add table_reading_4 2.5 6.2\n"         // these two overlap
                                "add table_reading_4 8 7\n"             // this one does not
                                "select none\nview top\ngrid off\nframe all\n"
                                "screenshot " + path("checks.png").string() + " viewport\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const Png img = read_png(path("checks.png"));
    ASSERT_GT(img.w, 100);
    // Plan → pixel for the framed top view (centre (5, 4), see the framing rule above).
    const double aspect = static_cast<double>(img.w) / img.h;
    const double half = std::max(4.0, 5.0 / aspect) * 1.1 + 0.5;
    auto px = [&](double x, double y) {
        return img.at(static_cast<int>(img.w / 2.0 + (x - 5) / (2 * half * aspect) * img.w),
                      static_cast<int>(img.h / 2.0 - (y - 4) / (2 * half) * img.h));
    };
    // Table tops face the light at 0.55 + 0.45 · 0.759 = 0.892 of their colour: wood (0.80, 0.66, 0.46);
    // overlapping ones are 70 % red (0.95, 0.10, 0.10): (0.905, 0.268, 0.208).
    EXPECT_TRUE(near(px(1.6, 5.8), {206, 61, 47}, 4));
    EXPECT_TRUE(near(px(8, 7), {182, 150, 105}, 4));
    // The aisle band (y 3.25 … 4.05) is the floor under translucent red; the floor outside is not.
    const auto band = px(6.2, 3.65), floor = px(6.2, 5.5);
    EXPECT_GT(band[0] - band[1], 40);
    EXPECT_TRUE(near(floor, {179, 217, 158}, 2));
}

TEST_F(EditorTest, InspectorFieldsEditTheSelectionInOneStep) {
    const Result r = run_script("open " + kOneRoom + "\n"
                                "add table_reading_4 2 2\nadd table_reading_4 4 3\n"
                                "select f1 f2\nset y 6.5\n"
                                "save " + path("set.json").string() + "\n"
                                "undo\n"
                                "save " + path("undo.json").string() + "\n"
                                "select reading\nset kind stacks\nset name 书库\n"
                                "save " + path("room.json").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const Plan set = shuxiang::plan::load_plan(path("set.json"));
    EXPECT_DOUBLE_EQ(item(set, 0).position.y, 6.5);
    EXPECT_DOUBLE_EQ(item(set, 1).position.y, 6.5);
    EXPECT_DOUBLE_EQ(item(set, 1).position.x, 4.0);
    const Plan undo = shuxiang::plan::load_plan(path("undo.json"));  // both back in one undo
    EXPECT_DOUBLE_EQ(item(undo, 0).position.y, 2.0);
    EXPECT_DOUBLE_EQ(item(undo, 1).position.y, 3.0);
    const Plan room = shuxiang::plan::load_plan(path("room.json"));
    EXPECT_EQ(room.levels[0].rooms[0].kind, shuxiang::plan::RoomKind::Stacks);
    EXPECT_EQ(room.levels[0].rooms[0].name, "书库");
}

TEST_F(EditorTest, ChecksPanelListsGeometryAndStandardsProblems) {
    const Result r = run_script("open " + kOneRoom + "\n"
                                "add shelf_double_steel_1800 5 3\nadd shelf_double_steel_1800 5 4.3\n"
                                "add table_reading_4 2 6\nadd table_reading_4 2.5 6.2\n"
                                "lang en\nchecks " + path("checks.txt").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    std::istringstream in(slurp(path("checks.txt")));
    std::vector<std::string> kinds, ids, texts;
    for (std::string line; std::getline(in, line);) {
        const auto t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
        kinds.push_back(line.substr(0, t1));
        ids.push_back(line.substr(t1 + 1, t2 - t1 - 1));
        texts.push_back(line.substr(t2 + 1));
    }
    auto has = [&](const std::string& kind, const std::string& id_list) {
        for (std::size_t i = 0; i < kinds.size(); ++i)
            if (kinds[i] == kind && ids[i] == id_list) return true;
        return false;
    };
    EXPECT_TRUE(has("overlap", "f3,f4"));
    EXPECT_TRUE(has("aisle_narrow", "f1,f2"));
    EXPECT_FALSE(has("overlap", "f1,f2"));
    // The room has no door: reachability cannot be judged, and the standards find missing functions.
    EXPECT_TRUE(std::find(kinds.begin(), kinds.end(), "no_entrance") != kinds.end());
    EXPECT_TRUE(std::find(kinds.begin(), kinds.end(), "standard_fail") != kinds.end() ||
                std::find(kinds.begin(), kinds.end(), "standard_warning") != kinds.end());
    bool aisle_text = false;
    for (const auto& t : texts)
        if (t.find("is 0.80 m wide, at least 1.00 m is required") != std::string::npos) aisle_text = true;
    EXPECT_TRUE(aisle_text);
    // Objects are named by their labels, not their ids.
    for (const auto& t : texts) EXPECT_EQ(t.find("f1"), std::string::npos) << t;
}

TEST_F(EditorTest, ChecksNameLabelsAndAnEmptyDocumentHasNone) {
    // A new empty document opens with no check at all (no plan-level failures, no "no entrance").
    const Result empty = run_script("new empty\nchecks " + path("empty.txt").string() + "\n");
    ASSERT_EQ(empty.rc, 0) << empty.err;
    EXPECT_EQ(slurp(path("empty.txt")), "");
    // Layout problems come first, named by labels; the plan-level checks follow, grouped apart.
    const Result r = run_script("open " + kOneRoom + "\n"
                                "add shelf_double_steel_1800 5 3\nadd shelf_double_steel_1800 5 3.4\n"
                                "checks " + path("checks.txt").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const std::string text = slurp(path("checks.txt"));
    EXPECT_NE(text.find("overlap\tf1,f2\t双面钢制书架（五层，1.8 米） 1 号 与 双面钢制书架（五层，1.8 米） 2 号 重叠"),
              std::string::npos) << text;
    const auto first_standard = text.find("standard_");
    ASSERT_NE(first_standard, std::string::npos) << text;
    EXPECT_EQ(text.find("overlap", first_standard), std::string::npos) << text;
}

TEST_F(EditorTest, AStackRoomsArrangementIsEditedAndChecked) {
    // Two 5 × 4 m stack rooms with shelving at 540 books/m²: closed stacks (over their 500) and compact
    // shelving (within its 800). Marking the closed room compact clears its problem, one undo step;
    // marking the compact room open access (400) gives it one; the file says so only when not open.
    const std::string fixture = std::string(SHUXIANG_TEST_DATA_DIR) + "/plan_check/closed-stacks.sxplan.json";
    const Result r = run_script("open " + fixture + "\nchecks " + path("before.txt").string() + "\nselect closed\nset stacks compact\n" +
                                "checks " + path("compact.txt").string() + "\nsave " + path("compact.json").string() + "\nundo\n" +
                                "select compact\nset stacks open\nchecks " + path("open.txt").string() + "\nsave " +
                                path("open.json").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    auto dense = [&](const std::string& file) {
        std::vector<std::string> ids;
        std::istringstream in(slurp(path(file)));
        for (std::string line; std::getline(in, line);)
            if (line.rfind("stack_density\t", 0) == 0) ids.push_back(line.substr(14, line.find('\t', 14) - 14));
        return ids;
    };
    EXPECT_EQ(dense("before.txt"), std::vector<std::string>{"closed"}) << slurp(path("before.txt"));
    EXPECT_TRUE(dense("compact.txt").empty()) << slurp(path("compact.txt"));
    EXPECT_EQ(dense("open.txt"), (std::vector<std::string>{"closed", "compact"})) << slurp(path("open.txt"));
    const auto compact = shuxiang::plan::load_plan(path("compact.json"));
    EXPECT_EQ(compact.levels[0].rooms[0].stacks, shuxiang::plan::StackArrangement::Compact);
    const auto open = shuxiang::plan::load_plan(path("open.json"));
    EXPECT_EQ(open.levels[0].rooms[0].stacks, shuxiang::plan::StackArrangement::Closed);  // the undo
    EXPECT_EQ(open.levels[0].rooms[1].stacks, shuxiang::plan::StackArrangement::Open);
    EXPECT_EQ(slurp(path("open.json")).find("\"open\""), std::string::npos);  // the default is not written
}

TEST_F(EditorTest, TopViewDimensionsMeasureWallsAndTheSelection) {
    // The demo's south wall runs 32.4 m along y = 0 and is 0.24 m thick: its dimension line lies
    // 0.12 + 0.4 m outside (south). A 4-section range at the origin measures 4 sections by its depth.
    const Result r = run_script("open " + std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/demo/demo-school.sxplan.json\n"
                                "view top\nframe all\nselect stk-range-1\ndimensions " + path("dims.txt").string() +
                                "\nscreenshot " + path("dims.png").string() + " viewport\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    std::istringstream in(slurp(path("dims.txt")));
    std::map<std::string, std::vector<std::string>> rows;
    for (std::string line; std::getline(in, line);) rows[line.substr(0, line.find('\t'))].push_back(line);
    ASSERT_EQ(rows["w-south"].size(), 1u);
    EXPECT_EQ(rows["w-south"][0], "w-south\t32.400\t0.000 -0.520\t32.400 -0.520");
    ASSERT_EQ(rows["stk-range-1"].size(), 2u);  // width and depth of the selection
    EXPECT_TRUE(rows["stk-range-1"][1].rfind("stk-range-1\t0.500\t", 0) == 0) << rows["stk-range-1"][1];
    // Without a selection only walls are measured.
    const Result r2 = run_script("open " + std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/demo/demo-school.sxplan.json\n"
                                 "select none\ndimensions " + path("dims2.txt").string() + "\n");
    ASSERT_EQ(r2.rc, 0) << r2.err;
    EXPECT_EQ(slurp(path("dims2.txt")).find("stk-range-1"), std::string::npos);
}
