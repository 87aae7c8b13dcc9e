// POST /api/login: operators with their password, readers with their reader number and the
// password or card PIN the librarian set (identity::Authenticator: Argon2id, lockout, audit).
#include "app.hpp"
#include "shuxiang/identity/authenticator.hpp"

namespace shuxiang::server {

namespace {

int status_of(const std::string& code) {
    if (code == "locked_out") return 429;
    if (code == "disabled") return 403;
    return 401;
}

Principal principal_of(Call& c, const identity::Principal& who) {
    Principal p;
    p.id = who.id;
    if (who.kind == identity::PrincipalKind::Operator) {
        p.kind = Principal::Kind::Operator;
        if (auto op = c.svc().operators().find(who.id)) {
            p.role = circulation::to_string(op->role);
            p.name = op->name;
        }
    } else {
        p.kind = Principal::Kind::Reader;
        if (auto r = c.svc().patrons().find(who.id)) p.name = r->name;
    }
    return p;
}

void login(Call& c) {
    json b = parse_body(c, {{"operator", JType::String, false}, {"reader", JType::String, false}, {"password", JType::String, true}});
    bool op = b.contains("operator");
    if (op == b.contains("reader")) throw HttpError(400, "missing_field", tr("server.error.login_fields"));
    std::string id = str_field(b, op ? "operator" : "reader");
    std::string secret = str_field(b, "password");
    identity::Authenticator auth(c.svc(), c.credentials());
    long long now = identity::unix_now();
    auto out = op ? auth.login_operator(id, secret, now) : auth.login_reader(id, secret, now);
    if (!out.result.ok) {
        c.send_json({{"ok", false}, {"code", out.result.code}, {"message", out.result.message}}, status_of(out.result.code));
        return;
    }
    start_session(c, principal_of(c, out.who));
}

}  // namespace

void add_login_route(RouteTable& t) { t.push_back({"POST", "/api/login", Access::Public, false, login}); }

void audit_refusal(Call& c, const std::string& code) {
    circulation::Ctx ctx{c.session ? c.session->who.id : std::string("-"), c.day()};
    circulation::Result r;
    r.code = code;
    r.message = tr("server.error." + code);
    // The path only (never a query or body, which may name a reader).
    c.svc().admin().record(ctx, "web.refused", c.req.method + " " + c.req.path, r);
}

}  // namespace shuxiang::server
