// Schema 5: stairs joining two levels: reading, writing, and the checks on their levels, dimensions
// and place.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/util/error.hpp"

using namespace sxtest;
using nlohmann::json;

namespace {

json square_room(const char* id, double size) {
    return json{{"id", id}, {"kind", "circulation"}, {"polygon", {{0, 0}, {size, 0}, {size, size}, {0, size}}}};
}

// Two halls 10 m square, 3 m apart in height, and a flight of 20 risers of 0.15 m and 19 treads of
// 0.28 m (5.32 m) climbing north from (5, 2).
json two_levels() {
    json d;
    d["schema_version"] = 5;
    d["school"] = {{"name", "S"}, {"type", "primary"}, {"students", {{"primary", 100}}}};
    d["levels"] = json::array({json{{"id", "L1"}, {"elevation", 0}, {"rooms", {square_room("hall-1", 10)}}},
                               json{{"id", "L2"}, {"elevation", 3.0}, {"rooms", {square_room("hall-2", 10)}}}});
    d["stairs"] = json::array({json{{"id", "st-1"},
                                    {"name", "楼梯"},
                                    {"from_level", "L1"},
                                    {"to_level", "L2"},
                                    {"foot", {5, 2}},
                                    {"head", {5, 7.32}},
                                    {"width", 1.4},
                                    {"rise", 0.15},
                                    {"run", 0.28},
                                    {"steps", 20}}});
    return d;
}

std::vector<std::string> problems_of(const json& d) {
    English english;
    std::vector<std::string> got;
    for (const auto& p : validate_plan_text(d.dump(), test_catalog())) got.push_back(p.pointer + " " + p.message);
    return got;
}

TEST(PlanStairs, AreReadAndWrittenBackTheSame) {
    const Plan p = plan_from_json_text(two_levels().dump(), "mem", test_catalog());
    ASSERT_EQ(p.stairs.size(), 1u);
    const Stair& s = p.stairs[0];
    EXPECT_EQ(s.id, "st-1");
    EXPECT_EQ(s.name, "楼梯");
    EXPECT_EQ(s.from_level, "L1");
    EXPECT_EQ(s.to_level, "L2");
    EXPECT_EQ(s.foot, (Vec2{5, 2}));
    EXPECT_EQ(s.head, (Vec2{5, 7.32}));
    EXPECT_DOUBLE_EQ(s.width, 1.4);
    EXPECT_EQ(s.steps, 20);
    EXPECT_EQ(find_stair(p, "st-1"), &p.stairs[0]);
    const std::string text = plan_to_json_text(p);
    const json written = json::parse(text);
    EXPECT_EQ(written["schema_version"], 5);
    EXPECT_EQ(written["stairs"][0]["foot"], json({5, 2}));
    EXPECT_EQ(written["stairs"][0]["steps"], 20);
    EXPECT_EQ(plan_from_json_text(text, "mem", test_catalog()), p);
    EXPECT_EQ(plan_to_json_text(plan_from_json_text(text, "mem", test_catalog())), text);
    // The width has a default.
    json d = two_levels();
    d["stairs"][0].erase("width");
    EXPECT_DOUBLE_EQ(plan_from_json_text(d.dump(), "mem", test_catalog()).stairs[0].width, 1.2);
}

TEST(PlanStairs, PlansWithoutStairsWriteNoStairsKey) {
    json d = two_levels();
    d.erase("stairs");
    const json written = json::parse(plan_to_json_text(plan_from_json_text(d.dump(), "mem", test_catalog())));
    EXPECT_FALSE(written.contains("stairs"));
}

TEST(PlanStairs, FootprintAndFrame) {
    const Plan p = plan_from_json_text(two_levels().dump(), "mem", test_catalog());
    const StairFrame f = stair_frame(p.stairs[0]);
    EXPECT_NEAR(f.length, 5.32, 1e-12);
    EXPECT_NEAR(f.axis.y, 1.0, 1e-12);
    EXPECT_NEAR(f.across.x, -1.0, 1e-12);  // left of the climb
    const auto fp = stair_footprint(p.stairs[0]);
    ASSERT_EQ(fp.size(), 4u);
    EXPECT_GT(signed_area(fp), 0.0);
    EXPECT_NEAR(polygon_area(fp), 1.4 * 5.32, 1e-9);
}

TEST(PlanStairs, ValidPlanHasNoProblems) { EXPECT_TRUE(problems_of(two_levels()).empty()); }

TEST(PlanStairs, LevelsMustExistDifferAndClimb) {
    json d = two_levels();
    d["stairs"][0]["from_level"] = "L0";
    EXPECT_EQ(problems_of(d), std::vector<std::string>{"/stairs/0/from_level no level 'L0' in this plan"});
    d = two_levels();
    d["stairs"][0]["to_level"] = "L1";
    EXPECT_EQ(problems_of(d),
              std::vector<std::string>{"/stairs/0/to_level a stair must join two different levels (both ends on 'L1')"});
    d = two_levels();
    d["stairs"][0]["from_level"] = "L2";
    d["stairs"][0]["to_level"] = "L1";
    EXPECT_EQ(problems_of(d), std::vector<std::string>{"/stairs/0/to_level level 'L1' (0.0 m) is not above level 'L2' (3.0 m); "
                                                       "a stair goes from the lower level to the upper"});
}

TEST(PlanStairs, DimensionsMustBeSaneAndAgreeWithTheLevels) {
    json d = two_levels();
    d["stairs"][0]["rise"] = 0.4;
    d["stairs"][0]["run"] = 0.1;
    d["stairs"][0]["steps"] = 1;
    d["stairs"][0]["width"] = 0;
    const auto got = problems_of(d);
    EXPECT_EQ(got, (std::vector<std::string>{"/stairs/0/width must be greater than 0 (got 0.0)",
                                             "/stairs/0/rise riser height 0.4 m is outside 0.1 to 0.25 m",
                                             "/stairs/0/run tread depth 0.1 m is outside 0.2 to 0.45 m",
                                             "/stairs/0/steps 1 steps is outside 2 to 60"}));
    d = two_levels();
    d["stairs"][0]["steps"] = 18;  // 18 × 0.15 = 2.7 m, not 3; 17 treads make 4.76 m, not 5.32
    EXPECT_EQ(problems_of(d), (std::vector<std::string>{
                                  "/stairs/0/steps 18 steps of 0.15 m climb 2.7 m, but the levels lie 3.0 m apart",
                                  "/stairs/0/head foot and head are 5.32 m apart, but 17 treads of 0.28 m make 4.76 m"}));
}

TEST(PlanStairs, FootprintAndLandingsMustLieInRoomsOfBothLevels) {
    json d = two_levels();
    // The upper hall stops short of the landing beyond the head (7.32 + 0.6 m).
    d["levels"][1]["rooms"][0] = square_room("hall-2", 7.5);
    EXPECT_EQ(problems_of(d), std::vector<std::string>{
                                  "/stairs/0 the stair or its landing leaves the rooms of level 'L2' near (5.69, 7.92)"});
    d = two_levels();
    // The foot's landing (0.6 m before it) lies outside the lower hall.
    d["stairs"][0]["foot"] = {5, 0.3};
    d["stairs"][0]["head"] = {5, 5.62};
    EXPECT_EQ(problems_of(d), std::vector<std::string>{
                                  "/stairs/0 the stair or its landing leaves the rooms of level 'L1' near (5.69, -0.3)"});
}

TEST(PlanStairs, IdsAreUniqueInThePlanAndFieldsAreChecked) {
    json d = two_levels();
    d["stairs"][0]["id"] = "hall-1";
    d["stairs"][0]["steps"] = "twenty";
    d["stairs"][0]["landing"] = 1;
    d["stairs"][0].erase("foot");
    const auto got = problems_of(d);
    EXPECT_NE(std::find(got.begin(), got.end(), "/stairs/0/landing unknown field 'landing'"), got.end());
    EXPECT_NE(std::find(got.begin(), got.end(), "/stairs/0 missing required field 'foot'"), got.end());
    EXPECT_NE(std::find(got.begin(), got.end(), "/stairs/0/steps expected integer, found string"), got.end());
    EXPECT_NE(std::find(got.begin(), got.end(), "/stairs/0/id duplicate id 'hall-1' (first used at /levels/0/rooms/0/id)"),
              got.end());
}

TEST(PlanStairs, AFourFileGainsNothingButTheVersion) {
    json d = two_levels();
    d.erase("stairs");
    d["schema_version"] = 4;
    const Plan p = plan_from_json_text(d.dump(), "mem", test_catalog());
    EXPECT_TRUE(p.stairs.empty());
    EXPECT_EQ(json::parse(plan_to_json_text(p))["schema_version"], 5);
}

}  // namespace
