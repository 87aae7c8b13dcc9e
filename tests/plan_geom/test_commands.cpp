// Commands and history without any UI: do/undo/redo restore exact equality; merging; composite;
// the version counter and the saved state.
#include <gtest/gtest.h>

#include "shuxiang/plan/commands.hpp"
#include "shuxiang/plan/history.hpp"
#include "test_support.hpp"

using namespace shuxiang::plan;
using namespace sxtest;

namespace {

Plan base_plan() {
    Plan p;
    p.school.name = "测试小学";
    p.school.students.primary = 600;
    Level l;
    l.id = "L1";
    l.name = "一层";
    l.rooms.push_back(rect_room("reading", RoomKind::Reading, 0, 0, 10, 8));
    l.rooms.push_back(rect_room("stacks", RoomKind::Stacks, 10, 0, 16, 8));
    l.walls.push_back(wall("w1", {{0, 0}, {16, 0}}, 0.24));
    l.walls.push_back(wall("w2", {{10, 0}, {10, 8}}, 0.12));
    l.openings.push_back(door("o1", "w1", 3, true));
    l.openings.push_back(door("o2", "w2", 4));
    l.openings.push_back(door("o3", "w1", 12));
    l.furniture.push_back(item("f1", "table6", 2.1, 2.3));
    l.furniture.push_back(item("f2", "table6", 5.7, 2.3));
    l.furniture.push_back(item("f3", "dbl", 13, 4, 90));
    p.levels.push_back(l);
    return p;
}

// Executes, checks the change, undoes to the exact original, redoes to the exact changed plan.
void round_trip(std::unique_ptr<Command> cmd, const std::function<void(const Plan&)>& check_changed) {
    const Plan p0 = base_plan();
    History h(p0);
    ASSERT_TRUE(h.execute(std::move(cmd)));
    EXPECT_NE(h.plan(), p0);
    check_changed(h.plan());
    const Plan p1 = h.plan();
    ASSERT_TRUE(h.undo());
    EXPECT_EQ(h.plan(), p0);
    ASSERT_TRUE(h.redo());
    EXPECT_EQ(h.plan(), p1);
    ASSERT_TRUE(h.undo());
    EXPECT_EQ(h.plan(), p0);
}

const Level& L(const Plan& p) { return p.levels.at(0); }

}  // namespace

TEST(PlanCommands, FurnitureAddRemoveChange) {
    round_trip(std::make_unique<AddFurniture>("L1", item("f4", "sofa", 3, 6), 1), [](const Plan& p) {
        ASSERT_EQ(L(p).furniture.size(), 4u);
        EXPECT_EQ(L(p).furniture[1].id, "f4");  // inserted at the index asked for
    });
    round_trip(std::make_unique<RemoveFurniture>("L1", "f2"), [](const Plan& p) {
        ASSERT_EQ(L(p).furniture.size(), 2u);
        EXPECT_EQ(L(p).furniture[1].id, "f3");
    });
    Furniture changed = item("f3", "dbl", 13.1, 4.2, 30);
    changed.sections = 4;
    changed.label = "A1";
    round_trip(std::make_unique<ChangeFurniture>("L1", std::vector<Furniture>{changed}), [&](const Plan& p) {
        EXPECT_EQ(L(p).furniture[2], changed);
    });
}

