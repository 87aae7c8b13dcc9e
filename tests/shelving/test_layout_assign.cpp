#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "fixtures.hpp"
#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/shelving/assign.hpp"
#include "shuxiang/shelving/layout.hpp"

using namespace shuxiang;
using namespace shuxiang::shelving;
using shuxiang::test::item;
using shuxiang::test::one_room_plan;
using shuxiang::test::piece;
using shuxiang::test::test_catalog;

namespace {

std::vector<std::string> ids(const std::vector<Section>& s) {
    std::vector<std::string> out;
    for (const auto& x : s) out.push_back(x.id);
    return out;
}

std::map<long long, const Placement*> by_item(const Assignment& a) {
    std::map<long long, const Placement*> m;
    for (const auto& p : a.placed) m[p.item_id] = &p;
    return m;
}

}  // namespace

TEST(Layout, SectionsCapacityAndIds) {
    auto plan = one_room_plan({piece("R1", "t_double", 2, 2, "A1")});
    auto secs = build_sections(plan, test_catalog());
    ASSERT_EQ(secs.size(), 4u);
    EXPECT_EQ(ids(secs), (std::vector<std::string>{"R1/1/1", "R1/1/2", "R1/2/1", "R1/2/2"}));
    for (const auto& s : secs) {
        EXPECT_EQ(s.capacity, 8);  // 0.1 m × 2 levels / 25 mm
        EXPECT_EQ(s.target, 6);    // floor(8 × 0.75)
        EXPECT_EQ(s.room_id, "stacks");
        EXPECT_EQ(s.label, "A1");
        EXPECT_EQ(s.kind, SectionKind::General);
    }
    // A real steel range: 5 sections × 2 faces, 0.9 m × 6 levels / 25 mm = 216 books, 162 at 75 %.
    auto real = build_sections(one_room_plan({piece("S", "shelf_double_steel_2000", 5, 5)}), test_catalog(),
                               LayoutOptions{0.5, {}, false});
    ASSERT_EQ(real.size(), 10u);
    EXPECT_EQ(real[0].capacity, 216);
    EXPECT_EQ(real[0].target, 108);
    EXPECT_EQ(real[0].levels, 6);
}

TEST(Layout, SerpentineRowsAndRoomOrder) {
    // Row y=2: R1 (x=2), R3 (x=6); row y=5: R2 (x=2), R4 (x=6). The second row runs back.
    auto plan = one_room_plan({piece("R2", "t_double", 2, 5), piece("R4", "t_double", 6, 5),
                               piece("R1", "t_double", 2, 2), piece("R3", "t_double", 6, 2)});
    auto secs = build_sections(plan, test_catalog());
    ASSERT_EQ(secs.size(), 16u);
    std::vector<std::string> ranges;
    for (std::size_t i = 0; i < secs.size(); i += 4) ranges.push_back(secs[i].furniture_id);
    EXPECT_EQ(ranges, (std::vector<std::string>{"R1", "R3", "R4", "R2"}));

    // Two rooms: plan order by default, the chosen order when given.
    plan::Plan two = one_room_plan({piece("A", "t_double", 2, 2), piece("B", "t_double", 32, 2)});
    two.levels[0].rooms.push_back(test::square_room("annex", 30, 0, 10, plan::RoomKind::Reading));
    EXPECT_EQ(build_sections(two, test_catalog())[0].furniture_id, "A");
    LayoutOptions o;
    o.room_order = {"annex"};
    auto swapped = build_sections(two, test_catalog(), o);
    EXPECT_EQ(swapped[0].furniture_id, "B");
    EXPECT_EQ(swapped[0].room_id, "annex");
    EXPECT_EQ(swapped[4].furniture_id, "A");
}

TEST(Layout, WorkroomsSkippedAndSpecialKinds) {
    plan::Plan p = one_room_plan({piece("W", "t_double", 32, 2), piece("L", "t_double", 2, 2, "湖湘文化"),
                                  piece("Z", "t_double", 2, 6, "工具书"), piece("PB", "picture_book_bin", 8, 8),
                                  piece("PR", "periodical_rack_single", 12, 8)});
    p.levels[0].rooms.push_back(test::square_room("work", 30, 0, 10, plan::RoomKind::Workroom));
    auto secs = build_sections(p, test_catalog());
    std::map<std::string, SectionKind> kinds;
    for (const auto& s : secs) kinds[s.furniture_id] = s.kind;
    EXPECT_EQ(kinds.count("W"), 0u);
    EXPECT_EQ(kinds["L"], SectionKind::Local);
    EXPECT_EQ(kinds["Z"], SectionKind::Reference);
    EXPECT_EQ(kinds["PB"], SectionKind::PictureBook);
    EXPECT_EQ(kinds["PR"], SectionKind::Periodical);
    for (const auto& s : secs)
        if (s.furniture_id == "PB") {
            EXPECT_EQ(s.capacity, 90);  // 0.9 m × 1 level / 10 mm
        }
}

