// Schema 3: furniture types defined by the plan itself (imported models): reading, checks, model
// paths relative to the plan file, and the catalogue they extend.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "helpers.hpp"
#include "shuxiang/util/error.hpp"

using namespace sxtest;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json doc_with_type() {
    json d = json::parse(fixture_text("v2/qingshi_road.sxplan.json"));
    d["schema_version"] = 3;
    d["furniture_types"] = json::array({json{{"id", "model_sofa"},
                                             {"name_zh", "沙发"},
                                             {"name_en", "Sofa"},
                                             {"category", "sofa"},
                                             {"width", 2.0},
                                             {"depth", 0.9},
                                             {"height", 0.8},
                                             {"footprint", {{-1, -0.45}, {1, -0.45}, {1, 0.45}, {-1, 0.45}}},
                                             {"model", "models/sofa.obj"}}});
    d["levels"][0]["furniture"].push_back(json{{"id", "f-sofa"}, {"type", "model_sofa"}, {"position", {3, 3}}});
    return d;
}

TEST(PlanTypes, FurnitureMayUseAPlanTypeAndTheCatalogueGrows) {
    English english;
    const Plan p = plan_from_json_text(doc_with_type().dump(), "mem", test_catalog());
    ASSERT_EQ(p.furniture_types.size(), 1u);
    EXPECT_EQ(p.furniture_types[0].category, "sofa");
    EXPECT_EQ(p.furniture_types[0].model, "models/sofa.obj");  // text: no file, nothing to resolve
    const FurnitureCatalog cat = with_plan_types(test_catalog(), p);
    const FurnitureType* t = cat.find("model_sofa");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->category, FurnitureCategory::Sofa);
    EXPECT_DOUBLE_EQ(t->width, 2.0);
    ASSERT_EQ(t->footprint.size(), 4u);
    // The footprint of a placed copy is the type's outline moved to its position: (3, 3) + (1, -0.45).
    const auto fp = world_footprint(p.levels[0].furniture.back(), *t);
    EXPECT_NEAR(fp[1].x, 4.0, 1e-12);
    EXPECT_NEAR(fp[1].y, 2.55, 1e-12);
}

TEST(PlanTypes, ProblemsOfPlanTypesAreReportedAtTheirPointers) {
    English english;
    json d = doc_with_type();
    d["furniture_types"].push_back(d["furniture_types"][0]);                  // same id twice
    d["furniture_types"][1]["width"] = -1;                                    // and a bad size
    d["furniture_types"].push_back(json{{"id", "table_reading_6"}, {"width", 1}, {"depth", 1}, {"height", 1}});
    d["furniture_types"].push_back(json{{"id", "x"}, {"width", 1}, {"depth", 1}, {"height", 1},
                                        {"footprint", {{0, 0}, {1, 0}}}, {"category", "hammock"}});
    auto problems = validate_plan_text(d.dump(), test_catalog());
    std::vector<std::string> got;
    for (const auto& p : problems) got.push_back(p.pointer + " " + p.message);
    const std::vector<std::string> want{
        "/furniture_types/3/category unknown value 'hammock'; expected one of: shelving_single, ..., other",
        "/furniture_types/1/id furniture type 'model_sofa' is defined twice (first at /furniture_types/0/id)",
        "/furniture_types/1/width must be greater than 0 (got -1.0)",
        "/furniture_types/3/footprint a footprint needs at least 3 points (got 2)",
        "/furniture_types/2/id furniture type 'table_reading_6' is already a catalogue type",
    };
    EXPECT_EQ(got, want);
}

TEST(PlanTypes, UnknownTypeStillRefusedWithoutTheDefinition) {
    English english;
    json d = doc_with_type();
    d.erase("furniture_types");
    auto problems = validate_plan_text(d.dump(), test_catalog());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pointer, "/levels/0/furniture/3/type");
}

TEST(PlanTypes, ModelPathsAreRelativeToThePlanFileOnDisk) {
    English english;
    const fs::path dir = fs::absolute(fs::temp_directory_path() / "sx_plan_types");
    fs::remove_all(dir);
    fs::create_directories(dir / "school" / "models");
    Plan p = plan_from_json_text(doc_with_type().dump(), "mem", test_catalog());
    p.furniture_types[0].model = (dir / "school" / "models" / "sofa.obj").string();
    save_plan(dir / "school" / "plan.sxplan.json", p);
    const json written = json::parse(shuxiang::read_file(dir / "school" / "plan.sxplan.json"));
    EXPECT_EQ(written["schema_version"], kSchemaVersion);
    EXPECT_EQ(written["furniture_types"][0]["model"], "models/sofa.obj");
    // Moving the folder keeps the model with the plan.
    fs::rename(dir / "school", dir / "moved");
    const Plan back = load_plan(dir / "moved" / "plan.sxplan.json", test_catalog());
    EXPECT_EQ(back.furniture_types[0].model, (dir / "moved" / "models" / "sofa.obj").string());
    fs::remove_all(dir);
}

TEST(PlanTypes, PlansWithoutTypesAreWrittenWithoutTheKey) {
    Plan p = rich_plan();
    p.furniture_types.clear();
    const json written = json::parse(plan_to_json_text(p));
    EXPECT_FALSE(written.contains("furniture_types"));
    EXPECT_EQ(written["schema_version"], kSchemaVersion);
}

}  // namespace
