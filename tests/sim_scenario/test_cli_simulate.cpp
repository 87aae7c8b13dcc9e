#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "shuxiang/util/fs.hpp"
#include "support/process.hpp"

namespace fs = std::filesystem;
using shuxiang::test::run_shuxiang;

namespace {
const std::string kDemo = std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/demo/demo-school.sxplan.json";

fs::path fresh_dir(const std::string& name) {
    fs::path d = fs::temp_directory_path() / ("sx_sim_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(d);
    return d;
}
}  // namespace

TEST(CliSimulate, ClassVisitWritesTheFourOutputs) {
    fs::path out = fresh_dir("cv");
    auto r = run_shuxiang("simulate --plan " + kDemo + " --scenario class-visit --students 8 --seed 3 --out " + out.string());
    ASSERT_EQ(r.code, 0) << r.out;
    auto m = nlohmann::json::parse(shuxiang::read_file(out / "metrics.json"));
    EXPECT_EQ(m["agents_total"], 9);
    EXPECT_EQ(m["agents_arrived"], 9);
    for (const char* k : {"exits", "max_overlap_m", "max_density_per_m2", "wall_penetrations", "desks", "seats_total",
                          "readers_without_seat", "shelf_visits", "travel_time_mean_s", "worst_cell_fruin_los", "bottlenecks"})
        EXPECT_TRUE(m.contains(k)) << k;
    EXPECT_FALSE(m.contains("evacuation_time_s"));
    std::string csv = shuxiang::read_file(out / "timeseries.csv");
    EXPECT_EQ(csv.rfind("t_s,present,", 0), 0u);
    std::string png = shuxiang::read_file(out / "heatmap.png");
    ASSERT_GT(png.size(), 8u);
    EXPECT_EQ(png.substr(1, 3), "PNG");
    std::string traj = shuxiang::read_file(out / "trajectories.csv");
    EXPECT_EQ(traj.rfind("# shuxiang trajectories v1", 0), 0u);
    EXPECT_NE(traj.find("\nt,id,x,y,state\n"), std::string::npos);
    fs::remove_all(out);
}

TEST(CliSimulate, EvacuationReportsTime) {
    fs::path out = fresh_dir("ev");
    auto r = run_shuxiang("simulate --plan " + kDemo + " --scenario evacuation --students 40 --out " + out.string() + " --json");
    ASSERT_EQ(r.code, 0) << r.out;
    auto m = nlohmann::json::parse(shuxiang::read_file(out / "metrics.json"));
    EXPECT_EQ(m["agents_total"], 40);
    EXPECT_EQ(m["agents_arrived"], 40);
    EXPECT_GT(m["evacuation_time_s"].get<double>(), 10.0);
    fs::remove_all(out);
}

TEST(CliSimulate, BadScenarioFileIsExitCode2WithPointer) {
    fs::path out = fresh_dir("bad");
    fs::create_directories(out);
    shuxiang::atomic_write_file(out / "s.json", R"({"schema_version": 1, "groups": [{"name": "a", "start": {}}]})");
    auto r = run_shuxiang("simulate --plan " + kDemo + " --scenario " + (out / "s.json").string() + " --out " + out.string());
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("/groups/0/start"), std::string::npos) << r.out;
    fs::remove_all(out);
}
