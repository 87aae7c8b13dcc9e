#pragma once
// The shelving tables in the library database (shelving_*, own schema version in shelving_meta),
// and the collection read out of it for an assignment.
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "shuxiang/plan/model.hpp"
#include "shuxiang/shelving/assign.hpp"

namespace shuxiang::shelving {

inline constexpr int kShelvingSchemaVersion = 1;

// The held copies of a library database (every status except lost and withdrawn), classified by
// classify(). Throws InputError naming the file when it is not a library database.
std::vector<ShelfItem> load_items(const std::filesystem::path& db);

// One copy as a stocktake sees it.
struct CopyRow {
    long long id = 0;
    std::string barcode, call_number, status;
};
// Every copy of the database (read only). Throws InputError naming the file.
std::vector<CopyRow> load_copies(const std::filesystem::path& db);

// Ids of the plan's classroom-corner rooms.
std::set<std::string> corner_rooms(const plan::Plan& plan);

// Replaces the stored assignment (sections with first/last call number and fill, each copy's
// section and level, unplaced copies with their reason) and sets each placed copy's
// items.location to its section id (or corner room), all in one transaction.
void save_assignment(const std::filesystem::path& db, const Assignment& a);

// The stored assignment; nullopt when none was stored. Throws InputError for a shelving schema
// newer than this build.
std::optional<Assignment> load_assignment(const std::filesystem::path& db);

}  // namespace shuxiang::shelving
