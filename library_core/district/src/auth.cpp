#include "shuxiang/district/auth.hpp"

#include "shuxiang/identity/password.hpp"

namespace shuxiang::district {

LoginOutcome login_operator(DistrictStore& d, std::string_view id, std::string_view password, long long now,
                            const identity::AuthPolicy& policy) {
    auto& creds = d.credentials();
    const identity::Principal who{identity::PrincipalKind::Operator, std::string(id)};
    if (creds.failures_since(who, now - policy.failure_window).size() >= static_cast<std::size_t>(policy.max_failures)) {
        auto fails = creds.failures_since(who, now - policy.failure_window - policy.lockout);
        if (!fails.empty() && fails.back() + policy.lockout > now) {
            creds.record_attempt(who, now, identity::AttemptOutcome::Locked);
            return {false, "locked_out", {}};
        }
    }
    auto op = d.find_operator(id);
    auto hash = creds.secret(who);
    // Verify even without an operator, so that a wrong id costs the same time as a wrong password.
    const bool match = identity::verify_password(hash.value_or("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$x"), password);
    if (!op || !hash || !match) {
        creds.record_attempt(who, now, identity::AttemptOutcome::Failed);
        return {false, "bad_credentials", {}};
    }
    if (op->disabled) return {false, "disabled", {}};
    creds.record_attempt(who, now, identity::AttemptOutcome::Ok);
    return {true, "", *op};
}

std::string set_operator(DistrictStore& d, const BureauOperator& o, std::string_view password, long long now,
                         const identity::AuthPolicy& policy) {
    if (password.size() < policy.min_password_length) return "password_too_short";
    d.upsert_operator(o);
    d.credentials().set_secret({identity::PrincipalKind::Operator, o.id}, identity::hash_password(password), now);
    return "";
}

}  // namespace shuxiang::district
