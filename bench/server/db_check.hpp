#pragma once
// What the server benchmark checks in the database after a run (db_check_sqlite.cpp reads it).
#include <map>
#include <set>
#include <string>
#include <utility>

namespace sxbench {

struct DbFacts {
    std::string integrity;  // "ok" when PRAGMA integrity_check finds nothing
    std::map<long long, std::pair<std::string, bool>> loans;  // loan id -> barcode, returned
    long long doubled_items = 0;      // copies with more than one open loan
    long long status_mismatches = 0;  // of the copies asked about: status disagrees with their open loans
};

// `watched`: the copies whose status is checked against their loans (the ones the run touched).
DbFacts db_facts(const std::string& path, const std::set<std::string>& watched = {});

}  // namespace sxbench
