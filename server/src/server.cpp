// WebServer: httplib set up with the route table, the access and CSRF checks every route goes
// through, request logging (never patron data), and 4xx answers in the reader's language.
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <sys/socket.h>

#include "app.hpp"
#include "shuxiang/server/html.hpp"
#include "shuxiang/util/error.hpp"

namespace shuxiang::server {

namespace {

using Clock = std::chrono::steady_clock;
thread_local std::optional<Clock::time_point> request_start;

}  // namespace

bool Call::operator_may(circulation::Action a) const {
    if (!is_operator()) return false;
    const auto role = circulation::parse_role(session->who.role);
    return role && circulation::role_allows(*role, a);
}

namespace {

bool allowed(const Call& c, Access a) {
    switch (a) {
        case Access::Public: return true;
        case Access::Operator: return c.is_operator();
        case Access::Reader: return c.is_reader();
        case Access::Anyone: return c.session.has_value();
        case Access::ReaderData: return c.operator_may(circulation::Action::ViewReaders);
    }
    return false;
}

// Access and CSRF: 401 without a session where one is needed, 403 for the wrong kind of
// principal or a missing or wrong X-CSRF-Token on a mutating call.
void check_access(Call& c, const Route& r) {
    if (r.access != Access::Public && !c.session) throw HttpError(401, "login_required", tr("server.error.login_required"));
    if (!allowed(c, r.access)) throw HttpError(403, "forbidden", tr("server.error.forbidden"));
    if (!r.mutating || !c.session) return;  // public mutating calls (login) carry no session yet
    std::string token = c.req.get_header_value("X-CSRF-Token");
    if (!same_secret(token, c.session->csrf)) throw HttpError(403, "csrf", tr("server.error.csrf"));
}

void send_error(Call& c, const HttpError& e) {
    bool api = c.req.path.rfind("/api/", 0) == 0;
    if (api) {
        c.send_json({{"ok", false}, {"code", e.code}, {"message", e.what()}}, e.status);
        return;
    }
    c.send_html(fill_template("<!doctype html><html><head><meta charset=\"utf-8\"><title>{{status}}</title></head>"
                              "<body><h1>{{status}}</h1><p>{{message}}</p><p><a href=\"/opac\">{{t:server.page.opac}}</a></p></body></html>",
                              {{"status", std::to_string(e.status)}, {"message", e.what()}}),
                e.status);
}

void dispatch(App& app, const Route& r, const httplib::Request& req, httplib::Response& res) {
    Call c{req, res, app};
    c.lang = request_language(req);
    ThreadLanguage scope(c.lang);
    c.session_id = cookie_value(req, "sx_session");
    if (!c.session_id.empty()) c.session = app.sessions.find(c.session_id);
    try {
        try {
            check_access(c, r);
            r.handler(c);
        } catch (const HttpError& e) {
            if (e.status == 401 || e.status == 403) audit_refusal(c, e.code);
            throw;
        } catch (const InputError& e) {
            throw HttpError(400, "bad_input", e.what());
        }
    } catch (const HttpError& e) {
        send_error(c, e);
    }
}

// Answers without a body (unknown route 404, 413 too large, 400 unreadable) get a message.
httplib::Server::HandlerResponse on_error(App& app, const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    ThreadLanguage scope(request_language(req));
    Call c{req, res, app};
    std::string code = res.status == 404 ? "not_found" : res.status == 413 ? "too_large" : "bad_request";
    std::string msg = res.status == 404   ? tr("server.error.not_found")
                      : res.status == 413 ? trf("server.error.too_large", {std::to_string(kMaxBodyBytes)})
                                          : tr("server.error.bad_request");
    send_error(c, HttpError(res.status, code, msg));
    return httplib::Server::HandlerResponse::Handled;
}

void log_request(const httplib::Request& req, const httplib::Response& res) {
    // The path only: queries (search terms, names) and bodies may carry patron data.
    std::string ms = "-";
    if (request_start) {
        auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - *request_start).count();
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1fms", static_cast<double>(us) / 1000.0);
        ms = buf;
    }
    request_start.reset();
    std::string line = req.method + " " + req.path + " " + std::to_string(res.status) + " " + ms + "\n";
    std::fputs(line.c_str(), stderr);
}

}  // namespace

std::string cookie_value(const httplib::Request& req, std::string_view name) {
    std::string all = req.get_header_value("Cookie");
    std::size_t pos = 0;
    while (pos < all.size()) {
        auto end = all.find(';', pos);
        if (end == std::string::npos) end = all.size();
        auto part = std::string_view(all).substr(pos, end - pos);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=')
            return std::string(part.substr(name.size() + 1));
        pos = end + 1;
    }
    return {};
}

Language request_language(const httplib::Request& req) {
    std::string code = req.has_param("lang") ? req.get_param_value("lang") : cookie_value(req, "sx_lang");
    return code == "en" ? Language::En : Language::ZhCN;
}

