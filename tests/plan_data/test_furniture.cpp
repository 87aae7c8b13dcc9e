// The furniture catalogue: the bundled data, loading errors, and the footprint/shelf arithmetic.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace fs = std::filesystem;
using namespace shuxiang;
using namespace shuxiang::plan;

namespace {

bool has_cjk(const std::string& s) {
    // CJK Unified Ideographs U+4E00..U+9FFF are encoded with a lead byte 0xE4..0xE9.
    for (unsigned char c : s)
        if (c >= 0xE4 && c <= 0xE9) return true;
    return false;
}

bool has_latin_letter(const std::string& s) {
    for (unsigned char c : s)
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
    return false;
}

// A scratch folder that is removed afterwards.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> n{0};
        path_ = fs::temp_directory_path() /
                ("sx_plan_data_" + std::to_string(::getpid()) + "_" + std::to_string(n++));
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    const fs::path& path() const { return path_; }
    void write(const std::string& name, const std::string& text) const {
        std::ofstream(path_ / name) << text;
    }

private:
    fs::path path_;
};

const char* kGoodType = R"({"id": "t1", "name_zh": "桌", "name_en": "Table", "category": "reading_table",
                           "width": 1.2, "depth": 0.8, "height": 0.76, "seats": 4})";

// Loads a folder holding one file and returns the error it raises.
InputError load_error(const std::string& text, const std::string& name = "bad.json") {
    TempDir d;
    d.write(name, text);
    try {
        FurnitureCatalog::load_dir(d.path());
    } catch (const InputError& e) {
        return e;
    }
    ADD_FAILURE() << "no error for " << text;
    return InputError("", "", "");
}

std::string one_type(const std::string& type_json) {
    return std::string(R"({"schema_version": 1, "types": [)") + type_json + "]}";
}

double signed_area(const std::vector<Vec2>& p) {
    double a = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const Vec2& u = p[i];
        const Vec2& v = p[(i + 1) % p.size()];
        a += u.x * v.y - v.x * u.y;
    }
    return a / 2;
}

void expect_points(const std::vector<Vec2>& got, const std::vector<Vec2>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_NEAR(got[i].x, want[i].x, 1e-9) << "point " << i;
        EXPECT_NEAR(got[i].y, want[i].y, 1e-9) << "point " << i;
    }
}

}  // namespace

// ------------------------------------------------------------------------------- bundled data

TEST(FurnitureCatalog, BuiltinLoadsAboutThirtyTypes) {
    const FurnitureCatalog& cat = FurnitureCatalog::builtin();
    EXPECT_GE(cat.types().size(), 30u);
    std::set<std::string> ids;
    for (const auto& t : cat.types()) EXPECT_TRUE(ids.insert(t.id).second) << t.id;
    // Every category of the issue is represented.
    std::set<FurnitureCategory> cats;
    for (const auto& t : cat.types()) cats.insert(t.category);
    for (auto c : {FurnitureCategory::ShelvingSingle, FurnitureCategory::ShelvingDouble,
                   FurnitureCategory::PictureBookBin, FurnitureCategory::PeriodicalRack,
                   FurnitureCategory::ReadingTable, FurnitureCategory::Carrel, FurnitureCategory::Sofa,
                   FurnitureCategory::Beanbag, FurnitureCategory::CirculationDesk, FurnitureCategory::Kiosk,
                   FurnitureCategory::EReader, FurnitureCategory::DisplayCase,
                   FurnitureCategory::ClassroomCabinet, FurnitureCategory::Bench, FurnitureCategory::Pavilion})
        EXPECT_TRUE(cats.count(c)) << to_string(c);
}

TEST(FurnitureCatalog, BuiltinIsLoadedOnceAcrossThreads) {
    std::vector<const FurnitureCatalog*> seen(8, nullptr);
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i) threads.emplace_back([&seen, i] { seen[i] = &FurnitureCatalog::builtin(); });
    for (auto& t : threads) t.join();
    for (auto* p : seen) EXPECT_EQ(p, &FurnitureCatalog::builtin());
}

