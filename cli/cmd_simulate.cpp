// `shuxiang simulate`: run a built-in or file scenario on a plan and write metrics, time series,
// heatmap and trajectories.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <unistd.h>

#include "registry.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/scenario/run.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {
namespace {

struct SimOptions {
    std::string plan;
    std::string db;
    std::string scenario;
    std::string out;
    std::uint64_t seed = 1;
    int students = 0;
    bool json = false;
};

std::string fixed1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

int run_simulate(const SimOptions& o) {
    const plan::Plan p = plan::load_plan(o.plan);
    scenario::Scenario sc = scenario::is_builtin_scenario(o.scenario) ? scenario::builtin_scenario(o.scenario, p, o.students)
                                                                      : scenario::load_scenario(o.scenario);
    if (o.students > 0 && !scenario::is_builtin_scenario(o.scenario))
        std::cerr << tr("sim_scenario.students_ignored") << "\n";
    if (!o.db.empty()) std::cerr << tr("sim_scenario.db_unused") << "\n";
    scenario::RunOptions ro;
    ro.seed = o.seed;
    if (sc.duration > 7200) ro.record_every = 2.0;  // a school day: keep the trajectory file small
    const bool tty = isatty(STDERR_FILENO) != 0;
    if (tty)
        ro.progress = [](double f) {
            const int width = 40, done = static_cast<int>(f * width + 0.5);
            std::string bar(static_cast<std::size_t>(done), '#');
            bar.resize(width, '.');
            std::fprintf(stderr, "\r[%s] %3d%%", bar.c_str(), static_cast<int>(f * 100 + 0.5));
            if (f >= 1.0) std::fprintf(stderr, "\n");
            std::fflush(stderr);
        };
    const scenario::RunResult r = scenario::run_scenario(p, plan::FurnitureCatalog::builtin(), sc, ro);
    scenario::write_outputs(r, o.out);
    if (o.json) {
        std::cout << scenario::metrics_json(r);
    } else {
        std::cout << trf("sim_scenario.summary", {std::to_string(r.sim.agents_total), std::to_string(r.sim.agents_arrived), fixed1(r.duration)}) << "\n";
        if (r.evacuation) std::cout << trf("sim_scenario.evacuation_time", {fixed1(r.evacuation_time)}) << "\n";
        std::cout << trf("sim_scenario.written", {o.out}) << "\n";
    }
    return 0;
}

const Registrar kRegister{[](CLI::App& root) {
    auto o = std::make_shared<SimOptions>();
    CLI::App* cmd = root.add_subcommand("simulate", tr("sim_scenario.cmd.simulate"));
    cmd->set_help_flag("-h,--help", tr("cli.help"));
    cmd->add_option("--plan", o->plan, tr("sim_scenario.opt.plan"))->required();
    cmd->add_option("--db", o->db, tr("sim_scenario.opt.db"));
    cmd->add_option("--scenario", o->scenario, tr("sim_scenario.opt.scenario"))->required();
    cmd->add_option("--seed", o->seed, tr("sim_scenario.opt.seed"));
    cmd->add_option("--students", o->students, tr("sim_scenario.opt.students"))->check(CLI::Range(1, 100000));
    cmd->add_option("--out", o->out, tr("sim_scenario.opt.out"))->required();
    cmd->add_flag("--json", o->json, tr("cli.json"));
    cmd->callback([o] { run_guarded([&] { return run_simulate(*o); }); });
}};

}  // namespace
}  // namespace shuxiang::cli
