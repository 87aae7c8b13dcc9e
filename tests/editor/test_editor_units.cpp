// Unit tests of the editor's GL-free parts: scene building, triangulation, cameras.
#include <gtest/gtest.h>

#include <cmath>

#include "render/camera.hpp"
#include "render/dimensions.hpp"
#include "render/scene.hpp"
#include "shuxiang/plan/furniture.hpp"

using namespace shuxiang;
using editor::Camera;
using editor::ViewMode;

namespace {

double tri_area(const std::vector<plan::Vec2>& p, const std::array<int, 3>& t) {
    const auto& a = p[static_cast<std::size_t>(t[0])];
    const auto& b = p[static_cast<std::size_t>(t[1])];
    const auto& c = p[static_cast<std::size_t>(t[2])];
    return std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) / 2;
}

}  // namespace

TEST(EditorScene, TriangulatesAnLShapedRoomIntoItsArea) {
    // L shape: 6 × 4 minus the 3 × 2 top-right corner = 18 m², 6 vertices → 4 triangles.
    const std::vector<plan::Vec2> l{{0, 0}, {6, 0}, {6, 2}, {3, 2}, {3, 4}, {0, 4}};
    const auto tris = editor::triangulate(l);
    ASSERT_EQ(tris.size(), 4u);
    double sum = 0;
    for (const auto& t : tris) sum += tri_area(l, t);
    EXPECT_NEAR(sum, 18.0, 1e-9);
    // Clockwise input gives the same area.
    std::vector<plan::Vec2> cw(l.rbegin(), l.rend());
    sum = 0;
    for (const auto& t : editor::triangulate(cw)) sum += tri_area(cw, t);
    EXPECT_NEAR(sum, 18.0, 1e-9);
}

TEST(EditorScene, DoubleRangeIsPanelsBoardsAndSpines) {
    const auto& cat = plan::FurnitureCatalog::builtin();
    const auto* t = cat.find("shelf_double_steel_1800");
    ASSERT_NE(t, nullptr);
    ASSERT_EQ(t->sections, 4);
    ASSERT_EQ(t->shelf_levels, 5);
    plan::Level l;
    l.id = "L1";
    l.furniture.push_back({"f1", "shelf_double_steel_1800", {5, 4}, 0, "", std::nullopt});
    const auto s = editor::build_scene(l, cat);
    // 1 middle panel + 2 end panels + 3 uprights between sections + a kick plinth + (5 + 1) boards.
    EXPECT_EQ(s.boxes.size(), 13u);
    // Spines fill 80 % of each of 4 sections × 5 levels × 2 faces with 18–40 mm books.
    const double usable = 0.9 - 2 * 0.02;
    const double shelves = 4 * 5 * 2;
    EXPECT_GE(static_cast<double>(s.books.size()), shelves * std::floor(usable * 0.8 / 0.040));
    EXPECT_LE(static_cast<double>(s.books.size()), shelves * std::ceil(usable * 0.8 / 0.018 + 1));
    ASSERT_EQ(s.furniture.size(), 1u);
    EXPECT_FLOAT_EQ(s.furniture[0].half.x, 1.8f);
    EXPECT_FLOAT_EQ(s.furniture[0].half.y, 0.25f);
    EXPECT_FLOAT_EQ(s.furniture[0].center.z, 0.9f);
    // More sections give more spines, the same number of draw calls.
    l.furniture[0].sections = 8;
    EXPECT_GT(editor::build_scene(l, cat).books.size(), s.books.size() * 3 / 2);
}

TEST(EditorScene, DoorCutsTheWallAndWindowKeepsSillAndLintel) {
    plan::Level l;
    l.id = "L1";
    l.walls.push_back({"w", {{0, 0}, {10, 0}}, 0.2, 3.0});
    l.openings.push_back({"d", plan::OpeningKind::Door, "w", 3.0, 1.0, 2.1, 0, plan::DoorSwing::Left, plan::WallSide::Left, false});
    l.openings.push_back({"win", plan::OpeningKind::Window, "w", 7.0, 2.0, 1.5, 0.9, plan::DoorSwing::None, plan::WallSide::Left, false});
    const auto s = editor::build_scene(l, plan::FurnitureCatalog::builtin());
    // Door: threshold mark + lintel + frame (2 jambs, head) + its leaf; window: wall under the sill +
    // lintel + frame (2 jambs, head, sill, mullion), its pane apart as glass; 3 solid spans.
    EXPECT_EQ(s.boxes.size(), 6u + 7u + 3u);
    EXPECT_EQ(s.glass.size(), 1u);
    double solid_len = 0;
    for (const auto& b : s.boxes) {
        const float len = glm::length(glm::vec3(b.model[0]));
        const float h = glm::length(glm::vec3(b.model[2]));
        if (std::abs(h - 3.0f) < 1e-4f) solid_len += len;
    }
    // 10 m + half a thickness at each end, less the 1 m door and the 2 m window.
    EXPECT_NEAR(solid_len, 10.2 - 3.0, 1e-4);
}

