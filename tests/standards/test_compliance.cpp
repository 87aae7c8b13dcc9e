#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "shuxiang/standards/compliance.hpp"
#include "shuxiang/util/error.hpp"

namespace fs = std::filesystem;
using namespace shuxiang;
using namespace shuxiang::standards;

namespace {
RuleSet national() { return RuleSet::load(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "standards", "cn-national"); }

plan::School nine_year() {
    plan::School s;
    s.type = plan::SchoolType::NineYear;
    s.students = {1200, 600, 0};
    s.teachers = 130;
    return s;
}
}  // namespace

TEST(Compliance, NineYearSchoolUsesTheWeightedRule) {
    auto rules = national();
    auto s = nine_year();
    // Books: 1200 × 25 + 600 × 35 = 30000 + 21000 = 51000.
    auto books = required_books(s, rules);
    EXPECT_DOUBLE_EQ(books.value, 51000);
    EXPECT_TRUE(books.derived);
    // Periodicals: (1200/1800) × 60 + (600/1800) × 80 = 40 + 26.67 = 66.67 → 67 titles.
    EXPECT_DOUBLE_EQ(required_titles(s, rules, "collection.periodicals").value, 67);
    // Reference: (2/3) × 120 + (1/3) × 200 = 80 + 66.67 = 146.67 → 147 titles.
    EXPECT_DOUBLE_EQ(required_titles(s, rules, "collection.reference_works").value, 147);
    // Share of C–K: (2/3) × 64 + (1/3) × 54 = 42.67 + 18 = 60.67 %.
    auto shares = required_shares(s, rules);
    EXPECT_NEAR(shares[2].value, 60.6667, 1e-3);
    EXPECT_NEAR(shares[3].value, 2.0 / 3 * 28 + 1.0 / 3 * 38, 1e-9);  // 31.33 %
    double sum = 0;
    for (auto& r : shares) sum += r.value;
    EXPECT_NEAR(sum, 100, 1e-9);
}

TEST(Compliance, SingleStageSchoolsUseTheirRow) {
    auto rules = national();
    plan::School p;
    p.type = plan::SchoolType::Primary;
    p.students = {800, 0, 0};
    EXPECT_DOUBLE_EQ(required_books(p, rules).value, 20000);  // 800 × 25
    EXPECT_FALSE(required_books(p, rules).derived);
    EXPECT_DOUBLE_EQ(required_titles(p, rules, "collection.periodicals").value, 60);
    plan::School c;
    c.type = plan::SchoolType::Complete;
    c.students = {0, 900, 600};
    EXPECT_DOUBLE_EQ(required_books(c, rules).value, 1500 * 45.0);  // the 完全中学 row covers all
    EXPECT_DOUBLE_EQ(required_shares(c, rules)[4].value, 4);         // secondary table
}

TEST(Compliance, CollectionChecksPassWarnAndFail) {
    auto rules = national();
    auto s = nine_year();
    HoldingsSummary h;
    h.year = 2026;
    h.books = 48000;  // 94 % of 51000: warning band (90–100 %)
    // Shares: A 1.5 %, B 1.5 %, C–K 50 %, N–X 42 %, Z 5 % of 48000.
    h.by_major_class = {720, 720, 24000, 20160, 2400};
    h.periodical_titles = 70;   // ≥ 67: pass
    h.reference_titles = 100;   // < 0.9 × 147 = 132.3: fail
    h.new_books_this_year = 1800;
    Checklist out;
    check_collection(s, &h, rules, out);
    auto* books = out.find("collection.books");
    ASSERT_NE(books, nullptr);
    EXPECT_EQ(books->status, Status::Warning);
    EXPECT_DOUBLE_EQ(books->measured, 48000);
    EXPECT_DOUBLE_EQ(books->required, 51000);
    EXPECT_TRUE(books->derived);
    EXPECT_EQ(books->advice_args.at(0), "3000");
    EXPECT_EQ(out.find("collection.periodicals")->status, Status::Pass);
    EXPECT_EQ(out.find("collection.reference_works")->status, Status::Fail);
    EXPECT_EQ(out.find("collection.new_books")->status, Status::Pass);  // 1800 ≥ 1800
    // C–K: 50 % against 60.67 %: 10.67 points off → fail. N–X: 42 vs 31.33 → fail (too high).
    EXPECT_EQ(out.find("collection.share.3")->status, Status::Fail);
    EXPECT_EQ(out.find("collection.share.3")->advice_key, "advice.collection.share_low");
    EXPECT_EQ(out.find("collection.share.4")->advice_key, "advice.collection.share_high");
    // A: 1.5 % against (2/3)·1.5 + (1/3)·2 = 1.67 %: pass.
    EXPECT_EQ(out.find("collection.share.1")->status, Status::Pass);
    // No local-collection rule in the national profile.
    EXPECT_EQ(out.find("collection.local"), nullptr);
}

