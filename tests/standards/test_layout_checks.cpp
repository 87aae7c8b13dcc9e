// Layout checks on a small 12 × 8 m stack room inside 0.2 m walls: a clean layout has no problem, and
// each defect (a range in front of the exit, a shelf in a wall, a table outside the rooms, ...) gives
// exactly the problem of its kind, naming the objects by their labels.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "shuxiang/standards/layout_checks.hpp"
#include "shuxiang/util/i18n.hpp"

namespace fs = std::filesystem;
using namespace shuxiang;
using namespace shuxiang::standards;

namespace {

plan::FurnitureType type(std::string id, std::string zh, std::string en, plan::FurnitureCategory c, double w, double d) {
    plan::FurnitureType t;
    t.id = std::move(id);
    t.name_zh = std::move(zh);
    t.name_en = std::move(en);
    t.category = c;
    t.width = w;
    t.depth = d;
    return t;
}

// range5: a 4.5 × 0.6 m double-faced range; table6: 1.8 × 0.9 m; desk: a 2.0 × 0.8 m lending desk.
plan::FurnitureCatalog catalog() {
    plan::FurnitureCatalog c;
    plan::FurnitureType range = type("range5", "双面书架", "Double-faced range", plan::FurnitureCategory::ShelvingDouble, 4.5, 0.6);
    range.sections = 5;
    range.section_width = 0.9;
    range.faces = 2;
    range.shelf_levels = 5;
    range.shelf_depth = 0.3;
    c.add(range);
    plan::FurnitureType table = type("table6", "阅览桌", "Reading table", plan::FurnitureCategory::ReadingTable, 1.8, 0.9);
    table.seats = 6;
    c.add(table);
    c.add(type("desk", "借还台", "Lending desk", plan::FurnitureCategory::CirculationDesk, 2.0, 0.8));
    return c;
}

plan::Furniture item(std::string id, std::string type, double x, double y, double yaw = 0) {
    plan::Furniture f;
    f.id = std::move(id);
    f.type = std::move(type);
    f.position = {x, y};
    f.yaw_deg = yaw;
    return f;
}

plan::Opening opening(std::string id, double offset, double width, plan::OpeningKind kind, bool entrance) {
    plan::Opening o;
    o.id = std::move(id);
    o.wall = "outer";
    o.offset = offset;
    o.width = width;
    o.kind = kind;
    o.entrance = entrance;
    o.swing = plan::DoorSwing::Left;
    return o;
}

// 12 × 8 m stack room inside one wall loop drawn counter-clockwise (its left side is the room); the entrance in the south wall at x = 3, the emergency exit in the east wall
// at y = 4 (12 + 4 = 16 m along the wall loop). Two ranges 4.5 × 0.6 m run east-west at y = 3 and 5:
// a 1.4 m aisle between them, 2.6 m to the south wall, 3.65 m from their ends to the walls.
plan::Plan clean() {
    plan::Plan p;
    plan::Level l;
    l.id = "L1";
    l.name = "一层";
    plan::Room r;
    r.id = "stacks";
    r.name = "书库";
    r.kind = plan::RoomKind::Stacks;
    r.polygon = {{0, 0}, {12, 0}, {12, 8}, {0, 8}};
    l.rooms.push_back(r);
    l.walls.push_back({"outer", {{0, 0}, {12, 0}, {12, 8}, {0, 8}, {0, 0}}, 0.2, 3.0});
    l.openings = {opening("entry", 3, 1.5, plan::OpeningKind::Door, true),
                  opening("exit", 16, 1.2, plan::OpeningKind::EmergencyExit, false)};
    l.openings[0].swing = plan::DoorSwing::Double;       // two 0.75 m leaves into the room
    l.openings[1].opens_to = plan::WallSide::Right;     // the east wall runs north: right is outside
    l.furniture = {item("r1", "range5", 6, 3), item("r2", "range5", 6, 5)};
    p.levels.push_back(l);
    return p;
}

RuleSet national() { return RuleSet::load(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "standards", "cn-national"); }

std::vector<LayoutProblem> check(const plan::Plan& p) { return layout_problems(p, catalog(), national()); }

std::vector<LayoutProblem> of_kind(const std::vector<LayoutProblem>& all, const std::string& kind) {
    std::vector<LayoutProblem> out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const auto& p) { return p.kind == kind; });
    return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

