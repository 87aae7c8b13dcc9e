#pragma once
// Test helper: one real PostgreSQL cluster per test binary, created with initdb in a temporary
// folder, listening only on a Unix socket there, stopped and removed when the binary exits. Each
// test gets its own database (fresh_database). As root (CI), the server runs as the `postgres`
// user, which owns the folder. Without PostgreSQL's binaries, skip_reason() says so.
#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "support/process.hpp"

namespace shuxiang::test {

class PgCluster {
public:
    // The cluster of this binary, started on first use; null when it cannot run (see skip_reason()).
    static PgCluster* get() {
        static std::unique_ptr<PgCluster> c = start();
        return c && c->ok_ ? c.get() : nullptr;
    }
    static std::string& skip_reason() {
        static std::string r;
        return r;
    }
    // A new empty database; returns its connection URL.
    std::string fresh_database(const std::string& hint) {
        std::string name = "t" + std::to_string(++count_) + "_" + hint;
        for (auto& ch : name)
            if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
        auto r = run_command(as_user() + bin_ + "/createdb -h " + dir_.string() + " -p " + std::to_string(port_) +
                             " -U postgres " + name);
        if (r.code != 0) ADD_FAILURE() << "createdb: " << r.out;
        return url(name);
    }
    std::string url(const std::string& db) const {
        return "postgresql:///" + db + "?host=" + dir_.string() + "&port=" + std::to_string(port_) + "&user=postgres";
    }
    std::string bin() const { return bin_; }
    ~PgCluster() {
        if (ok_) run_command(as_user() + bin_ + "/pg_ctl -D " + (dir_ / "data").string() + " -m immediate -w stop");
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }

private:
    static std::unique_ptr<PgCluster> start() {
        auto c = std::unique_ptr<PgCluster>(new PgCluster);
        const char* env = std::getenv("SHUXIANG_PG_BIN");
        c->bin_ = env ? env : "/usr/lib/postgresql/15/bin";
        if (!std::filesystem::exists(c->bin_ + "/initdb") || !std::filesystem::exists(c->bin_ + "/pg_ctl")) {
            skip_reason() = "PostgreSQL binaries not found in " + c->bin_ + " (install postgresql-15, see scripts/setup.sh)";
            return c;
        }
        char tmpl[] = "/tmp/sx_pg_XXXXXX";
        if (!mkdtemp(tmpl)) return c;
        c->dir_ = tmpl;
        c->port_ = 20000 + static_cast<int>(::getpid() % 20000);
        if (::geteuid() == 0) {
            // PostgreSQL refuses to run as root: the folder goes to the postgres user.
            struct passwd* pw = getpwnam("postgres");
            if (!pw) {
                skip_reason() = "running as root and there is no postgres user to run PostgreSQL";
                return c;
            }
            if (chown(c->dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) return c;
            c->root_ = true;
        }
        auto init = run_command(c->as_user() + c->bin_ + "/initdb -D " + (c->dir_ / "data").string() +
                                " -U postgres -A trust -E UTF8 --locale=C --no-sync");
        if (init.code != 0) {
            ADD_FAILURE() << "initdb failed: " << init.out;
            return c;
        }
        auto up = run_command(c->as_user() + c->bin_ + "/pg_ctl -D " + (c->dir_ / "data").string() + " -l " +
                              (c->dir_ / "log").string() + " -w -o \"-k " + c->dir_.string() + " -p " +
                              std::to_string(c->port_) + " -c listen_addresses='' -c fsync=off\" start");
        if (up.code != 0) {
            ADD_FAILURE() << "pg_ctl start failed: " << up.out;
            return c;
        }
        c->ok_ = true;
        return c;
    }
    std::string as_user() const { return root_ ? "runuser -u postgres -- " : ""; }

    std::string bin_;
    std::filesystem::path dir_;
    int port_ = 0;
    bool ok_ = false, root_ = false;
    int count_ = 0;
};

}  // namespace shuxiang::test

// Skips the test (with the reason) when the cluster cannot run; otherwise `url` is a fresh database.
#define SX_PG_DATABASE(url)                                                                   \
    auto* sx_pg_cluster_ = ::shuxiang::test::PgCluster::get();                                \
    if (!sx_pg_cluster_) GTEST_SKIP() << ::shuxiang::test::PgCluster::skip_reason();          \
    const std::string url = sx_pg_cluster_->fresh_database(                                  \
        ::testing::UnitTest::GetInstance()->current_test_info()->name())
