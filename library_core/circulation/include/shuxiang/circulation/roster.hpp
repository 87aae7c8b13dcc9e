// Reading a class roster file (学号, 姓名, 年级, 班级; or 工号, 姓名 for teachers), CSV in UTF-8 or GBK.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/circulation/types.hpp"

namespace shuxiang::circulation {

// The readers a roster holds, or the errors with their lines ("FILE: line N: ..."); nothing is
// written. PatronsService::import_roster stores what this returns.
struct ParsedRoster {
    std::vector<Patron> patrons;
    std::vector<std::string> errors;
};
ParsedRoster parse_roster(std::string_view data, const std::string& file_name);

}  // namespace shuxiang::circulation
