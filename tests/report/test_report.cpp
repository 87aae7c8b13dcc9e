#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <sstream>

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
    EXPECT_NE(html.find("id=\"books-total\">18,000<"), std::string::npos);
    EXPECT_NE(html.find("≥ 20,000"), std::string::npos);
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

namespace {
// The text of each cell of class `cls` in the rows of table `table_id`, by the row's data-check.
std::map<std::string, std::string> cells(const std::string& html, const std::string& table_id, const std::string& cls) {
    std::map<std::string, std::string> out;
    size_t start = html.find("id=\"" + table_id + "\"");
    size_t end = html.find("</table>", start);
    std::string table = html.substr(start, end - start);
    std::regex row(R"re(<tr data-check="([^"]+)"[^>]*>(.*?)</tr>)re");
    std::regex cell("<td class=\"num " + cls + "\">(.*?)</td>");
    for (auto it = std::sregex_iterator(table.begin(), table.end(), row); it != std::sregex_iterator(); ++it) {
        std::string body = (*it)[2];
        std::smatch m;
        if (std::regex_search(body, m, cell)) out[(*it)[1]] = m[1];
    }
    return out;
}

struct ReportRun {
    plan::Plan plan = small_plan();
    plan::FurnitureCatalog catalog = small_catalog();
    standards::RuleSet rules = standards::RuleSet::load(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "standards", "cn-national");
    standards::HoldingsSummary holdings;
    standards::Checklist checklist;
    standards::Rubric rubric = standards::Rubric::load_file(fs::path(SHUXIANG_SOURCE_ASSET_DIR) / "standards" / "rubrics" / "excellent-library.json");
    standards::Score score;
    std::string html;
    ReportRun() {
        holdings.year = 2026;
        holdings.books = 18000;  // 800 × 25 = 20000: a warning
        holdings.by_major_class = {270, 270, 11520, 5040, 900};
        holdings.periodical_titles = 10;  // 60 required: a failure
        holdings.reference_titles = 120;
        holdings.new_books_this_year = 800;
        checklist = standards::check_all(plan, catalog, &holdings, rules);
        score = standards::score(checklist, rubric);
        report::ReportInput in{&plan, &catalog, &checklist, &holdings, rules.name_zh(), rules.name_en(), std::nullopt,
                               "2026-11-24", &score, rubric.threshold, &rules};
        html = report::render_html(in);
    }
};
}  // namespace

TEST(Report, TheFixListLeadsMostSeriousFirstAndItsNumbersMatchTheChecklist) {
    ReportRun run;
    const std::string& html = run.html;
    size_t fix = html.find("id=\"fix-list\""), checklist = html.find("id=\"checklist\"");
    ASSERT_NE(fix, std::string::npos);
    EXPECT_LT(fix, checklist);  // the report opens with it
    auto fix_measured = cells(html, "fix-list", "measured"), fix_required = cells(html, "fix-list", "required");
    auto list_measured = cells(html, "checklist", "measured"), list_required = cells(html, "checklist", "required");
    ASSERT_FALSE(fix_measured.empty());
    for (auto& [id, text] : fix_measured) {
        EXPECT_EQ(text, list_measured.at(id)) << id;
        EXPECT_EQ(fix_required.at(id), list_required.at(id)) << id;
    }
    // Exactly the failing and near required checks, failures first, safety failures before the rest.
    std::vector<std::string> order;
    std::regex row(R"re(<tr data-check="([^"]+)")re");
    std::string table = html.substr(fix, html.find("</table>", fix) - fix);
    for (auto it = std::sregex_iterator(table.begin(), table.end(), row); it != std::sregex_iterator(); ++it)
        order.push_back((*it)[1]);
    size_t expected = 0;
    for (auto& c : run.checklist.checks)
        expected += !c.recommended && (c.status == standards::Status::Fail || c.status == standards::Status::Warning);
    ASSERT_EQ(order.size(), expected);
    bool seen_warning = false, seen_non_safety = false;
    for (auto& id : order) {
        const auto* c = run.checklist.find(id);
        if (c->status == standards::Status::Warning) seen_warning = true;
        else EXPECT_FALSE(seen_warning) << id << " (a failure after a warning)";
        if (c->status == standards::Status::Fail) {
            if (c->group != "safety") seen_non_safety = true;
            else EXPECT_FALSE(seen_non_safety) << id;
        }
    }
    EXPECT_EQ(order.back(), "collection.books");  // the only warning
    // Each line says what to change and what it is worth: the periodicals' rubric points.
    EXPECT_NE(table.find("增订报刊 50 种"), std::string::npos) << table;
    double periodicals_points = 0;
    for (auto& cat : run.rubric.categories)
        for (auto& item : cat.items)
            if (item.check == "collection.periodicals") periodicals_points = item.points;
    size_t row_at = table.find("<tr data-check=\"collection.periodicals\"");
    ASSERT_NE(row_at, std::string::npos);
    std::string row_text = table.substr(row_at, table.find("</tr>", row_at) - row_at);
    std::smatch m;
    ASSERT_TRUE(std::regex_search(row_text, m, std::regex(R"re(<td class="num gain">\+([0-9.]+)</td>)re")));
    EXPECT_DOUBLE_EQ(std::stod(m[1]), periodicals_points);
}

TEST(Report, RoomsTableWithTheStageBasedReadingArea) {
    ReportRun run;
    // The reading room: 9.8 × 7.8 = 76.44 m² inside its 0.2 m walls, one table of 4 seats needing
    // 4 × 1.8 = 7.2 m².
    std::regex room(R"re(<tr data-room="reading"><td>阅览室</td><td>.*?</td><td class="num">76.4</td><td class="num">4</td><td class="num">7.2</td></tr>)re");
    EXPECT_TRUE(std::regex_search(run.html, room));
    // 800 pupils ÷ 20 = 40 seats × 1.8 = 72 m², ⌈50 ÷ 3⌉ = 17 teacher seats × 2.3 = 39.1 m²: 111.1 m².
    EXPECT_NE(run.html.find("<b>111.1 m²</b> (40 × 1.80 + 17 × 2.30)"), std::string::npos);
    auto need = standards::required_reading_area(run.plan.school, run.rules);
    EXPECT_DOUBLE_EQ(need.area, 40 * 1.8 + 17 * 2.3);
}

TEST(Report, NumbersAreGroupedTheScoreSaysNotSelectedAndSourcesAreChinese) {
    ReportRun run;
    EXPECT_NE(run.html.find("id=\"books-total\">18,000<"), std::string::npos);
    EXPECT_NE(run.html.find("≥ 20,000"), std::string::npos);
    ASSERT_FALSE(run.score.selected);
    std::regex pill(R"re(<span id="selection" class="pill [a-z_]+"><span class="zh">([^<]*)</span><span class="en">([^<]*)</span>)re");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(run.html, m, pill));
    EXPECT_EQ(m[1], "未入选");
    EXPECT_EQ(m[2], "Not selected");
    // With the English spans removed, no English source text is left in the Chinese page.
    std::string zh = std::regex_replace(run.html, std::regex(R"re(<span class="en">[^<]*</span>)re"), "");
    for (auto english : {"Plan geometry", "rule of thumb", "Florida", "Design decision", "Working fill", "Fire-safety"})
        EXPECT_EQ(zh.find(english), std::string::npos) << english;
}

TEST(Report, EnglishAdviceUsesTheSingularForOne) {
    standards::Check c;
    c.advice_key = "advice.space.teacher_seats";
    c.advice_args = {"1", "1"};
    EXPECT_EQ(standards::advice_text(c, Language::En), "Add 1 teacher reading seat: one more chair in the teachers' reading room.");
    c.advice_args = {"32", "8"};
    EXPECT_EQ(standards::advice_text(c, Language::En),
              "Add 32 teacher reading seats in the teachers' reading room or zone (tables of 4: 8).");
    EXPECT_EQ(standards::advice_text(c, Language::ZhCN), "增加教师阅览座位 32 个：在教师阅览室（或教师专区）增设 8 张 4 人桌。");
    c.advice_key = "advice.space.student_seats";
    c.advice_args = {"2", "1"};
    EXPECT_EQ(standards::advice_text(c, Language::En), "Add 2 student reading seats in the reading room (tables of 6: 1).");
    c.advice_key = "advice.safety.aisles";
    c.advice_args = {"1", "1.00"};
    EXPECT_EQ(standards::advice_text(c, Language::En), "1 aisle between ranges is narrower than 1.00 m; marked on the plan.");
}

TEST(Report, ChartsShowHoldingsByStageAndSpaceAgainstTheRequirements) {
    ReportRun run;
    auto chart = [&](const std::string& id) {
        size_t start = run.html.find("id=\"" + id + "\"");
        EXPECT_NE(start, std::string::npos) << id;
        return start == std::string::npos ? std::string() : run.html.substr(start, run.html.find("</svg>", start) - start);
    };
    std::string books = chart("chart-books");
    EXPECT_NE(books.find("要求 · 小学"), std::string::npos);
    EXPECT_NE(books.find("data-value=\"20000.00\""), std::string::npos);  // 800 × 25
    EXPECT_NE(books.find("data-value=\"18000.00\""), std::string::npos);  // the holdings
    EXPECT_NE(books.find("18,000 / 20,000"), std::string::npos);
    std::string space = chart("chart-space");
    // Student seats: 4 of 40 → 10 %; the tick at 100 %.
    EXPECT_NE(space.find("data-value=\"10.00\""), std::string::npos) << space;
    EXPECT_NE(space.find("4 / 40"), std::string::npos);
    EXPECT_NE(space.find("class=\"target\""), std::string::npos);
}

TEST(Report, NewBooksYearByYearAgainstTheYearlyRequirement) {
    ReportRun run;
    EXPECT_EQ(run.html.find("id=\"chart-new-books\""), std::string::npos);  // no series: no chart
    run.holdings.new_books_by_year = {{2022, 300}, {2023, 950}, {2024, 700}, {2025, 820}, {2026, 800}};
    report::ReportInput in{&run.plan, &run.catalog, &run.checklist, &run.holdings, run.rules.name_zh(), run.rules.name_en(),
                           std::nullopt, "2026-11-24", &run.score, run.rubric.threshold, &run.rules};
    const std::string html = report::render_html(in);
    const auto at = html.find("id=\"chart-new-books\"");
    ASSERT_NE(at, std::string::npos);
    const std::string chart = html.substr(at, html.find("</svg>", at) - at);
    const double required = run.checklist.find("collection.new_books")->required;  // 800 pupils, one each
    EXPECT_DOUBLE_EQ(required, 800);
    EXPECT_NE(chart.find("data-value=\"950.00\""), std::string::npos) << chart;
    EXPECT_NE(chart.find("300 / 800"), std::string::npos) << chart;
    EXPECT_NE(chart.find(">2022<"), std::string::npos) << chart;
    EXPECT_NE(html.find("近五年每年新增图书"), std::string::npos);
}

TEST(Report, ThePlanDrawingHasScaleNorthAreasDoorSwingsAndMarkersBesideLabels) {
    auto p = small_plan();
    auto cat = small_catalog();
    // A marker on the reading room's label (its centroid, 5, 4) and one elsewhere (2, 2).
    std::vector<std::pair<int, standards::Marker>> markers{{1, {"L1", 5, 4, "reading"}}, {2, {"L1", 2, 2, ""}}};
    std::string svg = report::level_svg(p, cat, 0, markers);
    EXPECT_NE(svg.find("class=\"scale-bar\""), std::string::npos);
    EXPECT_NE(svg.find(">2 m</text>"), std::string::npos) << svg;  // a fifth of the 10 m room, rounded down
    EXPECT_NE(svg.find("class=\"north\""), std::string::npos);
    EXPECT_NE(svg.find(">76.4 m²</text>"), std::string::npos);  // the room's area under its name, inside the walls
    // The door has no hinged leaf: nothing swings. Hinged on the left, opening towards the wall's
    // left (into the room, y > 0): the leaf and its arc are drawn inside (SVG y = -plan y < 0);
    // opening towards the right, they are drawn outside.
    EXPECT_EQ(svg.find("class=\"door-swing\""), std::string::npos);
    auto swing_ys = [&](plan::WallSide side) {
        auto q = small_plan();
        q.levels[0].openings[0].swing = plan::DoorSwing::Left;
        q.levels[0].openings[0].opens_to = side;
        const std::string d = report::level_svg(q, cat, 0, {});
        const auto at = d.find("class=\"door-swing\" d=\"");
        EXPECT_NE(at, std::string::npos);
        std::vector<double> ys;
        const std::string head = "class=\"door-swing\" d=\"";
        const auto from = at + head.size();
        std::istringstream in(d.substr(from, d.find('"', from) - from));
        std::string tok;
        double x = 0, y = 0;
        while (in >> tok >> x >> y) ys.push_back(y);
        return ys;
    };
    for (double y : swing_ys(plan::WallSide::Left)) EXPECT_LE(y, 1e-9);
    const auto outside = swing_ys(plan::WallSide::Right);
    ASSERT_GE(outside.size(), 10u);
    EXPECT_GT(*std::max_element(outside.begin(), outside.end()), 1.0);  // the 1.2 m leaf's open end
    // The first marker moves beside the label, with a leader line from its place; the second stays.
    EXPECT_EQ(svg.find("<circle cx=\"5.00\" cy=\"-4.00\""), std::string::npos);
    EXPECT_NE(svg.find("<circle cx=\"6.90\" cy=\"-5.00\""), std::string::npos) << svg;
    EXPECT_NE(svg.find("<line x1=\"5.00\" y1=\"-4.00\" x2=\"6.90\" y2=\"-5.00\""), std::string::npos);
    EXPECT_NE(svg.find("<circle cx=\"2.00\" cy=\"-2.00\""), std::string::npos);
    // The report lists the marked checks beside the drawing.
    standards::Checklist cl;
    standards::Check c;
    c.id = "safety.aisles";
    c.title_key = "check.safety.aisles";
    c.status = standards::Status::Fail;
    c.markers.push_back({"L1", 2, 2, ""});
    cl.checks.push_back(c);
    report::ReportInput in{&p, &cat, &cl, nullptr, "", "", std::nullopt, "2026-11-24"};
    std::string html = report::render_html(in);
    size_t at = html.find("class=\"plan-problems\"");
    ASSERT_NE(at, std::string::npos);
    EXPECT_NE(html.find(tr_in(Language::ZhCN, "check.safety.aisles"), at), std::string::npos);
}

TEST(Report, SimulationMetricsAreNamedInTheReportsLanguages) {
    auto p = small_plan();
    auto cat = small_catalog();
    standards::Checklist cl;
    nlohmann::json metrics = {{"evacuation_time", 42.5}, {"custom_thing", 3}};
    report::ReportInput in{&p, &cat, &cl, nullptr, "", "", metrics, "2026-11-24"};
    std::string html = report::render_html(in);
    EXPECT_NE(html.find("<tr data-metric=\"evacuation_time\"><td><span class=\"zh\">疏散时间</span>"), std::string::npos);
    EXPECT_NE(html.find("<tr data-metric=\"custom_thing\"><td>custom_thing</td>"), std::string::npos);
}

TEST(Report, HoldingsOfAnEarlierYearAreFlagged) {
    ReportRun run;  // holdings of 2026, report of 2026-11-24
    EXPECT_EQ(run.html.find("id=\"stale-year\""), std::string::npos);
    run.holdings.year = 2024;
    report::ReportInput in{&run.plan, &run.catalog, &run.checklist, &run.holdings, "", "", std::nullopt, "2026-11-24"};
    std::string html = report::render_html(in);
    EXPECT_NE(html.find("id=\"stale-year\""), std::string::npos);
    EXPECT_NE(html.find("馆藏统计年度 2024 早于报告年度 2026"), std::string::npos);
}

TEST(Report, JsonNamesThePolicyInUse) {
    ReportRun run;
    report::ReportInput in{&run.plan, &run.catalog, &run.checklist, &run.holdings, "", "", std::nullopt, "2026-11-24",
                           &run.score, run.rubric.threshold, &run.rules};
    auto j = report::render_json(in);
    EXPECT_EQ(j["policy"]["warning_meets"], false);
    EXPECT_EQ(j["policy"]["mixed_school_titles"], "student_weighted");
    EXPECT_EQ(j["policy"]["book_standard_checks"][0], "collection.");
    EXPECT_EQ(j["checks"][0]["recommended"], false);
}

TEST(Report, DigitalResourcesBesidePaperNotInItsNorms) {
    ReportRun run;
    report::ReportInput in{&run.plan, &run.catalog, &run.checklist, &run.holdings, run.rules.name_zh(), run.rules.name_en(),
                           std::nullopt, "2026-11-24", &run.score, run.rubric.threshold, &run.rules};
    EXPECT_EQ(run.html.find("id=\"digital-records\""), std::string::npos);
    in.digital_records = 100;
    const std::string html = report::render_html(in);
    EXPECT_NE(html.find("id=\"digital-records\">100<"), std::string::npos);
    EXPECT_NE(html.find("不计入纸质图书指标"), std::string::npos);
    EXPECT_NE(html.find("id=\"books-total\">18,000<"), std::string::npos);  // paper as before
    auto j = report::render_json(in);
    EXPECT_EQ(j["digital_records"], 100);
    EXPECT_EQ(j["holdings"]["books"], 18000);
}