TEST(Layout, SectionIdParsing) {
    std::string f;
    int face = 0, n = 0;
    EXPECT_TRUE(parse_section_id("stk/range-1/2/13", &f, &face, &n));
    EXPECT_EQ(f, "stk/range-1");
    EXPECT_EQ(face, 2);
    EXPECT_EQ(n, 13);
    for (const char* bad : {"", "R1", "R1/1", "/1/2", "R1/x/2", "R1/1/0", "R1/1/", "R1//2"})
        EXPECT_FALSE(parse_section_id(bad, &f, &face, &n)) << bad;
}

TEST(Classify, Collections) {
    ItemFacts f;
    f.call_number = "I287.8/12";
    EXPECT_EQ(classify(f), SectionKind::PictureBook);
    f.call_number = "I561.85/3";
    EXPECT_EQ(classify(f), SectionKind::PictureBook);
    f.call_number = "I561.45/3";
    EXPECT_EQ(classify(f), SectionKind::General);
    f.subjects = {"绘本--中国"};
    EXPECT_EQ(classify(f), SectionKind::PictureBook);
    f = {};
    f.call_number = "Z228/1";
    EXPECT_EQ(classify(f), SectionKind::Reference);
    f.call_number = "H316-61/2";
    EXPECT_EQ(classify(f), SectionKind::Reference);
    f.local_collection = true;
    EXPECT_EQ(classify(f), SectionKind::Local);
    f.serial = true;
    EXPECT_EQ(classify(f), SectionKind::Periodical);
    f = {};
    f.call_number = "TP312/5";
    f.preschool_audience = true;
    EXPECT_EQ(classify(f), SectionKind::PictureBook);
}

TEST(Assign, GrowthSpacePerPartHandWorked) {
    // 4 sections of target 6 = 24 slots; 2 items of 大部类 1 (A) and 8 of 大部类 3 (I): spare 14.
    // A: growth 14 × 2/10 = 2, budget 4, slots 0, 2. I: growth 12, budget 20, slots 4 + ⌊j·20/8⌋ =
    // 4 6 9 11 14 16 19 21 → sections 0:{A,A,I1} 1:{I2,I3,I4} 2:{I5,I6} 3:{I7,I8}.
    auto secs = build_sections(one_room_plan({piece("R1", "t_double", 2, 2)}), test_catalog());
    std::vector<ShelfItem> items;
    for (int j = 8; j >= 1; --j) items.push_back(item(100 + j, "I247.5/" + std::to_string(j)));
    items.push_back(item(2, "A81/2"));
    items.push_back(item(1, "A81/1"));
    auto a = assign(secs, items);
    EXPECT_TRUE(a.unplaced.empty());
    ASSERT_EQ(a.fills.size(), 4u);
    EXPECT_EQ(a.fills[0].count, 3);
    EXPECT_EQ(a.fills[1].count, 3);
    EXPECT_EQ(a.fills[2].count, 2);
    EXPECT_EQ(a.fills[3].count, 2);
    EXPECT_EQ(a.fills[0].first_call, "A81/1");
    EXPECT_EQ(a.fills[0].last_call, "I247.5/1");
    EXPECT_EQ(a.fills[1].first_call, "I247.5/2");
    EXPECT_EQ(a.fills[1].last_call, "I247.5/4");
    EXPECT_EQ(a.fills[3].last_call, "I247.5/8");
    // Levels: 3 books on 2 levels → top, top, bottom.
    auto m = by_item(a);
    EXPECT_EQ(m[1]->level, 1);
    EXPECT_EQ(m[2]->level, 1);
    EXPECT_EQ(m[101]->level, 2);
    EXPECT_EQ(m[101]->section, 0);
    EXPECT_EQ(m[108]->section, 3);
}

