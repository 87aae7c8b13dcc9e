// The editor's simulation views: trajectory parsing, playback positions and the density map (unit),
// and end to end under Xvfb: a run in the editor equals the CLI's for the same seed, agents are drawn
// where the trajectories put them, and the heatmap tints the floor where the density was high.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"
#include "support/input_error.hpp"
#include "simview/sim_data.hpp"

#include "editor/editor_process.hpp"
#include "editor/png_probe.hpp"

namespace fs = std::filesystem;
namespace sv = shuxiang::editor::simview;

namespace {

using shuxiang::test::Proc;
using shuxiang::test::slurp;

const std::string kRoom = std::string(SHUXIANG_TEST_DATA_DIR) + "/editor/sim-room.sxplan.json";

class EditorSim : public shuxiang::test::EditorProcessTest {
protected:
    EditorSim() : EditorProcessTest("sx_edsim_") {}
    // `shuxiang simulate` of the test room into DIR.
    fs::path cli_run(const std::string& scenario, int seed, int students) {
        const fs::path out = path("cli");
        const Proc r = cli("simulate --plan " + kRoom + " --scenario " + scenario + " --seed " + std::to_string(seed) +
                          " --students " + std::to_string(students) + " --out " + out.string());
        EXPECT_EQ(r.rc, 0) << r.out << r.err;
        return out;
    }
};

using shuxiang::test::near;
using shuxiang::test::Png;
using shuxiang::test::read_png;

std::array<int, 3> rgb255(double r, double g, double b) {
    return {static_cast<int>(std::lround(r * 255)), static_cast<int>(std::lround(g * 255)), static_cast<int>(std::lround(b * 255))};
}

// The top view used below: centred on the room's centre (6, 4), 5 m from the centre to the top edge.
struct TopView {
    int w, h;
    std::array<int, 2> px(double x, double y) const {
        const double s = (h / 2.0) / 5.0;  // pixels per metre
        return {static_cast<int>(std::lround(w / 2.0 + (x - 6.0) * s - 0.5)),
                static_cast<int>(std::lround(h / 2.0 - (y - 4.0) * s - 0.5))};
    }
};
const std::string kTopView = "view top\ngrid off\ncamera target 6 4 0\ncamera zoom 5\n"
                             "panel results off\npanel playback off\npanel simulation off\n";

struct Sample {
    int id;
    double x, y;
    char state;
};
// Rows of trajectories.csv by time (read independently of the editor's parser).
std::map<double, std::vector<Sample>> read_frames(const fs::path& csv) {
    std::map<double, std::vector<Sample>> f;
    std::istringstream in(slurp(csv));
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line[0] == 't') continue;
        Sample s{};
        double t = 0;
        char c1, c2, c3, c4;
        std::istringstream ls(line);
        ls >> t >> c1 >> s.id >> c2 >> s.x >> c3 >> s.y >> c4 >> s.state;
        f[t].push_back(s);
    }
    return f;
}

}  // namespace

// ---------------------------------------------------------------- GL-free parts

TEST(SimData, TrajectoriesInterpolateAndDropAgentsThatLeft) {
    const sv::Trajectories tr = sv::parse_trajectories("# shuxiang trajectories v1\n"
                                                       "# level=L1 scenario=test frame_s=1.000000\n"
                                                       "t,id,x,y,state\n"
                                                       "1.0,0,0.00,0.00,w\n1.0,1,5.00,5.00,q\n"
                                                       "2.0,0,1.00,0.00,b\n",
                                                       "t.csv");
    EXPECT_EQ(tr.level, "L1");
    EXPECT_EQ(tr.scenario, "test");
    ASSERT_EQ(tr.frames.size(), 2u);
    EXPECT_EQ(tr.at(0.5).size(), 0u);  // before the first frame
    auto a = tr.at(1.0);
    ASSERT_EQ(a.size(), 2u);
    EXPECT_FLOAT_EQ(a[1].pos.x, 5.f);
    EXPECT_EQ(a[1].state, 'q');
    a = tr.at(1.5);  // agent 1 left between the frames; agent 0 half way, 1 m/s
    ASSERT_EQ(a.size(), 1u);
    EXPECT_EQ(a[0].id, 0);
    EXPECT_FLOAT_EQ(a[0].pos.x, 0.5f);
    EXPECT_FLOAT_EQ(a[0].speed, 1.f);
    a = tr.at(2.0);
    ASSERT_EQ(a.size(), 1u);
    EXPECT_FLOAT_EQ(a[0].pos.x, 1.f);
    EXPECT_EQ(a[0].state, 'b');
    EXPECT_EQ(tr.at(3.5).size(), 0u);  // more than a frame after the last
}

