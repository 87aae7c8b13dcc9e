#include <shuxiang/scenario/setup.hpp>

#include <shuxiang/circulation/services.hpp>
#include <shuxiang/standards/compliance.hpp>
#include <shuxiang/standards/profile.hpp>
#include <shuxiang/util/error.hpp>
#include <shuxiang/util/i18n.hpp>

#include <filesystem>

namespace shuxiang::scenario {

RunSetup prepare_run(const plan::Plan& p, const RunSetupInput& in) {
    RunSetup s;
    const bool builtin = is_builtin_scenario(in.scenario);
    std::error_code ec;
    if (!builtin && !std::filesystem::exists(in.scenario, ec)) {
        // A misspelt built-in name or a missing file: say which names are built in.
        std::string names;
        for (const auto& n : builtin_scenario_names()) names += (names.empty() ? "" : ", ") + n;
        throw InputError(in.scenario, "", trf("sim_scenario.error.unknown_scenario", {in.scenario, names}));
    }
    s.scenario = builtin ? builtin_scenario(in.scenario, p, in.students) : load_scenario(in.scenario);
    s.students_ignored = in.students > 0 && !builtin;
    s.options.seed = in.seed;
    // Shelf demand per 大部类: this year's loans when a library database is given (what readers
    // really ask for), else the required shares of the school's standards profile.
    if (!in.db.empty()) {
        auto lib_owner = circulation::LibraryServices::open(in.db);
        auto& lib = *lib_owner;
        const auto st = lib.stats().reading_stats(std::stoi(in.date.substr(0, 4)));
        long long total = 0;
        for (auto n : st.loans_by_major_class) total += n;
        if (total > 0) {
            for (auto n : st.loans_by_major_class) s.options.class_shares.push_back(100.0 * double(n) / double(total));
            s.demand_from_loans = true;
        } else {
            s.db_without_loans = true;
        }
    }
    if (s.options.class_shares.empty()) {
        const auto rules = standards::RuleSet::for_region(standards::builtin_profile_dir(), p.school.region);
        for (const auto& q : standards::required_shares(p.school, rules)) s.options.class_shares.push_back(q.value);
    }
    if (s.scenario.duration > 7200) s.options.record_every = 2.0;  // a school day: keep the trajectory file small
    return s;
}

}  // namespace shuxiang::scenario
