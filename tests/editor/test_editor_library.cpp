// The editor's library views: books on the shelves from a stored shelving assignment (coloured by
// 中图法 class or by fill), spine level of detail, range call-number spans, and find a book with its
// walking route. In-process tests of the GL-free parts, then the real editor under Xvfb with scripts.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "editor/layout_probe.hpp"
#include "editor/png_probe.hpp"
#include "support/one_range_plan.hpp"
#include "library/library_view.hpp"
#include "library/palette.hpp"
#include "render/scene.hpp"
#include "shuxiang/catalog/sqlite/store_sqlite.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/shelving/db.hpp"
#include "shuxiang/shelving/layout.hpp"

namespace fs = std::filesystem;
using namespace shuxiang;
using editor::library::LibraryView;

namespace {

using shuxiang::test::Png;
using shuxiang::test::read_png;

// The plan: tests/support/one_range_plan.hpp (R1's face 1 looks south at y = 4.75, x 3.2 .. 6.8).
plan::Plan test_plan() { return shuxiang::test::one_range_plan(); }

// The collection: 100 copies of class I (I247.5/1 .. /100) and one of class O ("数学之谜", O1/1).
// The hand-made assignment puts the I copies 20 a shelf on section R1/1/1 (all 5 levels), the O copy
// on R1/1/3 level 2, and leaves every other section empty.
struct Fixture {
    fs::path dir, plan, db;
    Fixture() = default;
    Fixture(Fixture&&) = default;
    ~Fixture() {
        std::error_code ec;
        if (!dir.empty()) fs::remove_all(dir, ec);
    }
};

const Fixture& fixture() {
    static const Fixture fx = [] {
        Fixture f;
        f.dir = fs::temp_directory_path() / ("sx_editor_library_" + std::to_string(::getpid()));
        fs::remove_all(f.dir);
        fs::create_directories(f.dir);
        f.plan = f.dir / "plan.sxplan.json";
        f.db = f.dir / "library.db";
        const plan::Plan p = test_plan();
        plan::save_plan(f.plan, p);
        std::vector<catalog::ImportEntry> batch;
        for (int i = 1; i <= 101; ++i) {
            catalog::ImportEntry e;
            e.record.title = i <= 100 ? "测试小说" + std::to_string(i) : "数学之谜";
            e.record.call_number = i <= 100 ? "I247.5/" + std::to_string(i) : "O1/1";
            e.record.marc.leader = "00000nam  2200000   4500";
            catalog::Item it;
            it.barcode = "B" + std::to_string(1000 + i);
            e.items.push_back(it);
            batch.push_back(std::move(e));
        }
        {
            auto store = catalog::open_sqlite_store(f.db);
            store->import_batch(batch);
        }
        shelving::Assignment a;
        a.sections = shelving::build_sections(p, plan::FurnitureCatalog::builtin());
        a.fills.resize(a.sections.size());
        auto index = [&](const std::string& id) {
            for (std::size_t i = 0; i < a.sections.size(); ++i)
                if (a.sections[i].id == id) return static_cast<int>(i);
            return -1;
        };
        const int s1 = index("R1/1/1"), s3 = index("R1/1/3");
        for (int i = 0; i < 100; ++i) {
            const auto& e = batch[static_cast<std::size_t>(i)];
            a.placed.push_back({e.items[0].id, s1, 1 + i / 20, "stacks", e.record.call_number});
        }
        a.placed.push_back({batch[100].items[0].id, s3, 2, "stacks", "O1/1"});
        a.fills[static_cast<std::size_t>(s1)] = {100, "I247.5/1", "I247.5/100"};
        a.fills[static_cast<std::size_t>(s3)] = {1, "O1/1", "O1/1"};
        shelving::save_assignment(f.db, a);
        return f;
    }();
    return fx;
}

bool near(glm::vec3 a, glm::vec3 b, float tol = 1e-4f) { return glm::all(glm::lessThan(glm::abs(a - b), glm::vec3(tol))); }

}  // namespace

