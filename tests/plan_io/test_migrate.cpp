// Schema migrations: the v1 → v2 step on its own, the chain, and v1 problems in v1 terms.
#include <gtest/gtest.h>

#include "helpers.hpp"
#include "shuxiang/plan/migrate.hpp"
#include "shuxiang/util/error.hpp"

using namespace sxtest;
using nlohmann::json;

namespace {

class Migrate : public ::testing::Test {
protected:
    English english;
};

TEST_F(Migrate, ChainEndsAtTheCurrentVersion) {
    const auto& steps = plan_migrations();
    ASSERT_FALSE(steps.empty());
    EXPECT_EQ(steps.front().from, kOldestSchemaVersion);
    for (std::size_t i = 0; i < steps.size(); ++i) EXPECT_EQ(steps[i].from, kOldestSchemaVersion + static_cast<int>(i));
    EXPECT_EQ(steps.back().from + 1, kSchemaVersion);
}

TEST_F(Migrate, V1ToV2Step) {
    json doc = json::parse(R"({
      "schema_version": 1,
      "school": {"name": "S", "students": 10, "stages": ["senior", "primary", "junior"], "teachers": 3},
      "levels": [{
        "id": "L",
        "rooms": [{"id": "r", "type": "av", "polygon": [{"x": 0, "y": 0}, {"x": 1, "y": 0}, {"x": 1, "y": 1}]}],
        "walls": [{"id": "w1", "points": [{"x": 0, "y": 0}, {"x": 5, "y": 0}],
                   "openings": [{"id": "o1", "kind": "exit", "offset": 2}]},
                  {"id": "w2", "points": [{"x": 0, "y": 0}, {"x": 0, "y": 5}]}],
        "furniture": [{"id": "f", "type": "t", "position": {"x": 1.5, "y": 2}, "rotation": -0.7853981633974483}]
      }]
    })");
    std::vector<Problem> problems;
    migrate_plan_v1_to_v2(doc, problems);
    EXPECT_TRUE(problems.empty());
    const json expected = json::parse(R"({
      "schema_version": 2,
      "school": {"name": "S", "type": "twelve_year", "students": {"primary": 6, "junior": 2, "senior": 2},
                 "teachers": 3},
      "levels": [{
        "id": "L",
        "rooms": [{"id": "r", "kind": "audio_visual", "polygon": [[0, 0], [1, 0], [1, 1]]}],
        "walls": [{"id": "w1", "points": [[0, 0], [5, 0]]}, {"id": "w2", "points": [[0, 0], [0, 5]]}],
        "openings": [{"id": "o1", "kind": "emergency_exit", "offset": 2, "wall": "w1"}],
        "furniture": [{"id": "f", "type": "t", "position": [1.5, 2], "yaw": -45.0}]
      }]
    })");
    // 10 students over 12 years: 10·6/12 = 5, 10·3/12 = 2, 2; the one left over goes to primary.
    EXPECT_EQ(doc, expected) << doc.dump(2);
}

TEST_F(Migrate, StudentSplitsPerStageList) {
    struct Case {
        const char* stages;
        int total;
        const char* type;
        int primary, junior, senior;
    };
    const Case cases[] = {
        {R"(["primary"])", 731, "primary", 731, 0, 0},
        {R"(["junior"])", 40, "junior", 0, 40, 0},
        {R"(["senior"])", 40, "senior", 0, 0, 40},
        {R"(["junior", "senior"])", 1001, "complete", 0, 501, 500},
        {R"(["primary", "junior"])", 1800, "nine_year", 1200, 600, 0},
        {R"(["primary", "junior"])", 1000, "nine_year", 667, 333, 0},
        {R"(["primary", "junior", "senior"])", 2400, "twelve_year", 1200, 600, 600},
    };
    for (const auto& c : cases) {
        json doc = {{"schema_version", 1},
                    {"school", {{"name", "x"}, {"students", c.total}, {"stages", json::parse(c.stages)}}},
                    {"levels", json::array()}};
        EXPECT_TRUE(migrate_plan_json(doc).empty());
        EXPECT_EQ(doc["school"]["type"], c.type) << c.stages;
        EXPECT_EQ(doc["school"]["students"], json({{"primary", c.primary}, {"junior", c.junior}, {"senior", c.senior}}))
            << c.stages << " " << c.total;
    }
}

TEST_F(Migrate, V1ProblemsAreReportedInV1Terms) {
    json doc = json::parse(R"({
      "schema_version": 1,
      "school": {"name": "S", "students": 10, "stages": ["primary", "senior"]},
      "levels": [{"id": "L",
        "rooms": [{"id": "r", "type": "library", "polygon": [{"x": 0, "y": 0}, {"x": 1, "y": 0}, {"x": 1, "y": 1}]}],
        "walls": [{"id": "w", "points": [{"x": 0, "y": 0}, {"x": 5, "y": 0}],
                   "openings": [{"id": "o", "kind": "hatch", "offset": 1}]}]}]
    })");
    auto problems = migrate_plan_json(doc);
    ASSERT_EQ(problems.size(), 3u);
    EXPECT_EQ(problems[0].pointer, "/school/stages");
    EXPECT_EQ(problems[0].message, R"(the stage list ["primary","senior"] does not match any school type)");
    EXPECT_EQ(problems[1].pointer, "/levels/0/rooms/0/type");
    EXPECT_EQ(problems[1].key, "plan_io.unknown_enum");
    EXPECT_EQ(problems[2].pointer, "/levels/0/walls/0/openings/0/kind");
    EXPECT_EQ(problems[2].message, "unknown value 'hatch'; expected one of: door, window, exit");
    // The migrated document is still complete enough to read, so validation goes on to the rest.
    EXPECT_EQ(doc["schema_version"], kSchemaVersion);
}

