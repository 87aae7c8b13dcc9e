// `shuxiang district serve` over a real PostgreSQL, served on 127.0.0.1 and called with httplib:
// login and roles, CSRF, the dashboard by county, a school's history, ranking, not submitted,
// union search, uploads, and the inspection from draw to the public list.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "school_fixture.hpp"
#include "server_fixture.hpp"
#include "shuxiang/district/auth.hpp"
#include "shuxiang/district/inspection.hpp"
#include "shuxiang/district/push.hpp"
#include "shuxiang/district/submit.hpp"
#include "shuxiang/server/district_server.hpp"
#include "support/pg_cluster.hpp"

using namespace shuxiang;
using namespace sxd;
using nlohmann::json;

namespace {

void seed(district::DistrictStore& d) {
    for (auto [id, role] : {std::pair{"boss", district::BureauRole::Admin}, {"rev", district::BureauRole::Reviewer},
                            {"insp1", district::BureauRole::Inspector}})
        ASSERT_EQ(district::set_operator(d, {id, std::string(id) + "名", role, false}, kPw, 1000), "");
    auto rubric = standards::Rubric::load_file(standards::builtin_rubric_path());
    auto good = proposal_for("S1", "芙蓉区", 500, holdings(500, 20000, 2026), "2026-11-01");
    good.plan.school.name = "<script>alert(1)</script>实验小学";
    d.put_submission(district::assess(good, "s1.sxproposal.json", report::proposal_to_json_text(good), rubric, 2026));
    auto thin = proposal_for("S2", "天心区", 500, holdings(500, 2000, 2026), "2026-11-01");
    d.put_submission(district::assess(thin, "s2.sxproposal.json", report::proposal_to_json_text(thin), rubric, 2026));
    d.upsert_school({"S9", "未报送小学", "天心区", "", ""});
}

}  // namespace

