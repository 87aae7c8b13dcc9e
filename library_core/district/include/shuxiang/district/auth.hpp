#pragma once
// Bureau operators' logins: the identity module's Argon2id hashes, credential store interface and
// lockout policy (identity::AuthPolicy), over the district database.
#include <string>
#include <string_view>

#include "shuxiang/district/store.hpp"
#include "shuxiang/identity/authenticator.hpp"

namespace shuxiang::district {

struct LoginOutcome {
    bool ok = false;
    std::string code;  // bad_credentials, locked_out, disabled
    BureauOperator who;
};

// Password login at `now`: a wrong id and a wrong password give the same refusal; too many
// failures within the policy's window lock the operator for the policy's lockout.
LoginOutcome login_operator(DistrictStore& d, std::string_view id, std::string_view password, long long now,
                            const identity::AuthPolicy& policy = {});

// Creates or updates a bureau operator with a password (the CLI, run by whoever administers the
// district database). Refused with password_too_short.
std::string set_operator(DistrictStore& d, const BureauOperator& o, std::string_view password, long long now,
                         const identity::AuthPolicy& policy = {});

}  // namespace shuxiang::district
