#pragma once
// Spine labels (书标): a 索书号 split into lines the way Chinese school libraries print it.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace shuxiang::labels {

// The lines of one spine label, top to bottom:
//   1. the 中图法 class number ("I287.45"; a class number longer than `max_chars` is broken before
//      its '.' points, or before an auxiliary mark - = ( " when there is no '.', onto more lines);
//   2. the 书次号 / 著者号 after the '/' ("123", "L45-2");
//   3. volume and copy marks (":2", "=2", "(2)", "v.2", "#3", 上/下), when there are any.
// A call number that does not parse as 中图法 is split at its '/' (and overlong parts cut at
// `max_chars`) so that whatever was catalogued still prints. Empty input gives no lines.
std::vector<std::string> spine_lines(std::string_view call_number, std::size_t max_chars = 8);

// Breaks a class number into pieces of at most `max_chars` characters, before '.' points where
// possible ("TP311.138.2", 8 -> "TP311", ".138.2").
std::vector<std::string> break_class_number(std::string_view class_number, std::size_t max_chars);

}  // namespace shuxiang::labels