std::string kinds(const std::vector<LayoutProblem>& all) {
    std::string s;
    for (const auto& p : all) s += p.kind + " ";
    return s;
}

}  // namespace

TEST(PlanLayoutChecks, CleanLayoutHasNoProblem) {
    set_language(Language::ZhCN);
    EXPECT_TRUE(check(clean()).empty()) << kinds(check(clean()));
}

TEST(PlanLayoutChecks, RangeBlockingTheEmergencyExit) {
    set_language(Language::ZhCN);
    plan::Plan p = clean();
    // A third range turned north-south, 0.2 m from the east wall's face, right in front of the exit.
    p.levels[0].furniture.push_back(item("r3", "range5", 11.5, 4, 90));
    const auto blocked = of_kind(check(p), "exit_blocked");
    ASSERT_EQ(blocked.size(), 1u) << kinds(check(p));
    const auto& b = blocked[0];
    EXPECT_TRUE(has(b.ids, "exit"));
    EXPECT_TRUE(has(b.ids, "r3"));
    EXPECT_TRUE(has(b.labels, "安全出口 1 号"));
    EXPECT_TRUE(has(b.labels, "双面书架 3 号"));
    // The range spans y 1.75..6.25 across the whole landing: nothing is left in front of the door.
    EXPECT_NEAR(b.measured, 0.0, 1e-9);
    EXPECT_NEAR(b.required, 1.2, 1e-9);
    EXPECT_NE(b.source.find("GB 50099"), std::string::npos);
    EXPECT_NE(problem_text(b).find("安全出口 1 号"), std::string::npos) << problem_text(b);
    EXPECT_EQ(problem_text(b).find("r3"), std::string::npos) << problem_text(b);
}

TEST(PlanLayoutChecks, RangeNarrowingTheExitGivesTheRemainingWidth) {
    plan::Plan p = clean();
    // The landing checked in front of the exit runs 1.1 m either side of its centre (y 2.9..5.1). A
    // table (1.8 m along y) whose south end stops at y = 4.3 leaves 2.9..4.3 = 1.4 m free: enough.
    // Moved to end at y = 3.9 it leaves 1.0 m, less than the 1.2 m required.
    p.levels[0].furniture.push_back(item("t", "table6", 11.3, 4.3 + 0.9, 90));
    EXPECT_TRUE(of_kind(check(p), "exit_blocked").empty()) << kinds(check(p));
    p.levels[0].furniture.back().position.y = 3.9 + 0.9;
    const auto blocked = of_kind(check(p), "exit_blocked");
    ASSERT_EQ(blocked.size(), 1u);
    EXPECT_NEAR(blocked[0].measured, 1.0, 1e-6);
}

TEST(PlanLayoutChecks, ShelfInsideAWall) {
    set_language(Language::En);
    plan::Plan p = clean();
    // The north wall occupies y 7.9..8.1; a range centred at y = 7.95 reaches 8.25.
    p.levels[0].furniture.push_back(item("r3", "range5", 6, 7.95));
    const auto in_wall = of_kind(check(p), "furniture_in_wall");
    ASSERT_EQ(in_wall.size(), 1u) << kinds(check(p));
    EXPECT_EQ(in_wall[0].ids, (std::vector<std::string>{"r3", "outer"}));
    EXPECT_EQ(in_wall[0].labels, (std::vector<std::string>{"Double-faced range no. 3", "Wall no. 1"}));
    EXPECT_GT(in_wall[0].measured, 0.15);
    // A range pushed flush against the wall's face only touches it.
    p.levels[0].furniture.back().position.y = 7.9 - 0.3;
    EXPECT_TRUE(of_kind(check(p), "furniture_in_wall").empty());
    set_language(Language::ZhCN);
}

