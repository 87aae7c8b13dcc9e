#pragma once
// The circulation module's names for the shared statement layer (shuxiang/util/sqlite.hpp).
#include <string_view>

#include "shuxiang/util/sqlite.hpp"

namespace shuxiang::circulation::sql {

using shuxiang::sqlite::exec;
using shuxiang::sqlite::Stmt;

inline long long scalar(sqlite3* db, std::string_view text, std::string_view arg = {}, bool has_arg = false) {
    Stmt s(db, text);
    if (has_arg) s.bind(1, arg);
    return s.step() ? s.i64(0) : 0;
}

}  // namespace shuxiang::circulation::sql