TEST(FurnitureCatalog, EveryTypeHasPositiveDimensionsAndBothNames) {
    for (const auto& t : FurnitureCatalog::builtin().types()) {
        SCOPED_TRACE(t.id);
        EXPECT_GT(t.width, 0);
        EXPECT_GT(t.depth, 0);
        EXPECT_GT(t.height, 0);
        EXPECT_LT(t.width, 6.0);
        EXPECT_LT(t.height, 4.0);
        EXPECT_TRUE(has_cjk(t.name_zh)) << t.name_zh;
        EXPECT_TRUE(has_latin_letter(t.name_en)) << t.name_en;
        EXPECT_FALSE(has_cjk(t.name_en)) << t.name_en;
        EXPECT_GE(t.seats, 0);
        if (t.category == FurnitureCategory::ReadingTable || t.category == FurnitureCategory::Carrel ||
            t.category == FurnitureCategory::Sofa || t.category == FurnitureCategory::Beanbag ||
            t.category == FurnitureCategory::Bench || t.category == FurnitureCategory::Pavilion) {
            EXPECT_GT(t.seats, 0);
        }
        if (!t.footprint.empty()) {
            EXPECT_GT(signed_area(t.footprint), 0) << "footprints are stored CCW";
        }
    }
}

TEST(FurnitureCatalog, ShelvingDimensionsAreRealistic) {
    int shelving = 0, primary = 0, secondary = 0;
    for (const auto& t : FurnitureCatalog::builtin().types()) {
        if (t.category != FurnitureCategory::ShelvingSingle && t.category != FurnitureCategory::ShelvingDouble)
            continue;
        SCOPED_TRACE(t.id);
        ++shelving;
        EXPECT_TRUE(t.holds_books());
        EXPECT_EQ(t.faces, t.category == FurnitureCategory::ShelvingDouble ? 2 : 1);
        EXPECT_GE(t.section_width, 0.85);
        EXPECT_LE(t.section_width, 0.95);
        EXPECT_GE(t.shelf_depth, 0.25);
        EXPECT_LE(t.shelf_depth, 0.30);
        EXPECT_GE(t.sections, 3);
        EXPECT_LE(t.sections, 6);
        EXPECT_NEAR(t.width, t.sections * t.section_width, 1e-9);
        EXPECT_GE(t.depth, t.faces * t.shelf_depth - 1e-9);
        EXPECT_LE(t.depth, t.faces * 0.3 + 1e-9);
        if (t.audience == "primary") {
            ++primary;
            EXPECT_NEAR(t.height, 1.2, 0.05);
            EXPECT_GE(t.shelf_levels, 3);
            EXPECT_LE(t.shelf_levels, 4);
        } else {
            ++secondary;
            EXPECT_EQ(t.audience, "secondary");
            EXPECT_GE(t.height, 1.8);
            EXPECT_LE(t.height, 2.0);
            EXPECT_GE(t.shelf_levels, 5);
            EXPECT_LE(t.shelf_levels, 6);
        }
    }
    EXPECT_GE(shelving, 6);
    EXPECT_GE(primary, 2);
    EXPECT_GE(secondary, 2);
}

TEST(FurnitureCatalog, KnownTypesHaveTheirDocumentedSizes) {
    const auto& cat = FurnitureCatalog::builtin();
    const FurnitureType* t4 = cat.find("table_reading_4");
    ASSERT_NE(t4, nullptr);
    EXPECT_DOUBLE_EQ(t4->width, 1.2);
    EXPECT_DOUBLE_EQ(t4->depth, 0.8);
    EXPECT_EQ(t4->seats, 4);
    const FurnitureType* t6 = cat.find("table_reading_6");
    ASSERT_NE(t6, nullptr);
    EXPECT_DOUBLE_EQ(t6->width, 1.8);
    EXPECT_DOUBLE_EQ(t6->depth, 0.9);
    EXPECT_EQ(t6->seats, 6);
    const FurnitureType* sd = cat.find("shelf_double_steel_2000");
    ASSERT_NE(sd, nullptr);
    EXPECT_DOUBLE_EQ(sd->width, 4.5);  // 5 sections × 0.9 m, derived on load
    EXPECT_EQ(cat.find("no_such_type"), nullptr);
}