TEST(LibraryPalette, ClassIndexAndColours) {
    using namespace editor::library;
    EXPECT_EQ(class_index("A81/1"), 0);
    EXPECT_EQ(class_index("I247.5/1"), 8);
    EXPECT_EQ(class_index("TP312/5"), 17);
    EXPECT_EQ(class_index("Z228/2"), 21);
    EXPECT_EQ(class_index("Y1"), -1);  // Y is not one of the 22 classes
    EXPECT_EQ(class_index(""), -1);
    // 22 distinct colours.
    for (int i = 0; i < kClassCount; ++i)
        for (int j = i + 1; j < kClassCount; ++j) EXPECT_FALSE(near(class_color(i), class_color(j), 0.05f)) << i << " " << j;
    EXPECT_TRUE(near(fill_color(0), {0.15f, 0.30f, 0.85f}));
    EXPECT_TRUE(near(fill_color(1), {0.90f, 0.15f, 0.10f}));
    EXPECT_TRUE(near(fill_color(2), fill_color(1)));  // over-full reads as full
    // 5/9 full: two thirds from green to yellow.
    EXPECT_TRUE(near(fill_color(100.0 / 180.0), {0.15f + 0.8f * 2 / 3, 0.75f + 0.1f * 2 / 3, 0.30f - 0.15f * 2 / 3}, 1e-3f));
}

TEST(LibraryView, ShelvesFromStoredAssignment) {
    LibraryView v;
    ASSERT_FALSE(v.open(fixture().db).has_value());
    ASSERT_TRUE(v.assigned());
    auto src = v.shelf_source();
    ASSERT_TRUE(src);
    const editor::ShelfBooks* top = src("R1", 1, 1, 1);
    ASSERT_NE(top, nullptr);
    EXPECT_EQ(top->colors.size(), 20u);
    EXPECT_FLOAT_EQ(top->thickness, 0.025f);
    EXPECT_TRUE(near(top->colors[0], editor::library::class_color(8)));
    const editor::ShelfBooks* empty = src("R1", 1, 2, 3);
    ASSERT_NE(empty, nullptr);  // assigned and empty: no spines, not a neutral fill
    EXPECT_TRUE(empty->colors.empty());
    ASSERT_NE(src("R1", 1, 3, 2), nullptr);
    EXPECT_TRUE(near(src("R1", 1, 3, 2)->colors.at(0), editor::library::class_color(12)));  // O
    EXPECT_EQ(src("R2", 1, 1, 1), nullptr);
    EXPECT_EQ(v.class_counts()[8], 100);
    EXPECT_EQ(v.class_counts()[12], 1);

    v.set_mode(editor::library::ColorMode::Fill);
    EXPECT_TRUE(near(v.shelf_source()("R1", 1, 1, 5)->colors.at(0), editor::library::fill_color(100.0 / 180.0)));

    const auto spans = v.range_spans();
    ASSERT_EQ(spans.size(), 1u);
    EXPECT_EQ(spans[0].furniture_id, "R1");
    EXPECT_EQ(spans[0].label, "A1");
    EXPECT_EQ(spans[0].first, "I247.5/1");
    EXPECT_EQ(spans[0].last, "O1/1");
}

