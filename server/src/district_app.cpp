// DistrictServer: httplib with the district's routes, the same session cookie, CSRF header and
// language choice as the school server, and 4xx answers in the reader's language.
#include <csignal>
#include <ctime>
#include <sys/socket.h>

#include "district_app.hpp"
#include "shuxiang/server/html.hpp"
#include "shuxiang/util/error.hpp"

namespace shuxiang::server {
namespace districts {

std::shared_ptr<district::DistrictStore> StorePool::acquire() {
    std::unique_ptr<district::DistrictStore> s;
    {
        std::lock_guard<std::mutex> lock(mu_);
        if (!free_.empty()) {
            s = std::move(free_.back());
            free_.pop_back();
        }
    }
    if (!s) s = district::open_district(url_);
    return std::shared_ptr<district::DistrictStore>(s.release(), [this](district::DistrictStore* p) {
        std::lock_guard<std::mutex> lock(mu_);
        free_.emplace_back(p);
    });
}

district::DistrictStore& DCall::store() {
    if (!store_lease) store_lease = app.pool.acquire();
    return *store_lease;
}

int DCall::year() const {
    if (req.has_param("year")) {
        const auto y = req.get_param_value("year");
        if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos)
            throw HttpError(400, "bad_year", trf("district.error.bad_year", {y}));
        return std::stoi(y);
    }
    if (app.opts.year) return app.opts.year;
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm.tm_year + 1900;
}

void DCall::send_json(const nlohmann::json& j, int status) {
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(j.dump(), "application/json; charset=utf-8");
}

void DCall::send_html(const std::string& html, int status) {
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Security-Policy", "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'");
    res.set_content(html, "text/html; charset=utf-8");
}

nlohmann::json body_object(const DCall& c) {
    auto j = nlohmann::json::parse(c.req.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw HttpError(400, "bad_json", tr("server.error.bad_json"));
    return j;
}

namespace {

bool allowed(const DCall& c, Need n) {
    if (n == Need::Public) return true;
    if (!c.session) return false;
    switch (n) {
        case Need::Operator: return true;
        case Need::Reviewer: return c.has_role("reviewer") || c.has_role("admin");
        case Need::Admin: return c.has_role("admin");
        case Need::Inspector: return c.has_role("inspector") || c.has_role("admin");
        case Need::Public: return true;
    }
    return false;
}

// Every refusal (no session, a wrong role or CSRF token, a step the rules refuse) goes to the
// audit: who, the method and the path (never the query or the body).
void audit_refusal(DCall& c, const HttpError& e) {
    if (e.status != 401 && e.status != 403 && e.status != 409) return;
    c.store().audit({"", c.session ? c.session->who.id : std::string("-"), "web.refused", c.req.method + " " + c.req.path,
                     e.code});
}

void send_error(DCall& c, const HttpError& e) {
    audit_refusal(c, e);
    if (c.req.path.rfind("/api/", 0) == 0) {
        c.send_json({{"ok", false}, {"code", e.code}, {"message", e.what()}}, e.status);
        return;
    }
    if (e.status == 401) {
        c.res.status = 303;
        c.res.set_header("Location", "/login");
        return;
    }
    c.send_html(fill_template("<!doctype html><html><head><meta charset=\"utf-8\"><title>{{status}}</title></head><body>"
                              "<h1>{{status}}</h1><p>{{message}}</p><p><a href=\"/\">{{t:district.page.dashboard}}</a></p>"
                              "</body></html>",
                              {{"status", std::to_string(e.status)}, {"message", e.what()}}),
                e.status);
}

void dispatch(DApp& app, const DRoute& r, const httplib::Request& req, httplib::Response& res) {
    DCall c{req, res, app};
    c.lang = request_language(req);
    ThreadLanguage scope(c.lang);
    const std::string sid = cookie_value(req, "sx_district");
    if (!sid.empty()) c.session = app.sessions.find(sid);
    try {
        try {
            if (r.need != Need::Public && !c.session) throw HttpError(401, "login_required", tr("server.error.login_required"));
            if (!allowed(c, r.need)) throw HttpError(403, "forbidden", tr("server.error.forbidden"));
            // The API sends the token in a header; the pages' forms in a hidden field.
            const std::string token = req.has_header("X-CSRF-Token") ? req.get_header_value("X-CSRF-Token")
                                                                     : req.get_param_value("csrf");
            if (r.mutating && c.session && !same_secret(token, c.session->csrf))
                throw HttpError(403, "csrf", tr("server.error.csrf"));
            r.handler(c);
        } catch (const InputError& e) {
            throw HttpError(400, "bad_input", e.what());
        }
    } catch (const HttpError& e) {
        send_error(c, e);
    }
}

}  // namespace
}  // namespace districts

struct DistrictServer::Impl {
    districts::DApp app;
    httplib::Server http;
    districts::DRoutes routes;
    explicit Impl(DistrictServerOptions o) : app(std::move(o)) {}
    void install();
};

void DistrictServer::Impl::install() {
    districts::add_api_routes(routes);
    districts::add_page_routes(routes);
    for (const auto& r : routes) {
        auto h = [this, &r](const httplib::Request& req, httplib::Response& res) { districts::dispatch(app, r, req, res); };
        if (r.method == "GET") http.Get(r.pattern, h);
        else http.Post(r.pattern, h);
    }
    // Proposals carry a whole plan: larger than the school server's requests.
    http.set_payload_max_length(8 * 1024 * 1024);
    http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        ThreadLanguage scope(request_language(req));
        res.set_content(nlohmann::json{{"ok", false}, {"code", res.status == 404 ? "not_found" : "bad_request"},
                                       {"message", tr(res.status == 404 ? "server.error.not_found" : "server.error.bad_request")}}
                            .dump(),
                        "application/json; charset=utf-8");
    });
    if (app.opts.log_requests)
        http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
            // The path only: queries may carry search terms.
            std::fprintf(stderr, "%s %s %d\n", req.method.c_str(), req.path.c_str(), res.status);
        });
    const auto threads = static_cast<std::size_t>(app.opts.threads > 0 ? app.opts.threads : 8);
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
}

DistrictServer::DistrictServer(DistrictServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
    std::signal(SIGPIPE, SIG_IGN);
    impl_->app.pool.acquire();  // connects and migrates now, so that a bad URL shows at start
    impl_->install();
}

DistrictServer::~DistrictServer() = default;

int DistrictServer::bind() {
    auto& o = impl_->app.opts;
    int port = o.port == 0 ? impl_->http.bind_to_any_port(o.host) : (impl_->http.bind_to_port(o.host, o.port) ? o.port : -1);
    if (port <= 0) throw InputError(o.host + ":" + std::to_string(o.port), "", tr("server.error.bind"));
    return port;
}

void DistrictServer::serve() { impl_->http.listen_after_bind(); }
void DistrictServer::stop() { impl_->http.stop(); }

}  // namespace shuxiang::server