TEST(SimData, BadTrajectoryLineNamesFileAndLine) {
    try {
        sv::parse_trajectories("# shuxiang trajectories v1\nt,id,x,y,state\n1.0,0,0.0,w\n", "bad.csv");
        FAIL() << "no error";
    } catch (const shuxiang::InputError& e) {
        EXPECT_EQ(e.file(), "bad.csv");
        EXPECT_EQ(e.where(), "line 3");
    }
    EXPECT_THROW(sv::parse_trajectories("t,id,x,y,state\n1.0,0,0,0,w\n", "x.csv"), shuxiang::InputError);
}

TEST(SimData, TrajectoryErrorsAreInChineseByDefaultAndInEnglishOnRequest) {
    auto backwards = [] {
        sv::parse_trajectories("# shuxiang trajectories v1\nt,id,x,y,state\n2.0,0,0,0,w\n1.0,0,0,0,w\n", "b.csv");
    };
    EXPECT_EQ(shuxiang::test::input_error_of(backwards).where(), "line 4");
    EXPECT_EQ(shuxiang::test::messages_zh_en(backwards), (std::pair<std::string, std::string>{"时间倒退了", "time goes backwards"}));
    auto columns = [] { sv::parse_trajectories("# shuxiang trajectories v2\nt,id,x,y,state,group\n1.0,0,0.0,0.0,w\n", "c.csv"); };
    EXPECT_EQ(shuxiang::test::messages_zh_en(columns),
              (std::pair<std::string, std::string>{"应为“t,id,x,y,state,group”", "expected 't,id,x,y,state,group'"}));
    EXPECT_EQ(shuxiang::language(), shuxiang::Language::ZhCN);
}

