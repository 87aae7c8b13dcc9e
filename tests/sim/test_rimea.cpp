// RiMEA verification tests (RiMEA 3.0.0 numbering) and empirical door-flow / counter-flow checks.
// Pass criteria come from /work/shared/reference/pedestrian-dynamics.md; each one is asserted.
#include "scenarios.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

using namespace shuxiang;
using namespace sxtest;
using geometry::Segment;
using ped::AgentSpec;
using ped::Exit;
using ped::MeasureLine;
using ped::ModelParams;
using ped::Simulation;

namespace {

nav::NavMesh build_nav(const WalkableArea& a, double radius) {
    nav::NavMesh nav;
    EXPECT_TRUE(nav.build(a, {radius, 0.05})) << nav.error();
    return nav;
}


}  // namespace

// RiMEA 1: one person, 2 m x 40 m corridor, 1.33 m/s: 40 m in [26, 34] s.
TEST(Rimea, Test1CorridorSpeed) {
    WalkableArea a;
    a.add_accessible(rectangle(-2, 0, 42, 2));
    auto nav = build_nav(a, 0.2);
    Simulation sim(a, nav);
    sim.add_exit({"end", rectangle(41, 0, 42, 2)});
    sim.add_line({"x0", Segment{{0, 0}, {0, 2}}});
    sim.add_line({"x40", Segment{{40, 0}, {40, 2}}});
    AgentSpec s;
    s.position = {-1, 1};
    s.desired_speed = 1.33;
    sim.add_agent(s);
    ASSERT_TRUE(sim.run(60));
    const auto& m = sim.metrics();
    ASSERT_EQ(m.lines[0].times.size(), 1u);
    ASSERT_EQ(m.lines[1].times.size(), 1u);
    double t = m.lines[1].times[0] - m.lines[0].times[0];
    std::printf("RiMEA 1: travel time over 40 m = %.2f s\n", t);
    EXPECT_GE(t, 26.0);
    EXPECT_LE(t, 34.0);
    EXPECT_NEAR(t, 40.0 / 1.33, 0.1);  // free walking is exactly v0
    expect_clean(m);
}

// RiMEA 4: fundamental diagram in a periodic corridor against Weidmann.
TEST(Rimea, Test4FundamentalDiagram) {
    const double L = 20.0, W = 4.0;
    WalkableArea a;
    a.add_accessible(rectangle(-1, 0, L + 1, W));
    auto nav = build_nav(a, 0.2);
    auto weidmann = [](double rho) { return 1.34 * (1.0 - std::exp(-1.913 * (1.0 / rho - 1.0 / 5.4))); };
    std::vector<double> rhos{0.5, 1.0, 2.0, 3.0};
    std::vector<double> speeds;
    for (double rho : rhos) {
        ModelParams mp;
        mp.periodic_x = true;
        mp.period_x0 = 0.0;
        mp.period_x1 = L;
        Simulation sim(a, nav, mp);
        int n = static_cast<int>(std::lround(rho * L * W));
        auto pos = random_positions(n, 0.2, 0, 0, L, W, 4242 + n, 0.0);
        ASSERT_EQ(static_cast<int>(pos.size()), n);
        ped::Rng rng(7);
        for (auto& p : pos) {
            AgentSpec s;
            s.position = p;
            s.desired_speed = rng.uniform(1.24, 1.44);
            s.fixed_direction = {1, 0};
            sim.add_agent(s);
        }
        // Mean speed in the 2 m x 2 m measuring area over 60 s after discarding 10 s.
        double sum_v = 0, sum_rho = 0;
        long samples = 0, frames = 0;
        sim.set_observer([&](const Simulation& s) {
            if (s.time() <= 10.0) return;
            ++frames;
            int inside = 0;
            for (auto& ag : s.agents())
                if (ag.pos.x > 9 && ag.pos.x < 11 && ag.pos.y > 1 && ag.pos.y < 3) {
                    sum_v += ag.vel.x;
                    ++samples;
                    ++inside;
                }
            sum_rho += inside / 4.0;
        });
        sim.run(70.0);
        double v = samples ? sum_v / static_cast<double>(samples) : 0.0;
        speeds.push_back(v);
        std::printf("RiMEA 4: rho=%.1f  measured rho=%.2f  v=%.3f  Weidmann=%.3f  maxoverlap=%.4f\n", rho,
                    sum_rho / static_cast<double>(frames), v, weidmann(rho), sim.metrics().max_overlap);
        EXPECT_LE(sim.metrics().max_overlap, 0.02);
        EXPECT_EQ(sim.metrics().wall_penetrations, 0);
    }
    for (std::size_t i = 1; i < speeds.size(); ++i) EXPECT_LT(speeds[i], speeds[i - 1]);
    for (std::size_t i = 0; i < rhos.size(); ++i) EXPECT_NEAR(speeds[i], weidmann(rhos[i]), 0.3) << rhos[i];
}

