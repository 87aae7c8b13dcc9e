#include <gtest/gtest.h>

#include <shuxiang/plan/io.hpp>
#include <shuxiang/scenario/run.hpp>
#include <shuxiang/util/error.hpp>
#include <shuxiang/util/fs.hpp>
#include <shuxiang/util/i18n.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <map>
#include <nlohmann/json.hpp>

using namespace shuxiang;
using namespace shuxiang::scenario;

namespace {

const plan::Plan& demo() {
    static const plan::Plan p = plan::load_plan(std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/demo/demo-school.sxplan.json");
    return p;
}

RunResult run(const Scenario& s, std::uint64_t seed = 1) {
    RunOptions o;
    o.seed = seed;
    return run_scenario(demo(), plan::FurnitureCatalog::builtin(), s, o);
}

// Expects scenario text to fail at the given JSON pointer with the given message.
void expect_error(const std::string& text, const std::string& where, const std::string& message) {
    try {
        scenario_from_json_text(text, "bad.json");
        ADD_FAILURE() << "no error for " << text;
    } catch (const InputError& e) {
        EXPECT_EQ(e.file(), "bad.json");
        EXPECT_EQ(e.where(), where) << e.what();
        EXPECT_EQ(e.message(), message) << text;
    }
}

const std::string kGroup = R"({"name": "a", "count": 1, "start": {"room": "lending"}})";

}  // namespace

TEST(ScenarioFile, ParsesEveryField) {
    Scenario s = load_scenario(std::string(SHUXIANG_TEST_DATA_DIR) + "/sim_scenario/full.json");
    EXPECT_EQ(s.name, "two groups");
    EXPECT_DOUBLE_EQ(s.duration, 900);
    EXPECT_DOUBLE_EQ(s.alarm_time, 120);
    EXPECT_EQ(s.seed, 5u);
    ASSERT_EQ(s.groups.size(), 2u);
    const Group& p = s.groups[0];
    EXPECT_EQ(p.start.opening, "d-entrance");
    EXPECT_DOUBLE_EQ(p.speed.mean, 1.2);
    EXPECT_DOUBLE_EQ(p.speed.min, 0.8);
    EXPECT_DOUBLE_EQ(p.radius, 0.18);
    EXPECT_DOUBLE_EQ(p.pre_movement_min, 5);
    EXPECT_DOUBLE_EQ(p.pre_movement_max, 15);
    EXPECT_EQ(p.membership, "class-3");
    ASSERT_EQ(p.activities.size(), 3u);
    EXPECT_EQ(p.activities[0].repeat, 2);
    EXPECT_EQ(p.activities[1].kind, "desk");
    EXPECT_DOUBLE_EQ(p.activities[1].dwell_min, 20);
    EXPECT_DOUBLE_EQ(p.activities[1].probability, 0.5);
    EXPECT_EQ(p.exit, "d-entrance");
    const Group& t = s.groups[1];
    ASSERT_TRUE(t.age.has_value());
    EXPECT_EQ(*t.age, ped::AgeGroup::From30To50);
    EXPECT_EQ(t.start.polygon.size(), 4u);
    ASSERT_EQ(s.schedule.size(), 2u);
    EXPECT_EQ(s.schedule[1].count, 25);
    EXPECT_DOUBLE_EQ(s.schedule[1].spread, 60);
    ASSERT_EQ(s.closures.size(), 1u);
    EXPECT_EQ(s.closures[0].opening, "d-exit-north");
    EXPECT_DOUBLE_EQ(s.closures[0].close_time, 60);
}

TEST(ScenarioFile, BundledExampleRunsOnTheDemo) {
    Scenario s = load_scenario(std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/scenarios/demo-fire-south-exit.json");
    RunResult r = run(s);
    EXPECT_EQ(r.sim.agents_total, 92);
    EXPECT_EQ(r.sim.agents_arrived, 92);
    EXPECT_EQ(r.closed_exit_uses, 0);
    for (auto& e : r.sim.exits) {
        if (e.name == "d-exit-south") { EXPECT_EQ(e.count, 0); }
    }
    EXPECT_GT(r.evacuation_time, 10.0);
}

TEST(ScenarioFile, BadInputNamesThePlace) {
    expect_error("{\n  \"schema_version\": 1,\n  \"groups\": ]\n}", "line 3, column 13",
                 trf("plan_io.json_syntax_here", {"syntax error while parsing value - unexpected ']'; expected '[', '{', or a literal"}));
    expect_error(R"({"groups": [)" + kGroup + "]}", "/schema_version", tr("common.json.missing"));
    expect_error(R"({"schema_version": 2, "groups": [)" + kGroup + "]}", "/schema_version", tr("sim_scenario.error.version"));
    expect_error(R"({"schema_version": 1, "groups": []})", "/groups", tr("sim_scenario.error.groups"));
    expect_error(R"({"schema_version": 1, "groups": [{"name": "a", "start": {}}]})", "/groups/0/start",
                 tr("sim_scenario.error.one_start"));
    expect_error(R"({"schema_version": 1, "groups": [{"name": "a", "start": {"room": "x", "opening": "y"}}]})",
                 "/groups/0/start", tr("sim_scenario.error.one_start"));
    expect_error(R"({"schema_version": 1, "groups": [)" + kGroup + "," + kGroup + "]}", "/groups/1/name",
                 tr("sim_scenario.error.group_twice"));
    expect_error(R"({"schema_version": 1, "groups": [{"name": "a", "start": {"room": "r"}, "activities": [{"kind": "dance"}]}]})",
                 "/groups/0/activities/0/kind", tr("sim_scenario.error.activity_kind"));
    expect_error(R"({"schema_version": 1, "groups": [{"name": "a", "start": {"room": "r"}, "age_group": "toddler"}]})",
                 "/groups/0/age_group", trf("sim_scenario.error.age_group", {"toddler"}));
    expect_error(R"({"schema_version": 1, "groups": [{"name": "a", "start": {"room": "r"}, "pre_movement_s": [5, 1]}]})",
                 "/groups/0/pre_movement_s", tr("sim_scenario.error.min_max"));
    expect_error(R"({"schema_version": 1, "groups": [)" + kGroup + R"(], "schedule": [{"group": "b"}]})", "/schedule/0/group",
                 trf("sim_scenario.error.no_group", {"b"}));
    expect_error(R"({"schema_version": 1, "groups": [)" + kGroup + R"(], "exits": [{"close_time_s": 3}]})", "/exits/0/opening",
                 tr("common.json.missing"));
    expect_error(R"({"schema_version": 1, "groups": [)" + kGroup + R"(], "colour": 1})", "/colour",
                 tr("sim_scenario.error.unknown_key"));
    expect_error(R"({"schema_version": 1, "duration_s": 0, "groups": [)" + kGroup + "]}", "/duration_s",
                 trf("sim_scenario.error.out_of_range", {std::to_string(1.0), std::to_string(86400.0)}));
}

TEST(ScenarioFile, ErrorsAreInChineseByDefaultAndInEnglishOnRequest) {
    const std::string text = R"({"schema_version": 1, "groups": [)" + kGroup + "," + kGroup + "]}";
    ASSERT_EQ(language(), Language::ZhCN);
    expect_error(text, "/groups/1/name", "分组名称重复");
    set_language(Language::En);
    expect_error(text, "/groups/1/name", "group name used twice");
    set_language(Language::ZhCN);
}

TEST(ScenarioFile, UnknownPlanNamesFailAtRun) {
    Scenario s = scenario_from_json_text(
        R"({"schema_version": 1, "groups": [{"name": "a", "count": 1, "start": {"room": "ballroom"}}]})", "s.json");
    try {
        run(s);
        ADD_FAILURE();
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "/groups/0/start/room");
        EXPECT_EQ(e.message(), "楼层 library 上没有房间“ballroom”");
    }
    s = scenario_from_json_text(R"({"schema_version": 1, "groups": [)" + kGroup +
                                    R"(], "exits": [{"opening": "d-nowhere", "close_time_s": 3}]})",
                                "s.json");
    try {
        run(s);
        ADD_FAILURE();
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "/exits/0/opening");
        EXPECT_EQ(e.message(), trf("sim_scenario.error.closure_opening", {"d-nowhere", "library"}));
    }
}

