// The renderer's GL-free parts: redraw on demand, furniture shapes built from the catalogue, camera
// specs of the photo option, and the scene's instances per mesh kind.
#include <gtest/gtest.h>

#include <glm/gtc/matrix_transform.hpp>

#include "render/camera_spec.hpp"
#include "render/furniture_parts.hpp"
#include "render/mesh_builder.hpp"
#include "render/redraw.hpp"
#include "render/scene.hpp"
#include "shuxiang/plan/furniture.hpp"

namespace {

using namespace shuxiang::editor;
namespace plan = shuxiang::plan;

TEST(RedrawPolicy, DrawsASettlingRunThenSleepsUntilAnEvent) {
    RedrawPolicy p;
    int drawn = 0;
    while (p.should_draw(false) && drawn < 100) {
        p.drawn();
        ++drawn;
    }
    EXPECT_EQ(drawn, RedrawPolicy::kSettleFrames);
    EXPECT_GT(p.wait_seconds(false), 0.0);  // idle: wait for events instead of drawing
    p.event();
    EXPECT_EQ(p.wait_seconds(false), 0.0);
    int again = 0;
    while (p.should_draw(false) && again < 100) {
        p.drawn();
        ++again;
    }
    EXPECT_EQ(again, RedrawPolicy::kSettleFrames);
    EXPECT_EQ(p.frames(), 2 * RedrawPolicy::kSettleFrames);
}

TEST(RedrawPolicy, AnimationKeepsDrawing) {
    RedrawPolicy p;
    for (int i = 0; i < 50; ++i) {
        ASSERT_TRUE(p.should_draw(true));
        EXPECT_EQ(p.wait_seconds(true), 0.0);
        p.drawn();
    }
    int tail = 0;
    while (p.should_draw(false) && tail < 100) {
        p.drawn();
        ++tail;
    }
    EXPECT_GE(tail, RedrawPolicy::kSettleFrames - 1);  // a few frames after the animation stops
    EXPECT_LE(tail, RedrawPolicy::kSettleFrames);
}

TEST(RedrawPolicy, AFrameDrawnAtTheMovingQualityGetsOneMoreAtFullQuality) {
    RedrawPolicy p;
    while (p.should_draw(false)) p.drawn();
    p.event();
    // The camera moved in every frame of the settling run: each was provisional (fast shading).
    for (int i = 0; i < RedrawPolicy::kSettleFrames; ++i) {
        ASSERT_TRUE(p.should_draw(false));
        p.drawn(true);
    }
    ASSERT_TRUE(p.should_draw(false)) << "the full-quality frame after the motion";
    p.drawn(false);
    EXPECT_FALSE(p.should_draw(false));
    EXPECT_GT(p.wait_seconds(false), 0.0);
}

// Local bounding box of parts (all corners of their unit primitives).
std::pair<glm::vec3, glm::vec3> extent(const std::vector<Part>& parts) {
    glm::vec3 lo(1e9f), hi(-1e9f);
    for (const Part& p : parts)
        for (int i = 0; i < 8; ++i) {
            const glm::vec3 c = glm::vec3(p.local * glm::vec4((i & 1) ? 0.5f : -0.5f, (i & 2) ? 0.5f : -0.5f, (i & 4) ? 0.5f : -0.5f, 1.f));
            lo = glm::min(lo, c);
            hi = glm::max(hi, c);
        }
    return {lo, hi};
}

TEST(FurnitureParts, EveryCatalogueTypeHasPartsInsideItsFootprintAndHeight) {
    const auto& cat = plan::FurnitureCatalog::builtin();
    int checked = 0;
    for (const auto& t : cat.types()) {
        if (t.holds_books() && (t.category == plan::FurnitureCategory::ShelvingSingle ||
                                t.category == plan::FurnitureCategory::ShelvingDouble || t.category == plan::FurnitureCategory::ClassroomCabinet))
            continue;  // shelving is built by the scene with its books
        auto type = t;
        type.seats = 0;  // chairs stand outside the footprint; checked apart
        const auto parts = furniture_parts(type, static_cast<float>(t.width), glm::vec3(0.6f));
        ASSERT_FALSE(parts.empty()) << t.id;
        EXPECT_GT(parts.size(), 2u) << t.id << ": more than a block";
        auto [lo, hi] = extent(parts);
        // Round parts (cylinders, spheres) are boxed by their unit cube, hence a little slack.
        EXPECT_GE(lo.z, -0.01f) << t.id;
        EXPECT_LE(hi.z, static_cast<float>(t.height) + 0.01f) << t.id;
        const float w = t.footprint.empty() ? static_cast<float>(t.width) : 2.f * std::max(std::abs(lo.x), hi.x);
        EXPECT_LE(hi.x - lo.x, std::max(w, static_cast<float>(t.width)) + 0.02f) << t.id;
        EXPECT_LE(hi.y - lo.y, static_cast<float>(t.depth) + 0.02f) << t.id;
        ++checked;
    }
    EXPECT_GT(checked, 25);
}

TEST(FurnitureParts, ChairsFollowTheSeatCount) {
    for (int seats : {1, 2, 4, 6, 8, 10}) {
        const auto spots = chair_spots(seats, 1.8f, 0.9f, false);
        ASSERT_EQ(spots.size(), static_cast<std::size_t>(seats));
        for (const auto& s : spots) {
            EXPECT_GT(std::abs(s.at.y), 0.45f) << "chairs stand beside the top, not under its middle";
            EXPECT_LE(std::abs(s.at.x), 0.9f);
        }
    }
    const auto round = chair_spots(6, 1.4f, 1.4f, true);
    ASSERT_EQ(round.size(), 6u);
    for (const auto& s : round) EXPECT_NEAR(glm::length(s.at), 0.82f, 0.01f);
    EXPECT_TRUE(chair_spots(0, 1.2f, 0.8f, false).empty());
}

TEST(FurnitureParts, TableHasFourLegsAndATopWithRoomUnderIt) {
    const auto* t = plan::FurnitureCatalog::builtin().find("table_reading_4");
    ASSERT_NE(t, nullptr);
    auto type = *t;
    type.seats = 0;
    const auto parts = furniture_parts(type, 1.2f, glm::vec3(0.8f, 0.66f, 0.46f));
    int legs = 0, tops = 0;
    for (const Part& p : parts) {
        const glm::vec3 size(glm::length(glm::vec3(p.local[0])), glm::length(glm::vec3(p.local[1])), glm::length(glm::vec3(p.local[2])));
        const glm::vec3 c(p.local[3]);
        if (size.z > 0.5f && size.x < 0.1f && size.y < 0.1f) ++legs;
        if (size.x > 1.1f && size.y > 0.7f && c.z > 0.7f) ++tops;
        // Nothing but the legs reaches down to the floor under the top.
        if (size.x > 0.2f && size.y > 0.2f) {
            EXPECT_GT(c.z - size.z / 2, 0.6f);
        }
    }
    EXPECT_EQ(legs, 4);
    EXPECT_EQ(tops, 1);
}

TEST(Scene, FurnitureAndOpeningsUseOneInstanceListPerMeshKind) {
    plan::Level level;
    for (int i = 0; i < 3; ++i) {
        plan::Furniture f;
        f.id = "t" + std::to_string(i);
        f.type = "table_round_4";
        f.position = {2.0 * i, 0};
        level.furniture.push_back(f);
    }
    plan::Furniture bag;
    bag.id = "b";
    bag.type = "beanbag";
    bag.position = {0, 3};
    level.furniture.push_back(bag);
    const SceneData s = build_scene(level, plan::FurnitureCatalog::builtin());
    EXPECT_EQ(s.cylinders.size(), 3u * 3);  // top, stem and foot of each table (chair legs are thin boxes)
    EXPECT_EQ(s.spheres.size(), 3u);
    for (const auto& b : s.boxes) EXPECT_GE(b.color.a, 1.f) << "every instance names its material";
}

TEST(Scene, IndoorRoomsHaveACeilingAtTheirClearHeightAndOutdoorAreasNone) {
    plan::Level level;
    level.rooms.push_back({"r1", "reading", plan::RoomKind::Reading, {{0, 0}, {6, 0}, {6, 4}, {0, 4}}, 3.2, false});
    level.rooms.push_back({"r2", "garden", plan::RoomKind::OutdoorReading, {{7, 0}, {9, 0}, {9, 4}, {7, 4}}, 3.0, false});
    const SceneData s = build_scene(level, plan::FurnitureCatalog::builtin());
    ASSERT_EQ(s.ceiling_triangles.size(), 6u);  // the reading room's two triangles; none over the garden
    for (const auto& v : s.ceiling_triangles) {
        EXPECT_NEAR(v.pos.z, 3.2f, 0.01f);
        EXPECT_LE(v.pos.x, 6.f);
        EXPECT_EQ(static_cast<int>(v.color.a), kCeilingMaterial);
    }
    EXPECT_EQ(s.floor_triangles.size(), 12u);
}

TEST(CameraSpec, OrbitWalkAndTopParseAndBadSpecsLeaveTheCamera) {
    Camera c;
    ASSERT_TRUE(apply_camera_spec("orbit:-60,30,12,5,4,0", c));
    EXPECT_EQ(c.mode, ViewMode::Orbit3D);
    EXPECT_FLOAT_EQ(c.yaw_deg, -60.f);
    EXPECT_FLOAT_EQ(c.distance, 12.f);
    EXPECT_FLOAT_EQ(c.target.x, 5.f);
    ASSERT_TRUE(apply_camera_spec("walk:3,4,90", c));
    EXPECT_EQ(c.mode, ViewMode::Walk);
    EXPECT_FLOAT_EQ(c.target.y, 4.f);
    EXPECT_FLOAT_EQ(c.pitch_deg, 0.f);
    ASSERT_TRUE(apply_camera_spec("top:5,4,6", c));
    EXPECT_EQ(c.mode, ViewMode::Top);
    EXPECT_FLOAT_EQ(c.top_half_height, 6.f);
    const Camera before = c;
    for (const char* bad : {"orbit:1,2", "walk:a,b,c", "top:1,2,0", "side:1,2,3", "orbit:1,,2", "orbit:-60,30,-1", ""}) {
        EXPECT_FALSE(apply_camera_spec(bad, c)) << bad;
        EXPECT_EQ(c.mode, before.mode);
        EXPECT_FLOAT_EQ(c.top_half_height, before.top_half_height);
    }
}

TEST(MeshBuilder, UnitMeshesAreClosedAndFaceOutwards) {
    for (const auto& mesh : {unit_cube_mesh(), unit_cylinder_mesh(), unit_sphere_mesh()}) {
        ASSERT_EQ(mesh.size() % 18, 0u);
        for (std::size_t i = 0; i < mesh.size(); i += 18) {
            const glm::vec3 a(mesh[i], mesh[i + 1], mesh[i + 2]), b(mesh[i + 6], mesh[i + 7], mesh[i + 8]),
                c(mesh[i + 12], mesh[i + 13], mesh[i + 14]);
            const glm::vec3 n = glm::cross(b - a, c - a);
            EXPECT_GT(glm::dot(n, (a + b + c) / 3.f), -1e-6f) << "triangle " << i / 18 << " winds inwards";
            EXPECT_LE(glm::length(a), 0.87f);  // inside the unit cube's corners
        }
    }
}

}  // namespace
