// Agent-steps per second of the pedestrian model against Detour's dtCrowd on the same navmesh:
// a 40 m x 40 m library room with 48 shelves and four 2 m doors, 500 and 2,000 agents crossing
// to the door opposite-ish (agent i -> door i % 4), 200 steps of 0.05 s each.
#include <shuxiang/nav/navmesh.hpp>
#include <shuxiang/ped/simulation.hpp>

#include <DetourCrowd.h>
#include <DetourNavMeshQuery.h>
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

using namespace shuxiang;
using geometry::rectangle;
using geometry::Vec2;

namespace {

constexpr int kSteps = 200;
constexpr double kRadius = 0.2;

struct Room {
    geometry::WalkableArea area;
    std::vector<geometry::Polygon> exits;
    nav::NavMesh nav;
    Room() {
        area.add_accessible(rectangle(0, 0, 40, 40));
        for (double cx : {4.0, 12.0, 20.0, 28.0})
            for (double y = 6.0; y + 0.6 < 34.5; y += 2.4) area.add_obstacle(rectangle(cx, y, cx + 6, y + 0.6));
        exits = {rectangle(19, -1, 21, 0), rectangle(40, 19, 41, 21), rectangle(19, 40, 21, 41), rectangle(-1, 19, 0, 21)};
        for (auto& e : exits) area.add_accessible(e);
        nav.build(area, {kRadius, 0.05});
    }
    std::vector<Vec2> positions(int n) const {
        ped::Rng rng(2026);
        std::vector<Vec2> out;
        // Bucketed rejection sampling so that 2,000 placements stay quick.
        std::vector<std::vector<int>> grid(40 * 40);
        while (static_cast<int>(out.size()) < n) {
            Vec2 p{rng.uniform(0.5, 39.5), rng.uniform(0.5, 39.5)};
            bool ok = area.contains(p) && area.contains(p + Vec2{0.25, 0}) && area.contains(p - Vec2{0.25, 0}) &&
                      area.contains(p + Vec2{0, 0.25}) && area.contains(p - Vec2{0, 0.25});
            int cx = static_cast<int>(p.x), cy = static_cast<int>(p.y);
            for (int y = std::max(0, cy - 1); ok && y <= std::min(39, cy + 1); ++y)
                for (int x = std::max(0, cx - 1); ok && x <= std::min(39, cx + 1); ++x)
                    for (int j : grid[static_cast<std::size_t>(y * 40 + x)])
                        if (geometry::norm(out[static_cast<std::size_t>(j)] - p) < 2 * kRadius + 0.02) ok = false;
            if (!ok) continue;
            grid[static_cast<std::size_t>(cy * 40 + cx)].push_back(static_cast<int>(out.size()));
            out.push_back(p);
        }
        return out;
    }
};

const Room& room() {
    static Room r;
    return r;
}

double max_pair_overlap(const std::vector<Vec2>& p) {
    double worst = 0;
    for (std::size_t i = 0; i < p.size(); ++i)
        for (std::size_t j = i + 1; j < p.size(); ++j)
            worst = std::max(worst, 2 * kRadius - geometry::norm(p[i] - p[j]));
    return worst;
}

void BM_ShuxiangModel(benchmark::State& state) {
    const Room& r = room();
    const int n = static_cast<int>(state.range(0));
    ped::ModelParams mp;
    mp.threads = static_cast<int>(state.range(1));
    ped::Simulation sim(r.area, r.nav, mp);
    for (auto& e : r.exits) sim.add_exit({"door", e});
    auto pos = r.positions(n);
    ped::Rng rng(1);
    for (int i = 0; i < n; ++i) {
        ped::AgentSpec s;
        s.position = pos[static_cast<std::size_t>(i)];
        s.radius = kRadius;
        s.desired_speed = ped::draw_speed(ped::speed_distribution(ped::AgeGroup::Under30), rng);
        s.exit = i % 4;
        sim.add_agent(s);
    }
    long agent_steps = 0;
    for (auto _ : state) {
        long active = 0;
        for (auto& a : sim.agents()) active += a.active ? 1 : 0;
        sim.step();
        agent_steps += active;
    }
    state.counters["agent_steps_per_s"] = benchmark::Counter(static_cast<double>(agent_steps), benchmark::Counter::kIsRate);
    state.counters["max_overlap_m"] = sim.metrics().max_overlap;
    state.counters["max_overlap_model_m"] = sim.metrics().max_overlap_model;
    std::vector<Vec2> end;
    for (int id : sim.live()) end.push_back(sim.agents()[static_cast<std::size_t>(id)].pos);
    state.counters["final_pair_overlap_m"] = max_pair_overlap(end);
    state.counters["wall_penetrations"] = static_cast<double>(sim.metrics().wall_penetrations);
    state.counters["arrived"] = sim.metrics().agents_arrived;
}

void BM_DetourCrowd(benchmark::State& state) {
    const Room& r = room();
    const int n = static_cast<int>(state.range(0));
    std::unique_ptr<dtCrowd, void (*)(dtCrowd*)> crowd(dtAllocCrowd(), dtFreeCrowd);
    crowd->init(n, kRadius, r.nav.detour_mesh());
    std::unique_ptr<dtNavMeshQuery, void (*)(dtNavMeshQuery*)> q(dtAllocNavMeshQuery(), dtFreeNavMeshQuery);
    q->init(r.nav.detour_mesh(), 4096);
    dtQueryFilter filter;
    const float ext[3] = {1.0f, 2.0f, 1.0f};
    std::vector<dtPolyRef> target_ref(4);
    std::vector<std::array<float, 3>> target_pos(4);
    for (int e = 0; e < 4; ++e) {
        Vec2 c = geometry::centroid(r.exits[static_cast<std::size_t>(e)]);
        float p[3] = {static_cast<float>(c.x), 0.0f, static_cast<float>(c.y)};
        q->findNearestPoly(p, ext, &filter, &target_ref[static_cast<std::size_t>(e)], target_pos[static_cast<std::size_t>(e)].data());
    }
    auto pos = r.positions(n);
    ped::Rng rng(1);
    for (int i = 0; i < n; ++i) {
        dtCrowdAgentParams ap{};
        ap.radius = static_cast<float>(kRadius);
        ap.height = 1.8f;
        ap.maxAcceleration = 8.0f;
        ap.maxSpeed = static_cast<float>(ped::draw_speed(ped::speed_distribution(ped::AgeGroup::Under30), rng));
        ap.collisionQueryRange = ap.radius * 12.0f;
        ap.pathOptimizationRange = ap.radius * 30.0f;
        ap.separationWeight = 2.0f;
        ap.updateFlags = DT_CROWD_ANTICIPATE_TURNS | DT_CROWD_OPTIMIZE_VIS | DT_CROWD_OPTIMIZE_TOPO |
                         DT_CROWD_OBSTACLE_AVOIDANCE | DT_CROWD_SEPARATION;
        ap.obstacleAvoidanceType = 3;
        Vec2 p = pos[static_cast<std::size_t>(i)];
        float fp[3] = {static_cast<float>(p.x), 0.0f, static_cast<float>(p.y)};
        int idx = crowd->addAgent(fp, &ap);
        auto e = static_cast<std::size_t>(i % 4);
        if (idx >= 0) crowd->requestMoveTarget(idx, target_ref[e], target_pos[e].data());
    }
    long agent_steps = 0;
    for (auto _ : state) {
        crowd->update(0.05f, nullptr);
        agent_steps += crowd->getAgentCount();
    }
    std::vector<Vec2> end;
    for (int i = 0; i < crowd->getAgentCount(); ++i) {
        const dtCrowdAgent* a = crowd->getAgent(i);
        if (a && a->active) end.push_back({a->npos[0], a->npos[2]});
    }
    state.counters["agent_steps_per_s"] = benchmark::Counter(static_cast<double>(agent_steps), benchmark::Counter::kIsRate);
    state.counters["max_overlap_m"] = max_pair_overlap(end);  // at the final step only
}

}  // namespace

// Args: agents, threads. CPU time is the whole process's (all threads), so agent_steps_per_s is
// per CPU-second; the wall-clock rate (real time) shows what the threads gain on an idle machine.
BENCHMARK(BM_ShuxiangModel)->ArgsProduct({{500, 2000}, {1, 2}})->Iterations(kSteps)->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime();
BENCHMARK(BM_ShuxiangModel)->ArgsProduct({{2000}, {1, 2}})->Iterations(kSteps)->Unit(benchmark::kMillisecond)
    ->UseRealTime()->Name("BM_ShuxiangModel_wall");
BENCHMARK(BM_DetourCrowd)->Arg(500)->Arg(2000)->Iterations(kSteps)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_DetourCrowd)->Arg(2000)->Iterations(kSteps)->Unit(benchmark::kMillisecond)->UseRealTime()->Name("BM_DetourCrowd_wall");
