// Plan schema migrations. Each step converts what it knows and leaves values of the wrong shape in
// place, so that the current reader reports them at the same pointer; values that a step must
// interpret (enums of the older schema) are reported by the step itself, in the older schema's terms.
#include "shuxiang/plan/migrate.hpp"

#include <array>
#include <cmath>
#include <numbers>
#include <string>

#include "io_problems.hpp"

namespace shuxiang::plan {
namespace {

using nlohmann::json;
using detail::child;
using detail::make_problem;

const char* type_name(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "boolean";
        case json::value_t::string: return "string";
        case json::value_t::array: return "array";
        case json::value_t::object: return "object";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "integer";
        case json::value_t::number_float: return "number";
        default: return "value";
    }
}

// v1 points were {"x": .., "y": ..}; v2 points are [x, y]. Anything else stays for the reader.
void point_v1_to_v2(json& p) {
    if (p.is_object() && p.size() == 2 && p.contains("x") && p.contains("y") && p["x"].is_number() &&
        p["y"].is_number())
        p = json::array({p["x"], p["y"]});
}

void points_v1_to_v2(json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || !it->is_array()) return;
    for (auto& p : *it) point_v1_to_v2(p);
}

// v1 rooms had a `type` with these names; teachers' reading rooms were a type of their own.
struct V1RoomType {
    const char* v1;
    const char* kind;
    bool for_teachers;
};
constexpr std::array<V1RoomType, 13> kV1RoomTypes{{
    {"stack", "stacks", false},
    {"loan", "lending", false},
    {"reading", "reading", false},
    {"teacher_reading", "reading", true},
    {"discussion", "research", false},
    {"leisure", "rest", false},
    {"av", "audio_visual", false},
    {"periodical", "periodicals", false},
    {"work", "workroom", false},
    {"class_corner", "classroom_corner", false},
    {"corridor", "reading_corridor", false},
    {"outdoor", "outdoor_reading", false},
    {"hall", "circulation", false},
}};

std::string v1_room_type_list() {
    std::string s;
    for (const auto& t : kV1RoomTypes) s += (s.empty() ? "" : ", ") + std::string(t.v1);
    return s;
}

// Stage lists of v1 and the school type they meant. Years per stage split the v1 total.
constexpr std::array<const char*, 3> kStages{"primary", "junior", "senior"};
constexpr std::array<int, 3> kStageYears{6, 3, 3};

void school_v1_to_v2(json& school, std::vector<Problem>& problems) {
    const std::string ptr = "/school";
    std::array<bool, 3> has{false, false, false};
    bool stages_ok = true;
    if (auto it = school.find("stages"); it == school.end()) {
        problems.push_back(make_problem(ptr, "plan_io.missing_field", {"stages"}));
        stages_ok = false;
    } else if (!it->is_array()) {
        problems.push_back(make_problem(ptr + "/stages", "plan_io.wrong_type", {"array", type_name(*it)}));
        stages_ok = false;
    } else {
        for (std::size_t i = 0; i < it->size(); ++i) {
            const json& s = (*it)[i];
            const std::string sp = child(ptr + "/stages", i);
            if (!s.is_string()) {
                problems.push_back(make_problem(sp, "plan_io.wrong_type", {"string", type_name(s)}));
                stages_ok = false;
                continue;
            }
            bool known = false;
            for (std::size_t k = 0; k < kStages.size(); ++k)
                if (s.get<std::string>() == kStages[k]) has[k] = known = true;
            if (!known) {
                problems.push_back(
                    make_problem(sp, "plan_io.unknown_enum", {s.get<std::string>(), "primary, junior, senior"}));
                stages_ok = false;
            }
        }
    }
    const char* type = nullptr;
    if (has[0] && !has[1] && !has[2]) type = "primary";
    if (!has[0] && has[1] && !has[2]) type = "junior";
    if (!has[0] && !has[1] && has[2]) type = "senior";
    if (!has[0] && has[1] && has[2]) type = "complete";
    if (has[0] && has[1] && !has[2]) type = "nine_year";
    if (has[0] && has[1] && has[2]) type = "twelve_year";
    const bool no_stages = !has[0] && !has[1] && !has[2];
    const std::string stages_text = stages_ok ? school["stages"].dump() : std::string();
    school.erase("stages");
    // A neutral value keeps the reader from adding a second, misleading "missing field" problem.
    school["type"] = type ? type : "primary";

    long long total = 0;
    json counts = json::object({{"primary", 0}, {"junior", 0}, {"senior", 0}});
    if (auto it = school.find("students"); it == school.end()) {
        problems.push_back(make_problem(ptr, "plan_io.missing_field", {"students"}));
    } else if (!it->is_number_integer()) {
        problems.push_back(make_problem(ptr + "/students", "plan_io.wrong_type", {"integer", type_name(*it)}));
    } else {
        total = it->get<long long>();
        if (total < 0 || total > 1000000000) {
            problems.push_back(make_problem(ptr + "/students", "plan_io.integer_range", {std::to_string(total)}));
            total = 0;
        }
    }
    if (type) {
        // Split by the years each stage lasts (6 + 3 + 3), remainders to the earliest stages, so a
        // nine-year school of 1,800 becomes 1,200 primary + 600 junior.
        int years = 0;
        for (std::size_t k = 0; k < 3; ++k)
            if (has[k]) years += kStageYears[k];
        std::array<long long, 3> share{0, 0, 0};
        long long given = 0;
        for (std::size_t k = 0; k < 3; ++k)
            if (has[k]) given += share[k] = total * kStageYears[k] / years;
        for (std::size_t k = 0; k < 3 && given < total; ++k)
            if (has[k]) ++share[k], ++given;
        for (std::size_t k = 0; k < 3; ++k) counts[kStages[k]] = share[k];
    } else if (stages_ok && no_stages && total > 0) {
        problems.push_back(make_problem(ptr + "/students", "plan_io.v1_students_without_stages",
                                        {std::to_string(total)}));
    } else if (stages_ok) {
        problems.push_back(make_problem(ptr + "/stages", "plan_io.v1_bad_stages", {stages_text}));
    }
    school["students"] = counts;
}

