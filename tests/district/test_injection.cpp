// SQL injection probes against the district: the union search (store, CLI, API), school codes,
// submission fields and the login. Every probe must be a literal search or a refusal (exit 2 /
// 4xx), and every table must keep its rows. Were a statement concatenated, `' OR 1=1 --` would
// match every title (or break the statement), and the DROP/DELETE probes would remove rows.
#include <gtest/gtest.h>

#include <set>

#include "school_fixture.hpp"
#include "server_fixture.hpp"
#include "shuxiang/district/auth.hpp"
#include "shuxiang/district/push.hpp"
#include "shuxiang/district/submit.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "support/pg_cluster.hpp"

using namespace shuxiang;
using namespace sxd;
using nlohmann::json;

namespace {

const std::vector<std::string> kProbes = {
    "' OR 1=1 --",
    "'; DROP TABLE union_title; --",
    "'; DELETE FROM holding; --",
    "\" OR \"\"=\"",
    "1' UNION SELECT id, key, key, key, 1 FROM union_key --",
    "草房子' OR '1'='1",
    "%' OR title LIKE '%",
    "\\'; TRUNCATE school CASCADE; --",
};

std::string shq(const std::string& s) { return test::shell_quote(s); }

std::map<std::string, std::size_t> row_counts(district::DistrictStore& d) {
    std::map<std::string, std::size_t> out;
    for (const auto& [table, rows] : d.dump())
        if (table != "district_audit" && table != "id_attempt") out[table] = rows.size();  // the logs grow
    return out;
}

// Two schools, and a third whose titles are the probes themselves (so that a literal search for a
// probe has exactly one right answer).
void fill(const std::string& url) {
    auto d = district::open_district(url);
    auto dir = scratch("injection");
    auto a = circulation::open_repository(dir / "a.db");
    auto b = circulation::open_repository(dir / "b.db");
    auto c = circulation::open_repository(dir / "c.db");
    add_titles(*a, school_a_titles(), "A");
    add_titles(*b, school_b_titles(), "B");
    add_titles(*c, {{"' OR 1=1 --", "Probe", "", "X1", 1}, {"Robert'); DROP TABLE union_title; --", "O'Brien", "", "X2", 2}},
               "C");
    district::push_school(*d, "S1", district::snapshot_school(a->catalog()));
    district::push_school(*d, "S2", district::snapshot_school(b->catalog()));
    district::push_school(*d, "S3", district::snapshot_school(c->catalog()));
    ASSERT_EQ(district::set_operator(*d, {"boss", "局长", district::BureauRole::Admin, false}, kPw, 1000), "");
    auto rubric = standards::Rubric::load_file(standards::builtin_rubric_path());
    auto p = proposal_for("S1", "芙蓉区", 500, holdings(500, 20000, 2026), "2026-11-01");
    d->put_submission(district::assess(p, "s1.sxproposal.json", report::proposal_to_json_text(p), rubric, 2026));
    a.reset();
    b.reset();
    c.reset();
    std::filesystem::remove_all(dir);
}

std::set<std::string> titles(const std::vector<district::UnionHit>& hits) {
    std::set<std::string> out;
    for (const auto& h : hits) out.insert(h.hit.title);
    return out;
}

// What a literal search for each probe finds: only the probe titles that carry its words.
const std::map<std::string, std::set<std::string>>& expected() {
    static const std::map<std::string, std::set<std::string>> e = {
        {"' OR 1=1 --", {"' OR 1=1 --"}},
        {"'; DROP TABLE union_title; --", {"Robert'); DROP TABLE union_title; --"}},
        {"'; DELETE FROM holding; --", {}},
        {"\" OR \"\"=\"", {"' OR 1=1 --"}},
        {"1' UNION SELECT id, key, key, key, 1 FROM union_key --", {}},
        {"草房子' OR '1'='1", {}},
        {"%' OR title LIKE '%", {}},
        {"\\'; TRUNCATE school CASCADE; --", {}},
    };
    return e;
}

}  // namespace

TEST(DistrictInjection, SearchProbesAreLiteralSearchesInTheStoreAndTheCli) {
    SX_PG_DATABASE(url);
    fill(url);
    auto d = district::open_district(url);
    const auto before = row_counts(*d);
    ASSERT_GE(before.at("union_title"), 7u);
    for (const auto& q : kProbes) {
        EXPECT_EQ(titles(d->union_search(q, 50)), expected().at(q)) << q;
        auto r = test::run_shuxiang("district search --pg " + shq(url) + " " + shq(q) + " --json");
        ASSERT_EQ(r.code, 0) << q << "\n" << r.out;
        std::set<std::string> cli;
        for (const auto& h : json::parse(r.out)) cli.insert(h["title"].get<std::string>());
        EXPECT_EQ(cli, expected().at(q)) << q;
    }
    // The probe titles themselves are found by their own words, with their holder.
    auto hits = d->union_search("Robert DROP", 10);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].holders.at(0).code, "S3");
    EXPECT_EQ(hits[0].copies, 2);
    EXPECT_EQ(row_counts(*d), before);
}

