#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
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
    EXPECT_EQ(traj.rfind("# shuxiang trajectories v2", 0), 0u);
    EXPECT_NE(traj.find("\nt,id,x,y,state,group\n"), std::string::npos);
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

TEST(CliSimulate, MisspeltBuiltInScenarioListsTheValidOnes) {
    fs::path out = fresh_dir("misspelt");
    auto r = run_shuxiang("simulate --plan " + kDemo + " --scenario school-dya --out " + out.string());
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("school-dya"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("class-visit, school-day, evacuation"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(out / "metrics.json"));
    fs::remove_all(out);
}

TEST(CliSimulate, WarningsGoToTheOutputAndMetrics) {
    fs::path out = fresh_dir("warn");
    fs::create_directories(out);
    shuxiang::atomic_write_file(out / "s.json", R"({"schema_version": 1, "duration_s": 5, "groups": [
        {"name": "crowd", "count": 200, "start": {"polygon": [[12, 2], [14, 2], [14, 4], [12, 4]]}}]})");
    auto r = run_shuxiang("simulate --plan " + kDemo + " --scenario " + (out / "s.json").string() + " --out " + out.string());
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("警告：组“crowd”"), std::string::npos) << r.out;
    auto m = nlohmann::json::parse(shuxiang::read_file(out / "metrics.json"));
    ASSERT_EQ(m["warnings"].size(), 1u);
    EXPECT_EQ(m["warnings"][0]["code"], "not_placed");
    EXPECT_GT(m["agents_not_placed"].get<int>(), 0);
    fs::remove_all(out);
}

TEST(CliCapacity, DemoWithHoldingsByHand) {
    fs::path out = fresh_dir("cap");
    fs::create_directories(out);
    // 1,800 students, 1 new book each a year, no weeding; 18,000 general books already on the
    // shelves, all in C-K: the class mix of the holdings becomes the share of shelf and growth,
    // so C-K gets all the working capacity W and fills in the first year y with 18000 + 1800 y > W.
    shuxiang::atomic_write_file(out / "h.json", R"({"schema_version": 1, "year": 2025, "books": 18000,
        "by_major_class": [0, 0, 18000, 0, 0], "unclassified": 0, "periodical_titles": 40,
        "reference_titles": 60, "new_books_this_year": 1800, "weeded_this_year": 0, "local_collection": 0,
        "loans_this_year": 9000})");
    auto r = run_shuxiang("capacity --plan " + kDemo + " --holdings " + (out / "h.json").string() + " --json");
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    const long long w = j["working_capacity"].get<long long>();
    EXPECT_EQ(w, static_cast<long long>(j["book_capacity"].get<long long>() * 0.75));
    EXPECT_EQ(j["shares_from"], "holdings");
    const auto& ck = j["classes"][2];
    EXPECT_EQ(ck["current"], 18000);
    EXPECT_EQ(ck["working_capacity"], w);
    long long y = 0;
    while (18000 + 1800 * y <= w) ++y;
    EXPECT_EQ(ck["full_year"], 2026 + y);
    EXPECT_TRUE(j["classes"][0]["full_year"].is_null());  // no books of class A and no growth there
    fs::remove_all(out);
}

#include "shuxiang/catalog/store.hpp"
#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/circulation/services.hpp"

