// Unit tests of the editor's manipulation tools (GL-free): snapping, gizmo geometry and drags, box
// selection, align / distribute / array, the JSON clipboard, and the actions' undo steps on an Editor.
#include <gtest/gtest.h>

#include <cmath>

#include "app/editor.hpp"
#include "tools/arrange.hpp"
#include "tools/clipboard.hpp"
#include "tools/extent.hpp"
#include "tools/gizmo.hpp"
#include "tools/snap.hpp"

using namespace shuxiang;
using namespace shuxiang::editor;

namespace {

// shelf_double_steel_1800: 4 sections × 0.9 m = 3.6 m along X, 0.5 m deep.
const char* kShelf = "shelf_double_steel_1800";
// table_reading_4: 1.2 × 0.8 m.
const char* kTable = "table_reading_4";

plan::Furniture item(const std::string& id, const std::string& type, double x, double y, double yaw = 0) {
    plan::Furniture f;
    f.id = id;
    f.type = type;
    f.position = {x, y};
    f.yaw_deg = yaw;
    return f;
}

const plan::FurnitureCatalog& cat() { return plan::FurnitureCatalog::builtin(); }

// A projector for a top view: 10 px per metre, the plan origin at pixel (100, 100), y up on the plan.
std::optional<glm::vec2> top10(glm::vec3 p) { return glm::vec2(100.f + 10.f * p.x, 100.f - 10.f * p.y); }

}  // namespace

TEST(ManipSnap, StepsRoundToTheNearestMultiple) {
    EXPECT_NEAR(snap_to_step(1.234, 0.1), 1.2, 1e-12);
    EXPECT_NEAR(snap_to_step(-0.26, 0.5), -0.5, 1e-12);
    EXPECT_DOUBLE_EQ(snap_to_step(1.234, 0), 1.234);
    SnapSettings s;
    // From yaw 10°, a 22° turn would end at 32°: the nearest 15° step is 30°, so the turn is 20°.
    EXPECT_NEAR(snap_rotation(10, 22, s), 20, 1e-12);
    s.enabled = false;
    EXPECT_DOUBLE_EQ(snap_rotation(10, 22, s), 22);
}

TEST(ManipSnap, GridPutsTheFirstItemsCentreOnTheGrid) {
    plan::Level l;
    l.furniture = {item("f1", kShelf, 2.03, 3)};
    SnapSettings s;
    s.grid = 0.5;
    // 2.03 + 1.17 = 3.2 → 3.0; 3 + 0.04 → 3.0.
    const SnapResult r = snap_move(l, cat(), {"f1"}, {1.17, 0.04}, s);
    EXPECT_NEAR(r.offset.x, 0.97, 1e-9);
    EXPECT_NEAR(r.offset.y, 0.0, 1e-9);
    EXPECT_EQ(r.kind_x, SnapKind::Grid);
    EXPECT_EQ(r.kind_y, SnapKind::Grid);
    s.enabled = false;
    const SnapResult off = snap_move(l, cat(), {"f1"}, {1.17, 0.04}, s);
    EXPECT_DOUBLE_EQ(off.offset.x, 1.17);
    EXPECT_DOUBLE_EQ(off.offset.y, 0.04);
    EXPECT_EQ(off.kind_x, SnapKind::None);
}