TEST(EditorCamera, ZoomKeepsTheFloorPointUnderTheCursor) {
    for (ViewMode m : {ViewMode::Orbit3D, ViewMode::Top}) {
        Camera c;
        c.mode = m;
        c.target = {3, 4, 0};
        const glm::vec2 cursor(0.8f, 0.3f);
        glm::vec3 before(0.f), after(0.f);
        ASSERT_TRUE(editor::intersect_plane_z(c.ray(cursor, 1.5f), 0, before));
        c.zoom_at(cursor, 1.5f, 0.5f);
        ASSERT_TRUE(editor::intersect_plane_z(c.ray(cursor, 1.5f), 0, after));
        EXPECT_NEAR(before.x, after.x, 1e-3);
        EXPECT_NEAR(before.y, after.y, 1e-3);
    }
}

TEST(EditorCamera, WalkViewIsAtPupilEyeHeightAndTopViewLooksDown) {
    Camera c;
    c.mode = ViewMode::Walk;
    c.target = {2, 3, 0};
    EXPECT_FLOAT_EQ(c.eye().z, 1.2f);
    c.mode = ViewMode::Top;
    const auto r = c.ray({0.5f, 0.5f}, 1.f);
    EXPECT_NEAR(r.dir.z, -1.f, 1e-6);
    EXPECT_NEAR(r.origin.x, 2.f, 1e-4);
    EXPECT_NEAR(r.origin.y, 3.f, 1e-4);
}

TEST(EditorCamera, FrameAllFitsTheBoxInTheTopView) {
    Camera c;
    c.mode = ViewMode::Top;
    c.frame({0, 0, 0}, {10, 8, 3}, 2.0f);
    EXPECT_FLOAT_EQ(c.target.x, 5.f);
    EXPECT_FLOAT_EQ(c.target.y, 4.f);
    EXPECT_FLOAT_EQ(c.top_half_height, 4.f * 1.1f + 0.5f);  // max(8 / 2, 10 / 2 / 2) · 1.1 + 0.5
}

TEST(EditorDimensions, WallSegmentsAreMeasuredOnTheOutsideAndFurnitureOnItsOwnAxes) {
    plan::Level l;
    l.rooms.push_back({"r", "R", plan::RoomKind::Reading, {{0, 0}, {10, 0}, {10, 8}, {0, 8}}, 3.0});
    // An L of two segments along the south and east sides, 0.2 m thick; a short inner wall.
    l.walls.push_back({"outer", {{0, 0}, {10, 0}, {10, 8}}, 0.2, 3.0});
    l.walls.push_back({"inner", {{4, 0}, {4, 3}}, 0.1, 3.0});
    const auto d = editor::wall_dimensions(l, 0.4);
    ASSERT_EQ(d.size(), 3u);
    EXPECT_EQ(d[0].owner, "outer");
    EXPECT_FLOAT_EQ(static_cast<float>(d[0].length), 10.f);
    // South side: the middle of the rooms is (5, 4), so the line goes south by 0.1 + 0.4 m.
    EXPECT_NEAR(d[0].line_from.y, -0.5f, 1e-5);
    EXPECT_NEAR(d[0].line_to.x, 10.f, 1e-5);
    EXPECT_FLOAT_EQ(static_cast<float>(d[1].length), 8.f);
    EXPECT_NEAR(d[1].line_from.x, 10.5f, 1e-5);  // east side: east of the wall
    EXPECT_FLOAT_EQ(static_cast<float>(d[2].length), 3.f);
    EXPECT_NEAR(d[2].line_from.x, 3.55f, 1e-5);  // the inner wall lies west of the middle: set off westwards
    // A 4-section range turned 90°: width 4 × section along +y, depth across x.
    const auto& cat = plan::FurnitureCatalog::builtin();
    const plan::FurnitureType* t = cat.find("shelf_double_steel_1800");
    ASSERT_NE(t, nullptr);
    plan::Furniture f;
    f.id = "f1";
    f.type = t->id;
    f.position = {5, 4};
    f.yaw_deg = 90;
    f.sections = 4;
    const auto fd = editor::furniture_dimensions(f, *t, 0.3);
    ASSERT_EQ(fd.size(), 2u);
    EXPECT_NEAR(fd[0].length, 4 * t->section_width, 1e-5);
    EXPECT_NEAR(fd[1].length, t->depth, 1e-5);
    // Width runs along the item's x axis, now +y; its line sits 0.3 m beyond the item's -y side (+x in plan).
    EXPECT_NEAR(fd[0].line_from.x, 5 + t->depth / 2 + 0.3, 1e-4);
    EXPECT_NEAR(fd[0].line_to.y - fd[0].line_from.y, 4 * t->section_width, 1e-4);
}

