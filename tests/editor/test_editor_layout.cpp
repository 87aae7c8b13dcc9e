// The editor's layout, driving the real editor under Xvfb: with the default panels (and with the
// simulation panel and a collapsed log) no window covers the view, the framed plan lies inside the
// view, and a click at the centre of the view picks what is drawn there.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "editor_process.hpp"
#include "layout_probe.hpp"
#include "png_probe.hpp"
#include "shuxiang/plan/io.hpp"

using shuxiang::test::Box;
using shuxiang::test::LayoutDump;
using shuxiang::test::read_layout;

namespace {

const std::string kDemo = std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/demo/demo-school.sxplan.json";

// Two rooms side by side, 16 × 8 m in all, with one double-faced range at the middle of the whole
// (8, 4): framing centres the view on it, while the rooms' name labels stand 2 m and 6 m away.
const char* kCentrePlan = R"({"schema_version": 4,
  "school": {"name": "S", "type": "primary", "students": {"primary": 600, "junior": 0, "senior": 0},
             "teachers": 40, "classes": 12, "region": ""},
  "opening_hours_per_week": 40.0, "notes": "",
  "levels": [{"id": "L1", "name": "1F", "elevation": 0.0,
    "rooms": [{"id": "R1", "name": "R", "kind": "reading", "polygon": [[0, 0], [12, 0], [12, 8], [0, 8]]},
              {"id": "R2", "name": "S", "kind": "rest", "polygon": [[12, 0], [16, 0], [16, 8], [12, 8]]}],
    "walls": [], "openings": [],
    "furniture": [{"id": "f1", "type": "shelf_double_steel_2000", "position": [8, 4], "yaw": 0}]}]})";

class EditorLayout : public shuxiang::test::EditorProcessTest {
protected:
    EditorLayout() : EditorProcessTest("sx_layout_") {}

    // No window of the frame covers the view; the panels are where the layout put them.
    void expect_nothing_over_the_view(const LayoutDump& d, const std::string& what) {
        EXPECT_GT(d.view.w, 100) << what;
        EXPECT_GT(d.view.h, 100) << what;
        for (const auto& [name, box] : d.windows)
            EXPECT_FALSE(box.overlaps(d.view)) << what << ": window " << name << " at " << box.x << "," << box.y << " "
                                               << box.w << "×" << box.h;
        for (const auto& [name, box] : d.panels) EXPECT_FALSE(box.overlaps(d.view)) << what << ": panel " << name;
    }
};

}  // namespace