TEST(PlanLayoutChecks, TableOutsideEveryRoom) {
    set_language(Language::ZhCN);
    plan::Plan p = clean();
    p.levels[0].furniture.push_back(item("t", "table6", 15, 4));
    p.levels[0].furniture.back().label = "T1";
    const auto outside = of_kind(check(p), "furniture_outside_rooms");
    ASSERT_EQ(outside.size(), 1u) << kinds(check(p));
    EXPECT_EQ(outside[0].ids, std::vector<std::string>{"t"});
    EXPECT_EQ(outside[0].labels, std::vector<std::string>{"阅览桌 T1"});
}

TEST(PlanLayoutChecks, NarrowAisleAndOverlapNameTheRanges) {
    set_language(Language::ZhCN);
    plan::Plan p = clean();
    p.levels[0].furniture[1].position.y = 4.1;  // faces 3.3 and 3.8: a 0.5 m aisle
    auto narrow = of_kind(check(p), "aisle_narrow");
    ASSERT_EQ(narrow.size(), 1u) << kinds(check(p));
    EXPECT_EQ(narrow[0].labels, (std::vector<std::string>{"双面书架 1 号", "双面书架 2 号"}));
    EXPECT_NEAR(narrow[0].measured, 0.5, 1e-9);
    EXPECT_NEAR(narrow[0].required, 1.0, 1e-9);
    p.levels[0].furniture[1].position.y = 3.4;
    EXPECT_EQ(of_kind(check(p), "overlap").size(), 1u) << kinds(check(p));
}

TEST(PlanLayoutChecks, RoomWithoutADoorIsUnreachable) {
    set_language(Language::ZhCN);
    plan::Plan p = clean();
    plan::Room annex;
    annex.id = "annex";
    annex.name = "小学生阅览室";
    annex.polygon = {{12, 0}, {16, 0}, {16, 8}, {12, 8}};
    p.levels[0].rooms.push_back(annex);
    p.levels[0].openings.pop_back();  // the exit was its only door
    const auto un = of_kind(check(p), "unreachable");
    ASSERT_EQ(un.size(), 1u) << kinds(check(p));
    EXPECT_EQ(un[0].labels, std::vector<std::string>{"小学生阅览室"});
}

TEST(PlanLayoutChecks, ExitSwingingInwards) {
    set_language(Language::ZhCN);
    plan::Plan p = clean();
    p.levels[0].openings[1].opens_to = plan::WallSide::Left;  // into the stack room
    const auto all = check(p);
    const auto inward = of_kind(all, "exit_swings_inward");
    ASSERT_EQ(inward.size(), 1u) << kinds(all);
    EXPECT_EQ(inward[0].ids, (std::vector<std::string>{"exit", "stacks"}));
    EXPECT_EQ(inward[0].labels, (std::vector<std::string>{"安全出口 1 号", "书库"}));
    EXPECT_NE(inward[0].source.find("GB 50016"), std::string::npos);
    EXPECT_EQ(all.size(), 1u) << kinds(all);  // its leaf has room to open: nothing else is wrong
    // A sliding exit has no leaf to judge; an entrance door opening inwards is not an exit.
    p.levels[0].openings[1].swing = plan::DoorSwing::Sliding;
    EXPECT_TRUE(check(p).empty()) << kinds(check(p));
}

