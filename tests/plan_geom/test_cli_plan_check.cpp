// `shuxiang plan check`, run as the built binary on fixture plans: exit codes 0/1/2, the --json
// shape, and the human output in Chinese by default and English with --lang en.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/process.hpp"

namespace {

using shuxiang::test::RunResult;

const std::string kData = std::string(SHUXIANG_TEST_DATA_DIR) + "/plan_check/";

// Runs the binary with no language in the environment, so that the default (Chinese) applies.
RunResult run(const std::string& args) {
    return shuxiang::test::run_command("env -u SHUXIANG_LANG '" + std::string(SHUXIANG_BIN_DIR) + "/shuxiang' " + args);
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST(PlanCheckCli, CleanPlanExitsZero) {
    const RunResult r = run("plan check '" + kData + "clean.sxplan.json'");
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_TRUE(contains(r.out, "未发现布局问题")) << r.out;
    const RunResult j = run("plan check --json '" + kData + "clean.sxplan.json'");
    EXPECT_EQ(j.code, 0);
    const auto doc = nlohmann::json::parse(j.out);
    EXPECT_EQ(doc["count"], 0);
    EXPECT_TRUE(doc["problems"].is_array() && doc["problems"].empty());
}

TEST(PlanCheckCli, BlockedExitExitsOneAndNamesTheRangeByLabel) {
    const RunResult r = run("plan check '" + kData + "exit-blocked.sxplan.json'");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "[exit_blocked]")) << r.out;
    EXPECT_TRUE(contains(r.out, "安全出口 1 号")) << r.out;
    EXPECT_TRUE(contains(r.out, "双面木质书架（六层，1.9 米） B3")) << r.out;
    EXPECT_TRUE(contains(r.out, "GB 50099")) << r.out;

    const RunResult en = run("--lang en plan check '" + kData + "exit-blocked.sxplan.json'");
    EXPECT_EQ(en.code, 1) << en.out;
    EXPECT_TRUE(contains(en.out, "Emergency exit no. 1")) << en.out;

    const RunResult j = run("plan check --json '" + kData + "exit-blocked.sxplan.json'");
    EXPECT_EQ(j.code, 1);
    const auto doc = nlohmann::json::parse(j.out);
    ASSERT_GE(doc["count"].get<int>(), 1);
    EXPECT_EQ(doc["count"], doc["problems"].size());
    const nlohmann::json* blocked = nullptr;
    for (const auto& p : doc["problems"])
        if (p["kind"] == "exit_blocked") blocked = &p;
    ASSERT_NE(blocked, nullptr) << j.out;
    for (const char* key : {"kind", "level", "ids", "labels", "measured", "required", "unit", "source", "at", "text"})
        EXPECT_TRUE(blocked->contains(key)) << key;
    EXPECT_EQ((*blocked)["ids"][0], "exit");
    EXPECT_EQ((*blocked)["ids"][1], "r3");
    EXPECT_EQ((*blocked)["labels"][0], "安全出口 1 号");
    EXPECT_DOUBLE_EQ((*blocked)["measured"].get<double>(), 0.0);
    EXPECT_DOUBLE_EQ((*blocked)["required"].get<double>(), 1.2);
    EXPECT_EQ((*blocked)["unit"], "m");
}

TEST(PlanCheckCli, OlderPlanExitMigratesToOpenInwardsAndIsReported) {
    const RunResult r = run("--lang en plan check '" + kData + "exit-inward-v3.sxplan.json'");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_TRUE(contains(r.out, "[exit_swings_inward] Emergency exit no. 1 opens into 书库")) << r.out;
    EXPECT_TRUE(contains(r.out, "GB 50016")) << r.out;
}

TEST(PlanCheckCli, BadInputExitsTwoNamingTheFile) {
    const RunResult broken = run("plan check '" + kData + "broken.sxplan.json'");
    EXPECT_EQ(broken.code, 2) << broken.out;
    EXPECT_TRUE(contains(broken.out, "broken.sxplan.json")) << broken.out;
    EXPECT_TRUE(contains(broken.out, "JSON 语法错误")) << broken.out;
    EXPECT_TRUE(contains(broken.out, "line 2")) << broken.out;  // the place itself is not translated yet
    const RunResult missing = run("plan check '" + kData + "no-such.sxplan.json'");
    EXPECT_EQ(missing.code, 2) << missing.out;
    EXPECT_TRUE(contains(missing.out, "no-such.sxplan.json")) << missing.out;
}

TEST(PlanCheckCli, AudioVisualRoomWithoutItsStoreIsListedWithItsKind) {
    const RunResult j = run("plan check --json '" + kData + "av-no-store.sxplan.json'");
    EXPECT_EQ(j.code, 1) << j.out;
    const auto doc = nlohmann::json::parse(j.out);
    bool found = false;
    for (const auto& p : doc["problems"])
        if (p["kind"] == "av_store_missing") {
            found = true;
            EXPECT_EQ(p["required"], 12.0);
            EXPECT_EQ(p["labels"][0], "视听阅览室");
            EXPECT_NE(p["source"].get<std::string>().find("5.13.3-3"), std::string::npos);
        }
    EXPECT_TRUE(found) << j.out;
}

TEST(PlanCheckCli, AClosedStackRoomPackedBeyondItsDensityIsListedAndACompactOneIsNot) {
    // Two 5 × 4 m stack rooms with the same five double-faced ranges 0.3 m apart (10,800 places,
    // 540 per m²): over the 500 books/m² of closed stacks, under the 800 of compact shelving.
    const RunResult j = run("plan check --json '" + kData + "closed-stacks.sxplan.json'");
    EXPECT_EQ(j.code, 1) << j.out;
    const auto doc = nlohmann::json::parse(j.out);
    int dense = 0;
    for (const auto& p : doc["problems"]) {
        if (p["kind"] == "stack_density") {
            ++dense;
            EXPECT_EQ(p["ids"][0], "closed");
            EXPECT_EQ(p["labels"][0], "闭架书库");
            EXPECT_DOUBLE_EQ(p["measured"].get<double>(), 540.0);
            EXPECT_DOUBLE_EQ(p["required"].get<double>(), 500.0);
            EXPECT_EQ(p["unit"], "books/m2");
            EXPECT_NE(p["source"].get<std::string>().find("闭架书库 500"), std::string::npos) << p["source"];
        }
        // The compact room's ranges stand on mobile carriages: no aisle between them is judged.
        if (p["kind"] == "aisle_narrow") {
            EXPECT_EQ(p["ids"][0].get<std::string>()[0], 'a') << p;
        }
    }
    EXPECT_EQ(dense, 1) << j.out;
    const RunResult r = run("plan check '" + kData + "closed-stacks.sxplan.json'");
    EXPECT_TRUE(contains(r.out, "[stack_density] 闭架书库 的书架满架可放 540 册/m²")) << r.out;
}