TEST(ManipSnap, WallFaceCatchesTheNearEdge) {
    plan::Level l;
    plan::Wall w;
    w.id = "W1";
    w.points = {{10, 0}, {10, 8}};
    w.thickness = 0.2;  // west face at x = 9.9
    l.walls = {w};
    l.furniture = {item("f1", kShelf, 7, 3)};  // x 5.2 .. 8.8
    SnapSettings s;
    // Moved by 1.0 the east edge is at 9.8, 0.1 from the face: it snaps flush, x = 9.9 - 1.8 = 8.1.
    SnapResult r = snap_move(l, cat(), {"f1"}, {1.0, 0.02}, s);
    EXPECT_NEAR(7 + r.offset.x, 8.1, 1e-9);
    EXPECT_EQ(r.kind_x, SnapKind::Wall);
    EXPECT_EQ(r.target_x, "W1");
    EXPECT_EQ(r.kind_y, SnapKind::Grid);
    EXPECT_NEAR(r.offset.y, 0.0, 1e-9);
    // 0.5 away is beyond the 0.25 m reach: the grid decides.
    r = snap_move(l, cat(), {"f1"}, {0.62, 0}, s);
    EXPECT_NEAR(r.offset.x, 0.6, 1e-9);
    EXPECT_EQ(r.kind_x, SnapKind::Grid);
    // From the other side of the wall the east face (10.1) catches the west edge.
    l.furniture = {item("f1", kShelf, 13, 3)};  // x 11.2 .. 14.8
    r = snap_move(l, cat(), {"f1"}, {-1.0, 0}, s);
    EXPECT_NEAR(13 + r.offset.x, 10.1 + 1.8, 1e-9);
    s.walls = false;
    r = snap_move(l, cat(), {"f1"}, {-1.04, 0}, s);
    EXPECT_EQ(r.kind_x, SnapKind::Grid);
}

TEST(ManipSnap, ObliqueWallPullsAlongItsNormal) {
    // A 45° wall from (0, 0) to (10, 10), 0.2 m thick: its north-west face is 0.1 from the centre line.
    plan::Level l;
    plan::Wall w;
    w.id = "W2";
    w.points = {{0, 0}, {10, 10}};
    w.thickness = 0.2;
    l.walls = {w};
    const double r2 = std::sqrt(0.5);
    const plan::Vec2 d{r2, r2}, n{-r2, r2};
    // A table turned 45° (its 0.8 m depth across the wall), centre 0.65 from the centre line: its near
    // side is 0.25 out, 0.15 from the face. It snaps 0.15 along -n, both axes at once.
    const plan::Vec2 c{d.x * 5 + n.x * 0.65, d.y * 5 + n.y * 0.65};
    l.furniture = {item("f1", kTable, c.x, c.y, 45)};
    const SnapResult r = snap_move(l, cat(), {"f1"}, {0, 0}, SnapSettings{});
    EXPECT_NEAR(r.offset.x, -n.x * 0.15, 1e-9);
    EXPECT_NEAR(r.offset.y, -n.y * 0.15, 1e-9);
    EXPECT_EQ(r.kind_x, SnapKind::Wall);
    EXPECT_EQ(r.target_y, "W2");
    // Beyond the end of the wall (along it) nothing catches: the grid decides.
    l.furniture = {item("f1", kTable, c.x + d.x * 11, c.y + d.y * 11, 45)};  // along 15.4 .. 16.6, wall ends at 14.24
    EXPECT_EQ(snap_move(l, cat(), {"f1"}, {0, 0}, SnapSettings{}).kind_x, SnapKind::Grid);
}