TEST(CliSimulate, LoansFromTheDatabaseDecideWhichShelvesReadersVisit) {
    namespace cat = shuxiang::catalog;
    namespace circ = shuxiang::circulation;
    fs::path out = fresh_dir("db");
    fs::create_directories(out);
    const std::string db = (out / "library.db").string();
    {
        auto lib_owner = circ::LibraryServices::open(db);
        auto& lib = *lib_owner;
        // One 综合性图书 (Z) title with 20 copies, all lent this year: readers only want group 5.
        std::vector<cat::ImportEntry> batch(1);
        batch[0].record.title = "中国大百科全书";
        batch[0].record.control_number = "LOANS1";
        batch[0].record.clc_class = "Z227";
        batch[0].record.call_number = "Z227/1";
        batch[0].record.marc = cat::synthesize_cnmarc(batch[0].record);
        for (int i = 0; i < 20; ++i) {
            cat::Item it;
            it.barcode = "Z" + std::to_string(100 + i);
            it.call_number = "Z227/1";
            batch[0].items.push_back(it);
        }
        lib.catalog().import_batch(batch);
        circ::Ctx admin{"admin", "2026-03-02"};
        for (int p = 0; p < 10; ++p) {
            circ::Patron pat;
            pat.id = "S" + std::to_string(p);
            pat.name = "学生" + std::to_string(p);
            pat.grade = 4;
            pat.class_no = "1";
            ASSERT_TRUE(lib.patrons().add(admin, pat).ok);
            for (int k = 0; k < 2; ++k)
                ASSERT_TRUE(lib.circulation().checkout(admin, pat.id, "Z" + std::to_string(100 + 2 * p + k)).ok);
        }
    }
    auto r = run_shuxiang("simulate --plan " + kDemo + " --db " + db + " --date 2026-11-24 --scenario class-visit"
                          " --students 12 --seed 5 --out " + (out / "run").string());
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("书架需求：按本年各大部类借阅量"), std::string::npos) << r.out;
    auto m = nlohmann::json::parse(shuxiang::read_file(out / "run" / "metrics.json"));
    ASSERT_TRUE(m.contains("visits_per_major_class"));
    auto v = m["visits_per_major_class"];
    EXPECT_GT(v["Z"].get<int>(), 0);
    EXPECT_EQ(v["A"].get<int>() + v["B"].get<int>() + v["C-K"].get<int>() + v["N-X"].get<int>(), 0) << v.dump();
    // Without the database the standard shares send most readers to C–K.
    r = run_shuxiang("simulate --plan " + kDemo + " --scenario class-visit --students 12 --seed 5 --out " +
                     (out / "std").string());
    ASSERT_EQ(r.code, 0) << r.out;
    auto s = nlohmann::json::parse(shuxiang::read_file(out / "std" / "metrics.json"))["visits_per_major_class"];
    EXPECT_GT(s["C-K"].get<int>(), s["Z"].get<int>()) << s.dump();
    fs::remove_all(out);
}

// Two groups in a scenario file: the trajectory file names them and tags every row with its
// agent's group (ids are given in arrival order: the two readers first, then the teacher).
TEST(CliSimulate, TrajectoriesCarryTheGroup) {
    fs::path out = fresh_dir("groups");
    fs::create_directories(out);
    shuxiang::atomic_write_file(out / "s.json", R"({"schema_version": 1, "name": "two", "duration_s": 60, "groups": [
        {"name": "class 3", "count": 2, "start": {"polygon": [[9, 1], [12, 1], [12, 4], [9, 4]]},
         "activities": [{"kind": "room", "target": "lending", "dwell_s": 5}]},
        {"name": "teacher", "count": 1, "start": {"polygon": [[13, 1], [15, 1], [15, 4], [13, 4]]},
         "activities": [{"kind": "room", "target": "lending", "dwell_s": 5}]}]})");
    auto r = run_shuxiang("simulate --plan " + kDemo + " --scenario " + (out / "s.json").string() + " --out " + out.string());
    ASSERT_EQ(r.code, 0) << r.out;
    const std::string traj = shuxiang::read_file(out / "trajectories.csv");
    EXPECT_NE(traj.find("\n# group 0: class 3\n# group 1: teacher\nt,id,x,y,state,group\n"), std::string::npos) << traj.substr(0, 300);
    std::istringstream in(traj);
    std::string line;
    std::map<int, std::set<int>> groups_of;
    int rows = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line[0] == 't') continue;
        ++rows;
        ASSERT_EQ(std::count(line.begin(), line.end(), ','), 5) << line;
        const int id = std::stoi(line.substr(line.find(',') + 1));
        groups_of[id].insert(std::stoi(line.substr(line.rfind(',') + 1)));
    }
    EXPECT_GT(rows, 3);
    ASSERT_EQ(groups_of.size(), 3u);
    EXPECT_EQ(groups_of[0], std::set<int>{0});
    EXPECT_EQ(groups_of[1], std::set<int>{0});
    EXPECT_EQ(groups_of[2], std::set<int>{1});
    fs::remove_all(out);
}