TEST(PlanLayoutChecks, DoorLeafHitsFurnitureAndWalls) {
    set_language(Language::ZhCN);
    plan::Plan p = clean();
    // A table just inside the entrance: both 0.75 m leaves sweep y 0.1..0.85 and it starts at 0.55.
    p.levels[0].furniture.push_back(item("t", "table6", 3, 1.0));
    auto swings = of_kind(check(p), "door_swing");
    ASSERT_EQ(swings.size(), 2u) << kinds(check(p));
    for (const auto& s : swings) EXPECT_EQ(s.ids, (std::vector<std::string>{"entry", "t"}));
    EXPECT_EQ(swings[0].labels, (std::vector<std::string>{"入口 1 号", "阅览桌 1 号"}));
    EXPECT_NEAR(swings[0].measured, 0.3, 1e-6);
    // Opening outwards instead, the leaves clear the table.
    p.levels[0].openings[0].opens_to = plan::WallSide::Right;
    EXPECT_TRUE(of_kind(check(p), "door_swing").empty());

    // A door left-hinged at x = 8.05 in the south wall sweeps x 7.15..8.05 into the room; a 0.1 m
    // partition at x = 8 stands in its way.
    p = clean();
    p.levels[0].walls.push_back({"part", {{8, 0}, {8, 2}}, 0.1, 3.0});
    p.levels[0].openings.push_back(opening("side", 7.6, 0.9, plan::OpeningKind::Door, false));
    swings = of_kind(check(p), "door_swing");
    ASSERT_EQ(swings.size(), 1u) << kinds(check(p));
    EXPECT_EQ(swings[0].ids, (std::vector<std::string>{"side", "part"}));
    EXPECT_EQ(swings[0].labels, (std::vector<std::string>{"门 1 号", "墙 2 号"}));
    p.levels[0].openings.back().opens_to = plan::WallSide::Right;  // opening outwards, away from it
    EXPECT_TRUE(of_kind(check(p), "door_swing").empty()) << kinds(check(p));
}

TEST(PlanLayoutChecks, NarrowMainAisleInStacks) {
    set_language(Language::ZhCN);
    plan::Plan p = clean();
    // r1 now stands against the west wall (x 0.1..4.6) and a range r3 continues the row 1.2 m
    // further east (x 5.8..10.3): r1 ends on the wall and on a 1.2 m cross aisle, less than 1.5 m.
    // r3 ends 1.6 m from the east wall; r2 keeps 3.65 m at both ends.
    p.levels[0].furniture[0].position = {2.35, 3};
    p.levels[0].furniture.push_back(item("r3", "range5", 8.05, 3));
    const auto all = check(p);
    const auto narrow = of_kind(all, "main_aisle_narrow");
    ASSERT_EQ(narrow.size(), 1u) << kinds(all);
    EXPECT_EQ(narrow[0].ids, (std::vector<std::string>{"r1", "stacks"}));
    EXPECT_EQ(narrow[0].labels, (std::vector<std::string>{"双面书架 1 号", "书库"}));
    EXPECT_NEAR(narrow[0].measured, 1.2, 1e-6);
    EXPECT_NEAR(narrow[0].required, 1.5, 1e-9);
    EXPECT_NE(narrow[0].source.find("JGJ 38"), std::string::npos);
    EXPECT_TRUE(of_kind(all, "aisle_narrow").empty()) << kinds(all);  // 1.2 m passes as a 行道
    // Butted end to end (x 4.6..9.1), the two ranges form one run ending 2.8 m from the east wall.
    p.levels[0].furniture.back().position = {6.85, 3};
    EXPECT_TRUE(of_kind(check(p), "main_aisle_narrow").empty()) << kinds(check(p));
}

TEST(PlanLayoutChecks, AccessibleRouteToTheLendingDesk) {
    set_language(Language::ZhCN);
    plan::Plan p = clean();
    // A row of six tables across the room (y 5.5..6.4, x 0.1..10.9) leaves a 1.0 m gap at the east
    // wall; the lending desk stands behind it, against the north wall.
    for (int i = 0; i < 6; ++i) p.levels[0].furniture.push_back(item("t" + std::to_string(i), "table6", 1.0 + 1.8 * i, 5.95));
    p.levels[0].furniture.push_back(item("desk", "desk", 6, 7.3));
    const auto all = check(p);
    const auto narrow = of_kind(all, "route_narrow");
    ASSERT_EQ(narrow.size(), 1u) << kinds(all);
    EXPECT_EQ(narrow[0].ids, std::vector<std::string>{"desk"});
    EXPECT_EQ(narrow[0].labels, std::vector<std::string>{"借还台 1 号"});
    EXPECT_NEAR(narrow[0].measured, 1.0, 0.1);
    EXPECT_NEAR(narrow[0].required, 1.2, 1e-9);
    EXPECT_NE(problem_text(narrow[0]).find("借还台 1 号"), std::string::npos);
    // Without the last table the gap is 2.8 m wide.
    p.levels[0].furniture.erase(p.levels[0].furniture.begin() + 7);
    EXPECT_TRUE(of_kind(check(p), "route_narrow").empty()) << kinds(check(p));
    // Closed completely, the desk cannot be reached at all.
    p = clean();
    for (int i = 0; i < 7; ++i) p.levels[0].furniture.push_back(item("t" + std::to_string(i), "table6", 1.0 + 1.8 * i, 5.95));
    p.levels[0].furniture.push_back(item("desk", "desk", 6, 7.3));
    const auto closed = of_kind(check(p), "route_narrow");
    ASSERT_EQ(closed.size(), 1u);
    EXPECT_EQ(closed[0].measured, 0.0);
}

