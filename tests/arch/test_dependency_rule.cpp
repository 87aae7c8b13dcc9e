// The dependency rule of DESIGN.md: library_core and sim never include GL, GLFW, ImGui or Bullet's
// renderer, nor an HTTP library; they stay usable headless and offline. The server (server/) may
// use HTTP but no graphics. This scans the sources so the rule cannot rot.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const std::regex& graphics() {
    static const std::regex banned(
        R"((^|/)(GL|GLES\d*|EGL|epoxy|GLFW|glad|imgui[^/]*|backends/imgui[^/]*|imgui_impl_[^/]*)(/|\.h))",
        std::regex::icase);
    return banned;
}

const std::regex& http() {
    static const std::regex banned(R"((^|/)(httplib\.h|curl/|boost/beast/|crow\.h|crow_all\.h|civetweb\.h|microhttpd\.h))", std::regex::icase);
    return banned;
}

std::vector<std::string> forbidden_includes(const fs::path& root, const std::regex& banned = graphics()) {
    static const std::regex include_re(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
    std::vector<std::string> hits;
    for (auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file()) continue;
        auto ext = e.path().extension().string();
        if (ext != ".cpp" && ext != ".hpp" && ext != ".h" && ext != ".cc") continue;
        std::ifstream in(e.path());
        std::string line;
        int n = 0;
        while (std::getline(in, line)) {
            ++n;
            std::smatch m;
            if (std::regex_search(line, m, include_re) && std::regex_search(m[1].str(), banned))
                hits.push_back(e.path().string() + ":" + std::to_string(n) + ": " + line);
        }
    }
    return hits;
}

}  // namespace

TEST(DependencyRule, LibraryCoreHasNoGraphicsIncludes) {
    auto hits = forbidden_includes(fs::path(SHUXIANG_SOURCE_DIR) / "library_core");
    for (auto& h : hits) ADD_FAILURE() << h;
}

TEST(DependencyRule, SimHasNoGraphicsIncludes) {
    auto hits = forbidden_includes(fs::path(SHUXIANG_SOURCE_DIR) / "sim");
    for (auto& h : hits) ADD_FAILURE() << h;
}

TEST(DependencyRule, LibraryCoreAndSimHaveNoHttpIncludes) {
    for (const char* dir : {"library_core", "sim"})
        for (auto& h : forbidden_includes(fs::path(SHUXIANG_SOURCE_DIR) / dir, http())) ADD_FAILURE() << h;
}

TEST(DependencyRule, ServerHasNoGraphicsIncludes) {
    auto hits = forbidden_includes(fs::path(SHUXIANG_SOURCE_DIR) / "server");
    for (auto& h : hits) ADD_FAILURE() << h;
    // ... and it is where HTTP lives: the scanner sees httplib there.
    EXPECT_FALSE(forbidden_includes(fs::path(SHUXIANG_SOURCE_DIR) / "server", http()).empty());
}

// The editor's window and loop (editor/src/app/app.hpp) are seen only by app.cpp and main.cpp: tools
// get a ToolContext, panels and scripts a UiContext (DESIGN.md, the editor's tools).
std::vector<std::string> app_header_users(const fs::path& root) {
    static const std::regex include_re(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
    std::vector<std::string> users;
    for (auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path());
        std::string line;
        std::smatch m;
        while (std::getline(in, line))
            if (std::regex_search(line, m, include_re) && (m[1] == "app/app.hpp" || m[1] == "app.hpp")) {
                users.push_back(fs::relative(e.path(), root).generic_string());
                break;
            }
    }
    std::sort(users.begin(), users.end());
    return users;
}

TEST(DependencyRule, OnlyAppAndMainIncludeTheEditorApp) {
    const fs::path src = fs::path(SHUXIANG_SOURCE_DIR) / "editor" / "src";
    ASSERT_TRUE(fs::is_directory(src));
    EXPECT_EQ(app_header_users(src), (std::vector<std::string>{"app/app.cpp", "main.cpp"}));
    EXPECT_TRUE(app_header_users(fs::path(SHUXIANG_SOURCE_DIR) / "tests" / "editor").empty());
    // The scanner sees a file that breaks the rule.
    auto dir = fs::temp_directory_path() / "shuxiang_arch_app_probe";
    fs::create_directories(dir / "ui");
    std::ofstream(dir / "ui" / "panel.cpp") << "#include <vector>\n  #  include \"app/app.hpp\"\n";
    EXPECT_EQ(app_header_users(dir), (std::vector<std::string>{"ui/panel.cpp"}));
    fs::remove_all(dir);
}