TEST(Places, DemoSchoolHasDesksSeatsAndShelves) {
    // The demo's lending room has one circulation desk and three kiosks, all reachable.
    RunResult r = run(builtin_scenario("evacuation", demo(), 5));
    EXPECT_EQ(r.places.desks.size(), 4u);
    EXPECT_EQ(std::count_if(r.places.desks.begin(), r.places.desks.end(), [](const Desk& d) { return d.kiosk; }), 3);
    EXPECT_GT(r.places.seats.size(), 150u);
    EXPECT_GT(r.places.shelves.size(), 100u);
}

TEST(Evacuation, DemoSchoolEveryoneOut) {
    RunResult r = run(builtin_scenario("evacuation", demo(), 0));
    EXPECT_GT(r.sim.agents_total, 150);  // every seat plus a fifth
    EXPECT_EQ(r.sim.agents_arrived, r.sim.agents_total);
    EXPECT_EQ(r.agents_left_inside, 0);
    EXPECT_EQ(r.agents_not_placed, 0);
    EXPECT_EQ(r.sim.wall_penetrations, 0);
    EXPECT_LE(r.sim.max_overlap, 0.02);
    EXPECT_GT(r.evacuation_time, 30.0);  // pre-movement alone is up to 30 s
    EXPECT_LT(r.evacuation_time, 300.0);
    int by_exit = 0;
    for (auto& e : r.sim.exits) by_exit += e.count;
    EXPECT_EQ(by_exit, r.sim.agents_total);
}

