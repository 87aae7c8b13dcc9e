// The lit views through the real editor under Xvfb (Mesa llvmpipe): shadows fall away from the sun,
// tables stand on legs, chairs stand around tables, photos come out at their size; pixels are read
// back from the editor's photo stills, whose camera the test projects with the editor's own Camera.
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "editor_process.hpp"
#include "png_probe.hpp"
#include "render/camera.hpp"
#include "render/lit_pipeline.hpp"

namespace {

using shuxiang::test::near;
using shuxiang::test::Png;
using shuxiang::test::read_png;
using namespace shuxiang::editor;

const std::string kOneRoom = std::string(SHUXIANG_TEST_DATA_DIR) + "/editor/one-room.sxplan.json";
constexpr int kW = 320, kH = 240;

class EditorRender : public shuxiang::test::EditorProcessTest {
protected:
    EditorRender() : EditorProcessTest("sx_render_") {}
    // Pixel of world point p in a kW × kH still taken with `cam`.
    static std::array<int, 2> pixel(const Camera& cam, glm::vec3 p) {
        const glm::vec4 c = cam.projection(static_cast<float>(kW) / kH) * cam.view() * glm::vec4(p, 1.f);
        const glm::vec2 ndc = glm::vec2(c) / c.w;
        return {static_cast<int>((ndc.x * 0.5f + 0.5f) * kW), static_cast<int>((0.5f - ndc.y * 0.5f) * kH)};
    }
    // Mean colour of a (2r+1)² patch around world point p.
    static std::array<double, 3> patch(const Png& img, const Camera& cam, glm::vec3 p, int r = 3) {
        const auto [x, y] = pixel(cam, p);
        std::array<double, 3> sum{0, 0, 0};
        int n = 0;
        for (int j = y - r; j <= y + r; ++j)
            for (int i = x - r; i <= x + r; ++i) {
                if (i < 0 || j < 0 || i >= img.w || j >= img.h) continue;
                const auto c = img.at(i, j);
                for (int k = 0; k < 3; ++k) sum[static_cast<std::size_t>(k)] += c[static_cast<std::size_t>(k)];
                ++n;
            }
        for (auto& v : sum) v /= std::max(n, 1);
        return sum;
    }
    static double luma(const std::array<double, 3>& c) { return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]; }
    static std::string orbit(const Camera& c) {
        std::ostringstream s;
        s << "view 3d\ncamera orbit " << c.yaw_deg << " " << c.pitch_deg << " " << c.distance << "\ncamera target "
          << c.target.x << " " << c.target.y << " " << c.target.z << "\n";
        return s.str();
    }
    Png photo(const std::string& setup, const std::string& name) {
        const shuxiang::test::Proc r = editor(setup + "grid off\nselect none\nphoto " + path(name).string() + " " +
                                              std::to_string(kW) + " " + std::to_string(kH) + "\n");
        EXPECT_EQ(r.rc, 0) << r.err;
        return read_png(path(name));
    }
};

TEST_F(EditorRender, ShelvingCastsItsShadowOnTheFloorAwayFromTheSun) {
    // A 3.6 m double-faced range along X at (5, 4), 0.5 m deep and 1.8 m high. The sun is to +X and -Y:
    // a floor point 1.1 m beyond its north face sees the range between it and the sun (its ray to the
    // sun passes the north face 1.3 m up); 0.6 m south of the range nothing stands between.
    const glm::vec3 sun = sun_direction();
    ASSERT_GT(sun.x, 0.f);
    ASSERT_LT(sun.y, 0.f);
    Camera cam;
    cam.mode = ViewMode::Orbit3D;
    cam.yaw_deg = -90.f;
    cam.pitch_deg = 80.f;
    cam.distance = 7.f;
    cam.target = {5.f, 4.f, 0.f};
    const Png img = photo("open " + kOneRoom + "\nadd shelf_double_steel_1800 5 4\n" + orbit(cam), "shadow.png");
    ASSERT_EQ(img.w, kW);
    const glm::vec3 shade_at{4.0f, 4.25f + 1.1f, 0.f}, sun_at{4.0f, 3.75f - 0.6f, 0.f};
    const auto away = patch(img, cam, shade_at), sunny = patch(img, cam, sun_at);
    const auto far_away = patch(img, cam, {4.0f, 4.25f + 2.6f, 0.f});  // beyond the shadow's reach
    EXPECT_LT(luma(away), 0.7 * luma(sunny)) << luma(away) << " vs " << luma(sunny);
    EXPECT_GT(luma(far_away), 0.85 * luma(sunny)) << "the floor beyond the shadow is lit again";
    // Without the lighting (plain shading) both sides are the same floor colour: the probe sees shadow.
    const Png plain = photo("open " + kOneRoom + "\nadd shelf_double_steel_1800 5 4\nshading plain\n" + orbit(cam), "plain.png");
    EXPECT_NEAR(luma(patch(plain, cam, shade_at)), luma(patch(plain, cam, sun_at)), 6.0);
}

