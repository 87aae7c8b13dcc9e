// The reviewers' pages, server-rendered (every value escaped), with Chart.js from Debian's
// libjs-chart.js for the dashboard's chart by county, and the login form's small script.
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
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
              "</a> · <a href=\"/inspection\">" + esc(tr("district.page.inspection_nav")) + "</a> · " + esc(c.session->who.name.empty() ? c.session->who.id : c.session->who.name) + "</nav>";
    return "<!doctype html><html lang=\"" + std::string(c.lang == Language::En ? "en" : "zh-CN") +
           "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\"><title>" + esc(title) +
           "</title><style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid "
           "#ccc;padding:.2em .6em}.no{color:#b00}.yes{color:#070}form.inline{display:inline}input{margin:0 .3em}"
           ".done{color:#555}</style></head><body>" +
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
    // Texts for the chart travel as JSON data, not inside the script.
    const std::string chart_data = "{\"labels\":[" + labels + "],\"shares\":[" + shares + "],\"target\":" + pct(d.target) +
                                   ",\"share_label\":" + nlohmann::json(tr("district.page.share") + " %").dump() +
                                   ",\"target_label\":" + nlohmann::json(tr("district.page.target")).dump() + "}";
    std::string body =
        "<p>" + esc(trf("district.page.summary", {std::to_string(d.year), std::to_string(d.meeting), std::to_string(d.schools),
                                                 pct(d.share), pct(d.target)})) + "</p>"
        "<table id=\"counties\"><tr><th>" + esc(tr("district.page.county")) + "</th><th>" + esc(tr("district.page.schools")) +
        "</th><th>" + esc(tr("district.page.submitted")) + "</th><th>" + esc(tr("district.page.meeting")) + "</th><th>" +
        esc(tr("district.page.share")) + "</th><th>" + esc(tr("district.page.target_met")) + "</th></tr>" + rows +
        "</table><div style=\"position:relative;height:320px;max-width:900px;margin-top:1em\"><canvas id=\"chart\"></canvas></div><script type=\"application/json\" id=\"chart-data\">" +
        script_safe_json(chart_data) + "</script><script src=\"/vendor/chart.min.js\"></script><script>"
        "const d=JSON.parse(document.getElementById('chart-data').textContent);new Chart(document.getElementById('chart'),"
        "{type:'bar',data:{labels:d.labels,datasets:[{label:d.share_label,data:d.shares,"
        "backgroundColor:d.shares.map(s=>s>=d.target?'#2a6':'#d55')},{type:'line',label:d.target_label,"
        "data:d.labels.map(()=>d.target),borderColor:'#e80',backgroundColor:'#e80',pointRadius:0,borderDash:[6,4]}]},"
        "options:{maintainAspectRatio:false,animation:false,scales:{y:{min:0,max:100}}}});"
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
    for (const auto& f : subs.back().failing)
        failing += "<li>" + esc(tr("check." + f)) + " <code class=\"done\">" + esc(f) + "</code></li>";
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
                         esc(tr("district.page.county")) + "</th><th>" + esc(tr("district.page.score")) + "</th><th>" +
                         esc(tr("district.page.excellent")) + "</th></tr>" +
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
// The drawn schools (code and name) with their inspector (name) and result; `extra` gives each
// row's last cell (the result form on the operators' page), none when null.
std::string picks_table(DCall& c, const district::Inspection& i,
                        const std::function<std::string(const district::InspectionPick&)>& extra) {
    std::map<std::string, std::string> school_name, inspector_name;
    for (const auto& s : c.store().schools()) school_name[s.code] = s.name;
    for (const auto& o : c.store().operators()) inspector_name[o.id] = o.name.empty() ? o.id : o.name;
    std::string out = "<table id=\"picks\"><tr><th>" + esc(tr("district.page.code")) + "</th><th>" +
                      esc(tr("district.page.school")) + "</th><th>" + esc(tr("district.page.inspector")) + "</th><th>" +
                      esc(tr("district.page.result")) + "</th><th>" + esc(tr("district.page.note")) + "</th>" +
                      (extra ? "<th></th>" : "") + "</tr>";
    for (const auto& p : i.picks) {
        const auto in = inspector_name.find(p.inspector);
        out += "<tr data-school=\"" + esc(p.school) + "\" data-inspector=\"" + esc(p.inspector) + "\"><td>" + esc(p.school) +
               "</td><td>" + esc(school_name[p.school]) + "</td><td>" + esc(in == inspector_name.end() ? p.inspector : in->second) +
               "</td><td>" + esc(p.result) + "</td><td>" + esc(p.note) + "</td>" + (extra ? "<td>" + extra(p) + "</td>" : "") +
               "</tr>";
    }
    return out + "</table>";
}

void inspection_page(DCall& c) {
    auto i = c.store().inspection(std::stoi(c.req.matches[1]));
    if (!i || (i->published_at.empty() && !c.session)) throw HttpError(404, "not_found", tr("server.error.not_found"));
    c.send_html(page(c, trf("district.page.inspection", {std::to_string(i->year)}),
                     "<p>" + esc(trf("district.page.seed", {std::to_string(i->seed), i->drawn_at, i->published_at})) +
                         "</p>" + picks_table(c, *i, nullptr)));
}

// The form's hidden fields: the session's CSRF token and the year.
std::string form_head(const DCall& c, const std::string& action, int year) {
    return "<form method=\"post\" action=\"" + esc(action) + "\"><input type=\"hidden\" name=\"csrf\" value=\"" +
           esc(c.session->csrf) + "\"><input type=\"hidden\" name=\"year\" value=\"" + std::to_string(year) + "\">";
}

