#pragma once
// `shuxiang district serve`: the bureau's reviewers' pages and JSON API over the district's
// PostgreSQL database — dashboard by county, each school's history, the excellent-library
// ranking, who has not submitted, the union catalogue, the 双随机一公开 inspection.
#include <memory>
#include <string>

namespace shuxiang::server {

struct DistrictServerOptions {
    std::string pg_url;
    std::string host = "127.0.0.1";
    int port = 8090;  // 0: any free port (tests)
    int year = 0;     // the review year when a request names none (0: this year)
    bool log_requests = true;
    int threads = 8;
};

class DistrictServer {
public:
    // Connects (and migrates) once, so that a bad URL shows at start (EnvironmentError).
    explicit DistrictServer(DistrictServerOptions options);
    ~DistrictServer();
    DistrictServer(const DistrictServer&) = delete;
    DistrictServer& operator=(const DistrictServer&) = delete;
    int bind();  // returns the bound port; InputError when the address is taken
    void serve();
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace shuxiang::server