// RiMEA 6: 20 persons round a left-turning corner; no trajectory point inside the inner square.
TEST(Rimea, Test6Corner) {
    WalkableArea a;
    a.add_accessible({{0, 0}, {12, 0}, {12, 13}, {10, 13}, {10, 2}, {0, 2}});
    auto nav = build_nav(a, 0.2);
    Simulation sim(a, nav);
    sim.add_exit({"top", rectangle(10, 12, 12, 13)});
    auto pos = random_positions(20, 0.2, 0, 0, 6, 2, 6);
    ASSERT_EQ(pos.size(), 20u);
    for (auto& p : pos) {
        AgentSpec s;
        s.position = p;
        s.desired_speed = 1.34;
        sim.add_agent(s);
    }
    long inside = 0;
    double min_x_upper = 1e9;
    sim.set_observer([&](const Simulation& s) {
        for (auto& ag : s.agents()) {
            if (!ag.active) continue;
            if (ag.pos.x >= 0 && ag.pos.x <= 10 && ag.pos.y >= 2 && ag.pos.y <= 12) ++inside;
            if (ag.pos.y > 2) min_x_upper = std::min(min_x_upper, ag.pos.x);
        }
    });
    ASSERT_TRUE(sim.run(120));
    std::printf("RiMEA 6: points inside inner square = %ld, min x above y=2: %.3f, time %.1f s\n", inside,
                min_x_upper, sim.metrics().evacuation_time);
    EXPECT_EQ(inside, 0);
    EXPECT_EQ(sim.metrics().agents_arrived, 20);
    expect_clean(sim.metrics());
}

// RiMEA 7: demographic speeds drawn per age group; simulated free speeds within the table range.
TEST(Rimea, Test7DemographicSpeeds) {
    // 50 separate 1 m x 14 m lanes so that everyone walks freely.
    WalkableArea a;
    for (int i = 0; i < 50; ++i) a.add_accessible(rectangle(0, i * 1.5, 14, i * 1.5 + 1));
    auto nav = build_nav(a, 0.2);
    for (auto g : {ped::AgeGroup::Under30, ped::AgeGroup::From30To50, ped::AgeGroup::Over50,
                   ped::AgeGroup::LimitedMobility}) {
        auto d = ped::speed_distribution(g);
        Simulation sim(a, nav);
        for (int i = 0; i < 50; ++i) sim.add_exit({"e", rectangle(13, i * 1.5, 14, i * 1.5 + 1)});
        ped::Rng rng(700 + static_cast<int>(g));
        for (int i = 0; i < 50; ++i) {
            AgentSpec s;
            s.position = {0.5, i * 1.5 + 0.5};
            s.desired_speed = ped::draw_speed(d, rng);
            s.exit = i;
            sim.add_agent(s);
        }
        // Speed over x in [2, 12] from the crossing times of each agent.
        std::vector<double> t2(50, -1), t12(50, -1);
        sim.set_observer([&](const Simulation& s) {
            for (auto& ag : s.agents()) {
                auto i = static_cast<std::size_t>(ag.id);
                if (t2[i] < 0 && ag.pos.x >= 2) t2[i] = s.time();
                if (t12[i] < 0 && ag.pos.x >= 12) t12[i] = s.time();
            }
        });
        ASSERT_TRUE(sim.run(60));
        double vmin = 1e9, vmax = 0, mean = 0;
        for (std::size_t i = 0; i < 50; ++i) {
            ASSERT_GT(t12[i], t2[i]);
            double v = 10.0 / (t12[i] - t2[i]);
            vmin = std::min(vmin, v);
            vmax = std::max(vmax, v);
            mean += v / 50;
        }
        std::printf("RiMEA 7: group %d  table [%.2f, %.2f]  simulated min %.3f max %.3f mean %.3f\n",
                    static_cast<int>(g), d.min, d.max, vmin, vmax, mean);
        // Crossing times are sampled per step (0.05 s): allow that resolution on the range ends.
        EXPECT_GE(vmin, d.min * (1 - 0.01));
        EXPECT_LE(vmax, d.max * (1 + 0.01));
        EXPECT_NEAR(mean, d.mean, 0.1);
    }
}

