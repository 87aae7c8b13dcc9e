// The new-books display (新书展示): display furniture in the plan receives the copies acquired in the
// last N days, most recent first, up to its capacity; the rest stay in shelf order.
#include <gtest/gtest.h>

#include <map>

#include "fixtures.hpp"
#include "shuxiang/shelving/assign.hpp"
#include "shuxiang/shelving/layout.hpp"

using namespace shuxiang;
using namespace shuxiang::shelving;
using shuxiang::test::one_room_plan;
using shuxiang::test::piece;
using shuxiang::test::test_catalog;

namespace {

ShelfItem fresh(long long id, std::string call, std::string acquired, SectionKind kind = SectionKind::General) {
    ShelfItem it = test::item(id, std::move(call), kind);
    it.acquired = std::move(acquired);
    return it;
}

// Items of each section in reading order.
std::map<std::string, std::vector<long long>> contents(const Assignment& a) {
    std::map<std::string, std::vector<long long>> out;
    for (const auto& p : a.placed)
        if (p.section >= 0) out[a.sections[static_cast<std::size_t>(p.section)].id].push_back(p.item_id);
    return out;
}

void expect_within_capacity(const Assignment& a) {
    std::map<int, int> count;
    for (const auto& p : a.placed)
        if (p.section >= 0) ++count[p.section];
    for (std::size_t s = 0; s < a.sections.size(); ++s) {
        EXPECT_LE(count[static_cast<int>(s)], a.sections[s].capacity) << a.sections[s].id;
        EXPECT_EQ(count[static_cast<int>(s)], a.fills[s].count) << a.sections[s].id;
    }
}

}  // namespace

TEST(NewBooks, DisplayFurnitureAndCapacity) {
    const auto& cat = test_catalog();
    // The catalogue's 新书展台: 1.2 × 0.6 m, ⌊1.2 / 0.15⌋ × ⌊0.6 / 0.22⌋ = 8 × 2 = 16 books face up.
    const auto* table = cat.find("display_table_new_books");
    ASSERT_TRUE(table);
    EXPECT_TRUE(new_books_display(piece("D", "display_table_new_books", 0, 0), *table));
    EXPECT_EQ(new_books_display_capacity(*table), 16);
    // A glass display case is a new-books display only when labelled so.
    const auto* glass = cat.find("display_case");
    ASSERT_TRUE(glass);
    EXPECT_FALSE(new_books_display(piece("G", "display_case", 0, 0), *glass));
    EXPECT_TRUE(new_books_display(piece("G", "display_case", 0, 0, "新书推荐"), *glass));

    // The display comes after the room's ranges, whatever its place in the plan, and does not turn
    // the room's frame (the first range's yaw) or the ranges' order.
    auto with = one_room_plan({piece("D", "display_table_new_books", 1, 1), piece("R1", "t_double", 2, 2),
                               piece("R2", "t_double", 2, 5)});
    with.levels[0].furniture[0].yaw_deg = 90;
    auto without = one_room_plan({piece("R1", "t_double", 2, 2), piece("R2", "t_double", 2, 5)});
    auto a = build_sections(with, cat), b = build_sections(without, cat);
    ASSERT_EQ(a.size(), b.size() + 1);
    for (std::size_t i = 0; i < b.size(); ++i) EXPECT_EQ(a[i].id, b[i].id);
    const Section& d = a.back();
    EXPECT_EQ(d.id, "D/1/1");
    EXPECT_EQ(d.kind, SectionKind::NewBooks);
    EXPECT_EQ(d.levels, 1);
    EXPECT_EQ(d.capacity, 16);
    EXPECT_EQ(d.target, 16);  // a display is filled, the working fill is for shelves
    EXPECT_EQ(d.room_id, "stacks");
}

