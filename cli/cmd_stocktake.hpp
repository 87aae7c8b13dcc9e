#pragma once
// The one stocktake command body shared by `shuxiang stocktake` and `shuxiang shelve stocktake`.
#include <string>

namespace shuxiang::cli {

// Reads the scanned barcodes (one a line) and prints the stocktake of `range` ("FIRST..LAST", or
// one shelf). require_shelving: refuse when the database holds no shelving assignment instead of
// falling back to the call-number stocktake. Returns the exit code.
int run_stocktake(const std::string& db, const std::string& range, const std::string& scanned_file, bool json,
                  bool require_shelving);

}  // namespace shuxiang::cli