TEST(Assign, OverflowReportedAtTheEnd) {
    auto secs = build_sections(one_room_plan({piece("R1", "t_double", 2, 2)}), test_catalog());
    std::vector<ShelfItem> items;
    for (int j = 1; j <= 30; ++j) items.push_back(item(j, "K825/" + std::to_string(j)));
    items.push_back(item(99, "not a call number"));
    auto a = assign(secs, items);
    EXPECT_EQ(a.placed.size(), 24u);
    ASSERT_EQ(a.unplaced.size(), 7u);
    std::map<std::string, int> reasons;
    for (const auto& u : a.unplaced) reasons[u.reason]++;
    EXPECT_EQ(reasons["shelving.reason.no_space"], 6);
    EXPECT_EQ(reasons["shelving.reason.bad_call_number"], 1);
    for (const auto& u : a.unplaced)
        if (u.reason == "shelving.reason.no_space") {
            EXPECT_GT(u.item_id, 24);
        }
    for (const auto& f : a.fills) EXPECT_EQ(f.count, 6);
}

TEST(Assign, ZeroFillPlacesNothingAndSaysWhy) {
    auto secs = build_sections(one_room_plan({piece("R1", "t_double", 2, 2)}), test_catalog(), LayoutOptions{0.0, {}, false});
    auto a = assign(secs, {item(1, "I247/1"), item(2, "I247/2")});
    EXPECT_TRUE(a.placed.empty());
    EXPECT_EQ(a.unplaced.size(), 2u);
    // No sections at all: the same.
    auto b = assign({}, {item(1, "I247/1")});
    ASSERT_EQ(b.unplaced.size(), 1u);
    EXPECT_EQ(b.unplaced[0].reason, "shelving.reason.no_space");
}

TEST(Assign, InvariantsOnAShuffledCollection) {
    auto plan = one_room_plan({piece("R1", "shelf_double_steel_2000", 2, 2), piece("R2", "shelf_double_steel_2000", 2, 5),
                               piece("R3", "shelf_single_steel_2000", 2, 8)});
    auto secs = build_sections(plan, test_catalog());
    ASSERT_EQ(secs.size(), 24u);
    const char* classes[] = {"A81", "B84", "D64", "G624", "H31", "I247.5", "I287", "J2", "K825", "O1", "TP312", "Z228"};
    std::vector<ShelfItem> items;
    std::mt19937 rng(7);
    for (int j = 0; j < 3000; ++j)
        items.push_back(item(j + 1, std::string(classes[rng() % 12]) + "/" + std::to_string(rng() % 500 + 1)));
    std::shuffle(items.begin(), items.end(), rng);
    auto a = assign(secs, items);
    EXPECT_EQ(a.placed.size() + a.unplaced.size(), items.size());
    std::map<int, int> count;
    for (const auto& p : a.placed) count[p.section]++;
    for (std::size_t s = 0; s < secs.size(); ++s) {
        EXPECT_LE(a.fills[s].count, secs[s].target) << secs[s].id;
        EXPECT_EQ(a.fills[s].count, count[static_cast<int>(s)]);
    }
    // Never out of order along the reading path, and sections come in reading order.
    for (std::size_t i = 1; i < a.placed.size(); ++i) {
        auto x = catalog::parse_call_number(a.placed[i - 1].call_number);
        auto y = catalog::parse_call_number(a.placed[i].call_number);
        ASSERT_TRUE(x && y);
        EXPECT_LE(catalog::compare_call_numbers(*x, *y), 0) << i;
        EXPECT_LE(a.placed[i - 1].section, a.placed[i].section);
    }
    // 24 sections × 162 = 3888 slots hold all 3000.
    EXPECT_TRUE(a.unplaced.empty());
}

