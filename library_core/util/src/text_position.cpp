#include "shuxiang/util/text_position.hpp"

#include <algorithm>

namespace shuxiang {

std::pair<std::size_t, std::size_t> line_column(std::string_view text, std::size_t pos) {
    pos = std::min(pos, text.size());
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < pos; ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++line;
            col = 1;
        } else if ((c & 0xC0) != 0x80) {  // count UTF-8 lead bytes only
            ++col;
        }
    }
    return {line, col};
}

}  // namespace shuxiang
