// The sheet's layout: the largest true scale that fits, the orientation, the paper names and the
// level named on the command line.
#include <gtest/gtest.h>

#include "shuxiang/plan_print/sheet.hpp"
#include "shuxiang/util/error.hpp"

using namespace shuxiang;
using namespace shuxiang::plan_print;

TEST(SheetLayout, TwelveByEightRoomIsOneToHundredOnA4AndOneToFiftyOnA3) {
    const auto a4 = choose_layout(12, 8, Paper::A4);
    ASSERT_TRUE(a4);
    EXPECT_EQ(a4->scale, 100);
    EXPECT_TRUE(a4->landscape);
    EXPECT_DOUBLE_EQ(a4->page_w, 297);
    EXPECT_DOUBLE_EQ(a4->page_h, 210);
    const auto a3 = choose_layout(12, 8, Paper::A3);
    ASSERT_TRUE(a3);
    EXPECT_EQ(a3->scale, 50);
    EXPECT_DOUBLE_EQ(a3->page_w, 420);
    EXPECT_DOUBLE_EQ(a3->page_h, 297);
}

TEST(SheetLayout, ThePlanWithItsMarginFitsTheDrawingFrameAtTheChosenScale) {
    for (auto [w, h] : {std::pair{3.0, 2.0}, {12.0, 8.0}, {30.0, 18.0}, {8.0, 40.0}, {60.0, 45.0}, {150.0, 90.0}})
        for (Paper paper : {Paper::A4, Paper::A3}) {
            const auto l = choose_layout(w, h, paper);
            ASSERT_TRUE(l) << w << " × " << h;
            EXPECT_LE((w + 2 * kDrawingMargin) * l->mm_per_m(), l->drawing.w + 1e-9);
            EXPECT_LE((h + 2 * kDrawingMargin) * l->mm_per_m(), l->drawing.h + 1e-9);
            // The drawing frame and the panel stay on the page, side by side.
            EXPECT_LE(l->drawing.x + l->drawing.w, l->panel.x);
            EXPECT_LE(l->panel.x + l->panel.w, l->page_w);
        }
}

TEST(SheetLayout, ATallPlanPrintsPortrait) {
    const auto l = choose_layout(8, 20, Paper::A4);
    ASSERT_TRUE(l);
    EXPECT_FALSE(l->landscape);
    EXPECT_EQ(l->scale, 100);
    EXPECT_DOUBLE_EQ(l->page_w, 210);
}

TEST(SheetLayout, ASiteTooLargeForThePaperHasNoLayout) {
    EXPECT_FALSE(choose_layout(400, 300, Paper::A4));
    EXPECT_TRUE(choose_layout(170, 150, Paper::A4));
}

TEST(SheetLayout, PaperNames) {
    EXPECT_EQ(paper_from_string("A4"), Paper::A4);
    EXPECT_EQ(paper_from_string("a3"), Paper::A3);
    EXPECT_FALSE(paper_from_string("A5"));
    EXPECT_FALSE(paper_from_string("letter"));
    EXPECT_STREQ(to_string(Paper::A3), "A3");
}

TEST(SheetLayout, LevelsByNumberOrId) {
    plan::Plan p;
    p.levels.resize(2);
    p.levels[0].id = "L1";
    p.levels[1].id = "2F";
    EXPECT_EQ(level_index(p, "1"), 0u);
    EXPECT_EQ(level_index(p, "2"), 1u);
    EXPECT_EQ(level_index(p, "2F"), 1u);
    EXPECT_THROW(level_index(p, "3"), InputError);
    EXPECT_THROW(level_index(p, "0"), InputError);
    EXPECT_THROW(level_index(p, "roof"), InputError);
}