TEST(LibraryView, SceneHasOneSpinePerAssignedBookAndOneStripPerFilledShelf) {
    LibraryView v;
    ASSERT_FALSE(v.open(fixture().db).has_value());
    const plan::Plan p = test_plan();
    const auto& cat = plan::FurnitureCatalog::builtin();
    const editor::SceneData with = editor::build_scene(p.levels[0], cat, {}, v.shelf_source());
    EXPECT_EQ(with.books.size(), 101u);
    EXPECT_EQ(with.strips.size(), 6u);  // 5 levels of R1/1/1, level 2 of R1/1/3
    EXPECT_EQ(with.strip_texels.size(), 6u * editor::kStripTexels);
    ASSERT_EQ(with.spine_groups.size(), 1u);
    EXPECT_EQ(with.spine_groups[0].book_count, 101u);
    // The top shelf of R1/1/1 (scene level 4 from the bottom): 20 books of 25 mm from x = 3.22, so
    // the strip box is 0.5 m wide centred at x = 3.47, and every texel is class I's colour.
    bool found = false;
    for (std::size_t i = 0; i < with.strips.size(); ++i) {
        const glm::vec3 c(with.strips[i].model[3]);
        if (std::abs(c.x - 3.47f) < 1e-3f && c.z > 1.4f) {
            found = true;
            EXPECT_NEAR(glm::length(glm::vec3(with.strips[i].model[0])), 0.5f, 1e-4f);
            const int strip = static_cast<int>(with.strips[i].color.x);
            const auto& t = with.strip_texels[static_cast<std::size_t>(strip * editor::kStripTexels + 31)];
            EXPECT_EQ(t[0], 230);  // 0.90 × 255
            EXPECT_EQ(t[1], 77);   // 0.30 × 255
            EXPECT_EQ(t[2], 153);  // 0.60 × 255
        }
    }
    EXPECT_TRUE(found);
    // Without an assignment every shelf gets the neutral fill: 2 faces × 4 sections × 5 levels strips.
    const editor::SceneData without = editor::build_scene(p.levels[0], cat);
    EXPECT_EQ(without.strips.size(), 40u);
    EXPECT_GT(without.books.size(), 40u * 20u);
}

TEST(LibraryView, SectionPlaceMirrorsTheBackFace) {
    const plan::Plan p = test_plan();
    const auto& f = p.levels[0].furniture[0];
    const auto* t = plan::FurnitureCatalog::builtin().find(f.type);
    ASSERT_NE(t, nullptr);
    auto a = editor::library::section_place(f, *t, 1, 1);
    ASSERT_TRUE(a);
    EXPECT_NEAR(a->center.x, 3.65f, 1e-4f);
    EXPECT_NEAR(a->center.y, 4.75f, 1e-4f);
    EXPECT_NEAR(a->normal.y, -1.f, 1e-5f);
    auto b = editor::library::section_place(f, *t, 2, 1);  // seen from the north: its left is +X
    ASSERT_TRUE(b);
    EXPECT_NEAR(b->center.x, 6.35f, 1e-4f);
    EXPECT_NEAR(b->center.y, 5.25f, 1e-4f);
    EXPECT_NEAR(b->normal.y, 1.f, 1e-5f);
    EXPECT_FALSE(editor::library::section_place(f, *t, 1, 5));
    // Turned 90°: face 1 looks east.
    plan::Furniture g = f;
    g.yaw_deg = 90;
    auto c = editor::library::section_place(g, *t, 1, 1);
    ASSERT_TRUE(c);
    EXPECT_NEAR(c->center.x, 5.25f, 1e-4f);
    EXPECT_NEAR(c->center.y, 3.65f, 1e-4f);
    EXPECT_NEAR(c->normal.x, 1.f, 1e-5f);
}

