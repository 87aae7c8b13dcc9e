#pragma once
// Plan files (.sxplan.json): load with step-wise migrations, validate, save atomically.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/plan/model.hpp"

namespace shuxiang::plan {

class FurnitureCatalog;

// One problem found in a plan file, at a JSON pointer ("/levels/0/furniture/3/type").
// JSON syntax errors have an empty pointer; their message names the line and column.
struct Problem {
    std::string pointer;
    std::string message;  // English, for logs and the CLI's --json; see `key` for display
    std::string key;      // translation key of the message (may be empty)
    std::vector<std::string> args;  // the values filled into {0}, {1}, ... of the key's text
    friend bool operator==(const Problem&, const Problem&) = default;
};

// The problem's message in the current language (tr(key) with args filled in).
std::string localized_message(const Problem& p);

// Parses a plan from JSON text (filename is only used in messages). Migrates older schema
// versions step by step. Throws InputError(file, json_pointer, message) on the first problem:
// broken JSON (with line and column), a wrong type, a missing field, an unknown enum value,
// a newer schema_version ("written by a newer Shuxiang"), an unknown furniture type.
// The InputError's message is in the current language. Room polygons come back counter-clockwise.
// Without a catalogue, furniture types are checked against FurnitureCatalog::builtin().
Plan plan_from_json_text(std::string_view text, const std::string& filename);
Plan plan_from_json_text(std::string_view text, const std::string& filename, const FurnitureCatalog& catalog);
Plan load_plan(const std::filesystem::path& path);
Plan load_plan(const std::filesystem::path& path, const FurnitureCatalog& catalog);

// Serialises at the current kSchemaVersion. Stable key order, 2-space indent, so plans diff well.
// Throws InputError when a number is not finite (JSON cannot hold NaN or infinity).
std::string plan_to_json_text(const Plan& plan);
// Atomic save (temporary file, fsync, rename). Throws InputError on failure; the old file survives.
void save_plan(const std::filesystem::path& path, const Plan& plan);

// Every problem of a file, not only the first: JSON syntax, schema, then references (duplicate ids,
// openings on unknown walls, offsets beyond the wall, unknown furniture types, rooms with fewer
// than 3 vertices or self-intersecting polygons). Empty when the file is valid.
std::vector<Problem> validate_plan_file(const std::filesystem::path& path);
std::vector<Problem> validate_plan_file(const std::filesystem::path& path, const FurnitureCatalog& catalog);
std::vector<Problem> validate_plan_text(std::string_view text);
std::vector<Problem> validate_plan_text(std::string_view text, const FurnitureCatalog& catalog);
// Value and reference checks of an in-memory plan (numbers, ids, walls, polygons, furniture types),
// with pointers as the plan would be saved.
std::vector<Problem> validate_plan(const Plan& plan);
std::vector<Problem> validate_plan(const Plan& plan, const FurnitureCatalog& catalog);
// The same without the furniture-type step, and that step alone.
std::vector<Problem> check_plan_values(const Plan& plan);
std::vector<Problem> check_furniture_types(const Plan& plan, const FurnitureCatalog& catalog);

// Schema versions this program can read (1 .. kSchemaVersion).
inline constexpr int kOldestSchemaVersion = 1;

}  // namespace shuxiang::plan