// v2 adds the agent's group (index into the "# group N: NAME" lines); v1 files still read, with no group.
TEST(SimData, TrajectoriesV2CarryGroupsAndV1StillReads) {
    const sv::Trajectories tr = sv::parse_trajectories("# shuxiang trajectories v2\n"
                                                       "# level=L1 scenario=two frame_s=1.000000\n"
                                                       "# group 0: class 3\n# group 1: teacher\n"
                                                       "t,id,x,y,state,group\n"
                                                       "1.0,0,0.00,0.00,w,0\n1.0,1,5.00,5.00,q,1\n"
                                                       "2.0,0,1.00,0.00,b,0\n2.0,1,5.00,5.00,q,1\n",
                                                       "t2.csv");
    EXPECT_EQ(tr.version, 2);
    EXPECT_EQ(tr.groups, (std::vector<std::string>{"class 3", "teacher"}));
    auto a = tr.at(1.5);
    ASSERT_EQ(a.size(), 2u);
    EXPECT_EQ(a[0].group, 0);
    EXPECT_EQ(a[1].group, 1);
    EXPECT_FLOAT_EQ(a[0].pos.x, 0.5f);
    const sv::Trajectories v1 = sv::parse_trajectories("# shuxiang trajectories v1\nt,id,x,y,state\n1.0,3,2.00,1.00,r\n", "t1.csv");
    EXPECT_EQ(v1.version, 1);
    EXPECT_TRUE(v1.groups.empty());
    ASSERT_EQ(v1.at(1.0).size(), 1u);
    EXPECT_EQ(v1.at(1.0)[0].group, -1);
    EXPECT_EQ(v1.at(1.0)[0].state, 'r');
    // A v2 row without its group, and a v1 row with one, name their line.
    for (const auto& [text, line] : std::vector<std::pair<std::string, std::string>>{
             {"# shuxiang trajectories v2\nt,id,x,y,state,group\n1.0,0,0.0,0.0,w\n", "line 3"},
             {"# shuxiang trajectories v1\nt,id,x,y,state\n1.0,0,0.0,0.0,w,1\n", "line 3"},
             {"# shuxiang trajectories v2\n# group x: a\n", "line 2"}}) {
        try {
            sv::parse_trajectories(text, "g.csv");
            ADD_FAILURE() << "no error for " << text;
        } catch (const shuxiang::InputError& e) {
            EXPECT_EQ(e.where(), line) << text;
        }
    }
    // Group colours: distinct for the first eight, grey without a group.
    for (int i = 0; i < 8; ++i)
        for (int j = i + 1; j < 8; ++j) EXPECT_GT(glm::length(sv::group_color(i) - sv::group_color(j)), 0.2f) << i << " " << j;
    EXPECT_EQ(sv::group_color(-1), glm::vec3(0.5f));
    EXPECT_EQ(sv::group_color(9), sv::group_color(1));
}

TEST(SimData, DensityMapCountsStandingAndWalkingButNotReaders) {
    // Cell (2, 1) of a 4 × 3 m floor: 3 walking/queueing/browsing agents and a reader in frame 1,
    // one agent in frame 2. Peak 3 /m² (Fruin F, >= 2.17); cell (0, 0) peaks at 1 (D: 0.71-1.08).
    const sv::Trajectories tr = sv::parse_trajectories("# shuxiang trajectories v1\nt,id,x,y,state\n"
                                                       "1.0,0,2.2,1.3,w\n1.0,1,2.8,1.9,q\n1.0,2,2.5,1.5,b\n1.0,3,2.4,1.6,r\n"
                                                       "2.0,0,0.5,0.5,w\n2.0,1,2.5,1.5,q\n",
                                                       "d.csv");
    const sv::DensityMap m = sv::density_map(tr, {0, 0}, {4, 3});
    ASSERT_EQ(m.nx, 4);
    ASSERT_EQ(m.ny, 3);
    EXPECT_FLOAT_EQ(m.value(2, 1), 3.f);
    EXPECT_FLOAT_EQ(m.value(0, 0), 1.f);
    EXPECT_FLOAT_EQ(m.value(1, 1), 0.f);
    EXPECT_FLOAT_EQ(m.max(), 3.f);
    EXPECT_EQ(sv::fruin_level(3.0), 5);
    EXPECT_EQ(sv::fruin_level(1.0), 3);
    EXPECT_EQ(sv::fruin_level(0.2), 0);
    // At 2 s only: one agent each in cells (0, 0) and (2, 1).
    const sv::DensityMap now = sv::density_map(tr, {0, 0}, {4, 3}, 2.0);
    EXPECT_FLOAT_EQ(now.value(2, 1), 1.f);
    EXPECT_FLOAT_EQ(now.value(0, 0), 1.f);
    const auto tex = sv::density_texels(m, 0.6f);
    EXPECT_EQ(tex[(1 * 4 + 2) * 4 + 3], 153);  // alpha of the busy cell
    EXPECT_EQ(tex[(1 * 4 + 1) * 4 + 3], 0);    // empty cell: clear
}

