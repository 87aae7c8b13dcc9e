// The district summary's verdicts: which schools meet the book standard, which files count, and
// what the reviewer is told about the others. Small proposals built here, one test per rule.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "shuxiang/report/district.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"
#include "support/primary_school.hpp"

namespace fs = std::filesystem;
using namespace shuxiang;

namespace {

const std::string kProfiles = std::string(SHUXIANG_SOURCE_ASSET_DIR) + "/standards";

using test::primary_plan;

standards::HoldingsSummary holdings(int students, long long books, int year) {
    return test::standard_holdings(students, books, year);
}

report::ProposalFile file(const std::string& name, int students, long long books, int year = 2026,
                          const std::string& code = "", const std::string& generated = "2026-11-01") {
    report::ProposalFile f;
    f.file = name;
    report::Proposal p;
    p.plan = primary_plan("学校" + name, students);
    p.holdings = holdings(students, books, year);
    p.generated = generated;
    p.school_code = code;
    f.proposal = p;
    return f;
}

report::DistrictSummary summarize(const std::vector<report::ProposalFile>& files, const std::string& dir = kProfiles,
                                  const std::string& profile = "cn-national", int year = 2026) {
    standards::Rubric rubric;
    return report::summarize_district(files, plan::FurnitureCatalog{}, dir, profile, rubric, year);
}

const report::DistrictRow* row_of(const report::DistrictSummary& s, const std::string& file) {
    for (auto& r : s.rows)
        if (r.file == file) return &r;
    return nullptr;
}

fs::path scratch(const std::string& name) {
    auto d = fs::temp_directory_path() / ("shuxiang_district_" + name);
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

}  // namespace

TEST(DistrictVerdict, FullCollectionMeetsAndAWarningDoesNotByDefault) {
    // 400 pupils × 25 = 10000 books required. 9500 is within the warning band (接近).
    auto s = summarize({file("a", 400, 10000), file("b", 400, 9500)});
    ASSERT_EQ(s.rows.size(), 2u);
    EXPECT_TRUE(row_of(s, "a")->meets_book_standard);
    EXPECT_EQ(row_of(s, "b")->warning, 1);
    EXPECT_FALSE(row_of(s, "b")->meets_book_standard);
    EXPECT_EQ(s.meeting, 1);
    EXPECT_DOUBLE_EQ(s.share_meeting, 50);
    EXPECT_FALSE(s.warning_meets);
}

TEST(DistrictVerdict, AProfileMayLetWarningsMeet) {
    auto dir = scratch("lenient");
    fs::copy_file(fs::path(kProfiles) / "cn-national.json", dir / "cn-national.json");
    std::ofstream(dir / "lenient.json") << R"({"schema_version": 1, "id": "lenient", "parent": "cn-national",
        "policy": {"book_standard": {"warning_meets": true}}})";
    auto s = summarize({file("a", 400, 10000), file("b", 400, 9500)}, dir.string(), "lenient");
    EXPECT_TRUE(s.warning_meets);
    EXPECT_TRUE(row_of(s, "b")->meets_book_standard);
    EXPECT_EQ(s.meeting, 2);
    // A book standard of the books check only: a school short of periodicals still meets.
    std::ofstream(dir / "books-only.json") << R"({"schema_version": 1, "id": "books-only", "parent": "cn-national",
        "policy": {"book_standard": {"checks": ["collection.books"]}}})";
    auto few_periodicals = file("c", 400, 10000);
    few_periodicals.proposal->holdings->periodical_titles = 5;
    EXPECT_FALSE(summarize({few_periodicals}).rows[0].meets_book_standard);
    EXPECT_TRUE(summarize({few_periodicals}, dir.string(), "books-only").rows[0].meets_book_standard);
    fs::remove_all(dir);
}

