// `shuxiang plan validate` and `shuxiang plan info`, run as the built binary on fixture files.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

namespace {

struct Result {
    int code = -1;
    std::string out;
};

const std::string kData = std::string(SHUXIANG_TEST_DATA_DIR) + "/plan_geom/";
const std::string kCatalog = "--catalog '" + kData + "furniture'";

Result run(const std::string& args, bool with_stderr = true) {
    const std::string cmd = "SHUXIANG_LANG=en '" + std::string(SHUXIANG_BIN_DIR) + "/shuxiang' " + args +
                            (with_stderr ? " 2>&1" : " 2>/dev/null");
    Result r;
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int status = pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST(PlanCli, ValidateValidFile) {
    const Result r = run("plan validate '" + kData + "library.sxplan.json' " + kCatalog);
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "valid")) << r.out;
    const Result j = run("plan validate --json '" + kData + "library.sxplan.json' " + kCatalog, false);
    EXPECT_EQ(j.code, 0);
    const auto doc = nlohmann::json::parse(j.out);
    EXPECT_TRUE(doc["valid"].get<bool>());
    EXPECT_TRUE(doc["problems"].empty());
}

TEST(PlanCli, ValidateListsProblemsWithPointers) {
    const Result r = run("plan validate '" + kData + "invalid.sxplan.json' " + kCatalog);
    EXPECT_EQ(r.code, 1) << r.out;
    // The opening d_hr names a wall that does not exist; s2 was renamed to a duplicate "s1".
    EXPECT_TRUE(contains(r.out, "/levels/0/openings/1/wall")) << r.out;
    EXPECT_TRUE(contains(r.out, "/levels/0/furniture/4/id")) << r.out;
    const Result j = run("plan validate --json '" + kData + "invalid.sxplan.json' " + kCatalog, false);
    EXPECT_EQ(j.code, 1);
    const auto doc = nlohmann::json::parse(j.out);
    EXPECT_FALSE(doc["valid"].get<bool>());
    std::vector<std::string> pointers;
    for (const auto& p : doc["problems"]) pointers.push_back(p["pointer"].get<std::string>());
    EXPECT_NE(std::find(pointers.begin(), pointers.end(), "/levels/0/openings/1/wall"), pointers.end());
    EXPECT_NE(std::find(pointers.begin(), pointers.end(), "/levels/0/furniture/4/id"), pointers.end());
}

TEST(PlanCli, BrokenOrMissingFileExits2) {
    const Result broken = run("plan validate '" + kData + "broken.sxplan.json' " + kCatalog);
    EXPECT_EQ(broken.code, 2) << broken.out;
    EXPECT_TRUE(contains(broken.out, "line")) << broken.out;
    const Result missing = run("plan validate '" + kData + "no_such.sxplan.json' " + kCatalog);
    EXPECT_EQ(missing.code, 2) << missing.out;
    EXPECT_TRUE(contains(missing.out, "no_such.sxplan.json")) << missing.out;
    // Without --catalog too: the missing plan is reported, not the catalogue.
    const Result missing2 = run("plan info '" + kData + "no_such.sxplan.json'");
    EXPECT_EQ(missing2.code, 2) << missing2.out;
    EXPECT_TRUE(contains(missing2.out, "no_such.sxplan.json")) << missing2.out;
    const Result info = run("plan info '" + kData + "broken.sxplan.json' " + kCatalog);
    EXPECT_EQ(info.code, 2) << info.out;
    const Result info_invalid = run("plan info '" + kData + "invalid.sxplan.json' " + kCatalog);
    EXPECT_EQ(info_invalid.code, 2) << info_invalid.out;
}