TEST(SimData, ResultRowsShowMetricsValues) {
    const auto m = nlohmann::json::parse(R"({"agents_total": 9, "agents_arrived": 9, "evacuation_time_s": 51.75,
        "exits": [{"opening": "d-a", "count": 9, "flow_per_s": 0.007}],
        "desks": [{"furniture": "desk", "served": 6, "max_queue": 2, "mean_wait_s": 14.909, "max_wait_s": 50.0}],
        "max_density_per_m2": 3.0, "worst_cell_fruin_los": "F",
        "bottlenecks": [{"x": 8.5, "y": 6.4, "peak_density_per_m2": 3.0, "los": "F", "seconds_at_los_e_or_worse": 166.0}]})");
    std::map<std::string, std::string> rows;
    for (const auto& r : sv::result_rows(m)) rows[r.pointer] = r.value;
    EXPECT_EQ(rows.size(), 11u);  // 3 + 2 of the exit + 4 of the desk + 2
    EXPECT_EQ(rows["/agents_total"], "9");
    EXPECT_EQ(rows["/evacuation_time_s"], "51.75");
    EXPECT_EQ(rows["/exits/0/flow_per_s"], "0.007");
    EXPECT_EQ(rows["/desks/0/mean_wait_s"], "14.909");
    EXPECT_EQ(rows["/desks/0/max_wait_s"], "50");
    EXPECT_EQ(rows["/worst_cell_fruin_los"], "F");
    const auto b = sv::bottlenecks(m);
    ASSERT_EQ(b.size(), 1u);
    EXPECT_FLOAT_EQ(b[0].at.y, 6.4f);
    EXPECT_EQ(b[0].los, "F");
}

// ---------------------------------------------------------------- the editor under Xvfb