TEST(PlanCommands, RoomsWallsOpenings) {
    round_trip(std::make_unique<AddRoom>("L1", rect_room("rest", RoomKind::Rest, 1, 5, 4, 8)),
               [](const Plan& p) { EXPECT_EQ(L(p).rooms.back().id, "rest"); });
    round_trip(std::make_unique<RemoveRoom>("L1", "reading"), [](const Plan& p) {
        ASSERT_EQ(L(p).rooms.size(), 1u);
        EXPECT_EQ(L(p).rooms[0].id, "stacks");
    });
    Room bigger = rect_room("stacks", RoomKind::Stacks, 10, 0, 18, 8);
    round_trip(std::make_unique<ChangeRooms>("L1", std::vector<Room>{bigger}),
               [&](const Plan& p) { EXPECT_EQ(L(p).rooms[1], bigger); });
    round_trip(std::make_unique<AddWall>("L1", wall("w3", {{0, 8}, {16, 8}}, 0.24)),
               [](const Plan& p) { EXPECT_EQ(L(p).walls.size(), 3u); });
    // Removing w1 also removes its openings o1 and o3 (one step); undo puts all three back in place.
    round_trip(std::make_unique<RemoveWall>("L1", "w1"), [](const Plan& p) {
        ASSERT_EQ(L(p).walls.size(), 1u);
        ASSERT_EQ(L(p).openings.size(), 1u);
        EXPECT_EQ(L(p).openings[0].id, "o2");
    });
    round_trip(std::make_unique<AddOpening>("L1", door("o4", "w2", 7)),
               [](const Plan& p) { EXPECT_EQ(L(p).openings.back().id, "o4"); });
    round_trip(std::make_unique<RemoveOpening>("L1", "o2"),
               [](const Plan& p) { EXPECT_EQ(L(p).openings.size(), 2u); });
    Opening wider = L(base_plan()).openings[1];
    wider.width = 1.5;
    wider.swing = DoorSwing::Double;
    round_trip(std::make_unique<ChangeOpenings>("L1", std::vector<Opening>{wider}),
               [&](const Plan& p) { EXPECT_EQ(L(p).openings[1], wider); });
}

TEST(PlanCommands, LevelsSchoolAndPlanInfo) {
    Level l2;
    l2.id = "L2";
    l2.elevation = 4.2;
    l2.rooms.push_back(rect_room("r2", RoomKind::Research, 0, 0, 6, 6));
    round_trip(std::make_unique<AddLevel>(l2), [](const Plan& p) { EXPECT_EQ(p.levels.size(), 2u); });
    round_trip(std::make_unique<RemoveLevel>("L1"), [](const Plan& p) { EXPECT_TRUE(p.levels.empty()); });
    School s = base_plan().school;
    s.name = "岳阳市示范小学";
    s.type = SchoolType::NineYear;
    s.students.junior = 300;
    round_trip(std::make_unique<SetSchool>(s), [&](const Plan& p) { EXPECT_EQ(p.school, s); });
    round_trip(std::make_unique<SetPlanInfo>("notes", 45), [](const Plan& p) {
        EXPECT_EQ(p.notes, "notes");
        EXPECT_EQ(p.opening_hours_per_week, 45);
    });
}

TEST(PlanCommands, RefusedCommandsLeaveNoTrace) {
    const Plan p0 = base_plan();
    History h(p0);
    EXPECT_FALSE(h.execute(std::make_unique<AddFurniture>("L1", item("f1", "sofa", 0, 0))));   // id taken
    EXPECT_FALSE(h.execute(std::make_unique<AddFurniture>("L1", item("w1", "sofa", 0, 0))));   // id of a wall
    EXPECT_FALSE(h.execute(std::make_unique<AddFurniture>("L9", item("f9", "sofa", 0, 0))));   // no level
    EXPECT_FALSE(h.execute(std::make_unique<AddOpening>("L1", door("o9", "nowall", 1))));      // no wall
    EXPECT_FALSE(h.execute(std::make_unique<RemoveRoom>("L1", "nothing")));
    EXPECT_FALSE(h.execute(std::make_unique<ChangeFurniture>("L1", std::vector<Furniture>{item("zz", "dbl", 0, 0)})));
    Level dup;
    dup.id = "L1";
    EXPECT_FALSE(h.execute(std::make_unique<AddLevel>(dup)));
    EXPECT_FALSE(h.execute(nullptr));
    EXPECT_EQ(move_furniture(p0, "L1", {"f1", "nope"}, {1, 0}), nullptr);
    EXPECT_EQ(h.plan(), p0);
    EXPECT_EQ(h.undo_count(), 0u);
    EXPECT_TRUE(h.is_saved());
    EXPECT_EQ(h.version(), 0u);
}

