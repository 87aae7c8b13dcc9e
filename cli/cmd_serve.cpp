// `shuxiang serve`: the school's library in the browser (desk, OPAC, JSON API) — see docs/web-api.md.
#include <csignal>
#include <iostream>
#include <pthread.h>
#include <thread>

#include "registry.hpp"
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
    // SIGINT/SIGTERM end the server cleanly: they are taken by one thread that stops it.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    server::WebServer web(o);
    int port = web.bind();
    std::cout << (web.tls() ? "https://" : "http://") << o.host << ":" << port << "/" << std::endl;
    std::cerr << trf("server.msg.listening", {o.host + ":" + std::to_string(port)}) << std::endl;
    std::thread stopper([&] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        web.stop();
    });
    web.serve();
    // serve() also ends when the socket fails; wake the stopper so that it can be joined.
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
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