TEST(Compliance, WithoutHoldingsEverythingIsNotAssessable) {
    Checklist out;
    check_collection(nine_year(), nullptr, national(), out);
    ASSERT_FALSE(out.checks.empty());
    for (auto& c : out.checks) EXPECT_EQ(c.status, Status::NotAssessable) << c.id;
}

TEST(Compliance, RegionalProfileAddsTheLocalCollectionCheck) {
    auto rules = RuleSet::load(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "standards", "cn-hunan-yueyang");
    HoldingsSummary h;
    h.books = 100;
    h.by_major_class = {2, 2, 60, 32, 4};
    Checklist out;
    check_collection(nine_year(), &h, rules, out);
    ASSERT_NE(out.find("collection.local"), nullptr);
    EXPECT_EQ(out.find("collection.local")->status, Status::Fail);
    h.local_collection = 12;
    Checklist again;
    check_collection(nine_year(), &h, rules, again);
    EXPECT_EQ(again.find("collection.local")->status, Status::Pass);
}

TEST(Holdings, RoundTripAndBadInput) {
    HoldingsSummary h;
    h.year = 2026;
    h.books = 10;
    h.by_major_class = {1, 1, 5, 2, 0};
    h.unclassified = 1;
    h.synthetic = true;
    EXPECT_EQ(holdings_from_json_text(holdings_to_json_text(h), "h.json"), h);
    h.new_books_by_year = {{2025, 3}, {2026, 0}};
    EXPECT_EQ(holdings_from_json_text(holdings_to_json_text(h), "h.json"), h);
    {  // years must increase
        auto bad = holdings_to_json_text(h);
        bad.replace(bad.find("\"year\": 2026,\n      \"books\": 0"), 12, "\"year\": 2024");
        try {
            holdings_from_json_text(bad, "h.json");
            ADD_FAILURE() << bad;
        } catch (const InputError& e) {
            EXPECT_EQ(e.where(), "/new_books_by_year/1");
        }
    }
    h.new_books_by_year.clear();
    try {
        holdings_from_json_text(R"({"schema_version":1,"year":2026,"books":10,"by_major_class":[1,1,5,2,-1],
            "unclassified":0,"periodical_titles":0,"reference_titles":0,"new_books_this_year":0,
            "weeded_this_year":0,"local_collection":0,"loans_this_year":0})",
                                "h.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "/by_major_class/4");
    }
    // Counts that do not add up are refused.
    auto text = holdings_to_json_text(h);
    text.replace(text.find("\"books\": 10"), 11, "\"books\": 11");
    EXPECT_THROW(holdings_from_json_text(text, "h.json"), InputError);
}

#include "shuxiang/standards/rubric.hpp"

TEST(Rubric, BuiltinRubricLoadsAndSumsTo100) {
    auto r = Rubric::load_file(builtin_rubric_path());
    EXPECT_DOUBLE_EQ(r.max_points(), 100);
    EXPECT_DOUBLE_EQ(r.threshold, 85);
}

