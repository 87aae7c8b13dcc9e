#pragma once
// ISBN-10 / ISBN-13: checksum validation, normalisation and 10<->13 conversion.
#include <optional>
#include <string>
#include <string_view>

namespace shuxiang::catalog {

// Strips hyphens, spaces (also full-width ones and U+2010..U+2015 dashes) and an "ISBN" prefix,
// upper-cases a trailing 'x'. Returns the bare digits (10 or 13 characters) or nullopt when what is
// left is not ten or thirteen ISBN characters. Does not check the checksum.
std::optional<std::string> isbn_strip(std::string_view text);

bool isbn10_valid(std::string_view bare);  // 10 characters, last may be 'X'
bool isbn13_valid(std::string_view bare);  // 13 digits, prefix 978 or 979

// Check characters computed from the first 9 / 12 digits.
char isbn10_check_digit(std::string_view first9);
char isbn13_check_digit(std::string_view first12);

// 10 -> 13 (978 prefix); nullopt if the input is not a valid ISBN-10.
std::optional<std::string> isbn10_to_13(std::string_view text);
// 13 -> 10; only 978-prefixed ISBN-13 have an ISBN-10.
std::optional<std::string> isbn13_to_10(std::string_view text);

// Any written form -> valid bare ISBN-13, or nullopt when it is not a valid ISBN.
std::optional<std::string> isbn_normalize(std::string_view text);

}  // namespace shuxiang::catalog