TEST(LibraryView, FindJoinsCatalogAndAssignmentAndRoutesFromTheEntrance) {
    LibraryView v;
    ASSERT_FALSE(v.open(fixture().db).has_value());
    ASSERT_FALSE(v.find("数学之谜").has_value());
    ASSERT_EQ(v.hits().size(), 1u);
    EXPECT_EQ(v.hits()[0].barcode, "B1101");
    EXPECT_EQ(v.hits()[0].shelf_level, 2);
    ASSERT_FALSE(v.select_hit(0, test_plan(), plan::FurnitureCatalog::builtin()).has_value());
    const auto& f = *v.found();
    EXPECT_EQ(f.section_id, "R1/1/3");
    // Section 3 of face 1 is centred at x = 3.2 + 2.5 × 0.9 = 5.45; the reader stands 0.45 m south of
    // the face (y = 4.75 − 0.45 = 4.30); the route starts at the door centre (5, 0).
    EXPECT_NEAR(f.goal.x, 5.45, 1e-6);
    EXPECT_NEAR(f.goal.y, 4.30, 1e-6);
    EXPECT_NEAR(f.start.x, 5.0, 1e-6);
    EXPECT_NEAR(f.start.y, 0.0, 1e-6);
    ASSERT_GE(f.route.size(), 2u) << f.route_error;
    const double straight = std::hypot(5.45 - 5.0, 4.30);  // 4.3235 m
    EXPECT_GE(f.length, straight - 1e-6);
    EXPECT_LT(f.length, straight * 1.2);  // an open room: nearly straight
    EXPECT_LT(std::hypot(f.route.back().x - 5.45, f.route.back().y - 4.30), 0.1);
    // A copy that matches nothing.
    EXPECT_TRUE(v.find("没有这本书xyz").has_value());
    EXPECT_TRUE(v.hits().empty());
    EXPECT_FALSE(v.found().has_value());
}

// ---- the real editor under Xvfb

namespace {


bool close_to(std::array<int, 3> c, std::array<int, 3> want, int tol) {
    for (std::size_t i = 0; i < 3; ++i)
        if (std::abs(c[i] - want[i]) > tol) return false;
    return true;
}

// Pixels of a (2r+1)² square round (x, y) close to `want`.
int count_near(const Png& img, int x, int y, int r, std::array<int, 3> want, int tol) {
    int n = 0;
    for (int j = y - r; j <= y + r; ++j)
        for (int i = x - r; i <= x + r; ++i)
            if (close_to(img.at(i, j), want, tol)) ++n;
    return n;
}

// Spine faces looking south (normal −Y) are lit 0.55 + 0.45 × (0.55 / |L|) = 0.7972 of their colour,
// with L = (0.35, −0.55, 0.76) the renderer's light direction.
std::array<int, 3> lit_south(glm::vec3 c) {
    const float k = 0.55f + 0.45f * 0.55f / std::sqrt(0.35f * 0.35f + 0.55f * 0.55f + 0.76f * 0.76f);
    return {static_cast<int>(std::lround(c.r * k * 255)), static_cast<int>(std::lround(c.g * k * 255)),
            static_cast<int>(std::lround(c.b * k * 255))};
}

class EditorLibrary : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("sx_edlib_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir_);
    }
    fs::path path(const std::string& n) const { return dir_ / n; }
    int run(const std::string& script, const std::string& args, std::string* out = nullptr) {
        std::ofstream(path("script.txt")) << script;
        const std::string cmd = "ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" " + std::string(SHUXIANG_BIN_DIR) +
                                "/shuxiang-editor --size 1400x900 " + args + " --script " + path("script.txt").string() + " >" +
                                path("out.txt").string() + " 2>&1";
        const int st = std::system(cmd.c_str());
        std::ifstream in(path("out.txt"));
        std::stringstream ss;
        ss << in.rdbuf();
        if (out) *out = ss.str();
        err_ = ss.str();
        return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    // Looks straight at face 1 of R1 from 2.5 m to the south, level with (x, 4.75, z).
    static std::string look_at(double x, double z) {
        std::ostringstream s;
        // Plain shading: the class colours under the fixed light, free of shadows and occlusion.
        s << "shading plain\nview 3d\ncamera orbit -90 0 2.5\ncamera target " << x << " 4.75 " << z << "\n";
        return s.str();
    }
    fs::path dir_;
    std::string err_;
};

}  // namespace