TEST(Evacuation, DemoSchoolBothLevelsByTheStair) {
    // The demo's library level and its second-floor stacks are joined by one stair: people upstairs
    // come down it, which makes it the bottleneck of the upper floor, and the heat map covers both.
    RunResult r = run(builtin_scenario("evacuation", demo(), 0));
    ASSERT_EQ(r.levels.size(), 2u);
    EXPECT_EQ(r.levels[0].id, "library");
    EXPECT_EQ(r.levels[1].id, "library-2f");
    ASSERT_EQ(r.stairs.size(), 1u);
    const StairResult& st = r.stairs[0];
    EXPECT_EQ(st.id, "stair-main");
    EXPECT_GT(r.levels[1].agents_started, 10);
    EXPECT_EQ(st.down, r.levels[1].agents_started);  // everyone upstairs came down the stair
    EXPECT_EQ(st.up, 0);
    EXPECT_EQ(r.sim.agents_arrived, r.sim.agents_total);
    EXPECT_GT(st.flow, 0.0);
    EXPECT_LE(st.flow / st.width, 1.9);  // under the empirical bottleneck maximum (§2.4 of the reference)
    EXPECT_GT(st.mean_down_s, 7.56 / 1.34);  // slower than walking the 7.56 m on the level
    EXPECT_LE(r.levels[1].last_occupied, st.last + 0.1);
    EXPECT_LE(r.levels[1].last_occupied, r.evacuation_time);
    std::printf("demo evacuation: %d people, %d upstairs; upstairs clear at %.1f s, all out at %.1f s; stair %d down, "
                "%.1f-%.1f s, flow %.2f /s, %.1f s on the flight, at most %d on it\n",
                r.sim.agents_total, r.levels[1].agents_started, r.levels[1].last_occupied, r.evacuation_time, st.down,
                st.first, st.last, st.flow, st.mean_down_s, st.max_on_flight);
    // The heat map reaches over both copies.
    EXPECT_LE(r.heat_box.min.x, r.levels[0].box.min.x + 2.5);
    EXPECT_GE(r.heat_box.max.x, r.levels[1].box.max.x - 2.5);
    const auto m = nlohmann::json::parse(metrics_json(r));
    ASSERT_TRUE(m.contains("stairs"));
    EXPECT_EQ(m["stairs"][0]["down"], st.down);
    EXPECT_EQ(m["levels"][1]["id"], "library-2f");
}

TEST(Evacuation, ClosedExitNotUsedAfterClosing) {
    Scenario s = builtin_scenario("evacuation", demo(), 120);
    s.closures.push_back({"d-exit-south", 0.0});   // blocked from the start
    s.closures.push_back({"d-exit-north", 25.0});  // closes during the evacuation
    RunResult r = run(s);
    EXPECT_EQ(r.sim.agents_arrived, r.sim.agents_total);
    EXPECT_EQ(r.closed_exit_uses, 0);
    for (auto& e : r.sim.exits) {
        if (e.name == "d-exit-south") { EXPECT_EQ(e.count, 0); }
        if (e.name == "d-exit-north") {
            EXPECT_GT(e.count, 0);
            EXPECT_LE(e.last, 25.0);
        }
    }
    // Without the closures the south exit is used.
    RunResult open = run(builtin_scenario("evacuation", demo(), 120));
    for (auto& e : open.sim.exits)
        if (e.name == "d-exit-south") { EXPECT_GT(e.count, 0); }
}

TEST(ClassVisit, DeterministicForASeed) {
    Scenario s = builtin_scenario("class-visit", demo(), 12);
    RunResult a = run(s, 7), b = run(s, 7), c = run(s, 8);
    EXPECT_EQ(metrics_json(a), metrics_json(b));
    EXPECT_EQ(a.trajectories, b.trajectories);
    EXPECT_NE(a.trajectories, c.trajectories);
    EXPECT_EQ(a.sim.agents_total, 13);  // twelve pupils and the teacher
    EXPECT_EQ(a.sim.agents_arrived, 13);
    int visits = 0;
    for (auto& [id, n] : a.shelf_visits) visits += n;
    EXPECT_GE(visits, 20);  // two sections per pupil, a few lost to unreachable stand points at most
    // Everyone looks for a seat once: seated, none free, or the seat given up in a gridlock.
    const int looked = static_cast<int>(a.seatings.size()) + a.readers_without_seat;
    EXPECT_LE(looked, 13);
    EXPECT_GE(looked + a.targets_missed, 13);
}

