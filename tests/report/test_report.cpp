#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "shuxiang/report/district.hpp"
#include "shuxiang/report/report.hpp"
#include "shuxiang/standards/compliance.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"
#include "support/input_error.hpp"

namespace fs = std::filesystem;
using namespace shuxiang;

namespace {

plan::Plan small_plan() {
    plan::Plan p;
    p.school.name = "测试小学 <&>";
    p.school.type = plan::SchoolType::Primary;
    p.school.students = {800, 0, 0};
    p.school.teachers = 50;
    plan::Level l;
    l.id = "L1";
    l.name = "一层";
    plan::Room r;
    r.id = "reading";
    r.name = "阅览室";
    r.kind = plan::RoomKind::Reading;
    r.polygon = {{0, 0}, {10, 0}, {10, 8}, {0, 8}};
    l.rooms.push_back(r);
    l.walls.push_back({"w1", {{0, 0}, {10, 0}, {10, 8}, {0, 8}, {0, 0}}, 0.2, 3.0});
    plan::Opening door;
    door.id = "d1";
    door.wall = "w1";
    door.offset = 5;
    door.width = 1.2;
    door.entrance = true;
    l.openings.push_back(door);
    plan::Furniture f;
    f.id = "t1";
    f.type = "test_table";
    f.position = {5, 4};
    l.furniture.push_back(f);
    p.levels.push_back(l);
    return p;
}

plan::FurnitureCatalog small_catalog() {
    plan::FurnitureCatalog c;
    plan::FurnitureType t;
    t.id = "test_table";
    t.width = 1.2;
    t.depth = 0.8;
    t.seats = 4;
    c.add(t);
    return c;
}

}  // namespace