namespace {

// RiMEA 9 room: 30 m x 20 m, four 1 m exits, two on each long wall (x = 7.5 and 22.5), wall 0.2 m.
struct Room9 {
    WalkableArea area;
    std::vector<Exit> exits;
    Room9() {
        area.add_accessible(rectangle(0, 0, 30, 20));
        int k = 1;
        for (double y : {-1.0, 1.0})
            for (double x : {7.5, 22.5}) {
                double y0 = y < 0 ? -0.2 : 20.0, y1 = y < 0 ? 0.0 : 20.2;
                area.add_accessible(rectangle(x - 0.5, y0, x + 0.5, y1));
                Polygon out = y < 0 ? rectangle(x - 1, -1.2, x + 1, -0.2) : rectangle(x - 1, 20.2, x + 1, 21.2);
                area.add_accessible(out);
                exits.push_back({"door " + std::to_string(k++), out});
            }
    }
};

double run_room9(const Room9& r, const nav::NavMesh& nav, bool lock_two, ped::Metrics* out) {
    Simulation sim(r.area, nav);
    for (std::size_t i = 0; i < r.exits.size(); ++i) {
        Exit e = r.exits[i];
        if (lock_two && i < 2) e.close_time = 0.0;  // doors 1 and 2 (south wall) locked from the start
        sim.add_exit(e);
    }
    auto pos = grid_positions(1000, 0.3, 0.3, 29.7, 19.7);
    ped::Rng rng(9);
    for (auto& p : pos) {
        AgentSpec s;
        s.position = p;
        s.radius = 0.2;
        s.desired_speed = ped::draw_speed(ped::speed_distribution(ped::AgeGroup::Under30), rng);
        sim.add_agent(s);
    }
    bool done = sim.run(1500);
    EXPECT_TRUE(done);
    if (!done) {
        int shown = 0;
        for (auto& ag : sim.agents())
            if (ag.active && shown++ < 8)
                std::printf("stuck agent %d at %.2f,%.2f exit %d corner %zu/%zu\n", ag.id, ag.pos.x, ag.pos.y, ag.exit, ag.corner, ag.corners.size());
    }
    *out = sim.metrics();
    return sim.metrics().evacuation_time;
}

}  // namespace

