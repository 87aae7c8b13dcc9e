// Properties of the pedestrian model itself: determinism, hard constraints, exits, routing.
#include "scenarios.hpp"

#include <shuxiang/util/i18n.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

using namespace shuxiang;
using namespace sxtest;
using geometry::Segment;
using ped::AgentSpec;
using ped::Simulation;

namespace {

struct Crowd {
    WalkableArea area;
    nav::NavMesh nav;
    Crowd() {
        area.add_accessible(rectangle(0, 0, 12, 8));
        area.add_obstacle(rectangle(4, 2, 8, 2.6));  // a shelf in the way
        area.add_obstacle(rectangle(4, 5, 8, 5.6));
        area.add_accessible(rectangle(12, 3, 12.2, 4.2));
        area.add_accessible(rectangle(12.2, 2, 13.5, 5.2));
        EXPECT_TRUE(nav.build(area, {0.2, 0.05})) << nav.error();
    }
    std::vector<std::vector<Vec2>> run(std::uint64_t seed, ped::Metrics* m = nullptr, int threads = 1, int n = 60) {
        ped::ModelParams mp;
        mp.threads = threads;
        mp.parallel_min_agents = 0;  // split even a small crowd
        Simulation sim(area, nav, mp);
        sim.add_exit({"door", rectangle(12.5, 2, 13.5, 5.2)});
        ped::Rng rng(seed);
        for (auto& p : random_positions(n, 0.2, 0, 0, 4, 8, seed)) {
            AgentSpec s;
            s.position = p;
            s.desired_speed = ped::draw_speed(ped::speed_distribution(ped::AgeGroup::Under30), rng);
            sim.add_agent(s);
        }
        std::vector<std::vector<Vec2>> frames;
        sim.set_observer([&](const Simulation& s) {
            std::vector<Vec2> f;
            for (auto& a : s.agents()) f.push_back(a.pos);
            frames.push_back(std::move(f));
        });
        EXPECT_TRUE(sim.run(200));
        if (m) *m = sim.metrics();
        return frames;
    }
};

}  // namespace

TEST(Model, SameSeedGivesIdenticalTrajectories) {
    Crowd c;
    auto a = c.run(5), b = c.run(5), d = c.run(6);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t t = 0; t < a.size(); ++t)
        for (std::size_t i = 0; i < a[t].size(); ++i) {
            ASSERT_EQ(a[t][i].x, b[t][i].x);  // bitwise equal, not just close
            ASSERT_EQ(a[t][i].y, b[t][i].y);
        }
    // A different seed is a different run.
    bool differs = a.size() != d.size();
    for (std::size_t t = 0; !differs && t < a.size(); ++t)
        for (std::size_t i = 0; i < a[t].size(); ++i)
            if (a[t][i].x != d[t][i].x) differs = true;
    EXPECT_TRUE(differs);
}

// The model step runs on several threads; the trajectories are bitwise the same for any count.
TEST(Model, SameTrajectoriesWhateverTheThreadCount) {
    Crowd c;
    ped::Metrics m1, m2, m3;
    auto one = c.run(7, &m1, 1, 90), two = c.run(7, &m2, 2, 90), three = c.run(7, &m3, 3, 90);
    ASSERT_EQ(one.size(), two.size());
    ASSERT_EQ(one.size(), three.size());
    for (std::size_t t = 0; t < one.size(); ++t)
        for (std::size_t i = 0; i < one[t].size(); ++i) {
            ASSERT_EQ(one[t][i].x, two[t][i].x) << "step " << t << " agent " << i;
            ASSERT_EQ(one[t][i].y, two[t][i].y) << "step " << t << " agent " << i;
            ASSERT_EQ(one[t][i].x, three[t][i].x) << "step " << t << " agent " << i;
            ASSERT_EQ(one[t][i].y, three[t][i].y) << "step " << t << " agent " << i;
        }
    EXPECT_EQ(m1.agents_arrived, 90);
    EXPECT_EQ(m1.max_overlap_model, m2.max_overlap_model);
    EXPECT_EQ(m1.max_overlap, m3.max_overlap);
}