TEST(Rubric, ScoreGivesPartialCreditAndBreakdown) {
    Rubric r;
    r.threshold = 60;
    r.categories.push_back({"a", "甲", "A", {{"x", 10}, {"y", 10}}});
    r.categories.push_back({"b", "乙", "B", {{"z", 20}, {"missing", 10}}});
    Checklist cl;
    Check x, y, z;
    x.id = "x";
    x.status = Status::Pass;
    y.id = "y";
    y.status = Status::Warning;
    z.id = "z";
    z.status = Status::Fail;
    cl.checks = {x, y, z};
    auto s = score(cl, r);
    // 10 + 10 × 0.5 + 0 + 0 = 15 of 50 = 30 %.
    EXPECT_DOUBLE_EQ(s.points, 15);
    EXPECT_DOUBLE_EQ(s.max_points, 50);
    EXPECT_DOUBLE_EQ(s.percent, 30);
    EXPECT_FALSE(s.selected);
    EXPECT_EQ(s.not_assessed, 1);
    ASSERT_EQ(s.categories.size(), 2u);
    EXPECT_DOUBLE_EQ(s.categories[0].points, 15);
    EXPECT_TRUE(s.categories[1].lines[1].missing);
    r.credit[Status::Warning] = 1.0;
    cl.checks[2].status = Status::Pass;
    auto s2 = score(cl, r);
    EXPECT_DOUBLE_EQ(s2.points, 40);  // 10 + 10 + 20
    EXPECT_TRUE(s2.selected);         // 80 % ≥ 60
}

TEST(Rubric, BadRubricNamesThePointer) {
    auto d = fs::temp_directory_path() / "shuxiang_rubric_bad";
    fs::create_directories(d);
    {
        std::ofstream f(d / "r.json");
        f << R"({"schema_version":1,"categories":[{"id":"a","items":[{"check":"x","points":-3}]}]})";
    }
    try {
        Rubric::load_file(d / "r.json");
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "/categories/0/items/0/points");
    }
    fs::remove_all(d);
}

TEST(Compliance, AStageFigureMissingFromTheProfileMakesTheCheckNotAssessable) {
    auto profile = Profile::load_file(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "standards" / "cn-national.json");
    profile.figures.erase("collection.books_per_student.junior");
    profile.figures.erase("collection.share.secondary.3");
    profile.figures.erase("collection.new_books_per_student_per_year");
    auto rules = RuleSet::resolve({profile}, "cn-national");
    auto s = nine_year();
    auto req = required_books(s, rules);
    EXPECT_EQ(req.missing, std::vector<std::string>{"collection.books_per_student.junior"});
    HoldingsSummary h;
    h.books = 1000000;  // more than any requirement: a requirement of 0 would pass
    h.by_major_class = {20000, 20000, 600000, 320000, 40000};
    h.periodical_titles = 100;
    h.reference_titles = 200;
    h.new_books_this_year = 5000;
    Checklist cl;
    check_collection(s, &h, rules, cl);
    for (auto id : {"collection.books", "collection.share.3", "collection.new_books"}) {
        const Check* c = cl.find(id);
        ASSERT_NE(c, nullptr) << id;
        EXPECT_EQ(c->status, Status::NotAssessable) << id;
        EXPECT_EQ(c->advice_key, "advice.missing_figure") << id;
    }
    EXPECT_NE(cl.find("collection.books")->note.find("collection.books_per_student.junior"), std::string::npos);
    EXPECT_EQ(cl.find("collection.periodicals")->status, Status::Pass);  // every periodicals row is there
    EXPECT_EQ(cl.find("collection.share.1")->status, Status::Pass);
}

TEST(Standards, PolicyIsReadFromTheProfileAndInherited) {
    auto rules = national();
    EXPECT_FALSE(rules.policy().warning_meets);
    EXPECT_TRUE(rules.policy().in_book_standard("collection.books", "collection"));
    EXPECT_TRUE(rules.policy().in_book_standard("collection.share.3", "collection"));
    EXPECT_FALSE(rules.policy().in_book_standard("space.student_seats", "space"));
    EXPECT_FALSE(rules.policy().source.empty());
    Profile child;
    child.id = "child";
    child.parent = "cn-national";
    child.warning_meets = true;
    auto parent = Profile::load_file(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "standards" / "cn-national.json");
    auto resolved = RuleSet::resolve({parent, child}, "child");
    EXPECT_TRUE(resolved.policy().warning_meets);
    EXPECT_EQ(resolved.policy().book_standard_checks, parent.book_standard_checks.value());
}