TEST_F(EditorSim, RunInTheEditorEqualsTheCliForTheSameSeed) {
    const fs::path cli_out = cli_run("class-visit", 3, 8);
    const Proc r = editor("open " + kRoom + "\n"
                         "simulate class-visit 3 8\n"   // waits for the background run
                         "results dump " + path("rows.tsv").string() + "\n"
                         "results save " + path("ed").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const auto m = nlohmann::json::parse(slurp(cli_out / "metrics.json"));
    std::istringstream rows(slurp(path("rows.tsv")));
    int n = 0;
    bool exit_row = false, desk_row = false;
    for (std::string line; std::getline(rows, line); ++n) {
        const auto tab = line.find('\t');
        ASSERT_NE(tab, std::string::npos) << line;
        const std::string ptr = line.substr(0, tab), shown = line.substr(tab + 1);
        const auto& v = m.at(nlohmann::json::json_pointer(ptr));
        if (v.is_string())
            EXPECT_EQ(shown, v.get<std::string>()) << ptr;
        else
            EXPECT_DOUBLE_EQ(std::stod(shown), v.get<double>()) << ptr;  // metrics.json holds 3 decimals; so does the panel
        exit_row |= ptr == "/exits/0/count";
        desk_row |= ptr == "/desks/0/mean_wait_s";
    }
    EXPECT_GE(n, 20);
    EXPECT_TRUE(exit_row);
    EXPECT_TRUE(desk_row);
    EXPECT_EQ(m["agents_total"], 9);
    // The whole outputs, byte for byte: the run is deterministic and set up as the CLI sets it up.
    EXPECT_EQ(slurp(path("ed") / "metrics.json"), slurp(cli_out / "metrics.json"));
    EXPECT_EQ(slurp(path("ed") / "trajectories.csv"), slurp(cli_out / "trajectories.csv"));
}

TEST_F(EditorSim, AgentsAppearAtTheirTrajectoryPositionsInTheTopView) {
    const fs::path cli_out = cli_run("class-visit", 3, 8);
    const auto frames = read_frames(cli_out / "trajectories.csv");
    // A time when several agents are inside and some have already left.
    const double T = 900.0;
    ASSERT_TRUE(frames.count(T));
    const Proc r = editor("open " + kRoom + "\nresults " + cli_out.string() + "\n" + kTopView + "playback " +
                         std::to_string(T) + "\nscreenshot " + path("t.png").string() + " viewport\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const Png img = read_png(path("t.png"));
    ASSERT_GT(img.w, 400);
    const TopView tv{img.w, img.h};
    // Agents are drawn lit from (0.35, -0.55, 0.76): the top of a cylinder gets 0.55 + 0.45 n·l.
    const double lit = 0.55 + 0.45 * 0.76 / std::sqrt(0.35 * 0.35 + 0.55 * 0.55 + 0.76 * 0.76);
    const std::map<char, std::array<double, 3>> colour{{'w', {0.10, 0.25, 0.95}}, {'b', {0.95, 0.55, 0.05}},
                                                       {'q', {0.85, 0.10, 0.75}}, {'r', {0.05, 0.65, 0.60}}};
    const auto& now = frames.at(T);
    int checked = 0;
    for (const auto& s : now) {
        bool alone = true;
        for (const auto& o : now)
            if (o.id != s.id && std::hypot(o.x - s.x, o.y - s.y) < 0.45) alone = false;
        if (!alone || (std::abs(s.x - 6) < 1.0 && std::abs(s.y - 4) < 0.6)) continue;  // the room's label sits at (6, 4)
        const auto [x, y] = tv.px(s.x, s.y);
        const auto& c = colour.at(s.state);
        EXPECT_TRUE(near(img.at(x, y), rgb255(c[0] * lit, c[1] * lit, c[2] * lit), 4))
            << "agent " << s.id << " (" << s.state << ") at " << s.x << ", " << s.y << " -> px " << x << ", " << y << ": "
            << img.at(x, y)[0] << " " << img.at(x, y)[1] << " " << img.at(x, y)[2];
        ++checked;
    }
    EXPECT_GE(checked, 3);
    // Agents that left before T are gone: their last positions show no agent colour.
    int gone = 0;
    for (const auto& [t, list] : frames) {
        if (t >= T) break;
        for (const auto& s : list) {
            bool present = false, near_other = false;
            for (const auto& o : now) {
                present |= o.id == s.id;
                near_other |= std::hypot(o.x - s.x, o.y - s.y) < 0.6;
            }
            const bool last = frames.upper_bound(t) != frames.end() && [&] {
                for (const auto& o : frames.upper_bound(t)->second)
                    if (o.id == s.id) return false;
                return true;
            }();
            if (present || near_other || !last) continue;
            const auto [x, y] = tv.px(s.x, s.y);
            for (const auto& [st, c] : colour)
                EXPECT_FALSE(near(img.at(x, y), rgb255(c[0] * lit, c[1] * lit, c[2] * lit), 4)) << "agent " << s.id << " left at " << t;
            ++gone;
        }
    }
    EXPECT_GE(gone, 1);
}

// Two groups of a scenario file in colour mode "group": each agent standing alone is drawn in its
// group's colour (the group read from the CLI's trajectory file independently of the editor).
TEST_F(EditorSim, ColourByGroupPaintsEachAgentInItsGroupsColour) {
    std::ofstream(path("two.json")) << R"({"schema_version": 1, "name": "two", "duration_s": 120, "seed": 4, "groups": [
        {"name": "class 3", "count": 4, "start": {"polygon": [[1, 1], [5, 1], [5, 7], [1, 7]]},
         "activities": [{"kind": "room", "target": "reading", "dwell_s": 100}]},
        {"name": "teacher", "count": 3, "start": {"polygon": [[7, 1], [11, 1], [11, 7], [7, 7]]},
         "activities": [{"kind": "room", "target": "reading", "dwell_s": 100}]}]})";
    const fs::path out = path("cli");
    const Proc c = cli("simulate --plan " + kRoom + " --scenario " + path("two.json").string() + " --out " + out.string());
    ASSERT_EQ(c.rc, 0) << c.out << c.err;
    // Rows at T with their group (the sixth column).
    const double T = 30.0;
    struct G {
        double x, y;
        int group;
    };
    std::vector<G> now;
    {
        std::istringstream in(slurp(out / "trajectories.csv"));
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#' || line[0] == 't') continue;
            double t, x, y;
            int id, g;
            char st, c1, c2, c3, c4, c5;
            std::istringstream ls(line);
            ls >> t >> c1 >> id >> c2 >> x >> c3 >> y >> c4 >> st >> c5 >> g;
            if (std::abs(t - T) < 1e-6) now.push_back({x, y, g});
        }
    }
    ASSERT_EQ(now.size(), 7u);
    const Proc r = editor("open " + kRoom + "\nresults " + out.string() + "\n" + kTopView + "overlay color group\nplayback " +
                          std::to_string(T) + "\nscreenshot " + path("g.png").string() + " viewport\n" +
                          "panel playback on\nscreenshot " + path("legend.png").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const Png img = read_png(path("g.png"));
    const TopView tv{img.w, img.h};
    const double lit = 0.55 + 0.45 * 0.76 / std::sqrt(0.35 * 0.35 + 0.55 * 0.55 + 0.76 * 0.76);
    int checked[2] = {0, 0};
    for (const auto& s : now) {
        bool alone = true;
        for (const auto& o : now)
            if (&o != &s && std::hypot(o.x - s.x, o.y - s.y) < 0.45) alone = false;
        if (!alone || (std::abs(s.x - 6) < 1.0 && std::abs(s.y - 4) < 0.6)) continue;  // the room's label sits at (6, 4)
        const auto [x, y] = tv.px(s.x, s.y);
        const glm::vec3 c = sv::group_color(s.group) * static_cast<float>(lit);
        const glm::vec3 other = sv::group_color(1 - s.group) * static_cast<float>(lit);
        EXPECT_TRUE(near(img.at(x, y), rgb255(c.r, c.g, c.b), 4))
            << "group " << s.group << " at " << s.x << ", " << s.y << ": " << img.at(x, y)[0] << " " << img.at(x, y)[1] << " " << img.at(x, y)[2];
        EXPECT_FALSE(near(img.at(x, y), rgb255(other.r, other.g, other.b), 30));
        ++checked[s.group];
    }
    EXPECT_GE(checked[0], 1);
    EXPECT_GE(checked[1], 1);
    const Proc bad = editor("overlay color team\n");
    EXPECT_NE(bad.rc, 0);
    EXPECT_NE(bad.err.find("state, speed or group"), std::string::npos) << bad.err;
}

