#include "shuxiang/catalog/charset.hpp"

#include <dlfcn.h>
#include <iconv.h>
#include <yaz/yaz-iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>

namespace shuxiang::catalog {

namespace {
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
const auto kBadIconv = reinterpret_cast<iconv_t>(-1);
}  // namespace

std::string_view encoding_name(Encoding e) {
    switch (e) {
        case Encoding::Auto: return "auto";
        case Encoding::Utf8: return "utf8";
        case Encoding::Marc8: return "marc8";
        case Encoding::Gb18030: return "gb18030";
    }
    return "auto";
}

bool parse_encoding(std::string_view name, Encoding& out) {
    std::string n;
    for (char c : name)
        if (c != '-' && c != '_') n += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (n == "auto") out = Encoding::Auto;
    else if (n == "utf8") out = Encoding::Utf8;
    else if (n == "marc8") out = Encoding::Marc8;
    else if (n == "gb18030" || n == "gbk" || n == "gb2312" || n == "cp936") out = Encoding::Gb18030;
    else return false;
    return true;
}

std::size_t utf8_invalid_offset(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        // Runs of ASCII are the common case: test eight bytes at a time.
        while (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            if (w & 0x8080808080808080ULL) break;
            i += 8;
        }
        if (i >= n) break;
        unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len;
        unsigned lo = 0x80, hi = 0xBF;  // allowed range of the second byte
        if (c >= 0xC2 && c <= 0xDF) len = 2;
        else if (c == 0xE0) { len = 3; lo = 0xA0; }
        else if (c >= 0xE1 && c <= 0xEC) len = 3;
        else if (c == 0xED) { len = 3; hi = 0x9F; }
        else if (c >= 0xEE && c <= 0xEF) len = 3;
        else if (c == 0xF0) { len = 4; lo = 0x90; }
        else if (c >= 0xF1 && c <= 0xF3) len = 4;
        else if (c == 0xF4) { len = 4; hi = 0x8F; }
        else return i;
        if (i + len > n) return i;
        if (p[i + 1] < lo || p[i + 1] > hi) return i;
        for (std::size_t k = 2; k < len; ++k)
            if ((p[i + k] & 0xC0) != 0x80) return i;
        i += len;
    }
    return std::string_view::npos;
}

std::size_t scan_text(std::string_view s, bool& has_escape, bool& has_non_ascii) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL, kOnes = 0x0101010101010101ULL;
    constexpr std::uint64_t kEsc = 0x1B1B1B1B1B1B1B1BULL;
    std::size_t i = 0;
    while (i < n) {
        while (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            if (w & kHigh) break;
            std::uint64_t x = w ^ kEsc;
            if ((x - kOnes) & ~x & kHigh) has_escape = true;
            i += 8;
        }
        if (i >= n) break;
        unsigned char c = p[i];
        if (c < 0x80) {
            if (c == 0x1B) has_escape = true;
            ++i;
            continue;
        }
        has_non_ascii = true;
        // One multibyte sequence, with the same rules as utf8_invalid_offset.
        if (c >= 0xE1 && c <= 0xEC && i + 2 < n && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80) {
            i += 3;  // the common CJK case
            continue;
        }
        std::size_t bad = utf8_invalid_offset(s.substr(i, std::min<std::size_t>(4, n - i)));
        if (bad == 0) return i;
        std::size_t len = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (bad != std::string_view::npos && bad < len) return i;
        i += len;
    }
    return std::string_view::npos;
}

bool is_ascii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

bool has_marc8_escape(std::string_view s) {
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i] != 0x1B) continue;
        char d = s[i + 1];
        // ESC ( , ESC ) , ESC $ designate G0/G1 sets; ESC b/g/p/s are the technique-1 shortcuts.
        if (d == '(' || d == ')' || d == '$' || d == ',' || d == '-' || d == 'b' || d == 'g' || d == 'p' ||
            d == 's')
            return true;
    }
    return false;
}

