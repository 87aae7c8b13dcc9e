// `shuxiang plan export` on the 12 × 8 m fixture (tests/data/plan_check/exit-blocked.sxplan.json, a stack
// room inside 0.2 m walls with a range in front of its emergency exit): real PDFs read back with poppler,
// real PNGs decoded with cairo, the printed scale measured on the rasterised page, and bad input.
#include <cairo.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace fs = std::filesystem;
using shuxiang::test::RunResult;
using shuxiang::test::run_command;

namespace {

const std::string kPlan = std::string(SHUXIANG_TEST_DATA_DIR) + "/plan_check/exit-blocked.sxplan.json";

RunResult run(const std::string& args) {
    return run_command("env -u SHUXIANG_LANG '" + std::string(SHUXIANG_BIN_DIR) + "/shuxiang' " + args);
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

class PlanExport : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("sx_plan_export_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string out(const std::string& name) const { return (dir_ / name).string(); }
    fs::path dir_;
};

// A greyscale raster (PGM "P5") as pdftoppm writes it.
struct Gray {
    int w = 0, h = 0;
    std::vector<unsigned char> px;
    int at(int x, int y) const { return px[static_cast<std::size_t>(y) * w + x]; }
};

Gray read_pgm(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    std::string magic;
    int maxval = 0;
    Gray g;
    in >> magic >> g.w >> g.h >> maxval;
    in.get();
    g.px.resize(static_cast<std::size_t>(g.w) * g.h);
    in.read(reinterpret_cast<char*>(g.px.data()), static_cast<std::streamsize>(g.px.size()));
    return g;
}

// Dark runs (value < 50) of at least `min_len` pixels along row y: [first, last] pixel pairs.
std::vector<std::pair<int, int>> dark_runs(const Gray& g, int y, int min_len) {
    std::vector<std::pair<int, int>> runs;
    for (int x = 0; x < g.w;) {
        if (g.at(x, y) >= 50) {
            ++x;
            continue;
        }
        int e = x;
        while (e + 1 < g.w && g.at(e + 1, y) < 50) ++e;
        if (e - x + 1 >= min_len) runs.push_back({x, e});
        x = e + 1;
    }
    return runs;
}

}  // namespace

TEST_F(PlanExport, PdfIsA4LandscapeWithRoomNameAreaScaleAndProblems) {
    const RunResult r = run("plan export '" + kPlan + "' --pdf " + out("plan.pdf"));
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "1:100")) << r.out;
    const std::string info = run_command("pdfinfo " + out("plan.pdf")).out;
    EXPECT_NE(info.find("Pages:"), std::string::npos) << info;
    EXPECT_EQ(std::stoi(info.substr(info.find("Pages:") + 6)), 1) << info;
    EXPECT_TRUE(contains(info, "841.89 x 595.276 pts (A4)")) << info;  // landscape: wider than tall
    const std::string text = run_command("pdftotext -layout " + out("plan.pdf") + " -").out;
    EXPECT_TRUE(contains(text, "书库")) << text;
    EXPECT_TRUE(contains(text, "92.0 m²")) << text;  // 11.8 × 7.8 m inside the walls' faces
    EXPECT_TRUE(contains(text, "比例 1:100")) << text;
    EXPECT_TRUE(contains(text, "检查小学")) << text;
    EXPECT_TRUE(contains(text, "12.00")) << text;  // the south wall's dimension line
    EXPECT_TRUE(contains(text, "检查问题")) << text;
    EXPECT_TRUE(contains(text, "安全出口 1 号")) << text;  // the blocked exit, named by its label
}

TEST_F(PlanExport, A3IsOneToFiftyAndEnglishWithLangEn) {
    const RunResult r = run("--lang en plan export '" + kPlan + "' --pdf " + out("plan.pdf") + " --paper A3");
    ASSERT_EQ(r.code, 0) << r.out;
    const std::string info = run_command("pdfinfo " + out("plan.pdf")).out;
    EXPECT_TRUE(contains(info, "1190.55 x 841.89 pts (A3)")) << info;
    const std::string text = run_command("pdftotext -layout " + out("plan.pdf") + " -").out;
    EXPECT_TRUE(contains(text, "Scale 1:50")) << text;
    EXPECT_TRUE(contains(text, "Problems found")) << text;
    EXPECT_TRUE(contains(text, "书库")) << text;  // the room's own name stays as written in the plan
}