TEST(FurnitureCategory, StringsRoundTrip) {
    const char* names[] = {"shelving_single", "shelving_double", "picture_book_bin", "periodical_rack",
                           "reading_table", "carrel", "sofa", "beanbag", "circulation_desk", "kiosk",
                           "ereader", "display_case", "classroom_cabinet", "bench", "pavilion", "other"};
    std::set<FurnitureCategory> seen;
    for (const char* n : names) {
        auto c = furniture_category_from_string(n);
        ASSERT_TRUE(c) << n;
        EXPECT_STREQ(to_string(*c), n);
        seen.insert(*c);
    }
    EXPECT_EQ(seen.size(), 16u);
    for (FurnitureCategory c : seen) {
        const std::string key = display_key(c);
        EXPECT_EQ(key, std::string("plan.furniture_category.") + to_string(c));
        EXPECT_TRUE(translation_complete(key)) << key;
        EXPECT_NE(tr(key), key);
    }
    EXPECT_EQ(display_key(FurnitureCategory::Sofa), "plan.furniture_category.sofa");
    EXPECT_FALSE(furniture_category_from_string("Shelving_Double"));
    EXPECT_FALSE(furniture_category_from_string(""));
    EXPECT_EQ(furniture_category_from_string("pavilion"), FurnitureCategory::Pavilion);
}

// ------------------------------------------------------------------------------- arithmetic

TEST(ShelfMetres, HandComputed) {
    const auto& cat = FurnitureCatalog::builtin();
    const FurnitureType& dbl = *cat.find("shelf_double_steel_2000");
    Furniture f;
    f.type = dbl.id;
    // 5 sections × 0.9 m × 6 levels × 2 faces.
    EXPECT_NEAR(shelf_metres(f, dbl), 54.0, 1e-9);
    f.sections = 7;
    EXPECT_NEAR(shelf_metres(f, dbl), 75.6, 1e-9);
    EXPECT_EQ(effective_sections(f, dbl), 7);
    EXPECT_NEAR(effective_width(f, dbl), 6.3, 1e-9);

    const FurnitureType& low = *cat.find("shelf_single_primary_1200");
    Furniture g;
    // 4 sections × 0.9 m × 4 levels × 1 face.
    EXPECT_NEAR(shelf_metres(g, low), 14.4, 1e-9);

    const FurnitureType& cab = *cat.find("classroom_cabinet_low");
    // 2 sections × 0.6 m × 3 levels × 1 face.
    EXPECT_NEAR(shelf_metres(g, cab), 3.6, 1e-9);

    const FurnitureType& table = *cat.find("table_reading_6");
    Furniture h;
    h.sections = 3;  // meaningless for a table: ignored
    EXPECT_EQ(shelf_metres(h, table), 0.0);
    EXPECT_EQ(effective_sections(h, table), 0);
    EXPECT_DOUBLE_EQ(effective_width(h, table), 1.8);
}

TEST(ShelfMetres, NonPositiveSectionOverrideFallsBackToTheType) {
    const FurnitureType& dbl = *FurnitureCatalog::builtin().find("shelf_double_steel_1800");
    Furniture f;
    f.sections = 0;
    EXPECT_EQ(effective_sections(f, dbl), 4);
    EXPECT_NEAR(shelf_metres(f, dbl), 4 * 0.9 * 5 * 2, 1e-9);
}