// The inspection of a year for bureau operators: the draw form (admin) before the draw; then the
// picks with a result form on each row the operator may record (admin, or the drawn inspector)
// until publication; the publish form (admin); a link to the public list once published.
void inspection_admin_page(DCall& c) {
    const int year = c.year();
    auto i = c.store().inspection(year);
    const bool admin = c.has_role("admin");
    std::string body;
    if (!i) {
        body += "<p id=\"state\">" + esc(tr("district.page.not_drawn")) + "</p>";
        if (admin)
            body += form_head(c, "/inspection/draw", year) + "<fieldset id=\"draw\"><legend>" +
                    esc(tr("district.page.draw")) + "</legend><label>" + esc(tr("district.page.count")) +
                    "<input name=\"count\" type=\"number\" min=\"1\" max=\"100000\" required></label><label>" +
                    esc(tr("district.page.seed_optional")) + "<input name=\"seed\" inputmode=\"numeric\"></label><button>" +
                    esc(tr("district.page.draw_button")) + "</button></fieldset></form>";
    } else {
        const bool published = !i->published_at.empty();
        body += "<p id=\"state\">" +
                esc(trf(published ? "district.page.seed" : "district.page.seed_drawn",
                        {std::to_string(i->seed), i->drawn_at, i->published_at})) +
                "</p>";
        std::function<std::string(const district::InspectionPick&)> form;  // no form column once published
        if (!published)
            form = [&](const district::InspectionPick& p) -> std::string {
                if (!admin && p.inspector != c.session->who.id) return "";
                return form_head(c, "/inspection/result", year) + "<input type=\"hidden\" name=\"school\" value=\"" +
                       esc(p.school) + "\"><input name=\"result\" required placeholder=\"" + esc(tr("district.page.result")) +
                       "\" value=\"" + esc(p.result) + "\"><input name=\"note\" placeholder=\"" +
                       esc(tr("district.page.note")) + "\" value=\"" + esc(p.note) + "\"><button>" +
                       esc(tr("district.page.record")) + "</button></form>";
            };
        body += picks_table(c, *i, form);
        if (published)
            body += "<p><a id=\"public\" href=\"/inspection/" + std::to_string(year) + "\">" +
                    esc(tr("district.page.public_list")) + "</a></p>";
        else if (admin)
            body += form_head(c, "/inspection/publish", year) + "<p>" + esc(tr("district.page.publish_hint")) +
                    " <button id=\"publish\">" + esc(tr("district.page.publish")) + "</button></p></form>";
    }
    c.send_html(page(c, trf("district.page.inspection", {std::to_string(year)}), body));
}

// A form's field as a number (400 naming the field otherwise); empty gives nullopt.
std::optional<long long> form_number(const DCall& c, const char* name) {
    const std::string v = c.req.get_param_value(name);
    if (v.empty()) return std::nullopt;
    if (v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
        throw HttpError(400, "bad_field", trf("server.error.bad_param", {name}));
    return std::stoll(v);
}

// After a form: back to the inspection page of the year (303, so that a reload does not post again).
void back_to_inspection(DCall& c, int year) {
    c.res.status = 303;
    c.res.set_header("Location", "/inspection?year=" + std::to_string(year) + (c.lang == Language::En ? "&lang=en" : ""));
}

int form_year(DCall& c) {
    const auto y = form_number(c, "year");
    if (!y || *y < 1000 || *y > 9999) throw HttpError(400, "bad_year", trf("district.error.bad_year", {c.req.get_param_value("year")}));
    return static_cast<int>(*y);
}

void draw_form(DCall& c) {
    const int year = form_year(c);
    const auto seed = form_number(c, "seed");
    draw_for(c, year, form_number(c, "count").value_or(0),
             seed ? std::optional<unsigned long long>(static_cast<unsigned long long>(*seed)) : std::nullopt);
    back_to_inspection(c, year);
}

void result_form(DCall& c) {
    const int year = form_year(c);
    const std::string result = c.req.get_param_value("result");
    if (result.empty()) throw HttpError(400, "missing_field", trf("server.error.missing_field", {"result"}));
    record_result(c, year, c.req.get_param_value("school"), result, c.req.get_param_value("note"));
    back_to_inspection(c, year);
}

void publish_form(DCall& c) {
    const int year = form_year(c);
    publish_for(c, year);
    back_to_inspection(c, year);
}

// The pages' icon (an open book), so that browsers do not ask for a missing /favicon.ico.
void favicon(DCall& c) {
    c.res.set_header("Cache-Control", "max-age=86400");
    c.res.set_content("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><path d=\"M1 3h6l1 1 1-1h6v10H9l-1 "
                      "1-1-1H1z\" fill=\"#2a6\"/><path d=\"M8 4v9\" stroke=\"#fff\"/></svg>",
                      "image/svg+xml");
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
    t.push_back({"GET", "/inspection", Need::Operator, false, inspection_admin_page});
    t.push_back({"POST", "/inspection/draw", Need::Admin, true, draw_form});
    t.push_back({"POST", "/inspection/result", Need::Inspector, true, result_form});
    t.push_back({"POST", "/inspection/publish", Need::Admin, true, publish_form});
    t.push_back({"GET", "/vendor/chart.min.js", Need::Public, false, chart_js});
    t.push_back({"GET", "/favicon.svg", Need::Public, false, favicon});
}

}  // namespace shuxiang::server::districts