// At 1:100 the south wall's 12 m (centre line to centre line of the west and east walls) is 120 mm
// on the page: measured on the PDF rasterised at 254 dpi (10 pixels per millimetre).
TEST_F(PlanExport, PrintedScaleIsTrue) {
    ASSERT_EQ(run("plan export '" + kPlan + "' --pdf " + out("plan.pdf")).code, 0);
    const RunResult ras = run_command("pdftoppm -r 254 -gray " + out("plan.pdf") + " " + out("page"));
    ASSERT_EQ(ras.code, 0) << ras.out;
    std::string pgm;
    for (const auto& e : fs::directory_iterator(dir_))
        if (e.path().extension() == ".pgm") pgm = e.path().string();
    ASSERT_FALSE(pgm.empty());
    const Gray g = read_pgm(pgm);
    ASSERT_NEAR(g.w, 2970, 1);  // 297 × 210 mm at 10 px/mm
    ASSERT_NEAR(g.h, 2100, 1);
    // Rows through the room away from its label, the exit (east wall, y = 4 m) and the ranges.
    int measured_rows = 0;
    for (int y = 700; y <= 820; y += 20) {
        const auto runs = dark_runs(g, y, 12);  // a 0.2 m wall is 2 mm = 20 px wide
        std::vector<std::pair<int, int>> walls;
        for (auto r : runs)
            if (r.second - r.first + 1 <= 30 && r.first < 2050) walls.push_back(r);  // left of the panel
        ASSERT_GE(walls.size(), 2u) << "row " << y;
        const double west = (walls.front().first + walls.front().second) / 2.0;
        const double east = (walls.back().first + walls.back().second) / 2.0;
        EXPECT_NEAR((east - west) / 10.0, 120.0, 1.0) << "row " << y;
        EXPECT_NEAR((walls.front().second - walls.front().first + 1) / 10.0, 2.0, 0.3) << "row " << y;
        ++measured_rows;
    }
    EXPECT_EQ(measured_rows, 7);
}

TEST_F(PlanExport, PngHasThePageSizeInPixelsAndTheRoomDrawn) {
    const RunResult r = run("plan export '" + kPlan + "' --png " + out("plan.png") + " --dpi 100");
    ASSERT_EQ(r.code, 0) << r.out;
    cairo_surface_t* s = cairo_image_surface_create_from_png(out("plan.png").c_str());
    ASSERT_EQ(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
    const int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    EXPECT_EQ(w, 1169);  // 297 mm at 100 dpi
    EXPECT_EQ(h, 827);   // 210 mm
    const unsigned char* data = cairo_image_surface_get_data(s);
    const int stride = cairo_image_surface_get_stride(s);
    auto rgb = [&](double x_mm, double y_mm) {
        const int x = static_cast<int>(x_mm / 25.4 * 100), y = static_cast<int>(y_mm / 25.4 * 100);
        const auto* p = reinterpret_cast<const uint32_t*>(data + static_cast<std::size_t>(y) * stride) + x;
        return *p & 0xffffffu;
    };
    // The room's fill (stack rooms #c9b79c) where the room is: 2 m in from its north-west corner
    // (the 12 × 8 m extent is centred in the 201 × 190 mm frame at 10 mm from the page's corner).
    const double ox = 10 + (201 - 120) / 2.0, oy = 10 + (190 - 80) / 2.0;
    EXPECT_EQ(rgb(ox + 20, oy + 12), 0xc9b79cu);
    // White paper outside the plan, in the drawing frame's corner.
    EXPECT_EQ(rgb(12, 12), 0xffffffu);
    cairo_surface_destroy(s);
}

TEST_F(PlanExport, BadInputExitsTwoAndWritesNothing) {
    EXPECT_EQ(run("plan export '" + kPlan + "'").code, 2);
    const RunResult paper = run("plan export '" + kPlan + "' --pdf " + out("a.pdf") + " --paper A5");
    EXPECT_EQ(paper.code, 2);
    EXPECT_TRUE(contains(paper.out, "A5")) << paper.out;
    const RunResult level = run("plan export '" + kPlan + "' --pdf " + out("a.pdf") + " --level 3");
    EXPECT_EQ(level.code, 2);
    EXPECT_TRUE(contains(level.out, "L1")) << level.out;  // the levels there are
    EXPECT_EQ(run("plan export /nonexistent/plan.sxplan.json --pdf " + out("a.pdf")).code, 2);
    EXPECT_EQ(run("plan export '" + kPlan + "' --png " + out("a.png") + " --dpi 5").code, 2);
    EXPECT_FALSE(fs::exists(out("a.pdf")));
    EXPECT_FALSE(fs::exists(out("a.png")));
}

// A folder that does not exist is refused like other bad paths (exit 2), naming the file.
TEST_F(PlanExport, OutputInAMissingFolderIsRefused) {
    const RunResult r = run("plan export '" + kPlan + "' --pdf " + out("no-such-folder/plan.pdf"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_TRUE(contains(r.out, "no-such-folder/plan.pdf")) << r.out;
}
