#pragma once
// Plan files (.sxplan.json): load with step-wise migrations, validate, save atomically.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/plan/model.hpp"

namespace shuxiang::plan {

// One problem found in a plan file, at a JSON pointer ("/levels/0/furniture/3/type").
struct Problem {
    std::string pointer;
    std::string message;  // English, for logs and the CLI's --json; see `key` for display
    std::string key;      // translation key of the message (may be empty)
};

// Parses a plan from JSON text (filename is only used in messages). Migrates older schema
// versions step by step. Throws InputError(file, json_pointer, message) on the first problem:
// broken JSON (with line and column), a wrong type, a missing field, an unknown enum value,
// a newer schema_version ("written by a newer Shuxiang"), an unknown furniture type.
Plan plan_from_json_text(std::string_view text, const std::string& filename);
Plan load_plan(const std::filesystem::path& path);

// Serialises at the current kSchemaVersion. Stable key order, 2-space indent, so plans diff well.
std::string plan_to_json_text(const Plan& plan);
// Atomic save (temporary file, fsync, rename). Throws InputError on failure; the old file survives.
void save_plan(const std::filesystem::path& path, const Plan& plan);

// Every problem of a file, not only the first: JSON syntax, schema, then references (duplicate ids,
// openings on unknown walls, offsets beyond the wall, unknown furniture types, rooms with fewer
// than 3 vertices or self-intersecting polygons). Empty when the file is valid.
std::vector<Problem> validate_plan_file(const std::filesystem::path& path);
std::vector<Problem> validate_plan(const Plan& plan);

// Schema versions this program can read (1 .. kSchemaVersion).
inline constexpr int kOldestSchemaVersion = 1;

}  // namespace shuxiang::plan
