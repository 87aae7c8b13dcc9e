#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

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

// The table is read by a reader for its plain shape, with nlohmann::json behind it for anything
// else: every key of every shipped file reads as nlohmann reads it, and the escapes, a repeated key
// (the last counts), an extra language and a \u escape (nlohmann's case) read the same way too.
TEST(I18n, PlainReaderAgreesWithJson) {
    const fs::path shipped = fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "i18n";
    load_translations(shipped);
    std::size_t keys = 0;
    for (const auto& f : fs::directory_iterator(shipped)) {
        if (f.path().extension() != ".json") continue;
        std::ifstream in(f.path());
        const auto j = nlohmann::json::parse(in);
        for (const auto& [key, val] : j.items()) {
            ++keys;
            const std::string zh = val["zh"], en = val["en"];
            EXPECT_EQ(tr_in(Language::ZhCN, key), zh.empty() ? key : zh) << key;
            EXPECT_EQ(tr_in(Language::En, key), en.empty() ? key : en) << key;
        }
    }
    EXPECT_EQ(translation_count(), keys);
    auto dir = fs::temp_directory_path() / ("shuxiang_i18n_plain_" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "a.json") << "{\"t.a\": {\"zh\": \"甲\\\"\\t\\\\\\/\\n\", \"en\": \"A\", \"fr\": \"x\"},\n"
                                     " \"t.b\": {\"zh\": \"old\", \"en\": \"old\"}, \"t.b\": {\"en\": \"B\", \"zh\": \"乙\"}}\n";
    std::ofstream(dir / "b.json") << R"({"t.c": {"zh": "\u4e19", "en": "C"}})";
    load_translations(dir);
    EXPECT_EQ(tr_in(Language::ZhCN, "t.a"), "甲\"\t\\/\n");
    EXPECT_EQ(tr_in(Language::En, "t.a"), "A");
    EXPECT_EQ(tr_in(Language::ZhCN, "t.b"), "乙");
    EXPECT_EQ(tr_in(Language::En, "t.b"), "B");
    EXPECT_EQ(tr_in(Language::ZhCN, "t.c"), "丙");
    EXPECT_EQ(translation_count(), 3u);
    // Invalid UTF-8 inside a string is refused with the file's name, as nlohmann refuses it.
    std::ofstream(dir / "c.json") << "{\"t.d\": {\"zh\": \"\xE4\xB8\", \"en\": \"D\"}}";
    try {
        load_translations(dir);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("c.json"), std::string::npos);
    }
    fs::remove_all(dir);
    load_translations(shipped);
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
