// Code 128 round trip: a symbol drawn by the label code is decoded here from its bar widths, so the
// test fails if the wrong data (or a wrong check symbol) is encoded or the bars are drawn wrong.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "shuxiang/labels/barcode.hpp"
#include "shuxiang/labels/pdf.hpp"
#include "shuxiang/util/error.hpp"

using namespace shuxiang;

namespace {

// Bar/space widths of the Code 128 symbol values 0..106 (ISO/IEC 15417 table 1; 106 is STOP,
// which has a seventh element).
const std::array<const char*, 107> kPatterns = {
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
    "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
    "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
    "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
    "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
    "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
    "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
    "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
    "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
    "114131", "311141", "411131", "211412", "211214", "211232", "2331112"};

// Widths of the alternating dark/light runs between the quiet zones, in modules.
std::vector<int> element_widths(const std::vector<unsigned char>& row, int px_per_module) {
    std::size_t b = 0, e = row.size();
    while (b < e && !row[b]) ++b;
    while (e > b && !row[e - 1]) --e;
    std::vector<int> out;
    for (std::size_t i = b; i < e;) {
        std::size_t j = i;
        while (j < e && row[j] == row[i]) ++j;
        out.push_back(static_cast<int>(std::lround(static_cast<double>(j - i) / px_per_module)));
        i = j;
    }
    return out;
}

// Symbol values, checked: start, data..., check symbol (the stop pattern is verified, not returned).
std::optional<std::vector<int>> symbol_values(const std::vector<int>& w) {
    if (w.size() < 6 * 3 + 7 || (w.size() - 7) % 6 != 0) return std::nullopt;
    std::string stop;
    for (std::size_t i = w.size() - 7; i < w.size(); ++i) stop += std::to_string(w[i]);
    if (stop != kPatterns[106]) return std::nullopt;
    std::vector<int> values;
    for (std::size_t s = 0; s + 7 < w.size(); s += 6) {
        std::string p;
        for (std::size_t i = s; i < s + 6; ++i) p += std::to_string(w[i]);
        int v = -1;
        for (int k = 0; k < 106; ++k)
            if (p == kPatterns[static_cast<std::size_t>(k)]) v = k;
        if (v < 0) return std::nullopt;
        values.push_back(v);
    }
    long sum = values.front();
    for (std::size_t i = 1; i + 1 < values.size(); ++i) sum += static_cast<long>(i) * values[i];
    if (sum % 103 != values.back()) return std::nullopt;
    return values;
}

// The text of a checked symbol, following the code set switches (A, B, C; no FNC / shift use).
std::optional<std::string> decode(const std::vector<unsigned char>& row, int px_per_module) {
    auto values = symbol_values(element_widths(row, px_per_module));
    if (!values || values->front() < 103) return std::nullopt;
    char set = static_cast<char>('A' + (values->front() - 103));
    std::string text;
    for (std::size_t i = 1; i + 1 < values->size(); ++i) {
        int v = (*values)[i];
        if (set == 'C' && v < 100) {
            text += static_cast<char>('0' + v / 10);
            text += static_cast<char>('0' + v % 10);
        } else if (set != 'C' && v < 96) {
            text += static_cast<char>(set == 'A' && v >= 64 ? v - 64 : v + 32);
        } else if (v == 99 && set != 'C') {
            set = 'C';
        } else if (v == 100 && set != 'B') {
            set = 'B';
        } else if (v == 101 && set != 'A') {
            set = 'A';
        } else {
            return std::nullopt;
        }
    }
    return text;
}

}  // namespace

TEST(Code128, DrawnSymbolsDecodeToTheirText) {
    for (std::string text : {"S00000001", "S20230101", "2023041712", "ABC-123/xyz", "T01", "0001"}) {
        auto row = labels::barcode_scanline(text, 3);
        auto decoded = decode(row, 3);
        ASSERT_TRUE(decoded) << text;
        EXPECT_EQ(*decoded, text);
    }
}

TEST(Code128, ModulesMatchTheSymbolCount) {
    // Start + 9 data (B) ... zint uses code set C for the digit run: S in B, then C for 8 digits
    // (4 symbols): start, S, codeC, 4 pairs, check = 8 symbols of 11 modules, and a 13-module stop.
    auto code = labels::encode_code128("S00000001");
    EXPECT_EQ(code.modules, 8 * 11 + 13);
    int dark = 0;
    for (const auto& b : code.bars) dark += b.width;
    EXPECT_GT(dark, 0);
    EXPECT_EQ(code.bars.front().start, 0);
    EXPECT_EQ(code.bars.back().start + code.bars.back().width, code.modules);
}

TEST(Code128, DecoderRejectsADamagedSymbol) {
    auto row = labels::barcode_scanline("S00000001", 3);
    // Widen the first bar of the first data symbol by one module: the check fails.
    std::size_t first_dark = 0;
    while (!row[first_dark]) ++first_dark;
    std::size_t data_start = first_dark + 11 * 3;
    ASSERT_TRUE(row[data_start]);
    for (std::size_t i = data_start; i < data_start + 9; ++i) row[i] = 1;
    EXPECT_FALSE(decode(row, 3));
}

TEST(Code128, RefusesWhatItCannotEncode) {
    EXPECT_THROW(labels::encode_code128(""), InputError);
    EXPECT_THROW(labels::encode_code128("借书证"), InputError);
}
