#pragma once
// `shuxiang plan export`: a level's top view printed to a PDF or PNG sheet (library_core/plan_print).
#include <CLI/CLI.hpp>

namespace shuxiang::cli {

// Adds the `export` subcommand to `shuxiang plan`.
void add_plan_export(CLI::App* plan);

}  // namespace shuxiang::cli