TEST(ClassVisit, ShelvesChosenByClassShares) {
    Scenario s = builtin_scenario("class-visit", demo(), 20);
    RunOptions o;
    o.class_shares = {0.5, 0.0, 0.5, 0.0, 0.0};
    RunResult r = run_scenario(demo(), plan::FurnitureCatalog::builtin(), s, o);
    ASSERT_EQ(r.class_visits.size(), 5u);
    // Sections are split in plan order by the shares: half A, half C–K, none of B, N–X, Z.
    int a = 0, ck = 0;
    for (auto& sec : r.places.shelves) {
        a += sec.major_class == 0;
        ck += sec.major_class == 2;
    }
    EXPECT_EQ(a + ck, static_cast<int>(r.places.shelves.size()));
    EXPECT_LE(std::abs(a - ck), 1);
    int visits = 0;
    for (auto& [id, n] : r.shelf_visits) visits += n;
    EXPECT_EQ(r.class_visits[0] + r.class_visits[2], visits);
    EXPECT_EQ(r.class_visits[1], 0);
    EXPECT_EQ(r.class_visits[3], 0);
    EXPECT_GT(r.class_visits[0], 5);  // 40 shelf visits by pupils, about half each
    EXPECT_GT(r.class_visits[2], 5);
}

TEST(Seats, NeverDoubleBookedAndShortfallCounted) {
    // More readers than seats: 230 spread over the whole floor at 0 s, each to the nearest free
    // seat, reading for longer than the run. Every reachable seat is taken once; the rest are short.
    Scenario s = scenario_from_json_text(R"({"schema_version": 1, "duration_s": 120,
        "groups": [{"name": "r", "count": 230, "start": {"polygon": [[0, 0], [32.4, 0], [32.4, 16.8], [0, 16.8]]},
                    "activities": [{"kind": "seat", "dwell_s": 2000}]}]})",
                                         "seats.json");
    RunResult r = run(s);
    ASSERT_EQ(r.agents_not_placed, 0);
    // In this crush a few readers give their seat up in a gridlock (0-5 of 230 over seeds 1-4,
    // with and without turn-taking at doors); the seat they held goes back to the pool.
    ASSERT_LE(r.targets_missed, 5);
    EXPECT_EQ(r.readers_without_seat, r.sim.agents_total - r.seats_total);
    std::map<int, std::vector<SeatEvent>> by_seat;
    std::map<int, int> by_agent;
    for (auto& e : r.seatings) {
        by_seat[e.seat].push_back(e);
        ++by_agent[e.agent];
    }
    for (auto& [seat, evs] : by_seat) EXPECT_EQ(evs.size(), 1u) << "seat " << seat;
    for (auto& [agent, n] : by_agent) EXPECT_EQ(n, 1) << "agent " << agent;
    EXPECT_LE(r.seats_max_occupied, r.seats_total);
    EXPECT_GT(r.seatings.size(), 100u);  // most readers reach their seat within two minutes
}

TEST(Seats, FreedSeatIsTakenAgainOnlyAfterTheReaderLeft) {
    Scenario s = scenario_from_json_text(R"({"schema_version": 1, "duration_s": 900,
        "groups": [{"name": "r", "count": 40, "start": {"opening": "d-entrance"}, "exit": "d-entrance",
                    "activities": [{"kind": "seat", "dwell_s": [20, 60]}, {"kind": "seat", "dwell_s": [20, 60]}]}],
        "schedule": [{"time_s": 0, "group": "r", "spread_s": 60}]})",
                                         "seats2.json");
    RunResult r = run(s);
    std::map<int, std::vector<SeatEvent>> by_seat;
    for (auto& e : r.seatings) by_seat[e.seat].push_back(e);
    std::size_t reused = 0;
    for (auto& [seat, evs] : by_seat) {
        std::sort(evs.begin(), evs.end(), [](auto& x, auto& y) { return x.from < y.from; });
        for (std::size_t i = 1; i < evs.size(); ++i) EXPECT_GE(evs[i].from, evs[i - 1].to) << "seat " << seat;
        reused += evs.size() > 1;
    }
    EXPECT_EQ(r.seatings.size() + static_cast<std::size_t>(r.readers_without_seat + r.targets_missed), 80u);
}

