#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "shuxiang/standards/profile.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"
#include "support/input_error.hpp"

namespace fs = std::filesystem;
using namespace shuxiang;
using namespace shuxiang::standards;

namespace {
const fs::path kDir = fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "standards";

fs::path temp_dir(const std::string& name) {
    auto d = fs::temp_directory_path() / ("shuxiang_std_" + name);
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}
}  // namespace

TEST(Standards, NationalProfileCarriesSourcesAndConfidence) {
    auto rs = RuleSet::load(kDir, "cn-national");
    auto* f = rs.figure("collection.books_per_student.primary");
    ASSERT_NE(f, nullptr);
    EXPECT_DOUBLE_EQ(f->value, 25);
    EXPECT_EQ(f->confidence, Confidence::Secondary);
    EXPECT_NE(f->source.find("规程"), std::string::npos);
    // The junior figure is from memory in the reference notes and must say so.
    EXPECT_EQ(rs.figure("collection.books_per_student.junior")->confidence, Confidence::Unconfirmed);
    // Every figure has a source.
    for (auto& [k, fig] : rs.figures()) EXPECT_FALSE(fig.source.empty()) << k;
    // The shares of each table add up to 100 %.
    for (std::string table : {"primary", "secondary"}) {
        double sum = 0;
        for (int i = 1; i <= 5; ++i) sum += rs.value("collection.share." + table + "." + std::to_string(i), 0);
        EXPECT_DOUBLE_EQ(sum, 100.0) << table;
    }
}

TEST(Standards, RegionPicksTheMostSpecificProfileAndInherits) {
    auto rs = RuleSet::for_region(kDir, "湖南省岳阳市南湖新区");
    EXPECT_EQ(rs.id(), "cn-hunan-yueyang");
    ASSERT_EQ(rs.chain().size(), 2u);
    EXPECT_EQ(rs.chain()[0], "cn-national");
    EXPECT_DOUBLE_EQ(rs.value("collection.books_per_student.primary", 0), 25);  // inherited
    EXPECT_NE(rs.figure("local_collection.required"), nullptr);                  // its own
    auto other = RuleSet::for_region(kDir, "广东省广州市");
    EXPECT_EQ(other.id(), "cn-national");
    EXPECT_EQ(other.figure("local_collection.required"), nullptr);
}

TEST(Standards, ChildOverridesParentFigureAndTolerance) {
    Profile root;
    root.id = "root";
    root.figures["a"] = Figure{"a", 25, "", "src root", Confidence::Official, "root"};
    root.tolerances["t"] = Figure{"t", 3, "", "src", Confidence::Unconfirmed, "root"};
    Profile city;
    city.id = "city";
    city.parent = "root";
    city.figures["a"] = Figure{"a", 30, "", "src city", Confidence::Secondary, "city"};
    city.tolerances["t"] = Figure{"t", 5, "", "src", Confidence::Unconfirmed, "city"};
    auto rs = RuleSet::resolve({root, city}, "city");
    EXPECT_DOUBLE_EQ(rs.value("a", 0), 30);
    EXPECT_EQ(rs.figure("a")->profile, "city");
    EXPECT_DOUBLE_EQ(rs.tolerance_value("t", 0), 5);
    auto base = RuleSet::resolve({root, city}, "root");
    EXPECT_DOUBLE_EQ(base.value("a", 0), 25);
    EXPECT_DOUBLE_EQ(base.value("missing", -1), -1);
}

TEST(Standards, BadProfilesAreRefusedWithFileAndPointer) {
    auto d = temp_dir("bad");
    std::ofstream(d / "p.json") << R"({"schema_version": 1, "id": "x", "figures": {"k": {"value": "25", "source": "s", "confidence": "official"}}})";
    try {
        Profile::load_file(d / "p.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "/figures/k/value");
        EXPECT_NE(e.file().find("p.json"), std::string::npos);
    }
    std::ofstream(d / "p.json") << R"({"schema_version": 1, "id": "x", "figures": {"k": {"value": 1, "confidence": "official"}}})";
    EXPECT_THROW(Profile::load_file(d / "p.json"), InputError);  // no source
    std::ofstream(d / "p.json") << R"({"schema_version": 9, "id": "x"})";
    try {
        Profile::load_file(d / "p.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.message(), trf("common.json.newer_schema", {"9", "1"}));
    }
    std::ofstream(d / "p.json") << R"({"schema_version": 1, "id": "x", "parent": "nope"})";
    try {
        RuleSet::load(d, "x");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "profile x");
        EXPECT_EQ(e.message(), trf("standards.error.no_parent", {"nope"}));
    }
    std::ofstream(d / "p.json") << R"({"schema_version": 1, "id": "x", "parent": "y"})";
    std::ofstream(d / "q.json") << R"({"schema_version": 1, "id": "y", "parent": "x"})";
    try {
        RuleSet::load(d, "x");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.message(), trf("standards.error.cycle", {"x"}));
    }
    fs::remove_all(d);
}

TEST(Standards, ProfileErrorsAreInChineseByDefaultAndInEnglishOnRequest) {
    auto d = temp_dir("lang");
    std::ofstream(d / "p.json") << R"({"schema_version": 1, "id": "x", "figures": {"k": {"value": 1, "confidence": "official"}}})";
    auto load = [&] { Profile::load_file(d / "p.json"); };
    EXPECT_EQ(test::input_error_of(load).where(), "/figures/k/source");
    EXPECT_EQ(test::messages_zh_en(load),
              (std::pair<std::string, std::string>{"每个数值都需注明来源", "every figure needs its source"}));
    EXPECT_EQ(language(), Language::ZhCN);
    fs::remove_all(d);
}