TEST_F(EditorRender, TableLegsLeaveTheSpaceUnderItsTopOpen) {
    // A 1.2 × 0.8 m table (top at 0.76 m) alone on an empty level, seen from its east end at knee
    // height: between its legs, under the top, the background shows; the top's edge and a leg do not.
    Camera cam;
    cam.mode = ViewMode::Orbit3D;
    cam.yaw_deg = 0.f;
    cam.pitch_deg = 3.f;
    cam.distance = 2.6f;
    cam.target = {5.f, 4.f, 0.4f};
    const Png img = photo("new empty\nadd table_reading_4 5 4\n" + orbit(cam), "table.png");
    ASSERT_EQ(img.w, kW);
    const std::array<int, 3> bg{43, 46, 51};  // the clear colour, passed through unlit
    auto at = [&](glm::vec3 p) {
        const auto c = patch(img, cam, p, 1);
        return std::array<int, 3>{static_cast<int>(c[0] + 0.5), static_cast<int>(c[1] + 0.5), static_cast<int>(c[2] + 0.5)};
    };
    EXPECT_TRUE(near(at({5.6f, 4.0f, 0.35f}), bg, 6)) << "under the top between the legs";
    EXPECT_TRUE(near(at({5.6f, 4.0f, 0.10f}), bg, 6)) << "near the floor between the legs";
    EXPECT_FALSE(near(at({5.6f, 4.0f, 0.745f}), bg, 30)) << "the top's edge";
    EXPECT_FALSE(near(at({5.575f, 3.65f, 0.35f}), bg, 30)) << "a leg";
}

TEST_F(EditorRender, FourChairsStandAroundAFourSeatTable) {
    // Top view (the plan drawing) of a 4-seat table: chair seats (blue) on both long sides, two a side;
    // nothing at the table's ends.
    Camera cam;
    cam.mode = ViewMode::Top;
    cam.target = {5.f, 4.f, 0.f};
    cam.top_half_height = 1.5f;
    const Png img = photo("new empty\nadd table_reading_4 5 4\nview top\ncamera target 5 4 0\ncamera zoom 1.5\n", "chairs.png");
    ASSERT_EQ(img.w, kW);
    auto blue = [](const std::array<double, 3>& c) { return c[2] > c[0] + 40; };
    int chairs = 0;
    for (float x : {4.7f, 5.3f})
        for (float y : {4.f - 0.52f, 4.f + 0.52f}) chairs += blue(patch(img, cam, {x, y, 0.f}, 2)) ? 1 : 0;
    EXPECT_EQ(chairs, 4);
    for (float x : {5.f - 0.85f, 5.f + 0.85f}) EXPECT_FALSE(blue(patch(img, cam, {x, 4.f, 0.f}, 2))) << x;
    // The table's top between them is wood, not a chair.
    EXPECT_FALSE(blue(patch(img, cam, {5.f, 4.f, 0.f}, 2)));
}

TEST_F(EditorRender, TheWalkViewHasACeilingWithLightsAndViewsFromAboveSeeTheFloor) {
    // Inside the 10 × 8 m reading room (clear height 3 m), looking up 35°: the top of the picture is
    // the ceiling (light, neutral grey), not the background; some of it is a light panel (near white).
    const Png up = photo("open " + kOneRoom + "\nview walk\ncamera target 5 4 0\ncamera orbit 90 35 1\n", "up.png");
    ASSERT_EQ(up.w, kW);
    const std::array<int, 3> bg{43, 46, 51};
    int ceiling = 0, lamps = 0, background = 0;
    for (int y = 2; y < kH / 4; y += 4)
        for (int x = 4; x < kW; x += 8) {
            const std::array<int, 3> c = up.at(x, y);
            background += near(c, bg, 6) ? 1 : 0;
            ceiling += std::abs(c[0] - c[2]) < 20 && c[1] > 90 ? 1 : 0;
            lamps += c[0] > 225 && c[1] > 225 && c[2] > 215 ? 1 : 0;
        }
    EXPECT_EQ(background, 0) << "the background shows above the walker";
    EXPECT_GT(ceiling, 40) << "a neutral ceiling";
    EXPECT_GT(lamps, 0) << "light panels";
    // The 3D view from above sees the wood floor (brown), not a ceiling over the room.
    Camera cam;
    cam.mode = ViewMode::Orbit3D;
    cam.yaw_deg = -90.f;
    cam.pitch_deg = 60.f;
    cam.distance = 12.f;
    cam.target = {5.f, 4.f, 0.f};
    const Png above = photo("open " + kOneRoom + "\n" + orbit(cam), "above.png");
    const auto floor = patch(above, cam, {5.f, 4.f, 0.f});
    EXPECT_GT(floor[0] - floor[2], 25) << "wood, seen from above";
}

