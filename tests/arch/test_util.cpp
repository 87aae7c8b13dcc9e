#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"
#include "support/input_error.hpp"

namespace fs = std::filesystem;
using namespace shuxiang;

TEST(AtomicWrite, ReplacesContentAndLeavesNoTemporaryFile) {
    auto dir = fs::temp_directory_path() / "shuxiang_atomic_test";
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto f = dir / "plan.json";
    atomic_write_file(f, "first");
    atomic_write_file(f, "second");
    EXPECT_EQ(read_file(f), "second");
    int entries = 0;
    for ([[maybe_unused]] auto& e : fs::directory_iterator(dir)) ++entries;
    EXPECT_EQ(entries, 1);
    fs::remove_all(dir);
}

TEST(AtomicWrite, FailureLeavesOldFileAndNamesThePath) {
    auto missing_dir = fs::temp_directory_path() / "shuxiang_no_such_dir" / "x.json";
    try {
        atomic_write_file(missing_dir, "data");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.file(), missing_dir.string());
    }
}

TEST(ReadFile, MissingFileNamesThePath) {
    try {
        read_file("/nonexistent/shuxiang.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/shuxiang.json"), std::string::npos);
    }
}

TEST(I18n, EveryKeyHasBothLanguagesAndSwitches) {
    load_translations(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "i18n");
    EXPECT_GT(translation_count(), 10u);
    set_language(Language::ZhCN);
    EXPECT_EQ(tr("app.name"), "书香");
    set_language(Language::En);
    EXPECT_EQ(tr("app.name"), "Shuxiang");
    EXPECT_EQ(tr("no.such.key"), "no.such.key");
    set_language(Language::ZhCN);
    EXPECT_THROW(parse_language("fr"), InputError);
}

TEST(I18n, UnknownLanguageIsRefusedInTheCurrentLanguage) {
    auto refuse_fr = [] { parse_language("fr"); };
    EXPECT_EQ(test::input_error_of(refuse_fr).where(), "--lang");
    EXPECT_EQ(test::messages_zh_en(refuse_fr),
              (std::pair<std::string, std::string>{"未知语言“fr”（可用 zh 或 en）", "unknown language 'fr' (use zh or en)"}));
    EXPECT_EQ(language(), Language::ZhCN);
}

TEST(I18n, BadTableFileIsRefusedWithItsName) {
    auto dir = fs::temp_directory_path() / "shuxiang_i18n_bad";
    fs::create_directories(dir);
    std::ofstream(dir / "x.json") << R"({"k": {"zh": "a"}})";
    try {
        load_translations(dir);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("x.json"), std::string::npos);
        EXPECT_EQ(e.where(), "/k");
    }
    fs::remove_all(dir);
    load_translations(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "i18n");
}

// Exact bytes back whatever the size: empty, NUL bytes, and a few MB that take several reads.
TEST(ReadFile, ExactBytesAnySize) {
    auto dir = fs::temp_directory_path() / ("shuxiang_read_test_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string big;
    for (long long k = 0; big.size() < 5'000'000; ++k) big += std::to_string(k * 7919) + '\0' + "书香\n";
    for (const std::string& content : {std::string(), std::string("a\0b", 3), big}) {
        {
            std::ofstream out(dir / "f.bin", std::ios::binary);
            out.write(content.data(), static_cast<std::streamsize>(content.size()));
        }
        EXPECT_EQ(read_file(dir / "f.bin"), content);
    }
    try {
        read_file(dir);
        FAIL() << "a directory is not a file";
    } catch (const InputError& e) {
        EXPECT_EQ(e.file(), dir.string());
    }
    fs::remove_all(dir);
}

// FileBytes maps a regular file and reads anything else: the same bytes either way, and an
// error naming the file when it cannot be opened.
TEST(FileBytes, SameBytesAsReadFile) {
    auto dir = fs::temp_directory_path() / ("shuxiang_filebytes_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::string content;
    for (long long k = 0; content.size() < 300'000; ++k) content += std::to_string(k) + '\0' + "湖湘\n";
    atomic_write_file(dir / "a.bin", content);
    atomic_write_file(dir / "empty.bin", "");
    {
        FileBytes a(dir / "a.bin");
        EXPECT_EQ(a.view(), content);
        FileBytes e(dir / "empty.bin");
        EXPECT_TRUE(e.view().empty());
    }
    try {
        FileBytes missing(dir / "missing.bin");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.file(), (dir / "missing.bin").string());
    }
    fs::remove_all(dir);
}