TEST(Desks, QueueIsFirstInFirstOut) {
    Scenario s = scenario_from_json_text(R"({"schema_version": 1, "duration_s": 1500,
        "groups": [{"name": "q", "count": 25, "start": {"opening": "d-entrance"}, "exit": "d-entrance",
                    "activities": [{"kind": "desk", "target": "lend-desk", "service_s": 20}]}],
        "schedule": [{"time_s": 0, "group": "q", "spread_s": 30}]})",
                                         "desk.json");
    RunResult r = run(s);
    ASSERT_EQ(r.services.size(), 25u);
    for (std::size_t i = 0; i < r.services.size(); ++i) {
        const auto& e = r.services[i];
        EXPECT_EQ(r.places.desks[static_cast<std::size_t>(e.desk)].furniture, "lend-desk");
        EXPECT_GE(e.start, e.arrive);
        EXPECT_NEAR(e.end - e.start, 20.0, 1e-9);
        if (i > 0) {
            // In order of arrival; one clerk: the next service starts when the last one ends or later.
            EXPECT_GE(e.arrive, r.services[i - 1].arrive);
            EXPECT_GE(e.start, r.services[i - 1].end - 1e-9);
        }
    }
    // 25 people in about 30 s at one 20 s clerk: the clerk is busy without a break, so the last
    // service ends at least 25 × 20 = 500 s after the first began (a little more if the clerk waits
    // for someone still walking up); the queue is long and waits grow.
    const DeskResult& d = *std::find_if(r.desks.begin(), r.desks.end(), [](auto& x) { return x.furniture == "lend-desk"; });
    EXPECT_EQ(d.served, 25);
    EXPECT_GE(r.services.back().end - r.services.front().start, 500.0 - 1e-6);
    EXPECT_LT(r.services.back().end - r.services.front().start, 530.0);
    EXPECT_GE(d.max_queue, 4);
    EXPECT_GT(d.max_wait, 60.0);
    EXPECT_EQ(r.sim.agents_arrived, 25);
}

TEST(Fruin, WalkwayLevels) {
    EXPECT_EQ(fruin_los(0.2), 'A');
    EXPECT_EQ(fruin_los(0.4), 'B');
    EXPECT_EQ(fruin_los(0.6), 'C');
    EXPECT_EQ(fruin_los(1.0), 'D');
    EXPECT_EQ(fruin_los(2.0), 'E');
    EXPECT_EQ(fruin_los(2.5), 'F');
}

namespace {
struct Row {
    double x, y;
    char state;
};
// Trajectory rows by frame time (read independently of the writer; the group column is ignored).
std::map<double, std::vector<Row>> frames_of(const std::string& traj) {
    std::map<double, std::vector<Row>> frames;
    std::istringstream in(traj);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line[0] == 't') continue;
        double t = 0;
        int id = 0;
        Row r{};
        char c[4];
        std::istringstream ls(line);
        ls >> t >> c[0] >> id >> c[1] >> r.x >> c[2] >> r.y >> c[3] >> r.state;
        frames[t].push_back(r);
    }
    return frames;
}
// Largest distance of a member from the centroid over the frames in which all `n` are present
// (walking to a meeting point, waiting there, walking out).
double spread(const std::map<double, std::vector<Row>>& frames, int n) {
    double worst = 0;
    for (const auto& [t, ps] : frames) {
        if (static_cast<int>(ps.size()) != n) continue;
        double cx = 0, cy = 0;
        for (const auto& p : ps) cx += p.x / n, cy += p.y / n;
        for (const auto& p : ps) worst = std::max(worst, std::hypot(p.x - cx, p.y - cy));
    }
    return worst;
}
// Whether in some frame all `n` stand (browsing, or waiting for the others) at once within 3 m
// of their centroid, with one of them at least inside the box (a room: the meeting point may lie
// just inside its door, the crowd spilling through it).
bool all_stay_in(const std::map<double, std::vector<Row>>& frames, int n, double x0, double y0, double x1, double y1) {
    for (const auto& [t, ps] : frames) {
        if (static_cast<int>(ps.size()) != n || std::any_of(ps.begin(), ps.end(), [](const Row& r) { return r.state != 'b'; }))
            continue;
        double cx = 0, cy = 0;
        for (const auto& p : ps) cx += p.x / n, cy += p.y / n;
        if (std::any_of(ps.begin(), ps.end(), [&](const Row& r) { return r.x > x0 && r.x < x1 && r.y > y0 && r.y < y1; }) &&
            std::all_of(ps.begin(), ps.end(), [&](const Row& r) { return std::hypot(r.x - cx, r.y - cy) < 3.0; }))
            return true;
    }
    return false;
}
}  // namespace

