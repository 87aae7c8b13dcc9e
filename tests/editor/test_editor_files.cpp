// File handling of the editor: Assimp import of real model files (GL-free, over Debian's
// assimp-testmodels and hand-made files of known size), and end-to-end runs of the editor under Xvfb
// for importing, the palette, recent files, the unsaved-changes prompt and crash recovery.
#include <gtest/gtest.h>
#include <png.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "assets/model_import.hpp"
#include "render/scene.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/util/i18n.hpp"

namespace fs = std::filesystem;
using shuxiang::editor::assets::convex_hull;
using shuxiang::editor::assets::heuristic_unit_scale;
using shuxiang::editor::assets::import_model;
using shuxiang::editor::assets::ImportResult;
using shuxiang::plan::Vec2;

extern char** environ;

namespace {

const fs::path kData = fs::path(SHUXIANG_TEST_DATA_DIR) / "editor_files";
const fs::path kModels = "/usr/share/assimp/models";

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

double area(const std::vector<Vec2>& p) { return std::abs(shuxiang::plan::signed_area(p)); }

// ------------------------------------------------------------------------------ import, no display

TEST(ModelImport, ConvexHullOfAnLShapeAndOfCollinearPoints) {
    const auto h = convex_hull({{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}, {0.5, 0.5}, {1, 0}});
    // The notch (1, 1) and the inner and collinear points drop out: (0,0) (2,0) (2,1) (1,2) (0,2).
    ASSERT_EQ(h.size(), 5u);
    EXPECT_DOUBLE_EQ(area(h), 3.5);
    EXPECT_GT(shuxiang::plan::signed_area(h), 0);  // counter-clockwise
    EXPECT_EQ(convex_hull({{0, 0}, {1, 1}, {2, 2}}).size(), 2u);  // a line has no area
}

TEST(ModelImport, UnitHeuristicBySize) {
    EXPECT_EQ(heuristic_unit_scale(1.8), 1.0);     // a shelf in metres
    EXPECT_EQ(heuristic_unit_scale(180), 0.01);    // the same in centimetres
    EXPECT_EQ(heuristic_unit_scale(1800), 0.001);  // and in millimetres
    EXPECT_EQ(heuristic_unit_scale(20), 1.0);      // a 20 m pavilion stays in metres
}

TEST(ModelImport, MillimetreObjTableByHeuristic) {
    const ImportResult r = import_model(kData / "table_mm.obj");
    ASSERT_TRUE(r.model) << r.error;
    EXPECT_NEAR(r.model->width, 1.2, 1e-6);   // file X
    EXPECT_NEAR(r.model->depth, 0.6, 1e-6);   // file Z (Y up → plan Y = -Z)
    EXPECT_NEAR(r.model->height, 0.75, 1e-6); // file Y
    EXPECT_EQ(r.model->unit_source, "size heuristic: millimetres");
    EXPECT_NEAR(area(r.model->footprint), 0.72, 1e-6);
    EXPECT_EQ(r.model->triangles(), 12u);
    // Standing on the floor, centred on its footprint.
    float zmin = 1e9f, xmin = 1e9f, xmax = -1e9f;
    for (std::size_t i = 0; i < r.model->vertices.size(); i += 6) {
        zmin = std::min(zmin, r.model->vertices[i + 2]);
        xmin = std::min(xmin, r.model->vertices[i]);
        xmax = std::max(xmax, r.model->vertices[i]);
    }
    EXPECT_NEAR(zmin, 0.f, 1e-6);
    EXPECT_NEAR(xmin, -0.6f, 1e-6);
    EXPECT_NEAR(xmax, 0.6f, 1e-6);
}

TEST(ModelImport, ColladaUnitElementGivesMetres) {
    const ImportResult r = import_model(kData / "cabinet_cm.dae");
    ASSERT_TRUE(r.model) << r.error;
    EXPECT_NEAR(r.model->width, 0.8, 1e-6);
    EXPECT_NEAR(r.model->depth, 0.4, 1e-6);
    EXPECT_NEAR(r.model->height, 2.0, 1e-6);
    EXPECT_EQ(r.model->unit_source, "COLLADA <unit>");
}

TEST(ModelImport, LShapedFootprintIsItsConvexHull) {
    const ImportResult r = import_model(kData / "lshape.obj");
    ASSERT_TRUE(r.model) << r.error;
    EXPECT_NEAR(r.model->width, 2.0, 1e-6);
    EXPECT_NEAR(r.model->depth, 2.0, 1e-6);
    EXPECT_NEAR(r.model->height, 0.9, 1e-6);
    EXPECT_EQ(r.model->footprint.size(), 5u);
    EXPECT_NEAR(area(r.model->footprint), 3.5, 1e-6);
}

TEST(ModelImport, RealCubesOfKnownSize) {
    // Debian's assimp-testmodels: unit cubes in OBJ and glTF, a COLLADA cube, and a 3DS cube whose
    // 66.7-unit extent the heuristic reads as centimetres.
    struct Case {
        const char* file;
        double w, d, h;
    };
    for (const Case& c : {Case{"OBJ/box.obj", 1, 1, 1}, Case{"glTF2/BoxTextured-glTF/BoxTextured.gltf", 1, 1, 1},
                          Case{"glTF2/BoxTextured-glTF-Binary/BoxTextured.glb", 1, 1, 1},
                          Case{"Collada/cube_triangulate.dae", 1, 1, 1}}) {
        SCOPED_TRACE(c.file);
        const ImportResult r = import_model(kModels / c.file);
        ASSERT_TRUE(r.model) << r.error;
        EXPECT_NEAR(r.model->width, c.w, 1e-4);
        EXPECT_NEAR(r.model->depth, c.d, 1e-4);
        EXPECT_NEAR(r.model->height, c.h, 1e-4);
        EXPECT_NEAR(area(r.model->footprint), c.w * c.d, 1e-4);
    }
    const ImportResult cube3ds = import_model(kModels / "3DS/RotatingCube.3DS");
    ASSERT_TRUE(cube3ds.model) << cube3ds.error;
    EXPECT_EQ(cube3ds.model->unit_source, "size heuristic: centimetres");
    EXPECT_NEAR(std::max({cube3ds.model->width, cube3ds.model->depth, cube3ds.model->height}), 0.6667, 1e-3);
    // FBX: UnitScaleFactor 100 (cm per unit) means the file is in metres.
    const ImportResult fbx = import_model(kModels / "FBX/box.fbx");
    ASSERT_TRUE(fbx.model) << fbx.error;
    EXPECT_EQ(fbx.model->unit_source, "FBX UnitScaleFactor");
    EXPECT_DOUBLE_EQ(fbx.model->unit_scale, 1.0);
}

TEST(ModelImport, EveryTestModelOfTheFiveFormatsImportsOrSaysWhy) {
    if (!fs::exists(kModels)) GTEST_SKIP() << "assimp-testmodels is not installed";
    int ok = 0, refused = 0;
    std::set<std::string> formats_ok;
    for (const char* dir : {"OBJ", "FBX", "glTF", "glTF2", "3DS", "Collada", "invalid"}) {
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(kModels / dir, ec); it != fs::recursive_directory_iterator();
             it.increment(ec)) {
            if (!it->is_regular_file() || !shuxiang::editor::assets::is_supported(it->path())) continue;
            SCOPED_TRACE(it->path().string());
            const ImportResult r = import_model(it->path());
            if (!r.model) {
                ++refused;
                // The message names the file and gives a reason.
                EXPECT_EQ(r.error.rfind(it->path().string() + ": ", 0), 0u) << r.error;
                EXPECT_GT(r.error.size(), it->path().string().size() + 4);
                continue;
            }
            ++ok;
            if (std::string(dir) != "invalid") formats_ok.insert(dir);
            const auto& m = *r.model;
            EXPECT_GE(m.footprint.size(), 3u);
            EXPECT_GT(m.width, 0);
            EXPECT_GT(m.depth, 0);
            EXPECT_GT(m.height, 0);
            EXPECT_LE(std::max({m.width, m.depth, m.height}), 50.0);
            EXPECT_EQ(m.vertices.size() % 18, 0u);
            // The hull lies inside the bounding box and covers at most its area.
            const double a = area(m.footprint);
            EXPECT_GT(a, 0);
            EXPECT_LE(a, m.width * m.depth * (1 + 1e-6) + 1e-9);
            for (const auto& v : m.footprint) {
                EXPECT_LE(std::abs(v.x), m.width / 2 + 1e-4);
                EXPECT_LE(std::abs(v.y), m.depth / 2 + 1e-4);
            }
        }
    }
    std::printf("test models: %d imported, %d refused with a message\n", ok, refused);
    EXPECT_GE(ok, 40);
    EXPECT_GE(refused, 3);  // the `invalid` folder and broken glTF samples
    EXPECT_EQ(formats_ok, (std::set<std::string>{"OBJ", "FBX", "glTF", "glTF2", "3DS", "Collada"}));
}