TEST(WorldFootprint, RectangleAtYaw0And90And30) {
    FurnitureType t;
    t.width = 2.0;
    t.depth = 1.0;
    Furniture f;
    f.position = {10, 5};
    expect_points(world_footprint(f, t), {{9, 4.5}, {11, 4.5}, {11, 5.5}, {9, 5.5}});

    f.yaw_deg = 90;  // local +X turns to +Y
    expect_points(world_footprint(f, t), {{10.5, 4}, {10.5, 6}, {9.5, 6}, {9.5, 4}});
    f.yaw_deg = -270;
    expect_points(world_footprint(f, t), {{10.5, 4}, {10.5, 6}, {9.5, 6}, {9.5, 4}});
    // Multiples of 90° are exact, so axis-aligned neighbours touch without overlapping.
    auto fp = world_footprint(f, t);
    EXPECT_EQ(fp[0].x, 10.5);
    EXPECT_EQ(fp[0].y, 4.0);

    f.yaw_deg = 30;  // cos 30° = 0.8660254..., sin 30° = 0.5
    const double c = std::sqrt(3.0) / 2, s = 0.5;
    expect_points(world_footprint(f, t), {{10 - c + 0.25, 5 - 0.5 - 0.5 * c},
                                          {10 + c + 0.25, 5 + 0.5 - 0.5 * c},
                                          {10 + c - 0.25, 5 + 0.5 + 0.5 * c},
                                          {10 - c - 0.25, 5 - 0.5 + 0.5 * c}});
    // Corner (1, 0.5) by hand: x = 10 + 1·cos − 0.5·sin, y = 5 + 1·sin + 0.5·cos.
    EXPECT_NEAR(world_footprint(f, t)[2].x, 10.6160254037844, 1e-12);
    EXPECT_NEAR(world_footprint(f, t)[2].y, 5.9330127018922, 1e-12);
    EXPECT_NEAR(signed_area(world_footprint(f, t)), 2.0, 1e-12);
    (void)s;
}

TEST(WorldFootprint, ShelvingRangeFollowsItsSections) {
    const FurnitureType& dbl = *FurnitureCatalog::builtin().find("shelf_double_steel_2000");
    Furniture f;
    f.position = {3, 4};
    f.yaw_deg = 90;
    f.sections = 6;  // 5.4 m long, 0.5 m deep, running north–south
    expect_points(world_footprint(f, dbl), {{3.25, 1.3}, {3.25, 6.7}, {2.75, 6.7}, {2.75, 1.3}});
}

TEST(WorldFootprint, CustomPolygonIsRotatedAndKeptCounterClockwise) {
    TempDir d;
    // An L given clockwise: the loader reverses it.
    d.write("l.json", one_type(R"({"id": "desk_l", "name_zh": "转角台", "name_en": "Corner desk",
        "category": "circulation_desk", "width": 2, "depth": 2, "height": 1,
        "footprint": [[-1, -1], [-1, 1], [0, 1], [0, 0], [1, 0], [1, -1]]})"));
    auto cat = FurnitureCatalog::load_dir(d.path());
    const FurnitureType& t = *cat.find("desk_l");
    EXPECT_NEAR(signed_area(t.footprint), 3.0, 1e-12);
    Furniture f;
    f.position = {5, 5};
    f.yaw_deg = 180;
    auto fp = world_footprint(f, t);
    ASSERT_EQ(fp.size(), 6u);
    EXPECT_NEAR(signed_area(fp), 3.0, 1e-12);
    // (1, -1) rotated by 180° about (5, 5) is (4, 6); it must be one of the corners.
    bool found = false;
    for (auto& p : fp) found |= std::abs(p.x - 4) < 1e-12 && std::abs(p.y - 6) < 1e-12;
    EXPECT_TRUE(found);
}

// ------------------------------------------------------------------------------- loading errors

TEST(FurnitureLoad, ValidFolderLoadsTypesFromEveryFile) {
    TempDir d;
    d.write("a.json", one_type(kGoodType));
    d.write("b.json", one_type(R"({"id": "s1", "name_zh": "书架", "name_en": "Shelf",
        "category": "shelving_double", "faces": 2, "sections": 4, "section_width": 0.9,
        "shelf_depth": 0.25, "shelf_levels": 5, "depth": 0.5, "height": 1.8, "audience": "secondary"})"));
    d.write("notes.txt", "not a catalogue");
    auto cat = FurnitureCatalog::load_dir(d.path());
    ASSERT_EQ(cat.types().size(), 2u);
    EXPECT_EQ(cat.types()[0].id, "t1");
    const FurnitureType* s = cat.find("s1");
    ASSERT_NE(s, nullptr);
    EXPECT_NEAR(s->width, 3.6, 1e-12);
    EXPECT_EQ(s->audience, "secondary");
    EXPECT_EQ(cat.find("t1")->audience, "all");
}

