// `shuxiang --help` and `--help` on every subcommand, found by walking the help output itself, so
// that a new subcommand is covered without touching this test.
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "support/process.hpp"

using shuxiang::test::run_shuxiang;

namespace {

std::vector<std::string> subcommands_of(const std::string& help) {
    std::vector<std::string> out;
    auto pos = help.find("Subcommands:");
    if (pos == std::string::npos) return out;
    std::istringstream in(help.substr(pos));
    std::string line;
    std::getline(in, line);
    static const std::regex item(R"(^  ([a-z][a-z0-9-]*)\s)");
    while (std::getline(in, line)) {
        std::smatch m;
        if (std::regex_search(line, m, item)) out.push_back(m[1]);
        else if (!line.empty() && line[0] != ' ') break;
    }
    return out;
}

void walk(const std::string& path, std::set<std::string>& seen, int depth) {
    auto r = run_shuxiang(path + " --help");
    EXPECT_EQ(r.code, 0) << "shuxiang " << path << " --help\n" << r.out;
    EXPECT_NE(r.out.find("Usage:"), std::string::npos) << path;
    seen.insert(path);
    if (depth > 3) return;
    for (auto& sub : subcommands_of(r.out)) walk(path.empty() ? sub : path + " " + sub, seen, depth + 1);
}

}  // namespace

TEST(CliHelp, EverySubcommandHasHelpInBothLanguages) {
    std::set<std::string> seen;
    walk("", seen, 0);
    // The commands of the plan and report issues must be among them.
    for (auto want : {"plan", "plan validate", "plan info", "report", "proposal", "proposal export", "review"})
        EXPECT_TRUE(seen.count(want)) << "missing subcommand: " << want;
    auto zh = run_shuxiang("--help");
    EXPECT_NE(zh.out.find("显示帮助并退出"), std::string::npos);
    auto en = run_shuxiang("--lang en --help");
    EXPECT_NE(en.out.find("Print this help message and exit"), std::string::npos);
    EXPECT_EQ(en.out.find("显示帮助并退出"), std::string::npos);
}

TEST(CliHelp, UnknownCommandsAndLanguagesFail) {
    auto r = run_shuxiang("no-such-command");
    EXPECT_NE(r.code, 0);
    r = run_shuxiang("--lang fr --help");
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find("fr"), std::string::npos);
    r = run_shuxiang("");
    EXPECT_NE(r.code, 0);  // a subcommand is required
}