TEST_F(Migrate, V1ShapeErrorsReachTheReaderAtTheSamePointer) {
    // A v1 point of the wrong shape stays as it was and the v2 reader names it.
    json doc = json::parse(fixture_text("v1/qingshi_road.sxplan.json"));
    doc["levels"][0]["rooms"][0]["polygon"][1] = {{"x", 12}};
    auto problems = validate_plan_text(doc.dump(), test_catalog());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pointer, "/levels/0/rooms/0/polygon/1");
    EXPECT_EQ(problems[0].message, "expected a point [x, y], found object");
    // And loading a v1 file with a bad stage list names the v1 place.
    doc = json::parse(fixture_text("v1/qingshi_road.sxplan.json"));
    doc["school"]["stages"] = {"primary", "college"};
    try {
        plan_from_json_text(doc.dump(), "old.sxplan.json", test_catalog());
        FAIL() << "no exception";
    } catch (const shuxiang::InputError& e) {
        EXPECT_EQ(e.where(), "/school/stages/1");
        EXPECT_EQ(e.message(), "unknown value 'college'; expected one of: primary, junior, senior");
    }
}

TEST_F(Migrate, CurrentVersionIsLeftAlone) {
    json doc = json::parse(fixture_text("v2/qingshi_road.sxplan.json"));
    doc["schema_version"] = kSchemaVersion;
    const json before = doc;
    EXPECT_TRUE(migrate_plan_json(doc).empty());
    EXPECT_EQ(doc, before);
}

TEST_F(Migrate, V2ToV3OnlyChangesTheVersion) {
    // Schema 3 only adds the optional furniture_types: a v2 document is otherwise unchanged.
    json doc = json::parse(fixture_text("v2/qingshi_road.sxplan.json"));
    json expected = doc;
    expected["schema_version"] = 3;
    std::vector<Problem> problems;
    migrate_plan_v2_to_v3(doc, problems);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(doc, expected);
    EXPECT_FALSE(doc.contains("furniture_types"));
}

TEST_F(Migrate, V3ToV4RecordsTheSideHingedLeavesOpenTowards) {
    // v3 drew every leaf on the wall's left side: hinged doors get opens_to "left"; windows, sliding
    // doors and openings without a swing get nothing; a value already there is kept.
    json doc = json::parse(R"({
      "schema_version": 3,
      "school": {"name": "S", "type": "primary"},
      "levels": [{"id": "L", "openings": [
        {"id": "d", "kind": "door", "wall": "w", "offset": 1, "swing": "right"},
        {"id": "x", "kind": "emergency_exit", "wall": "w", "offset": 3, "swing": "double"},
        {"id": "s", "kind": "door", "wall": "w", "offset": 5, "swing": "sliding"},
        {"id": "n", "kind": "window", "wall": "w", "offset": 7},
        {"id": "k", "kind": "door", "wall": "w", "offset": 9, "swing": "left", "opens_to": "right"}]}]
    })");
    std::vector<Problem> problems;
    migrate_plan_v3_to_v4(doc, problems);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(doc["schema_version"], 4);
    const json& o = doc["levels"][0]["openings"];
    EXPECT_EQ(o[0]["opens_to"], "left");
    EXPECT_EQ(o[1]["opens_to"], "left");
    EXPECT_FALSE(o[2].contains("opens_to"));
    EXPECT_FALSE(o[3].contains("opens_to"));
    EXPECT_EQ(o[4]["opens_to"], "right");
    // Through the reader: the v2 fixture's hinged doors open to the left after loading.
    const Plan p = plan_from_json_text(fixture_text("v2/qingshi_road.sxplan.json"), "v2.sxplan.json", test_catalog());
    for (const Opening& op : p.levels[0].openings) EXPECT_EQ(op.opens_to, WallSide::Left) << op.id;
}

TEST_F(Migrate, V4ToV5OnlyChangesTheVersion) {
    // Schema 5 only adds the optional top-level stairs.
    json doc = json::parse(fixture_text("v2/qingshi_road.sxplan.json"));
    doc["schema_version"] = 4;
    json expected = doc;
    expected["schema_version"] = 5;
    std::vector<Problem> problems;
    migrate_plan_v4_to_v5(doc, problems);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(doc, expected);
    EXPECT_FALSE(doc.contains("stairs"));
    // The chain ends at 5 for every older file.
    json v1 = json::parse(fixture_text("v1/qingshi_road.sxplan.json"));
    EXPECT_TRUE(migrate_plan_json(v1).empty());
    EXPECT_EQ(v1["schema_version"], 5);
}

TEST_F(Migrate, V1FixtureMigratesToTheV2Fixture) {
    // The two fixtures differ only in what v1 left to defaults.
    json v1 = json::parse(fixture_text("v1/qingshi_road.sxplan.json"));
    json v2 = json::parse(fixture_text("v2/qingshi_road.sxplan.json"));
    EXPECT_TRUE(migrate_plan_json(v1).empty());
    EXPECT_EQ(v1["school"], v2["school"]);
    EXPECT_EQ(v1["levels"][0]["rooms"], v2["levels"][0]["rooms"]);
    EXPECT_EQ(v1["levels"][0]["walls"], v2["levels"][0]["walls"]);
    EXPECT_EQ(v1["levels"][0]["furniture"].size(), 3u);
    EXPECT_EQ(v1["levels"][0]["furniture"][0]["yaw"], 90.0);
    EXPECT_EQ(v1["levels"][0]["openings"].size(), 4u);
}

}  // namespace