TEST_F(EditorSim, AllAgentsAreOneInstancedDrawCallIn3D) {
    const fs::path cli_out = cli_run("class-visit", 3, 8);
    const auto frames = read_frames(cli_out / "trajectories.csv");
    const double T = 600.0;
    ASSERT_TRUE(frames.count(T));
    auto stats = [&](const std::string& agents) {
        const Proc r = editor("open " + kRoom + "\nresults " + cli_out.string() + "\nview 3d\nplayback " + std::to_string(T) +
                              "\noverlay agents " + agents + "\nwait 2\n");
        EXPECT_EQ(r.rc, 0) << r.err;
        std::smatch m;
        EXPECT_TRUE(std::regex_search(r.out, m, std::regex("scene draw calls: (\\d+), instances: (\\d+)"))) << r.out;
        return std::pair{std::stoi(m[1]), std::stol(m[2])};
    };
    const auto on = stats("on"), off = stats("off");
    EXPECT_EQ(on.first, off.first + 1);
    EXPECT_EQ(on.second - off.second, static_cast<long>(frames.at(T).size()));
    EXPECT_GE(frames.at(T).size(), 2u);
}

TEST_F(EditorSim, HeatmapTintsTheFloorWhereDensityWasHigh) {
    const fs::path cli_out = cli_run("class-visit", 3, 8);
    const Proc r = editor("open " + kRoom + "\nresults " + cli_out.string() + "\n" + kTopView +
                         "overlay agents off\nscreenshot " + path("off.png").string() + " viewport\n"
                         "overlay heatmap on\nscreenshot " + path("on.png").string() + " viewport\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const Png off = read_png(path("off.png")), on = read_png(path("on.png"));
    ASSERT_EQ(off.w, on.w);
    const TopView tv{off.w, off.h};
    // Peak persons per 1 m cell (walking, browsing, queueing; not readers). The simulator's cells start
    // at the south-west corner of the walkable area; metrics.json names the centre of the densest one.
    const auto m = nlohmann::json::parse(slurp(cli_out / "metrics.json"));
    const double ox = std::fmod(m["max_density_at"][0].get<double>() - 0.5, 1.0) - 1.0;
    const double oy = std::fmod(m["max_density_at"][1].get<double>() - 0.5, 1.0) - 1.0;
    std::map<std::pair<int, int>, int> peak;
    // Positions are written to the centimetre, so a sample can lie exactly on a cell edge, where the
    // editor's float arithmetic and this double arithmetic may put it on different sides: the cells
    // on both sides of such a sample are left out of the comparison.
    std::set<std::pair<int, int>> on_edge;
    auto cells = [](double v) {
        const double r = std::round(v);
        return std::abs(v - r) < 1e-6 ? std::vector<int>{static_cast<int>(r) - 1, static_cast<int>(r)}
                                      : std::vector<int>{static_cast<int>(std::floor(v))};
    };
    int top = 0;
    for (const auto& [t, list] : read_frames(cli_out / "trajectories.csv")) {
        std::map<std::pair<int, int>, int> n;
        for (const auto& s : list) {
            if (s.state == 'r') continue;
            ++n[{static_cast<int>(std::floor(s.x - ox)), static_cast<int>(std::floor(s.y - oy))}];
            const auto xs = cells(s.x - ox), ys = cells(s.y - oy);
            if (xs.size() > 1 || ys.size() > 1)
                for (int cx : xs)
                    for (int cy : ys) on_edge.insert({cx, cy});
        }
        for (const auto& [c, k] : n) {
            peak[c] = std::max(peak[c], k);
            top = std::max(top, k);
        }
    }
    EXPECT_DOUBLE_EQ(top, m["max_density_per_m2"].get<double>());
    // Fruin walkway levels (persons/m²) and the legend's colours, blended at alpha 0.6 (153/255).
    auto expected = [](int persons, std::array<int, 3> floor) {
        const double d = persons;
        const std::array<std::array<double, 3>, 6> los{{{0.10, 0.60, 0.95}, {0.10, 0.75, 0.30}, {0.95, 0.90, 0.15},
                                                        {0.98, 0.60, 0.10}, {0.90, 0.15, 0.10}, {0.55, 0.05, 0.55}}};
        const int level = d < 0.31 ? 0 : d < 0.43 ? 1 : d < 0.71 ? 2 : d < 1.08 ? 3 : d < 2.17 ? 4 : 5;
        const double a = 153.0 / 255.0;
        std::array<int, 3> c{};
        for (std::size_t i = 0; i < 3; ++i)
            c[i] = static_cast<int>(std::lround(std::lround(los[static_cast<std::size_t>(level)][i] * 255) * a + floor[i] * (1 - a)));
        return c;
    };
    const std::array<int, 3> floor{179, 217, 158};  // reading room, unlit
    int high = 0, empty = 0;
    for (int cy = 0; cy <= 9; ++cy)
        for (int cx = 0; cx <= 13; ++cx) {
            const auto [x, y] = tv.px(ox + cx + 0.5, oy + cy + 0.5);
            if (!near(off.at(x, y), floor, 2)) continue;  // furniture or the label over the cell centre
            if (on_edge.count({cx, cy})) continue;
            const auto it = peak.find({cx, cy});
            if (it == peak.end()) {
                EXPECT_TRUE(near(on.at(x, y), floor, 2)) << "empty cell " << cx << ", " << cy;
                ++empty;
                continue;
            }
            EXPECT_TRUE(near(on.at(x, y), expected(it->second, floor), 3))
                << "cell " << cx << ", " << cy << " peak " << it->second << ": " << on.at(x, y)[0] << " " << on.at(x, y)[1] << " "
                << on.at(x, y)[2];
            if (it->second >= 3) ++high;
        }
    EXPECT_GE(high, 1);  // the cell metrics.json reports at 3 /m² (Fruin F)
    EXPECT_GE(empty, 1);
}

TEST_F(EditorSim, ClickingABottleneckFramesTheCameraOnIt) {
    // Top view, heatmap only: after framing bottleneck 0 the viewport's centre shows its cell, which
    // metrics.json rates Fruin F: the F colour (0.55, 0.05, 0.55) at alpha 0.6 over the reading room.
    const fs::path cli_out = cli_run("class-visit", 3, 8);
    const auto m = nlohmann::json::parse(slurp(cli_out / "metrics.json"));
    ASSERT_FALSE(m["bottlenecks"].empty());
    ASSERT_EQ(m["bottlenecks"][0]["los"], "F");
    const Proc r = editor("open " + kRoom + "\nresults " + cli_out.string() + "\n" + kTopView +
                          "overlay agents off\noverlay heatmap peak\nbottleneck 0\nscreenshot " + path("b.png").string() +
                          " viewport\nbottleneck " + std::to_string(m["bottlenecks"].size()) + "\n");
    EXPECT_EQ(r.rc, 2);  // one past the last bottleneck metrics.json lists
    EXPECT_NE(r.err.find("line 14: There is no bottleneck " + std::to_string(m["bottlenecks"].size())), std::string::npos) << r.err;
    const Png img = read_png(path("b.png"));
    ASSERT_GT(img.w, 100);
    const double a = 153.0 / 255.0;
    const std::array<int, 3> want{static_cast<int>(std::lround(140 * a + 179 * (1 - a))),
                                  static_cast<int>(std::lround(13 * a + 217 * (1 - a))),
                                  static_cast<int>(std::lround(140 * a + 158 * (1 - a)))};
    const auto got = img.at(img.w / 2, img.h / 2);
    EXPECT_TRUE(near(got, want, 3)) << got[0] << " " << got[1] << " " << got[2];
}

TEST_F(EditorSim, CancelStopsABackgroundRunWhileFramesGoOn) {
    // The school day of the room takes seconds; the script waits 3 frames, cancels and waits.
    const Proc r = editor("open " + kRoom + "\nsimulate school-day 1 0 nowait\nwait 3\nsimulate cancel\nsimulate wait\n");
    EXPECT_EQ(r.rc, 2);
    EXPECT_NE(r.err.find("script.txt: line 5: Simulation cancelled"), std::string::npos) << r.err;
    std::smatch f;
    ASSERT_TRUE(std::regex_search(r.out, f, std::regex("frames: (\\d+)"))) << r.out;
    EXPECT_GE(std::stoi(f[1]), 5);  // the first frame, the 3 waited, and those while the run winds down
}

TEST_F(EditorSim, ScriptErrorsNameTheLine) {
    Proc r = editor("open " + kRoom + "\nplayback 10\n");
    EXPECT_EQ(r.rc, 2);
    EXPECT_NE(r.err.find("line 2: No simulation results"), std::string::npos) << r.err;
    r = editor("open " + kRoom + "\nsimulate no-such-scenario\n");
    EXPECT_EQ(r.rc, 2);
    EXPECT_NE(r.err.find("line 2: "), std::string::npos) << r.err;
    r = editor("open " + kRoom + "\nresults " + path("nothing").string() + "\n");
    EXPECT_EQ(r.rc, 2);
    EXPECT_NE(r.err.find("metrics.json"), std::string::npos) << r.err;
}