// A class with its teacher (membership "class-5", keep_together_m 4) follows the teacher's plan:
// a point in the primary reading room, then one in the stacks, then out. They wait for each
// other at both points (all 13 stand in the room at once). Walking, nobody gets more than the
// radius from the rearmost walker; a hold of two steps, a rearmost re-chosen every 0.5 s and
// the placement at the start (anywhere in the lending hall) let it overshoot a little, so the
// bound on the distance from the centroid is radius + 1.5 m (seeds 1-10: 3.3 to 5.35 m).
// Everyone still leaves. The same class without the rule spreads over the route (14-20 m).
TEST(Groups, ClassWalksTogetherAndEveryoneArrives) {
    Scenario s = load_scenario(std::string(SHUXIANG_TEST_DATA_DIR) + "/sim_scenario/class-together.json");
    ASSERT_EQ(s.groups.size(), 2u);
    EXPECT_DOUBLE_EQ(s.groups[0].keep_together_m, 4.0);
    for (std::uint64_t seed : {1, 2, 3, 4}) {
        RunResult r = run(s, seed);
        EXPECT_EQ(r.sim.agents_total, 13);
        EXPECT_EQ(r.sim.agents_arrived, 13) << "seed " << seed;
        EXPECT_EQ(r.targets_given_up, 0) << "seed " << seed;
        const auto frames = frames_of(r.trajectories);
        EXPECT_LE(spread(frames, 13), 4.0 + 1.5) << "seed " << seed;
        EXPECT_TRUE(all_stay_in(frames, 13, 23.46, 6.06, 32.28, 16.68)) << "seed " << seed;  // reading-primary
        EXPECT_TRUE(all_stay_in(frames, 13, 0.12, 6.06, 10.74, 16.68)) << "seed " << seed;   // stacks
    }
    Scenario loose = s;
    for (auto& g : loose.groups) g.keep_together_m = 0;
    RunResult r = run(loose, 1);
    EXPECT_EQ(r.sim.agents_arrived, 13);
    EXPECT_GT(spread(frames_of(r.trajectories), 13), 10.0);
}

TEST(Groups, KeepTogetherIsValidated) {
    expect_error(R"({"schema_version": 1, "groups": [{"name": "a", "count": 1, "start": {"room": "lending"}, "keep_together_m": -1}]})",
                 "/groups/0/keep_together_m", trf("sim_scenario.error.out_of_range", {std::to_string(0.0), std::to_string(50.0)}));
    expect_error(R"({"schema_version": 1, "groups": [{"name": "a", "count": 1, "start": {"room": "lending"}, "keep_together_m": "4"}]})",
                 "/groups/0/keep_together_m", tr("common.json.expected_number"));
}

// A unit coming in through a door one at a time (the first appears at 5 s, the last at 13.3 s)
// meets at its first target: all six stand together at a point of the periodicals room before leaving.
TEST(Groups, UnitEnteringByTheDoorMeetsAtItsFirstTarget) {
    Scenario s = scenario_from_json_text(R"({"schema_version": 1, "name": "door unit", "duration_s": 600, "seed": 2,
        "groups": [{"name": "pupils", "count": 6, "start": {"opening": "d-entrance"}, "membership": "c1", "keep_together_m": 4,
                    "activities": [{"kind": "room", "target": "periodicals", "dwell_s": 10}], "exit": "d-entrance"}],
        "schedule": [{"time_s": 5, "group": "pupils", "spread_s": 10}]})",
                                         "door.json");
    for (std::uint64_t seed : {1, 2, 3}) {
        RunResult r = run(s, seed);
        EXPECT_EQ(r.sim.agents_arrived, 6) << "seed " << seed;
        const auto frames = frames_of(r.trajectories);
        EXPECT_TRUE(all_stay_in(frames, 6, 16.86, 0.12, 22.74, 5.94)) << "seed " << seed;
        EXPECT_LE(spread(frames, 6), 4.0 + 1.5) << "seed " << seed;
    }
    // On their own they go to six points of the room and never stand together.
    s.groups[0].keep_together_m = 0;
    EXPECT_FALSE(all_stay_in(frames_of(run(s, 1).trajectories), 6, 16.86, 0.12, 22.74, 5.94));
}

// A unit whose start area is too small for it: those not placed are not waited for.
TEST(Groups, UnitDoesNotWaitForMembersThatWereNotPlaced) {
    Scenario s = scenario_from_json_text(R"({"schema_version": 1, "name": "full", "duration_s": 600,
        "groups": [{"name": "pupils", "count": 15, "keep_together_m": 4, "start": {"polygon": [[12, 2], [13, 2], [13, 3], [12, 3]]},
                    "activities": [{"kind": "room", "target": "periodicals", "dwell_s": 10}]}]})",
                                         "full.json");
    RunResult r = run(s);
    EXPECT_GT(r.agents_not_placed, 0);
    EXPECT_GT(r.sim.agents_total, 1);
    EXPECT_EQ(r.sim.agents_total + r.agents_not_placed, 15);
    EXPECT_EQ(r.sim.agents_arrived, r.sim.agents_total);
    EXPECT_LT(r.duration, 300.0);
}