TEST(DistrictServer, ReviewersPagesAndApiWithRolesAndCsrf) {
    SX_PG_DATABASE(url);
    {
        auto d = district::open_district(url);
        seed(*d);
        auto dir = scratch("server");
        auto repo = circulation::open_repository(dir / "a.db");
        add_titles(*repo, school_a_titles(), "A");
        district::push_school(*d, "S1", district::snapshot_school(repo->catalog()));
        std::filesystem::remove_all(dir);
    }
    Running run(url);
    httplib::Client cli("127.0.0.1", run.port);
    EXPECT_EQ(cli.Get("/api/dashboard")->status, 401);
    EXPECT_EQ(cli.Get("/")->status, 303);  // the page sends to the login
    EXPECT_EQ(cli.Post("/api/login", json{{"operator", "boss"}, {"password", "nope-nope"}}.dump(), "application/json")->status, 401);
    auto boss = login(cli, "boss");
    auto rev = login(cli, "rev");
    auto insp = login(cli, "insp1");

    auto dash = cli.Get("/api/dashboard", with(rev, false));
    ASSERT_EQ(dash->status, 200);
    auto j = json::parse(dash->body);
    EXPECT_EQ(j["schools"], 3);
    EXPECT_EQ(j["submitted"], 2);
    EXPECT_EQ(j["meeting"], 1);
    EXPECT_EQ(j["target"], 90.0);
    ASSERT_EQ(j["counties"].size(), 2u);
    EXPECT_EQ(j["counties"][1]["county"], "芙蓉区");
    EXPECT_EQ(j["counties"][1]["share"], 100.0);
    EXPECT_EQ(j["counties"][0]["schools"], 2);  // 天心区: S2 and S9, none meeting
    EXPECT_EQ(j["counties"][0]["meeting"], 0);

    auto page = cli.Get("/", with(rev, false));
    ASSERT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("/vendor/chart.min.js"), std::string::npos);
    EXPECT_NE(page->body.find("芙蓉区"), std::string::npos);
    EXPECT_EQ(cli.Get("/vendor/chart.min.js")->status, 200);
    auto school = cli.Get("/school/S1", with(rev, false));
    ASSERT_EQ(school->status, 200);
    EXPECT_EQ(school->body.find("<script>alert(1)"), std::string::npos);
    EXPECT_NE(school->body.find("&lt;script&gt;"), std::string::npos);
    EXPECT_NE(school->body.find("/school/S1/2026"), std::string::npos);
    auto report = cli.Get("/school/S1/2026", with(rev, false));  // the bureau's full report, as review writes it
    ASSERT_EQ(report->status, 200);
    EXPECT_EQ(report->body.find("<script>alert(1)"), std::string::npos);
    EXPECT_NE(report->body.find("实验小学"), std::string::npos);
    EXPECT_EQ(cli.Get("/school/S1/2019", with(rev, false))->status, 404);
    EXPECT_EQ(json::parse(cli.Get("/api/schools/S2", with(rev, false))->body)["history"].size(), 1u);
    EXPECT_EQ(cli.Get("/api/schools/S404", with(rev, false))->status, 404);
    auto ranking = json::parse(cli.Get("/api/ranking", with(rev, false))->body);
    ASSERT_EQ(ranking.size(), 2u);
    EXPECT_EQ(ranking[0]["school"], "S1");
    auto missing = json::parse(cli.Get("/api/missing?year=2026", with(rev, false))->body);
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_EQ(missing[0]["school"], "S9");
    EXPECT_NE(cli.Get("/missing", with(rev, false))->body.find("未报送小学"), std::string::npos);
    EXPECT_EQ(cli.Get("/api/missing?year=20x6", with(rev, false))->status, 400);
    auto search = json::parse(cli.Get("/api/search?q=%E8%8D%89%E6%88%BF", with(insp, false))->body);  // 草房
    ASSERT_EQ(search.size(), 1u);
    EXPECT_EQ(search[0]["schools"][0]["school"], "S1");

    // Uploads: reviewers, with the CSRF token.
    auto up = proposal_for("S9", "天心区", 400, holdings(400, 16000, 2026), "2026-11-02");
    const auto body = report::proposal_to_json_text(up);
    EXPECT_EQ(cli.Post("/api/submissions", with(rev, false), body, "application/json")->status, 403);
    EXPECT_EQ(cli.Post("/api/submissions", with(insp), body, "application/json")->status, 403);
    EXPECT_EQ(cli.Post("/api/submissions", with(rev), "{\"kind\":1}", "application/json")->status, 400);
    auto sub = cli.Post("/api/submissions", with(rev), body, "application/json");
    ASSERT_EQ(sub->status, 200) << sub->body;
    EXPECT_EQ(json::parse(sub->body)["school"], "S9");
    EXPECT_TRUE(json::parse(cli.Get("/api/missing", with(rev, false))->body).empty());

    // The inspection: admin draws, the drawn inspector records, admin publishes, anyone reads.
    EXPECT_EQ(cli.Get("/api/inspection/2026")->status, 404);
    EXPECT_EQ(cli.Post("/api/inspection", with(rev), R"({"year":2026,"count":2,"seed":7})", "application/json")->status, 403);
    EXPECT_EQ(cli.Post("/api/inspection", with(boss), R"({"year":2026,"count":-1})", "application/json")->status, 400);
    EXPECT_EQ(cli.Post("/api/inspection", with(boss), R"({"year":2026,"count":"2"})", "application/json")->status, 400);
    auto drawn = cli.Post("/api/inspection", with(boss), R"({"year":2026,"count":2,"seed":7})", "application/json");
    ASSERT_EQ(drawn->status, 200) << drawn->body;
    auto dj = json::parse(drawn->body);
    EXPECT_EQ(dj["seed"], "7");
    ASSERT_EQ(dj["picks"].size(), 2u);
    const std::string picked = dj["picks"][0]["school"];
    EXPECT_EQ(cli.Post("/api/inspection", with(boss), R"({"year":2026,"count":2})", "application/json")->status, 409);
    EXPECT_EQ(cli.Get("/api/inspection/2026")->status, 404);  // not yet public
    auto res = cli.Post("/api/inspection/result", with(insp), json{{"year", 2026}, {"school", picked}, {"result", "合格"}}.dump(),
                        "application/json");
    EXPECT_EQ(res->status, 200) << res->body;
    EXPECT_EQ(cli.Post("/api/inspection/publish", with(insp), R"({"year":2026})", "application/json")->status, 403);
    EXPECT_EQ(cli.Post("/api/inspection/publish", with(boss), R"({"year":2026})", "application/json")->status, 200);
    auto pub = cli.Get("/api/inspection/2026");
    ASSERT_EQ(pub->status, 200);
    EXPECT_EQ(json::parse(pub->body)["picks"][0]["result"], "合格");
    auto pub_page = cli.Get("/inspection/2026?lang=en");
    ASSERT_EQ(pub_page->status, 200);
    EXPECT_NE(pub_page->body.find("seed 7"), std::string::npos);
    EXPECT_EQ(cli.Post("/api/logout", with(rev), "", "application/json")->status, 200);
    EXPECT_EQ(cli.Get("/api/dashboard", with(rev, false))->status, 401);
}