TEST(DistrictInjection, SchoolCodesSubmissionFieldsAndLoginsAreRefusedOrKeptLiterally) {
    SX_PG_DATABASE(url);
    fill(url);
    auto d = district::open_district(url);
    const auto before = row_counts(*d);
    auto dir = scratch("injection_codes");
    add_titles(*circulation::open_repository(dir / "a.db"), school_a_titles(), "A");  // a real school to push
    // School codes: refused (exit 2, naming the code), nothing written.
    for (const std::string code : {"S1'; DROP TABLE school; --", "x' OR '1'='1", "S1 --"}) {
        auto r = test::run_shuxiang("district school --pg " + shq(url) + " " + shq(code) + " --name 名");
        EXPECT_EQ(r.code, 2) << code << "\n" << r.out;
        EXPECT_NE(r.out.find(code), std::string::npos) << r.out;
        r = test::run_shuxiang("district push --pg " + shq(url) + " --db " + (dir / "a.db").string() + " --school " +
                               shq(code));
        EXPECT_EQ(r.code, 2) << code << "\n" << r.out;
        EXPECT_NE(r.out.find(code), std::string::npos) << r.out;
    }
    // A proposal whose school code is a probe: refused, naming the file and the field.
    auto rubric = standards::Rubric::load_file(standards::builtin_rubric_path());
    auto bad = proposal_for("S7'; DROP TABLE submission; --", "芙蓉区", 400, holdings(400, 16000, 2026), "2026-11-01");
    atomic_write_file(dir / "bad.sxproposal.json", report::proposal_to_json_text(bad));
    auto r = test::run_shuxiang("district submit --pg " + shq(url) + " " + (dir / "bad.sxproposal.json").string());
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("bad.sxproposal.json"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("/school_code"), std::string::npos) << r.out;
    EXPECT_EQ(row_counts(*d), before);
    // Probes in the other fields are data: kept as written.
    auto odd = proposal_for("S8", "县' OR 1=1 --", 400, holdings(400, 16000, 2026), "2026-11-01");
    odd.plan.school.name = "学校'); DELETE FROM submission; --";
    atomic_write_file(dir / "odd.sxproposal.json", report::proposal_to_json_text(odd));
    r = test::run_shuxiang("district submit --pg " + shq(url) + " " + (dir / "odd.sxproposal.json").string());
    ASSERT_EQ(r.code, 0) << r.out;
    auto subs = d->submissions(2026, "S8");
    ASSERT_EQ(subs.size(), 1u);
    EXPECT_EQ(subs[0].name, "学校'); DELETE FROM submission; --");
    EXPECT_EQ(subs[0].county, "县' OR 1=1 --");
    EXPECT_EQ(d->submissions(2026, "").size(), 2u);
    EXPECT_TRUE(d->submissions(2026, "S8' OR '1'='1").empty());
    // Logins: a probe as the id or the password is a wrong login like any other.
    for (const auto& [id, pw] : std::vector<std::pair<std::string, std::string>>{
             {"boss' --", "x"}, {"' OR 1=1 --", "' OR 1=1 --"}, {"boss", "' OR '1'='1"}}) {
        auto out = district::login_operator(*d, id, pw, 2000);
        EXPECT_FALSE(out.ok) << id;
        EXPECT_EQ(out.code, "bad_credentials") << id;
    }
    EXPECT_TRUE(district::login_operator(*d, "boss", kPw, 2000).ok);
    std::filesystem::remove_all(dir);
}

TEST(DistrictInjection, TheServerAnswersProbesWithLiteralSearchesOr4xx) {
    SX_PG_DATABASE(url);
    fill(url);
    auto d = district::open_district(url);
    const auto before = row_counts(*d);
    Running run(url);
    httplib::Client cli("127.0.0.1", run.port);
    for (const auto& [id, pw] : std::vector<std::pair<std::string, std::string>>{
             {"boss' --", "x"}, {"' OR 1=1 --", "' OR 1=1 --"}, {"boss", "' OR '1'='1"}}) {
        auto r = cli.Post("/api/login", json{{"operator", id}, {"password", pw}}.dump(), "application/json");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 401) << id;
    }
    auto boss = login(cli, "boss");
    for (const auto& q : kProbes) {
        auto r = cli.Get("/api/search?q=" + httplib::detail::encode_query_param(q), with(boss, false));
        ASSERT_EQ(r->status, 200) << q;
        std::set<std::string> got;
        for (const auto& h : json::parse(r->body)) got.insert(h["title"].get<std::string>());
        EXPECT_EQ(got, expected().at(q)) << q;
        // A school addressed by a probe: no such page (the code's characters are not allowed).
        EXPECT_EQ(cli.Get("/api/schools/" + httplib::detail::encode_query_param(q), with(boss, false))->status, 404) << q;
        EXPECT_EQ(cli.Get("/school/" + httplib::detail::encode_query_param(q), with(boss, false))->status, 404) << q;
        EXPECT_EQ(cli.Get("/api/missing?year=" + httplib::detail::encode_query_param(q), with(boss, false))->status, 400) << q;
    }
    // An upload whose school code is a probe: 400, nothing stored.
    auto bad = proposal_for("S1' OR '1'='1", "芙蓉区", 400, holdings(400, 16000, 2026), "2026-11-01");
    auto r = cli.Post("/api/submissions", with(boss), report::proposal_to_json_text(bad), "application/json");
    EXPECT_EQ(r->status, 400) << r->body;
    // The draw form with a probe for a number: 400.
    r = cli.Post("/inspection/draw", with(boss), "year=2026&count=" + httplib::detail::encode_query_param("1; DROP TABLE school"),
                 "application/x-www-form-urlencoded");
    EXPECT_EQ(r->status, 400);
    EXPECT_FALSE(d->inspection(2026));
    EXPECT_EQ(row_counts(*d), before);
}
