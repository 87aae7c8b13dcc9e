// The file dialog's model without a window, on real folders: the listing (folders first, filtered
// files, hidden entries left out), navigation, what a typed name means for Open and Save As, the
// translated error for a folder that cannot be read, and the recent places kept across runs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "shuxiang/util/i18n.hpp"
#include "ui/file_browser_model.hpp"

namespace fs = std::filesystem;
using namespace shuxiang;
using shuxiang::editor::FileBrowserModel;

namespace {

class FileBrowser : public ::testing::Test {
protected:
    void SetUp() override {
        set_language(Language::En);
        dir_ = fs::temp_directory_path() / ("sx_browser_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "plans" / "old");
        fs::create_directories(dir_ / "models");
        fs::create_directories(dir_ / ".hidden");
        for (const char* f : {"plans/school.sxplan.json", "plans/notes.txt", "plans/B.SXPLAN.JSON", "plans/.secret.sxplan.json",
                              "models/chair.obj", "models/desk.GLB", "models/readme.md"})
            std::ofstream(dir_ / f) << "x";
    }
    void TearDown() override {
        std::error_code ec;
        fs::permissions(dir_ / "plans" / "old", fs::perms::owner_all, ec);
        fs::remove_all(dir_);
    }
    std::vector<std::string> names(const FileBrowserModel& m) {
        std::vector<std::string> out;
        for (const auto& e : m.entries()) out.push_back((e.folder ? "/" : "") + e.name);
        return out;
    }
    fs::path dir_;
};

}  // namespace

TEST_F(FileBrowser, ListsFoldersFirstThenTheFilteredFiles) {
    FileBrowserModel m({".sxplan.json"}, dir_ / "places.json");
    ASSERT_TRUE(m.open(dir_ / "plans")) << m.error();
    EXPECT_EQ(names(m), (std::vector<std::string>{"/old", "B.SXPLAN.JSON", "school.sxplan.json"}));
    m.set_suffixes({});
    EXPECT_EQ(names(m), (std::vector<std::string>{"/old", "B.SXPLAN.JSON", "notes.txt", "school.sxplan.json"}));
    FileBrowserModel models({".obj", ".fbx", ".gltf", ".glb", ".3ds", ".dae"}, {});
    ASSERT_TRUE(models.open(dir_ / "models"));
    EXPECT_EQ(names(models), (std::vector<std::string>{"chair.obj", "desk.GLB"}));
}

TEST_F(FileBrowser, NavigatesIntoFoldersAndUp) {
    FileBrowserModel m({".sxplan.json"}, {});
    ASSERT_TRUE(m.open(dir_));
    EXPECT_EQ(names(m), (std::vector<std::string>{"/models", "/plans"}));  // .hidden is left out
    ASSERT_TRUE(m.enter("plans"));
    EXPECT_EQ(m.folder(), fs::absolute(dir_ / "plans").lexically_normal());
    ASSERT_TRUE(m.up());
    EXPECT_EQ(m.folder(), fs::absolute(dir_).lexically_normal());
}

TEST_F(FileBrowser, TypedNamesOpenFoldersOrChooseFiles) {
    FileBrowserModel m({".sxplan.json"}, {});
    ASSERT_TRUE(m.open(dir_));
    // A folder typed is opened, nothing is chosen.
    EXPECT_FALSE(m.choose("plans", true));
    EXPECT_EQ(m.folder().filename(), "plans");
    // An existing file, relative or absolute.
    EXPECT_EQ(m.choose("school.sxplan.json", true), fs::absolute(dir_ / "plans" / "school.sxplan.json").lexically_normal());
    EXPECT_EQ(m.choose((dir_ / "models" / "chair.obj").string(), true), (dir_ / "models" / "chair.obj").lexically_normal());
    // Open: a missing file is an error naming it. Save As: a new name gets the plan suffix.
    EXPECT_FALSE(m.choose("new", true));
    EXPECT_NE(m.error().find("new"), std::string::npos) << m.error();
    EXPECT_EQ(m.choose("new", false), m.folder() / "new.sxplan.json");
    EXPECT_EQ(m.choose("other.sxplan.json", false), m.folder() / "other.sxplan.json");
    // Save As into a folder that does not exist.
    EXPECT_FALSE(m.choose("nowhere/x.sxplan.json", false));
    EXPECT_NE(m.error().find("nowhere"), std::string::npos) << m.error();
    EXPECT_FALSE(m.choose("", true));
}

TEST_F(FileBrowser, AFolderThatCannotBeReadIsReportedAndTheListingStays) {
    if (::geteuid() == 0) GTEST_SKIP() << "root reads every folder";
    FileBrowserModel m({".sxplan.json"}, {});
    ASSERT_TRUE(m.open(dir_ / "plans"));
    fs::permissions(dir_ / "plans" / "old", fs::perms::none);
    EXPECT_FALSE(m.enter("old"));
    EXPECT_NE(m.error().find("Cannot read the folder"), std::string::npos) << m.error();
    EXPECT_EQ(m.folder().filename(), "plans");
    set_language(Language::ZhCN);
    EXPECT_FALSE(m.enter("old"));
    EXPECT_NE(m.error().find("无法读取文件夹"), std::string::npos) << m.error();
}

TEST_F(FileBrowser, AMissingFolderIsReportedInTheUsersLanguage) {
    FileBrowserModel m({".sxplan.json"}, {});
    ASSERT_TRUE(m.open(dir_));
    EXPECT_FALSE(m.open(dir_ / "gone"));
    EXPECT_NE(m.error().find("is not an existing folder"), std::string::npos) << m.error();
    EXPECT_EQ(m.folder(), fs::absolute(dir_).lexically_normal());
    set_language(Language::ZhCN);
    EXPECT_FALSE(m.open(dir_ / "gone"));
    EXPECT_NE(m.error().find("不是一个存在的文件夹"), std::string::npos) << m.error();
}

TEST_F(FileBrowser, RecentPlacesAreKeptMostRecentFirstAcrossRuns) {
    const fs::path places = dir_ / "config" / "places.json";
    {
        FileBrowserModel m({".sxplan.json"}, places);
        EXPECT_TRUE(m.recent().empty());
        m.remember(dir_ / "plans");
        m.remember(dir_ / "models");
        m.remember(dir_ / "plans");  // again: moves to the front, not doubled
        for (int i = 0; i < 10; ++i) m.remember(dir_ / ("x" + std::to_string(i)));
        EXPECT_EQ(m.recent().size(), 8u);
    }
    FileBrowserModel again({".sxplan.json"}, places);
    ASSERT_EQ(again.recent().size(), 8u);
    EXPECT_EQ(again.recent().front(), fs::absolute(dir_ / "x9").lexically_normal());
    FileBrowserModel few({}, dir_ / "few.json");
    few.remember(dir_ / "plans");
    few.remember(dir_ / "models");
    few.remember(dir_ / "plans");
    FileBrowserModel read_back({}, dir_ / "few.json");
    EXPECT_EQ(read_back.recent(), (std::vector<fs::path>{fs::absolute(dir_ / "plans").lexically_normal(),
                                                         fs::absolute(dir_ / "models").lexically_normal()}));
}
