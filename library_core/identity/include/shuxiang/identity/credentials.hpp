#pragma once
// Where identity keeps its secrets: password/PIN hashes per principal, bearer tokens (by hash) and
// login attempts, behind one interface so that the Authenticator never names a storage engine.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shuxiang::identity {

// Who a credential belongs to: a library operator (operators table) or a reader (patron number).
enum class PrincipalKind { Operator, Reader };
const char* to_string(PrincipalKind k);

// A principal: its kind and its id (operator id or reader number).
struct Principal {
    PrincipalKind kind = PrincipalKind::Operator;
    std::string id;
    bool operator==(const Principal&) const = default;
};

// A stored token: never its text, only its hash. Times are Unix seconds.
struct TokenRow {
    std::string hash;
    Principal who;
    long long issued = 0, expires = 0;
    std::optional<long long> revoked;  // when it was revoked
};

// What a login attempt came to: counted failures lock a principal, `locked` attempts are not counted.
enum class AttemptOutcome { Ok, Failed, Locked };

// Storage of secrets, tokens and attempts. Implementations are safe to share between processes
// opening the same database; each call is its own transaction.
class CredentialStore {
public:
    virtual ~CredentialStore() = default;

    // The password (operators) or PIN (readers) hash of a principal, if it has one.
    virtual std::optional<std::string> secret(const Principal& p) = 0;
    virtual void set_secret(const Principal& p, const std::string& hash, long long now) = 0;
    virtual void remove_secret(const Principal& p) = 0;
    // Whether any operator holds a secret (false: the database still accepts its bootstrap).
    virtual bool any_operator_secret() = 0;
    // Sets an operator's secret only when no operator holds one yet, atomically; false otherwise.
    virtual bool set_first_operator_secret(const std::string& id, const std::string& hash, long long now) = 0;

    virtual void add_token(const TokenRow& t) = 0;
    virtual std::optional<TokenRow> token(const std::string& hash) = 0;
    // Marks one token revoked; false when it does not exist or was revoked already.
    virtual bool revoke_token(const std::string& hash, long long now) = 0;
    // Revokes every live token of a principal; returns how many.
    virtual int revoke_tokens_of(const Principal& p, long long now) = 0;

    virtual void record_attempt(const Principal& p, long long at, AttemptOutcome outcome) = 0;
    // Times of the failed attempts at or after `since` and after the principal's last successful
    // login, oldest first.
    virtual std::vector<long long> failures_since(const Principal& p, long long since) = 0;
};

// The credential tables (id_*) inside the library database at `db`, created or migrated on open
// (their schema version is kept in id_schema). Throws InputError naming the file.
std::unique_ptr<CredentialStore> open_credentials(const std::filesystem::path& db);

}  // namespace shuxiang::identity