TEST_F(EditorLibrary, SpinesShowClassColourAndEmptySectionsShowNone) {
    const Fixture& fx = fixture();
    // Section 1 (x 3.2 .. 4.1): 20 books a shelf from x = 3.22 to 3.72; the centre of the view is at
    // x = 3.45 on the middle shelf's books. Section 2 (x 4.1 .. 5.0) is empty.
    const std::string script = "db " + fx.db.string() + "\n" + look_at(3.45, 0.9) + "screenshot " + path("full.png").string() +
                               " viewport\n" + look_at(4.55, 0.9) + "screenshot " + path("empty.png").string() +
                               " viewport\nbooks fill\n" + look_at(3.45, 0.9) + "screenshot " + path("fill.png").string() +
                               " viewport\nbooks class\nshading lit\nwait 1\nscreenshot " + path("lit.png").string() + " viewport\n";
    ASSERT_EQ(run(script, fx.plan.string()), 0) << err_;
    // Under the sun and occlusion the class colour keeps its hue: red and blue well above green.
    const Png lit = read_png(path("lit.png"));
    ASSERT_GT(lit.w, 0);
    int magenta = 0;
    for (int j = lit.h / 2 - 10; j <= lit.h / 2 + 10; ++j)
        for (int i = lit.w / 2 - 10; i <= lit.w / 2 + 10; ++i) {
            const auto c = lit.at(i, j);
            magenta += c[0] > c[1] + 50 && c[2] > c[1] + 15 ? 1 : 0;
        }
    EXPECT_GT(magenta, 250);
    const Png full = read_png(path("full.png")), empty = read_png(path("empty.png")), fill = read_png(path("fill.png"));
    ASSERT_GT(full.w, 0);
    const int cx = full.w / 2, cy = full.h / 2;
    const auto class_i = lit_south(editor::library::class_color(8));  // about (183, 61, 122)
    // Spines are 95 % of their pitch: most pixels of a 21 × 21 square are spine faces.
    EXPECT_GT(count_near(full, cx, cy, 10, class_i, 10), 300) << full.at(cx, cy)[0] << "," << full.at(cx, cy)[1] << "," << full.at(cx, cy)[2];
    EXPECT_EQ(count_near(empty, cx, cy, 60, class_i, 40), 0);
    // No neutral spines either: their lit tones are greys round (150..190) with r ≈ g ≈ b.
    int greyish = 0;
    for (int j = cy - 60; j <= cy + 60; ++j)
        for (int i = cx - 60; i <= cx + 60; ++i) {
            const auto c = empty.at(i, j);
            if (std::abs(c[0] - c[1]) < 8 && std::abs(c[1] - c[2]) < 12 && c[0] > 140) ++greyish;
        }
    EXPECT_EQ(greyish, 0);
    const auto heat = lit_south(editor::library::fill_color(100.0 / 180.0));  // about (139, 166, 41)
    EXPECT_GT(count_near(fill, cx, cy, 10, heat, 10), 300);
}

TEST_F(EditorLibrary, WithoutDatabaseShelvesKeepTheNeutralFill) {
    const Fixture& fx = fixture();
    ASSERT_EQ(run(look_at(4.55, 0.9) + "screenshot " + path("n.png").string() + " viewport\n", fx.plan.string()), 0) << err_;
    const Png img = read_png(path("n.png"));
    ASSERT_GT(img.w, 0);
    int greyish = 0;
    for (int j = img.h / 2 - 60; j <= img.h / 2 + 60; ++j)
        for (int i = img.w / 2 - 60; i <= img.w / 2 + 60; ++i) {
            const auto c = img.at(i, j);
            if (std::abs(c[0] - c[1]) < 8 && std::abs(c[1] - c[2]) < 12 && c[0] > 140) ++greyish;
        }
    EXPECT_GT(greyish, 2000);  // the empty-by-assignment section of the test above is full of them here
}