// Messages the editor shows (results of actions, the log, script errors, model import errors) are
// built from the translation table, never from English literals: the Chinese UI once said
// "present 1", "a point [x, y]" and "align: expected ...". This finds the forms those took.
std::vector<std::string> literal_messages(const fs::path& root) {
    static const std::regex message(
        R"re((ActionResult::fail\(\s*"|usage\(\s*"|fail\(file, "|log\(LogLine::Level::\w+, "|return "[a-z-]+: |return std::string\("[a-z]|std::cerr << "[A-Za-z-]))re");
    std::vector<std::string> hits;
    for (auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file() || e.path().extension() != ".cpp") continue;
        std::ifstream in(e.path());
        std::string line;
        for (int n = 1; std::getline(in, line); ++n)
            if (std::regex_search(line, message)) hits.push_back(e.path().filename().string() + ":" + std::to_string(n) + ": " + line);
    }
    return hits;
}

TEST(DependencyRule, EditorMessagesComeFromTheTranslationTable) {
    for (const auto& h : literal_messages(fs::path(SHUXIANG_SOURCE_DIR) / "editor" / "src")) ADD_FAILURE() << h;
    auto dir = fs::temp_directory_path() / "shuxiang_arch_message_probe";
    fs::create_directories(dir);
    std::ofstream(dir / "bad.cpp") << "return ActionResult::fail(\"nothing selected\");\n"
                                      "    if (x) return \"align: expected left\";\n"
                                      "return ActionResult::fail(tr(\"editor.err.nothing_selected\"));\n";
    EXPECT_EQ(literal_messages(dir).size(), 2u);
    fs::remove_all(dir);
}

TEST(DependencyRule, ScannerCatchesAGraphicsInclude) {
    // The scanner itself must be able to fail: feed it a file that breaks the rule.
    auto dir = fs::temp_directory_path() / "shuxiang_arch_probe";
    fs::create_directories(dir);
    std::ofstream(dir / "bad.cpp") << "#include <GLFW/glfw3.h>\n#include \"imgui.h\"\n#include <epoxy/gl.h>\n"
                                      "#include <vector>\n";
    auto hits = forbidden_includes(dir);
    fs::remove_all(dir);
    EXPECT_EQ(hits.size(), 3u);
}

namespace {

const std::regex& postgres_client() {
    static const std::regex banned(R"((^|/)(pqxx/|libpq-fe\.h|libpq/|postgres\.h|pg_config\.h))", std::regex::icase);
    return banned;
}

// Hits of the PostgreSQL client outside folders named pg (the district store's implementation).
std::vector<std::string> client_outside_pg(const fs::path& root) {
    std::vector<std::string> out;
    for (auto& h : forbidden_includes(root, postgres_client()))
        if (h.find("/pg/") == std::string::npos) out.push_back(h);
    return out;
}

}  // namespace

TEST(DependencyRule, OnlyTheDistrictPgImplementationNamesThePostgresClient) {
    // The district store is an interface (district/store.hpp); libpq/libpqxx stay behind it, so
    // that the CLI, the server and the rest of the core never depend on the engine.
    for (const char* dir : {"library_core", "sim", "cli", "server", "editor", "bench"})
        if (fs::exists(fs::path(SHUXIANG_SOURCE_DIR) / dir))
            for (auto& h : client_outside_pg(fs::path(SHUXIANG_SOURCE_DIR) / dir)) ADD_FAILURE() << h;
    // ... and the scanner does see it where it is.
    EXPECT_FALSE(forbidden_includes(fs::path(SHUXIANG_SOURCE_DIR) / "library_core" / "district" / "src" / "pg",
                                    postgres_client()).empty());
}

TEST(DependencyRule, ScannerCatchesAPostgresClientOutsidePg) {
    auto dir = fs::temp_directory_path() / ("shuxiang_arch_pg_probe_" + std::to_string(::getpid()));
    fs::create_directories(dir / "pg");
    std::ofstream(dir / "leak.cpp") << "#include <pqxx/pqxx>\n#include <libpq-fe.h>\n#include <vector>\n";
    std::ofstream(dir / "pg" / "ok.cpp") << "#include <pqxx/pqxx>\n";
    auto hits = client_outside_pg(dir);
    fs::remove_all(dir);
    EXPECT_EQ(hits.size(), 2u);
}
