// The storage seam: outside files whose path names sqlite, no module (core, simulator, CLI, editor,
// server) names the database engine, so that another implementation (the district's PostgreSQL)
// can take its place behind the same interfaces.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// "file:line" of every line naming sqlite in source files under root whose path does not.
std::vector<std::string> engine_mentions(const fs::path& root) {
    std::vector<std::string> hits;
    for (auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file()) continue;
        auto ext = e.path().extension().string();
        if (ext != ".cpp" && ext != ".hpp" && ext != ".h") continue;
        if (lower(e.path().string()).find("sqlite") != std::string::npos) continue;
        std::ifstream in(e.path());
        std::string line;
        for (int n = 1; std::getline(in, line); ++n)
            if (lower(line).find("sqlite") != std::string::npos) hits.push_back(e.path().string() + ":" + std::to_string(n));
    }
    return hits;
}

}  // namespace

TEST(StorageSeam, OnlyTheEngineImplementationsNameTheEngine) {
    for (const char* dir : {"library_core", "sim", "cli", "editor", "server"})
        if (fs::exists(fs::path(SHUXIANG_SOURCE_DIR) / dir))
        for (const auto& h : engine_mentions(fs::path(SHUXIANG_SOURCE_DIR) / dir)) ADD_FAILURE() << h;
}

TEST(StorageSeam, ScannerFindsAMention) {
    auto dir = fs::temp_directory_path() / ("sx_seam_probe_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
    fs::create_directories(dir / "sqlite");
    std::ofstream(dir / "a.cpp") << "#include <vector>\nstruct sqlite3;\n";
    std::ofstream(dir / "sqlite" / "b.cpp") << "#include <sqlite3.h>\n";  // allowed: its path says so
    auto hits = engine_mentions(dir);
    fs::remove_all(dir);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_NE(hits[0].find("a.cpp:2"), std::string::npos);
}