TEST(ModelImport, BrokenEmptyAndUnsupportedFilesGiveAReason) {
    shuxiang::load_translations(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "i18n");
    shuxiang::set_language(shuxiang::Language::En);
    struct Case {
        const char* file;
        const char* reason;
    };
    for (const Case& c : {Case{"garbage.fbx", "cannot read the model"}, Case{"garbage.glb", "cannot read the model"},
                          Case{"truncated_box.fbx", "cannot read the model"},
                          Case{"truncated_box.glb", "cannot read the model"},
                          Case{"truncated_cabinet.dae", "cannot read the model"},
                          Case{"not_a_model.obj", "no triangles"}, Case{"empty.dae", "the file is empty"},
                          Case{"chair.stl", "unsupported format '.stl'"}, Case{"missing.obj", "file not found"}}) {
        SCOPED_TRACE(c.file);
        const ImportResult r = import_model(kData / c.file);
        EXPECT_FALSE(r.model);
        EXPECT_EQ(r.error.rfind((kData / c.file).string() + ": ", 0), 0u) << r.error;
        EXPECT_NE(r.error.find(c.reason), std::string::npos) << r.error;
    }
    // Every truncation of a real file is refused or read, never a crash.
    const std::string whole = slurp(kData / "cabinet_cm.dae");
    const fs::path cut = fs::temp_directory_path() / ("sx_cut_" + std::to_string(::getpid()) + ".dae");
    for (std::size_t n = 1; n < whole.size(); n += 97) {
        std::ofstream(cut, std::ios::binary) << whole.substr(0, n);
        (void)import_model(cut);
    }
    fs::remove(cut);
}