void room_v1_to_v2(json& room, const std::string& ptr, std::vector<Problem>& problems) {
    points_v1_to_v2(room, "polygon");
    auto it = room.find("type");
    if (it == room.end()) {
        problems.push_back(make_problem(ptr, "plan_io.missing_field", {"type"}));
        room["kind"] = "reading";
        return;
    }
    json type = *it;
    room.erase("type");
    if (!type.is_string()) {
        problems.push_back(make_problem(ptr + "/type", "plan_io.wrong_type", {"string", type_name(type)}));
        room["kind"] = "reading";
        return;
    }
    for (const auto& t : kV1RoomTypes) {
        if (type.get<std::string>() == t.v1) {
            room["kind"] = t.kind;
            if (t.for_teachers) room["for_teachers"] = true;
            return;
        }
    }
    problems.push_back(make_problem(ptr + "/type", "plan_io.unknown_enum", {type.get<std::string>(), v1_room_type_list()}));
    room["kind"] = "reading";
}

void opening_v1_to_v2(json& op, const std::string& wall_id, const std::string& ptr, std::vector<Problem>& problems) {
    op["wall"] = wall_id;
    auto it = op.find("kind");
    if (it == op.end() || !it->is_string()) return;  // the reader reports it
    const std::string kind = it->get<std::string>();
    if (kind == "exit")
        *it = "emergency_exit";
    else if (kind != "door" && kind != "window") {
        problems.push_back(make_problem(ptr + "/kind", "plan_io.unknown_enum", {kind, "door, window, exit"}));
        *it = "door";
    }
}

void furniture_v1_to_v2(json& f) {
    if (auto it = f.find("position"); it != f.end()) point_v1_to_v2(*it);
    auto it = f.find("rotation");
    if (it == f.end()) return;
    json rot = *it;
    f.erase("rotation");
    if (rot.is_number()) {
        // Radians rarely hold whole degrees exactly: round to 1e-9° so that π/2 becomes 90.
        double deg = rot.get<double>() * 180.0 / std::numbers::pi;
        if (std::isfinite(deg)) deg = std::round(deg * 1e9) / 1e9;
        f["yaw"] = deg;
    } else {
        f["yaw"] = rot;  // the reader reports the wrong type
    }
}

void level_v1_to_v2(json& level, const std::string& ptr, std::vector<Problem>& problems) {
    if (auto it = level.find("rooms"); it != level.end() && it->is_array())
        for (std::size_t i = 0; i < it->size(); ++i)
            if ((*it)[i].is_object()) room_v1_to_v2((*it)[i], child(ptr + "/rooms", i), problems);

    json openings = json::array();
    if (auto it = level.find("walls"); it != level.end() && it->is_array()) {
        for (std::size_t i = 0; i < it->size(); ++i) {
            json& wall = (*it)[i];
            if (!wall.is_object()) continue;
            points_v1_to_v2(wall, "points");
            auto ops = wall.find("openings");
            if (ops == wall.end()) continue;
            const std::string wptr = child(ptr + "/walls", i);
            std::string wall_id;
            if (auto id = wall.find("id"); id != wall.end() && id->is_string()) wall_id = id->get<std::string>();
            if (!ops->is_array()) {
                problems.push_back(make_problem(wptr + "/openings", "plan_io.wrong_type", {"array", type_name(*ops)}));
            } else {
                for (std::size_t k = 0; k < ops->size(); ++k) {
                    json op = (*ops)[k];
                    if (op.is_object()) opening_v1_to_v2(op, wall_id, child(wptr + "/openings", k), problems);
                    openings.push_back(std::move(op));
                }
            }
            wall.erase("openings");
        }
    }
    level["openings"] = std::move(openings);

    if (auto it = level.find("furniture"); it != level.end() && it->is_array())
        for (auto& f : *it)
            if (f.is_object()) furniture_v1_to_v2(f);
}

}  // namespace

