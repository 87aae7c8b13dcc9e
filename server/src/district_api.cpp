// The district's JSON API: login, dashboard, school history, ranking, not submitted, union search,
// submissions, the inspection draw, its results and their publication. Business rules are the
// district module's; this file only reads requests and writes answers.
#include "district_app.hpp"
#include "shuxiang/district/auth.hpp"
#include "shuxiang/district/dashboard.hpp"
#include "shuxiang/district/inspection.hpp"
#include "shuxiang/district/submit.hpp"
#include "shuxiang/identity/authenticator.hpp"
#include "shuxiang/util/error.hpp"

namespace shuxiang::server::districts {
namespace {

using nlohmann::json;

std::string string_field(const json& b, const char* name, bool required = true) {
    if (!b.contains(name)) {
        if (required) throw HttpError(400, "missing_field", trf("server.error.missing_field", {name}));
        return "";
    }
    if (!b[name].is_string()) throw HttpError(400, "bad_field", trf("server.error.bad_param", {name}));
    return b[name].get<std::string>();
}

long long int_field(const json& b, const char* name, long long fallback) {
    if (!b.contains(name)) return fallback;
    if (!b[name].is_number_integer()) throw HttpError(400, "bad_field", trf("server.error.bad_param", {name}));
    return b[name].get<long long>();
}

void login(DCall& c) {
    auto b = body_object(c);
    auto out = district::login_operator(c.store(), string_field(b, "operator"), string_field(b, "password"), identity::unix_now());
    if (!out.ok) {
        const int status = out.code == "locked_out" ? 429 : out.code == "disabled" ? 403 : 401;
        c.send_json({{"ok", false}, {"code", out.code}, {"message", tr("district.refused." + out.code)}}, status);
        return;
    }
    Principal p{Principal::Kind::Operator, out.who.id, district::to_string(out.who.role), out.who.name};
    const std::string sid = c.app.sessions.create(p);
    c.res.set_header("Set-Cookie", "sx_district=" + sid + "; Path=/; HttpOnly; SameSite=Strict");
    c.send_json({{"ok", true}, {"csrf", c.app.sessions.find(sid)->csrf}, {"role", p.role}, {"name", p.name}});
}

void logout(DCall& c) {
    c.app.sessions.erase(cookie_value(c.req, "sx_district"));
    c.res.set_header("Set-Cookie", "sx_district=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    c.send_json({{"ok", true}});
}

json submission_json(const district::Submission& s) {
    return {{"school", s.school}, {"name", s.name}, {"county", s.county}, {"year", s.year}, {"valid", s.valid},
            {"meets", s.meets}, {"excellent", s.excellent}, {"score", s.score}, {"books_per_student", s.books_per_student},
            {"required_books_per_student", s.required_books_per_student}, {"pass", s.pass}, {"warning", s.warning},
            {"fail", s.fail}, {"failing", s.failing}, {"invalid_reason", s.invalid_reason}, {"revision", s.revision},
            {"submitted", s.submitted}};
}

void dashboard_api(DCall& c) {
    auto d = district::dashboard(c.store(), c.year());
    json counties = json::array();
    for (const auto& k : d.counties)
        counties.push_back({{"county", k.county}, {"schools", k.schools}, {"submitted", k.submitted},
                            {"meeting", k.meeting}, {"share", k.share}});
    c.send_json({{"year", d.year}, {"target", d.target}, {"schools", d.schools}, {"submitted", d.submitted},
                 {"meeting", d.meeting}, {"share", d.share}, {"counties", counties}});
}

void school_api(DCall& c) {
    const std::string code = c.req.matches[1];
    json history = json::array();
    for (const auto& s : c.store().submissions(std::nullopt, code)) history.push_back(submission_json(s));
    if (history.empty()) throw HttpError(404, "unknown_school", trf("district.error.unknown_school", {code}));
    c.send_json({{"school", code}, {"history", history}});
}

void ranking_api(DCall& c) {
    json out = json::array();
    for (const auto& s : district::dashboard(c.store(), c.year()).ranking) out.push_back(submission_json(s));
    c.send_json(out);
}

void missing_api(DCall& c) {
    json out = json::array();
    for (const auto& s : district::dashboard(c.store(), c.year()).missing)
        out.push_back({{"school", s.code}, {"name", s.name}, {"county", s.county}});
    c.send_json(out);
}

void search_api(DCall& c) {
    json out = json::array();
    for (const auto& h : c.store().union_search(c.req.get_param_value("q"), 50)) {
        json holders = json::array();
        for (const auto& s : h.holders) holders.push_back({{"school", s.code}, {"name", s.name}, {"county", s.county}, {"copies", s.copies}});
        out.push_back({{"id", h.hit.record_id}, {"title", h.hit.title}, {"responsibility", h.hit.responsibility},
                       {"copies", h.copies}, {"schools", holders}});
    }
    c.send_json(out);
}

void submit_api(DCall& c) {
    report::Proposal p;
    try {
        p = report::proposal_from_json_text(c.req.body, "upload.sxproposal.json");
    } catch (const nlohmann::json::exception& e) {
        throw HttpError(400, "bad_input", e.what());
    }
    auto rubric = standards::Rubric::load_file(standards::builtin_rubric_path());
    auto s = district::assess(p, "upload.sxproposal.json", c.req.body, rubric, district::proposal_year(p, c.year()));
    c.store().put_submission(s);
    c.send_json(submission_json(s));
}

json inspection_json(const district::Inspection& i) {
    json picks = json::array();
    for (const auto& p : i.picks)
        picks.push_back({{"school", p.school}, {"inspector", p.inspector}, {"result", p.result}, {"note", p.note}});
    return {{"year", i.year}, {"seed", std::to_string(i.seed)}, {"drawn_at", i.drawn_at}, {"drawn_by", i.drawn_by},
            {"published_at", i.published_at}, {"picks", picks}};
}

void draw_api(DCall& c) {
    auto b = body_object(c);
    std::optional<unsigned long long> seed;
    if (b.contains("seed")) {
        const long long s = int_field(b, "seed", 0);
        if (s < 0) throw HttpError(400, "bad_field", trf("server.error.bad_param", {"seed"}));
        seed = static_cast<unsigned long long>(s);
    }
    c.send_json(inspection_json(draw_for(c, static_cast<int>(int_field(b, "year", c.year())), int_field(b, "count", 0), seed)));
}

void result_api(DCall& c) {
    auto b = body_object(c);
    record_result(c, static_cast<int>(int_field(b, "year", c.year())), string_field(b, "school"), string_field(b, "result"),
                  string_field(b, "note", false));
    c.send_json({{"ok", true}});
}

void publish_api(DCall& c) {
    auto b = body_object(c);
    c.send_json(inspection_json(publish_for(c, static_cast<int>(int_field(b, "year", c.year())))));
}

// Published (一公开): anyone; before that only bureau operators.
void inspection_api(DCall& c) {
    auto i = c.store().inspection(std::stoi(c.req.matches[1]));
    if (!i || (i->published_at.empty() && !c.session)) throw HttpError(404, "not_found", tr("server.error.not_found"));
    c.send_json(inspection_json(*i));
}

}  // namespace

district::Inspection draw_for(DCall& c, int year, long long count, std::optional<unsigned long long> seed) {
    if (count < 1 || count > 100000) throw HttpError(400, "bad_field", trf("server.error.bad_param", {"count"}));
    auto r = district::draw_inspection(c.store(), year, static_cast<std::size_t>(count), seed, c.session->who.id);
    if (!r.ok) throw HttpError(409, r.code, tr("district.refused." + r.code));
    return *r.inspection;
}

void record_result(DCall& c, int year, const std::string& school, const std::string& result, const std::string& note) {
    auto i = c.store().inspection(year);
    if (!i) throw HttpError(404, "not_drawn", tr("district.refused.not_drawn"));
    auto pick = std::find_if(i->picks.begin(), i->picks.end(), [&](auto& p) { return p.school == school; });
    if (pick == i->picks.end()) throw HttpError(404, "not_picked", tr("district.refused.not_picked"));
    if (!c.has_role("admin") && pick->inspector != c.session->who.id) throw HttpError(403, "forbidden", tr("server.error.forbidden"));
    if (!c.store().set_inspection_result(year, school, result, note))
        throw HttpError(409, "published", tr("district.refused.published"));
}

district::Inspection publish_for(DCall& c, int year) {
    if (!c.store().inspection(year)) throw HttpError(404, "not_drawn", tr("district.refused.not_drawn"));
    if (!c.store().publish_inspection(year)) throw HttpError(409, "published", tr("district.refused.published"));
    return *c.store().inspection(year);
}

void add_api_routes(DRoutes& t) {
    t.push_back({"POST", "/api/login", Need::Public, false, login});
    t.push_back({"POST", "/api/logout", Need::Operator, true, logout});
    t.push_back({"GET", "/api/dashboard", Need::Operator, false, dashboard_api});
    t.push_back({"GET", R"(/api/schools/([A-Za-z0-9_.-]{1,64}))", Need::Operator, false, school_api});
    t.push_back({"GET", "/api/ranking", Need::Operator, false, ranking_api});
    t.push_back({"GET", "/api/missing", Need::Operator, false, missing_api});
    t.push_back({"GET", "/api/search", Need::Operator, false, search_api});
    t.push_back({"POST", "/api/submissions", Need::Reviewer, true, submit_api});
    t.push_back({"POST", "/api/inspection", Need::Admin, true, draw_api});
    t.push_back({"POST", "/api/inspection/result", Need::Inspector, true, result_api});
    t.push_back({"POST", "/api/inspection/publish", Need::Admin, true, publish_api});
    t.push_back({"GET", R"(/api/inspection/(\d{4}))", Need::Public, false, inspection_api});
}

}  // namespace shuxiang::server::districts
