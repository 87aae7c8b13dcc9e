// `shuxiang serve`: the school's library in the browser (desk, OPAC, JSON API) — see docs/web-api.md.
#include <iostream>

#include "registry.hpp"
#include "serve_signals.hpp"
#include "shuxiang/server/server.hpp"
#include "shuxiang/circulation/types.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::cli {
namespace {

struct ServeArgs {
    std::string db, plan, listen = "127.0.0.1:8080", cert, key, date;
    int threads = 32;
    bool quiet = false;
};

int run_serve(const ServeArgs& a) {
    server::ServerOptions o;
    o.db = a.db;
    o.plan = a.plan;
    std::tie(o.host, o.port) = server::parse_listen(a.listen);
    o.tls_cert = a.cert;
    o.tls_key = a.key;
    if (!a.date.empty() && !circulation::valid_date(a.date)) throw InputError("--date", "", trf("circ.refuse.bad_date", {a.date}));
    o.date = a.date;
    o.threads = a.threads;
    o.log_requests = !a.quiet;
    if (a.threads < 1 || a.threads > 256) throw InputError("--threads", "", trf("server.error.threads", {std::to_string(a.threads)}));
    StopOnSignal stop;
    server::WebServer web(o);
    int port = web.bind();
    std::cout << (web.tls() ? "https://" : "http://") << o.host << ":" << port << "/" << std::endl;
    std::cerr << trf("server.msg.listening", {o.host + ":" + std::to_string(port)}) << std::endl;
    stop.serve(web);
    return 0;
}

const Registrar reg([](CLI::App& root) {
    auto* c = root.add_subcommand("serve", tr("server.cli.serve"));
    auto a = std::make_shared<ServeArgs>();
    c->add_option("--db", a->db, tr("server.cli.db"))->required();
    c->add_option("--plan", a->plan, tr("server.cli.plan"));
    c->add_option("--listen", a->listen, tr("server.cli.listen"))->capture_default_str();
    c->add_option("--tls-cert", a->cert, tr("server.cli.tls_cert"));
    c->add_option("--tls-key", a->key, tr("server.cli.tls_key"));
    c->add_option("--threads", a->threads, tr("server.cli.threads"))->capture_default_str();
    c->add_option("--date", a->date, tr("server.cli.date"));
    c->add_flag("--quiet", a->quiet, tr("server.cli.quiet"));
    c->callback([=] { run_guarded([=] { return run_serve(*a); }); });
});

}  // namespace
}  // namespace shuxiang::cli