// The inspection through the reviewers' page forms (form posts with the session's CSRF token in a
// hidden field): admin draws with a seed, the drawn inspector records, admin publishes; every
// refusal on the way is answered 4xx and written to the audit.
TEST(DistrictServer, InspectionFormsDrawRecordPublishWithCsrfRolesAndAuditedRefusals) {
    SX_PG_DATABASE(url);
    auto d = district::open_district(url);
    seed(*d);
    Running run(url);
    httplib::Client cli("127.0.0.1", run.port);
    auto boss = login(cli, "boss");
    auto rev = login(cli, "rev");
    auto insp = login(cli, "insp1");
    const char* form = "application/x-www-form-urlencoded";
    auto post = [&](const char* path, const Session& s, const std::string& fields, bool csrf = true) {
        auto r = cli.Post(path, with(s, false), fields + (csrf ? "&csrf=" + s.csrf : ""), form);
        return r ? r->status : -1;
    };
    auto page = cli.Get("/inspection", with(boss, false));
    ASSERT_EQ(page->status, 200);
    EXPECT_NE(page->body.find("action=\"/inspection/draw\""), std::string::npos);
    EXPECT_NE(page->body.find(boss.csrf), std::string::npos);
    EXPECT_EQ(cli.Get("/inspection", with(rev, false))->body.find("/inspection/draw"), std::string::npos);
    EXPECT_EQ(cli.Get("/inspection")->status, 303);  // to the login

    EXPECT_EQ(post("/inspection/draw", boss, "year=2026&count=2&seed=7", false), 403);
    EXPECT_EQ(post("/inspection/draw", boss, "year=2026&count=2&seed=7&csrf=" + rev.csrf, false), 403);
    EXPECT_EQ(post("/inspection/draw", rev, "year=2026&count=2&seed=7"), 403);
    EXPECT_EQ(post("/inspection/draw", boss, "year=2026&count=0&seed=7"), 400);
    EXPECT_FALSE(d->inspection(2026));
    auto drawn = cli.Post("/inspection/draw", with(boss, false), "year=2026&count=2&seed=7&csrf=" + boss.csrf, form);
    ASSERT_EQ(drawn->status, 303) << drawn->body;
    EXPECT_EQ(drawn->get_header_value("Location"), "/inspection?year=2026");
    auto i = d->inspection(2026);
    ASSERT_TRUE(i);
    EXPECT_EQ(i->seed, 7u);
    EXPECT_EQ(i->drawn_by, "boss");
    const auto again = district::draw_picks({"S1", "S2", "S9"}, {"insp1"}, 2, 7);
    ASSERT_EQ(i->picks.size(), 2u);
    for (std::size_t k = 0; k < 2; ++k) EXPECT_EQ(i->picks[k].school, again[k].school);
    EXPECT_EQ(post("/inspection/draw", boss, "year=2026&count=3&seed=8"), 409);

    const std::string picked = i->picks[0].school;
    auto mine = cli.Get("/inspection?year=2026", with(insp, false));
    EXPECT_NE(mine->body.find("action=\"/inspection/result\""), std::string::npos);
    EXPECT_EQ(mine->body.find("/inspection/publish"), std::string::npos);
    EXPECT_EQ(post("/inspection/result", rev, "year=2026&school=" + picked + "&result=x"), 403);
    EXPECT_EQ(post("/inspection/result", insp, "year=2026&school=S404&result=x"), 404);
    EXPECT_EQ(post("/inspection/result", insp,
                   "year=2026&school=" + picked + "&result=%E5%90%88%E6%A0%BC&note=%3Cb%3Eok%3C%2Fb%3E"),  // 合格, <b>ok</b>
              303);
    auto shown = cli.Get("/inspection?year=2026", with(boss, false));
    EXPECT_NE(shown->body.find("&lt;b&gt;ok"), std::string::npos);
    EXPECT_EQ(shown->body.find("<b>ok"), std::string::npos);
    EXPECT_EQ(post("/inspection/publish", insp, "year=2026"), 403);
    EXPECT_EQ(cli.Get("/inspection/2026")->status, 404);  // not yet public
    EXPECT_EQ(post("/inspection/publish", boss, "year=2026"), 303);
    EXPECT_EQ(post("/inspection/publish", boss, "year=2026"), 409);
    EXPECT_EQ(post("/inspection/result", insp, "year=2026&school=" + picked + "&result=y"), 409);
    auto pub = cli.Get("/inspection/2026");
    ASSERT_EQ(pub->status, 200);
    EXPECT_NE(pub->body.find("合格"), std::string::npos);
    EXPECT_NE(pub->body.find(picked), std::string::npos);

    // The audit: who, what (method and path, never the fields) and why, for every refusal above.
    std::multiset<std::string> seen;
    for (const auto& a : d->audit_log(100)) {
        EXPECT_EQ(a.action, "web.refused");
        EXPECT_EQ(a.detail.find('?'), std::string::npos) << a.detail;
        EXPECT_EQ(a.detail.find("seed"), std::string::npos) << a.detail;
        seen.insert(a.who + " " + a.detail + " " + a.code);
    }
    for (const char* want : {"boss POST /inspection/draw csrf", "rev POST /inspection/draw forbidden",
                             "boss POST /inspection/draw year_drawn", "rev POST /inspection/result forbidden",
                             "insp1 POST /inspection/publish forbidden", "boss POST /inspection/publish published",
                             "insp1 POST /inspection/result published", "- GET /inspection login_required"})
        EXPECT_EQ(seen.count(want), std::string(want).find("csrf") != std::string::npos ? 2u : 1u) << want;
}
