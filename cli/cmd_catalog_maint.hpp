#pragma once
// `shuxiang catalog edit | item | delete | merge | history | batches`: catalogue maintenance,
// added to the catalog command group by cmd_catalog.cpp.
#include <CLI/CLI.hpp>
#include <string>

#include "shuxiang/catalog/store.hpp"

namespace shuxiang::cli {

void add_catalog_maintenance(CLI::App* catalog_group);

// Prints a refused or done catalogue change (JSON or text) and returns the exit code: 0, or 3
// for a refusal.
int report_change(const catalog::ChangeResult& r, const std::string& done_message, bool json_out);

}  // namespace shuxiang::cli
