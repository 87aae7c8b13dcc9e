#pragma once
// Password hashes (Argon2id) and bearer tokens: the only place that touches secrets in clear.
#include <string>
#include <string_view>

namespace shuxiang::identity {

// An Argon2id hash of `password` in libsodium's text form ("$argon2id$v=19$m=...,t=...,p=...$salt$hash"),
// with libsodium's interactive limits. Throws std::runtime_error when the memory is not available.
std::string hash_password(std::string_view password);
// Whether `password` matches `hash` (constant time in the password; false for a malformed hash).
bool verify_password(const std::string& hash, std::string_view password);
// Whether `hash` is not Argon2id with the current limits (it should be replaced at the next login).
bool needs_rehash(const std::string& hash);

// A new bearer token: its text for the holder ("sxt_" + 43 URL-safe base64 characters from 32
// random bytes) and the hash under which it is stored.
struct NewToken {
    std::string text;
    std::string hash;
};
NewToken new_token();
// The stored form of a token's text: hex of its BLAKE2b-256 hash (the text itself is never stored).
std::string token_hash(std::string_view text);
// Whether the text has a token's shape (prefix and length); a cheap check before any lookup.
bool looks_like_token(std::string_view text);
// Constant-time comparison of two strings of equal length (false when the lengths differ).
bool equal_constant_time(std::string_view a, std::string_view b);

}  // namespace shuxiang::identity