// --- Honest inputs and outputs -------------------------------------------------------------------

namespace {

bool has_warning(const RunResult& r, const std::string& code, const std::string& part = "") {
    return std::any_of(r.warnings.begin(), r.warnings.end(), [&](const RunWarning& w) {
        return w.code == code && w.message.find(part) != std::string::npos;
    });
}

}  // namespace

TEST(HonestInputs, SpeedWithMeanAndSigmaOnlyIsSpreadWithinDefaultBounds) {
    Scenario s = scenario_from_json_text(R"({"schema_version": 1, "groups": [{"name": "a", "count": 1,
        "start": {"room": "lending"}, "speed": {"mean": 1.2, "sigma": 0.2}}]})", "s.json");
    const ped::SpeedDistribution d = s.groups[0].speed;
    EXPECT_DOUBLE_EQ(d.min, 0.8);
    EXPECT_DOUBLE_EQ(d.max, 1.6);
    ped::Rng rng(7);
    double sum = 0, sum2 = 0;
    for (int i = 0; i < 2000; ++i) {
        const double v = ped::draw_speed(d, rng);
        ASSERT_GE(v, 0.8);
        ASSERT_LE(v, 1.6);
        sum += v;
        sum2 += v * v;
    }
    const double mean = sum / 2000, sd = std::sqrt(sum2 / 2000 - mean * mean);
    EXPECT_NEAR(mean, 1.2, 0.02);
    EXPECT_GT(sd, 0.15);  // about 0.18 for a normal cut at ±2σ; it was 0 (everyone at the mean)
    // Given bounds are kept; a slow mean keeps a floor of 0.3 m/s; no sigma: everyone at the mean.
    s = scenario_from_json_text(R"({"schema_version": 1, "groups": [{"name": "a", "start": {"room": "r"},
        "speed": {"mean": 0.5, "sigma": 0.3, "max": 0.9}}, {"name": "b", "start": {"room": "r"}, "speed": {"mean": 1.0}}]})", "s.json");
    EXPECT_DOUBLE_EQ(s.groups[0].speed.min, 0.3);
    EXPECT_DOUBLE_EQ(s.groups[0].speed.max, 0.9);
    EXPECT_DOUBLE_EQ(s.groups[1].speed.min, 1.0);
    EXPECT_DOUBLE_EQ(s.groups[1].speed.max, 1.0);
}

TEST(HonestInputs, StartAreaTooSmallIsAWarning) {
    Scenario s = scenario_from_json_text(R"({"schema_version": 1, "duration_s": 5, "groups": [
        {"name": "crowd", "count": 200, "start": {"polygon": [[12, 2], [14, 2], [14, 4], [12, 4]]}}]})", "s.json");
    RunResult r = run(s);
    ASSERT_GT(r.agents_not_placed, 0);
    EXPECT_TRUE(has_warning(r, "not_placed", "crowd")) << metrics_json(r);
    EXPECT_TRUE(has_warning(r, "not_placed", "200"));
    EXPECT_NE(metrics_json(r).find("\"not_placed\""), std::string::npos);
    // Room enough: no warning at all.
    s.groups[0].count = 3;
    EXPECT_TRUE(run(s).warnings.empty());
}

TEST(HonestInputs, StartPolygonOutsideThePlanIsAnError) {
    Scenario s = scenario_from_json_text(R"({"schema_version": 1, "groups": [{"name": "a", "count": 1, "start": {"room": "lending"}},
        {"name": "lost", "count": 5, "start": {"polygon": [[200, 200], [204, 200], [204, 204], [200, 204]]}}]})", "s.json");
    try {
        run(s);
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "/groups/1/start/polygon");
        EXPECT_EQ(e.message(), trf("sim_scenario.error.start_outside", {"library"}));
    }
}

TEST(HonestInputs, AllExitsClosedIsAWarningOrAnErrorAtTheAlarm) {
    const std::string groups = R"("groups": [{"name": "a", "count": 3, "start": {"room": "lending"}}])";
    const std::string closed = R"("exits": [{"opening": "d-entrance", "close_time_s": 20}, {"opening": "d-exit-north", "close_time_s": 20},
        {"opening": "d1-stair-exit", "close_time_s": 20}, {"opening": "d-exit-south", "close_time_s": 30}])";
    Scenario s = scenario_from_json_text(R"({"schema_version": 1, "duration_s": 60, )" + groups + ", " + closed + "}", "s.json");
    RunResult r = run(s);
    EXPECT_TRUE(has_warning(r, "all_exits_closed", "30")) << metrics_json(r);
    // One exit stays open: no warning.
    s.closures.pop_back();
    EXPECT_FALSE(has_warning(run(s), "all_exits_closed"));
    // An evacuation whose exits are all closed by the alarm cannot mean anything.
    s = scenario_from_json_text(R"({"schema_version": 1, "alarm_time_s": 40, )" + groups + ", " + closed + "}", "s.json");
    try {
        run(s);
        ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "/exits");
        EXPECT_EQ(e.message(), trf("sim_scenario.error.all_exits_closed", {"30"}));
    }
}

