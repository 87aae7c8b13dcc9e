#pragma once
// How a command prints the Result of a core operation: JSON (ok, code, message, details, id and the
// command's extra fields) or text (the message and details; stderr when refused).
#include <nlohmann/json.hpp>

#include "shuxiang/circulation/types.hpp"

namespace shuxiang::cli {

// Prints `r`; the exit code: 0 when ok, 3 when refused.
int print_result(const circulation::Result& r, bool json_out, const nlohmann::json& extra = nlohmann::json::object());

}  // namespace shuxiang::cli