TEST(Model, NobodyEntersShelvesAndOverlapsStaySmall) {
    Crowd c;
    ped::Metrics m;
    auto frames = c.run(11, &m);
    long inside = 0;
    for (auto& f : frames)
        for (auto& p : f)
            if (!c.area.contains(p)) ++inside;
    EXPECT_EQ(inside, 0);
    EXPECT_EQ(m.agents_arrived, 60);
    EXPECT_LE(m.max_overlap, 0.02);
    EXPECT_LE(m.max_wall_overlap, 0.02);
    EXPECT_EQ(m.wall_penetrations, 0);
    EXPECT_GT(m.max_density, 1.0);
    EXPECT_EQ(m.exits[0].count, 60);
}

// Standing agents (readers, browsers, a queue) are fixed obstacles the model does not step: the
// walkers that pass them list the pairs, so nobody overlaps them, and they stay where they stand.
// (A walker pushed head-on into such a block stops there, as in the model before: the navmesh
// does not know standing people, so the walkers start in line with the gap.)
TEST(Model, StandingAgentsAreFixedObstacles) {
    WalkableArea a;
    a.add_accessible(rectangle(0, 0, 14, 8));
    nav::NavMesh nav;
    ASSERT_TRUE(nav.build(a, {0.2, 0.05})) << nav.error();
    for (int threads : {1, 2}) {
        ped::ModelParams mp;
        mp.threads = threads;
        mp.parallel_min_agents = 0;
        Simulation sim(a, nav, mp);
        sim.add_exit({"east", rectangle(13.4, 0, 14, 8)});
        // Two blocks of readers along the long walls; the walkers pass between them.
        std::vector<Vec2> standing = grid_positions(15, 5, 0.1, 9, 2.3);
        for (auto& p : grid_positions(15, 5, 5.7, 9, 7.9)) standing.push_back(p);
        for (auto& p : standing) sim.hold(sim.add_agent({p, 0.2, 1.3, 0.0, 0, {}, {}}), 1e9);
        ped::Rng rng(3);
        for (auto& p : random_positions(20, 0.2, 0, 2.8, 4.5, 5.2, 3))
            sim.add_agent({p, 0.2, ped::draw_speed(ped::speed_distribution(ped::AgeGroup::Under30), rng), 0.0, 0, {}, {}});
        double worst = 0.0;
        sim.set_observer([&](const Simulation& s) {
            const auto& ag = s.agents();
            for (int i : s.live())
                for (int j : s.live())
                    if (i < j) worst = std::max(worst, 0.4 - geometry::norm(ag[static_cast<std::size_t>(i)].pos - ag[static_cast<std::size_t>(j)].pos));
        });
        while (sim.metrics().agents_arrived < 20 && sim.time() < 200) sim.step();
        EXPECT_EQ(sim.metrics().agents_arrived, 20);
        EXPECT_LE(worst, 0.02);  // every pair, not only those the model listed
        double moved = 0.0;
        for (std::size_t i = 0; i < standing.size(); ++i) moved = std::max(moved, geometry::norm(sim.agents()[i].pos - standing[i]));
        EXPECT_LE(moved, 0.05);
        expect_clean(sim.metrics());
    }
}

TEST(Model, FreeWalkerMovesAtDesiredSpeedWithFixedStep) {
    WalkableArea a;
    a.add_accessible(rectangle(0, 0, 20, 2));
    nav::NavMesh nav;
    ASSERT_TRUE(nav.build(a));
    ped::ModelParams mp;
    mp.narrow_keep_right = 0.0;  // alone in the 2 m corridor it would keep right: here it walks straight
    Simulation sim(a, nav, mp);
    sim.add_exit({"end", rectangle(19, 0, 20, 2)});
    AgentSpec s;
    s.position = {1, 1};
    s.desired_speed = 1.0;
    sim.add_agent(s);
    for (int i = 0; i < 100; ++i) sim.step();  // 100 steps of 0.05 s = 5 s
    EXPECT_NEAR(sim.time(), 5.0, 1e-9);
    EXPECT_NEAR(sim.agents()[0].pos.x, 6.0, 1e-9);
    EXPECT_NEAR(sim.agents()[0].pos.y, 1.0, 1e-9);
}