TEST(ManipSnap, NeighbourEdgesMeetEdgeToEdge) {
    plan::Level l;
    l.furniture = {item("f1", kTable, 3, 3), item("f2", kTable, 6, 3.1)};  // f1 x 2.4 .. 3.6
    SnapSettings s;
    // f2 (x 5.4 .. 6.6) moved by -1.7 has its west edge at 3.7: it meets f1's east edge, x = 3.6 + 0.6.
    SnapResult r = snap_move(l, cat(), {"f2"}, {-1.7, 0.01}, s);
    EXPECT_NEAR(6 + r.offset.x, 4.2, 1e-9);
    EXPECT_EQ(r.kind_x, SnapKind::Furniture);
    EXPECT_EQ(r.target_x, "f1");
    // Side by side and 0.1 apart, the fronts line up too: y 2.71 .. 3.51 → f1's 2.6 .. 3.4, centre 3.0.
    EXPECT_NEAR(3.1 + r.offset.y, 3.0, 1e-9);
    EXPECT_EQ(r.kind_y, SnapKind::Furniture);
    // 0.5 m apart (beyond the reach) nothing lines up: Y stays on the grid (3.1 + 0.01 → 3.1).
    r = snap_move(l, cat(), {"f2"}, {-1.3, 0.01}, s);
    EXPECT_EQ(r.kind_x, SnapKind::Grid);
    EXPECT_NEAR(r.offset.y, 0.0, 1e-9);
    EXPECT_EQ(r.kind_y, SnapKind::Grid);
    // Stacked north of f1 (y 2.6 .. 3.4): f2 moved to y ≈ 3.85 has its south edge at 3.45 → 3.4, and
    // its west edge (2.45) lines up with f1's (2.4).
    l.furniture = {item("f1", kTable, 3, 3), item("f2", kTable, 3.05, 5)};
    r = snap_move(l, cat(), {"f2"}, {0, -1.15}, s);
    EXPECT_NEAR(5 + r.offset.y, 3.8, 1e-9);
    EXPECT_EQ(r.kind_y, SnapKind::Furniture);
    EXPECT_NEAR(3.05 + r.offset.x, 3.0, 1e-9);
    EXPECT_EQ(r.kind_x, SnapKind::Furniture);
    // A moving group ignores its own members.
    r = snap_move(l, cat(), {"f1", "f2"}, {0.33, 0}, s);
    EXPECT_EQ(r.kind_x, SnapKind::Grid);
}

TEST(ManipGizmo, FrameAxesAndResizeHandle) {
    const std::vector<plan::Furniture> one{item("f1", kShelf, 2, 3, 90)};
    GizmoFrame f = gizmo_frame(one, cat(), true, 2.0);
    EXPECT_NEAR(f.ux.x, 0, 1e-12);
    EXPECT_NEAR(f.ux.y, 1, 1e-12);
    EXPECT_NEAR(f.uy.x, -1, 1e-12);
    EXPECT_NEAR(f.uy.y, 0, 1e-12);
    ASSERT_TRUE(f.resizable);
    EXPECT_NEAR(f.resize_at.x, 2, 1e-12);
    EXPECT_NEAR(f.resize_at.y, 4.8, 1e-12);  // half of 3.6 m north of the centre
    f = gizmo_frame(one, cat(), false, 2.0);
    EXPECT_DOUBLE_EQ(f.ux.x, 1);
    EXPECT_TRUE(f.resizable);  // the handle stays on the range's own axis
    // A table has no sections; a group turns about its centres' mean.
    f = gizmo_frame({item("a", kTable, 0, 0), item("b", kTable, 4, 2)}, cat(), false, 1.0);
    EXPECT_FALSE(f.resizable);
    EXPECT_DOUBLE_EQ(f.center.x, 2);
    EXPECT_DOUBLE_EQ(f.center.y, 1);
}

