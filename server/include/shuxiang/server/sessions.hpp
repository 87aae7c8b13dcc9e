#pragma once
// Login sessions of the web server: random ids (32 bytes from OpenSSL's generator) handed out in
// an HttpOnly cookie, a CSRF token per session compared in constant time, idle expiry. A login
// always makes a new session (no fixation); logout deletes it.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace shuxiang::server {

// Who a session belongs to: a library operator (desk, acquisitions) or a reader (the OPAC).
struct Principal {
    enum class Kind { Operator, Reader };
    Kind kind = Kind::Reader;
    std::string id;    // operator id, or the reader's number (学号/工号)
    std::string role;  // operators: the role ("librarian", ...); readers: ""
    std::string name;
};

struct Session {
    Principal who;
    std::string csrf;
    std::chrono::steady_clock::time_point last_seen;
};

class SessionStore {
public:
    explicit SessionStore(std::chrono::seconds idle_limit = std::chrono::hours(8)) : idle_(idle_limit) {}
    // A fresh session; returns its id (64 hex characters).
    std::string create(const Principal& who);
    // The live session with this id (touching it), or nullopt (unknown, expired).
    std::optional<Session> find(std::string_view id);
    void erase(std::string_view id);
    std::size_t size();

private:
    std::mutex mu_;
    std::map<std::string, Session, std::less<>> sessions_;
    std::chrono::seconds idle_;
};

// 32 random bytes as 64 lower-case hex characters.
std::string random_token();
// Equality of two secrets in time independent of where they differ.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace shuxiang::server