TEST(Model, ClosedExitSendsAgentsToTheOtherOne) {
    WalkableArea a;
    a.add_accessible(rectangle(0, 0, 30, 3));
    nav::NavMesh nav;
    ASSERT_TRUE(nav.build(a));
    Simulation sim(a, nav);
    sim.add_exit({"west", rectangle(0, 0, 1, 3), 3.0});  // closes at t = 3 s
    sim.add_exit({"east", rectangle(29, 0, 30, 3)});
    // Ten agents nearer the west exit (x = 6..9.6) than the east one; one already next to it.
    for (int i = 0; i < 10; ++i) sim.add_agent({{6.0 + 0.4 * i, 1.5}, 0.15, 1.2, 0.0, -1, {}, {}});
    sim.add_agent({{2.0, 1.5}, 0.2, 1.2, 0.0, -1, {}, {}});
    ASSERT_TRUE(sim.run(120));
    const auto& m = sim.metrics();
    EXPECT_EQ(m.exits[0].count, 1);   // only the one 1 m away gets out before closing
    EXPECT_EQ(m.exits[1].count, 10);  // the rest turn round
    EXPECT_EQ(m.agents_arrived, 11);
}

TEST(Model, UnreachableExitIsReportedNotWalkedInto) {
    WalkableArea a;
    a.add_accessible(rectangle(0, 0, 5, 5));
    a.add_accessible(rectangle(6, 0, 11, 5));  // no door between the rooms
    nav::NavMesh nav;
    ASSERT_TRUE(nav.build(a));
    Simulation sim(a, nav);
    sim.add_exit({"east", rectangle(10, 0, 11, 5)});
    sim.add_agent({{2, 2}, 0.2, 1.3, 0.0, -1, {}, {}});
    sim.add_agent({{8, 2}, 0.2, 1.3, 0.0, -1, {}, {}});
    EXPECT_TRUE(sim.run(30));
    EXPECT_EQ(sim.metrics().agents_unreachable, 1);
    EXPECT_EQ(sim.metrics().agents_arrived, 1);
    EXPECT_TRUE(sim.agents()[0].stranded);
    EXPECT_NEAR(sim.agents()[0].pos.x, 2.0, 1e-12);
}

TEST(Model, WaypointsAreVisitedInOrder) {
    WalkableArea a;
    a.add_accessible(rectangle(0, 0, 10, 10));
    nav::NavMesh nav;
    ASSERT_TRUE(nav.build(a));
    Simulation sim(a, nav);
    sim.add_exit({"ne", rectangle(9, 9, 10, 10)});
    AgentSpec s;
    s.position = {1, 1};
    s.waypoints = {{8, 2}, {2, 8}};
    sim.add_agent(s);
    bool saw_first = false, saw_second_after_first = false;
    sim.set_observer([&](const Simulation& sm) {
        Vec2 p = sm.agents()[0].pos;
        if (geometry::norm(p - Vec2{8, 2}) < 0.6) saw_first = true;
        if (saw_first && geometry::norm(p - Vec2{2, 8}) < 0.6) saw_second_after_first = true;
    });
    ASSERT_TRUE(sim.run(60));
    EXPECT_TRUE(saw_first);
    EXPECT_TRUE(saw_second_after_first);
    // Path length 1→(8,2)→(2,8)→exit ≈ 7.07 + 8.49 + 7.1 = 22.7 m at 1.34 m/s ≈ 16.9 s.
    EXPECT_NEAR(sim.metrics().evacuation_time, 22.7 / 1.34, 1.5);
}

TEST(Model, SpeedDistributionsStayInTheirRanges) {
    ped::Rng rng(3);
    for (auto g : {ped::AgeGroup::Under30, ped::AgeGroup::From30To50, ped::AgeGroup::Over50,
                   ped::AgeGroup::LimitedMobility}) {
        auto d = ped::speed_distribution(g);
        double sum = 0;
        for (int i = 0; i < 4000; ++i) {
            double v = ped::draw_speed(d, rng);
            ASSERT_GE(v, d.min);
            ASSERT_LE(v, d.max);
            sum += v;
        }
        EXPECT_NEAR(sum / 4000, d.mean, 0.02);
    }
}

