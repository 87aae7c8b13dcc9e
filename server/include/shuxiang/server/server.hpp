#pragma once
// `shuxiang serve`: one process serving a school's library database to its LAN — the circulation
// desk, the readers' catalogue (OPAC) and the JSON API under /api/ that both pages use.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace shuxiang::server {

// The largest request body the server reads (bytes); larger ones get 413 (docs/web-api.md).
inline constexpr std::size_t kMaxBodyBytes = 64 * 1024;

// How to run the server.
struct ServerOptions {
    std::filesystem::path db;      // the library database (library.db)
    std::filesystem::path plan;    // the plan the collection was shelved on: the OPAC's walking routes ("" = none)
    std::string host = "127.0.0.1";
    int port = 8080;               // 0: any free port (tests)
    std::filesystem::path tls_cert, tls_key;  // both set: HTTPS
    std::string date;              // the day every operation is done on ("" = today; tests fix it)
    bool log_requests = true;      // one line per request on stderr (method, path, status, time)
    int threads = 32;              // worker threads (one per open connection: keep-alive holds a thread)
};

// "127.0.0.1:8080", "0.0.0.0:80", ":8080" (all interfaces) -> host and port (0: any free port);
// throws InputError for anything else.
std::pair<std::string, int> parse_listen(std::string_view text);

// The running server. Construction opens the database and checks the certificate (InputError
// naming the file when either is unusable); listen() binds and serves until stop().
class WebServer {
public:
    explicit WebServer(ServerOptions options);
    ~WebServer();
    WebServer(const WebServer&) = delete;
    WebServer& operator=(const WebServer&) = delete;

    // Binds the address; returns the bound port. Throws InputError when the address is taken.
    int bind();
    // Serves on the bound socket until stop() (from another thread or a signal handler's thread).
    void serve();
    void stop();
    bool tls() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace shuxiang::server