TEST(PlanCommands, ContinuousMovesMergeUntilSealed) {
    const Plan p0 = base_plan();
    History h(p0);
    // A drag of {f1, f2}: three moves of 0.1 m east merge into one undo step.
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(h.execute(move_furniture(h.plan(), "L1", {"f1", "f2"}, {0.1, 0})));
    EXPECT_EQ(h.undo_count(), 1u);
    EXPECT_EQ(h.undo_label(), "cmd.move_furniture");
    // 2.1 + 0.1 + 0.1 + 0.1 ≈ 2.4 and 5.7 + 0.3 ≈ 6.0 (floating sums, compared with a tolerance).
    EXPECT_NEAR(L(h.plan()).furniture[0].position.x, 2.4, 1e-12);
    EXPECT_NEAR(L(h.plan()).furniture[1].position.x, 6.0, 1e-12);
    const Plan dragged = h.plan();
    // The same set named in another order is the same set.
    ASSERT_TRUE(h.execute(move_furniture(h.plan(), "L1", {"f2", "f1"}, {0, 0.5})));
    EXPECT_EQ(h.undo_count(), 1u);
    const Plan dragged2 = h.plan();
    // Undo restores the exact positions before the whole drag; redo the exact end of it.
    ASSERT_TRUE(h.undo());
    EXPECT_EQ(h.plan(), p0);
    ASSERT_TRUE(h.redo());
    EXPECT_EQ(h.plan(), dragged2);

    // After redo (and after seal) the next move starts a new step.
    ASSERT_TRUE(h.execute(move_furniture(h.plan(), "L1", {"f1", "f2"}, {1, 0})));
    EXPECT_EQ(h.undo_count(), 2u);
    h.seal();
    ASSERT_TRUE(h.execute(move_furniture(h.plan(), "L1", {"f1", "f2"}, {1, 0})));
    EXPECT_EQ(h.undo_count(), 3u);
    // Another set, another tag or allow_merge = false do not merge.
    ASSERT_TRUE(h.execute(move_furniture(h.plan(), "L1", {"f1"}, {1, 0})));
    EXPECT_EQ(h.undo_count(), 4u);
    ASSERT_TRUE(h.execute(rotate_furniture(h.plan(), "L1", {"f1"}, 45)));
    EXPECT_EQ(h.undo_count(), 5u);
    ASSERT_TRUE(h.execute(rotate_furniture(h.plan(), "L1", {"f1"}, 50)));
    EXPECT_EQ(h.undo_count(), 5u);
    EXPECT_EQ(L(h.plan()).furniture[0].yaw_deg, 50);
    ASSERT_TRUE(h.execute(rotate_furniture(h.plan(), "L1", {"f1"}, 55), false));
    EXPECT_EQ(h.undo_count(), 6u);
    // An unmergeable change (no tag) never merges.
    Furniture f3 = L(h.plan()).furniture[2];
    f3.label = "B";
    ASSERT_TRUE(h.execute(std::make_unique<ChangeFurniture>("L1", std::vector<Furniture>{f3})));
    f3.label = "C";
    ASSERT_TRUE(h.execute(std::make_unique<ChangeFurniture>("L1", std::vector<Furniture>{f3})));
    EXPECT_EQ(h.undo_count(), 8u);
    while (h.undo()) {
    }
    EXPECT_EQ(h.plan(), p0);
    EXPECT_EQ(h.redo_count(), 8u);
    (void)dragged;
}

TEST(PlanCommands, SchoolFormEditsMerge) {
    const Plan p0 = base_plan();
    History h(p0);
    School s = p0.school;
    for (const char* name : {"岳", "岳阳", "岳阳市"}) {
        s.name = name;
        ASSERT_TRUE(h.execute(std::make_unique<SetSchool>(s)));
    }
    EXPECT_EQ(h.undo_count(), 1u);
    EXPECT_EQ(h.plan().school.name, "岳阳市");
    h.undo();
    EXPECT_EQ(h.plan(), p0);
}

