#include "shuxiang/catalog/isbn.hpp"

#include <cctype>

namespace shuxiang::catalog {

namespace {

bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

std::optional<std::string> isbn_strip(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    // Skip leading blanks and an "ISBN" / "ISBN-13:" label.
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (text.size() - i >= 4) {
        std::string head;
        for (std::size_t k = 0; k < 4; ++k) head += static_cast<char>(std::toupper(static_cast<unsigned char>(text[i + k])));
        if (head == "ISBN") {
            i += 4;
            if (text.substr(i, 3) == "-13" || text.substr(i, 3) == "-10") i += 3;
            for (;;) {
                if (i < text.size() && (text[i] == ':' || text[i] == ' ')) ++i;
                else if (text.substr(i, 3) == "\xEF\xBC\x9A") i += 3;  // full-width colon
                else break;
            }
        }
    }
    while (i < text.size()) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= '0' && c <= '9') {
            out += static_cast<char>(c);
            ++i;
        } else if (c == 'x' || c == 'X') {
            out += 'X';
            ++i;
        } else if (c == '-' || c == ' ' || c == '\t') {
            ++i;
        } else if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                   static_cast<unsigned char>(text[i + 2]) == 0x80) {
            i += 3;  // U+3000 ideographic space
        } else if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                   static_cast<unsigned char>(text[i + 2]) >= 0x90 && static_cast<unsigned char>(text[i + 2]) <= 0x95) {
            i += 3;  // U+2010..U+2015 hyphens and dashes
        } else if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC &&
                   static_cast<unsigned char>(text[i + 2]) == 0x8D) {
            i += 3;  // U+FF0D full-width hyphen
        } else if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC &&
                   static_cast<unsigned char>(text[i + 2]) >= 0x90 && static_cast<unsigned char>(text[i + 2]) <= 0x99) {
            out += static_cast<char>('0' + (static_cast<unsigned char>(text[i + 2]) - 0x90));  // full-width digit
            i += 3;
        } else {
            return std::nullopt;
        }
    }
    if (out.size() != 10 && out.size() != 13) return std::nullopt;
    // 'X' may only be the ISBN-10 check character.
    for (std::size_t k = 0; k < out.size(); ++k)
        if (out[k] == 'X' && !(out.size() == 10 && k == 9)) return std::nullopt;
    return out;
}

char isbn10_check_digit(std::string_view first9) {
    int sum = 0;
    for (int k = 0; k < 9; ++k) sum += (first9[static_cast<std::size_t>(k)] - '0') * (10 - k);
    int check = (11 - sum % 11) % 11;
    return check == 10 ? 'X' : static_cast<char>('0' + check);
}

char isbn13_check_digit(std::string_view first12) {
    int sum = 0;
    for (int k = 0; k < 12; ++k) sum += (first12[static_cast<std::size_t>(k)] - '0') * (k % 2 == 0 ? 1 : 3);
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool isbn10_valid(std::string_view s) {
    if (s.size() != 10 || !all_digits(s.substr(0, 9))) return false;
    char last = s[9] == 'x' ? 'X' : s[9];
    if (last != 'X' && (last < '0' || last > '9')) return false;
    return isbn10_check_digit(s.substr(0, 9)) == last;
}

bool isbn13_valid(std::string_view s) {
    if (s.size() != 13 || !all_digits(s)) return false;
    if (s.substr(0, 3) != "978" && s.substr(0, 3) != "979") return false;
    return isbn13_check_digit(s.substr(0, 12)) == s[12];
}

std::optional<std::string> isbn10_to_13(std::string_view text) {
    auto bare = isbn_strip(text);
    if (!bare || bare->size() != 10 || !isbn10_valid(*bare)) return std::nullopt;
    std::string out = "978" + bare->substr(0, 9);
    out += isbn13_check_digit(out);
    return out;
}

std::optional<std::string> isbn13_to_10(std::string_view text) {
    auto bare = isbn_strip(text);
    if (!bare || bare->size() != 13 || !isbn13_valid(*bare) || bare->substr(0, 3) != "978") return std::nullopt;
    std::string out = bare->substr(3, 9);
    out += isbn10_check_digit(out);
    return out;
}

std::optional<std::string> isbn_normalize(std::string_view text) {
    auto bare = isbn_strip(text);
    if (!bare) return std::nullopt;
    if (bare->size() == 10) return isbn10_to_13(*bare);
    if (isbn13_valid(*bare)) return bare;
    return std::nullopt;
}

}  // namespace shuxiang::catalog
