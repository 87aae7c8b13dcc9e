#pragma once
// Code 128 symbols as bars in module units (encoded by zint), for drawing at any size.
#include <string>
#include <string_view>
#include <vector>

namespace shuxiang::labels {

// One dark bar: its left edge and width, in modules from the symbol's first bar.
struct Bar {
    int start = 0;
    int width = 0;
};

// A Code 128 symbol without quiet zones: `modules` wide, the bars left to right.
struct Code128 {
    int modules = 0;
    std::vector<Bar> bars;
};

// Encodes `text` (printable ASCII: barcodes, reader numbers) as Code 128 with zint, which picks
// code sets A/B/C and the check symbol. Throws InputError naming the text when it cannot be
// encoded (empty, too long, characters outside Latin-1).
Code128 encode_code128(std::string_view text);

}  // namespace shuxiang::labels
