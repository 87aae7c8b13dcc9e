// Sessions over HTTP: the session cookie, logout, who am I, and the audit row of refused calls.
#include "app.hpp"

namespace shuxiang::server {

// Starts a fresh session for `who` (any session the browser brought is ended first: no fixation)
// and answers with the cookie and the CSRF token.
void start_session(Call& c, const Principal& who) {
    if (!c.session_id.empty()) c.app.sessions.erase(c.session_id);
    std::string id = c.app.sessions.create(who);
    c.session_id = id;
    c.session = c.app.sessions.find(id);
    std::string cookie = "sx_session=" + id + "; Path=/; HttpOnly; SameSite=Strict";
    if (!c.app.opts.tls_cert.empty()) cookie += "; Secure";
    c.res.set_header("Set-Cookie", cookie);
    c.send_json({{"ok", true},
                 {"csrf", c.session->csrf},
                 {"kind", who.kind == Principal::Kind::Operator ? "operator" : "reader"},
                 {"id", who.id},
                 {"role", who.role},
                 {"name", who.name}});
}

namespace {

void logout(Call& c) {
    c.app.sessions.erase(c.session_id);
    c.res.set_header("Set-Cookie", "sx_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    c.send_json({{"ok", true}});
}

void me(Call& c) {
    const Principal& w = c.session->who;
    c.send_json({{"kind", w.kind == Principal::Kind::Operator ? "operator" : "reader"},
                 {"id", w.id},
                 {"role", w.role},
                 {"name", w.name},
                 {"csrf", c.session->csrf}});
}

}  // namespace

void add_auth_routes(RouteTable& t) {
    add_login_route(t);
    t.push_back({"POST", "/api/logout", Access::Anyone, true, logout});
    t.push_back({"GET", "/api/me", Access::Anyone, false, me});
}

}  // namespace shuxiang::server