TEST(NewBooks, MostRecentFirstUpToCapacityHandWorked) {
    // One range of 4 sections (target 6, capacity 8) and a display for 3 books.
    auto plan = one_room_plan({piece("R", "t_double", 2, 2), piece("D", "t_new_books_display", 6, 6)});
    auto sections = build_sections(plan, test_catalog());
    ASSERT_EQ(sections.size(), 5u);
    ASSERT_EQ(sections[4].capacity, 3);
    std::vector<ShelfItem> items{
        fresh(1, "I247/1", "2026-01-01"),                              // old
        fresh(2, "I247/2", "2026-08-20"),                              // new
        fresh(3, "K825/1", "2026-08-25"),                              // new
        fresh(4, "TP3/1", "2026-06-05"),                               // new, the oldest of them
        fresh(5, "A1/1", "2026-08-25 10:00:00"),                       // new, same day as 3, shelves first
        fresh(6, "I247/3", "2026-09-02"),                              // after --date: not new
        fresh(7, "G2/1", "2026-08-30", SectionKind::Periodical),       // periodicals are not displayed
        fresh(8, "I247/4", "2026-06-03"),                              // one day before the window
    };
    AssignOptions o;
    // 90 days ending 2026-09-01: from 2026-06-04.
    o.new_since = "2026-06-04";
    o.new_until = "2026-09-01";
    auto a = assign(sections, items, o);
    EXPECT_TRUE(a.unplaced.empty());
    EXPECT_EQ(a.placed.size(), items.size());
    auto c = contents(a);
    // New: 5 and 3 (08-25, A before K), 2 (08-20), 4 (06-05); the display takes the first three.
    EXPECT_EQ(c["D/1/1"], (std::vector<long long>{5, 3, 2}));
    EXPECT_EQ(a.fills[4].first_call, "A1/1");
    EXPECT_EQ(a.fills[4].last_call, "I247/2");
    // The rest in shelf order along the range: G2/1, I247/1, I247/3, I247/4, TP3/1.
    std::vector<long long> along;
    for (const auto& p : a.placed)
        if (p.section >= 0 && p.section < 4) along.push_back(p.item_id);
    EXPECT_EQ(along, (std::vector<long long>{7, 1, 6, 8, 4}));
    expect_within_capacity(a);

    // Without a window every copy stays in shelf order and the display stays empty.
    auto none = assign(sections, items, AssignOptions{});
    EXPECT_EQ(none.fills[4].count, 0);
    EXPECT_EQ(none.placed.size(), items.size());
    // Without display furniture the new copies simply shelve.
    auto no_display = assign(build_sections(one_room_plan({piece("R", "t_double", 2, 2)}), test_catalog()), items, o);
    EXPECT_EQ(no_display.placed.size(), items.size());
    expect_within_capacity(no_display);
}

TEST(NewBooks, TwoDisplaysInReadingOrderAndNoSectionOverCapacity) {
    // Two displays (3 each) and 10 new copies, one a day: the 3 newest on the first display in
    // reading order (D1, the one listed first in the room), the next 3 on D2, 4 on the shelves.
    auto plan = one_room_plan({piece("R", "t_double", 2, 2), piece("D1", "t_new_books_display", 6, 6),
                               piece("D2", "t_new_books_display", 8, 6)});
    auto sections = build_sections(plan, test_catalog());
    ASSERT_EQ(sections.size(), 6u);
    std::vector<ShelfItem> items;
    for (int i = 1; i <= 10; ++i)
        items.push_back(fresh(i, "I247/" + std::to_string(i), "2026-08-" + std::string(i < 10 ? "0" : "") + std::to_string(i)));
    AssignOptions o;
    o.new_since = "2026-06-04";
    o.new_until = "2026-09-01";
    auto a = assign(sections, items, o);
    auto c = contents(a);
    EXPECT_EQ(c["D1/1/1"], (std::vector<long long>{10, 9, 8}));
    EXPECT_EQ(c["D2/1/1"], (std::vector<long long>{7, 6, 5}));
    std::vector<long long> along;
    for (const auto& p : a.placed)
        if (p.section >= 0 && p.section < 4) along.push_back(p.item_id);
    EXPECT_EQ(along, (std::vector<long long>{1, 2, 3, 4}));
    expect_within_capacity(a);
}