// RiMEA 9: 1000 persons leave a 30 x 20 m room by 4 exits, then by 2: time ratio in [1.6, 2.4].
TEST(Rimea, Test9FourExitsVersusTwo) {
    Room9 room;
    auto nav = build_nav(room.area, 0.2);
    ped::Metrics m4, m2;
    double t4 = run_room9(room, nav, false, &m4);
    double t2 = run_room9(room, nav, true, &m2);
    std::printf("RiMEA 9: t(4 exits) = %.1f s, t(2 exits) = %.1f s, ratio %.2f; flows 4: ", t4, t2, t2 / t4);
    for (auto& e : m4.exits) std::printf("%d/%.2f ", e.count, e.flow());
    std::printf(" 2: ");
    for (auto& e : m2.exits) std::printf("%d/%.2f ", e.count, e.flow());
    std::printf(" max density %.1f / %.1f, max overlap %.4f / %.4f\n", m4.max_density, m2.max_density,
                m4.max_overlap, m2.max_overlap);
    EXPECT_EQ(m4.agents_arrived, 1000);
    EXPECT_EQ(m2.agents_arrived, 1000);
    EXPECT_EQ(m2.exits[0].count + m2.exits[1].count, 0);
    EXPECT_GE(t2 / t4, 1.6);
    EXPECT_LE(t2 / t4, 2.4);
    expect_clean(m4);
    expect_clean(m2);
}

// RiMEA 12: room 1 -> 1 m x 5 m corridor -> room 2 -> 1 m exit; congestion only before the corridor.
TEST(Rimea, Test12Bottleneck) {
    WalkableArea a;
    a.add_accessible(rectangle(0, 0, 10, 10));
    a.add_accessible(rectangle(10, 4.5, 15, 5.5));
    a.add_accessible(rectangle(15, 0, 25, 10));
    a.add_accessible(rectangle(25, 4.5, 25.2, 5.5));
    a.add_accessible(rectangle(25.2, 3.5, 26.2, 6.5));
    auto nav = build_nav(a, 0.2);
    Simulation sim(a, nav);
    sim.add_exit({"exit", rectangle(25.2, 3.5, 26.2, 6.5)});
    sim.add_line({"corridor end", Segment{{15, 4.5}, {15, 5.5}}});
    sim.add_line({"exit", Segment{{25, 4.5}, {25, 5.5}}});
    auto pos = random_positions(150, 0.2, 0, 0, 8, 10, 12);
    ASSERT_EQ(pos.size(), 150u);
    ped::Rng rng(12);
    for (auto& p : pos) {
        AgentSpec s;
        s.position = p;
        s.desired_speed = ped::draw_speed(ped::speed_distribution(ped::AgeGroup::Under30), rng);
        sim.add_agent(s);
    }
    // Congestion shows as slow walking: mean speed of the agents in 2 m x 2 m boxes in front of the
    // corridor and in front of the last exit.
    double v_before = 0, v_exit = 0;
    long n_before = 0, n_exit = 0;
    sim.set_observer([&](const Simulation& s) {
        for (auto& ag : s.agents()) {
            if (!ag.active) continue;
            double v = geometry::norm(ag.vel);
            if (ag.pos.x > 8 && ag.pos.x < 10 && ag.pos.y > 4 && ag.pos.y < 6) v_before += v, ++n_before;
            if (ag.pos.x > 23 && ag.pos.x < 25 && ag.pos.y > 4 && ag.pos.y < 6) v_exit += v, ++n_exit;
        }
    });
    bool done = sim.run(600);
    const auto& m = sim.metrics();
    if (!done)
        for (auto& ag : sim.agents())
            if (ag.active) std::printf("stuck agent %d at %.2f,%.2f corner %zu/%zu\n", ag.id, ag.pos.x, ag.pos.y, ag.corner, ag.corners.size());
    ASSERT_TRUE(done) << m.agents_arrived;
    double jb = m.lines[0].flow(), jl = m.lines[1].flow();
    v_before /= static_cast<double>(std::max(1L, n_before));
    v_exit /= static_cast<double>(std::max(1L, n_exit));
    std::printf("RiMEA 12: J_bottleneck %.3f /s, J_last %.3f /s, diff %.3f; mean speed before corridor "
                "%.2f m/s, before exit %.2f m/s; T=%.1f s\n",
                jb, jl, jb - jl, v_before, v_exit, m.evacuation_time);
    EXPECT_EQ(m.agents_arrived, 150);
    EXPECT_EQ(m.lines[0].times.size(), 150u);
    EXPECT_EQ(m.lines[1].times.size(), 150u);
    EXPECT_GE(jb - jl, -0.05);
    // A jam forms in room 1 (walking well below the desired speed, mean 1.095 m/s) and none in
    // front of room 2's exit (at least 75 % of it, and 1.5 times the speed before the corridor).
    EXPECT_GT(v_exit, 0.75 * 1.095);
    EXPECT_GT(v_exit, 1.5 * v_before);
    expect_clean(m);
}

