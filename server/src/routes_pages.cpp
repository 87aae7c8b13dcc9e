// The server-rendered pages (login, desk, OPAC, class overdue lists, statistics) and the static
// files they use: assets/web/static/ and the Debian-packaged Bootstrap and Chart.js under /vendor/.
#include <fstream>
#include <sstream>

#include "app.hpp"
#include "shuxiang/server/html.hpp"
#include "shuxiang/util/fs.hpp"

namespace shuxiang::server {

json patron_json(const circulation::Patron& p);
json loans_json(Call& c, const std::string& patron_id);

namespace {

std::string web_file(const Call& c, const std::string& name) { return read_file(c.app.web_dir / name); }

// The strings the pages' scripts show, handed to them in the page.
std::string js_strings(const std::vector<std::string>& keys) {
    json j = json::object();
    for (const auto& k : keys) j[k] = tr(k);
    return script_safe_json(j.dump());
}

const std::vector<std::string>& script_keys() {
    static const std::vector<std::string> keys = {
        "web.js.network", "web.js.no_patron", "web.js.loans", "web.js.due", "web.js.overdue", "web.js.renew",
        "web.js.return", "web.js.lost", "web.js.damaged", "web.js.none", "web.js.scan_patron_first", "web.js.limit",
        "web.js.hold_placed", "web.js.print", "web.js.class", "web.js.returned", "web.js.lent", "web.js.login_failed",
        "web.js.cancel", "web.js.patrons_found", "web.js.loans_by_major", "web.js.loans_by_class", "web.js.stats_summary", "web.js.loans_by_month",
        "web.js.month"};
    return keys;
}

std::string nav(const Call& c) {
    std::ostringstream o;
    auto link = [&](const char* href, const char* key) {
        o << "<a class=\"nav-link\" href=\"" << href << "\">" << html_escape(tr(key)) << "</a>";
    };
    link("/opac", "web.nav.opac");
    if (c.is_operator()) {
        link("/desk", "web.nav.desk");
        link("/class", "web.nav.class");
        link("/stats", "web.nav.stats");
        if (c.operator_may(circulation::Action::Moderate)) link("/feedback", "feedback.nav.queue");
        link("/lists", "web.nav.lists");
        link("/activities", "web.nav.activities");
    } else if (c.is_reader()) {
        link("/programme", "web.nav.my_reading");
    }
    if (c.is_reader()) link("/opac/feedback", "feedback.nav.mine");
    if (c.session) {
        o << "<span class=\"navbar-text px-2\">" << html_escape(c.session->who.name.empty() ? c.session->who.id : c.session->who.name)
          << "</span><a class=\"nav-link\" href=\"#\" id=\"sx-logout\">" << html_escape(tr("web.nav.logout")) << "</a>";
    } else {
        link("/login", "web.nav.login");
    }
    o << "<a class=\"nav-link\" href=\"?lang=" << (c.lang == Language::En ? "zh" : "en") << "\">"
      << html_escape(tr("web.nav.other_language")) << "</a>";
    return o.str();
}

}  // namespace

// A whole page: the layout around a body already filled and escaped.
void send_page(Call& c, const std::string& title_key, const std::string& body, const std::string& script) {
    std::map<std::string, std::string> v = {
        {"lang", c.lang == Language::En ? "en" : "zh-CN"},
        {"title", tr(title_key)},
        {"nav", nav(c)},
        {"body", body},
        {"csrf", c.session ? c.session->csrf : std::string()},
        {"strings", js_strings(script_keys())},
        {"script", script},
    };
    if (c.req.has_param("lang"))
        c.res.set_header("Set-Cookie", std::string("sx_lang=") + (c.lang == Language::En ? "en" : "zh") +
                                           "; Path=/; SameSite=Strict; Max-Age=31536000");
    c.res.set_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'");
    c.res.set_header("X-Content-Type-Options", "nosniff");
    c.send_html(fill_template(web_file(c, "layout.html"), v));
}

namespace {

void redirect_to_login(Call& c) {
    c.res.status = 303;
    c.res.set_header("Location", "/login?next=" + c.req.path);
}

void login_page(Call& c) { send_page(c, "web.title.login", fill_template(web_file(c, "login.html"), {}), "login.js"); }

void desk_page(Call& c) {
    if (!c.is_operator()) return redirect_to_login(c);
    send_page(c, "web.title.desk", fill_template(web_file(c, "desk.html"), {}), "desk.js");
}

void stats_page(Call& c) {
    if (!c.is_operator()) return redirect_to_login(c);
    send_page(c, "web.title.stats", fill_template(web_file(c, "stats.html"), {}), "stats.js");
}

}  // namespace

std::string opac_results_html(Call& c, const std::string& q);
std::string opac_reader_html(Call& c);
std::string class_overdue_html(Call& c, const std::string& cls);

namespace {

void opac_page(Call& c) {
    std::string q = c.req.get_param_value("q");
    if (q.size() > 200) throw HttpError(400, "bad_param", trf("server.error.bad_param", {"q"}));
    std::map<std::string, std::string> v = {{"q", q},
                                            {"results", q.empty() ? std::string() : opac_results_html(c, q)},
                                            {"reader", c.is_reader() ? opac_reader_html(c) : std::string()}};
    send_page(c, "web.title.opac", fill_template(web_file(c, "opac.html"), v), "opac.js");
}

void class_page(Call& c) {
    if (!c.is_operator()) return redirect_to_login(c);
    if (!c.operator_may(circulation::Action::ViewReaders)) throw HttpError(403, "forbidden", tr("server.error.forbidden"));
    std::string cls = c.req.get_param_value("c");
    if (cls.size() > 40) throw HttpError(400, "bad_param", trf("server.error.bad_param", {"c"}));
    std::map<std::string, std::string> v = {{"c", cls}, {"list", class_overdue_html(c, cls)}};
    send_page(c, "web.title.class", fill_template(web_file(c, "class.html"), v), "class.js");
}

void root(Call& c) {
    c.res.status = 303;
    c.res.set_header("Location", c.is_operator() ? "/desk" : "/opac");
}

const char* mime_of(const std::filesystem::path& p) {
    auto ext = p.extension().string();
    if (ext == ".css") return "text/css; charset=utf-8";
    if (ext == ".js") return "text/javascript; charset=utf-8";
    if (ext == ".png") return "image/png";
    if (ext == ".svg") return "image/svg+xml";
    if (ext == ".wav") return "audio/wav";
    return "application/octet-stream";
}

void send_file(Call& c, const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw HttpError(404, "not_found", tr("server.error.not_found"));
    std::ostringstream buf;
    buf << in.rdbuf();
    c.res.set_header("Cache-Control", "max-age=3600");
    c.res.set_header("X-Content-Type-Options", "nosniff");
    c.res.set_content(buf.str(), mime_of(p));
}

// assets/web/static/<name>: plain names only (letters, digits, - _ .), no folders, no "..".
void static_file(Call& c) {
    const std::string name = c.req.matches[1];
    bool plain = !name.empty() && name.front() != '.' && name.find("..") == std::string::npos &&
                 name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") == std::string::npos;
    std::filesystem::path p = c.app.web_dir / "static" / name;
    std::error_code ec;
    if (!plain || !std::filesystem::is_regular_file(p, ec)) throw HttpError(404, "not_found", tr("server.error.not_found"));
    send_file(c, p);
}

// The libraries the Debian packages install under /usr/share/javascript, by a fixed list.
void vendor_file(Call& c) {
    static const std::map<std::string, std::string> files = {
        {"bootstrap.min.css", "/usr/share/javascript/bootstrap5/css/bootstrap.min.css"},
        {"bootstrap.bundle.min.js", "/usr/share/javascript/bootstrap5/js/bootstrap.bundle.min.js"},
        {"chart.min.js", "/usr/share/javascript/chart.js/chart.min.js"},
    };
    auto it = files.find(c.req.matches[1]);
    if (it == files.end()) throw HttpError(404, "not_found", tr("server.error.not_found"));
    send_file(c, it->second);
}

}  // namespace

void add_page_routes(RouteTable& t) {
    t.push_back({"GET", "/", Access::Public, false, root});
    t.push_back({"GET", "/login", Access::Public, false, login_page});
    t.push_back({"GET", "/desk", Access::Public, false, desk_page});
    t.push_back({"GET", "/opac", Access::Public, false, opac_page});
    t.push_back({"GET", "/class", Access::Public, false, class_page});
    t.push_back({"GET", "/stats", Access::Public, false, stats_page});
    t.push_back({"GET", "/static/(.*)", Access::Public, false, static_file});
    t.push_back({"GET", "/vendor/(.*)", Access::Public, false, vendor_file});
}

}  // namespace shuxiang::server
