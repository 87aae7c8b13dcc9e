// Label sheet layouts: where label N lies, --start-at, page counts.
#include <gtest/gtest.h>

#include "shuxiang/labels/layout.hpp"

using namespace shuxiang::labels;

TEST(LabelLayout, A4ThreeByEightPositions) {
    const SheetLayout* l = find_layout("a4-3x8");
    ASSERT_NE(l, nullptr);
    EXPECT_EQ(l->per_sheet(), 24);
    // 3 × 70 mm fill the 210 mm width; 8 × 37 = 296 mm leave 0.5 mm top and bottom.
    auto first = slot_place(*l, 0);
    EXPECT_DOUBLE_EQ(first.x, 0);
    EXPECT_DOUBLE_EQ(first.y, 0.5);
    auto fifth = slot_place(*l, 4);  // row 2, column 2
    EXPECT_EQ(fifth.page, 0);
    EXPECT_DOUBLE_EQ(fifth.x, 70);
    EXPECT_DOUBLE_EQ(fifth.y, 0.5 + 37);
    auto last = slot_place(*l, 23);
    EXPECT_DOUBLE_EQ(last.x + last.w, 210);
    EXPECT_DOUBLE_EQ(last.y + last.h, 296.5);
    auto next_sheet = slot_place(*l, 24);
    EXPECT_EQ(next_sheet.page, 1);
    EXPECT_DOUBLE_EQ(next_sheet.x, 0);
    EXPECT_DOUBLE_EQ(next_sheet.y, 0.5);
}

TEST(LabelLayout, GapsAndCentring) {
    const SheetLayout* s = find_layout("a4-spine-30x50");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->per_sheet(), 30);
    // 6 × 30 + 5 × 3 = 195 mm: 7.5 mm each side; 5 × 50 + 4 × 5 = 270 mm: 13.5 mm top.
    EXPECT_DOUBLE_EQ(s->margin_left, 7.5);
    EXPECT_DOUBLE_EQ(s->margin_top, 13.5);
    auto p = slot_place(*s, 7);  // row 2, column 2
    EXPECT_DOUBLE_EQ(p.x, 7.5 + 33);
    EXPECT_DOUBLE_EQ(p.y, 13.5 + 55);
    const SheetLayout* c = find_layout("a4-cards-10");
    ASSERT_NE(c, nullptr);
    EXPECT_DOUBLE_EQ(c->label_w, 85.6);
    EXPECT_DOUBLE_EQ(c->label_h, 54);
    EXPECT_EQ(c->per_sheet(), 10);
    // Every label of every layout lies on its page.
    for (const auto& l : layouts()) {
        for (int i = 0; i < l.per_sheet(); ++i) {
            auto q = slot_place(l, i);
            EXPECT_GE(q.x, 0) << l.name << " " << i;
            EXPECT_GE(q.y, 0) << l.name << " " << i;
            EXPECT_LE(q.x + q.w, l.page_w + 1e-9) << l.name << " " << i;
            EXPECT_LE(q.y + q.h, l.page_h + 1e-9) << l.name << " " << i;
        }
    }
}

TEST(LabelLayout, StartAtSkipsUsedLabels) {
    const SheetLayout& l = default_layout(LabelKind::Item);
    EXPECT_EQ(l.name, "a4-3x8");
    // 22 labels from position 5: 20 fit on the first sheet, 2 go on the second.
    auto places = place_labels(l, 22, 5);
    ASSERT_EQ(places.size(), 22u);
    EXPECT_EQ(places[0].page, 0);
    EXPECT_DOUBLE_EQ(places[0].x, 70);
    EXPECT_DOUBLE_EQ(places[0].y, 0.5 + 37);
    EXPECT_EQ(places[19].page, 0);
    EXPECT_EQ(places[20].page, 1);
    EXPECT_DOUBLE_EQ(places[20].x, 0);
    EXPECT_DOUBLE_EQ(places[20].y, 0.5);
    EXPECT_EQ(page_count(l, 22, 5), 2);
    EXPECT_EQ(page_count(l, 20, 5), 1);
    EXPECT_EQ(page_count(l, 24, 1), 1);
    EXPECT_EQ(page_count(l, 25, 1), 2);
    EXPECT_EQ(page_count(l, 0, 1), 0);
}

TEST(LabelLayout, DefaultsAndUnknownNames) {
    EXPECT_EQ(default_layout(LabelKind::Spine).name, "a4-spine-30x50");
    EXPECT_EQ(default_layout(LabelKind::Card).name, "a4-cards-10");
    EXPECT_EQ(find_layout("a4-2x7"), nullptr);
    const SheetLayout* roll = find_layout("roll-58");
    ASSERT_NE(roll, nullptr);
    EXPECT_DOUBLE_EQ(roll->page_w, 58);
    EXPECT_EQ(page_count(*roll, 3, 1), 3);
}
