// Stack rooms by arrangement (GB 50099-2011 5.13.3-4, stacks.books_per_m2.open/closed/compact): the
// layout problem `stack_density` for a room whose shelving holds more books per m² than its
// arrangement is planned for, the compliance checks space.stack_area (each room at its own figure)
// and space.stack_density, and compact rooms' aisles left to the mobile shelving.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "shuxiang/standards/compliance.hpp"
#include "shuxiang/standards/layout_checks.hpp"
#include "shuxiang/util/i18n.hpp"

namespace fs = std::filesystem;
using namespace shuxiang;
using namespace shuxiang::standards;

namespace {

// A double-faced range of five 0.9 m sections with six shelves: 5 × 2 × ⌊0.9 × 6 ÷ 0.025⌋ = 2,160 places.
plan::FurnitureCatalog catalog() {
    plan::FurnitureCatalog c;
    plan::FurnitureType t;
    t.id = "range";
    t.name_zh = "双面书架";
    t.name_en = "Double-faced range";
    t.category = plan::FurnitureCategory::ShelvingDouble;
    t.width = 4.5;
    t.depth = 0.5;
    t.height = 2.0;
    t.faces = 2;
    t.sections = 5;
    t.section_width = 0.9;
    t.shelf_levels = 6;
    c.add(t);
    return c;
}

// A 5 × 4 m (20 m²) stack room with `ranges` ranges running east-west, `pitch` m centre to centre.
plan::Plan stack_room(plan::StackArrangement a, int ranges, double pitch, double first = 0.4) {
    plan::Plan p;
    p.school.type = plan::SchoolType::Primary;
    p.school.students.primary = 400;
    plan::Level l;
    l.id = "L1";
    plan::Room r;
    r.id = "stacks";
    r.name = "二楼书库";
    r.kind = plan::RoomKind::Stacks;
    r.stacks = a;
    r.polygon = {{0, 0}, {5, 0}, {5, 4}, {0, 4}};
    l.rooms.push_back(r);
    for (int i = 0; i < ranges; ++i) {
        plan::Furniture f;
        f.id = "f" + std::to_string(i + 1);
        f.type = "range";
        f.position = {2.5, first + pitch * i};
        l.furniture.push_back(f);
    }
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

const Check& get(const Checklist& cl, const std::string& id) {
    const Check* c = cl.find(id);
    if (!c) throw std::runtime_error("no check " + id);
    return *c;
}

Checklist checks_of(const plan::Plan& p) {
    Checklist cl;
    check_plan(p, catalog(), nullptr, national(), cl);
    return cl;
}

}  // namespace

TEST(StackDensity, AClosedStackRoomOverItsBooksPerSquareMetreIsAProblem) {
    set_language(Language::ZhCN);
    // Five ranges 0.8 m apart: 10,800 places on 20 m², 540 per m², over closed stacks' 500.
    const auto over = of_kind(stack_room(plan::StackArrangement::Closed, 5, 0.8), "stack_density");
    ASSERT_EQ(over.size(), 1u);
    EXPECT_EQ(over[0].ids, std::vector<std::string>{"stacks"});
    EXPECT_EQ(over[0].labels, std::vector<std::string>{"二楼书库"});
    EXPECT_DOUBLE_EQ(over[0].measured, 540);
    EXPECT_DOUBLE_EQ(over[0].required, 500);
    EXPECT_EQ(over[0].unit, "books/m2");
    EXPECT_NE(over[0].source.find("闭架书库 500"), std::string::npos) << over[0].source;
    EXPECT_NE(problem_text(over[0]).find("二楼书库 的书架满架可放 540 册/m²"), std::string::npos) << problem_text(over[0]);
    set_language(Language::En);
    EXPECT_NE(problem_text(over[0]).find("holds 540 books per m²"), std::string::npos) << problem_text(over[0]);
    set_language(Language::ZhCN);
}

TEST(StackDensity, AClosedStackRoomUnderItsBooksPerSquareMetreIsNot) {
    // Three ranges 1.4 m apart: 6,480 places, 324 per m².
    EXPECT_TRUE(of_kind(stack_room(plan::StackArrangement::Closed, 3, 1.4), "stack_density").empty());
    // Four ranges 1.0 m apart: 8,640 places, 432 per m², over open access's 400 but under closed's 500.
    const auto open = of_kind(stack_room(plan::StackArrangement::Open, 4, 1.0), "stack_density");
    ASSERT_EQ(open.size(), 1u);
    EXPECT_DOUBLE_EQ(open[0].measured, 432);
    EXPECT_DOUBLE_EQ(open[0].required, 400);
    EXPECT_TRUE(of_kind(stack_room(plan::StackArrangement::Closed, 4, 1.0), "stack_density").empty());
}

TEST(StackDensity, ACompactRoomIsJudgedAtItsOwnFigureAndItsAislesAreLeftToTheCarriages) {
    const plan::Plan compact = stack_room(plan::StackArrangement::Compact, 5, 0.8);
    EXPECT_TRUE(of_kind(compact, "stack_density").empty());  // 540 ≤ 800
    EXPECT_TRUE(of_kind(compact, "aisle_narrow").empty());   // 0.3 m gaps between mobile ranges
    // The same ranges as open-access shelving: too dense, and every gap is a narrow aisle.
    const plan::Plan open = stack_room(plan::StackArrangement::Open, 5, 0.8);
    EXPECT_EQ(of_kind(open, "stack_density").size(), 1u);
    EXPECT_EQ(of_kind(open, "aisle_narrow").size(), 4u);
    // Compact shelving packed beyond 800 per m²: 8 ranges 0.5 m apart, 17,280 places, 864 per m².
    const auto over = of_kind(stack_room(plan::StackArrangement::Compact, 8, 0.5, 0.25), "stack_density");
    ASSERT_EQ(over.size(), 1u);
    EXPECT_DOUBLE_EQ(over[0].measured, 864);
    EXPECT_DOUBLE_EQ(over[0].required, 800);
    EXPECT_NE(over[0].source.find("密集书架 800"), std::string::npos) << over[0].source;
    // The compliance summary of aisles follows the same rule.
    EXPECT_EQ(get(checks_of(compact), "safety.aisles").status, Status::NotAssessable);
    EXPECT_EQ(get(checks_of(open), "safety.aisles").status, Status::Fail);
}

TEST(StackDensity, TheComplianceChecksCreditEachRoomAtItsArrangement) {
    // 20 m² of closed stacks hold 20 × 500 = 10,000 books by area; open access 8,000; compact 16,000.
    for (auto [a, books, key] : {std::tuple{plan::StackArrangement::Open, 8000.0, "open"},
                                 std::tuple{plan::StackArrangement::Closed, 10000.0, "closed"},
                                 std::tuple{plan::StackArrangement::Compact, 16000.0, "compact"}}) {
        const Checklist cl = checks_of(stack_room(a, 3, 1.4));
        const Check& area = get(cl, "space.stack_area");
        EXPECT_DOUBLE_EQ(area.measured, books) << key;
        EXPECT_TRUE(std::any_of(area.sources.begin(), area.sources.end(),
                                [&](const SourceRef& s) { return s.key == std::string("stacks.books_per_m2.") + key; }) ||
                    (a == plan::StackArrangement::Open && area.source.find("开架书库 400") != std::string::npos))
            << key << ": " << area.source;
        const Check& density = get(cl, "space.stack_density");
        EXPECT_EQ(density.status, Status::Pass) << key;
        EXPECT_DOUBLE_EQ(density.measured, 324) << key;
    }
    const Check& over = get(checks_of(stack_room(plan::StackArrangement::Closed, 5, 0.8)), "space.stack_density");
    EXPECT_EQ(over.status, Status::Fail);
    EXPECT_DOUBLE_EQ(over.measured, 540);
    EXPECT_DOUBLE_EQ(over.required, 500);
    EXPECT_EQ(over.comparison, "<=");
    EXPECT_NE(over.source.find("闭架书库"), std::string::npos) << over.source;
    ASSERT_EQ(over.markers.size(), 1u);
    EXPECT_EQ(over.markers[0].object, "stacks");
    EXPECT_EQ(get(checks_of(stack_room(plan::StackArrangement::Closed, 0, 1.0)), "space.stack_density").status,
              Status::NotAssessable);
}
