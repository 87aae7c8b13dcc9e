#pragma once
// The district server's inside: a pool of district store connections, the request context with
// the session (the school server's SessionStore and CSRF check), role-based access, the routes.
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app.hpp"
#include "shuxiang/district/store.hpp"
#include "shuxiang/server/district_server.hpp"

namespace shuxiang::server::districts {

// One connection per concurrent request (a pqxx connection is for one thread at a time).
class StorePool {
public:
    explicit StorePool(std::string url) : url_(std::move(url)) {}
    std::shared_ptr<district::DistrictStore> acquire();

private:
    std::string url_;
    std::mutex mu_;
    std::vector<std::unique_ptr<district::DistrictStore>> free_;
};

struct DApp {
    DistrictServerOptions opts;
    StorePool pool;
    SessionStore sessions;
    explicit DApp(DistrictServerOptions o) : opts(o), pool(o.pg_url) {}
};

// Who may call a route: anyone, any logged-in bureau operator, or these roles.
enum class Need { Public, Operator, Reviewer, Admin, Inspector };

struct DCall {
    const httplib::Request& req;
    httplib::Response& res;
    DApp& app;
    Language lang = Language::ZhCN;
    std::optional<Session> session;
    std::shared_ptr<district::DistrictStore> store_lease;
    district::DistrictStore& store();
    int year() const;  // ?year=, else the server's, else this year
    bool has_role(const char* role) const { return session && session->who.role == role; }
    void send_json(const nlohmann::json& j, int status = 200);
    void send_html(const std::string& html, int status = 200);
};

struct DRoute {
    std::string method, pattern;
    Need need = Need::Public;
    bool mutating = false;
    std::function<void(DCall&)> handler;
};
using DRoutes = std::vector<DRoute>;

// The inspection steps shared by the API (JSON) and the reviewers' page forms. Each throws
// HttpError on a refusal (409 drawn/published, 404 not drawn/picked, 403 not the drawn inspector).
district::Inspection draw_for(DCall& c, int year, long long count, std::optional<unsigned long long> seed);
void record_result(DCall& c, int year, const std::string& school, const std::string& result, const std::string& note);
district::Inspection publish_for(DCall& c, int year);

void add_api_routes(DRoutes& t);
void add_page_routes(DRoutes& t);
// The request body as a JSON object (400 otherwise).
nlohmann::json body_object(const DCall& c);

}  // namespace shuxiang::server::districts
