// Plan files: round trips, the per-version fixtures, the text layout, saving and loading files.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <fstream>
#include <numbers>

#include "helpers.hpp"
#include "shuxiang/util/error.hpp"

using namespace sxtest;
namespace fs = std::filesystem;

namespace {

class PlanIo : public ::testing::Test {
protected:
    English english;
    fs::path dir;
    void SetUp() override {
        dir = fs::temp_directory_path() /
              ("sx_plan_io_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    void TearDown() override { fs::remove_all(dir); }
};

TEST_F(PlanIo, RoundTripKeepsEveryField) {
    const Plan p = rich_plan();
    const std::string text = plan_to_json_text(p);
    const Plan back = plan_from_json_text(text, "mem", test_catalog());
    EXPECT_EQ(back, p);
    // The thirds and tenths survive exactly: numbers are written as their shortest round-trip form.
    EXPECT_EQ(back.levels[0].furniture[1].position.x, 1.0 / 3.0);
    EXPECT_EQ(back.levels[0].elevation, -3.6);
    // Saving again gives the same bytes.
    EXPECT_EQ(plan_to_json_text(back), text);
}

TEST_F(PlanIo, EmptyPlanRoundTrips) {
    const Plan p;
    EXPECT_EQ(plan_from_json_text(plan_to_json_text(p), "mem", test_catalog()), p);
}

TEST_F(PlanIo, TextLayoutIsStable) {
    Plan p;
    p.school.name = "小学";
    Level l;
    l.id = "L1";
    Room r;
    r.id = "r";
    r.kind = RoomKind::Stacks;
    r.polygon = {{0, 0}, {4, 0}, {4, 2.5}};
    l.rooms.push_back(r);
    p.levels.push_back(l);
    const std::string expected = R"({
  "schema_version": 5,
  "school": {
    "name": "小学",
    "type": "primary",
    "region": "",
    "students": {
      "primary": 0,
      "junior": 0,
      "senior": 0
    },
    "teachers": 0,
    "classes": 0
  },
  "opening_hours_per_week": 0.0,
  "notes": "",
  "levels": [
    {
      "id": "L1",
      "name": "",
      "elevation": 0.0,
      "rooms": [
        {
          "id": "r",
          "name": "",
          "kind": "stacks",
          "for_teachers": false,
          "clear_height": 3.0,
          "polygon": [
            [0.0, 0.0],
            [4.0, 0.0],
            [4.0, 2.5]
          ]
        }
      ],
      "walls": [],
      "openings": [],
      "furniture": []
    }
  ]
}
)";
    EXPECT_EQ(plan_to_json_text(p), expected);
}

TEST_F(PlanIo, StackArrangementIsWrittenOnlyWhenNotOpen) {
    // A plan without the field (every plan written before it) reads as open access and writes back
    // the same text; closed and compact rooms carry it, without a schema version change.
    Plan p;
    Level l;
    l.id = "L1";
    Room r;
    r.id = "r";
    r.kind = RoomKind::Stacks;
    r.polygon = {{0, 0}, {4, 0}, {4, 2.5}};
    l.rooms.push_back(r);
    p.levels.push_back(l);
    const std::string open = plan_to_json_text(p);
    EXPECT_EQ(open.find("stack_arrangement"), std::string::npos);
    EXPECT_EQ(plan_from_json_text(open, "mem", test_catalog()).levels[0].rooms[0].stacks, StackArrangement::Open);
    for (auto [a, name] : {std::pair{StackArrangement::Closed, "closed"}, std::pair{StackArrangement::Compact, "compact"}}) {
        p.levels[0].rooms[0].stacks = a;
        const std::string text = plan_to_json_text(p);
        EXPECT_NE(text.find(std::string("\"stack_arrangement\": \"") + name + "\""), std::string::npos) << text;
        EXPECT_NE(text.find("\"schema_version\": " + std::to_string(kSchemaVersion)), std::string::npos);
        const Plan back = plan_from_json_text(text, "mem", test_catalog());
        EXPECT_EQ(back, p);
        EXPECT_EQ(plan_to_json_text(back), text);
    }
    // Written out explicitly as "open", it reads the same and writes back without the field.
    std::string explicit_open = open;
    explicit_open.replace(explicit_open.find("\"for_teachers\""), 0, "\"stack_arrangement\": \"open\", ");
    const Plan back = plan_from_json_text(explicit_open, "mem", test_catalog());
    EXPECT_EQ(back.levels[0].rooms[0].stacks, StackArrangement::Open);
    EXPECT_EQ(plan_to_json_text(back), open);
}

TEST_F(PlanIo, V1AndV2FixturesLoadToTheSameModel) {
    const Plan v1 = load_plan(data_dir() / "v1/qingshi_road.sxplan.json", test_catalog());
    const Plan v2 = load_plan(data_dir() / "v2/qingshi_road.sxplan.json", test_catalog());
    EXPECT_EQ(v1, v2);

    // What the v1 file said in its own terms, read back as v2 values.
    EXPECT_EQ(v1.school.type, SchoolType::NineYear);
    EXPECT_EQ(v1.school.students.primary, 600);  // 900 × 6/9
    EXPECT_EQ(v1.school.students.junior, 300);   // 900 × 3/9
    EXPECT_EQ(v1.school.students.senior, 0);
    ASSERT_EQ(v1.levels.size(), 1u);
    const Level& l = v1.levels[0];
    ASSERT_EQ(l.rooms.size(), 4u);
    EXPECT_EQ(l.rooms[1].kind, RoomKind::Stacks);  // "stack"
    EXPECT_EQ(l.rooms[2].kind, RoomKind::Reading);  // "teacher_reading"
    EXPECT_TRUE(l.rooms[2].for_teachers);
    EXPECT_EQ(l.rooms[3].kind, RoomKind::Circulation);  // "hall"
    EXPECT_EQ(l.rooms[2].clear_height, 3.0);  // default
    ASSERT_EQ(l.openings.size(), 4u);  // moved out of the three walls, in wall order
    EXPECT_EQ(l.openings[0].id, "win-1");
    EXPECT_EQ(l.openings[0].wall, "w-s");
    EXPECT_EQ(l.openings[0].sill, 0.9);
    EXPECT_EQ(l.openings[1].kind, OpeningKind::EmergencyExit);  // "exit"
    EXPECT_EQ(l.openings[2].id, "d-main");
    EXPECT_EQ(l.openings[2].wall, "w-n");
    EXPECT_TRUE(l.openings[2].entrance);
    EXPECT_EQ(l.openings[2].swing, DoorSwing::Double);
    EXPECT_EQ(l.openings[3].wall, "w-mid");
    ASSERT_EQ(l.furniture.size(), 3u);
    EXPECT_EQ(l.furniture[0].yaw_deg, 90.0);   // π/2 rad
    EXPECT_EQ(l.furniture[2].yaw_deg, 180.0);  // π rad
    EXPECT_EQ(l.furniture[0].position, (Vec2{16, 3}));
    EXPECT_EQ(l.furniture[0].sections, 5);
    EXPECT_FALSE(l.furniture[1].sections.has_value());
    EXPECT_EQ(l.rooms[0].polygon[2], (Vec2{12, 8}));
}

TEST_F(PlanIo, V1FixtureSavesAsCurrentAndRoundTrips) {
    const Plan v1 = load_plan(data_dir() / "v1/qingshi_road.sxplan.json", test_catalog());
    const fs::path out = dir / "upgraded.sxplan.json";
    save_plan(out, v1);
    const std::string text = shuxiang::read_file(out);
    EXPECT_EQ(text.rfind("{\n  \"schema_version\": 5,\n", 0), 0u);
    EXPECT_EQ(load_plan(out, test_catalog()), v1);
}

TEST_F(PlanIo, ClockwiseRoomsComeBackCounterClockwise) {
    Plan p;
    Level l;
    l.id = "L";
    Room r;
    r.id = "r";
    r.polygon = {{0, 0}, {0, 3}, {2, 3}, {2, 0}};  // clockwise
    l.rooms.push_back(r);
    p.levels.push_back(l);
    const Plan back = plan_from_json_text(plan_to_json_text(p), "mem", test_catalog());
    const std::vector<Vec2> ccw{{2, 0}, {2, 3}, {0, 3}, {0, 0}};
    EXPECT_EQ(back.levels[0].rooms[0].polygon, ccw);
}

TEST_F(PlanIo, SaveAndLoadAFile) {
    const fs::path path = dir / "a.sxplan.json";
    save_plan(path, rich_plan());
    EXPECT_EQ(load_plan(path, test_catalog()), rich_plan());
    EXPECT_TRUE(validate_plan_file(path, test_catalog()).empty());
    // No temporary files are left beside it.
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST_F(PlanIo, MissingFile) {
    const fs::path path = dir / "nope.sxplan.json";
    try {
        load_plan(path, test_catalog());
        FAIL() << "no exception";
    } catch (const shuxiang::InputError& e) {
        EXPECT_EQ(e.file(), path.string());
        EXPECT_EQ(e.message(), "file not found");
    }
    const auto problems = validate_plan_file(path, test_catalog());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].key, "plan_io.file_not_found");
}

