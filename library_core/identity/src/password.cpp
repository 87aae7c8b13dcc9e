// Password hashing and tokens over libsodium.
#include "shuxiang/identity/password.hpp"

#include <sodium.h>

#include <stdexcept>

namespace shuxiang::identity {

namespace {

constexpr std::string_view kTokenPrefix = "sxt_";
constexpr std::size_t kTokenBytes = 32;

void ensure_sodium() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

std::string hash_password(std::string_view password) {
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return std::string(out);
}

bool verify_password(const std::string& hash, std::string_view password) {
    ensure_sodium();
    if (hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool needs_rehash(const std::string& hash) {
    ensure_sodium();
    if (hash.rfind(crypto_pwhash_argon2id_STRPREFIX, 0) != 0) return true;
    return crypto_pwhash_str_needs_rehash(hash.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

NewToken new_token() {
    ensure_sodium();
    unsigned char raw[kTokenBytes];
    randombytes_buf(raw, sizeof raw);
    constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    char b64[sodium_base64_ENCODED_LEN(kTokenBytes, variant)];
    sodium_bin2base64(b64, sizeof b64, raw, sizeof raw, variant);
    sodium_memzero(raw, sizeof raw);
    NewToken t;
    t.text = std::string(kTokenPrefix) + b64;
    t.hash = token_hash(t.text);
    return t;
}

std::string token_hash(std::string_view text) {
    ensure_sodium();
    unsigned char h[crypto_generichash_BYTES];
    crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(text.data()), text.size(), nullptr, 0);
    char hex[2 * sizeof h + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return std::string(hex);
}

bool looks_like_token(std::string_view text) {
    constexpr std::size_t body = sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1;
    return text.size() == kTokenPrefix.size() + body && text.substr(0, kTokenPrefix.size()) == kTokenPrefix;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
    ensure_sodium();
    if (a.size() != b.size()) return false;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace shuxiang::identity
