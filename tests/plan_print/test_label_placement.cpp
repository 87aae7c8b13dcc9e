// Label decluttering: placed labels never overlap, a higher priority is kept where two collide, a
// label that collides moves to a free side before it is dropped.
#include <gtest/gtest.h>

#include <random>

#include "shuxiang/report/label_placement.hpp"

using namespace shuxiang::report;

namespace {

bool overlap(const LabelBox& a, const LabelPlacement& pa, const LabelBox& b, const LabelPlacement& pb) {
    const double ax = a.x + pa.dx, ay = a.y + pa.dy, bx = b.x + pb.dx, by = b.y + pb.dy;
    return ax < bx + b.w && bx < ax + a.w && ay < by + b.h && by < ay + a.h;
}

}  // namespace

TEST(LabelPlacement, LabelsApartStayWhereTheyAre) {
    const auto p = place_labels({{0, 0, 10, 4, 1}, {20, 0, 10, 4, 1}});
    ASSERT_EQ(p.size(), 2u);
    for (const auto& x : p) {
        EXPECT_TRUE(x.placed);
        EXPECT_EQ(x.dx, 0);
        EXPECT_EQ(x.dy, 0);
    }
}

TEST(LabelPlacement, TheHigherPriorityKeepsItsPlaceTheOtherMoves) {
    // A dimension (priority 1) given first, a room name (3) on top of it.
    const std::vector<LabelBox> boxes{{0, 0, 10, 4, 1}, {2, 1, 10, 4, 3}};
    const auto p = place_labels(boxes, 2);
    EXPECT_TRUE(p[1].placed);
    EXPECT_EQ(p[1].dx, 0);
    EXPECT_EQ(p[1].dy, 0);
    ASSERT_TRUE(p[0].placed);
    EXPECT_EQ(p[0].dx, 0);
    EXPECT_EQ(p[0].dy, -6);  // just above the room name: its height plus the gap
    EXPECT_FALSE(overlap(boxes[0], p[0], boxes[1], p[1]));
}

TEST(LabelPlacement, ALabelWithNoFreeSideIsDropped) {
    // A room name with labels already round it on every side, and a dimension wanting its place.
    const std::vector<LabelBox> keep{{0, -6, 10, 4, 9}, {0, 6, 10, 4, 9}, {12, 0, 10, 4, 9}, {-12, 0, 10, 4, 9}};
    const auto p = place_labels({{0, 0, 10, 4, 3}, {1, 1, 10, 4, 1}}, 2, keep);
    EXPECT_TRUE(p[0].placed);
    EXPECT_FALSE(p[1].placed);
}

TEST(LabelPlacement, NoTwoPlacedLabelsOverlapAndEveryDropHadAHigherOrEqualNeighbour) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> pos(0, 200), size(5, 40);
    std::uniform_int_distribution<int> prio(1, 3);
    std::vector<LabelBox> boxes;
    for (int i = 0; i < 300; ++i) boxes.push_back({pos(rng), pos(rng), size(rng), size(rng) / 4, prio(rng)});
    const auto p = place_labels(boxes, 1);
    int placed = 0;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        if (!p[i].placed) {
            // A dropped label's own place was taken by a label of at least its priority.
            bool blocked = false;
            for (std::size_t j = 0; j < boxes.size(); ++j)
                if (j != i && p[j].placed && boxes[j].priority >= boxes[i].priority &&
                    overlap(boxes[i], LabelPlacement{true, 0, 0}, boxes[j], p[j]))
                    blocked = true;
            EXPECT_TRUE(blocked) << i;
            continue;
        }
        ++placed;
        for (std::size_t j = i + 1; j < boxes.size(); ++j)
            if (p[j].placed) {
                EXPECT_FALSE(overlap(boxes[i], p[i], boxes[j], p[j])) << i << " " << j;
            }
    }
    EXPECT_GT(placed, 50);
}
