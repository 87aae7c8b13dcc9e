#pragma once
// What the feedback sources share: results with the feedback module's messages.
#include <initializer_list>
#include <string>

#include "shuxiang/circulation/feedback_store.hpp"
#include "shuxiang/circulation/operation.hpp"
#include "shuxiang/circulation/rules.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/reading/feedback.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::reading {

// A refusal with code `code` and the message feedback.refuse.<code>.
inline circulation::Result feedback_refusal(const std::string& code, std::initializer_list<std::string> args) {
    return circulation::Result{false, code, trv("feedback.refuse." + code, std::vector<std::string>(args)), 0, {}};
}

// Done: the message of `key` ("" for none) and the id of what was made.
inline circulation::Result feedback_done(const std::string& key, std::initializer_list<std::string> args, long long id) {
    return circulation::Result{true, "", key.empty() ? std::string() : trv(key, std::vector<std::string>(args)), id, {}};
}

}  // namespace shuxiang::reading