TEST(FurnitureLoad, BrokenJsonNamesFileAndByte) {
    InputError e = load_error(R"({"schema_version": 1, "types": [ {"id": )", "broken.json");
    EXPECT_NE(e.file().find("broken.json"), std::string::npos);
    EXPECT_EQ(e.where().rfind("byte ", 0), 0u) << e.where();
}

TEST(FurnitureLoad, BadValuesNameTheirJsonPointer) {
    struct Case {
        std::string types;
        std::string where;
        std::string message;  // in the default language (zh)
    };
    const std::string good = kGoodType;
    std::vector<Case> cases = {
        {good + R"(, {"id": "t2", "name_zh": "桌", "name_en": "T", "category": "reading_table",
                     "width": -1, "depth": 0.8, "height": 0.7})",
         "/types/1/width", tr("plan.furniture.error.positive")},
        {R"({"id": "t", "name_zh": "桌", "category": "reading_table", "width": 1, "depth": 1, "height": 1})",
         "/types/0/name_en", tr("plan.furniture.error.missing_string")},
        {R"({"id": "t", "name_zh": "桌", "name_en": "T", "category": "chair", "width": 1, "depth": 1, "height": 1})",
         "/types/0/category", trf("plan.furniture.error.unknown_category", {"chair"})},
        {R"({"id": "t", "name_zh": "桌", "name_en": "T", "category": "sofa", "width": "1", "depth": 1, "height": 1})",
         "/types/0/width", tr("common.json.expected_number")},
        {R"({"id": "t", "name_zh": "桌", "name_en": "T", "category": "sofa", "width": 1, "depth": 1, "height": 1,
             "colour": "red"})",
         "/types/0/colour", trf("plan.furniture.error.unknown_key", {"colour"})},
        {R"({"id": "s", "name_zh": "架", "name_en": "S", "category": "shelving_double", "faces": 2,
             "sections": 4, "section_width": 0.9, "shelf_depth": 0.25, "shelf_levels": 5,
             "width": 4.0, "depth": 0.5, "height": 1.8})",
         "/types/0/width", trf("plan.furniture.error.shelving_width", {std::to_string(4 * 0.9)})},
        {R"({"id": "s", "name_zh": "架", "name_en": "S", "category": "shelving_double", "faces": 2,
             "sections": 4, "section_width": 0.9, "shelf_depth": 0.25, "depth": 0.5, "height": 1.8})",
         "/types/0/shelf_levels", tr("plan.furniture.error.need_shelf_levels")},
        {R"({"id": "s", "name_zh": "架", "name_en": "S", "category": "shelving_single", "faces": 2,
             "sections": 4, "section_width": 0.9, "shelf_depth": 0.25, "shelf_levels": 5, "depth": 0.5,
             "height": 1.8})",
         "/types/0/faces", tr("plan.furniture.error.single_faces")},
        {R"({"id": "t", "name_zh": "桌", "name_en": "T", "category": "sofa", "width": 1, "depth": 1, "height": 1,
             "footprint": [[0, 0], [1, 0], [1]]})",
         "/types/0/footprint/2", tr("plan.furniture.error.point")},
        {R"({"id": "t", "name_zh": "桌", "name_en": "T", "category": "sofa", "width": 1, "depth": 1, "height": 1,
             "seats": 1.5})",
         "/types/0/seats", tr("common.json.expected_integer")},
        {R"({"id": "t", "name_zh": "桌", "name_en": "T", "category": "sofa", "width": 1, "depth": 1, "height": 1,
             "audience": "adults"})",
         "/types/0/audience", tr("plan.furniture.error.audience")},
        {R"(42)", "/types/0", tr("plan.furniture.error.not_type")},
    };
    for (const auto& c : cases) {
        InputError e = load_error(one_type(c.types), "cat.json");
        EXPECT_EQ(e.where(), c.where) << c.types << "\n-> " << e.what();
        EXPECT_NE(e.file().find("cat.json"), std::string::npos);
        EXPECT_EQ(e.message(), c.message) << c.types;
    }
}