struct WebServer::Impl {
    App app;
    std::unique_ptr<httplib::Server> http;
    RouteTable routes;
    int listen_fd = -1;
    explicit Impl(ServerOptions o) : app(std::move(o)) {}
    void install();
};

void WebServer::Impl::install() {
    add_auth_routes(routes);
    add_catalog_routes(routes);
    add_circ_routes(routes);
    add_acq_routes(routes);
    add_stats_routes(routes);
    add_reader_routes(routes);
    add_hold_routes(routes);
    add_route_routes(routes);
    add_feedback_routes(routes);
    add_reading_routes(routes);
    add_activity_routes(routes);
    add_page_routes(routes);
    for (const Route& r : routes) {
        auto h = [this, &r](const httplib::Request& req, httplib::Response& res) { dispatch(app, r, req, res); };
        if (r.method == "GET") http->Get(r.pattern, h);
        else if (r.method == "POST") http->Post(r.pattern, h);
        else if (r.method == "DELETE") http->Delete(r.pattern, h);
    }
    http->set_payload_max_length(kMaxBodyBytes);
    http->set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& req, httplib::Response& res) { return on_error(app, req, res); }));
    http->set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        request_start = Clock::now();
        return httplib::Server::HandlerResponse::Unhandled;
    });
    http->set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
        // Not bad input (that is a 4xx above): a failure of the server itself, e.g. the disk.
        std::string what = "unknown";
        try {
            if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        std::fprintf(stderr, "error: %s %s: %s\n", req.method.c_str(), req.path.c_str(), what.c_str());
        res.status = 500;
        res.set_content(R"({"ok":false,"code":"server_error"})", "application/json");
    });
    if (app.opts.log_requests) http->set_logger(log_request);
    // Debian's httplib listens with a backlog of 5: a class arriving at once would see connections
    // dropped and retried a second later. Keep the socket to widen the backlog after bind().
    http->set_socket_options([this](socket_t sock) {
        httplib::default_socket_options(sock);
        listen_fd = sock;
    });
    int threads = app.opts.threads > 0 ? app.opts.threads : 32;
    http->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
}

WebServer::WebServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
    // A browser that goes away mid-answer must not end the process: writes to its socket fail instead.
    std::signal(SIGPIPE, SIG_IGN);
    auto& o = impl_->app.opts;
    if (!std::filesystem::exists(o.db)) throw InputError(o.db.string(), "", tr("server.error.no_db"));
    impl_->app.pool.acquire();  // opens (and migrates) the database once, here, so that errors show at start
    impl_->app.shelves = load_shelf_index(o.db);
    if (!o.plan.empty()) impl_->app.routes = load_routes(o.plan);
    if (!o.tls_cert.empty() || !o.tls_key.empty()) {
        for (auto& f : {o.tls_cert, o.tls_key})
            if (f.empty() || !std::filesystem::exists(f)) throw InputError(f.string(), "", tr("server.error.tls_files"));
        auto ssl = std::make_unique<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
        if (!ssl->is_valid()) throw InputError(o.tls_cert.string(), "", tr("server.error.tls_invalid"));
        impl_->http = std::move(ssl);
    } else {
        impl_->http = std::make_unique<httplib::Server>();
    }
    impl_->install();
}

WebServer::~WebServer() = default;

bool WebServer::tls() const { return !impl_->app.opts.tls_cert.empty(); }

int WebServer::bind() {
    auto& o = impl_->app.opts;
    int port = o.port;
    if (port == 0) port = impl_->http->bind_to_any_port(o.host);
    else if (!impl_->http->bind_to_port(o.host, port)) port = -1;
    if (port <= 0) throw InputError(o.host + ":" + std::to_string(o.port), "", tr("server.error.bind"));
    if (impl_->listen_fd >= 0) ::listen(impl_->listen_fd, SOMAXCONN);  // Linux: a second listen() sets the backlog
    return port;
}

void WebServer::serve() { impl_->http->listen_after_bind(); }

void WebServer::stop() { impl_->http->stop(); }

std::pair<std::string, int> parse_listen(std::string_view text) {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos) throw InputError("--listen", "", trf("server.error.listen", {std::string(text)}));
    std::string host(text.substr(0, colon));
    std::string port_text(text.substr(colon + 1));
    if (host.empty()) host = "0.0.0.0";
    int port = 0;
    bool digits = !port_text.empty() && port_text.size() <= 5 &&
                  port_text.find_first_not_of("0123456789") == std::string::npos;
    if (digits) port = std::stoi(port_text);
    if (!digits || port < 0 || port > 65535) throw InputError("--listen", "", trf("server.error.listen", {std::string(text)}));
    return {host, port};
}

}  // namespace shuxiang::server