TEST(PlanCommands, CompositeIsOneStep) {
    const Plan p0 = base_plan();
    History h(p0);
    std::vector<std::unique_ptr<Command>> cmds;
    cmds.push_back(std::make_unique<AddFurniture>("L1", item("f4", "sofa", 3, 6)));
    cmds.push_back(move_furniture(p0, "L1", {"f1"}, {0.5, 0.5}));
    cmds.push_back(std::make_unique<RemoveFurniture>("L1", "f2"));
    ASSERT_TRUE(h.execute(std::make_unique<CompositeCommand>("cmd.paste", std::move(cmds))));
    EXPECT_EQ(h.undo_count(), 1u);
    EXPECT_EQ(h.undo_label(), "cmd.paste");
    ASSERT_EQ(L(h.plan()).furniture.size(), 3u);  // f1, f3, f4
    EXPECT_NEAR(L(h.plan()).furniture[0].position.x, 2.6, 1e-12);  // 2.1 + 0.5
    EXPECT_NEAR(L(h.plan()).furniture[0].position.y, 2.8, 1e-12);  // 2.3 + 0.5
    const Plan p1 = h.plan();
    h.undo();
    EXPECT_EQ(h.plan(), p0);
    h.redo();
    EXPECT_EQ(h.plan(), p1);

    // A composite whose third part cannot apply leaves the plan as it was and records nothing.
    History h2(p0);
    std::vector<std::unique_ptr<Command>> bad;
    bad.push_back(std::make_unique<AddFurniture>("L1", item("f5", "sofa", 3, 6)));
    bad.push_back(std::make_unique<RemoveFurniture>("L1", "f1"));
    bad.push_back(std::make_unique<RemoveFurniture>("L1", "f1"));  // already removed by the second
    EXPECT_FALSE(h2.execute(std::make_unique<CompositeCommand>("cmd.bad", std::move(bad))));
    EXPECT_EQ(h2.plan(), p0);
    EXPECT_EQ(h2.undo_count(), 0u);
}

TEST(PlanCommands, VersionCounterAndSavedState) {
    History h(base_plan());
    EXPECT_TRUE(h.is_saved());
    const auto v0 = h.version();
    ASSERT_TRUE(h.execute(std::make_unique<RemoveFurniture>("L1", "f1")));
    EXPECT_NE(h.version(), v0);
    EXPECT_FALSE(h.is_saved());
    h.undo();  // back to the saved state
    EXPECT_EQ(h.version(), v0);
    EXPECT_TRUE(h.is_saved());
    h.redo();
    EXPECT_FALSE(h.is_saved());
    h.mark_saved();
    const auto v1 = h.version();
    EXPECT_TRUE(h.is_saved());
    ASSERT_TRUE(h.execute(std::make_unique<RemoveFurniture>("L1", "f2")));
    EXPECT_FALSE(h.is_saved());
    h.undo();
    EXPECT_TRUE(h.is_saved());
    EXPECT_EQ(h.version(), v1);
    h.undo();
    EXPECT_FALSE(h.is_saved());
    // A new edit here discards the redo branch, and with it the saved state.
    ASSERT_TRUE(h.execute(std::make_unique<RemoveFurniture>("L1", "f3")));
    EXPECT_FALSE(h.can_redo());
    EXPECT_FALSE(h.is_saved());
    h.undo();
    EXPECT_FALSE(h.is_saved());  // v0 is not the saved state: v1 was, and it is gone
    EXPECT_EQ(h.version(), v0);
    h.redo();
    EXPECT_FALSE(h.is_saved());
    EXPECT_NE(h.version(), v1);

    // Saved in the middle of a drag: the merged step ends in a state that was never saved.
    History d(base_plan());
    ASSERT_TRUE(d.execute(move_furniture(d.plan(), "L1", {"f1"}, {1, 0})));
    d.mark_saved();
    ASSERT_TRUE(d.execute(move_furniture(d.plan(), "L1", {"f1"}, {1, 0})));
    EXPECT_EQ(d.undo_count(), 1u);
    EXPECT_FALSE(d.is_saved());
    d.undo();
    EXPECT_FALSE(d.is_saved());
    d.redo();
    EXPECT_FALSE(d.is_saved());

    // reset() opens a new document: saved, empty history.
    h.reset(base_plan());
    EXPECT_TRUE(h.is_saved());
    EXPECT_FALSE(h.can_undo());
    EXPECT_FALSE(h.can_redo());
    EXPECT_EQ(h.plan(), base_plan());
}