std::size_t marc8_invalid_offset(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    bool multibyte = false;  // G0 designated as EACC (ESC $ 1 or ESC $ , 1)
    std::size_t run = 0, run_start = 0;
    for (std::size_t i = 0; i < n; ++i) {
        unsigned char c = p[i];
        if (c == 0x1B) {
            if (multibyte && run % 3 != 0) return run_start;
            run = 0;
            if (i + 1 >= n) return i;
            unsigned char d = p[i + 1];
            if (d == 'b' || d == 'g' || d == 'p' || d == 's') {
                multibyte = false;
                i += 1;
            } else if (d == '(' || d == ',' || d == ')' || d == '-') {
                if (i + 2 >= n) return i;
                if (d == '(' || d == ',') multibyte = false;
                i += 2;
            } else if (d == '$') {
                if (i + 2 >= n) return i;
                unsigned char e = p[i + 2];
                if (e == '1') {
                    multibyte = true;
                    i += 2;
                } else if (e == ',' || e == '(') {
                    if (i + 3 >= n) return i;
                    multibyte = p[i + 3] == '1';
                    i += 3;
                } else if (e == ')' || e == '-') {
                    if (i + 3 >= n) return i;
                    i += 3;
                } else {
                    return i;
                }
            } else {
                return i;
            }
            continue;
        }
        if ((c >= 0x80 && c <= 0x87) || (c >= 0x8F && c <= 0x9F) || c == 0xFF) return i;
        if (!multibyte && c >= 0xE0 && c <= 0xFE) {
            // ANSEL combining marks precede their base letter: a run of them must be followed by
            // one. yaz reads past the input when it is not (found by fuzzing).
            std::size_t j = i;
            while (j < n && p[j] >= 0xE0 && p[j] <= 0xFE) ++j;
            // The base must be a spacing character of G0 (ASCII) or G1 (ANSEL 0xA1-0xDF).
            if (j == n || !((p[j] >= 0x20 && p[j] <= 0x7E) || (p[j] >= 0xA1 && p[j] <= 0xDF))) return i;
            i = j - 1;
            continue;
        }
        if (multibyte) {
            if (c == 0x20 || c < 0x20) {
                if (run % 3 != 0) return run_start;
                run = 0;
            } else {
                if (run == 0) run_start = i;
                ++run;
            }
        }
    }
    if (multibyte && run % 3 != 0) return run_start;
    return std::string_view::npos;
}