TEST(DistrictVerdict, AProposalWithNoStudentsIsInvalidAndCountsAsNotMeeting) {
    auto s = summarize({file("a", 400, 10000), file("empty", 0, 10000)});
    ASSERT_EQ(s.rows.size(), 2u);
    const auto* empty = row_of(s, "empty");
    ASSERT_NE(empty, nullptr);
    EXPECT_FALSE(empty->valid);
    EXPECT_FALSE(empty->meets_book_standard);
    EXPECT_EQ(empty->invalid_reason.key, "district.reason.no_students");
    EXPECT_DOUBLE_EQ(s.share_meeting, 50);
    // Listed with the reason in both outputs.
    std::string reason = tr_in(Language::ZhCN, "district.reason.no_students");
    EXPECT_NE(report::district_csv(s).find(reason), std::string::npos);
    EXPECT_NE(report::district_html(s, "2026-11-24").find(reason), std::string::npos);
}

TEST(DistrictVerdict, DuplicatesBySchoolCodeKeepTheNewest) {
    // Same code: the later statistics year wins even when the file is older.
    auto old_year = file("2025.json", 400, 10000, 2025, "4306000001", "2026-12-01");
    auto new_year = file("2026.json", 400, 2000, 2026, "4306000001", "2026-01-01");
    auto s = summarize({old_year, new_year});
    ASSERT_EQ(s.rows.size(), 1u);
    EXPECT_EQ(s.rows[0].file, "2026.json");
    EXPECT_FALSE(s.rows[0].meets_book_standard);
    ASSERT_EQ(s.ignored.size(), 1u);
    EXPECT_EQ(s.ignored[0].file, "2025.json");
    EXPECT_EQ(s.ignored[0].reason.key, "district.reason.duplicate");
    EXPECT_EQ(s.ignored[0].reason.args, std::vector<std::string>{"2026.json"});
    // Same year: the later proposal date, then the later file time.
    auto early = file("early", 400, 10000, 2026, "X", "2026-03-01");
    auto late = file("late", 400, 10000, 2026, "X", "2026-09-01");
    EXPECT_EQ(summarize({late, early}).rows[0].file, "late");
    auto older_mtime = file("m1", 400, 10000, 2026, "Y");
    auto newer_mtime = file("m2", 400, 10000, 2026, "Y");
    older_mtime.mtime = 200;
    newer_mtime.mtime = 100;
    EXPECT_EQ(summarize({older_mtime, newer_mtime}).rows[0].file, "m1");
    // Different codes are different schools, even with the same name.
    auto other = file("other", 400, 10000, 2026, "Z");
    other.proposal->plan.school.name = "学校late";
    EXPECT_EQ(summarize({late, other}).rows.size(), 2u);
}

TEST(DistrictVerdict, UnreadableProposalsStayInTheDenominatorWithTheReason) {
    report::ProposalFile broken;
    broken.file = "sub/broken.sxproposal.json";
    broken.error.text = "sub/broken.sxproposal.json: /plan/schema_version: 太新";
    auto s = summarize({file("a", 400, 10000), broken});
    ASSERT_EQ(s.rows.size(), 2u);
    EXPECT_EQ(s.meeting, 1);
    EXPECT_DOUBLE_EQ(s.share_meeting, 50);
    EXPECT_FALSE(s.rows[0].valid);  // invalid first
    EXPECT_EQ(s.rows[0].file, "sub/broken.sxproposal.json");
    std::string csv = report::district_csv(s);
    EXPECT_NE(csv.find("/plan/schema_version: 太新"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",否,"), std::string::npos);
    std::string html = report::district_html(s, "2026-11-24");
    EXPECT_NE(html.find("data-valid=\"no\""), std::string::npos);
    EXPECT_NE(html.find("/plan/schema_version: 太新"), std::string::npos);
    EXPECT_NE(html.find("id=\"share-meeting\">50.0 %"), std::string::npos);
}

