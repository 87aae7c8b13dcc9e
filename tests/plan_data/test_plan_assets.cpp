// The bundled demo school and templates: read as plain JSON (independent of the plan reader) and
// checked against the furniture catalogue and the figures the issue asks for.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shuxiang/plan/furniture.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace shuxiang::plan;

namespace {

const fs::path kAssets = SHUXIANG_SOURCE_ASSET_DIR;

json read_json(const fs::path& p) {
    std::ifstream in(p);
    EXPECT_TRUE(in.good()) << p;
    std::stringstream ss;
    ss << in.rdbuf();
    return json::parse(ss.str());  // throws (and fails the test) on broken JSON
}

using Poly = std::vector<std::pair<double, double>>;

Poly polygon(const json& pts) {
    Poly p;
    for (const auto& v : pts) p.emplace_back(v.at(0).get<double>(), v.at(1).get<double>());
    return p;
}

// Shoelace formula, signed (positive counter-clockwise).
double shoelace(const Poly& p) {
    double a = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        auto [x0, y0] = p[i];
        auto [x1, y1] = p[(i + 1) % p.size()];
        a += x0 * y1 - x1 * y0;
    }
    return a / 2;
}

bool inside(const Poly& p, double x, double y) {
    bool in = false;
    for (std::size_t i = 0, j = p.size() - 1; i < p.size(); j = i++) {
        auto [xi, yi] = p[i];
        auto [xj, yj] = p[j];
        if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) in = !in;
    }
    return in;
}

std::vector<fs::path> plan_files() {
    std::vector<fs::path> files{kAssets / "demo" / "demo-school.sxplan.json"};
    for (const char* t : {"primary-library", "junior-library", "senior-library", "classroom-corner",
                          "reading-corridor", "outdoor-area"})
        files.push_back(kAssets / "templates" / (std::string(t) + ".sxplan.json"));
    return files;
}

const json& demo() {
    static const json d = read_json(kAssets / "demo" / "demo-school.sxplan.json");
    return d;
}

const json& library_level() {
    for (const auto& l : demo().at("levels"))
        if (l.at("id") == "library") return l;
    throw std::runtime_error("no library level");
}

}  // namespace

TEST(PlanAssets, EveryPlanParsesAndUsesOnlyCatalogueTypes) {
    const auto& cat = FurnitureCatalog::builtin();
    for (const auto& f : plan_files()) {
        SCOPED_TRACE(f.string());
        ASSERT_TRUE(fs::exists(f));
        json d = read_json(f);
        EXPECT_EQ(d.at("schema_version"), kSchemaVersion);
        EXPECT_TRUE(school_type_from_string(d.at("school").at("type").get<std::string>()));
        ASSERT_FALSE(d.at("levels").empty());
        std::set<std::string> ids;
        int furniture = 0;
        for (const auto& l : d.at("levels")) {
            EXPECT_TRUE(ids.insert(l.at("id").get<std::string>()).second);
            std::set<std::string> walls;
            for (const auto& w : l.at("walls")) {
                walls.insert(w.at("id").get<std::string>());
                EXPECT_TRUE(ids.insert(w.at("id").get<std::string>()).second) << w.at("id");
                EXPECT_GE(w.at("points").size(), 2u);
            }
            for (const auto& r : l.at("rooms")) {
                EXPECT_TRUE(ids.insert(r.at("id").get<std::string>()).second) << r.at("id");
                EXPECT_TRUE(room_kind_from_string(r.at("kind").get<std::string>())) << r.at("kind");
                Poly p = polygon(r.at("polygon"));
                EXPECT_GE(p.size(), 3u);
                EXPECT_GT(shoelace(p), 0) << r.at("id") << " must be counter-clockwise";
            }
            for (const auto& o : l.at("openings")) {
                EXPECT_TRUE(ids.insert(o.at("id").get<std::string>()).second) << o.at("id");
                EXPECT_TRUE(opening_kind_from_string(o.at("kind").get<std::string>()));
                EXPECT_TRUE(walls.count(o.at("wall").get<std::string>())) << o.at("id");
                if (o.contains("swing")) {
                    EXPECT_TRUE(door_swing_from_string(o.at("swing").get<std::string>()));
                }
            }
            for (const auto& fu : l.at("furniture")) {
                ++furniture;
                EXPECT_TRUE(ids.insert(fu.at("id").get<std::string>()).second) << fu.at("id");
                EXPECT_NE(cat.find(fu.at("type").get<std::string>()), nullptr) << fu.at("type");
                EXPECT_EQ(fu.at("position").size(), 2u);
            }
        }
        EXPECT_GT(furniture, 0);
    }
}