TEST_F(EditorRender, PhotoOptionWritesTheSizeAskedForAndRejectsBadCameras) {
    const auto demo = std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/demo/demo-school.sxplan.json";
    const shuxiang::test::Proc ok = run(std::string(SHUXIANG_BIN_DIR) + "/shuxiang-editor " + demo + " --lang en --photo " +
                                        path("p.png").string() + " --photo-size 400x300 --camera walk:5.5,8,90");
    ASSERT_EQ(ok.rc, 0) << ok.err;
    EXPECT_NE(ok.out.find("Photo saved to"), std::string::npos) << ok.out;
    const Png img = read_png(path("p.png"));
    EXPECT_EQ(img.w, 400);
    EXPECT_EQ(img.h, 300);
    const shuxiang::test::Proc bad = run(std::string(SHUXIANG_BIN_DIR) + "/shuxiang-editor " + demo + " --lang en --photo " +
                                         path("q.png").string() + " --camera side:1,2");
    EXPECT_EQ(bad.rc, 2);
    EXPECT_NE(bad.err.find("Unknown camera \"side:1,2\""), std::string::npos) << bad.err;
    const shuxiang::test::Proc size = run(std::string(SHUXIANG_BIN_DIR) + "/shuxiang-editor " + demo + " --photo " +
                                          path("r.png").string() + " --photo-size 10x10");
    EXPECT_EQ(size.rc, 2);
    EXPECT_NE(size.err.find("照片尺寸“10x10”"), std::string::npos) << size.err;
}

TEST_F(EditorRender, ReportEmbedsPhotosGivenWithImage) {
    const auto demo = std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/demo/demo-school.sxplan.json";
    const shuxiang::test::Proc shot = run(std::string(SHUXIANG_BIN_DIR) + "/shuxiang-editor " + demo + " --photo " +
                                          path("view.png").string() + " --photo-size 160x120");
    ASSERT_EQ(shot.rc, 0) << shot.err;
    const shuxiang::test::Proc rep = cli("report --plan " + demo + " --date 2026-09-01 --image " + path("view.png").string() +
                                         " --html " + path("r.html").string() + " --json " + path("r.json").string());
    ASSERT_EQ(rep.rc, 0) << rep.err;
    const std::string html = shuxiang::test::slurp(path("r.html"));
    EXPECT_NE(html.find("<img style=\"max-width:100%\" alt=\"view.png\" src=\"data:image/png;base64,iVBORw0KGgo"), std::string::npos);
    const std::string json = shuxiang::test::slurp(path("r.json"));
    EXPECT_NE(json.find("\"file\": \"view.png\""), std::string::npos) << json.substr(json.size() > 400 ? json.size() - 400 : 0);
    // Without --image the report has no views section; a file that is not a PNG is refused, named.
    const shuxiang::test::Proc plain = cli("report --plan " + demo + " --date 2026-09-01 --html " + path("p.html").string());
    ASSERT_EQ(plain.rc, 0) << plain.err;
    EXPECT_EQ(shuxiang::test::slurp(path("p.html")).find("data:image/png"), std::string::npos);
    std::ofstream(path("fake.png")) << "GIF89a";
    const shuxiang::test::Proc bad = cli("report --plan " + demo + " --image " + path("fake.png").string() + " --html " +
                                         path("b.html").string(), "--lang en ");
    EXPECT_EQ(bad.rc, 2);
    EXPECT_NE(bad.err.find(path("fake.png").string() + ": not a PNG image"), std::string::npos) << bad.err;
}

}  // namespace