TEST(Assign, SpecialCollectionsWhereThePlanPutsThem) {
    plan::Plan p = one_room_plan({piece("R1", "t_double", 2, 2), piece("L", "t_double", 2, 6, "湖湘文化"),
                                  piece("PB", "picture_book_bin", 8, 8), piece("PR", "periodical_rack_single", 12, 8),
                                  piece("CAB", "t_cabinet", 32, 2)});
    p.levels[0].rooms.push_back(test::square_room("class-3-2", 30, 0, 10, plan::RoomKind::ClassroomCorner));
    p.levels[0].rooms.push_back(test::square_room("class-4-1", 50, 0, 10, plan::RoomKind::ClassroomCorner));
    auto secs = build_sections(p, test_catalog());
    AssignOptions o;
    o.corner_rooms = {"class-3-2", "class-4-1"};
    std::vector<ShelfItem> items = {
        item(1, "I247.5/1"),
        item(2, "I287.8/3", SectionKind::PictureBook),
        item(3, "", SectionKind::Periodical),
        item(4, "K296.4/2", SectionKind::Local),
        item(5, "I247.5/9", SectionKind::General, "class-3-2"),
        item(6, "I247.5/8", SectionKind::General, "CAB/1/1"),
        item(7, "I247.5/7", SectionKind::General, "class-4-1"),  // a corner without shelving
        item(8, "Z228/1", SectionKind::Reference),  // no reference range: joins the main sequence
    };
    auto a = assign(secs, items, o);
    EXPECT_TRUE(a.unplaced.empty());
    std::map<long long, std::string> where;
    for (const auto& pl : a.placed) where[pl.item_id] = pl.section >= 0 ? a.sections[static_cast<std::size_t>(pl.section)].furniture_id : "room:" + pl.room;
    EXPECT_EQ(where[1], "R1");
    EXPECT_EQ(where[2], "PB");
    EXPECT_EQ(where[3], "PR");
    EXPECT_EQ(where[4], "L");
    EXPECT_EQ(where[5], "CAB");
    EXPECT_EQ(where[6], "CAB");
    EXPECT_EQ(where[7], "room:class-4-1");
    EXPECT_EQ(where[8], "R1");
    // The corner's class set is in shelf order in its cabinet: I247.5/8 before I247.5/9.
    for (std::size_t s = 0; s < a.sections.size(); ++s)
        if (a.sections[s].furniture_id == "CAB") {
            EXPECT_EQ(a.fills[s].first_call, "I247.5/8");
            EXPECT_EQ(a.fills[s].last_call, "I247.5/9");
        }

    // Without a rack a periodical with no call number cannot be shelved.
    auto plain = build_sections(one_room_plan({piece("R1", "t_double", 2, 2)}), test_catalog());
    auto b = assign(plain, {item(3, "", SectionKind::Periodical), item(2, "I287.8/3", SectionKind::PictureBook)});
    ASSERT_EQ(b.unplaced.size(), 1u);
    EXPECT_EQ(b.unplaced[0].reason, "shelving.reason.no_periodical_rack");
    ASSERT_EQ(b.placed.size(), 1u);  // the picture book joins the main sequence
}

TEST(Assign, FullCornerReported) {
    plan::Plan p = one_room_plan({piece("CAB", "t_cabinet", 32, 2)});
    p.levels[0].rooms.push_back(test::square_room("c", 30, 0, 10, plan::RoomKind::ClassroomCorner));
    AssignOptions o;
    o.corner_rooms = {"c"};
    std::vector<ShelfItem> items;
    for (int j = 1; j <= 10; ++j) items.push_back(item(j, "I247/" + std::to_string(j), SectionKind::General, "c"));
    auto a = assign(build_sections(p, test_catalog()), items, o);
    EXPECT_EQ(a.placed.size(), 8u);  // the cabinet's full capacity, not its working fill
    ASSERT_EQ(a.unplaced.size(), 2u);
    EXPECT_EQ(a.unplaced[0].reason, "shelving.reason.corner_full");
}

TEST(Assign, ShelfOrderMatchesTheCatalogComparator) {
    // Varied forms: author numbers, volumes, copies, auxiliaries, bare classes, T subclasses.
    std::vector<std::string> calls = {"I287.5/123:2", "I287.5/123", "I287.5/123:10", "I287.5/L45-2", "I287.5/L45",
                                      "I247.57",      "I247.5/9",   "I247.6/1",      "K825.6=7/5#2", "K825.6=7/5",
                                      "K825.6/5",     "K825.6-49/1", "TP312-62/L45", "TP312/4",     "T-61/2",
                                      "TB1/3",        "TN9/1",      "A81/1",         "Z228/100000",  "Z228/99",
                                      "I287.5/123#3", "O1-0/7",     "I561.45/30",    "I561.45/4"};
    auto secs = build_sections(one_room_plan({piece("S", "shelf_double_steel_2000", 5, 5)}), test_catalog());
    std::vector<ShelfItem> items;
    for (std::size_t i = 0; i < calls.size(); ++i) items.push_back(item(static_cast<long long>(100 - i), calls[i]));
    auto a = assign(secs, items);
    ASSERT_EQ(a.placed.size(), calls.size());
    for (std::size_t i = 1; i < a.placed.size(); ++i) {
        auto x = catalog::parse_call_number(a.placed[i - 1].call_number);
        auto y = catalog::parse_call_number(a.placed[i].call_number);
        ASSERT_TRUE(x && y);
        EXPECT_LT(catalog::compare_call_numbers(*x, *y), 0) << a.placed[i - 1].call_number << " / " << a.placed[i].call_number;
    }
}