TEST(PlanAssets, TemplatesMatchTheirStage) {
    const auto& cat = FurnitureCatalog::builtin();
    std::map<std::string, std::string> want = {
        {"primary-library", "primary"}, {"junior-library", "junior"}, {"senior-library", "senior"}};
    for (const auto& [name, stage] : want) {
        SCOPED_TRACE(name);
        json d = read_json(kAssets / "templates" / (name + ".sxplan.json"));
        EXPECT_EQ(d.at("school").at("type"), stage);
        // Shelving in a primary library is the 1.2 m kind; secondary libraries use the tall kind.
        int shelving = 0;
        for (const auto& f : d.at("levels").at(0).at("furniture")) {
            const FurnitureType* t = cat.find(f.at("type").get<std::string>());
            ASSERT_NE(t, nullptr);
            if (t->category != FurnitureCategory::ShelvingDouble && t->category != FurnitureCategory::ShelvingSingle)
                continue;
            ++shelving;
            EXPECT_EQ(t->audience, stage == "primary" ? "primary" : "secondary") << t->id;
        }
        EXPECT_GE(shelving, 4);
    }
}

TEST(DemoSchool, IsANineYearSchoolOf1800Students) {
    const json& s = demo().at("school");
    EXPECT_EQ(s.at("type"), "nine_year");
    int primary = s.at("students").at("primary"), junior = s.at("students").at("junior"),
        senior = s.at("students").at("senior");
    EXPECT_EQ(primary, 1200);
    EXPECT_EQ(junior, 600);
    EXPECT_EQ(primary + junior + senior, 1800);
    EXPECT_EQ(s.at("classes"), 36);  // 24 primary + 12 junior classes
    EXPECT_GE(s.at("teachers").get<int>(), 120);
    EXPECT_LE(s.at("teachers").get<int>(), 140);
    EXPECT_GE(demo().at("opening_hours_per_week").get<double>(), 40.0);
}

TEST(DemoSchool, MainLibraryIsAbout500SquareMetresWithAllFiveFunctions) {
    double area = 0;
    std::set<std::string> kinds;
    for (const auto& r : library_level().at("rooms")) {
        kinds.insert(r.at("kind").get<std::string>());
        if (r.at("kind") == "outdoor_reading") continue;  // the garden lies outside the building
        if (r.at("kind") == "circulation") continue;      // the building's stair hall is no library space
        area += shoelace(polygon(r.at("polygon")));
    }
    EXPECT_GE(area, 450.0);
    EXPECT_LE(area, 550.0);
    for (const char* k : {"stacks", "lending", "reading", "research", "rest", "periodicals", "audio_visual",
                          "workroom", "outdoor_reading"})
        EXPECT_TRUE(kinds.count(k)) << k;
    bool teachers = false;
    for (const auto& r : library_level().at("rooms")) teachers |= r.value("for_teachers", false);
    EXPECT_TRUE(teachers);
}