TEST(ModelScene, CopiesOfAModelAreInstancesOfOneMesh) {
    // The scene keeps one instance list per imported type: 3 chairs and 2 tables are 2 lists (2 draw
    // calls), and picking gets each copy's hull.
    shuxiang::plan::Plan p;
    for (const char* id : {"model_chair", "model_table"}) {
        shuxiang::plan::PlanFurnitureType t;
        t.id = id;
        t.width = t.depth = 1;
        t.height = 0.8;
        t.footprint = {{-0.5, -0.5}, {0.5, -0.5}, {0, 0.5}};
        t.model = std::string("/models/") + id + ".obj";
        p.furniture_types.push_back(t);
    }
    const auto cat = shuxiang::plan::with_plan_types(shuxiang::plan::FurnitureCatalog::builtin(), p);
    shuxiang::plan::Level l;
    int n = 0;
    for (const char* type : {"model_chair", "model_chair", "model_table", "model_chair", "model_table"}) {
        shuxiang::plan::Furniture f;
        f.id = "f" + std::to_string(++n);
        f.type = type;
        f.position = {2.0 * n, 1};
        l.furniture.push_back(f);
    }
    const auto scene = shuxiang::editor::build_scene(l, cat);
    ASSERT_EQ(scene.meshes.size(), 2u);
    EXPECT_EQ(scene.meshes.at("model_chair").size(), 3u);
    EXPECT_EQ(scene.meshes.at("model_table").size(), 2u);
    EXPECT_TRUE(scene.boxes.empty());  // no box stands in for a model
    // The third item (a table at x = 6) is placed by its instance matrix.
    EXPECT_FLOAT_EQ(scene.meshes.at("model_table")[0].model[3][0], 6.f);
    ASSERT_EQ(scene.furniture.size(), 5u);
    EXPECT_EQ(scene.furniture[0].hull.size(), 3u);
    EXPECT_FLOAT_EQ(scene.furniture[0].half.z, 0.4f);
}