TEST(Report, HtmlIsSelfContainedBilingualAndCarriesTheNumbers) {
    auto p = small_plan();
    auto cat = small_catalog();
    auto rules = standards::RuleSet::load(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "standards", "cn-national");
    standards::HoldingsSummary h;
    h.year = 2026;
    h.books = 18000;  // 800 × 25 = 20000 required: 90 % → warning
    h.by_major_class = {270, 270, 11520, 5040, 900};
    standards::Checklist cl;
    cl.profile = "cn-national";
    standards::check_collection(p.school, &h, rules, cl);
    cl.checks.front().markers.push_back({"L1", 2, 2, "reading"});
    report::ReportInput in{&p, &cat, &cl, &h, rules.name_zh(), rules.name_en(), std::nullopt, "2026-11-24"};
    std::string html = report::render_html(in);
    // Self-contained: no external resources of any kind.
    EXPECT_FALSE(std::regex_search(html, std::regex(R"((src|href)\s*=\s*"(https?:)?//)")));
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("<script src"), std::string::npos);
    // The school name is escaped, both languages present, the key numbers shown.
    EXPECT_NE(html.find("测试小学 &lt;&amp;&gt;"), std::string::npos);
    EXPECT_NE(html.find("<span class=\"zh\">检查清单</span><span class=\"en\">Checklist</span>"), std::string::npos);
    EXPECT_NE(html.find("id=\"books-total\">18000<"), std::string::npos);
    EXPECT_NE(html.find("≥ 20000"), std::string::npos);
    EXPECT_NE(html.find("id=\"count-warning\">1<"), std::string::npos);
    // The plan view has the room, the table and the numbered marker of check 1.
    EXPECT_NE(html.find("class=\"room\" data-id=\"reading\""), std::string::npos);
    EXPECT_NE(html.find("class=\"furniture\""), std::string::npos);
    EXPECT_NE(html.find("<circle cx=\"2.00\" cy=\"-2.00\""), std::string::npos);
    EXPECT_NE(html.find("@page { size: A4"), std::string::npos);
}

TEST(Report, JsonCarriesEveryCheck) {
    auto p = small_plan();
    auto cat = small_catalog();
    auto rules = standards::RuleSet::load(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "standards", "cn-national");
    standards::Checklist cl;
    cl.profile = "cn-national";
    standards::check_collection(p.school, nullptr, rules, cl);
    report::ReportInput in{&p, &cat, &cl, nullptr, rules.name_zh(), rules.name_en(), std::nullopt, "2026-11-24"};
    auto j = report::render_json(in);
    EXPECT_EQ(j["checks"].size(), cl.checks.size());
    EXPECT_EQ(j["summary"]["not_assessable"].get<int>(), int(cl.checks.size()));
    EXPECT_EQ(j["checks"][0]["status"], "not_assessable");
    EXPECT_FALSE(j["checks"][0].contains("measured"));
    EXPECT_EQ(j["school"]["type"], "primary");
    EXPECT_EQ(report::html_escape("a\"<b>'&"), "a&quot;&lt;b&gt;&#39;&amp;");
}

// A proposal's errors name the place by JSON pointer and speak the user's language (zh by default).
TEST(Proposal, ErrorsAreInChineseByDefaultAndInEnglishOnRequest) {
    auto error_of = [](const std::string& text) {
        const InputError e = test::input_error_of([&] { report::proposal_from_json_text(text, "a.sxproposal.json"); });
        EXPECT_EQ(e.file(), "a.sxproposal.json");
        return std::pair{e.where(), e.message()};
    };
    const std::string no_plan = R"({"kind": "shuxiang-proposal", "schema_version": 1})";
    ASSERT_EQ(language(), Language::ZhCN);
    EXPECT_EQ(error_of(no_plan), (std::pair<std::string, std::string>{"/plan", "缺少 plan 对象"}));
    EXPECT_EQ(error_of(R"({"kind": "other"})").second, tr("report.proposal.not_proposal"));
    EXPECT_EQ(error_of(R"({"kind": "shuxiang-proposal", "schema_version": 2, "plan": {}})"),
              (std::pair<std::string, std::string>{"/schema_version", trf("common.json.newer_schema", {"2", "1"})}));
    EXPECT_EQ(error_of("{"), (std::pair<std::string, std::string>{"byte 2", "JSON 格式错误"}));
    EXPECT_EQ(test::messages_zh_en([&] { report::proposal_from_json_text(no_plan, "a.sxproposal.json"); }),
              (std::pair<std::string, std::string>{"缺少 plan 对象", "missing the plan"}));
    EXPECT_EQ(language(), Language::ZhCN);
}

TEST(Report, AMultiStageRequirementListsEveryStageRowAndTheRule) {
    auto p = small_plan();
    p.school.type = plan::SchoolType::TwelveYear;
    p.school.students = {1000, 500, 500};
    auto cat = small_catalog();
    auto rules = standards::RuleSet::load(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "standards", "cn-national");
    standards::HoldingsSummary h;
    h.books = 60000;
    h.by_major_class = {1000, 1000, 36000, 19000, 3000};
    standards::Checklist cl;
    check_collection(p.school, &h, rules, cl);
    report::ReportInput in{&p, &cat, &cl, &h, rules.name_zh(), rules.name_en(), std::nullopt, "2026-11-24"};
    std::string html = report::render_html(in);
    for (auto key : {"collection.books_per_student.primary", "collection.books_per_student.junior",
                     "collection.books_per_student.senior", "collection.periodicals.senior"})
        EXPECT_NE(html.find(std::string("data-key=\"") + key + "\""), std::string::npos) << key;
    EXPECT_NE(html.find(tr_in(Language::ZhCN, "standards.rule.student_weighted")), std::string::npos);
    EXPECT_NE(html.find(tr_in(Language::ZhCN, "standards.rule.books_sum")), std::string::npos);
    auto j = report::render_json(in);
    EXPECT_EQ(j["checks"][0]["sources"].size(), 3u);
    EXPECT_EQ(j["checks"][0]["confidence"], "unconfirmed");
    EXPECT_EQ(j["checks"][1]["rule"], "student_weighted");
}