TEST(FurnitureLoad, EnvelopeErrors) {
    EXPECT_EQ(load_error(R"({"types": []})").where(), "/schema_version");
    EXPECT_EQ(load_error(R"({"schema_version": 1})").where(), "/types");
    EXPECT_EQ(load_error(R"({"schema_version": 1, "types": {}})").where(), "/types");
    EXPECT_EQ(load_error(R"([1, 2])").where(), "");
    InputError newer = load_error(R"({"schema_version": 2, "types": []})");
    EXPECT_EQ(newer.where(), "/schema_version");
    EXPECT_EQ(newer.message(), trf("plan.furniture.error.newer", {"2", "1"}));
}

TEST(FurnitureLoad, ErrorsAreInChineseByDefaultAndInEnglishOnRequest) {
    const std::string text = one_type(R"({"id": "t", "name_zh": "桌", "name_en": "T", "category": "chair",
                                          "width": 1, "depth": 1, "height": 1})");
    ASSERT_EQ(language(), Language::ZhCN);
    EXPECT_EQ(load_error(text).message(), "未知的家具类别“chair”");
    set_language(Language::En);
    const std::string en = load_error(text).message();
    set_language(Language::ZhCN);
    EXPECT_EQ(en, "unknown furniture category 'chair'");
}

TEST(FurnitureLoad, DuplicateIdAcrossFilesIsRefused) {
    TempDir d;
    d.write("a.json", one_type(kGoodType));
    d.write("b.json", one_type(std::string(kGoodType)));
    try {
        FurnitureCatalog::load_dir(d.path());
        FAIL() << "duplicate id accepted";
    } catch (const InputError& e) {
        EXPECT_NE(e.file().find("b.json"), std::string::npos) << e.file();
        EXPECT_EQ(e.where(), "/types/0/id");
        EXPECT_EQ(e.message(), trf("plan.furniture.error.duplicate", {"t1", "a.json"}));
    }
}

TEST(FurnitureLoad, DuplicateIdInOneFileIsRefused) {
    InputError e = load_error(one_type(std::string(kGoodType) + ", " + kGoodType));
    EXPECT_EQ(e.where(), "/types/1/id");
}

TEST(FurnitureLoad, MissingFolderIsAnInputError) {
    EXPECT_THROW(FurnitureCatalog::load_dir("/nonexistent/sx/furniture"), InputError);
}

TEST(FurnitureCatalog, AddRefusesBuiltinIdsAndReplacesImportedOnes) {
    TempDir d;
    d.write("a.json", one_type(kGoodType));
    auto cat = FurnitureCatalog::load_dir(d.path());
    FurnitureType t;
    t.id = "t1";
    t.name_en = "Imported";
    EXPECT_FALSE(cat.add(t));
    EXPECT_EQ(cat.find("t1")->name_en, "Table");

    t.id = "imported_sofa";
    t.category = FurnitureCategory::Sofa;
    t.seats = 2;
    EXPECT_TRUE(cat.add(t));
    ASSERT_NE(cat.find("imported_sofa"), nullptr);
    EXPECT_EQ(cat.find("imported_sofa")->seats, 2);
    t.seats = 3;
    EXPECT_TRUE(cat.add(t));  // an imported type may be replaced
    EXPECT_EQ(cat.find("imported_sofa")->seats, 3);
    EXPECT_EQ(cat.types().size(), 2u);

    t.id.clear();
    EXPECT_FALSE(cat.add(t));
}