TEST(ManipGizmo, HandlesAreHitWhereTheyAreDrawn) {
    GizmoFrame f;
    f.size = 5;  // arrows 50 px, plane 12.5 .. 22.5 px
    f.ring_px = 62.5f;  // the ring's radius is set in pixels
    const GizmoScreen s = gizmo_screen(f, 0.f, top10);
    ASSERT_TRUE(s.valid);
    EXPECT_FLOAT_EQ(s.x_tip.x, 150.f);
    EXPECT_FLOAT_EQ(s.y_tip.y, 50.f);
    EXPECT_EQ(gizmo_hit(s, {140, 101}), GizmoHandle::MoveX);
    EXPECT_EQ(gizmo_hit(s, {101, 70}), GizmoHandle::MoveY);
    EXPECT_EQ(gizmo_hit(s, {117, 82}), GizmoHandle::MoveXY);
    EXPECT_EQ(gizmo_hit(s, {162.5f, 100}), GizmoHandle::Rotate);
    EXPECT_EQ(gizmo_hit(s, {100, 163}), GizmoHandle::Rotate);
    EXPECT_EQ(gizmo_hit(s, {100, 100}), GizmoHandle::None);  // the centre is left to the item itself
    EXPECT_EQ(gizmo_hit(s, {135, 135}), GizmoHandle::None);
    f.resizable = true;
    f.resize_at = {3, 0};
    EXPECT_EQ(gizmo_hit(gizmo_screen(f, 0.f, top10), {131, 101}), GizmoHandle::Resize);
    // The ring keeps its size on screen whatever the arrows measure in metres (zoomed far out, a
    // ring sized in metres would spread over the neighbours): 62.5 px with 0.5 m or 50 m arrows.
    for (double size : {0.5, 50.0}) {
        f.size = size;
        f.resizable = false;
        const GizmoScreen z = gizmo_screen(f, 0.f, top10);
        EXPECT_EQ(gizmo_hit(z, {162.5f, 100}), GizmoHandle::Rotate) << size;
        EXPECT_EQ(gizmo_hit(z, {100, 37.5f}), GizmoHandle::Rotate) << size;
        EXPECT_NE(gizmo_hit(z, {100 + 1.25f * 10 * static_cast<float>(size), 100}), GizmoHandle::Rotate) << size;
    }
}

TEST(ManipGizmo, DragArithmetic) {
    GizmoFrame world;
    const plan::Vec2 cx = constrain_move(GizmoHandle::MoveX, world, {1, 2});
    EXPECT_DOUBLE_EQ(cx.x, 1);
    EXPECT_DOUBLE_EQ(cx.y, 0);
    const GizmoFrame local = gizmo_frame({item("f1", kShelf, 0, 0, 90)}, cat(), true, 1);
    const plan::Vec2 lx = constrain_move(GizmoHandle::MoveX, local, {1, 2});
    EXPECT_NEAR(lx.x, 0, 1e-12);
    EXPECT_NEAR(lx.y, 2, 1e-12);
    const plan::Vec2 xy = constrain_move(GizmoHandle::MoveXY, local, {1, 2});
    EXPECT_DOUBLE_EQ(xy.x, 1);

    EXPECT_NEAR(ring_angle_deg({0, 0}, {1, 0}, {0, 1}), 90, 1e-9);
    EXPECT_NEAR(ring_angle_deg({0, 0}, {1, 0}, {0, -2}), -90, 1e-9);
    EXPECT_NEAR(ring_angle_deg({1, 1}, {1, 2}, {0, 1}), 90, 1e-9);

    const auto turned = rotate_items({item("a", kTable, 1, 0, 350)}, {0, 0}, 90);
    EXPECT_NEAR(turned[0].position.x, 0, 1e-12);
    EXPECT_NEAR(turned[0].position.y, 1, 1e-12);
    EXPECT_NEAR(turned[0].yaw_deg, 80, 1e-9);

    EXPECT_EQ(sections_after_drag(4, 0.9, 1.0), 5);   // 1.0 / 0.9 → 1 section more
    EXPECT_EQ(sections_after_drag(4, 0.9, -0.5), 3);  // -0.56 → 1 fewer
    EXPECT_EQ(sections_after_drag(1, 0.9, -5), 1);    // never fewer than one
    const plan::FurnitureType& t = *cat().find(kShelf);
    // 4 → 6 sections: 3.6 → 5.4 m, the west end stays at 0.2, the centre moves 0.9 east.
    plan::Furniture g = with_sections(item("f1", kShelf, 2, 3), t, 6);
    EXPECT_EQ(g.sections, 6);
    EXPECT_NEAR(g.position.x, 2.9, 1e-12);
    EXPECT_NEAR(g.position.y, 3, 1e-12);
    g = with_sections(item("f1", kShelf, 2, 3, 90), t, 3);  // facing north: the south end stays
    EXPECT_NEAR(g.position.x, 2, 1e-12);
    EXPECT_NEAR(g.position.y, 2.55, 1e-12);
}

