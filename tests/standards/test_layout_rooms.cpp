// The GB 50099 room items of the profile as layout problems: the audio-visual room's attached store
// (5.13.3-3, at least 12 m², joined by a door or drawn inside the room) and the area per seat of the
// audio-visual and periodicals rooms (Table 7.1.1), with the stage norm of the school.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "shuxiang/standards/layout_checks.hpp"
#include "shuxiang/util/i18n.hpp"

namespace fs = std::filesystem;
using namespace shuxiang;
using namespace shuxiang::standards;

namespace {

plan::FurnitureCatalog catalog() {
    plan::FurnitureCatalog c;
    plan::FurnitureType table;
    table.id = "table6";
    table.name_zh = "阅览桌";
    table.name_en = "Reading table";
    table.category = plan::FurnitureCategory::ReadingTable;
    table.width = 1.2;
    table.depth = 0.6;
    table.seats = 6;
    c.add(table);
    return c;
}

plan::Room room(std::string id, std::string name, plan::RoomKind kind, double x0, double y0, double x1, double y1) {
    plan::Room r;
    r.id = std::move(id);
    r.name = std::move(name);
    r.kind = kind;
    r.polygon = {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
    return r;
}

plan::Furniture table_at(std::string id, double x, double y) {
    plan::Furniture f;
    f.id = std::move(id);
    f.type = "table6";
    f.position = {x, y};
    return f;
}

// An 8 × 6 m audio-visual room (no walls, no entrance: only the room checks speak).
plan::Plan av_plan(plan::SchoolType type = plan::SchoolType::Primary) {
    plan::Plan p;
    p.school.type = type;
    plan::Level l;
    l.id = "L1";
    l.rooms.push_back(room("av", "视听阅览室", plan::RoomKind::AudioVisual, 0, 0, 8, 6));
    p.levels.push_back(l);
    return p;
}

RuleSet national() { return RuleSet::load(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "standards", "cn-national"); }

std::vector<LayoutProblem> of_kind(const plan::Plan& p, const std::string& kind) {
    std::vector<LayoutProblem> out;
    for (auto& x : layout_problems(p, catalog(), national()))
        if (x.kind == kind) out.push_back(x);
    return out;
}

}  // namespace

TEST(LayoutRoomChecks, AudioVisualRoomWithoutAStore) {
    set_language(Language::ZhCN);
    const auto missing = of_kind(av_plan(), "av_store_missing");
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_EQ(missing[0].ids, std::vector<std::string>{"av"});
    EXPECT_DOUBLE_EQ(missing[0].measured, 0);
    EXPECT_DOUBLE_EQ(missing[0].required, 12);
    EXPECT_NE(missing[0].source.find("GB 50099-2011 5.13.3-3"), std::string::npos) << missing[0].source;
    EXPECT_NE(problem_text(missing[0]).find("视听阅览室"), std::string::npos) << problem_text(missing[0]);
    EXPECT_NE(problem_text(missing[0]).find("12.00"), std::string::npos) << problem_text(missing[0]);
}

TEST(LayoutRoomChecks, StoreDrawnInsideTheRoomCountsByItsArea) {
    plan::Plan p = av_plan();
    p.levels[0].rooms.push_back(room("store", "资料储藏室", plan::RoomKind::AudioVisualStore, 5, 2, 8, 6));  // 12 m²
    EXPECT_TRUE(of_kind(p, "av_store_missing").empty());
    EXPECT_TRUE(of_kind(p, "av_store_small").empty());
    p.levels[0].rooms.back().polygon = {{5, 3}, {8, 3}, {8, 6}, {5, 6}};  // 9 m²
    const auto small = of_kind(p, "av_store_small");
    ASSERT_EQ(small.size(), 1u);
    EXPECT_NEAR(small[0].measured, 9.0, 1e-9);
    EXPECT_EQ(small[0].ids, (std::vector<std::string>{"av", "store"}));
}

TEST(LayoutRoomChecks, StoreNextDoorCountsOnlyWhenADoorJoinsThem) {
    plan::Plan p = av_plan();
    plan::Level& l = p.levels[0];
    l.rooms.push_back(room("store", "资料储藏室", plan::RoomKind::AudioVisualStore, 8, 0, 11.2, 4));
    l.walls.push_back({"w", {{8, 0}, {8, 6}}, 0.2, 3.0});
    // Beside the room but closed off from it: not attached.
    ASSERT_EQ(of_kind(p, "av_store_missing").size(), 1u);
    plan::Opening door;
    door.id = "d";
    door.wall = "w";
    door.offset = 2;
    door.width = 0.9;
    door.swing = plan::DoorSwing::Left;
    l.openings.push_back(door);
    // Joined by the door: 3.1 × 4 m inside the wall's face = 12.4 m².
    EXPECT_TRUE(of_kind(p, "av_store_missing").empty());
    EXPECT_TRUE(of_kind(p, "av_store_small").empty());
}

TEST(LayoutRoomChecks, AreaPerSeatOfAudioVisualAndPeriodicalsRooms) {
    set_language(Language::ZhCN);
    plan::Plan p = av_plan();
    p.levels[0].rooms.push_back(room("av-store", "", plan::RoomKind::AudioVisualStore, 6, 0, 8, 6));
    p.levels[0].rooms.push_back(room("per", "报刊阅览区", plan::RoomKind::Periodicals, 0, 10, 4, 13));  // 12 m²
    // 24 seats in the 48 m² audio-visual room: 2.0 m² each, over the primary 1.8.
    for (int i = 0; i < 4; ++i) p.levels[0].furniture.push_back(table_at("t" + std::to_string(i), 1 + i * 1.3, 1));
    // 12 seats in the 12 m² periodicals room: 1.0 m² each, under the primary 1.8.
    p.levels[0].furniture.push_back(table_at("p1", 1, 11));
    p.levels[0].furniture.push_back(table_at("p2", 3, 11));
    EXPECT_TRUE(of_kind(p, "av_area_per_seat").empty());
    auto per = of_kind(p, "periodicals_area_per_seat");
    ASSERT_EQ(per.size(), 1u);
    EXPECT_NEAR(per[0].measured, 1.0, 1e-9);
    EXPECT_NEAR(per[0].required, 1.8, 1e-9);
    EXPECT_EQ(per[0].unit, "m2/seat");
    EXPECT_NE(per[0].source.find("表 7.1.1"), std::string::npos) << per[0].source;
    EXPECT_NE(problem_text(per[0]).find("报刊阅览区"), std::string::npos);
    // A senior school's audio-visual room needs 2.3 m² per seat: 2.0 is too little.
    p.school.type = plan::SchoolType::Senior;
    auto av = of_kind(p, "av_area_per_seat");
    ASSERT_EQ(av.size(), 1u);
    EXPECT_NEAR(av[0].measured, 2.0, 1e-9);
    EXPECT_NEAR(av[0].required, 2.3, 1e-9);
    // A nine-year school with as many pupils as secondary students: the mean of 1.8 and 2.3.
    p.school.type = plan::SchoolType::NineYear;
    p.school.students = {300, 300, 0};
    av = of_kind(p, "av_area_per_seat");
    ASSERT_EQ(av.size(), 1u);
    EXPECT_NEAR(av[0].required, 2.05, 1e-9);
}

TEST(LayoutRoomChecks, AProfileWithoutTheFiguresAsksForNothing) {
    Profile bare;
    bare.id = "bare";
    const RuleSet rules = RuleSet::resolve({bare}, "bare");
    plan::Plan p = av_plan();
    for (const auto& x : layout_problems(p, catalog(), rules))
        EXPECT_TRUE(x.kind.rfind("av_", 0) != 0 && x.kind.find("per_seat") == std::string::npos) << x.kind;
}
