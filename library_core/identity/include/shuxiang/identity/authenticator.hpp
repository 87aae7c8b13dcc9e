#pragma once
// Authenticator: who is acting. Logs operators and readers in, issues and checks bearer tokens,
// sets passwords and PINs, and opens the database's one bootstrap. The CLI and the web server both
// call it before they hand an operator to the library's services (services.hpp).
#include <string>
#include <string_view>

#include "shuxiang/circulation/services.hpp"
#include "shuxiang/identity/credentials.hpp"

namespace shuxiang::identity {

using circulation::Result;

// Limits of the Authenticator (seconds). Defaults: 5 failed logins within 15 minutes lock that
// principal for 15 minutes; tokens live 12 hours by default and 30 days at most.
struct AuthPolicy {
    int max_failures = 5;
    long long failure_window = 15 * 60;
    long long lockout = 15 * 60;
    long long default_token_ttl = 12 * 3600;
    long long max_token_ttl = 30 * 24 * 3600;
    std::size_t min_password_length = 8;  // operators
    std::size_t min_pin_length = 4;       // readers (a card PIN)
};

// The outcome of a login or a token check: `result.ok` and the principal, or a refusal with a
// stable code (bad_credentials, locked_out, disabled, token_expired, token_revoked, ...).
struct AuthOutcome {
    Result result;
    Principal who;
};

// A token just issued: its text (shown once to its holder, never stored) and when it expires.
struct IssuedToken {
    Result result;
    std::string text;
    long long expires = 0;
};

class Authenticator {
public:
    // `lib` answers who the operators and readers are and keeps the audit log; `store` keeps the
    // secrets. Both must outlive the Authenticator. Like them it is not for concurrent use: a server
    // keeps one per worker thread, or calls it under the lock that guards its LibraryServices.
    Authenticator(circulation::LibraryServices& lib, CredentialStore& store, AuthPolicy policy = {});

    // Password login of an operator / PIN login of a reader at `now` (Unix seconds). A wrong id and
    // a wrong secret give the same refusal (bad_credentials). Every attempt is recorded; every
    // refusal is audited.
    AuthOutcome login_operator(std::string_view id, std::string_view password, long long now);
    AuthOutcome login_reader(std::string_view reader_id, std::string_view pin, long long now);

    // A bearer token for a principal that has just logged in (ttl in seconds; 0: the default).
    IssuedToken issue_token(const Principal& who, long long ttl, long long now);
    // The principal a token stands for, or token_invalid / token_expired / token_revoked / disabled.
    AuthOutcome verify_token(std::string_view text, long long now);
    // Revokes the token (its holder logs out). Refused for a token that is not live.
    Result revoke_token(std::string_view text, long long now);

    // An operator's credential for a command run in that operator's name: a token whose principal
    // is `id` (any operator's token when `id` is empty), else the password. Refusals are audited
    // (no_operator when there is neither an id nor a token, no_credential without token and password).
    AuthOutcome authenticate_operator(std::string_view id, std::string_view token, std::string_view password,
                                      long long now);

    // Sets an operator's password. `acting` is an authenticated operator: itself, or a librarian.
    // The operator's live tokens are revoked.
    Result set_operator_password(const circulation::Ctx& acting, std::string_view id, std::string_view password,
                                 long long now);
    // Sets a reader's PIN (librarians only, authenticated in `acting`).
    Result set_reader_pin(const circulation::Ctx& acting, std::string_view reader_id, std::string_view pin,
                          long long now);

    // Whether the database still accepts its bootstrap: no operator holds a credential.
    bool bootstrap_open();
    // The bootstrap: while bootstrap_open(), one librarian `id` gets `password` without any other
    // credential (created when it does not exist; the migration's `admin` may be claimed). Refused
    // with bootstrap_closed afterwards.
    Result bootstrap(std::string_view id, std::string_view name, std::string_view password, const std::string& day,
                     long long now);

    // Removes every credential of an operator (its password and live tokens), e.g. when it is removed.
    void forget_operator(std::string_view id, long long now);
    // Revokes every live token of a principal (e.g. an operator just disabled); returns how many.
    int revoke_tokens(const Principal& who, long long now);
    // Whether a principal has a password or PIN.
    bool has_secret(const Principal& who);

    // The Ctx the library's services take for an authenticated principal on `day`: an operator
    // acts as `op`; a reader acts for themselves (`reader`, op empty).
    static circulation::Ctx ctx_for(const Principal& who, const std::string& day);

    // Whether a new password (or, with `pin`, a reader's PIN) is acceptable: ok, or password_too_short ...
    Result check_secret_rules(std::string_view secret, bool pin) const;

    const AuthPolicy& policy() const { return policy_; }

private:
    AuthOutcome login(const Principal& who, std::string_view secret, long long now);
    std::optional<Result> locked(const Principal& who, long long now);
    std::optional<Result> principal_refusal(const Principal& who);
    AuthOutcome refuse(const Principal& who, std::string_view action, std::string code,
                       std::initializer_list<std::string> args, const std::string& day);
    void audit(const std::string& op, std::string_view action, const Principal& target, const Result& r,
               const std::string& day);

    circulation::LibraryServices& lib_;
    CredentialStore& store_;
    AuthPolicy policy_;
};

// Unix seconds now.
long long unix_now();
// YYYY-MM-DD (UTC) of a Unix time, for audit rows.
std::string day_of(long long unix_seconds);

}  // namespace shuxiang::identity