bool is_plausible_gb18030(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (c == 0x80 || c == 0xFF || i + 1 >= n) return false;
        unsigned char d = p[i + 1];
        if ((d >= 0x40 && d <= 0x7E) || (d >= 0x80 && d <= 0xFE)) {
            i += 2;
        } else if (d >= 0x30 && d <= 0x39) {
            if (i + 3 >= n) return false;
            if (p[i + 2] < 0x81 || p[i + 2] > 0xFE || p[i + 3] < 0x30 || p[i + 3] > 0x39) return false;
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

bool looks_like_gb_chinese(std::string_view s) {
    if (!is_plausible_gb18030(s)) return false;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    std::size_t i = 0;
    while (i < s.size()) {
        if (p[i] < 0x80) {
            ++i;
        } else if (p[i + 1] >= 0x30 && p[i + 1] <= 0x39) {
            i += 4;
        } else {
            if (p[i + 1] < 0x80) return false;
            i += 2;
        }
    }
    return true;
}

namespace {

// yaz's converter, loaded on first use. Linking libyaz brings about 25 more shared libraries
// (GnuTLS, libxml2, ICU, Kerberos...) into every `shuxiang` process: 5 ms of dynamic loading at each
// start, paid by every command, although only MARC-8 records need yaz. The header still gives the
// types, so a changed signature fails to compile.
struct YazIconv {
    decltype(&::yaz_iconv_open) open = nullptr;
    decltype(&::yaz_iconv) convert = nullptr;
    decltype(&::yaz_iconv_error) error = nullptr;
    decltype(&::yaz_iconv_close) close = nullptr;
};

const YazIconv* yaz() {
    static const YazIconv* api = []() -> const YazIconv* {
        void* lib = ::dlopen("libyaz.so.5", RTLD_NOW | RTLD_LOCAL);
        if (!lib) return nullptr;  // never closed: converters may live until exit
        static YazIconv y;
        y.open = reinterpret_cast<decltype(y.open)>(::dlsym(lib, "yaz_iconv_open"));
        y.convert = reinterpret_cast<decltype(y.convert)>(::dlsym(lib, "yaz_iconv"));
        y.error = reinterpret_cast<decltype(y.error)>(::dlsym(lib, "yaz_iconv_error"));
        y.close = reinterpret_cast<decltype(y.close)>(::dlsym(lib, "yaz_iconv_close"));
        return y.open && y.convert && y.error && y.close ? &y : nullptr;
    }();
    return api;
}

yaz_iconv_t yaz_open(const char* to, const char* from) {
    const YazIconv* y = yaz();
    return y ? y->open(to, from) : nullptr;
}

}  // namespace

struct Decoder::Impl {
    yaz_iconv_t marc8_in = nullptr;
    yaz_iconv_t marc8_out = nullptr;
    iconv_t gb_in = kBadIconv;
    iconv_t gb_out = kBadIconv;
    ~Impl() {
        if (marc8_in) yaz()->close(marc8_in);
        if (marc8_out) yaz()->close(marc8_out);
        if (gb_in != kBadIconv) iconv_close(gb_in);
        if (gb_out != kBadIconv) iconv_close(gb_out);
    }
};

Decoder::Decoder() : impl_(std::make_unique<Impl>()) {}
Decoder::~Decoder() = default;

namespace {

std::size_t decode_utf8(std::string_view in, std::string& out) {
    std::size_t first_bad = std::string_view::npos;
    std::size_t base = 0;
    while (base < in.size()) {
        std::size_t bad = utf8_invalid_offset(in.substr(base));
        if (bad == std::string_view::npos) {
            out.append(in.substr(base));
            break;
        }
        out.append(in.substr(base, bad));
        out.append(kReplacement);
        if (first_bad == std::string_view::npos) first_bad = base + bad;
        base += bad + 1;
    }
    return first_bad;
}

// Runs a glibc converter over `in`, replacing undecodable bytes.
std::size_t run_iconv(iconv_t cd, std::string_view in, std::string& out, bool replace) {
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    std::size_t first_bad = std::string_view::npos;
    char* ip = const_cast<char*>(in.data());
    std::size_t il = in.size();
    char buf[1024];
    while (il > 0) {
        char* op = buf;
        std::size_t ol = sizeof buf;
        std::size_t r = iconv(cd, &ip, &il, &op, &ol);
        out.append(buf, static_cast<std::size_t>(op - buf));
        if (r == static_cast<std::size_t>(-1)) {
            if (errno == E2BIG) continue;
            if (first_bad == std::string_view::npos) first_bad = static_cast<std::size_t>(ip - in.data());
            if (!replace) return first_bad;
            out.append(kReplacement);
            if (il == 0) break;  // an error after consuming everything: nothing left to skip
            ++ip;
            --il;
            iconv(cd, nullptr, nullptr, nullptr, nullptr);
        }
    }
    char* op = buf;
    std::size_t ol = sizeof buf;
    iconv(cd, nullptr, nullptr, &op, &ol);
    out.append(buf, static_cast<std::size_t>(op - buf));
    return first_bad;
}

std::size_t run_yaz(yaz_iconv_t cd, std::string_view input, std::string& out, bool replace) {
    // yaz gets a private copy with zero padding, so that a look-ahead past the end reads our bytes
    // rather than someone else's memory; a count that grows means it overran and we stop.
    std::string padded(input);
    padded.append(8, '\0');
    const std::string_view in(padded.data(), input.size());
    char buf[1024];
    char* op = buf;
    std::size_t ol = sizeof buf;
    yaz()->convert(cd, nullptr, nullptr, &op, &ol);  // start from the default G0/G1 sets
    std::size_t first_bad = std::string_view::npos;
    char* ip = padded.data();
    std::size_t il = in.size();
    while (il > 0 && il <= in.size()) {
        op = buf;
        ol = sizeof buf;
        std::size_t before = il;
        std::size_t r = yaz()->convert(cd, &ip, &il, &op, &ol);
        out.append(buf, static_cast<std::size_t>(op - buf));
        if (r == static_cast<std::size_t>(-1)) {
            int err = yaz()->error(cd);
            if (err == YAZ_ICONV_E2BIG && il < before) continue;
            if (err == YAZ_ICONV_E2BIG && op != buf) continue;
            if (first_bad == std::string_view::npos) first_bad = static_cast<std::size_t>(ip - in.data());
            if (!replace) return first_bad;
            out.append(kReplacement);
            // Restarting yaz in the middle of a segment after an error leaves its escape state
            // out of step with the bytes, and it then reads past the input (found by fuzzing):
            // the rest of the segment is given up instead.
            break;
        } else if (il == before) {
            break;  // no progress without an error: never loop
        }
    }
    op = buf;
    ol = sizeof buf;
    yaz()->convert(cd, nullptr, nullptr, &op, &ol);
    out.append(buf, static_cast<std::size_t>(op - buf));
    return first_bad;
}

}  // namespace

std::size_t Decoder::decode(std::string_view in, Encoding enc, std::string& out) {
    if (is_ascii(in) && !(enc == Encoding::Marc8 && in.find('\x1B') != std::string_view::npos)) {
        out.append(in);
        return std::string_view::npos;
    }
    switch (enc) {
        case Encoding::Auto:
        case Encoding::Utf8: return decode_utf8(in, out);
        case Encoding::Marc8:
            if (!impl_->marc8_in) impl_->marc8_in = yaz_open("utf8", "marc8");
            if (!impl_->marc8_in) return decode_utf8(in, out);
            {
                // yaz's decoder reads past its input on some broken escape sequences (found by
                // fuzzing: ESC $ 1 ... ESC 2 B), so it only ever sees segments that pass our own
                // structural check; each broken byte becomes U+FFFD and decoding restarts after it.
                std::size_t first_bad = std::string_view::npos;
                std::size_t pos = 0;
                while (pos < in.size()) {
                    std::size_t bad = marc8_invalid_offset(in.substr(pos));
                    if (bad == std::string_view::npos) {
                        std::size_t yb = run_yaz(impl_->marc8_in, in.substr(pos), out, true);
                        if (first_bad == std::string_view::npos && yb != std::string_view::npos) first_bad = pos + yb;
                        break;
                    }
                    if (first_bad == std::string_view::npos) first_bad = pos + bad;
                    if (bad > 0) run_yaz(impl_->marc8_in, in.substr(pos, bad), out, true);
                    out.append(kReplacement);
                    pos += bad + 1;
                }
                return first_bad;
            }
        case Encoding::Gb18030:
            if (impl_->gb_in == kBadIconv) impl_->gb_in = iconv_open("UTF-8", "GB18030");
            if (impl_->gb_in == kBadIconv) return decode_utf8(in, out);
            return run_iconv(impl_->gb_in, in, out, true);
    }
    return decode_utf8(in, out);
}

bool Decoder::encode_marc8(std::string_view utf8, std::string& out) {
    if (!impl_->marc8_out) impl_->marc8_out = yaz_open("marc8", "utf8");
    if (!impl_->marc8_out) return false;
    return run_yaz(impl_->marc8_out, utf8, out, false) == std::string_view::npos;
}

bool Decoder::encode_gb18030(std::string_view utf8, std::string& out) {
    if (impl_->gb_out == kBadIconv) impl_->gb_out = iconv_open("GB18030", "UTF-8");
    if (impl_->gb_out == kBadIconv) return false;
    return run_iconv(impl_->gb_out, utf8, out, false) == std::string_view::npos;
}

}  // namespace shuxiang::catalog
