// How a run is set up from a plan, an optional library database and a scenario name or file: shared by
// `shuxiang simulate` and the editor so that both give the same results for the same seed.
#pragma once

#include <shuxiang/plan/model.hpp>
#include <shuxiang/scenario/run.hpp>
#include <shuxiang/scenario/scenario.hpp>

#include <cstdint>
#include <string>

namespace shuxiang::scenario {

struct RunSetupInput {
    std::string scenario;  // "class-visit", "school-day", "evacuation" or a scenario file
    std::uint64_t seed = 1;
    int students = 0;      // > 0: overrides the built-in scenario's head count
    std::string db;        // library database: shelf demand from this year's loans
    std::string date = "2026-09-01";
};

struct RunSetup {
    Scenario scenario;
    RunOptions options;           // seed, class shares, trajectory frame interval (no progress)
    bool demand_from_loans = false;
    bool db_without_loans = false;  // a database was given but had no loans that year
    bool students_ignored = false;  // --students given with a scenario file
};

// Loads or builds the scenario and chooses the run options. Throws InputError for a bad scenario file.
RunSetup prepare_run(const plan::Plan& plan, const RunSetupInput& in);

}  // namespace shuxiang::scenario
