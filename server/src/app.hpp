#pragma once
// The server's inside: the request context every route gets (language, session, services), the
// route table, request-body checking and the pool of library connections.
#include <httplib.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <condition_variable>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "shuxiang/circulation/services.hpp"
#include "shuxiang/identity/credentials.hpp"
#include "shuxiang/server/server.hpp"
#include "shuxiang/server/sessions.hpp"
#include "shuxiang/route/shelf_route.hpp"
#include "shuxiang/shelving/assign.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::server {

using nlohmann::json;

// A request the server refuses: the HTTP status and a message already in the reader's language.
struct HttpError : std::runtime_error {
    int status;
    std::string code;
    HttpError(int s, std::string c, const std::string& message) : std::runtime_error(message), status(s), code(std::move(c)) {}
};

// One connection's worth of the library: its services and the credential store beside them.
struct Connection {
    std::unique_ptr<circulation::LibraryServices> services;
    std::unique_ptr<identity::CredentialStore> credentials;
};

// Library connections, one per concurrent request: the database serialises the writers (BEGIN IMMEDIATE,
// busy timeout) while readers run in parallel (WAL).
class ServicesPool {
public:
    explicit ServicesPool(std::filesystem::path db) : db_(std::move(db)) {}
    std::shared_ptr<Connection> acquire();

private:
    std::filesystem::path db_;
    std::mutex mu_;
    std::vector<std::unique_ptr<Connection>> free_;
};

struct App;

// One request as a route sees it.
struct Call {
    Call(const httplib::Request& rq, httplib::Response& rs, App& a) : req(rq), res(rs), app(a) {}
    const httplib::Request& req;
    httplib::Response& res;
    App& app;
    Language lang = Language::ZhCN;
    std::string session_id;
    std::optional<Session> session;

    circulation::LibraryServices& svc();
    identity::CredentialStore& credentials();
    // The acting operator and the day for a library operation.
    circulation::Ctx ctx() const;
    std::string day() const;
    bool is_operator() const { return session && session->who.kind == Principal::Kind::Operator; }
    bool is_reader() const { return session && session->who.kind == Principal::Kind::Reader; }
    // An operator whose role allows `a` (circulation's role table).
    bool operator_may(circulation::Action a) const;

    void send_json(const json& j, int status = 200);
    void send_html(const std::string& html, int status = 200);

private:
    std::shared_ptr<Connection> lease_;
};

// Who may call a route.
// Anyone: logged in, either kind. ReaderData: an operator whose role may read readers' names,
// numbers and loans (circulation::Action::ViewReaders; not a reviewer).
enum class Access { Public, Operator, Reader, Anyone, ReaderData };

struct Route {
    std::string method;   // GET, POST
    std::string pattern;  // httplib pattern (regex)
    Access access = Access::Public;
    bool mutating = false;  // needs the X-CSRF-Token header (and a session unless Public)
    std::function<void(Call&)> handler;
};
using RouteTable = std::vector<Route>;

// At most `capacity` holders at once, admitted in arrival order (a plain semaphore wakes waiters
// in any order, which gives a few unlucky readers very long waits under load).
class FairGate {
public:
    explicit FairGate(int capacity) : free_(capacity) {}
    void acquire();
    void release();

private:
    std::mutex mu_;
    std::condition_variable cv_;
    unsigned long long next_ = 0, admitted_ = 0;
    int free_;
};

// Where each shelved copy stands (the stored shelving assignment, read at start).
struct ShelfIndex {
    std::optional<shelving::Assignment> assignment;
    std::map<long long, std::size_t> placed;  // item id -> index into assignment->placed
    std::map<long long, std::string> unplaced;  // item id -> translation key of the reason
    // The copy's place in words ("" when the collection is not shelved or the copy is not placed).
    std::string describe(long long item_id) const;
    // The section the copy stands on (and its shelf level, 1 = top); null when it is not on a shelf.
    const shelving::Section* section_of(long long item_id, int* shelf_level = nullptr) const;
};

struct App {
    ServerOptions opts;
    ServicesPool pool;
    SessionStore sessions;
    std::filesystem::path web_dir;  // assets/web
    ShelfIndex shelves;
    std::unique_ptr<route::RoutePlanner> routes;  // the plan's walking routes; null without --plan
    // Catalogue searches at once: about one per core, so that a crowd of readers searching cannot
    // starve the desk's loans and returns of CPU (they wait here, not in front of the desk).
    FairGate search_gate;
    explicit App(ServerOptions o);
};
ShelfIndex load_shelf_index(const std::filesystem::path& db);
// The plan of --plan with every level's navmesh built. Throws InputError naming the file.
std::unique_ptr<route::RoutePlanner> load_routes(const std::filesystem::path& plan_path);
// "/opac/route?item=<barcode>" for a copy on a shelf when the server has a plan; "" otherwise.
std::string route_href(const Call& c, const catalog::Item& it);

// The reader's language: ?lang=en, else the sx_lang cookie, else Chinese.
Language request_language(const httplib::Request& req);
std::string cookie_value(const httplib::Request& req, std::string_view name);
// Writes an audit row for a refused call (no session 401, wrong principal or CSRF 403).
void audit_refusal(Call& c, const std::string& code);

// Holds one place in App::search_gate for its lifetime.
struct SearchSlot {
    explicit SearchSlot(App& a) : app(a) { app.search_gate.acquire(); }
    ~SearchSlot() { app.search_gate.release(); }
    SearchSlot(const SearchSlot&) = delete;
    SearchSlot& operator=(const SearchSlot&) = delete;
    App& app;
};

// A fresh session for someone who just logged in: the cookie and {"csrf": ...}.
void start_session(Call& c, const Principal& who);
void add_login_route(RouteTable& t);

// The route groups (one file each).
void add_auth_routes(RouteTable& t);
void add_catalog_routes(RouteTable& t);
void add_circ_routes(RouteTable& t);
void add_acq_routes(RouteTable& t);
void add_stats_routes(RouteTable& t);
void add_page_routes(RouteTable& t);
void add_reader_routes(RouteTable& t);
void add_hold_routes(RouteTable& t);
void add_route_routes(RouteTable& t);
void add_feedback_routes(RouteTable& t);  // routes_feedback.cpp: reviews, recommendations, parents
void add_reading_routes(RouteTable& t);   // reading lists and programmes (routes_reading.cpp)
void add_activity_routes(RouteTable& t);  // reading activities and room bookings
// A reader's open holds (waiting, ready) with titles.
json holds_json(Call& c, const std::vector<circulation::Hold>& holds);

// Request bodies: a JSON object whose fields are all known and of the declared type.
enum class JType { String, Integer, Boolean };
struct Field {
    const char* name;
    JType type;
    bool required;
};
json parse_body(const Call& c, std::initializer_list<Field> fields);
std::string str_field(const json& body, const char* name);

// A library Result as JSON, with the HTTP status its code maps to (403 not permitted, 404 unknown, 409 refused).
void send_result(Call& c, const circulation::Result& r);

// Catalogue helpers shared by the OPAC and the desk.
json item_json(Call& c, const catalog::Item& it);
json record_summary(Call& c, long long record_id);

}  // namespace shuxiang::server