TEST_F(EditorLayout, NoPanelCoversTheViewAndTheFramedPlanLiesInsideIt) {
    const auto r = editor("open " + kDemo + "\nview top\nframe all\nwait 2\nlayout " + path("top.txt").string() +
                          "\nview 3d\nframe all\nwait 2\nlayout " + path("3d.txt").string() +
                          "\npanel simulation on\nwait 2\nframe all\nwait 1\nlayout " + path("sim.txt").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    for (const char* f : {"top.txt", "3d.txt", "sim.txt"}) {
        const LayoutDump d = read_layout(path(f));
        // The menu bar, the toolbar, the status bar and the five default panels at least.
        EXPECT_GE(d.windows.size(), 8u) << f;
        for (const char* p : {"outliner", "palette", "inspector", "checks", "log"}) EXPECT_TRUE(d.panels.count(p)) << f << " " << p;
        expect_nothing_over_the_view(d, f);
        ASSERT_TRUE(d.plan.has_value()) << f;
        EXPECT_TRUE(d.plan->inside(d.view)) << f << ": plan " << d.plan->x << "," << d.plan->y << " " << d.plan->w << "×"
                                            << d.plan->h << " view " << d.view.x << "," << d.view.y << " " << d.view.w << "×"
                                            << d.view.h;
        // Framing fills the view's shorter side (not a corner of it).
        EXPECT_GT(std::max(d.plan->w / d.view.w, d.plan->h / d.view.h), 0.6) << f;
    }
    // The simulation panel joins the right column: the view keeps its size.
    const LayoutDump top = read_layout(path("top.txt")), sim = read_layout(path("sim.txt"));
    ASSERT_TRUE(sim.panels.count("simulation"));
    EXPECT_DOUBLE_EQ(sim.panels.at("simulation").x, sim.panels.at("checks").x);
    EXPECT_DOUBLE_EQ(sim.view.w, top.view.w);
}

TEST_F(EditorLayout, ACollapsedPanelGivesItsPlaceToTheOthersOrTheView) {
    const auto r = editor("open " + kDemo + "\nlayout " + path("open.txt").string() + "\ncollapse log\ncollapse checks\nwait 2\n" +
                          "frame all\nwait 1\nlayout " + path("folded.txt").string() + "\nexpand log\nexpand checks\nwait 2\nlayout " +
                          path("again.txt").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const LayoutDump open = read_layout(path("open.txt")), folded = read_layout(path("folded.txt")),
                     again = read_layout(path("again.txt"));
    EXPECT_FALSE(open.collapsed.at("log"));
    EXPECT_TRUE(folded.collapsed.at("log"));
    EXPECT_TRUE(folded.collapsed.at("checks"));
    // The log keeps its title bar; the view takes the rest of its height.
    EXPECT_LT(folded.panels.at("log").h, 40);
    EXPECT_NEAR(folded.view.h, open.view.h + open.panels.at("log").h - folded.panels.at("log").h, 0.5);
    EXPECT_GT(folded.panels.at("inspector").h, open.panels.at("inspector").h + 100);
    expect_nothing_over_the_view(folded, "folded");
    ASSERT_TRUE(folded.plan.has_value());
    EXPECT_TRUE(folded.plan->inside(folded.view));
    EXPECT_DOUBLE_EQ(again.view.h, open.view.h);
    EXPECT_FALSE(again.collapsed.at("log"));
}

TEST_F(EditorLayout, AClickAtTheCentreOfTheViewPicksWhatIsDrawnThere) {
    std::ofstream(path("centre.sxplan.json")) << kCentrePlan;
    // In the top and the 3D view, and with the log collapsed (a taller view): the centre pixel of the
    // view shows the range (it changes when the range is deleted) and a click there selects it.
    int n = 0;
    for (const std::string setup : {"view top\n", "view 3d\ncamera orbit -60 50 20\n", "collapse log\nwait 2\nview 3d\n"}) {
        const std::string tag = std::to_string(n++);
        const auto r = editor("open " + path("centre.sxplan.json").string() + "\nshading plain\n" + setup +
                              "frame all\nwait 2\nlayout " + path("l" + tag + ".txt").string() + "\nscreenshot " +
                              path("with" + tag + ".png").string() + "\nclick 0.5 0.5\nset label PICKED\nsave " +
                              path("picked" + tag + ".json").string() + "\ndelete\nwait 1\nscreenshot " +
                              path("without" + tag + ".png").string() + "\n");
        ASSERT_EQ(r.rc, 0) << r.err;
        const auto p = shuxiang::plan::load_plan(path("picked" + tag + ".json"));
        ASSERT_EQ(p.levels.at(0).furniture.size(), 1u);
        EXPECT_EQ(p.levels.at(0).furniture[0].label, "PICKED") << setup;
        const LayoutDump d = read_layout(path("l" + tag + ".txt"));
        const auto with = shuxiang::test::read_png(path("with" + tag + ".png"));
        const auto without = shuxiang::test::read_png(path("without" + tag + ".png"));
        ASSERT_GT(with.w, 0);
        ASSERT_EQ(with.w, without.w);
        const int cx = static_cast<int>(d.view.x + d.view.w / 2), cy = static_cast<int>(d.view.y + d.view.h / 2);
        EXPECT_FALSE(shuxiang::test::near(with.at(cx, cy), without.at(cx, cy), 12))
            << setup << ": the range is not drawn at the view's centre (" << cx << ", " << cy << ")";
    }
}
