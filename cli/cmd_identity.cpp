// `shuxiang login` and `shuxiang logout`: a bearer token for scripts (SHUXIANG_TOKEN), and its revocation.
// Exit codes: 0 done, 3 refused, 2 bad input, 1 failure.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "auth.hpp"
#include "registry.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {
namespace {

using nlohmann::json;

struct LoginArgs {
    std::string db, id, password_file;
    bool password_stdin = false, json_out = false;
    double ttl_hours = 0;
};

std::string login_password(const LoginArgs& a) {
    if (a.password_stdin) return read_secret_stdin("--password-stdin");
    if (!a.password_file.empty()) return read_password_file(a.password_file);
    std::string s = prompt_secret(trf("identity.cli.prompt_password", {a.id}));
    if (s.empty()) throw InputError("--password-stdin", "", tr("identity.cli.secret_needed"));
    return s;
}

int run_login(const LoginArgs& a) {
    if (a.ttl_hours < 0) throw InputError("--ttl-hours", "", tr("identity.cli.bad_ttl"));
    const std::string pw = login_password(a);
    auto s = open_auth(a.db);
    const long long now = identity::unix_now();
    auto in = s.auth->login_operator(a.id, pw, now);
    if (!in.result.ok) throw Refused(in.result.code, in.result.message, a.json_out);
    auto t = s.auth->issue_token(in.who, static_cast<long long>(a.ttl_hours * 3600), now);
    if (!t.result.ok) throw Refused(t.result.code, t.result.message, a.json_out);
    if (a.json_out) {
        std::cout << json{{"ok", true}, {"operator", a.id}, {"token", t.text}, {"expires", t.expires}, {"message", t.result.message}}.dump(2)
                  << "\n";
    } else {
        // The token alone on stdout, for `export SHUXIANG_TOKEN=$(shuxiang login ...)`.
        std::cerr << t.result.message << "\n";
        std::cout << t.text << "\n";
    }
    return 0;
}

int run_logout(const std::string& db, bool json_out) {
    const char* token = std::getenv("SHUXIANG_TOKEN");
    if (!token || !*token) throw InputError("SHUXIANG_TOKEN", "", tr("identity.cli.no_token"));
    auto s = open_auth(db);
    auto r = s.auth->revoke_token(token, identity::unix_now());
    if (!r.ok) throw Refused(r.code, r.message, json_out);
    if (json_out) std::cout << json{{"ok", true}, {"message", r.message}}.dump(2) << "\n";
    else std::cout << r.message << "\n";
    return 0;
}

const Registrar reg([](CLI::App& root) {
    {
        auto a = std::make_shared<LoginArgs>();
        auto* c = root.add_subcommand("login", tr("identity.cli.login"));
        c->add_option("id", a->id, tr("identity.cli.login_id"))->required();
        c->add_option("--db", a->db, tr("circ.cli.db"))->required();
        auto* ps = c->add_flag("--password-stdin", a->password_stdin, tr("identity.cli.password_stdin_login"));
        auto* pf = c->add_option("--password-file", a->password_file, tr("identity.cli.password_file"));
        ps->excludes(pf);
        c->add_option("--ttl-hours", a->ttl_hours, tr("identity.cli.ttl_hours"));
        c->add_flag("--json", a->json_out, tr("circ.cli.json"));
        c->callback([=] { run_guarded([=] { return run_login(*a); }); });
    }
    {
        auto db = std::make_shared<std::string>();
        auto js = std::make_shared<bool>(false);
        auto* c = root.add_subcommand("logout", tr("identity.cli.logout"));
        c->add_option("--db", *db, tr("circ.cli.db"))->required();
        c->add_flag("--json", *js, tr("circ.cli.json"));
        c->callback([=] { run_guarded([=] { return run_logout(*db, *js); }); });
    }
});

}  // namespace
}  // namespace shuxiang::cli