TEST(HonestInputs, ClassVisitOnAPlanWithNothingToVisitWarns) {
    plan::Plan bare = demo();
    for (auto& l : bare.levels) l.furniture.clear();
    Scenario s = builtin_scenario("class-visit", bare, 6);
    RunOptions o;
    RunResult r = run_scenario(bare, plan::FurnitureCatalog::builtin(), s, o);
    EXPECT_TRUE(has_warning(r, "nothing_to_visit", "class-pupils")) << metrics_json(r);
    EXPECT_EQ(std::count_if(r.warnings.begin(), r.warnings.end(), [](auto& w) { return w.code == "nothing_to_visit"; }), 3);
    EXPECT_EQ(r.sim.agents_arrived, 7);  // they came and went
    // The demo as it is has everything a class visit needs.
    EXPECT_FALSE(has_warning(run(builtin_scenario("class-visit", demo(), 6)), "nothing_to_visit"));
}

TEST(Groups, UnitWalksAtItsSlowestMembersPace) {
    // The teacher (scheduled first, so the unit's leader) would walk at 1.5 m/s, the pupils at 0.8.
    Scenario s = scenario_from_json_text(R"({"schema_version": 1, "duration_s": 400, "groups": [
        {"name": "t", "count": 1, "start": {"room": "lending"}, "speed": {"mean": 1.5}, "membership": "c",
         "keep_together_m": 4, "activities": [{"kind": "room", "target": "reading-junior", "dwell_s": 5}]},
        {"name": "p", "count": 4, "start": {"room": "lending"}, "speed": {"mean": 0.8}, "membership": "c",
         "keep_together_m": 4, "activities": [{"kind": "room", "target": "reading-junior", "dwell_s": 5}]}],
        "schedule": [{"time_s": 0, "group": "t"}, {"time_s": 0, "group": "p"}]})", "pace.json");
    RunResult r = run(s);
    EXPECT_EQ(r.sim.agents_arrived, 5);
    // The teacher (id 0) never covers more than 0.8 m in a 1 s frame (plus a little from being
    // pushed apart from others).
    std::istringstream in(r.trajectories);
    std::string line;
    double last_t = -1, lx = 0, ly = 0, fastest = 0;
    while (std::getline(in, line)) {
        double t, x, y;
        int id;
        if (line.empty() || line[0] == '#' || std::sscanf(line.c_str(), "%lf,%d,%lf,%lf", &t, &id, &x, &y) != 4 || id != 0) continue;
        if (last_t >= 0 && t - last_t < 1.01) fastest = std::max(fastest, std::hypot(x - lx, y - ly));
        last_t = t;
        lx = x;
        ly = y;
    }
    EXPECT_GT(fastest, 0.5);
    EXPECT_LT(fastest, 0.9);
}

TEST(Metrics, EveryFieldOfMetricsJsonIsDocumented) {
    Scenario s = builtin_scenario("evacuation", demo(), 20);
    RunResult r = run(s);
    const auto m = nlohmann::json::parse(metrics_json(r));
    const std::string doc = read_file(std::string(SHUXIANG_SOURCE_DIR) + "/docs/scenario-format.md");
    std::vector<std::string> keys;
    for (auto it = m.begin(); it != m.end(); ++it) {
        keys.push_back(it.key());
        for (const auto& inner : {it.value(), it.value().is_array() && !it.value().empty() ? it.value()[0] : nlohmann::json()})
            if (inner.is_object() && it.key() != "shelf_visits")
                for (auto jt = inner.begin(); jt != inner.end(); ++jt) keys.push_back(jt.key());
    }
    for (const auto& k : keys)
        EXPECT_TRUE(doc.find("`" + k + "`") != std::string::npos || doc.find("`" + k + "[]`") != std::string::npos)
            << k << " is not in docs/scenario-format.md";
    EXPECT_TRUE(m.contains("max_overlap_model_m"));
    EXPECT_GE(m["max_overlap_model_m"].get<double>(), m["max_overlap_m"].get<double>() - 1e-9);
    EXPECT_TRUE(m["warnings"].is_array());
}
