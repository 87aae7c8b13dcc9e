// The report, proposal and review commands, run as a user would run them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "shuxiang/plan/io.hpp"
#include "shuxiang/report/district.hpp"
#include "shuxiang/standards/holdings.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"
#include "support/process.hpp"

namespace fs = std::filesystem;
using namespace shuxiang;

namespace {

using test::run_shuxiang;

const std::string kDemo = std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/demo/demo-school.sxplan.json";

fs::path tmp(const std::string& name) {
    auto d = fs::temp_directory_path() / ("shuxiang_cli_report_" + name);
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

nlohmann::json read_json(const fs::path& p) { return nlohmann::json::parse(read_file(p)); }

standards::HoldingsSummary holdings(long long books) {
    standards::HoldingsSummary h;
    h.year = 2026;
    h.books = books;
    // Shares close to the 九年一贯制 requirement (1.67 / 1.67 / 60.67 / 31.33 / 4.67 %).
    h.by_major_class = {books * 167 / 10000, books * 167 / 10000, books * 6067 / 10000, books * 3133 / 10000, 0};
    h.by_major_class[4] = books - h.by_major_class[0] - h.by_major_class[1] - h.by_major_class[2] - h.by_major_class[3];
    h.periodical_titles = 70;
    h.reference_titles = 150;
    h.new_books_this_year = 1900;
    h.local_collection = 40;
    return h;
}

}  // namespace

TEST(CliReport, DemoSchoolReportWithHoldings) {
    auto d = tmp("demo");
    atomic_write_file(d / "h.json", standards::holdings_to_json_text(holdings(52000)));
    auto r = run_shuxiang("report --plan " + kDemo + " --holdings " + (d / "h.json").string() + " --html " +
                (d / "r.html").string() + " --json " + (d / "r.json").string() + " --date 2026-11-24");
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = read_json(d / "r.json");
    EXPECT_EQ(j["generated"], "2026-11-24");
    EXPECT_EQ(j["profile"], "cn-hunan-yueyang");  // the demo school is in 湖南省岳阳市
    std::map<std::string, nlohmann::json> by_id;
    for (auto& c : j["checks"]) by_id[c["id"].get<std::string>()] = c;
    EXPECT_EQ(by_id.at("collection.books")["status"], "pass");  // 52000 ≥ 51000
    EXPECT_DOUBLE_EQ(by_id.at("collection.books")["required"].get<double>(), 51000);
    EXPECT_EQ(by_id.at("collection.local")["status"], "pass");
    EXPECT_EQ(by_id.at("space.functions")["status"], "pass");
    EXPECT_EQ(by_id.at("safety.overlaps")["status"], "pass");
    EXPECT_EQ(by_id.at("safety.reachable")["status"], "pass");
    // The excellent-library score and its breakdown by category, under the bundled rubric.
    ASSERT_TRUE(j.contains("score"));
    EXPECT_DOUBLE_EQ(j["score"]["max_points"].get<double>(), 100);
    EXPECT_DOUBLE_EQ(j["score"]["threshold"].get<double>(), 85);
    double sum = 0;
    for (auto& c : j["score"]["categories"]) sum += c["points"].get<double>();
    EXPECT_NEAR(sum, j["score"]["points"].get<double>(), 1e-9);
    EXPECT_EQ(j["score"]["selected"].get<bool>(), j["score"]["percent"].get<double>() >= 85);
    std::string html = read_file(d / "r.html");
    EXPECT_NE(html.find("id=\"books-total\">52,000<"), std::string::npos);
    EXPECT_NE(html.find("岳阳市南湖新区书香实验学校"), std::string::npos);
    fs::remove_all(d);
}

TEST(CliReport, BadInputsGiveClearErrors) {
    auto d = tmp("bad");
    std::ofstream(d / "broken.sxplan.json") << "{\"schema_version\": 2, \"school\": ";
    auto r = run_shuxiang("report --plan " + (d / "broken.sxplan.json").string() + " --json " + (d / "o.json").string());
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("broken.sxplan.json"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(d / "o.json"));

    std::ofstream(d / "h.json") << R"({"schema_version":1,"year":2026,"books":"many"})";
    r = run_shuxiang("report --plan " + kDemo + " --holdings " + (d / "h.json").string() + " --json " + (d / "o.json").string());
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find("/books"), std::string::npos) << r.out;

    r = run_shuxiang("report --plan " + kDemo + " --json " + (d / "o.json").string() + " --date 2026-13-45");
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find("--date"), std::string::npos) << r.out;

    r = run_shuxiang("report --plan " + kDemo);  // no output asked for
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find("--html/--json: " + tr("cli.report.error.no_output")), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(d / "o.json"));
    fs::remove_all(d);
}

