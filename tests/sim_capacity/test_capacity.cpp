#include <gtest/gtest.h>

#include <shuxiang/capacity/capacity.hpp>

using namespace shuxiang;
using namespace shuxiang::capacity;

namespace {

plan::FurnitureCatalog small_catalog() {
    plan::FurnitureCatalog c;
    plan::FurnitureType range;
    range.id = "range";
    range.category = plan::FurnitureCategory::ShelvingDouble;
    range.faces = 2;
    range.sections = 5;
    range.section_width = 0.9;
    range.width = 4.5;
    range.shelf_levels = 6;
    c.add(range);
    plan::FurnitureType bin;
    bin.id = "bin";
    bin.category = plan::FurnitureCategory::PictureBookBin;
    bin.faces = 1;
    bin.sections = 2;
    bin.section_width = 0.5;
    bin.width = 1.0;
    bin.shelf_levels = 2;
    c.add(bin);
    return c;
}

plan::Plan small_plan() {
    plan::Plan p;
    plan::Level l;
    l.id = "g";
    plan::Furniture f;
    f.id = "r1";
    f.type = "range";
    l.furniture.push_back(f);
    f.id = "b1";
    f.type = "bin";
    l.furniture.push_back(f);
    p.levels.push_back(l);
    return p;
}

}  // namespace

TEST(Capacity, SectionsFromGeometryAndThickness) {
    Options o;
    Report r = compute(small_plan(), small_catalog(), o);
    // Range: 2 faces × 5 sections; each 0.9 m × 6 shelves / 0.025 m = 216 books.
    // Bin: 1 face × 2 sections; each 0.5 m × 2 shelves / 0.010 m = 100 picture books.
    ASSERT_EQ(r.sections.size(), 12u);
    EXPECT_EQ(r.sections[0].books, 216);
    EXPECT_EQ(r.sections[11].books, 100);
    EXPECT_EQ(r.sections[11].kind, BookKind::PictureBook);
    EXPECT_EQ(r.book_capacity, 10 * 216 + 2 * 100);  // 2360
    EXPECT_EQ(r.working_capacity, 1770);             // 75 %
}

TEST(Capacity, YearEachClassRunsOutByHand) {
    Options o;
    o.students = 100;
    o.start_year = 2026;
    o.shares = {0.1, 0.2, 0.3, 0.3, 0.1};
    o.current = {100, 0, 400, 600, 0};
    Report r = compute(small_plan(), small_catalog(), o);
    // Working capacity 1770 split by share: 177, 354, 531, 531, 177.
    EXPECT_EQ(r.classes[0].working_capacity, 177);
    EXPECT_EQ(r.classes[2].working_capacity, 531);
    // A: 100 + 10 y > 177 → y = 8 (180). B: 20 y > 354 → y = 18 (360). C–K: 400 + 30 y > 531 → y = 5 (550).
    // N–X already holds 600 > 531: full now. Z: 10 y > 177 → y = 18 (180).
    EXPECT_EQ(r.classes[0].full_year, 2034);
    EXPECT_EQ(r.classes[1].full_year, 2044);
    EXPECT_EQ(r.classes[2].full_year, 2031);
    EXPECT_EQ(r.classes[3].full_year, 2026);
    EXPECT_EQ(r.classes[4].full_year, 2044);
    // Weeding 10 % a year: A tends to 10 / 0.1 = 100 < 177, so it never fills.
    o.weeding_rate = 0.1;
    Report w = compute(small_plan(), small_catalog(), o);
    EXPECT_FALSE(w.classes[0].full_year.has_value());
    // Horizon: with 5 years only, B (18 years) is not reported full.
    o.weeding_rate = 0;
    o.years = 5;
    Report h = compute(small_plan(), small_catalog(), o);
    EXPECT_FALSE(h.classes[1].full_year.has_value());
    EXPECT_EQ(h.classes[2].full_year, 2031);
}
