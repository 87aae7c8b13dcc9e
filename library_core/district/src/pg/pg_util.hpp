#pragma once
// Small helpers of the PostgreSQL implementation: array literals for bound parameters, the
// connection with its errors in the user's language.
#include <pqxx/pqxx>

#include <string>
#include <vector>

namespace shuxiang::district::pg {

// A PostgreSQL array literal of text ("{"a","b\"c"}") to bind as one parameter (cast to text[]).
std::string text_array(const std::vector<std::string>& values);
std::string bigint_array(const std::vector<long long>& values);

// Connects to `url`; throws EnvironmentError naming the (redacted) URL when it cannot.
std::unique_ptr<pqxx::connection> connect(const std::string& url);

}  // namespace shuxiang::district::pg
