#pragma once
// The district server for tests: served on 127.0.0.1 over a real PostgreSQL database, with
// httplib logins (cookie and CSRF token) of bureau operators.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "shuxiang/server/district_server.hpp"

namespace sxd {

inline const std::string kPw = "Bureau-Pass-2026";

struct Running {
    std::unique_ptr<shuxiang::server::DistrictServer> srv;
    std::thread th;
    int port = 0;
    explicit Running(const std::string& url) {
        shuxiang::server::DistrictServerOptions o;
        o.pg_url = url;
        o.port = 0;
        o.year = 2026;
        o.log_requests = false;
        srv = std::make_unique<shuxiang::server::DistrictServer>(o);
        port = srv->bind();
        th = std::thread([this] { srv->serve(); });
    }
    ~Running() {
        srv->stop();
        th.join();
    }
};

struct Session {
    std::string cookie, csrf;
};

inline Session login(httplib::Client& cli, const std::string& id) {
    auto r = cli.Post("/api/login", nlohmann::json{{"operator", id}, {"password", kPw}}.dump(), "application/json");
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    if (!r || r->status != 200) return {};
    auto set = r->get_header_value("Set-Cookie");
    return {set.substr(0, set.find(';')), nlohmann::json::parse(r->body)["csrf"]};
}

inline httplib::Headers with(const Session& s, bool csrf = true) {
    httplib::Headers h{{"Cookie", s.cookie}};
    if (csrf) h.emplace("X-CSRF-Token", s.csrf);
    return h;
}

}  // namespace sxd