// Door flow: 1 m wide, 0.2 m deep door, 120 persons packed in front; empirical 1.3-2.0 /s.
TEST(Rimea, DoorFlowOneMetre) {
    WalkableArea a;
    a.add_accessible(rectangle(0, 0, 8, 8));
    a.add_accessible(rectangle(8, 3.5, 8.2, 4.5));
    a.add_accessible(rectangle(8.2, 0, 12, 8));
    auto nav = build_nav(a, 0.2);
    Simulation sim(a, nav);
    sim.add_exit({"outside", rectangle(10.5, 0, 12, 8)});
    sim.add_line({"door", Segment{{8.2, 3.5}, {8.2, 4.5}}});
    auto pos = random_positions(120, 0.2, 2, 0, 8, 8, 101);
    ASSERT_EQ(pos.size(), 120u);
    ped::Rng rng(101);
    for (auto& p : pos) {
        AgentSpec s;
        s.position = p;
        s.desired_speed = rng.uniform(1.2, 1.5);
        sim.add_agent(s);
    }
    ASSERT_TRUE(sim.run(300));
    const auto& t = sim.metrics().lines[0].times;
    ASSERT_EQ(t.size(), 120u);
    // Steady flow: persons 20..100 (drop the start and the tail of the queue).
    double j = 80.0 / (t[100] - t[20]);
    std::printf("Door flow 1 m: J = %.3f /s (overall %.3f /s)\n", j, sim.metrics().lines[0].flow());
    EXPECT_GE(j, 1.3);
    EXPECT_LE(j, 2.0);
    expect_clean(sim.metrics());
}

// Counter-flow: two groups of 40 cross in a 3 m x 20 m corridor; all arrive, nobody jams.
TEST(Rimea, CounterFlowNoGridlock) {
    WalkableArea a;
    a.add_accessible(rectangle(-2, 0, 22, 3));
    auto nav = build_nav(a, 0.2);
    Simulation sim(a, nav);
    int east = sim.add_exit({"east", rectangle(21, 0, 22, 3)});
    int west = sim.add_exit({"west", rectangle(-2, 0, -1, 3)});
    auto left = random_positions(40, 0.2, -1, 0, 5, 3, 31);
    auto right = random_positions(40, 0.2, 15, 0, 21, 3, 32);
    ASSERT_EQ(left.size() + right.size(), 80u);
    ped::Rng rng(33);
    for (auto& p : left) sim.add_agent({p, 0.2, rng.uniform(1.2, 1.5), 0.0, east, {}, {}});
    for (auto& p : right) sim.add_agent({p, 0.2, rng.uniform(1.2, 1.5), 0.0, west, {}, {}});
    bool done = sim.run(120);
    const auto& m = sim.metrics();
    std::printf("Counter-flow: arrived %d/80 in %.1f s (free walk ~%.1f s), east %d west %d, overlap %.4f\n",
                m.agents_arrived, m.evacuation_time, 22.0 / 1.2, m.exits[0].count, m.exits[1].count,
                m.max_overlap);
    EXPECT_TRUE(done);
    EXPECT_EQ(m.exits[0].count, 40);
    EXPECT_EQ(m.exits[1].count, 40);
    EXPECT_LT(m.evacuation_time, 60.0);
    expect_clean(m);
}