TEST(CliReport, ErrorsAreInChineseByDefaultAndInEnglishWithLangEn) {
    auto d = tmp("empty");
    auto r = run_shuxiang("review " + d.string() + " --date 2026-11-24");
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find(d.string() + ": 此文件夹及其子文件夹中没有提交文件（.json）"), std::string::npos) << r.out;
    r = run_shuxiang("--lang en review " + d.string() + " --date 2026-11-24");
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find(d.string() + ": no proposal files (.json) in this folder or its subfolders"), std::string::npos) << r.out;
    r = run_shuxiang("--lang en report --plan " + kDemo + " --date 2026-13-45");
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.out.find("--date: invalid date: 2026-13-45 (expected YYYY-MM-DD)"), std::string::npos) << r.out;
    fs::remove_all(d);
}

TEST(CliReport, CompareBeforeAndAfter) {
    auto d = tmp("compare");
    // "After": the audio-visual room becomes a reading room, so its check gets worse.
    auto p = plan::load_plan(kDemo);
    bool changed = false;
    for (auto& l : p.levels)
        for (auto& r : l.rooms)
            if (r.kind == plan::RoomKind::AudioVisual) {
                r.kind = plan::RoomKind::Reading;
                changed = true;
            }
    ASSERT_TRUE(changed);
    plan::save_plan(d / "after.sxplan.json", p);
    auto r = run_shuxiang("report --compare " + kDemo + " " + (d / "after.sxplan.json").string() + " --html " +
                (d / "c.html").string() + " --json " + (d / "c.json").string() + " --date 2026-11-24");
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = read_json(d / "c.json");
    ASSERT_EQ(j["plans"].size(), 2u);
    bool found = false;
    for (auto& row : j["checks"]) {
        if (row["id"] == "space.audio_visual") {
            found = true;
            EXPECT_TRUE(row["changed"].get<bool>());
            EXPECT_EQ(row["values"][0]["status"], "pass");
            EXPECT_EQ(row["values"][1]["status"], "fail");
        } else if (row["id"] == "safety.overlaps") {
            EXPECT_FALSE(row["changed"].get<bool>());
        }
    }
    EXPECT_TRUE(found);
    EXPECT_NE(read_file(d / "c.html").find("变差"), std::string::npos);
    fs::remove_all(d);
}