// ------------------------------------------------------------------------------ the editor under Xvfb

struct Result {
    int rc = -1;
    std::string out, err;
};

class EditorFiles : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("sx_edfiles_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "cfg");
        fs::create_directories(dir_ / "state");
    }
    void TearDown() override {
        if (!HasFailure()) fs::remove_all(dir_);
    }
    fs::path path(const std::string& name) const { return dir_ / name; }

    // The config and state folders point into the test's folder.
    std::string env() const {
        return "XDG_CONFIG_HOME=" + (dir_ / "cfg").string() + " XDG_STATE_HOME=" + (dir_ / "state").string() +
               " ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" ";
    }
    std::string editor_cmd(const std::string& script, const std::string& name, const std::string& extra) {
        std::ofstream(path(name + ".txt")) << script;
        return env() + std::string(SHUXIANG_BIN_DIR) + "/shuxiang-editor --size 1400x900 --script " +
               path(name + ".txt").string() + " " + extra + " >" + path(name + ".out").string() + " 2>" +
               path(name + ".err").string();
    }
    Result run(const std::string& script, const std::string& extra = "", const std::string& name = "script") {
        Result r;
        const int st = std::system(editor_cmd(script, name, extra).c_str());
        r.rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
        r.out = slurp(path(name + ".out"));
        r.err = slurp(path(name + ".err"));
        return r;
    }
    fs::path dir_;
};