TEST_F(EditorLibrary, FindSelectHighlightsSectionAndReportsRoute) {
    const Fixture& fx = fixture();
    const std::string script = "find 数学之谜\nfind-select 0\nfind-report " + path("report.txt").string() + "\n" +
                               "view top\nframe all\nscreenshot " + path("top.png").string() + " viewport\n";
    ASSERT_EQ(run(script, fx.plan.string() + " --db " + fx.db.string()), 0) << err_;
    std::ifstream in(path("report.txt"));
    std::map<std::string, std::vector<std::string>> rep;
    for (std::string line; std::getline(in, line);) {
        std::istringstream ls(line);
        std::string k, w;
        ls >> k;
        while (ls >> w) rep[k].push_back(w);
    }
    ASSERT_EQ(rep["hits"].at(0), "1");
    EXPECT_EQ(rep["section"].at(0), "R1/1/3");
    EXPECT_EQ(rep["shelf_level"].at(0), "2");
    const double length = std::stod(rep["length"].at(0)), straight = std::stod(rep["straight"].at(0));
    EXPECT_NEAR(straight, std::hypot(0.45, 4.30), 1e-3);
    EXPECT_GE(length, straight - 1e-3);
    EXPECT_LT(length, straight * 1.2);
    const double ex = std::stod(rep["end"].at(0)), ey = std::stod(rep["end"].at(1));
    EXPECT_LT(std::hypot(ex - 5.45, ey - 4.30), 0.1);  // ends in front of the section
    // The route ribbon (pink, drawn unlit) shows between the door and the range in the top view.
    const Png img = read_png(path("top.png"));
    ASSERT_GT(img.w, 0);
    int pink = 0;
    for (int j = 0; j < img.h; ++j)
        for (int i = 0; i < img.w; ++i)
            if (close_to(img.at(i, j), {242, 64, 140}, 6)) ++pink;
    EXPECT_GT(pink, 50);
}

TEST_F(EditorLibrary, FindWithoutDatabaseFailsWithMessage) {
    ASSERT_EQ(run("find 数学之谜\n", fixture().plan.string() + " --lang en"), 2);
    EXPECT_NE(err_.find("No library database open"), std::string::npos) << err_;
}

TEST_F(EditorLibrary, LevelOfDetailKeepsDrawCallsAndCutsInstancesFarAway) {
    const Fixture& fx = fixture();
    std::string out_on, out_off;
    // Every frame drawn whole (an unchanged frame would only be copied again).
    const std::string far = "frame-reuse off\nview 3d\ncamera orbit -90 30 60\ncamera target 5 5 0\nwait 2\n";
    ASSERT_EQ(run(far, fx.plan.string(), &out_on), 0) << out_on;
    ASSERT_EQ(run("lod off\n" + far, fx.plan.string(), &out_off), 0) << out_off;
    std::smatch a, b;
    const std::regex re("scene draw calls: (\\d+), instances: (\\d+)");
    ASSERT_TRUE(std::regex_search(out_on, a, re)) << out_on;
    ASSERT_TRUE(std::regex_search(out_off, b, re)) << out_off;
    // Far: the 40 neutral shelves are 40 strip boxes instead of ~1,000 spines; draw calls stay the same.
    EXPECT_EQ(std::stoi(a[1]), std::stoi(b[1]));
    EXPECT_GT(std::stol(b[2]) - std::stol(a[2]), 900);
}

TEST_F(EditorLibrary, RangeLabelShowsOnlyWithAnAssignment) {
    const Fixture& fx = fixture();
    // The label "A1  I247.5/1 – O1/1" sits on a light cream plate (250, 246, 230 at 88 % opacity)
    // above the range; nothing else in this view is that light and warm.
    const std::string look = "view top\ncamera target 5 5 0\ncamera zoom 3\n";
    ASSERT_EQ(run(look + "screenshot " + path("a.png").string() + " viewport\n", fx.plan.string() + " --db " + fx.db.string()), 0) << err_;
    ASSERT_EQ(run(look + "screenshot " + path("b.png").string() + " viewport\n", fx.plan.string()), 0) << err_;
    auto plate = [](const Png& img) {
        int n = 0;
        for (int j = 0; j < img.h; ++j)
            for (int i = 0; i < img.w / 2; ++i) {  // the left half: the panel sits top right
                const auto c = img.at(i, j);
                if (c[0] >= 225 && c[1] >= 220 && c[2] >= 200 && c[0] - c[2] >= 8) ++n;
            }
        return n;
    };
    const Png a = read_png(path("a.png")), b = read_png(path("b.png"));
    ASSERT_GT(a.w, 0);
    ASSERT_GT(b.w, 0);
    EXPECT_GT(plate(a), 300);
    EXPECT_EQ(plate(b), 0);
}