TEST(Provenance, AMultiStageRequirementCitesEveryStageRowWithItsConfidence) {
    auto rules = national();
    plan::School s;
    s.type = plan::SchoolType::TwelveYear;
    s.students = {1000, 500, 500};
    HoldingsSummary h;
    h.books = 60000;
    h.by_major_class = {1000, 1000, 36000, 19000, 3000};
    Checklist cl;
    check_collection(s, &h, rules, cl);
    const Check* books = cl.find("collection.books");
    ASSERT_NE(books, nullptr);
    ASSERT_EQ(books->sources.size(), 3u);
    EXPECT_EQ(books->sources[0].key, "collection.books_per_student.primary");
    EXPECT_EQ(books->sources[1].key, "collection.books_per_student.junior");
    EXPECT_EQ(books->sources[2].key, "collection.books_per_student.senior");
    EXPECT_EQ(books->sources[0].confidence, Confidence::Secondary);
    EXPECT_EQ(books->sources[1].confidence, Confidence::Unconfirmed);
    // The check is only as sure as its weakest row (not the 小学 row's "secondary").
    EXPECT_EQ(books->confidence, Confidence::Unconfirmed);
    EXPECT_EQ(books->rule_key, "standards.rule.books_sum");
    // 1000 × 25 + 500 × 35 + 500 × 50 = 67500.
    EXPECT_DOUBLE_EQ(books->required, 67500);
    const Check* share = cl.find("collection.share.3");
    ASSERT_EQ(share->sources.size(), 2u);
    EXPECT_EQ(share->sources[1].key, "collection.share.secondary.3");
    // A primary school cites its one row.
    plan::School p;
    p.type = plan::SchoolType::Primary;
    p.students = {600, 0, 0};
    Checklist pl;
    check_collection(p, &h, rules, pl);
    ASSERT_EQ(pl.find("collection.books")->sources.size(), 1u);
    EXPECT_EQ(pl.find("collection.books")->confidence, Confidence::Secondary);
    EXPECT_TRUE(pl.find("collection.books")->rule_key.empty());
}

TEST(Provenance, TheMixedSchoolRuleForPeriodicalsIsTheProfilesChoice) {
    auto rules = national();
    auto s = nine_year();  // 1200 primary (60 titles), 600 junior (80 titles)
    EXPECT_EQ(rules.policy().mixed_titles_rule, "student_weighted");
    EXPECT_DOUBLE_EQ(required_titles(s, rules, "collection.periodicals").value, 67);  // 2/3 × 60 + 1/3 × 80
    EXPECT_EQ(required_titles(s, rules, "collection.periodicals").rule, "student_weighted");
    rules.policy().mixed_titles_rule = "highest_stage";
    EXPECT_DOUBLE_EQ(required_titles(s, rules, "collection.periodicals").value, 80);
    rules.policy().mixed_titles_rule = "sum_of_stages";
    EXPECT_DOUBLE_EQ(required_titles(s, rules, "collection.periodicals").value, 140);
    HoldingsSummary h;
    h.books = 1;
    h.by_major_class = {0, 0, 1, 0, 0};
    h.periodical_titles = 100;
    Checklist cl;
    check_collection(s, &h, rules, cl);
    EXPECT_EQ(cl.find("collection.periodicals")->rule_key, "standards.rule.sum_of_stages");
    EXPECT_EQ(cl.find("collection.periodicals")->status, Status::Fail);  // 100 < 0.9 × 140
    // A profile file chooses the rule; an unknown rule is refused with the pointer.
    auto dir = fs::temp_directory_path() / "shuxiang_mixed_rule";
    fs::create_directories(dir);
    std::ofstream(dir / "p.json") << R"({"schema_version": 1, "id": "p", "policy": {"mixed_school_titles": {"rule": "highest_stage"}}})";
    EXPECT_EQ(Profile::load_file(dir / "p.json").mixed_titles_rule.value(), "highest_stage");
    std::ofstream(dir / "p.json") << R"({"schema_version": 1, "id": "p", "policy": {"mixed_school_titles": {"rule": "median"}}})";
    try {
        Profile::load_file(dir / "p.json");
        ADD_FAILURE() << "an unknown rule was accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "/policy/mixed_school_titles/rule");
    }
    fs::remove_all(dir);
}
