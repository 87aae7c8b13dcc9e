// Every message key the labels code uses has a Chinese and an English text.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "shuxiang/util/i18n.hpp"

namespace fs = std::filesystem;

TEST(LabelsTranslations, EveryUsedKeyHasBothLanguages) {
    const fs::path root(SHUXIANG_SOURCE_DIR);
    std::vector<fs::path> files = {root / "cli" / "cmd_labels.cpp"};
    for (const auto& e : fs::directory_iterator(root / "library_core" / "labels" / "src")) files.push_back(e.path());
    const std::regex key_re(R"re("(labels\.[a-z_]+\.[a-z_0-9]+|labels\.[a-z_]+)")re");
    std::set<std::string> keys;
    for (const auto& f : files) {
        std::ifstream in(f);
        std::stringstream ss;
        ss << in.rdbuf();
        std::string text = ss.str();
        for (std::sregex_iterator it(text.begin(), text.end(), key_re), end; it != end; ++it) keys.insert((*it)[1]);
    }
    keys.erase("labels.cards");  // the audit log's action name, not a message
    for (int g = 1; g <= 12; ++g) keys.insert("labels.grade." + std::to_string(g));  // built from the grade
    EXPECT_GE(keys.size(), 40u);
    for (const auto& k : keys) EXPECT_TRUE(shuxiang::translation_complete(k)) << k;
}