// ---- the walk view's first standpoint (app/editor.cpp)

#include "app/editor.hpp"
#include "shuxiang/plan/geometry.hpp"

TEST(EditorWalk, StartsInsideTheEntranceFacingIntoTheRoom) {
    // sim-room: a 12 × 8 m reading room, its entrance a 1.8 m door in the south wall at x = 6.
    editor::Editor ed;
    ASSERT_TRUE(ed.open(std::string(SHUXIANG_TEST_DATA_DIR) + "/editor/sim-room.sxplan.json").ok);
    ed.camera().target = {20.f, 20.f, 0.f};  // wherever the orbit view was looking
    ed.set_view(ViewMode::Walk, 1.5f);
    const Camera& c = ed.camera();
    EXPECT_NEAR(c.target.x, 6.0, 1e-5);
    EXPECT_NEAR(c.target.y, 1.0, 1e-5);  // a metre in from the doorway, inside
    EXPECT_NEAR(c.yaw_deg, 90.0, 1e-4);  // facing north, into the room
    EXPECT_FLOAT_EQ(c.pitch_deg, 0.f);
    const glm::vec3 ahead = c.eye() + 3.f * glm::normalize(glm::vec3(std::cos(glm::radians(c.yaw_deg)), std::sin(glm::radians(c.yaw_deg)), 0.f));
    EXPECT_NE(plan::room_at(*ed.level(), {ahead.x, ahead.y}), nullptr);
}

TEST(EditorWalk, TheEntranceBeforeOtherDoorsAndTheSideWithTheRoom) {
    // A 10 × 6 room whose north wall runs east to west: its door 2 m along it leads in southwards.
    plan::Level l;
    plan::Room r;
    r.id = "R1";
    r.polygon = {{0, 0}, {10, 0}, {10, 6}, {0, 6}};
    l.rooms.push_back(r);
    plan::Wall n;
    n.id = "wn";
    n.points = {{10, 6}, {0, 6}};
    plan::Wall w = n;
    w.id = "ww";
    w.points = {{0, 6}, {0, 0}};
    l.walls = {n, w};
    plan::Opening plain;
    plain.id = "d1";
    plain.wall = "ww";
    plain.offset = 3;
    plain.width = 0.9;
    plan::Opening entrance = plain;
    entrance.id = "d2";
    entrance.wall = "wn";
    entrance.offset = 2;
    entrance.entrance = true;
    l.openings = {plain, entrance};
    auto s = editor::entrance_standpoint(l);
    ASSERT_TRUE(s);
    EXPECT_NEAR(s->position.x, 8.0, 1e-9);
    EXPECT_NEAR(s->position.y, 5.0, 1e-9);
    EXPECT_NEAR(std::fmod(s->yaw_deg + 360.0, 360.0), 270.0, 1e-9);  // south, into the room
    // Without an entrance the first door serves: 3 m along the west wall, facing east.
    l.openings = {plain};
    s = editor::entrance_standpoint(l);
    ASSERT_TRUE(s);
    EXPECT_NEAR(s->position.x, 1.0, 1e-9);
    EXPECT_NEAR(s->position.y, 3.0, 1e-9);
    EXPECT_NEAR(s->yaw_deg, 0.0, 1e-9);
    // Only windows: no standpoint (the walk view then stays where the other views looked).
    l.openings.front().kind = plan::OpeningKind::Window;
    EXPECT_FALSE(editor::entrance_standpoint(l));
}
