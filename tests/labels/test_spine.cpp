// Spine labels: call numbers split into class number / book number / volume and copy marks.
#include <gtest/gtest.h>

#include "shuxiang/labels/spine.hpp"

using shuxiang::labels::break_class_number;
using shuxiang::labels::spine_lines;
using Lines = std::vector<std::string>;

TEST(SpineLines, ClassThenBookNumber) {
    EXPECT_EQ(spine_lines("I287.45/123"), (Lines{"I287.45", "123"}));
    EXPECT_EQ(spine_lines("TP312-62/L45"), (Lines{"TP312-62", "L45"}));
    EXPECT_EQ(spine_lines("K825.6=7/5"), (Lines{"K825.6=7", "5"}));
    EXPECT_EQ(spine_lines("I247.57"), (Lines{"I247.57"}));
}

TEST(SpineLines, VolumeAndCopyMarksOnTheThirdLine) {
    EXPECT_EQ(spine_lines("I247.5/456:2"), (Lines{"I247.5", "456", ":2"}));
    EXPECT_EQ(spine_lines("TP311.13/7(2)"), (Lines{"TP311.13", "7", "(2)"}));
    EXPECT_EQ(spine_lines("Z228.1/5=2"), (Lines{"Z228.1", "5", "=2"}));
    EXPECT_EQ(spine_lines("I287.45/12v.3"), (Lines{"I287.45", "12", "v.3"}));
    EXPECT_EQ(spine_lines("I287.45/12#3"), (Lines{"I287.45", "12", "#3"}));
    EXPECT_EQ(spine_lines("I247.5/88 上"), (Lines{"I247.5", "88", "上"}));
    // Full-width input is printed half-width.
    EXPECT_EQ(spine_lines("Ｉ２８７．４５／１２３"), (Lines{"I287.45", "123"}));
}

TEST(SpineLines, LongClassNumbersBreakAtTheDots) {
    // G624.23-44 is 10 characters: on an 8-character label it breaks before its '.'.
    EXPECT_EQ(spine_lines("G624.23-44/12", 8), (Lines{"G624", ".23-44", "12"}));
    EXPECT_EQ(spine_lines("G624.23-44/12", 10), (Lines{"G624.23-44", "12"}));
    EXPECT_EQ(break_class_number("TP311.138.2", 8), (Lines{"TP311", ".138.2"}));
    EXPECT_EQ(break_class_number("TP311.138.2", 5), (Lines{"TP311", ".138", ".2"}));
    // No '.' within reach: an auxiliary mark, then a plain cut.
    EXPECT_EQ(break_class_number("TP312-62", 6), (Lines{"TP312", "-62"}));
    EXPECT_EQ(break_class_number("TP31234567", 6), (Lines{"TP3123", "4567"}));
}

TEST(SpineLines, UnparsedCallNumbersStillPrint) {
    EXPECT_EQ(spine_lines("本地/12"), (Lines{"本地", "12"}));
    EXPECT_TRUE(spine_lines("  ").empty());
}
