#pragma once
// A real `shuxiang serve` in-process on 127.0.0.1 (any free port) over a fresh library database
// with a small catalog, readers, operators with passwords and a reader PIN; clients are httplib.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "shuxiang/catalog/csv.hpp"
#include "support/one_range_plan.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/identity/authenticator.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/server/server.hpp"
#include "shuxiang/shelving/db.hpp"
#include "shuxiang/shelving/layout.hpp"

namespace sxs {

using nlohmann::json;
using namespace shuxiang;
using circulation::Ctx;

inline const std::string kDay = "2026-09-01";
inline const std::string kAdminPw = "Desk-Password-2026";
inline const std::string kPin = "4821";
inline const std::string kScriptTitle = "<script>alert('x')</script>小王子";

inline std::filesystem::path temp_db(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / ("sx_server_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto p = dir / (name + ".db");
    for (auto ext : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(p.string() + ext);
    return p;
}

// Adds a record with `copies` items <prefix>1.. and returns its id.
inline long long add_title(catalog::Store& st, const std::string& title, const std::string& call, int copies,
                           const std::string& prefix) {
    std::vector<catalog::ImportEntry> batch(1);
    auto& r = batch[0].record;
    r.title = title;
    r.responsibility = "测试著者";
    r.call_number = call;
    r.clc_class = call.substr(0, call.find('/'));
    r.control_number = "T" + prefix;
    r.marc = catalog::synthesize_cnmarc(r);
    for (int i = 1; i <= copies; ++i) {
        catalog::Item it;
        it.barcode = prefix + std::to_string(i);
        it.call_number = call;
        it.copy_number = i;
        batch[0].items.push_back(it);
    }
    st.import_batch(batch);
    return batch[0].record.id;
}

inline void must(const circulation::Result& r, const char* what) {
    if (!r.ok) throw std::runtime_error(std::string(what) + ": " + r.code + " " + r.message);
}

// Fills a fresh database: librarian admin, volunteer vol1, reviewer rev1 (passwords kAdminPw),
// students S001 张小明 (3-2) and S002 李华 (3-2) with PIN kPin, and three titles.
inline void seed(const std::filesystem::path& db, long long& record_a, long long& record_b) {
    auto lib = circulation::LibraryServices::open(db);
    auto creds = identity::open_credentials(db);
    identity::Authenticator auth(*lib, *creds);
    long long now = identity::unix_now();
    must(auth.bootstrap("admin", "管理员", kAdminPw, kDay, now), "seed");
    Ctx admin{"admin", kDay};
    must(lib->operators().add(admin, {"vol1", circulation::Role::Volunteer, "志愿者", ""}), "seed");
    must(lib->operators().add(admin, {"rev1", circulation::Role::Reviewer, "审核员", ""}), "seed");
    must(auth.set_operator_password(admin, "vol1", kAdminPw, now), "seed");
    must(auth.set_operator_password(admin, "rev1", kAdminPw, now), "seed");
    circulation::Patron a{"S001", circulation::PatronKind::Student, "张小明", 3, "2"};
    circulation::Patron b{"S002", circulation::PatronKind::Student, "李华", 3, "2"};
    must(lib->patrons().add(admin, a), "seed");
    must(lib->patrons().add(admin, b), "seed");
    must(auth.set_reader_pin(admin, "S001", kPin, now), "seed");
    must(auth.set_reader_pin(admin, "S002", kPin, now), "seed");
    record_a = add_title(lib->catalog(), "三体", "I247.55/1", 2, "B1");
    record_b = add_title(lib->catalog(), kScriptTitle, "I565.88/2", 1, "B2");
    add_title(lib->catalog(), "十万个为什么", "Z228/3", 3, "B3");
}

// Saves the one-range plan (tests/support/one_range_plan.hpp) to `plan_file` and shelves the
// collection of `db` on it as `shuxiang shelve` does.
inline void shelve_on_route_plan(const std::filesystem::path& db, const std::filesystem::path& plan_file) {
    const plan::Plan p = test::one_range_plan();
    plan::save_plan(plan_file, p);
    const auto cat = plan::with_plan_types(plan::FurnitureCatalog::builtin(), p);
    shelving::save_assignment(db, shelving::assign(shelving::build_sections(p, cat), shelving::load_items(db)));
}

// A client that keeps the session cookie and the CSRF token like a browser.
// A copy is another tab of the same browser: same session, its own connection.
struct Browser {
    int port = 0;
    std::unique_ptr<httplib::Client> http;
    std::string cookie, csrf;
    explicit Browser(int p) : port(p), http(std::make_unique<httplib::Client>("127.0.0.1", p)) {
        http->set_read_timeout(30, 0);
    }
    Browser(const Browser& o) : Browser(o.port) {
        cookie = o.cookie;
        csrf = o.csrf;
    }
    Browser(Browser&&) = default;
    httplib::Headers headers(bool with_csrf = true) const {
        httplib::Headers h;
        if (!cookie.empty()) h.emplace("Cookie", cookie);
        if (with_csrf && !csrf.empty()) h.emplace("X-CSRF-Token", csrf);
        return h;
    }
    httplib::Result get(const std::string& path) { return http->Get(path.c_str(), headers()); }
    httplib::Result post(const std::string& path, const json& body, bool with_csrf = true) {
        return http->Post(path.c_str(), headers(with_csrf), body.dump(), "application/json");
    }
    httplib::Result post_raw(const std::string& path, const std::string& body) {
        return http->Post(path.c_str(), headers(), body, "application/json");
    }
    // Logs in; keeps the cookie and the token. Returns the HTTP status.
    int login(const std::string& kind, const std::string& id, const std::string& pw) {
        auto r = http->Post("/api/login", headers(false), json{{kind, id}, {"password", pw}}.dump(), "application/json");
        if (!r) return -1;
        if (r->status == 200) {
            auto set = r->get_header_value("Set-Cookie");
            cookie = set.substr(0, set.find(';'));
            csrf = json::parse(r->body)["csrf"].get<std::string>();
        }
        return r->status;
    }
};

struct ServerTest : ::testing::Test {
    std::filesystem::path db = temp_db(::testing::UnitTest::GetInstance()->current_test_info()->name());
    long long record_a = 0, record_b = 0;
    std::unique_ptr<server::WebServer> web;
    std::thread thread;
    int port = 0;

    void SetUp() override {
        seed(db, record_a, record_b);
        server::ServerOptions o;
        o.db = db;
        o.port = 0;
        o.date = kDay;
        o.log_requests = log_requests();
        o.plan = plan_file();
        web = std::make_unique<server::WebServer>(o);
        port = web->bind();
        thread = std::thread([this] { web->serve(); });
    }
    void TearDown() override {
        if (web) web->stop();
        if (thread.joinable()) thread.join();
    }
    virtual bool log_requests() const { return false; }
    // The server's --plan, made after the seed ("" = none).
    virtual std::filesystem::path plan_file() { return {}; }
    Browser browser() { return Browser(port); }
    Browser librarian() {
        Browser b(port);
        EXPECT_EQ(b.login("operator", "admin", kAdminPw), 200);
        return b;
    }
    std::unique_ptr<circulation::LibraryServices> open_lib() { return circulation::LibraryServices::open(db); }
    bool audited_refusal(const std::string& code) {
        for (auto& e : open_lib()->admin().audit(1000))
            if (e.action == "web.refused" && e.outcome == "refused" && e.detail.rfind(code + ":", 0) == 0) return true;
        return false;
    }
};

}  // namespace sxs
