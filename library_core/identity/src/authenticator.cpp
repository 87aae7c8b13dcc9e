// Logins, tokens, passwords and PINs, the bootstrap; rate limiting and auditing of refusals.
#include "shuxiang/identity/authenticator.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "shuxiang/identity/password.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::identity {

using circulation::Action;
using circulation::Ctx;
using circulation::Role;

namespace {

// The operator column of audit rows written before anyone is authenticated.
const std::string kAnonymous = "-";

Result refusal(std::string code, std::initializer_list<std::string> args = {}) {
    Result r;
    r.message = trf("identity.refuse." + code, args);
    r.code = std::move(code);
    return r;
}

Result success(std::string_view key, std::initializer_list<std::string> args = {}) {
    Result r;
    r.ok = true;
    r.message = trf(key, args);
    return r;
}

std::string target_of(const Principal& p) { return std::string(to_string(p.kind)) + ":" + p.id; }

// Verifying against this when the principal has no secret keeps a wrong id as slow as a wrong password.
const std::string& dummy_hash() {
    static const std::string h = hash_password("shuxiang-no-such-principal");
    return h;
}

}  // namespace

const char* to_string(PrincipalKind k) { return k == PrincipalKind::Reader ? "reader" : "operator"; }

long long unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string day_of(long long unix_seconds) {
    std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

Authenticator::Authenticator(circulation::LibraryServices& lib, CredentialStore& store, AuthPolicy policy)
    : lib_(lib), store_(store), policy_(policy) {}

void Authenticator::audit(const std::string& op, std::string_view action, const Principal& target, const Result& r,
                          const std::string& day) {
    lib_.admin().record(Ctx{op, day}, action, target_of(target), r);
}

AuthOutcome Authenticator::refuse(const Principal& who, std::string_view action, std::string code,
                                  std::initializer_list<std::string> args, const std::string& day) {
    AuthOutcome out{refusal(std::move(code), args), who};
    audit(kAnonymous, action, who, out.result, day);
    return out;
}

std::optional<Result> Authenticator::locked(const Principal& who, long long now) {
    // Any run of max_failures failures within failure_window locks from its last failure on.
    const auto f = store_.failures_since(who, now - policy_.lockout - policy_.failure_window);
    const std::size_t n = static_cast<std::size_t>(std::max(policy_.max_failures, 1));
    long long until = 0;
    for (std::size_t i = n - 1; i < f.size(); ++i)
        if (f[i] - f[i + 1 - n] <= policy_.failure_window) until = std::max(until, f[i] + policy_.lockout);
    if (until <= now) return std::nullopt;
    return refusal("locked_out", {std::to_string((until - now + 59) / 60)});
}

// Why a principal with a valid secret still may not act: gone, disabled, or a reader who has left.
std::optional<Result> Authenticator::principal_refusal(const Principal& who) {
    if (who.kind == PrincipalKind::Operator) {
        auto op = lib_.operators().find(who.id);
        if (!op) return refusal("bad_credentials");
        if (op->disabled) return refusal("disabled");
        return std::nullopt;
    }
    auto p = lib_.patrons().find(who.id);
    if (!p) return refusal("bad_credentials");
    if (p->status == circulation::PatronStatus::Left) return refusal("disabled");
    return std::nullopt;
}

AuthOutcome Authenticator::login(const Principal& who, std::string_view secret, long long now) {
    const std::string day = day_of(now);
    if (auto r = locked(who, now)) {
        store_.record_attempt(who, now, AttemptOutcome::Locked);
        AuthOutcome out{*r, who};
        audit(kAnonymous, "identity.login", who, out.result, day);
        return out;
    }
    auto hash = store_.secret(who);
    const bool good = verify_password(hash ? *hash : dummy_hash(), secret) && hash;
    if (!good) {
        store_.record_attempt(who, now, AttemptOutcome::Failed);
        return refuse(who, "identity.login", "bad_credentials", {}, day);
    }
    if (auto r = principal_refusal(who)) {
        store_.record_attempt(who, now, AttemptOutcome::Failed);
        AuthOutcome out{*r, who};
        audit(kAnonymous, "identity.login", who, out.result, day);
        return out;
    }
    store_.record_attempt(who, now, AttemptOutcome::Ok);
    if (needs_rehash(*hash)) store_.set_secret(who, hash_password(secret), now);
    return {success("identity.ok.login"), who};
}

AuthOutcome Authenticator::login_operator(std::string_view id, std::string_view password, long long now) {
    return login({PrincipalKind::Operator, std::string(id)}, password, now);
}

AuthOutcome Authenticator::login_reader(std::string_view reader_id, std::string_view pin, long long now) {
    return login({PrincipalKind::Reader, std::string(reader_id)}, pin, now);
}

IssuedToken Authenticator::issue_token(const Principal& who, long long ttl, long long now) {
    IssuedToken out;
    if (ttl <= 0) ttl = policy_.default_token_ttl;
    if (ttl > policy_.max_token_ttl) {
        out.result = refusal("ttl_too_long", {std::to_string(policy_.max_token_ttl / 3600)});
        return out;
    }
    auto t = new_token();
    store_.add_token({t.hash, who, now, now + ttl, std::nullopt});
    out.text = std::move(t.text);
    out.expires = now + ttl;
    out.result = success("identity.ok.token", {std::to_string((ttl + 3599) / 3600)});
    audit(who.kind == PrincipalKind::Operator ? who.id : kAnonymous, "identity.token", who, out.result, day_of(now));
    return out;
}

AuthOutcome Authenticator::verify_token(std::string_view text, long long now) {
    const std::string day = day_of(now);
    const Principal nobody{};
    if (!looks_like_token(text)) return refuse(nobody, "identity.token", "token_invalid", {}, day);
    const std::string h = token_hash(text);
    auto row = store_.token(h);
    if (!row || !equal_constant_time(row->hash, h)) return refuse(nobody, "identity.token", "token_invalid", {}, day);
    if (row->revoked) return refuse(row->who, "identity.token", "token_revoked", {}, day);
    if (row->expires <= now) return refuse(row->who, "identity.token", "token_expired", {}, day);
    if (auto r = principal_refusal(row->who)) {
        AuthOutcome out{*r, row->who};
        audit(kAnonymous, "identity.token", row->who, out.result, day);
        return out;
    }
    return {success("identity.ok.login"), row->who};
}

Result Authenticator::revoke_token(std::string_view text, long long now) {
    auto v = verify_token(text, now);
    if (!v.result.ok) return v.result;
    store_.revoke_token(token_hash(text), now);
    Result r = success("identity.ok.logout");
    audit(v.who.kind == PrincipalKind::Operator ? v.who.id : kAnonymous, "identity.logout", v.who, r, day_of(now));
    return r;
}

AuthOutcome Authenticator::authenticate_operator(std::string_view id, std::string_view token, std::string_view password,
                                                 long long now) {
    const Principal who{PrincipalKind::Operator, std::string(id)};
    if (id.empty() && token.empty()) return refuse(who, "identity.login", "no_operator", {}, day_of(now));
    if (!token.empty()) {
        auto v = verify_token(token, now);
        if (!v.result.ok) return v;
        if (v.who == who || (id.empty() && v.who.kind == PrincipalKind::Operator)) return v;
        return refuse(who, "identity.token", "token_other_principal", {}, day_of(now));
    }
    if (password.empty()) return refuse(who, "identity.login", "no_credential", {std::string(id)}, day_of(now));
    return login_operator(id, password, now);
}

Result Authenticator::check_secret_rules(std::string_view secret, bool pin) const {
    const std::size_t min = pin ? policy_.min_pin_length : policy_.min_password_length;
    if (secret.size() < min) return refusal(pin ? "pin_too_short" : "password_too_short", {std::to_string(min)});
    if (secret.size() > 1024) return refusal("secret_too_long");
    return success("identity.ok.password");
}

Result Authenticator::set_operator_password(const Ctx& acting, std::string_view id, std::string_view password,
                                            long long now) {
    const Principal who{PrincipalKind::Operator, std::string(id)};
    auto actor = lib_.operators().find(acting.op);
    Result r;
    if (!actor || actor->disabled) r = refusal("not_permitted", {acting.op});
    else if (acting.op != id && !circulation::role_allows(actor->role, Action::ManageOperators)) r = refusal("not_permitted", {acting.op});
    else if (!lib_.operators().find(id)) r = refusal("unknown_operator", {std::string(id)});
    else r = check_secret_rules(password, false);
    if (r.ok) {
        store_.set_secret(who, hash_password(password), now);
        store_.revoke_tokens_of(who, now);
        r = success("identity.ok.password_set", {std::string(id)});
    }
    audit(acting.op, "identity.password", who, r, acting.date);
    return r;
}

Result Authenticator::set_reader_pin(const Ctx& acting, std::string_view reader_id, std::string_view pin, long long now) {
    const Principal who{PrincipalKind::Reader, std::string(reader_id)};
    auto actor = lib_.operators().find(acting.op);
    Result r;
    if (!actor || actor->disabled || !circulation::role_allows(actor->role, Action::ManagePatrons))
        r = refusal("not_permitted", {acting.op});
    else if (!lib_.patrons().find(reader_id)) r = refusal("unknown_reader");
    else r = check_secret_rules(pin, true);
    if (r.ok) {
        store_.set_secret(who, hash_password(pin), now);
        store_.revoke_tokens_of(who, now);
        r = success("identity.ok.pin_set");
    }
    audit(acting.op, "identity.pin", who, r, acting.date);
    return r;
}

bool Authenticator::bootstrap_open() { return !store_.any_operator_secret(); }

Result Authenticator::bootstrap(std::string_view id, std::string_view name, std::string_view password,
                                const std::string& day, long long now) {
    const Principal who{PrincipalKind::Operator, std::string(id)};
    auto existing = lib_.operators().find(id);
    Result r = bootstrap_open() ? success("identity.ok.password") : refusal("bootstrap_closed");
    if (r.ok && id.empty()) r = refusal("empty_id");
    if (r.ok && existing && existing->role != Role::Librarian) r = refusal("bootstrap_not_librarian", {std::string(id)});
    if (r.ok) r = check_secret_rules(password, false);
    if (r.ok && !store_.set_first_operator_secret(who.id, hash_password(password), now)) r = refusal("bootstrap_closed");
    if (r.ok && !existing) {
        // The new librarian is added in the name of a librarian that already exists (the
        // migration's `admin`), which cannot act itself until it has a password.
        std::string by = who.id;
        for (const auto& o : lib_.operators().list())
            if (o.role == Role::Librarian) by = o.id;
        circulation::Operator op{who.id, Role::Librarian, std::string(name), ""};
        Result added = lib_.operators().add(Ctx{by, day}, op);
        if (!added.ok) {
            store_.remove_secret(who);
            r = added;
        }
    }
    if (r.ok) r = success("identity.ok.bootstrap", {who.id});
    audit(r.ok ? who.id : kAnonymous, "identity.bootstrap", who, r, day);
    return r;
}

void Authenticator::forget_operator(std::string_view id, long long now) {
    const Principal who{PrincipalKind::Operator, std::string(id)};
    store_.remove_secret(who);
    store_.revoke_tokens_of(who, now);
}

int Authenticator::revoke_tokens(const Principal& who, long long now) { return store_.revoke_tokens_of(who, now); }

bool Authenticator::has_secret(const Principal& who) { return store_.secret(who).has_value(); }

Ctx Authenticator::ctx_for(const Principal& who, const std::string& day) {
    if (who.kind == PrincipalKind::Reader) return Ctx{"", day, who.id};
    return Ctx{who.id, day, ""};
}

}  // namespace shuxiang::identity
