// `shuxiang simulate`: run a built-in or file scenario on a plan and write metrics, time series,
// heatmap and trajectories.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <unistd.h>

#include "activity_booking.hpp"
#include "registry.hpp"
#include "shuxiang/capacity/capacity.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/scenario/booked_visit.hpp"
#include "shuxiang/scenario/run.hpp"
#include "shuxiang/scenario/setup.hpp"
#include "shuxiang/standards/compliance.hpp"
#include "shuxiang/standards/holdings.hpp"
#include "shuxiang/standards/profile.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

#include <nlohmann/json.hpp>

namespace shuxiang::cli {
namespace {

struct SimOptions {
    std::string plan;
    std::string db;
    std::string date = "2026-09-01";  // the statistics year of the library database
    std::string scenario;
    std::string out;
    std::uint64_t seed = 1;
    int students = 0;
    long long activity = 0;  // > 0: a class visit held in this booked activity's room (needs --db)
    bool json = false;
};

std::string fixed1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string fixed2(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    return buf;
}

int run_simulate(const SimOptions& o) {
    const plan::Plan p = plan::load_plan(o.plan);
    std::optional<reading::ClassVisitBooking> booking;
    if (o.activity > 0) {
        if (o.db.empty() || o.scenario != "class-visit") throw InputError("--activity", "", tr("reading.cli.activity_needs_db"));
        booking = booked_class_visit(o.db, o.activity);
    }
    const int students = o.students > 0 || !booking ? o.students : booking->class_size;
    scenario::RunSetup setup = scenario::prepare_run(p, {o.scenario, o.seed, students, o.db, o.date});
    if (booking) scenario::hold_in_booked_room(setup.scenario, booking->room_id, booking->stay_s);
    if (setup.students_ignored) std::cerr << tr("sim_scenario.students_ignored") << "\n";
    if (setup.db_without_loans) std::cerr << tr("sim_scenario.db_no_loans") << "\n";
    const scenario::Scenario& sc = setup.scenario;
    scenario::RunOptions& ro = setup.options;
    const std::string demand_from = setup.demand_from_loans ? "loans" : "standards";
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
    const scenario::RunResult r = scenario::run_scenario(p, plan::with_plan_types(plan::FurnitureCatalog::builtin(), p), sc, ro);
    scenario::write_outputs(r, o.out);
    for (const auto& w : r.warnings) std::cerr << trf("sim_scenario.warning.prefix", {w.message}) << "\n";
    if (o.json) {
        std::cout << scenario::metrics_json(r);
    } else {
        std::cout << trf("sim_scenario.summary", {std::to_string(r.sim.agents_total), std::to_string(r.sim.agents_arrived), fixed1(r.duration)}) << "\n";
        if (r.evacuation) std::cout << trf("sim_scenario.evacuation_time", {fixed1(r.evacuation_time)}) << "\n";
        for (const auto& l : r.levels)
            std::cout << trf("sim_scenario.level_line", {l.id, std::to_string(l.agents_started), fixed1(l.last_occupied)}) << "\n";
        for (const auto& s : r.stairs)
            std::cout << trf("sim_scenario.stair_line", {s.id, s.from_level, s.to_level, fixed1(s.width), std::to_string(s.up),
                                                         std::to_string(s.down), fixed1(s.first), fixed1(s.last),
                                                         fixed2(s.flow),
                                                         std::to_string(s.max_on_flight)})
                      << "\n";
        std::cout << trf("sim_scenario.written", {o.out}) << "\n";
        std::cout << tr(demand_from == "loans" ? "sim_scenario.demand_loans" : "sim_scenario.demand_standards") << "\n";
    }
    return 0;
}

struct CapOptions {
    std::string plan;
    std::string holdings;
    int years = 30;
    int start_year = 2026;
    double fill = 0.75;
    double new_per_student = 1.0;
    double weeding = -1;  // < 0: from the holdings, else 0
    bool json = false;
};

int run_capacity(const CapOptions& o) {
    const plan::Plan p = plan::load_plan(o.plan);
    capacity::Options co;
    co.years = o.years;
    co.start_year = o.start_year;
    co.fill_target = o.fill;
    co.students = p.school.students.total();
    co.new_per_student = o.new_per_student;
    // Shares of the 5 大部类: the holdings' own mix when given, else the standards profile's.
    const auto rules = standards::RuleSet::for_region(standards::builtin_profile_dir(), p.school.region);
    const auto req = standards::required_shares(p.school, rules);
    double sum = 0;
    for (std::size_t c = 0; c < 5; ++c) sum += req[c].value;
    for (std::size_t c = 0; c < 5; ++c) co.shares[c] = sum > 0 ? req[c].value / sum : 0.2;
    std::string share_source = rules.id();
    if (!o.holdings.empty()) {
        const auto h = standards::load_holdings(o.holdings);
        long long classified = 0;
        for (std::size_t c = 0; c < 5; ++c) classified += h.by_major_class[c];
        for (std::size_t c = 0; c < 5; ++c) co.current[c] = h.by_major_class[c];
        if (classified > 0) {
            for (std::size_t c = 0; c < 5; ++c) co.shares[c] = static_cast<double>(h.by_major_class[c]) / classified;
            share_source = "holdings";
        }
        if (o.weeding < 0 && h.books > 0) co.weeding_rate = static_cast<double>(h.weeded_this_year) / h.books;
    }
    if (o.weeding >= 0) co.weeding_rate = o.weeding;
    const capacity::Report r = capacity::compute(p, plan::with_plan_types(plan::FurnitureCatalog::builtin(), p), co);
    static const char* names[5] = {"A", "B", "C-K", "N-X", "Z"};
    if (o.json) {
        nlohmann::json j;
        j["book_capacity"] = r.book_capacity;
        j["periodical_capacity"] = r.periodical_capacity;
        j["fill_target"] = co.fill_target;
        j["working_capacity"] = r.working_capacity;
        j["students"] = co.students;
        j["new_per_student"] = co.new_per_student;
        j["weeding_rate"] = co.weeding_rate;
        j["shares_from"] = share_source;
        j["classes"] = nlohmann::json::array();
        for (std::size_t c = 0; c < 5; ++c) {
            const auto& k = r.classes[c];
            j["classes"].push_back({{"class", names[c]},
                                    {"share", std::round(co.shares[c] * 1e4) / 1e4},
                                    {"working_capacity", k.working_capacity},
                                    {"current", k.current},
                                    {"added_per_year", std::round(k.added_per_year * 100) / 100},
                                    {"full_year", k.full_year ? nlohmann::json(*k.full_year) : nlohmann::json(nullptr)}});
        }
        j["sections"] = nlohmann::json::array();
        for (const auto& s : r.sections)
            j["sections"].push_back({{"level", s.level}, {"furniture", s.furniture}, {"face", s.face}, {"section", s.section},
                                     {"kind", capacity::to_string(s.kind)}, {"books", s.books}});
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    std::cout << trf("sim_scenario.capacity.total", {std::to_string(r.book_capacity), std::to_string(r.working_capacity),
                                                      std::to_string(static_cast<int>(co.fill_target * 100 + 0.5))})
              << "\n";
    for (std::size_t c = 0; c < 5; ++c) {
        const auto& k = r.classes[c];
        std::cout << "  " << names[c] << ": "
                  << (k.full_year ? trf("sim_scenario.capacity.full", {std::to_string(*k.full_year), std::to_string(k.current),
                                                                       std::to_string(k.working_capacity)})
                                  : trf("sim_scenario.capacity.not_full", {std::to_string(o.years), std::to_string(k.current),
                                                                           std::to_string(k.working_capacity)}))
                  << "\n";
    }
    return 0;
}

const Registrar kRegisterCapacity{[](CLI::App& root) {
    auto o = std::make_shared<CapOptions>();
    CLI::App* cmd = root.add_subcommand("capacity", tr("sim_scenario.cmd.capacity"));
    cmd->set_help_flag("-h,--help", tr("cli.help"));
    cmd->add_option("--plan", o->plan, tr("sim_scenario.opt.plan"))->required();
    cmd->add_option("--holdings", o->holdings, tr("sim_scenario.opt.holdings"))->check(CLI::ExistingFile);
    cmd->add_option("--years", o->years, tr("sim_scenario.opt.years"))->check(CLI::Range(1, 200));
    cmd->add_option("--start-year", o->start_year, tr("sim_scenario.opt.start_year"));
    cmd->add_option("--fill", o->fill, tr("sim_scenario.opt.fill"))->check(CLI::Range(0.1, 1.0));
    cmd->add_option("--new-per-student", o->new_per_student, tr("sim_scenario.opt.new_per_student"))->check(CLI::Range(1.0, 50.0));
    cmd->add_option("--weeding", o->weeding, tr("sim_scenario.opt.weeding"))->check(CLI::Range(0.0, 0.5));
    cmd->add_flag("--json", o->json, tr("cli.json"));
    cmd->callback([o] { run_guarded([&] { return run_capacity(*o); }); });
}};

const Registrar kRegister{[](CLI::App& root) {
    auto o = std::make_shared<SimOptions>();
    CLI::App* cmd = root.add_subcommand("simulate", tr("sim_scenario.cmd.simulate"));
    cmd->set_help_flag("-h,--help", tr("cli.help"));
    cmd->add_option("--plan", o->plan, tr("sim_scenario.opt.plan"))->required();
    cmd->add_option("--db", o->db, tr("sim_scenario.opt.db"))->check(CLI::ExistingFile);
    cmd->add_option("--date", o->date, tr("cli.date"))
        ->check([](const std::string& d) { return d.size() == 10 && d[4] == '-' && d[7] == '-' ? std::string() : std::string("YYYY-MM-DD"); });
    cmd->add_option("--scenario", o->scenario, tr("sim_scenario.opt.scenario"))->required();
    cmd->add_option("--seed", o->seed, tr("sim_scenario.opt.seed"));
    cmd->add_option("--students", o->students, tr("sim_scenario.opt.students"))->check(CLI::Range(1, 100000));
    cmd->add_option("--activity", o->activity, tr("reading.cli.activity_simulate"));
    cmd->add_option("--out", o->out, tr("sim_scenario.opt.out"))->required();
    cmd->add_flag("--json", o->json, tr("cli.json"));
    cmd->callback([o] { run_guarded([&] { return run_simulate(*o); }); });
}};

}  // namespace
}  // namespace shuxiang::cli