TEST(ManipBox, SelectsWhatLiesWhollyInsideAndCombines) {
    // Boxes as the scene gives them: centre at half height, half extents along the item's axes.
    const std::vector<FurnitureBox> boxes{{"a", {1, 1, 0.5f}, {0.5f, 0.25f, 0.5f}, 0.f},
                                          {"b", {5, 5, 0.5f}, {0.5f, 0.25f, 0.5f}, 0.f},
                                          {"c", {1, 1.4f, 0.5f}, {0.5f, 0.25f, 0.5f}, 90.f}};
    // Pixels x 100..120, y 80..100: the plan's square 0..2 × 0..2. c turned 90° spans y 0.9 .. 1.9.
    EXPECT_EQ(furniture_in_rect(boxes, {100, 100}, {120, 80}, top10), (std::vector<std::string>{"a", "c"}));
    // The rectangle 0..1.2 m wide cuts a (x 0.5 .. 1.5): not wholly inside. c (x 0.75 .. 1.25) neither.
    EXPECT_TRUE(furniture_in_rect(boxes, {100, 100}, {112, 80}, top10).empty());
    const std::vector<std::string> cur{"a", "b"}, hits{"b", "c"};
    EXPECT_EQ(combine_selection(cur, hits, SelectMode::Replace), (std::vector<std::string>{"b", "c"}));
    EXPECT_EQ(combine_selection(cur, hits, SelectMode::Add), (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(combine_selection(cur, hits, SelectMode::Toggle), (std::vector<std::string>{"a", "c"}));
}

TEST(ManipArrange, AlignsFootprintEdgesAndCentres) {
    // f1 x 0.2 .. 3.8, y 2.75 .. 3.25; f2 x 5.4 .. 6.6, y 5.6 .. 6.4. All: x 0.2 .. 6.6, y 2.75 .. 6.4.
    const std::vector<plan::Furniture> two{item("f1", kShelf, 2, 3), item("f2", kTable, 6, 6)};
    auto r = align_items(two, AlignMode::Left, cat());
    EXPECT_NEAR(r[0].position.x, 2, 1e-12);
    EXPECT_NEAR(r[1].position.x, 0.8, 1e-12);
    EXPECT_NEAR(r[1].position.y, 6, 1e-12);
    r = align_items(two, AlignMode::Right, cat());
    EXPECT_NEAR(r[0].position.x, 4.8, 1e-12);
    EXPECT_NEAR(r[1].position.x, 6, 1e-12);
    r = align_items(two, AlignMode::Top, cat());
    EXPECT_NEAR(r[0].position.y, 6.15, 1e-12);
    r = align_items(two, AlignMode::Bottom, cat());
    EXPECT_NEAR(r[1].position.y, 3.15, 1e-12);
    r = align_items(two, AlignMode::CentreX, cat());
    EXPECT_NEAR(r[0].position.x, 3.4, 1e-12);
    EXPECT_NEAR(r[1].position.x, 3.4, 1e-12);
    r = align_items(two, AlignMode::CentreY, cat());
    EXPECT_NEAR(r[0].position.y, 4.575, 1e-12);
    EXPECT_NEAR(r[1].position.y, 4.575, 1e-12);
}

TEST(ManipArrange, DistributesEqualGapsBetweenTheOutermost) {
    // Tables 1.2 m wide at x 10, 0, 1.5: span -0.6 .. 10.6 = 11.2, widths 3.6, gaps (11.2 - 3.6) / 2 = 3.8.
    const std::vector<plan::Furniture> three{item("c", kTable, 10, 0), item("a", kTable, 0, 0), item("b", kTable, 1.5, 0)};
    const auto r = distribute_items(three, false, cat());
    EXPECT_NEAR(r[0].position.x, 10, 1e-12);
    EXPECT_NEAR(r[1].position.x, 0, 1e-12);
    EXPECT_NEAR(r[2].position.x, 5, 1e-12);
    // Along Y the depths are 0.8: y 0, 0, 0 → all stay (no span to share).
    const auto y = distribute_items(three, true, cat());
    EXPECT_NEAR(y[2].position.y, 0, 1e-12);
    EXPECT_EQ(distribute_items({three[0], three[1]}, false, cat())[0].position.x, 10);
}

TEST(ManipArrange, ArrayByClearGapOrPitch) {
    // Six double-faced ranges 1.2 m apart: depth 0.5, so the pitch is 1.7 m northwards.
    const std::vector<plan::Furniture> one{item("f1", kShelf, 2, 3)};
    auto c = array_copies(one, {6, 1.2, false, {0, 1}}, cat());
    ASSERT_EQ(c.size(), 5u);
    EXPECT_NEAR(c[0].position.y, 4.7, 1e-12);
    EXPECT_NEAR(c[4].position.y, 11.5, 1e-12);
    EXPECT_NEAR(c[4].position.x, 2, 1e-12);
    EXPECT_TRUE(c[0].id.empty());
    c = array_copies(one, {3, 4.0, true, {1, 0}}, cat());
    ASSERT_EQ(c.size(), 2u);
    EXPECT_NEAR(c[1].position.x, 10, 1e-12);
    // A group copies as a unit: two tables side by side (x -0.6 .. 2.6) with a 1 m gap → pitch 4.2.
    c = array_copies({item("a", kTable, 0, 0), item("b", kTable, 2, 0)}, {2, 1.0, false, {-1, 0}}, cat());
    ASSERT_EQ(c.size(), 2u);
    EXPECT_NEAR(c[0].position.x, -4.2, 1e-12);
    EXPECT_NEAR(c[1].position.x, -2.2, 1e-12);
}

TEST(ManipPreview, ADragOntoAnotherItemShowsBothRed) {
    plan::Level l;
    l.furniture = {item("f1", kTable, 3, 3), item("f2", kTable, 6, 3), item("f3", kTable, 9, 3)};
    EXPECT_TRUE(overlapping_ids(l, cat()).empty());
    // f2 dragged to x 3.8: it overlaps f1 (x 2.4 .. 3.6 against 3.2 .. 4.4) by 0.4 m.
    const plan::Level moved = with_items(l, {item("f2", kTable, 3.8, 3)});
    EXPECT_DOUBLE_EQ(moved.furniture[1].position.x, 3.8);
    EXPECT_DOUBLE_EQ(l.furniture[1].position.x, 6);
    EXPECT_EQ(overlapping_ids(moved, cat()), (std::vector<std::string>{"f1", "f2"}));
    // The scene tints exactly those two: compare their boxes' colours with f3's.
    const SceneData sd = build_scene(moved, cat(), overlapping_ids(moved, cat()));
    const SceneData plain = build_scene(moved, cat());
    ASSERT_EQ(sd.boxes.size(), plain.boxes.size());
    int tinted = 0;
    for (std::size_t i = 0; i < sd.boxes.size(); ++i)
        if (sd.boxes[i].color != plain.boxes[i].color) ++tinted;
    EXPECT_EQ(tinted * 3, static_cast<int>(sd.boxes.size()) * 2);  // two of three tables' parts
}

TEST(ManipClipboard, RoundTripsAndRejectsForeignText) {
    plan::Furniture a = item("f7", kShelf, 1.5, 2.25, 90);
    a.label = "A1";
    a.sections = 6;
    const auto back = furniture_from_clipboard(furniture_to_clipboard({a, item("f8", kTable, 3, 4)}));
    ASSERT_TRUE(back);
    ASSERT_EQ(back->size(), 2u);
    EXPECT_EQ((*back)[0].type, kShelf);
    EXPECT_DOUBLE_EQ((*back)[0].position.y, 2.25);
    EXPECT_DOUBLE_EQ((*back)[0].yaw_deg, 90);
    EXPECT_EQ((*back)[0].label, "A1");
    EXPECT_EQ((*back)[0].sections, 6);
    EXPECT_FALSE((*back)[1].sections);
    EXPECT_FALSE(furniture_from_clipboard("hello"));
    EXPECT_FALSE(furniture_from_clipboard("{\"shuxiang_clipboard\": 1, \"furniture\": [{\"type\": \"x\"}]}"));
    EXPECT_FALSE(furniture_from_clipboard("{\"furniture\": []}"));
    // Placed at a point: the group's extent centre lands there. Two tables x -0.6 .. 2.6 → centre 1.
    const auto placed = place_paste({item("", kTable, 0, 0), item("", kTable, 2, 0)}, cat(), plan::Vec2{10, 5}, {});
    EXPECT_NEAR(placed[0].position.x, 9, 1e-12);
    EXPECT_NEAR(placed[1].position.x, 11, 1e-12);
    EXPECT_NEAR(placed[1].position.y, 5, 1e-12);
}

TEST(ManipActions, EachToolIsOneUndoStep) {
    Editor ed;
    ASSERT_TRUE(ed.new_from_template("empty").ok);
    ASSERT_TRUE(ed.add_furniture(kShelf, 2, 3, 0).ok);
    const plan::Plan before = ed.plan();
    ASSERT_TRUE(array_selection(ed, {6, 1.2, false, {0, 1}}).ok);
    ASSERT_EQ(ed.level()->furniture.size(), 6u);
    EXPECT_EQ(ed.selection().size(), 6u);
    EXPECT_NEAR(ed.level()->furniture[5].position.y, 3 + 5 * 1.7, 1e-9);
    ASSERT_TRUE(ed.undo().ok);
    EXPECT_EQ(ed.plan(), before);

    ASSERT_TRUE(ed.add_furniture(kTable, 8, 8, 0).ok);  // f2
    ASSERT_TRUE(ed.select({"f1", "f2"}).ok);
    const plan::Plan two = ed.plan();
    ASSERT_TRUE(align_selection(ed, AlignMode::Bottom).ok);
    EXPECT_NEAR(plan::find_furniture(*ed.level(), "f2")->position.y, 2.75 + 0.4, 1e-9);
    ASSERT_TRUE(ed.undo().ok);
    EXPECT_EQ(ed.plan(), two);
    EXPECT_FALSE(distribute_selection(ed, false).ok);  // needs three

    Clipboard cb;
    ASSERT_TRUE(copy_selection(ed, cb).ok);
    ASSERT_TRUE(paste(ed, cb, "not ours", plan::Vec2{20, 20}).ok);  // falls back to the editor's clipboard
    ASSERT_EQ(ed.level()->furniture.size(), 4u);
    EXPECT_EQ(ed.selection(), (std::vector<std::string>{"f3", "f4"}));
    // The pair's extent: x 0.2 .. 8.6, y 2.75 .. 8.4 → centre (4.4, 5.575); moved to (20, 20).
    EXPECT_NEAR(plan::find_furniture(*ed.level(), "f3")->position.x, 2 + 15.6, 1e-9);
    EXPECT_NEAR(plan::find_furniture(*ed.level(), "f4")->position.y, 8 + 14.425, 1e-9);
    ASSERT_TRUE(paste(ed, cb, cb.text, std::nullopt).ok);  // offset 0.5 m from the originals
    EXPECT_NEAR(plan::find_furniture(*ed.level(), "f5")->position.x, 2.5, 1e-9);
    ASSERT_TRUE(paste(ed, cb, cb.text, std::nullopt).ok);  // then 1.0 m
    EXPECT_NEAR(plan::find_furniture(*ed.level(), "f7")->position.x, 3.0, 1e-9);
    ASSERT_TRUE(ed.undo().ok);
    EXPECT_EQ(ed.level()->furniture.size(), 6u);
}