// Schema 1 → 2: school type and students per stage instead of a total and a stage list; rooms'
// `type` (v1 names) became `kind`, with `for_teachers` instead of the "teacher_reading" type; points
// became [x, y] pairs; openings moved out of their walls into the level, naming their wall; the
// furniture's `rotation` in radians became `yaw` in degrees; "exit" openings became "emergency_exit".
void migrate_plan_v1_to_v2(json& doc, std::vector<Problem>& problems) {
    if (auto it = doc.find("school"); it != doc.end() && it->is_object()) school_v1_to_v2(*it, problems);
    if (auto it = doc.find("levels"); it != doc.end() && it->is_array())
        for (std::size_t i = 0; i < it->size(); ++i)
            if ((*it)[i].is_object()) level_v1_to_v2((*it)[i], child("/levels", i), problems);
    doc["schema_version"] = 2;
}

// Schema 2 → 3: schema 3 only adds the optional top-level `furniture_types` (a plan's own imported
// furniture models); every schema 2 document is a schema 3 document without it.
void migrate_plan_v2_to_v3(json& doc, std::vector<Problem>& /*problems*/) { doc["schema_version"] = 3; }

// v4 records which side of its wall a hinged leaf opens towards. v3 could not say; the editor drew
// every leaf on the wall's left side, so hinged doors of older plans open to the left.
void migrate_plan_v3_to_v4(json& doc, std::vector<Problem>& /*problems*/) {
    doc["schema_version"] = 4;
    auto levels = doc.find("levels");
    if (levels == doc.end() || !levels->is_array()) return;
    for (auto& level : *levels) {
        if (!level.is_object() || !level.contains("openings") || !level["openings"].is_array()) continue;
        for (auto& o : level["openings"]) {
            if (!o.is_object() || o.contains("opens_to")) continue;
            const auto swing = o.find("swing");
            const bool hinged = swing != o.end() && swing->is_string() &&
                                (*swing == "left" || *swing == "right" || *swing == "double");
            if (hinged) o["opens_to"] = "left";
        }
    }
}

// Schema 4 -> 5: schema 5 only adds the optional top-level `stairs` (flights joining two levels);
// every schema 4 document is a schema 5 document without it.
void migrate_plan_v4_to_v5(json& doc, std::vector<Problem>& /*problems*/) { doc["schema_version"] = 5; }

const std::vector<MigrationStep>& plan_migrations() {
    static const std::vector<MigrationStep> steps{
        {1, &migrate_plan_v1_to_v2},
        {2, &migrate_plan_v2_to_v3},
        {3, &migrate_plan_v3_to_v4},
        {4, &migrate_plan_v4_to_v5},
    };
    return steps;
}

std::vector<Problem> migrate_plan_json(json& doc) {
    std::vector<Problem> problems;
    if (!doc.is_object()) {
        problems.push_back(make_problem("", "plan_io.wrong_type", {"object", type_name(doc)}));
        return problems;
    }
    auto it = doc.find("schema_version");
    if (it == doc.end()) {
        problems.push_back(make_problem("", "plan_io.missing_field", {"schema_version"}));
        return problems;
    }
    if (!it->is_number_integer()) {
        problems.push_back(make_problem("/schema_version", "plan_io.wrong_type", {"integer", type_name(*it)}));
        return problems;
    }
    // Unsigned values past the range of long long read back negative; both are refused below.
    const long long version = it->is_number_unsigned() && it->get<unsigned long long>() > 1000000ULL
                                  ? 1000000LL
                                  : it->get<long long>();
    const std::string vtext = it->dump();
    if (version > kSchemaVersion) {
        problems.push_back(make_problem("/schema_version", "plan_io.schema_newer", {vtext, std::to_string(kSchemaVersion)}));
        return problems;
    }
    if (version < kOldestSchemaVersion) {
        problems.push_back(make_problem("/schema_version", "plan_io.schema_older",
                                        {vtext, std::to_string(kOldestSchemaVersion), std::to_string(kSchemaVersion)}));
        return problems;
    }
    for (const auto& step : plan_migrations()) {
        if (step.from < version) continue;
        step.apply(doc, problems);
    }
    return problems;
}

}  // namespace shuxiang::plan
