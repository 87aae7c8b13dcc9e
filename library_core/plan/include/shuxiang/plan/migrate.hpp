#pragma once
// Step-wise migrations of plan documents: one function per schema step (v1→v2, later v2→v3 ...),
// working on the parsed JSON so that the reader only ever sees the current schema.
#include <nlohmann/json.hpp>
#include <vector>

#include "shuxiang/plan/io.hpp"

namespace shuxiang::plan {

// One step: turns a document of schema `from` into one of schema `from + 1` in place, appending
// problems it cannot convert (pointers in the older schema's terms).
struct MigrationStep {
    int from;
    void (*apply)(nlohmann::json& doc, std::vector<Problem>& problems);
};

// The chain, ordered by `from`; its last step ends at kSchemaVersion.
const std::vector<MigrationStep>& plan_migrations();

// Reads /schema_version and runs every step up to kSchemaVersion. Returns the problems that stop
// the upgrade: a missing or non-integer schema_version, a version older than kOldestSchemaVersion or
// newer than kSchemaVersion, or what a step could not convert. The document is at kSchemaVersion
// when the result is empty.
std::vector<Problem> migrate_plan_json(nlohmann::json& doc);

// The individual steps, for tests.
void migrate_plan_v1_to_v2(nlohmann::json& doc, std::vector<Problem>& problems);
void migrate_plan_v2_to_v3(nlohmann::json& doc, std::vector<Problem>& problems);
void migrate_plan_v3_to_v4(nlohmann::json& doc, std::vector<Problem>& problems);
void migrate_plan_v4_to_v5(nlohmann::json& doc, std::vector<Problem>& problems);

}  // namespace shuxiang::plan