TEST(DemoSchool, StudentReadingSpacesSeatOneTwentiethOfPrimaryAndOneTwelfthOfJunior) {
    const auto& cat = FurnitureCatalog::builtin();
    const json& lib = library_level();
    int seats = 0, teacher_seats = 0;
    for (const auto& r : lib.at("rooms")) {
        const std::string kind = r.at("kind");
        if (kind != "reading" && kind != "periodicals" && kind != "rest") continue;
        Poly p = polygon(r.at("polygon"));
        int in_room = 0;
        for (const auto& f : lib.at("furniture")) {
            auto pos = f.at("position");
            if (inside(p, pos.at(0), pos.at(1))) in_room += cat.find(f.at("type").get<std::string>())->seats;
        }
        if (r.value("for_teachers", false)) {
            teacher_seats += in_room;
        } else {
            seats += in_room;
            // GB 50099-2011 table 7.1.1: 1.8 m² per seat (primary), 1.9 (secondary); no room more crowded
            // than 1.8 m² per seat.
            if (kind == "reading") {
                ASSERT_GT(in_room, 0) << r.at("id");
                EXPECT_GE(shoelace(p) / in_room, 1.8) << r.at("id");
            }
        }
    }
    // 1200 / 20 + 600 / 12 = 60 + 50.
    EXPECT_GE(seats, 110);
    EXPECT_LE(seats, 140);
    EXPECT_GT(teacher_seats, 0);
}

TEST(DemoSchool, EntrancesExitsAndWindows) {
    int entrances = 0, exits = 0, windows = 0;
    for (const auto& o : library_level().at("openings")) {
        entrances += o.value("entrance", false) ? 1 : 0;
        exits += o.at("kind") == "emergency_exit" ? 1 : 0;
        windows += o.at("kind") == "window" ? 1 : 0;
    }
    EXPECT_EQ(entrances, 2);  // the library's main door and the door of the building's stair hall
    EXPECT_GE(exits, 1);
    EXPECT_GE(windows, 8);
}

TEST(DemoSchool, StacksUseDoubleFacedRangesAndPrimaryAreaLowShelving) {
    const auto& cat = FurnitureCatalog::builtin();
    const json& lib = library_level();
    std::map<std::string, Poly> rooms;
    for (const auto& r : lib.at("rooms")) rooms[r.at("id").get<std::string>()] = polygon(r.at("polygon"));
    int ranges = 0, low = 0;
    for (const auto& f : lib.at("furniture")) {
        const FurnitureType* t = cat.find(f.at("type").get<std::string>());
        auto pos = f.at("position");
        if (inside(rooms.at("stacks"), pos.at(0), pos.at(1)) && t->category == FurnitureCategory::ShelvingDouble)
            ++ranges;
        if (inside(rooms.at("reading-primary"), pos.at(0), pos.at(1)) &&
            (t->category == FurnitureCategory::ShelvingDouble || t->category == FurnitureCategory::ShelvingSingle)) {
            ++low;
            EXPECT_LE(t->height, 1.25) << f.at("id");
        }
    }
    EXPECT_GE(ranges, 4);
    EXPECT_GE(low, 2);
}

TEST(DemoSchool, TwelveClassroomCornersEachWithABookCabinet) {
    const auto& cat = FurnitureCatalog::builtin();
    int corners = 0;
    bool corridor = false;
    for (const auto& l : demo().at("levels")) {
        for (const auto& r : l.at("rooms")) {
            corridor |= r.at("kind") == "reading_corridor";
            if (r.at("kind") != "classroom_corner") continue;
            ++corners;
            Poly p = polygon(r.at("polygon"));
            int cabinets = 0;
            for (const auto& f : l.at("furniture")) {
                auto pos = f.at("position");
                if (inside(p, pos.at(0), pos.at(1)) &&
                    cat.find(f.at("type").get<std::string>())->category == FurnitureCategory::ClassroomCabinet)
                    ++cabinets;
            }
            EXPECT_GE(cabinets, 1) << r.at("id");
        }
    }
    EXPECT_EQ(corners, 12);
    EXPECT_TRUE(corridor);
}

TEST(DemoSchool, OutdoorAreaHasBenchesAndAPavilion) {
    const auto& cat = FurnitureCatalog::builtin();
    std::set<FurnitureCategory> cats;
    for (const auto& l : demo().at("levels"))
        for (const auto& f : l.at("furniture")) {
            const FurnitureType* t = cat.find(f.at("type").get<std::string>());
            if (t->outdoor) cats.insert(t->category);
        }
    EXPECT_TRUE(cats.count(FurnitureCategory::Bench));
    EXPECT_TRUE(cats.count(FurnitureCategory::Pavilion));
}
