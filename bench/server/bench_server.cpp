// Load benchmark and crash test of `shuxiang serve` (traffic only to 127.0.0.1, bounded in time):
//   bench_server load --shuxiang BIN --db DB [--seconds 60] [--searchers 50] [--desk-rate 10]
//     50 readers searching the OPAC without pause while the desk lends and returns at 10 a second;
//     prints p50/p99 latencies and errors, then checks the database: every loan answered OK is
//     there, none doubled, none lost, integrity_check ok.
//   bench_server kill --shuxiang BIN --db DB [--rounds 20]
//     kill -9 the server during desk traffic, again and again: every loan the API answered OK is
//     in the database and integrity_check is ok after each round.
// The database is prepared first (a bench operator with a password, readers B0001...).
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "db_check.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/identity/authenticator.hpp"

using nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace circ = shuxiang::circulation;

namespace {

const char* kOperator = "benchdesk";
const char* kPassword = "Bench-Desk-Password-1";
const char* kDay = "2026-09-01";

struct Data {
    std::vector<std::string> patrons, items, queries;
};

// A bench operator, 400 readers and the first 800 copies on the shelf; queries from real titles.
Data prepare(const std::string& db) {
    auto lib = circ::LibraryServices::open(db);
    auto creds = shuxiang::identity::open_credentials(db);
    shuxiang::identity::Authenticator auth(*lib, *creds);
    long long now = shuxiang::identity::unix_now();
    circ::Ctx admin{"admin", kDay};
    if (!lib->operators().find(kOperator)) lib->operators().add(admin, {kOperator, circ::Role::Librarian, "bench", ""});
    auth.set_operator_password(admin, kOperator, kPassword, now);
    Data d;
    for (int i = 1; i <= 400; ++i) {
        char id[16];
        std::snprintf(id, sizeof id, "B%04d", i);
        if (!lib->patrons().find(id)) lib->patrons().add(admin, {id, circ::PatronKind::Student, "读者", 1 + i % 9, "1"});
        d.patrons.push_back(id);
    }
    auto& st = lib->catalog();
    st.for_each_record([&](const shuxiang::catalog::BibRecord& r) {
        if (d.queries.size() < 300 && r.title.size() >= 6) {
            d.queries.push_back(r.title.substr(0, 3));  // one CJK character
            d.queries.push_back(r.title.substr(0, 6));  // two
        }
        if (d.items.size() >= 800) return;
        for (auto& it : st.items_of(r.id))
            if (it.status == shuxiang::catalog::ItemStatus::Available && d.items.size() < 800) d.items.push_back(it.barcode);
    });
    return d;
}

struct Child {
    pid_t pid = -1;
    int port = 0;
};

Child start_server(const std::string& bin, const std::string& db) {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe");
    Child c;
    c.pid = fork();
    if (c.pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        execl(bin.c_str(), bin.c_str(), "serve", "--db", db.c_str(), "--listen", "127.0.0.1:0", "--quiet", "--date", kDay,
              "--threads", "64", static_cast<char*>(nullptr));
        _exit(127);
    }
    close(fds[1]);
    std::string line;
    char ch;
    while (read(fds[0], &ch, 1) == 1 && ch != '\n') line += ch;
    close(fds[0]);
    auto colon = line.rfind(':');
    if (line.rfind("http://", 0) != 0 || colon == std::string::npos) throw std::runtime_error("server did not start: " + line);
    c.port = std::stoi(line.substr(colon + 1));
    return c;
}

void stop_server(Child& c, int sig) {
    kill(c.pid, sig);
    int st = 0;
    waitpid(c.pid, &st, 0);
}

struct Session {
    std::string cookie, csrf;
};

Session login(int port) {
    httplib::Client cl("127.0.0.1", port);
    cl.set_read_timeout(60, 0);
    auto r = cl.Post("/api/login", json{{"operator", kOperator}, {"password", kPassword}}.dump(), "application/json");
    if (!r || r->status != 200) throw std::runtime_error("bench login failed");
    auto set = r->get_header_value("Set-Cookie");
    return {set.substr(0, set.find(';')), json::parse(r->body)["csrf"].get<std::string>()};
}

// One desk call: the HTTP status (0: no answer) and the loan id of an OK checkout.
struct Answer {
    int status = 0;
    long long id = 0;
    double ms = 0;
};

Answer desk_call(httplib::Client& cl, const Session& s, const std::string& path, const json& body) {
    httplib::Headers h{{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
    auto t0 = Clock::now();
    auto r = cl.Post(path.c_str(), h, body.dump(), "application/json");
    Answer a;
    a.ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
    if (std::getenv("SX_BENCH_TRACE") && a.ms > 200) std::fprintf(stderr, "slow desk call %.0f ms\n", a.ms);
    if (!r) return a;
    a.status = r->status;
    if (r->status == 200) a.id = json::parse(r->body, nullptr, false).value("id", 0LL);
    return a;
}

double pct(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// What the clients were told: loans answered OK and returns answered OK (by loan id / barcode).
struct Ledger {
    std::mutex mu;
    std::map<long long, std::string> lent;        // loan id -> barcode
    std::map<std::string, long long> open;        // barcode -> loan id, per the answers
    std::vector<long long> returned;              // loan ids answered as returned
};

// One desk: its own items and readers; lends an item that is in, takes back one that is out.
void desk_step(httplib::Client& cl, const Session& s, Ledger& L, const std::string& item, const std::string& patron,
               std::vector<double>& lat, std::atomic<long long>& errors) {
    long long open_id = 0;
    {
        std::lock_guard lock(L.mu);
        if (auto it = L.open.find(item); it != L.open.end()) open_id = it->second;
    }
    Answer a = open_id ? desk_call(cl, s, "/api/circ/return", {{"item", item}})
                       : desk_call(cl, s, "/api/circ/checkout", {{"patron", patron}, {"item", item}});
    if (a.status == 0) {
        ++errors;
        return;
    }
    lat.push_back(a.ms);
    if (a.status != 200) {
        if (errors++ < 3) std::fprintf(stderr, "desk refusal %d on %s\n", a.status, item.c_str());
        return;
    }
    std::lock_guard lock(L.mu);
    if (open_id) {
        L.returned.push_back(open_id);
        L.open.erase(item);
    } else {
        L.lent[a.id] = item;
        L.open[item] = a.id;
    }
}

// Every loan answered OK is in the database; every return answered OK is returned there.
bool check_db(const std::string& db, const Ledger& L, bool print) {
    std::set<std::string> watched;
    for (auto& [id, barcode] : L.lent) watched.insert(barcode);
    auto f = sxbench::db_facts(db, watched);
    long long missing = 0, not_returned = 0;
    for (auto& [id, barcode] : L.lent)
        if (!f.loans.count(id) || f.loans.at(id).first != barcode) ++missing;
    for (long long id : L.returned)
        if (!f.loans.count(id) || !f.loans.at(id).second) ++not_returned;
    bool ok = f.integrity == "ok" && missing == 0 && not_returned == 0 && f.doubled_items == 0 && f.status_mismatches == 0;
    if (print || !ok)
        std::printf("database: integrity_check %s, OK loans %zu (missing %lld), OK returns %zu (not returned %lld), "
                    "doubled %lld, status mismatches %lld\n",
                    f.integrity.c_str(), L.lent.size(), missing, L.returned.size(), not_returned, f.doubled_items,
                    f.status_mismatches);
    return ok;
}

int run_load(const std::string& bin, const std::string& db, int seconds, int searchers, int desk_rate) {
    Data d = prepare(db);
    Child srv = start_server(bin, db);
    Session s = login(srv.port);
    Ledger L;
    std::atomic<long long> search_errors{0}, desk_errors{0};
    std::vector<std::vector<double>> search_lat(static_cast<std::size_t>(searchers));
    std::vector<double> desk_lat;
    auto end = Clock::now() + std::chrono::seconds(seconds);
    std::vector<std::thread> threads;
    for (int i = 0; i < searchers; ++i)
        threads.emplace_back([&, i] {
            httplib::Client cl("127.0.0.1", srv.port);
            cl.set_read_timeout(30, 0);
            cl.set_keep_alive(true);  // as a browser does
            std::mt19937 rng(static_cast<unsigned>(i));
            while (Clock::now() < end) {
                const std::string& q = d.queries[rng() % d.queries.size()];
                auto t0 = Clock::now();
                auto r = cl.Get(("/api/search?q=" + httplib::detail::encode_query_param(q)).c_str());
                if (!r || r->status != 200) ++search_errors;
                else search_lat[static_cast<std::size_t>(i)].push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            }
        });
    threads.emplace_back([&] {
        httplib::Client cl("127.0.0.1", srv.port);
        cl.set_read_timeout(30, 0);
        cl.set_keep_alive(true);
        auto next = Clock::now();
        for (std::size_t n = 0; Clock::now() < end; ++n) {
            std::this_thread::sleep_until(next);
            next += std::chrono::microseconds(1000000 / desk_rate);
            // Lend item k, and a few steps later take it back: items cycle through the readers.
            std::size_t k = (n / 2 + (n % 2 ? d.items.size() - 4 : 0)) % d.items.size();
            desk_step(cl, s, L, d.items[k], d.patrons[(n / 2) % d.patrons.size()], desk_lat, desk_errors);
        }
    });
    for (auto& t : threads) t.join();
    stop_server(srv, SIGTERM);
    std::vector<double> all;
    for (auto& v : search_lat) all.insert(all.end(), v.begin(), v.end());
    std::printf("OPAC search: %zu requests by %d readers in %d s (%.0f/s), p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %lld\n",
                all.size(), searchers, seconds, static_cast<double>(all.size()) / seconds, pct(all, 0.5), pct(all, 0.99),
                pct(all, 1.0), search_errors.load());
    std::printf("desk checkout/return: %zu requests at %d/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms, errors %lld\n",
                desk_lat.size(), desk_rate, pct(desk_lat, 0.5), pct(desk_lat, 0.99), pct(desk_lat, 1.0), desk_errors.load());
    bool ok = check_db(db, L, true);
    return ok && search_errors == 0 && desk_errors == 0 ? 0 : 1;
}

int run_kill(const std::string& bin, const std::string& db, int rounds) {
    Data d = prepare(db);
    Ledger L;
    std::mt19937 rng(7);
    for (int round = 1; round <= rounds; ++round) {
        // What is out per the database (answers lost in the last kill included).
        {
            auto f = sxbench::db_facts(db);
            L.open.clear();
            for (auto& [id, loan] : f.loans)
                if (!loan.second) L.open[loan.first] = id;
        }
        Child srv = start_server(bin, db);
        Session s = login(srv.port);
        std::atomic<bool> stop{false};
        std::atomic<long long> errors{0};
        std::vector<std::thread> desks;
        for (int t = 0; t < 4; ++t)
            desks.emplace_back([&, t] {
                httplib::Client cl("127.0.0.1", srv.port);
                cl.set_read_timeout(10, 0);
                std::vector<double> lat;
                for (std::size_t n = 0; !stop; ++n) {
                    std::size_t k = static_cast<std::size_t>(t) * 50 + n % 50;
                    desk_step(cl, s, L, d.items[k], d.patrons[(static_cast<std::size_t>(t) * 100 + n) % d.patrons.size()], lat, errors);
                }
            });
        std::this_thread::sleep_for(std::chrono::milliseconds(300 + rng() % 1200));
        stop_server(srv, SIGKILL);
        stop = true;
        for (auto& t : desks) t.join();
        bool ok = check_db(db, L, false);
        std::printf("round %d: killed with -9; %zu loans and %zu returns answered OK so far: %s\n", round, L.lent.size(),
                    L.returned.size(), ok ? "all in the database, integrity ok" : "MISMATCH");
        if (!ok) return 1;
    }
    return check_db(db, L, true) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_server load|kill --shuxiang BIN --db DB [--seconds N] [--searchers N] [--desk-rate N] [--rounds N]\n");
        return 2;
    }
    std::string mode = argv[1], bin, db;
    int seconds = 60, searchers = 50, desk_rate = 10, rounds = 20;
    for (int i = 2; i + 1 < argc; i += 2) {
        std::string k = argv[i], v = argv[i + 1];
        if (k == "--shuxiang") bin = v;
        else if (k == "--db") db = v;
        else if (k == "--seconds") seconds = std::clamp(std::stoi(v), 1, 600);
        else if (k == "--searchers") searchers = std::clamp(std::stoi(v), 1, 200);
        else if (k == "--desk-rate") desk_rate = std::clamp(std::stoi(v), 1, 100);
        else if (k == "--rounds") rounds = std::clamp(std::stoi(v), 1, 100);
    }
    if (bin.empty() || db.empty()) return 2;
    try {
        return mode == "kill" ? run_kill(bin, db, rounds) : run_load(bin, db, seconds, searchers, desk_rate);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_server: %s\n", e.what());
        return 1;
    }
}
