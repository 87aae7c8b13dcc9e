// A broken CLC class table is refused with a message in the user's language.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"
#include "support/input_error.hpp"

namespace fs = std::filesystem;
using namespace shuxiang;
using namespace shuxiang::catalog;

namespace {

// Loads a table text and returns where and what the error says.
std::pair<std::string, std::string> load_error(const std::string& text) {
    const fs::path f = fs::temp_directory_path() / ("sx_clc_" + std::to_string(::getpid()) + ".json");
    std::ofstream(f) << text;
    const InputError e = test::input_error_of([&] { ClcTable::load(f); });
    EXPECT_EQ(e.file(), f.string());
    fs::remove(f);
    return {e.where(), e.message()};
}

// One part holding class A; the classes and subclasses come after.
const std::string kParts = R"({"parts": [{"number": 1, "zh": "马列", "en": "Marxism", "classes": ["A"]}], )";

}  // namespace

TEST(ClcTableErrors, ClassOutsideEveryPartAndBadSubclass) {
    using P = std::pair<std::string, std::string>;
    EXPECT_EQ(load_error(kParts + R"("classes": [{"code": "B", "zh": "哲学", "en": "Philosophy"}], "t_subclasses": []})"),
              (P{"/classes", trf("catalog.clc.no_part", {"B"})}));
    EXPECT_EQ(load_error(kParts + R"("classes": [], "t_subclasses": [{"code": "XB", "zh": "x", "en": "x"}]})"),
              (P{"/t_subclasses", trf("catalog.clc.bad_subclass", {"XB"})}));
}

TEST(ClcTableErrors, InChineseByDefaultAndInEnglishOnRequest) {
    const std::string text = kParts + R"("classes": [{"code": "B", "zh": "哲学", "en": "Philosophy"}], "t_subclasses": []})";
    ASSERT_EQ(language(), Language::ZhCN);
    EXPECT_EQ(load_error(text).second, "类目 B 不属于任何大部类");
    set_language(Language::En);
    const std::string en = load_error(text).second;
    set_language(Language::ZhCN);
    EXPECT_EQ(en, "class B is in none of the five main categories (大部类)");
}
