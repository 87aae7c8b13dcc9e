// A full school day of the demo school (08:00-16:00, 1,800 students; visitors exist only while in
// the library). Target: under 2 minutes on a 2-core machine. Reports agents and agent-steps.
#include <benchmark/benchmark.h>

#include <shuxiang/plan/io.hpp>
#include <shuxiang/scenario/run.hpp>

using namespace shuxiang;

static void BM_SchoolDayDemo(benchmark::State& state) {
    const plan::Plan p = plan::load_plan(std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/demo/demo-school.sxplan.json");
    const scenario::Scenario sc = scenario::builtin_scenario("school-day", p, 0);
    scenario::RunOptions o;
    o.record_every = 2.0;
    for (auto _ : state) {
        scenario::RunResult r = scenario::run_scenario(p, plan::FurnitureCatalog::builtin(), sc, o);
        state.counters["agents"] = r.sim.agents_total;
        state.counters["arrived"] = r.sim.agents_arrived;
        state.counters["simulated_s"] = r.duration;
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_SchoolDayDemo)->Iterations(1)->Unit(benchmark::kSecond);

static void BM_EvacuationDemo(benchmark::State& state) {
    const plan::Plan p = plan::load_plan(std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/demo/demo-school.sxplan.json");
    const scenario::Scenario sc = scenario::builtin_scenario("evacuation", p, 0);
    for (auto _ : state) {
        scenario::RunResult r = scenario::run_scenario(p, plan::FurnitureCatalog::builtin(), sc, {});
        state.counters["agents"] = r.sim.agents_total;
        state.counters["evacuation_s"] = r.evacuation_time;
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_EvacuationDemo)->Iterations(3)->Unit(benchmark::kMillisecond);
