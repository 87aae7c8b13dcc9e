// The reviewers' pages, server-rendered (every value escaped), with Chart.js from Debian's
// libjs-chart.js for the dashboard's chart by county, and the login form's small script.
#include <cstdio>
#include <fstream>
#include <sstream>

#include "district_app.hpp"
#include "shuxiang/district/dashboard.hpp"
#include "shuxiang/district/submit.hpp"
#include "shuxiang/server/html.hpp"

namespace shuxiang::server::districts {
namespace {

std::string esc(const std::string& s) { return html_escape(s); }

std::string pct(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string page(const DCall& c, const std::string& title, const std::string& body) {
    std::string nav;
    if (c.session)
        nav = "<nav><a href=\"/\">" + esc(tr("district.page.dashboard")) + "</a> · <a href=\"/ranking\">" +
              esc(tr("district.page.ranking")) + "</a> · <a href=\"/missing\">" + esc(tr("district.page.missing")) +
              "</a> · " + esc(c.session->who.name.empty() ? c.session->who.id : c.session->who.name) + "</nav>";
    return "<!doctype html><html lang=\"" + std::string(c.lang == Language::En ? "en" : "zh-CN") +
           "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>" + esc(title) +
           "</title><style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid "
           "#ccc;padding:.2em .6em}.no{color:#b00}.yes{color:#070}</style></head><body>" +
           nav + "<h1>" + esc(title) + "</h1>" + body + "</body></html>";
}

std::string yes_no(bool v) {
    return v ? "<span class=\"yes\">✓</span>" : "<span class=\"no\">✗</span>";
}

void login_page(DCall& c) {
    std::string body =
        "<form id=\"f\"><label>" + esc(tr("district.page.operator")) + " <input name=\"operator\" autocomplete=\"username\">"
        "</label> <label>" + esc(tr("district.page.password")) + " <input name=\"password\" type=\"password\" "
        "autocomplete=\"current-password\"></label> <button>" + esc(tr("district.page.login")) + "</button></form>"
        "<p id=\"msg\" class=\"no\"></p><script>document.getElementById('f').onsubmit=async e=>{e.preventDefault();"
        "const f=e.target;const r=await fetch('/api/login',{method:'POST',headers:{'Content-Type':'application/json'},"
        "body:JSON.stringify({operator:f.operator.value,password:f.password.value})});const j=await r.json();"
        "if(j.ok){sessionStorage.setItem('csrf',j.csrf);location.href='/';}else{document.getElementById('msg')"
        ".textContent=j.message;}};</script>";
    c.send_html(page(c, tr("district.page.login"), body));
}

void dashboard_page(DCall& c) {
    auto d = district::dashboard(c.store(), c.year());
    std::string rows, labels, shares;
    for (const auto& k : d.counties) {
        const std::string name = k.county.empty() ? tr("district.page.no_county") : k.county;
        rows += "<tr><td>" + esc(name) + "</td><td>" + std::to_string(k.schools) + "</td><td>" +
                std::to_string(k.submitted) + "</td><td>" + std::to_string(k.meeting) + "</td><td>" + pct(k.share) +
                " %</td><td>" + yes_no(k.share >= d.target) + "</td></tr>";
        if (!labels.empty()) labels += ',';
        labels += nlohmann::json(name).dump();
        if (!shares.empty()) shares += ',';
        shares += pct(k.share);
    }
    const std::string chart_data = "{\"labels\":[" + labels + "],\"shares\":[" + shares + "],\"target\":" + pct(d.target) + "}";
    std::string body =
        "<p>" + esc(trf("district.page.summary", {std::to_string(d.year), std::to_string(d.meeting), std::to_string(d.schools),
                                                 pct(d.share), pct(d.target)})) + "</p>"
        "<table id=\"counties\"><tr><th>" + esc(tr("district.page.county")) + "</th><th>" + esc(tr("district.page.schools")) +
        "</th><th>" + esc(tr("district.page.submitted")) + "</th><th>" + esc(tr("district.page.meeting")) + "</th><th>" +
        esc(tr("district.page.share")) + "</th><th>" + esc(tr("district.page.target_met")) + "</th></tr>" + rows +
        "</table><canvas id=\"chart\" height=\"120\"></canvas><script type=\"application/json\" id=\"chart-data\">" +
        script_safe_json(chart_data) + "</script><script src=\"/vendor/chart.min.js\"></script><script>"
        "const d=JSON.parse(document.getElementById('chart-data').textContent);new Chart(document.getElementById('chart'),"
        "{type:'bar',data:{labels:d.labels,datasets:[{label:'%',data:d.shares},{type:'line',label:'" +
        esc(tr("district.page.target")) + "',data:d.labels.map(()=>d.target)}]},options:{scales:{y:{min:0,max:100}}}});"
        "</script>";
    c.send_html(page(c, tr("district.page.dashboard"), body));
}

std::string submission_rows(const std::vector<district::Submission>& subs, bool with_school) {
    std::string rows;
    for (const auto& s : subs) {
        rows.append("<tr>");
        if (with_school)
            rows += "<td><a href=\"/school/" + esc(s.school) + "\">" + esc(s.name.empty() ? s.school : s.name) + "</a></td><td>" +
                    esc(s.county) + "</td>";
        rows += "<td><a href=\"/school/" + esc(s.school) + "/" + std::to_string(s.year) + "\">" + std::to_string(s.year) +
                "</a></td><td>" + yes_no(s.meets) + "</td><td>" + pct(s.score) + "</td><td>" +
                pct(s.books_per_student) + " / " + pct(s.required_books_per_student) + "</td><td>" + std::to_string(s.fail) +
                "</td><td>" + esc(s.valid ? "" : s.invalid_reason) + "</td></tr>";
    }
    return rows;
}

std::string submission_head(bool with_school) {
    std::vector<const char*> keys;
    if (with_school) keys = {"district.page.school", "district.page.county"};
    for (const char* k : {"district.page.year", "district.page.meets", "district.page.score", "district.page.books",
                          "district.page.fails", "district.page.invalid"})
        keys.push_back(k);
    std::string h("<tr>");
    for (const char* k : keys) h.append("<th>").append(esc(tr(k))).append("</th>");
    h.append("</tr>");
    return h;
}

void school_page(DCall& c) {
    const std::string code = c.req.matches[1];
    auto subs = c.store().submissions(std::nullopt, code);
    if (subs.empty()) throw HttpError(404, "unknown_school", trf("district.error.unknown_school", {code}));
    std::string failing;
    for (const auto& f : subs.back().failing) failing += "<li>" + esc(f) + "</li>";
    std::string body = "<p>" + esc(code) + " · " + esc(subs.back().county) + "</p><table id=\"history\">" +
                       submission_head(false) + submission_rows(subs, false) + "</table><h2>" +
                       esc(tr("district.page.failing")) + "</h2><ul>" + failing + "</ul>";
    c.send_html(page(c, subs.back().name.empty() ? code : subs.back().name, body));
}

// The bureau's full report on one year's submission (the page `review` writes per school).
void report_page(DCall& c) {
    const std::string code = c.req.matches[1];
    const int year = std::stoi(c.req.matches[2]);
    auto subs = c.store().submissions(year, code);
    if (subs.empty()) throw HttpError(404, "unknown_school", trf("district.error.unknown_school", {code}));
    auto rubric = standards::Rubric::load_file(standards::builtin_rubric_path());
    c.send_html(district::submission_report_html(subs[0], rubric));
}

void ranking_page(DCall& c) {
    auto d = district::dashboard(c.store(), c.year());
    std::string rows;
    int rank = 0;
    for (const auto& s : d.ranking)
        rows += "<tr><td>" + std::to_string(++rank) + "</td><td><a href=\"/school/" + esc(s.school) + "\">" +
                esc(s.name.empty() ? s.school : s.name) + "</a></td><td>" + esc(s.county) + "</td><td>" + pct(s.score) +
                "</td><td>" + (s.excellent ? esc(tr("district.page.excellent")) : "") + "</td></tr>";
    c.send_html(page(c, trf("district.page.ranking_year", {std::to_string(d.year)}),
                     "<table id=\"ranking\"><tr><th>#</th><th>" + esc(tr("district.page.school")) + "</th><th>" +
                         esc(tr("district.page.county")) + "</th><th>" + esc(tr("district.page.score")) + "</th><th></th></tr>" +
                         rows + "</table>"));
}

void missing_page(DCall& c) {
    auto d = district::dashboard(c.store(), c.year());
    std::string rows;
    for (const auto& s : d.missing)
        rows += "<tr><td>" + esc(s.code) + "</td><td>" + esc(s.name) + "</td><td>" + esc(s.county) + "</td></tr>";
    c.send_html(page(c, trf("district.page.missing_year", {std::to_string(d.year)}),
                     "<table id=\"missing\"><tr><th>" + esc(tr("district.page.code")) + "</th><th>" +
                         esc(tr("district.page.school")) + "</th><th>" + esc(tr("district.page.county")) + "</th></tr>" +
                         rows + "</table>"));
}

// 一公开: the published list is public; before publication only bureau operators see it.
void inspection_page(DCall& c) {
    auto i = c.store().inspection(std::stoi(c.req.matches[1]));
    if (!i || (i->published_at.empty() && !c.session)) throw HttpError(404, "not_found", tr("server.error.not_found"));
    std::string rows;
    for (const auto& p : i->picks)
        rows += "<tr><td>" + esc(p.school) + "</td><td>" + esc(p.inspector) + "</td><td>" + esc(p.result) + "</td><td>" +
                esc(p.note) + "</td></tr>";
    c.send_html(page(c, trf("district.page.inspection", {std::to_string(i->year)}),
                     "<p>" + esc(trf("district.page.seed", {std::to_string(i->seed), i->drawn_at, i->published_at})) +
                         "</p><table id=\"picks\"><tr><th>" + esc(tr("district.page.school")) + "</th><th>" +
                         esc(tr("district.page.inspector")) + "</th><th>" + esc(tr("district.page.result")) + "</th><th>" +
                         esc(tr("district.page.note")) + "</th></tr>" + rows + "</table>"));
}

void chart_js(DCall& c) {
    std::ifstream in("/usr/share/javascript/chart.js/chart.min.js", std::ios::binary);
    if (!in) throw HttpError(404, "not_found", tr("server.error.not_found"));
    std::ostringstream buf;
    buf << in.rdbuf();
    c.res.set_header("Cache-Control", "max-age=3600");
    c.res.set_content(buf.str(), "text/javascript");
}

}  // namespace

void add_page_routes(DRoutes& t) {
    t.push_back({"GET", "/login", Need::Public, false, login_page});
    t.push_back({"GET", "/", Need::Operator, false, dashboard_page});
    t.push_back({"GET", R"(/school/([A-Za-z0-9_.-]{1,64}))", Need::Operator, false, school_page});
    t.push_back({"GET", R"(/school/([A-Za-z0-9_.-]{1,64})/(\d{4}))", Need::Operator, false, report_page});
    t.push_back({"GET", "/ranking", Need::Operator, false, ranking_page});
    t.push_back({"GET", "/missing", Need::Operator, false, missing_page});
    t.push_back({"GET", R"(/inspection/(\d{4}))", Need::Public, false, inspection_page});
    t.push_back({"GET", "/vendor/chart.min.js", Need::Public, false, chart_js});
}

}  // namespace shuxiang::server::districts