TEST_F(PlanIo, DirectoryIsNotAPlan) {
    EXPECT_THROW(load_plan(dir, test_catalog()), shuxiang::InputError);
    const auto problems = validate_plan_file(dir, test_catalog());
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].key, "plan_io.cannot_read");
}

TEST_F(PlanIo, SaveOfANonFiniteNumberFailsAndKeepsTheOldFile) {
    const fs::path path = dir / "keep.sxplan.json";
    save_plan(path, rich_plan());
    const std::string before = shuxiang::read_file(path);
    Plan bad = rich_plan();
    bad.levels[0].openings[0].width = std::numeric_limits<double>::quiet_NaN();
    try {
        save_plan(path, bad);
        FAIL() << "no exception";
    } catch (const shuxiang::InputError& e) {
        EXPECT_EQ(e.file(), path.string());
        EXPECT_EQ(e.where(), "/levels/0/openings/0/width");
        EXPECT_EQ(e.message(), "not a finite number");
    }
    EXPECT_EQ(shuxiang::read_file(path), before);
}

TEST_F(PlanIo, FailedWriteKeepsTheOldFile) {
    // A file-size limit makes write() fail half way (EFBIG once SIGXFSZ is ignored): the rename
    // never happens, the old file stays and the temporary file is removed.
    const fs::path path = dir / "keep.sxplan.json";
    Plan small;
    save_plan(path, small);
    const std::string before = shuxiang::read_file(path);
    Plan big = rich_plan();
    for (int i = 0; i < 200; ++i) {
        Furniture f = big.levels[0].furniture[0];
        f.id = "extra-" + std::to_string(i);
        big.levels[0].furniture.push_back(f);
    }
    ASSERT_GT(plan_to_json_text(big).size(), 4096u);
    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit old_limit{};
    ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
    rlimit limit = old_limit;
    limit.rlim_cur = 4096;
    ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &limit), 0);
    bool threw = false;
    try {
        save_plan(path, big);
    } catch (const shuxiang::InputError& e) {
        threw = true;
        EXPECT_EQ(e.file(), path.string());
    }
    setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);
    EXPECT_TRUE(threw);
    EXPECT_EQ(shuxiang::read_file(path), before);
    EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
    EXPECT_EQ(load_plan(path, test_catalog()), small);
}