TEST(Model, DisplayKeysAreTranslated) {
    shuxiang::load_translations(SHUXIANG_SOURCE_ASSET_DIR "/i18n");
    for (auto s : {nav::PathStatus::Ok, nav::PathStatus::Unreachable, nav::PathStatus::StartOffMesh,
                   nav::PathStatus::GoalOffMesh})
        EXPECT_TRUE(shuxiang::translation_complete(nav::display_key(s))) << nav::display_key(s);
    for (auto g : {ped::AgeGroup::Under30, ped::AgeGroup::From30To50, ped::AgeGroup::Over50,
                   ped::AgeGroup::LimitedMobility})
        EXPECT_TRUE(shuxiang::translation_complete(ped::display_key(g))) << ped::display_key(g);
    shuxiang::set_language(shuxiang::Language::En);
    EXPECT_EQ(shuxiang::tr("sim.path.unreachable"), "Unreachable (not connected to the start)");
    shuxiang::set_language(shuxiang::Language::ZhCN);
}

namespace {

// Two 6 × 6 m rooms joined by a 0.9 m door in a 0.2 m wall at x = 6; `n` people of radius `r` in
// each room walk to the far side of the other. Two adults (r = 0.25) cannot pass each other there.
ped::Metrics narrow_door_counter_flow(int n, double r, std::uint64_t seed, bool turn_taking) {
    WalkableArea a;
    a.add_accessible(rectangle(0, 0, 5.9, 6));
    a.add_accessible(rectangle(6.1, 0, 12, 6));
    a.add_accessible(rectangle(5.85, 2.55, 6.15, 3.45));
    nav::NavMesh nav;
    EXPECT_TRUE(nav.build(a, {r, 0.05})) << nav.error();
    Simulation sim(a, nav);
    int east = sim.add_exit({"east", rectangle(11.4, 0, 12, 6)});
    int west = sim.add_exit({"west", rectangle(0, 0, 0.6, 6)});
    if (turn_taking) sim.add_passage({"door", Segment{{6, 2.55}, {6, 3.45}}, 0.2});
    ped::Rng rng(seed);
    for (auto& p : random_positions(n, r, 1.0, 0.5, 5.2, 5.5, seed * 10))
        sim.add_agent({p, r, rng.uniform(1.2, 1.5), 0.0, east, {}, {}});
    for (auto& p : random_positions(n, r, 6.8, 0.5, 11.0, 5.5, seed * 10 + 1))
        sim.add_agent({p, r, rng.uniform(1.2, 1.5), 0.0, west, {}, {}});
    sim.run(300);
    return sim.metrics();
}

}  // namespace

// Face to face in a door too narrow to pass, the plain model locks: both fronts stop (speed 0 at
// contact) and the crowd behind holds them there. Turn-taking at the door resolves it.
TEST(Passage, NarrowDoorCounterFlowLocksWithoutTurnTaking) {
    auto m = narrow_door_counter_flow(12, 0.25, 1, false);
    std::printf("0.9 m door, 12 + 12 adults, no turn-taking: %d/24 arrived in 300 s\n", m.agents_arrived);
    EXPECT_LT(m.agents_arrived, 24);
}

TEST(Passage, NarrowDoorCounterFlowTakesTurns) {
    for (double r : {0.25, 0.2})
        for (int n : {4, 12})
            for (std::uint64_t seed : {1, 2, 3}) {
                SCOPED_TRACE("r " + std::to_string(r) + ", n " + std::to_string(n) + ", seed " + std::to_string(seed));
                auto m = narrow_door_counter_flow(n, r, seed, true);
                std::printf("0.9 m door, r %.2f, %d + %d: %d arrived, last at %.1f s, %ld waits\n", r, n, n,
                            m.agents_arrived, m.evacuation_time, m.passage_waits);
                EXPECT_EQ(m.exits[0].count, n);
                EXPECT_EQ(m.exits[1].count, n);
                // One at a time at about 1 person/s plus the walk (free walk about 9 s).
                EXPECT_LT(m.evacuation_time, 12.0 + 2.0 * n);
                EXPECT_GT(m.passage_waits, 0);
                expect_clean(m);
            }
}
