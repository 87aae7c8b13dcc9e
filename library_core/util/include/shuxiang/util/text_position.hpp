#pragma once
// Line and column of a place in a text, for parse errors that name their place as "line L, column C".
#include <cstddef>
#include <string_view>
#include <utility>

namespace shuxiang {

// Line and column (1-based; columns count characters, not UTF-8 bytes) of the byte `pos` (0-based)
// of `text`.
std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t pos);

}  // namespace shuxiang