TEST(DistrictVerdict, StatisticsOlderThanTheReviewAndSyntheticHoldingsAreFlagged) {
    auto stale = file("stale", 400, 10000, 2024, "S1");
    auto synthetic = file("synthetic", 400, 10000, 2026, "S2");
    synthetic.proposal->holdings->synthetic = true;
    auto s = summarize({stale, synthetic, file("fresh", 400, 10000, 2026, "S3")});
    EXPECT_TRUE(row_of(s, "stale")->stale_year);
    EXPECT_EQ(row_of(s, "stale")->statistics_year, 2024);
    EXPECT_FALSE(row_of(s, "fresh")->stale_year);
    EXPECT_TRUE(row_of(s, "synthetic")->synthetic);
    EXPECT_FALSE(row_of(s, "fresh")->synthetic);
    std::string html = report::district_html(s, "2026-11-24");
    EXPECT_NE(html.find(tr_in(Language::ZhCN, "district.stale_year")), std::string::npos);
    EXPECT_NE(html.find("synthetic-flag"), std::string::npos);
    std::string csv = report::district_csv(s);
    EXPECT_NE(csv.find("统计年度"), std::string::npos);
    EXPECT_NE(csv.find(",2024,是,否,"), std::string::npos) << csv;  // year, older than the review, not synthetic
    EXPECT_NE(csv.find(",2026,否,是,"), std::string::npos) << csv;
}

TEST(DistrictCsv, ChineseCheckNamesWithTheIdsInTheNextColumn) {
    auto poor = file("poor", 400, 2000, 2026);
    auto s = summarize({poor});
    std::string csv = report::district_csv(s);
    EXPECT_NE(csv.find("不达标项,不达标项编号"), std::string::npos);
    std::string name = tr_in(Language::ZhCN, "check.collection.books");
    EXPECT_NE(csv.find(name), std::string::npos) << csv;
    EXPECT_NE(csv.find("collection.books"), std::string::npos);
    EXPECT_LT(csv.find(name), csv.find("collection.books"));
}

TEST(DistrictCharts, ShareByCountyAgainstTheTargetAndTheScoreDistribution) {
    auto a = file("a", 400, 10000, 2026, "A");
    auto b = file("b", 400, 2000, 2026, "B");
    auto c = file("c", 400, 10000, 2026, "C");
    a.proposal->county = "岳阳楼区";
    b.proposal->county = "岳阳楼区";
    c.proposal->county = "君山区";
    standards::Rubric rubric = standards::Rubric::load_file(standards::builtin_rubric_path());
    auto s = report::summarize_district({a, b, c}, plan::FurnitureCatalog{}, kProfiles, "cn-national", rubric, 2026);
    std::string html = report::district_html(s, "2026-11-24");
    size_t start = html.find("id=\"chart-share\"");
    ASSERT_NE(start, std::string::npos);
    std::string share = html.substr(start, html.find("</svg>", start) - start);
    EXPECT_NE(share.find("66.7 % (2/3)"), std::string::npos) << share;  // all schools
    EXPECT_NE(share.find("岳阳楼区"), std::string::npos);
    EXPECT_NE(share.find("50.0 % (1/2)"), std::string::npos);
    EXPECT_NE(share.find("100.0 % (1/1)"), std::string::npos);
    start = html.find("id=\"chart-scores\"");
    ASSERT_NE(start, std::string::npos);
    std::string scores = html.substr(start, html.find("</svg>", start) - start);
    int counted = 0;
    std::regex value(R"re(class="bar"[^>]*data-value="([0-9.]+)")re");
    for (auto it = std::sregex_iterator(scores.begin(), scores.end(), value); it != std::sregex_iterator(); ++it)
        counted += int(std::stod((*it)[1]));
    EXPECT_EQ(counted, 3);
    // Counts in each language on its own, never "1 所 / 1 school" side by side.
    EXPECT_NE(scores.find("<text class=\"en\""), std::string::npos);
    EXPECT_EQ(scores.find(" / "), std::string::npos);
    // The meeting rule in words: the national profile's "collection." prefix is named, not printed.
    size_t rule = html.find("id=\"meeting-rule\"");
    ASSERT_NE(rule, std::string::npos);
    std::string rule_line = html.substr(rule, html.find("</p>", rule) - rule);
    EXPECT_NE(rule_line.find(tr_in(Language::ZhCN, "district.rule.all_collection")), std::string::npos);
    EXPECT_EQ(rule_line.find("collection."), std::string::npos);
}
