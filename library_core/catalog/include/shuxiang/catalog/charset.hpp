#pragma once
// Character sets met in MARC files (UTF-8, MARC-8 with CJK EACC, GB2312/GBK/GB18030): validation,
// plausibility checks used to catch lying encoding flags, and conversion to UTF-8.
#include <memory>
#include <string>
#include <string_view>

namespace shuxiang::catalog {

// Encodings a MARC reader can be told to use; Auto trusts the record's flag after checking the bytes.
enum class Encoding { Auto, Utf8, Marc8, Gb18030 };

// "auto", "utf8", "marc8", "gb18030".
std::string_view encoding_name(Encoding e);
// Parses the names above (also "utf-8", "gbk", "gb2312", "marc-8"); returns false when unknown.
bool parse_encoding(std::string_view name, Encoding& out);

// Offset of the first byte that breaks UTF-8 (overlongs, surrogates and > U+10FFFF count as
// broken), or npos when the text is valid.
std::size_t utf8_invalid_offset(std::string_view s);
inline bool is_valid_utf8(std::string_view s) { return utf8_invalid_offset(s) == std::string_view::npos; }
bool is_ascii(std::string_view s);
// One pass over `s`: the first invalid UTF-8 offset (or npos), and whether it holds an ESC byte
// or any byte >= 0x80. The reader's hot path.
std::size_t scan_text(std::string_view s, bool& has_escape, bool& has_non_ascii);
// True when the text contains a MARC-8 escape sequence (ESC followed by a G0/G1 designator).
bool has_marc8_escape(std::string_view s);
// Offset of the first byte that breaks MARC-8 structure (unknown or cut escape sequence, a CJK/EACC
// run that is not a whole number of 3-byte characters, C1 bytes outside 0x88-0x8E, 0xFF), or npos.
// yaz's converter drops such bytes silently, so the reader checks first.
std::size_t marc8_invalid_offset(std::string_view s);
// True when the bytes form complete GB18030 sequences (GB2312 and GBK are subsets).
bool is_plausible_gb18030(std::string_view s);
// Stricter: plausible GB18030 whose two-byte characters all have a trail byte >= 0x80, as Chinese
// characters do. ANSEL text ("Caf\xE2e": a combining mark before an ASCII letter) fails it.
bool looks_like_gb_chinese(std::string_view s);

// Converts to UTF-8. One converter per thread of work: it caches the iconv handles.
class Decoder {
public:
    Decoder();
    ~Decoder();
    Decoder(const Decoder&) = delete;
    Decoder& operator=(const Decoder&) = delete;

    // Appends the UTF-8 form of `in` to `out`. Bytes that cannot be converted become U+FFFD; the
    // return value is the offset in `in` of the first such byte, or npos when all converted.
    std::size_t decode(std::string_view in, Encoding enc, std::string& out);

    // UTF-8 to MARC-8 (used to build test data and for peers that want MARC-8); false on failure.
    bool encode_marc8(std::string_view utf8, std::string& out);
    // UTF-8 to GB18030; false on failure.
    bool encode_gb18030(std::string_view utf8, std::string& out);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace shuxiang::catalog