TEST(PlanCli, InfoJson) {
    const Result r = run("plan info --json '" + kData + "library.sxplan.json' " + kCatalog, false);
    ASSERT_EQ(r.code, 0) << r.out;
    const auto doc = nlohmann::json::parse(r.out);
    EXPECT_EQ(doc["school"]["name"], "测试学校");
    EXPECT_EQ(doc["school"]["type"], "nine_year");
    EXPECT_EQ(doc["school"]["students"]["total"], 1800);  // 1200 + 600
    // Areas inside the walls drawn on the rooms' edges (front 0.24 m, hr and hw 0.2 m):
    // H (5 − 0.1) × (5 − 0.12 − 0.1) = 23.422, R 10 × (8 − 0.12) = 78.8 (hr runs along only part of
    // its west side, so that side stays), W 5 × (5 − 0.1) = 24.5 → 126.722 m² (130 on centre lines).
    EXPECT_NEAR(doc["total_area"].get<double>(), 126.722, 1e-6);
    ASSERT_EQ(doc["rooms"].size(), 3u);
    const auto& R = doc["rooms"][1];
    EXPECT_EQ(R["id"], "R");
    EXPECT_EQ(R["kind"], "reading");
    EXPECT_NEAR(R["area"].get<double>(), 78.8, 1e-6);
    // Seats in R: table 6 + two sofas 3 + 3 = 12. Shelf: two ranges 5 × 0.9 × 6 × 2 = 54 → 108 m.
    EXPECT_EQ(R["seats"], 12);
    EXPECT_NEAR(R["shelf_metres"].get<double>(), 108.0, 1e-6);
    EXPECT_EQ(R["counts"]["shelving_double"], 2);
    EXPECT_EQ(doc["total_seats"], 12);
    // Aisles: A (y ∈ [1.2, 1.8]) to the front wall's face (0.24 / 2 = 0.12): 1.08 m, midpoint
    // (12, 0.66); A to B (y ∈ [2.9, 3.5]): 1.1 m, midpoint (12, 2.35). Their ends are 9.75 - 5.1 =
    // 4.65 m from the wall hr: wider than 3 m, not aisles.
    const auto& aisles = doc["aisles"];
    EXPECT_NEAR(aisles["min_width"].get<double>(), 1.08, 1e-6);
    ASSERT_EQ(aisles["list"].size(), 2u);
    for (const auto& a : aisles["list"]) {
        if (a["b"] == "front") {
            EXPECT_TRUE(a["b_is_wall"].get<bool>());
            EXPECT_NEAR(a["width"].get<double>(), 1.08, 1e-6);
            EXPECT_NEAR(a["midpoint"][1].get<double>(), 0.66, 1e-6);
        } else {
            EXPECT_EQ(a["b"], "B");
            EXPECT_NEAR(a["width"].get<double>(), 1.1, 1e-6);
            EXPECT_NEAR(a["midpoint"][0].get<double>(), 12.0, 1e-6);
            EXPECT_NEAR(a["midpoint"][1].get<double>(), 2.35, 1e-6);
            EXPECT_EQ(a["direction"], nlohmann::json::array({1.0, 0.0}));
        }
    }
    // Sofas at y = 6.5 and 7.2, 0.8 deep: [6.1, 6.9] and [6.8, 7.6] overlap by 0.1 m.
    ASSERT_EQ(doc["overlaps"].size(), 1u);
    EXPECT_EQ(doc["overlaps"][0]["a"], "s1");
    EXPECT_EQ(doc["overlaps"][0]["b"], "s2");
    EXPECT_NEAR(doc["overlaps"][0]["depth"].get<double>(), 0.1, 1e-6);
    // The workroom has only a window: unreachable.
    ASSERT_EQ(doc["unreachable"].size(), 1u);
    EXPECT_EQ(doc["unreachable"][0]["room"], "W");
    EXPECT_EQ(doc["reachable"].size(), 2u);
}

TEST(PlanCli, InfoText) {
    const Result r = run("plan info '" + kData + "library.sxplan.json' " + kCatalog);
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "126.7 m²")) << r.out;
    EXPECT_TRUE(contains(r.out, "G/R")) << r.out;
    EXPECT_TRUE(contains(r.out, "narrowest 1.08 m")) << r.out;
    EXPECT_TRUE(contains(r.out, "s1 and s2 overlap by 0.10 m")) << r.out;
    EXPECT_TRUE(contains(r.out, "G/W")) << r.out;
    // Chinese is the default language.
    const Result zh = run("--lang zh plan info '" + kData + "library.sxplan.json' " + kCatalog);
    EXPECT_TRUE(contains(zh.out, "最窄 1.08 m")) << zh.out;
}

TEST(PlanCli, HelpOnEverySubcommand) {
    for (const char* sub : {"plan --help", "plan validate --help", "plan info --help"}) {
        const Result r = run(sub);
        EXPECT_EQ(r.code, 0) << sub;
        EXPECT_TRUE(contains(r.out, "--help")) << r.out;
    }
    EXPECT_TRUE(contains(run("plan validate --help").out, "--json"));
    EXPECT_TRUE(contains(run("plan info --help").out, "--catalog"));
    EXPECT_NE(run("plan info").code, 0);  // the file is required
}