TEST(CliReport, ProposalsAndDistrictReview) {
    auto d = tmp("review");
    auto good = d / "good.json", poor = d / "poor.json";
    atomic_write_file(good, standards::holdings_to_json_text(holdings(52000)));
    atomic_write_file(poor, standards::holdings_to_json_text(holdings(30000)));
    auto r = run_shuxiang("proposal export --plan " + kDemo + " --holdings " + good.string() +
                          " --date 2026-11-24 --school-code A1 " + (d / "a.sxproposal.json").string());
    ASSERT_EQ(r.code, 0) << r.out;
    fs::create_directories(d / "county2");
    r = run_shuxiang("proposal export --plan " + kDemo + " --holdings " + poor.string() +
                     " --date 2026-11-24 --school-code B2 " + (d / "county2" / "b.json").string());
    ASSERT_EQ(r.code, 0) << r.out;
    // A proposal carries no patron data: only the plan, the counts and the report.
    auto prop = read_json(d / "a.sxproposal.json");
    for (auto& [k, v] : prop.items())
        EXPECT_TRUE(k == "schema_version" || k == "kind" || k == "generated" || k == "school_code" || k == "plan" ||
                    k == "holdings" || k == "report") << k;
    EXPECT_EQ(report::load_proposal(d / "a.sxproposal.json").holdings->books, 52000);
    EXPECT_EQ(report::load_proposal(d / "a.sxproposal.json").school_code, "A1");

    r = run_shuxiang("review " + d.string() + " --date 2026-11-24");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("1/2"), std::string::npos) << r.out;
    // The holdings files beside the proposals are named as ignored, with the reason.
    EXPECT_NE(r.out.find("good.json"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(tr("district.reason.not_proposal")), std::string::npos) << r.out;
    std::string csv = read_file(d / "district-summary.csv");
    std::istringstream lines(csv);
    std::string header, first, second, extra;
    std::getline(lines, header);
    std::getline(lines, first);
    std::getline(lines, second);
    EXPECT_FALSE(std::getline(lines, extra));
    EXPECT_NE(header.find("学校"), std::string::npos);
    // Worst first: the school with 30000 books (16.7 per student against 28.3), read from the subfolder.
    EXPECT_NE(first.find(",否,16.7,28.3,"), std::string::npos) << first;
    EXPECT_NE(first.find("county2/b.json"), std::string::npos) << first;
    EXPECT_NE(second.find(",是,28.9,28.3,"), std::string::npos) << second;
    std::string html = read_file(d / "district-summary.html");
    EXPECT_NE(html.find("id=\"share-meeting\">50.0 %"), std::string::npos);
    // Each school is linked to its own report, written beside the summary.
    EXPECT_NE(html.find("<a href=\"reports/"), std::string::npos);
    EXPECT_EQ(std::distance(fs::directory_iterator(d / "reports"), fs::directory_iterator{}), 2);

    // A broken proposal is named, counted as not meeting (it stays in the denominator), and the
    // exit code says so.
    std::ofstream(d / "c.sxproposal.json") << "{\"kind\": \"shuxiang-proposal\", \"schema_version\": 1, \"plan\": {\"schema_version\": 2}}";
    // The same school sent twice: the newer statistics year is kept, the other named as ignored.
    auto older = d / "older.json";
    auto h = holdings(52000);
    h.year = 2025;
    atomic_write_file(older, standards::holdings_to_json_text(h));
    r = run_shuxiang("proposal export --plan " + kDemo + " --holdings " + older.string() +
                     " --date 2026-11-25 --school-code A1 " + (d / "a-2025.sxproposal.json").string());
    ASSERT_EQ(r.code, 0) << r.out;
    r = run_shuxiang("review " + d.string() + " --date 2026-11-24");
    EXPECT_EQ(r.code, 1) << r.out;
    EXPECT_NE(r.out.find("c.sxproposal.json"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1/3"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("a-2025.sxproposal.json"), std::string::npos) << r.out;
    html = read_file(d / "district-summary.html");
    EXPECT_NE(html.find("c.sxproposal.json"), std::string::npos);
    EXPECT_NE(html.find("id=\"share-meeting\">33.3 %"), std::string::npos);
    EXPECT_NE(read_file(d / "district-summary.csv").find("c.sxproposal.json"), std::string::npos);
    fs::remove_all(d);
}

TEST(CliReport, HoldingsFromTheLibraryDatabase) {
    auto d = tmp("db");
    auto db = (d / "library.db").string();
    auto r = run_shuxiang("catalog demo --db " + db + " --students 180 --type nine_year --seed 3");
    ASSERT_EQ(r.code, 0) << r.out;
    r = run_shuxiang("report --plan " + kDemo + " --db " + db + " --json " + (d / "r.json").string() +
                     " --date 2026-11-24");
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = read_json(d / "r.json");
    // 120 × 25 + 60 × 35 = 5100 copies generated; lost ones are not holdings.
    long long books = j["holdings"]["books"].get<long long>();
    EXPECT_GT(books, 4800);
    EXPECT_LE(books, 5100);
    EXPECT_TRUE(j["holdings"]["synthetic"].get<bool>());
    EXPECT_EQ(j["holdings"]["year"], 2026);
    // Both sources at once are refused; a missing database is not created.
    r = run_shuxiang("report --plan " + kDemo + " --db " + db + " --holdings " + (d / "r.json").string() +
                     " --json " + (d / "x.json").string());
    EXPECT_NE(r.code, 0);
    r = run_shuxiang("report --plan " + kDemo + " --db " + (d / "missing.db").string() + " --json " +
                     (d / "x.json").string());
    EXPECT_NE(r.code, 0);
    EXPECT_FALSE(fs::exists(d / "missing.db"));
    EXPECT_FALSE(fs::exists(d / "x.json"));
    fs::remove_all(d);
}

// The demo school as `make run` builds it (scripts/run-demo.sh): every shelvable copy of the demo
// collection finds a place at the working fill with growth space left, the plan has no layout
// problem, and the report fails only the checks README names as failed on purpose.
TEST(CliReport, DemoSchoolHoldsItsCollectionAndFailsOnlyTheChecksNamedInReadme) {
    auto d = tmp("demo_school");
    auto db = (d / "library.db").string();
    auto r = run_shuxiang("catalog demo --db " + db + " --students 1800 --type nine_year --seed 1");
    ASSERT_EQ(r.code, 0) << r.out;
    r = run_shuxiang("plan check " + kDemo);
    EXPECT_EQ(r.code, 0) << r.out;
    r = run_shuxiang("shelve --plan " + kDemo + " --db " + db + " --json");
    ASSERT_EQ(r.code, 0) << r.out;
    const auto shelved = nlohmann::json::parse(r.out);
    EXPECT_EQ(shelved["unplaced_count"], 0);
    EXPECT_GT(shelved["placed"].get<long long>(), 50000);
    // The main sequence and the reference works fill at most 90 % of their working fill: growth space.
    for (const char* kind : {"general", "reference"}) {
        long long count = 0, target = 0;
        for (const auto& s : shelved["section_list"])
            if (s["kind"] == kind) {
                count += s["count"].get<long long>();
                target += s["target"].get<long long>();
            }
        SCOPED_TRACE(kind);
        EXPECT_GT(count, 0);
        EXPECT_LE(count * 10, target * 9);
    }
    r = run_shuxiang("report --plan " + kDemo + " --db " + db + " --json " + (d / "r.json").string());
    ASSERT_EQ(r.code, 0) << r.out;
    const auto j = read_json(d / "r.json");
    std::map<std::string, std::string> not_passed;
    for (const auto& c : j["checks"])
        if (c["status"] != "pass") not_passed[c["id"].get<std::string>()] = c["status"].get<std::string>();
    const std::map<std::string, std::string> on_purpose{{"space.teacher_seats", "fail"}, {"collection.books", "warning"}};
    EXPECT_EQ(not_passed, on_purpose);
    EXPECT_GE(j["holdings"]["periodical_titles"].get<long long>(), 67);  // 2/3 × 60 + 1/3 × 80 titles
    fs::remove_all(d);
}