int draw_calls(const std::string& out) {
    std::smatch m;
    if (!std::regex_search(out, m, std::regex("scene draw calls: (\\d+), instances: (\\d+)"))) return -1;
    return std::stoi(m[1]);
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

TEST_F(EditorFiles, ImportPlaceSaveReopenWithTheModelBesideThePlan) {
    fs::create_directories(path("school/models"));
    fs::copy_file(kData / "lshape.obj", path("school/models/lshape.obj"));
    const fs::path plan = path("school/plan.sxplan.json");
    const Result r = run("new empty\n"
                         "import-model " + path("school/models/lshape.obj").string() + "\n"
                         "add model_lshape 2 2\n"
                         "add model_lshape 2.5 2.5\n"  // overlaps the first
                         "add model_lshape 10 2 90\n"
                         "checks " + path("checks.tsv").string() + "\n"
                         "save " + plan.string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const auto doc = nlohmann::json::parse(slurp(plan));
    EXPECT_EQ(doc["schema_version"], 5);
    ASSERT_EQ(doc["furniture_types"].size(), 1u);
    const auto& t = doc["furniture_types"][0];
    EXPECT_EQ(t["id"], "model_lshape");
    EXPECT_EQ(t["model"], "models/lshape.obj");  // relative to the plan's folder
    EXPECT_DOUBLE_EQ(t["width"].get<double>(), 2.0);
    EXPECT_DOUBLE_EQ(t["depth"].get<double>(), 2.0);
    EXPECT_DOUBLE_EQ(t["height"].get<double>(), 0.9);
    EXPECT_EQ(t["footprint"].size(), 5u);
    EXPECT_EQ(doc["levels"][0]["furniture"].size(), 3u);
    // The plan's overlap check uses the hull: the first two overlap, the third stands apart.
    const std::string checks = slurp(path("checks.tsv"));
    EXPECT_NE(checks.find("overlap\tf1,f2"), std::string::npos) << checks;
    EXPECT_EQ(checks.find("overlap\tf3"), std::string::npos) << checks;
    EXPECT_EQ(checks.find(",f3\t"), std::string::npos) << checks;
    EXPECT_NE(checks.find("furniture_outside_rooms\tf3\t"), std::string::npos) << checks;  // an empty plan has no rooms

    // Moved elsewhere with its folder, the plan reopens with its mesh: one draw call for the model
    // type whether one or three copies are placed (every frame drawn whole: an unchanged one would
    // only be copied again).
    fs::rename(path("school"), path("moved"));
    const Result three = run("frame-reuse off\nframe all\n", path("moved/plan.sxplan.json").string(), "three");
    ASSERT_EQ(three.rc, 0) << three.err;
    EXPECT_EQ(three.err.find("could not be loaded"), std::string::npos);
    const Result one = run("frame-reuse off\nselect f2 f3\ndelete\n", path("moved/plan.sxplan.json").string(), "one");
    ASSERT_EQ(one.rc, 0) << one.err;
    const Result none = run("frame-reuse off\nselect f1 f2 f3\ndelete\n", path("moved/plan.sxplan.json").string(), "none");
    ASSERT_EQ(none.rc, 0) << none.err;
    EXPECT_EQ(draw_calls(three.out), draw_calls(one.out));
    EXPECT_EQ(draw_calls(none.out) + 1, draw_calls(one.out));

    // Without the model file the type still opens, drawn as its box, with a warning in the log.
    fs::remove(path("moved/models/lshape.obj"));
    const Result missing = run("log " + path("log.txt").string() + "\n", path("moved/plan.sxplan.json").string(), "missing");
    ASSERT_EQ(missing.rc, 0) << missing.err;
    EXPECT_NE(slurp(path("log.txt")).find("lshape.obj: 找不到文件"), std::string::npos);  // the Chinese UI's log
}

TEST_F(EditorFiles, ImportedModelIsDrawnWithItsOwnMesh) {
    // A top view of the L-shaped counter: its notch (the missing quarter) shows the floor, the
    // three other quarters show the model.
    const Result r = run("new empty\n"
                         "import-model " + (kData / "lshape.obj").string() + "\n"
                         "add model_lshape 0 0\n"
                         "select none\n"
                         "grid off\n"
                         "view top\n"
                         "camera target 0 0 0\n"
                         "camera zoom 2\n"
                         "screenshot " + path("top.png").string() + " viewport\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    png_image im{};
    im.version = PNG_IMAGE_VERSION;
    ASSERT_TRUE(png_image_begin_read_from_file(&im, path("top.png").c_str()));
    im.format = PNG_FORMAT_RGB;
    std::vector<unsigned char> px(PNG_IMAGE_SIZE(im));
    ASSERT_TRUE(png_image_finish_read(&im, nullptr, px.data(), 0, nullptr));
    const int w = static_cast<int>(im.width), h = static_cast<int>(im.height);
    auto at = [&](double x, double y) {  // plan point → pixel (top view, 2 m half height)
        const int px_x = static_cast<int>(w / 2.0 + x / 2.0 * (h / 2.0));
        const int px_y = static_cast<int>(h / 2.0 - y / 2.0 * (h / 2.0));
        const std::size_t i = (static_cast<std::size_t>(px_y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(px_x)) * 3;
        return std::array<int, 3>{px[i], px[i + 1], px[i + 2]};
    };
    // Model local (x, z) → plan (x, -z), centred: the notch (x > 0, file z > 0) is at plan (+0.5, -0.5).
    const auto notch = at(0.5, -0.5), solid = at(-0.5, 0.5), solid2 = at(0.5, 0.5), bg = at(1.8, 1.8);
    EXPECT_EQ(notch, bg);
    EXPECT_NE(solid, bg);
    EXPECT_NE(solid2, bg);
    EXPECT_EQ(solid, solid2);
}

TEST_F(EditorFiles, PickingUsesTheModelsHullNotItsBox) {
    // Top view centred on an L-shaped counter at the origin, 2 m half height: a click in its notch
    // (inside the bounding box, outside the convex hull) selects nothing, so `delete` has nothing to
    // delete; a click on the counter selects it.
    const std::string setup = "lang en\nnew empty\nimport-model " + (kData / "lshape.obj").string() +
                              "\nadd model_lshape 0 0\nselect none\nview top\ncamera target 0 0 0\ncamera zoom 2\nwait 2\n";
    // Viewport fractions of plan points: v = 0.5 - y / 4; u = 0.5 + x / (4 × aspect), aspect 1.18
    // (810 × 687 px at 1400 × 900). The notch's outer corner (0.8, -0.8) lies beyond the hull's
    // diagonal edge (the hull covers the inner half of the notch); (-0.5, 0.5) is on the counter.
    const Result notch = run(setup + "click 0.670 0.700\ndelete\n", "", "notch");
    EXPECT_EQ(notch.rc, 2);
    EXPECT_NE(notch.err.find("line 11: No furniture selected"), std::string::npos) << notch.err;  // the delete
    const Result solid = run(setup + "click 0.394 0.375\ndelete\nsave " + path("s.sxplan.json").string() + "\n", "", "solid");
    ASSERT_EQ(solid.rc, 0) << solid.err;
    EXPECT_TRUE(nlohmann::json::parse(slurp(path("s.sxplan.json")))["levels"][0]["furniture"].empty());
}

TEST_F(EditorFiles, BrokenModelFilesStopWithAMessageNotACrash) {
    for (const char* f : {"garbage.fbx", "truncated_box.glb", "empty.dae", "chair.stl", "not_a_model.obj"}) {
        SCOPED_TRACE(f);
        const Result r = run("lang en\nnew empty\nimport-model " + (kData / f).string() + "\n");
        EXPECT_EQ(r.rc, 2);  // the script stops at the failed action; the editor exits normally
        EXPECT_NE(r.err.find((kData / f).string()), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("Cannot import the model"), std::string::npos) << r.err;
    }
}

TEST_F(EditorFiles, PaletteSearchThumbnailAndDrop) {
    const Result r = run("lang en\n"
                         "palette-search 沙发\n"
                         "palette-list " + path("zh.txt").string() + "\n"
                         "palette-search SOFA\n"
                         "palette-list " + path("en.txt").string() + "\n"
                         "palette-search two sofa\n"
                         "palette-list " + path("two.txt").string() + "\n"
                         "palette-search shelving_double\n"
                         "palette-list " + path("cat.txt").string() + "\n"
                         "new empty\n"
                         "import-model " + (kData / "table_mm.obj").string() + "\n"
                         "palette-search table_mm\n"
                         "palette-list " + path("model.txt").string() + "\n"
                         "thumbnail sofa_double " + path("sofa.png").string() + "\n"
                         "thumbnail model_table_mm " + path("table.png").string() + "\n"
                         "view top\n"
                         "camera target 5 5 0\n"
                         "palette-drop sofa_double 0.5 0.5\n"
                         "save " + path("drop.sxplan.json").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    // Chinese 沙发 also finds the beanbag (懒人沙发); English "sofa" only the three sofas.
    EXPECT_EQ(lines(slurp(path("zh.txt"))), (std::vector<std::string>{"sofa_single", "sofa_double", "sofa_triple", "beanbag"}));
    EXPECT_EQ(lines(slurp(path("en.txt"))), (std::vector<std::string>{"sofa_single", "sofa_double", "sofa_triple"}));
    EXPECT_EQ(lines(slurp(path("two.txt"))), (std::vector<std::string>{"sofa_double"}));
    for (const auto& id : lines(slurp(path("cat.txt")))) EXPECT_NE(id.find("double"), std::string::npos) << id;
    EXPECT_FALSE(slurp(path("cat.txt")).empty());
    EXPECT_EQ(lines(slurp(path("model.txt"))), (std::vector<std::string>{"model_table_mm"}));
    // Thumbnails: 96 px squares with the item drawn over the background, in more than one shade.
    for (const char* png : {"sofa.png", "table.png"}) {
        SCOPED_TRACE(png);
        png_image im{};
        im.version = PNG_IMAGE_VERSION;
        ASSERT_TRUE(png_image_begin_read_from_file(&im, path(png).c_str()));
        im.format = PNG_FORMAT_RGB;
        std::vector<unsigned char> px(PNG_IMAGE_SIZE(im));
        ASSERT_TRUE(png_image_finish_read(&im, nullptr, px.data(), 0, nullptr));
        EXPECT_EQ(im.width, 96u);
        EXPECT_EQ(im.height, 96u);
        const std::array<int, 3> bg{px[0], px[1], px[2]};
        int item = 0;
        std::set<int> shades;
        for (std::size_t i = 0; i < px.size(); i += 3) {
            if (std::abs(px[i] - bg[0]) + std::abs(px[i + 1] - bg[1]) + std::abs(px[i + 2] - bg[2]) > 30) {
                ++item;
                shades.insert(px[i] / 8 * 1024 + px[i + 1] / 8 * 32 + px[i + 2] / 8);
            }
        }
        EXPECT_GT(item, 96 * 96 / 10);
        EXPECT_GE(shades.size(), 2u);
    }
    // The drop at the viewport's centre lands on the camera's target, rounded to 10 cm.
    const auto doc = nlohmann::json::parse(slurp(path("drop.sxplan.json")));
    const auto& f = doc["levels"][0]["furniture"];
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0]["type"], "sofa_double");
    EXPECT_NEAR(f[0]["position"][0].get<double>(), 5.0, 0.1 + 1e-9);
    EXPECT_NEAR(f[0]["position"][1].get<double>(), 5.0, 0.1 + 1e-9);
}

TEST_F(EditorFiles, RecentFilesPersistInTheConfigFolder) {
    const fs::path a = path("a.sxplan.json"), b = path("b.sxplan.json");
    ASSERT_EQ(run("new empty\nsave " + a.string() + "\nsave " + b.string() + "\n").rc, 0);
    const auto j = nlohmann::json::parse(slurp(path("cfg/shuxiang/recent.json")));
    EXPECT_EQ(j["files"], (nlohmann::json{b.string(), a.string()}));
    // A second run starts with that list and puts the file it opens first.
    ASSERT_EQ(run("frame all\n", a.string(), "second").rc, 0);
    const auto j2 = nlohmann::json::parse(slurp(path("cfg/shuxiang/recent.json")));
    EXPECT_EQ(j2["files"], (nlohmann::json{a.string(), b.string()}));
}

TEST_F(EditorFiles, UnsavedChangesPromptSaveDiscardCancel) {
    const fs::path plan = path("p.sxplan.json"), other = path("o.sxplan.json");
    ASSERT_EQ(run("new empty\nadd sofa_single 1 1\nsave " + other.string() + "\n"
                  "new empty\nsave " + plan.string() + "\n", "", "setup").rc, 0);
    const Result r = run("request open " + other.string() + "\n"  // nothing unsaved: opens at once
                         "expect-prompt no\n"
                         "request open " + plan.string() + "\n"
                         "add sofa_double 3 3\n"
                         "expect-modified yes\n"
                         "request new empty\n"
                         "expect-prompt yes\n"
                         "prompt-answer cancel\n"                 // the document stays as it was
                         "expect-prompt no\n"
                         "save " + path("after_cancel.sxplan.json").string() + "\n"
                         "add sofa_triple 5 5\n"
                         "request open " + other.string() + "\n"
                         "prompt-answer discard\n"               // the other file, without the triple
                         "expect-modified no\n"
                         "add beanbag 7 7\n"
                         "request quit\n"
                         "expect-prompt yes\n"
                         "prompt-answer save\n",                  // saved to its file, then quits
                         "", "prompt");
    ASSERT_EQ(r.rc, 0) << r.err;
    auto types = [&](const fs::path& f) {
        std::vector<std::string> t;
        const auto doc = nlohmann::json::parse(slurp(f));
        for (const auto& x : doc["levels"][0]["furniture"]) t.push_back(x["type"]);
        return t;
    };
    EXPECT_EQ(types(path("after_cancel.sxplan.json")), (std::vector<std::string>{"sofa_double"}));
    // Saved on quit to the file it was opened from: neither the double nor the discarded triple.
    EXPECT_EQ(types(other), (std::vector<std::string>{"sofa_single", "beanbag"}));
    EXPECT_EQ(types(plan), (std::vector<std::string>{}));
    // A clean exit leaves no autosave behind.
    EXPECT_TRUE(!fs::exists(path("state/shuxiang/autosave")) || fs::is_empty(path("state/shuxiang/autosave")));
}

TEST_F(EditorFiles, CrashAfterAutosaveIsRecoveredOnRestart) {
    const fs::path plan = path("lib.sxplan.json");
    ASSERT_EQ(run("new empty\nadd sofa_single 1 1\nsave " + plan.string() + "\n", "", "setup").rc, 0);
    // Edit, let the autosave run, then kill the editor as a crash would.
    const std::string cmd = editor_cmd("autosave-interval 0.2\n"
                                       "add sofa_double 4 2\n"
                                       "select f1\nmove 0.5 0\n"
                                       "wait 1000000\n",
                                       "crash", plan.string());
    pid_t pid = 0;
    const char* argv[] = {"/bin/sh", "-c", nullptr, nullptr};
    const std::string exec_cmd = "exec env " + cmd;
    argv[2] = exec_cmd.c_str();
    ASSERT_EQ(posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char* const*>(argv), environ), 0);
    const fs::path autosave_dir = path("state/shuxiang/autosave");
    bool written = false;
    for (int i = 0; i < 600 && !written; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(autosave_dir, ec)) {
            if (e.path().extension() != ".json") continue;
            // Complete once it holds the moved sofa (the autosave is written atomically).
            const std::string text = slurp(e.path());
            if (text.find("sofa_double") != std::string::npos && text.find("1.5") != std::string::npos) written = true;
        }
    }
    ASSERT_TRUE(written) << slurp(path("crash.err"));
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    int st = 0;
    ::waitpid(pid, &st, 0);
    ASSERT_TRUE(WIFSIGNALED(st));
    EXPECT_EQ(nlohmann::json::parse(slurp(plan))["levels"][0]["furniture"].size(), 1u);  // the file is untouched

    // Restarted on the same file: the recovery is offered and restores the edits, unsaved.
    const Result r = run("expect-recovery yes\n"
                         "recover accept\n"
                         "expect-modified yes\n"
                         "save " + path("recovered.sxplan.json").string() + "\n"
                         "undo\n"  // one step back to the file's own content
                         "save " + path("undone.sxplan.json").string() + "\n",
                         plan.string(), "restart");
    ASSERT_EQ(r.rc, 0) << r.err;
    const auto rec = nlohmann::json::parse(slurp(path("recovered.sxplan.json")))["levels"][0]["furniture"];
    ASSERT_EQ(rec.size(), 2u);
    EXPECT_EQ(rec[0]["type"], "sofa_single");
    EXPECT_DOUBLE_EQ(rec[0]["position"][0].get<double>(), 1.5);
    EXPECT_EQ(rec[1]["type"], "sofa_double");
    EXPECT_EQ(nlohmann::json::parse(slurp(path("undone.sxplan.json")))["levels"][0]["furniture"].size(), 1u);

    // Once the file is saved after the autosave, nothing is offered any more.
    const Result third = run("expect-recovery no\n", plan.string(), "third");
    EXPECT_EQ(third.rc, 0) << third.err;
}

}  // namespace