TEST_F(EditorLibrary, FarShelvesShowClassColourThroughTheirStrips) {
    const Fixture& fx = fixture();
    // From 30 m a 25 mm spine is ~0.7 px wide, so R1 is drawn as strips: the 0.5 m of class I books on
    // each shelf of section 1 is one box, coloured by its strip (no gaps between spines). Seen from
    // 45° above the south, over the room's south wall.
    std::string out;
    const std::string script = "db " + fx.db.string() + "\nshading plain\nview 3d\ncamera orbit -90 45 30\ncamera target 3.47 4.75 0.9\nscreenshot " +
                               path("far.png").string() + " viewport\n";
    ASSERT_EQ(run(script, fx.plan.string(), &out), 0) << out;
    const Png img = read_png(path("far.png"));
    ASSERT_GT(img.w, 0);
    const auto class_i = lit_south(editor::library::class_color(8));
    EXPECT_GT(count_near(img, img.w / 2, img.h / 2, 20, class_i, 6), 20);
    // The scene holds 6 strips and no spines (boxes: walls, floor marks and the range's parts).
    std::smatch m;
    ASSERT_TRUE(std::regex_search(out, m, std::regex("instances: (\\d+)")));
    std::string lod_off;
    ASSERT_EQ(run("lod off\n" + script, fx.plan.string(), &lod_off), 0) << lod_off;
    std::smatch m2;
    ASSERT_TRUE(std::regex_search(lod_off, m2, std::regex("instances: (\\d+)")));
    EXPECT_EQ(std::stol(m2[1]) - std::stol(m[1]), 101 - 6);  // 101 spines instead of 6 strips
}

TEST(LibraryView, StaleWhenThePlansShelvesChanged) {
    LibraryView v;
    ASSERT_FALSE(v.open(fixture().db).has_value());
    plan::Plan p = test_plan();
    const auto& cat = plan::FurnitureCatalog::builtin();
    EXPECT_FALSE(v.stale_for(p, cat));
    p.levels[0].furniture[0].position = {4, 5};  // moving a range keeps its sections
    EXPECT_FALSE(v.stale_for(p, cat));
    p.levels[0].furniture[0].sections = 3;  // R1/1/4 and R1/2/4 are gone
    EXPECT_TRUE(v.stale_for(p, cat));
}

// The 馆藏 panel stands in the right column beside the view, never over it, also after a search has
// filled it; the plan framed in the view stays clear of it.
TEST_F(EditorLibrary, TheLibraryPanelStandsBesideTheView) {
    const Fixture& fx = fixture();
    const std::string script = "view top\nframe all\nfind 数学之谜\nfind-select 0\nwait 2\nframe all\nwait 1\nlayout " +
                               path("layout.txt").string() + "\n";
    ASSERT_EQ(run(script, fx.plan.string() + " --db " + fx.db.string()), 0) << err_;
    const auto d = shuxiang::test::read_layout(path("layout.txt"));
    ASSERT_TRUE(d.panels.count("library"));
    const auto& lib = d.panels.at("library");
    EXPECT_FALSE(lib.overlaps(d.view));
    EXPECT_GE(lib.x, d.view.x + d.view.w - 0.5);  // the right column
    EXPECT_GT(lib.h, 100);
    bool window = false;
    for (const auto& [name, box] : d.windows) {
        EXPECT_FALSE(box.overlaps(d.view)) << name;
        window = window || name.find("###library_panel") != std::string::npos;
    }
    EXPECT_TRUE(window);
    ASSERT_TRUE(d.plan.has_value());
    EXPECT_TRUE(d.plan->inside(d.view));
}
