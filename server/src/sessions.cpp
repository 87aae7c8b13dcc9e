#include "shuxiang/server/sessions.hpp"

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace shuxiang::server {

std::string random_token() {
    std::array<unsigned char, 32> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
        throw std::runtime_error("no random bytes from OpenSSL");
    static const char* hex = "0123456789abcdef";
    std::string out;
    out.reserve(64);
    for (unsigned char b : bytes) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out;
}

bool same_secret(std::string_view a, std::string_view b) {
    if (a.size() != b.size() || a.empty()) return false;
    return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string SessionStore::create(const Principal& who) {
    std::string id = random_token();
    std::lock_guard lock(mu_);
    // Drop expired sessions now and then so that the map cannot grow without bound.
    auto now = std::chrono::steady_clock::now();
    for (auto it = sessions_.begin(); it != sessions_.end();)
        it = now - it->second.last_seen > idle_ ? sessions_.erase(it) : std::next(it);
    sessions_[id] = Session{who, random_token(), now};
    return id;
}

std::optional<Session> SessionStore::find(std::string_view id) {
    if (id.size() != 64) return std::nullopt;
    std::lock_guard lock(mu_);
    auto it = sessions_.find(id);
    if (it == sessions_.end()) return std::nullopt;
    auto now = std::chrono::steady_clock::now();
    if (now - it->second.last_seen > idle_) {
        sessions_.erase(it);
        return std::nullopt;
    }
    it->second.last_seen = now;
    return it->second;
}

void SessionStore::erase(std::string_view id) {
    std::lock_guard lock(mu_);
    if (auto it = sessions_.find(id); it != sessions_.end()) sessions_.erase(it);
}

std::size_t SessionStore::size() {
    std::lock_guard lock(mu_);
    return sessions_.size();
}

}  // namespace shuxiang::server