TEST(PlanLayoutChecks, NarrowWayToTheEmergencyExit) {
    set_language(Language::ZhCN);
    plan::Plan p = clean();
    // Four tables end to end along x = 9.95 (x 9.5..10.4, y 0.1..7.3) wall the exit off from the
    // entrance but for a 0.6 m gap at the north wall; the exit's own landing (x 10.7..11.9) stays clear.
    for (int i = 0; i < 4; ++i) p.levels[0].furniture.push_back(item("t" + std::to_string(i), "table6", 9.95, 1.0 + 1.8 * i, 90));
    const auto all = check(p);
    EXPECT_TRUE(of_kind(all, "exit_blocked").empty()) << kinds(all);
    const auto narrow = of_kind(all, "exit_path_narrow");
    ASSERT_EQ(narrow.size(), 1u) << kinds(all);
    EXPECT_EQ(narrow[0].ids, (std::vector<std::string>{"exit", "entry", "stacks"}));
    EXPECT_EQ(narrow[0].labels, (std::vector<std::string>{"安全出口 1 号", "入口 1 号", "书库"}));
    EXPECT_NEAR(narrow[0].measured, 0.6, 0.1);
    EXPECT_NE(problem_text(narrow[0]).find("从入口 1 号经书库到安全出口 1 号"), std::string::npos) << problem_text(narrow[0]);
    EXPECT_NEAR(narrow[0].required, 1.2, 1e-9);
    // Without the northern table the gap is 2.4 m wide.
    p.levels[0].furniture.pop_back();
    EXPECT_TRUE(of_kind(check(p), "exit_path_narrow").empty()) << kinds(check(p));
}

TEST(PlanLayoutChecks, RunOfRangesLongerThanTheTableAllows) {
    set_language(Language::ZhCN);
    plan::Plan p = clean();
    // r1 against the west wall (x 0.1..4.6) and r3 butted to it (x 4.6..9.1): one run of 10 sections
    // with an aisle at one end only, where at most 5 are allowed.
    p.levels[0].furniture[0].position = {2.35, 3};
    p.levels[0].furniture.push_back(item("r3", "range5", 6.85, 3));
    auto all = check(p);
    auto run = of_kind(all, "range_too_long");
    ASSERT_EQ(run.size(), 1u) << kinds(all);
    EXPECT_EQ(run[0].ids, (std::vector<std::string>{"r1", "r3"}));
    EXPECT_EQ(run[0].measured, 10);
    EXPECT_EQ(run[0].required, 5);
    EXPECT_NE(run[0].source.find("表 4.2.4-1"), std::string::npos);
    EXPECT_NE(problem_text(run[0]).find("连续 10 档，多于 5 档"), std::string::npos) << problem_text(run[0]);
    // Free at both ends (x 0.75..5.25 and a 4-section range to 8.85): 9 sections are allowed.
    p.levels[0].furniture[0].position = {3, 3};
    p.levels[0].furniture.back().position = {7.05, 3};
    p.levels[0].furniture.back().sections = 4;
    all = check(p);
    EXPECT_TRUE(of_kind(all, "range_too_long").empty()) << kinds(all);
    p.levels[0].furniture.back().sections = 5;  // 10 > 9
    p.levels[0].furniture.back().position = {7.5, 3};
    EXPECT_EQ(of_kind(check(p), "range_too_long").size(), 1u) << kinds(check(p));
}