TEST_F(PlanIo, BuiltinCatalogueOverloadsCheckFurnitureTypes) {
    // The overloads without a catalogue use the bundled one, which has no type of this name.
    Plan p;
    Level l;
    l.id = "L";
    Furniture f;
    f.id = "f";
    f.type = "no_such_furniture_type";
    l.furniture.push_back(f);
    p.levels.push_back(l);
    try {
        plan_from_json_text(plan_to_json_text(p), "x.sxplan.json");
        FAIL() << "no exception";
    } catch (const shuxiang::InputError& e) {
        EXPECT_EQ(e.where(), "/levels/0/furniture/0/type");
        EXPECT_EQ(e.message(), "unknown furniture type 'no_such_furniture_type'");
    }
    const auto problems = validate_plan(p);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].pointer, "/levels/0/furniture/0/type");
}

}  // namespace

namespace {

TEST(PlanIoBundled, FixturesAreValidAgainstTheBundledCatalogue) {
    for (const char* f : {"v1/qingshi_road.sxplan.json", "v2/qingshi_road.sxplan.json"}) {
        const auto problems = validate_plan_file(data_dir() / f);
        EXPECT_TRUE(problems.empty()) << f << ": " << problems.front().pointer << " " << problems.front().message;
    }
}

TEST(PlanIoBundled, DemoSchoolLoadsAndRoundTrips) {
    const fs::path demo = std::filesystem::path(SHUXIANG_SOURCE_ASSET_DIR) / "demo/demo-school.sxplan.json";
    const Plan p = load_plan(demo);
    EXPECT_EQ(p.school.type, SchoolType::NineYear);
    EXPECT_EQ(p.school.students.total(), 1800);
    // The library level and the second-floor stacks are joined by one stair (schema 5).
    ASSERT_EQ(p.stairs.size(), 1u);
    EXPECT_EQ(p.stairs[0].from_level, "library");
    EXPECT_EQ(p.stairs[0].to_level, "library-2f");
    const Plan back = plan_from_json_text(plan_to_json_text(p), "mem");
    EXPECT_EQ(back, p);
}

}  // namespace

namespace {

// The ```json blocks of docs/plan-format.md, in order.
std::vector<std::string> doc_examples() {
    const std::string md = shuxiang::read_file(std::filesystem::path(SHUXIANG_SOURCE_DIR) / "docs/plan-format.md");
    std::vector<std::string> blocks;
    for (std::size_t pos = md.find("```json\n"); pos != std::string::npos; pos = md.find("```json\n", pos)) {
        pos += 8;
        const std::size_t end = md.find("```", pos);
        blocks.push_back(md.substr(pos, end - pos));
        pos = end + 3;
    }
    return blocks;
}

TEST(PlanIoDocs, ExamplesInTheFormatDocumentLoad) {
    English english;
    const auto blocks = doc_examples();
    ASSERT_EQ(blocks.size(), 2u);
    const Plan v2 = plan_from_json_text(blocks[0], "plan-format.md#example");
    EXPECT_EQ(v2.opening_hours_per_week, 45.0);
    EXPECT_TRUE(v2.levels[0].rooms[1].for_teachers);
    const Plan v1 = plan_from_json_text(blocks[1], "plan-format.md#schema-1");
    EXPECT_EQ(v1.school.students.primary, 600);
    EXPECT_EQ(v1.levels[0].openings[0].kind, OpeningKind::EmergencyExit);
    EXPECT_EQ(v1.levels[0].furniture[0].yaw_deg, 90.0);
}

}  // namespace
