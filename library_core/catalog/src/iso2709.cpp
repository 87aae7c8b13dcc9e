#include "shuxiang/catalog/iso2709.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <span>
#include <thread>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::catalog {

namespace {

constexpr char kSubfield = 0x1F;
constexpr char kFieldEnd = 0x1E;
constexpr char kRecordEnd = 0x1D;
constexpr std::size_t kNpos = std::string_view::npos;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Tags are compared for every field of every record; a three-byte test beats std::string ==.
bool tag_is(const std::string& t, const char (&x)[4]) { return t.size() == 3 && t[0] == x[0] && t[1] == x[1] && t[2] == x[2]; }

// Parses `n` ASCII digits; -1 when any is not a digit.
long parse_digits(const char* p, std::size_t n) {
    long v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!is_digit(p[i])) return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

// Bytes that pad ISO 2709 files between and after records (yaz skips them too): CR/LF, spaces,
// tabs, NUL block padding and a DOS end-of-file.
bool is_filler(char c) { return c == '\r' || c == '\n' || c == '\0' || c == '\x1A' || c == ' ' || c == '\t'; }

bool tag_char_ok(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool valid_entry(const char* p, std::size_t digits_len) {
    if (!tag_char_ok(p[0]) || !tag_char_ok(p[1]) || !tag_char_ok(p[2])) return false;
    for (std::size_t i = 3; i < 3 + digits_len; ++i)
        if (!is_digit(p[i])) return false;
    return true;
}

// The normal directory entry (three tag characters, nine digits), checked eight digits at a time.
[[gnu::always_inline]] inline bool entry12(const char* p, long& len, long& off) {
    std::uint64_t w;
    std::memcpy(&w, p + 3, 8);
    if (((w - 0x3030303030303030ULL) | (w + 0x4646464646464646ULL)) & 0x8080808080808080ULL) return false;
    if (!is_digit(p[11]) || !tag_char_ok(p[0]) || !tag_char_ok(p[1]) || !tag_char_ok(p[2])) return false;
    const char* u = p + 3;
    len = (u[0] - '0') * 1000L + (u[1] - '0') * 100L + (u[2] - '0') * 10L + (u[3] - '0');
    off = (u[4] - '0') * 10000L + (u[5] - '0') * 1000L + (u[6] - '0') * 100L + (u[7] - '0') * 10L + (u[8] - '0');
    return true;
}

// Copies into a string that usually has the right size already (tags, leaders): no reallocation.
void assign_small(std::string& dst, const char* src, std::size_t n) {
    if (dst.size() == n) std::memcpy(dst.data(), src, n);
    else dst.assign(src, n);
}

bool indicator_ok(char c) {
    return c == ' ' || c == '|' || is_digit(c) || (c >= 'a' && c <= 'z');
}

bool subfield_code_ok(char c) { return is_digit(c) || (c >= 'a' && c <= 'z'); }

std::string num(std::size_t v) { return std::to_string(v); }

std::string printable(std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
        if (c >= 0x20 && c < 0x7F) {
            out += static_cast<char>(c);
        } else {
            static const char* hex = "0123456789ABCDEF";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

struct RawSub {
    char code;
    std::size_t off;  // absolute offset of the value
    std::size_t len;
};

// What one pass over the text of a record found; the encoding decision is made from it.
struct TextStats {
    std::size_t first_bad_utf8 = kNpos;  // absolute offset of the first byte that breaks UTF-8
    std::size_t inner_rs = kNpos;        // absolute offset of a field terminator inside a value
    bool escape = false;                 // an ESC byte (MARC-8)
    bool non_ascii = false;
    void merge(const TextStats& o) {
        if (first_bad_utf8 == kNpos) first_bad_utf8 = o.first_bad_utf8;
        if (inner_rs == kNpos) inner_rs = o.inner_rs;
        escape = escape || o.escape;
        non_ascii = non_ascii || o.non_ascii;
    }
};

// Scans d[from, to) up to the next subfield delimiter (when `split`), validating UTF-8 and noting
// ESC and stray terminators on the way: one pass per value instead of one per question.
std::size_t scan_value(const char* d, std::size_t from, std::size_t to, bool split, TextStats& st) {
    constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
    constexpr std::uint64_t k20 = 0x2020202020202020ULL;
    const auto* p = reinterpret_cast<const unsigned char*>(d);
    std::size_t i = from;
    while (i < to) {
        while (i + 8 <= to) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            // Stop at any byte >= 0x80 or < 0x20 (delimiters, ESC).
            if ((w | ((w - k20) & ~w)) & kHigh) break;
            i += 8;
        }
        if (i >= to) break;
        const unsigned char c = p[i];
        if (c < 0x20) {
            if (c == 0x1F && split) return i;
            if (c == 0x1E) {
                if (st.inner_rs == kNpos) st.inner_rs = i;
            } else if (c == 0x1B) {
                st.escape = true;
            }
            ++i;
            continue;
        }
        if (c < 0x80) {
            ++i;
            continue;
        }
        st.non_ascii = true;
        if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
            // Runs of three-byte characters (CJK, full-width punctuation) are the common case.
            std::size_t j = i;
            while (j + 2 < to) {
                const unsigned char l = p[j];
                if (!((l >= 0xE1 && l <= 0xEC) || l == 0xEE || l == 0xEF) || (p[j + 1] & 0xC0) != 0x80 ||
                    (p[j + 2] & 0xC0) != 0x80)
                    break;
                j += 3;
            }
            if (j != i) {
                i = j;
                continue;
            }
        }
        const std::size_t window = std::min<std::size_t>(4, to - i);
        if (utf8_invalid_offset(std::string_view(d + i, window)) == 0) {
            if (st.first_bad_utf8 == kNpos) st.first_bad_utf8 = i;
            ++i;
            continue;
        }
        i += c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    return to;
}

struct RawField {
    std::string tag;
    bool control = false;
    char ind1 = ' ';
    char ind2 = ' ';
    std::size_t off = 0;  // control: data start; data field: first byte of the field
    std::size_t len = 0;  // control: data length
    bool strip_terminators = false;
    std::vector<RawSub> subs;
};

MarcFlavor detect_from_tags(std::string_view leader, std::span<const RawField> fields,
                            std::string_view data) {
    bool has245 = false, has200 = false, has008 = false, cn100 = false;
    for (const auto& f : fields) {
        if (tag_is(f.tag, "245")) has245 = true;
        else if (tag_is(f.tag, "200")) has200 = true;
        else if (tag_is(f.tag, "008")) has008 = true;
        else if (tag_is(f.tag, "100")) {
            for (const auto& s : f.subs)
                if (s.code == 'a' && s.len >= 30 && parse_digits(data.data() + s.off, 8) >= 0) cn100 = true;
        }
    }
    if (has245) return MarcFlavor::Marc21;
    if (has200) return MarcFlavor::Cnmarc;
    if (leader.size() > 9 && leader[9] == 'a') return MarcFlavor::Marc21;
    if (has008) return MarcFlavor::Marc21;
    if (cn100) return MarcFlavor::Cnmarc;
    if (leader.size() >= 24 && leader.substr(20, 4) == "450 ") return MarcFlavor::Cnmarc;
    return MarcFlavor::Marc21;
}

}  // namespace

MarcFlavor detect_flavor(const MarcRecord& r) {
    if (r.field("245")) return MarcFlavor::Marc21;
    if (r.field("200")) return MarcFlavor::Cnmarc;
    if (r.leader.size() > 9 && r.leader[9] == 'a') return MarcFlavor::Marc21;
    if (r.field("008")) return MarcFlavor::Marc21;
    std::string a100 = r.value("100", 'a');
    if (a100.size() >= 30 && parse_digits(a100.data(), 8) >= 0) return MarcFlavor::Cnmarc;
    if (r.leader.size() >= 24 && r.leader.substr(20, 4) == "450 ") return MarcFlavor::Cnmarc;
    return MarcFlavor::Marc21;
}

std::optional<MarcFlavor> evident_flavor(const MarcRecord& r) {
    const bool m21 = r.field("245") != nullptr;
    const bool cn = r.field("200") != nullptr;
    if (m21 == cn) return std::nullopt;
    return m21 ? MarcFlavor::Marc21 : MarcFlavor::Cnmarc;
}

std::string Diagnostic::message() const {
    std::string key = "catalog_formats.diag." + code;
    switch (args.size()) {
        case 0: return tr(key);
        case 1: return trf(key, {args[0]});
        case 2: return trf(key, {args[0], args[1]});
        case 3: return trf(key, {args[0], args[1], args[2]});
        default: return trf(key, {args[0], args[1], args[2], args[3]});
    }
}

std::string Diagnostic::where() const {
    // Record 0: the file as a whole (XML broken off, no record at all).
    if (record == 0) return "byte " + std::to_string(offset);
    return "record " + std::to_string(record) + ", byte " + std::to_string(offset);
}

struct Iso2709Reader::Impl {
    std::string_view data;
    ReadOptions opt;
    std::vector<Diagnostic> diags;
    std::size_t pos = 0;
    std::size_t recno = 0;
    void* map = nullptr;
    std::size_t map_len = 0;
    Decoder decoder;
    std::vector<Diagnostic>* current = nullptr;

    ~Impl() {
        if (map) munmap(map, map_len);
    }

    void note(std::size_t offset, std::string code, std::vector<std::string> args = {}) {
        Diagnostic d{recno, offset, std::move(code), std::move(args), true};
        if (current) current->push_back(d);
        diags.push_back(std::move(d));
    }

    void diag(std::size_t offset, std::string code, std::vector<std::string> args = {}) {
        Diagnostic d{recno, offset, std::move(code), std::move(args)};
        if (opt.mode == ReadMode::Strict)
            throw InputError(opt.file_name.empty() ? "<memory>" : opt.file_name, d.where(), d.message());
        if (current) current->push_back(d);
        diags.push_back(std::move(d));
    }

    bool next(ReadRecord& out);
    bool spaces_pad_length(std::size_t from) const;
    // A mapped file's pages behind the current record are handed back every few MiB: they were
    // only read, so the kernel reads them again should they be needed, and an import of a large
    // file does not keep all of it resident.
    std::size_t released = 0;
    void release_consumed() {
        constexpr std::size_t kStep = std::size_t{8} << 20;
        if (!map || pos < released + 2 * kStep) return;
        const std::size_t upto = (pos - kStep) & ~(std::size_t{4095});
        ::madvise(static_cast<char*>(map) + released, upto - released, MADV_DONTNEED);
        released = upto;
    }
    bool parse(std::size_t start, std::size_t end, bool terminated, ReadRecord& out);
    // Validation only: true when the record [start, end) is one that parse() would read without a
    // single diagnostic (note included), having set `out` as parse() would; false sends the record
    // to parse(), which finds and reports what is wrong. Never true for a record parse() would fault.
    bool clean_record(std::size_t start, std::size_t end, ReadRecord& out);
    std::vector<std::uint32_t> ctrl;  // clean_record's scratch: offsets of the bytes below 0x20
    void parse_field(const char* tagp, std::size_t fstart, std::size_t fend, bool strip, RawField& f);
    void finish_field(RawField& f, const TextStats& fs);
    Encoding choose_encoding(MarcFlavor flavor, std::string_view leader, std::span<const RawField> fields,
                             std::size_t record_offset);
    // Scratch space reused from record to record so that steady-state reading does not allocate.
    struct Entry {
        const char* tag;
        long len;
        long off;
        std::size_t at;
    };
    std::vector<Entry> entries;
    std::vector<RawField> raw;
    bool validated_utf8 = false;  // every value was checked and is valid UTF-8
    TextStats stats;              // of the record being parsed
};

bool Iso2709Reader::Impl::next(ReadRecord& out) {
    const std::size_t n = data.size();
    while (true) {
        current = nullptr;
        // Between records: CR/LF, NUL block padding and a DOS end-of-file (0x1A) are common and
        // harmless; a stray record terminator is reported.
        std::size_t blanks_from = kNpos;  // start of the run of spaces just before pos
        while (pos < n) {
            char c = data[pos];
            if (is_filler(c)) {
                if (c != ' ') blanks_from = kNpos;
                else if (blanks_from == kNpos) blanks_from = pos;
                ++pos;
            } else if (c == kRecordEnd) {
                blanks_from = kNpos;
                ++recno;  // number the diagnostic with the record that follows
                diag(pos, "stray_record_terminator");
                --recno;
                ++pos;
            } else {
                break;
            }
        }
        if (pos >= n) return false;
        if (blanks_from != kNpos && spaces_pad_length(blanks_from)) pos = blanks_from;
        const std::size_t start = pos;
        ++recno;
        out.diagnostics.clear();
        out.record.leader.clear();
        out.flavor = MarcFlavor::Marc21;
        out.source_encoding = Encoding::Utf8;
        out.number = recno;
        out.offset = start;
        current = &out.diagnostics;
        const std::size_t rem = n - start;
        if (!opt.keep_fields && rem >= 26) {
            // Validation only: a record whose stated length ends on a record terminator is tried as
            // a clean one first; clean_record() then also proves that no terminator comes sooner.
            const long stated = parse_digits(data.data() + start, 5);
            if (stated >= 26 && static_cast<std::size_t>(stated) <= rem && data[start + static_cast<std::size_t>(stated) - 1] == kRecordEnd &&
                clean_record(start, start + static_cast<std::size_t>(stated), out)) {
                pos = start + static_cast<std::size_t>(stated);
                out.length = static_cast<std::size_t>(stated);
                release_consumed();
                current = nullptr;
                return true;
            }
        }
        const void* hit = std::memchr(data.data() + start, kRecordEnd, rem);
        std::size_t rt = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - data.data()) : kNpos;
        std::size_t end = rt == kNpos ? n : rt + 1;
        bool terminated = rt != kNpos;
        pos = end;
        out.length = end - start;
        const std::size_t actual = end - start;
        long stated = rem >= 5 ? parse_digits(data.data() + start, 5) : -1;
        if (!terminated) {
            diag(start, "truncated_record", {num(actual)});
        }
        if (stated < 0) {
            diag(start, "bad_record_length", {printable(data.substr(start, std::min<std::size_t>(5, rem)))});
        } else if (static_cast<std::size_t>(stated) != actual) {
            if (actual > 99999) diag(start, "record_too_long", {num(actual), num(static_cast<std::size_t>(stated))});
            else if (terminated)
                diag(start, "length_mismatch", {num(static_cast<std::size_t>(stated)), num(actual)});
        }
        if (actual < 26) {
            diag(start, "record_unusable", {num(actual)});
            current = nullptr;
            continue;
        }
        release_consumed();
        if (parse(start, end, terminated, out)) {
            current = nullptr;
            return true;
        }
        current = nullptr;
    }
}

namespace {

// Writes to `out` the offsets (from `base`) of the bytes of p[0, n) below 0x20, the ISO 2709
// delimiters and every other control byte; returns how many, and in `high` whether any byte is
// 0x80 or above. `out` has room for n offsets.
std::size_t control_bytes(const char* p, std::size_t n, std::uint32_t base, std::uint32_t* out, bool& high) {
    std::size_t i = 0, k = 0;
    unsigned char hi = 0;
#if defined(__SSE2__)
    const __m128i k1f = _mm_set1_epi8(0x1F);
    __m128i any = _mm_setzero_si128();
    for (; i + 16 <= n; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        any = _mm_or_si128(any, v);
        auto m = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(v, k1f), v)));
        while (m) {
            out[k++] = base + static_cast<std::uint32_t>(i) + static_cast<std::uint32_t>(__builtin_ctz(m));
            m &= m - 1;
        }
    }
    if (_mm_movemask_epi8(any) != 0) hi = 0x80;
#endif
    for (; i < n; ++i) {
        const auto c = static_cast<unsigned char>(p[i]);
        if (c < 0x20) out[k++] = base + static_cast<std::uint32_t>(i);
        hi |= c;
    }
    high = (hi & 0x80) != 0;
    return k;
}

// True when all n bytes are ASCII digits.
bool all_digits(const char* p, std::size_t n) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, p + i, 8);
        if (((w - 0x3030303030303030ULL) | (w + 0x4646464646464646ULL)) & 0x8080808080808080ULL) return false;
    }
    for (; i < n; ++i)
        if (!is_digit(p[i])) return false;
    return true;
}

// A directory entry's length (4 digits) and offset (5 digits), digits already checked: the first
// eight as one word, two digits and then four at a time.
[[gnu::always_inline]] inline void entry_numbers(const char* e, long& len, long& off) {
    std::uint64_t w;
    std::memcpy(&w, e + 3, 8);
    w -= 0x3030303030303030ULL;
    w = (w * 10 + (w >> 8)) & 0x00FF00FF00FF00FFULL;  // 16-bit lanes: d0d1, d2d3, d4d5, d6d7
    len = static_cast<long>((w & 0xFFFF) * 100 + ((w >> 16) & 0xFFFF));
    off = static_cast<long>((((w >> 32) & 0xFFFF) * 100 + (w >> 48)) * 10 + static_cast<std::uint64_t>(e[11] - '0'));
}

}  // namespace

// The checks below are those of parse() and parse_field() for the common layout only: fields in
// directory order, one after the other, each ending in its terminator, every subfield with a valid
// code and data, no other control byte in the data, text ASCII or valid UTF-8 that the record says
// is UTF-8. Anything else (a legal record with its fields out of order included) goes to parse().
// Iso2709Check.CleanRecordAgreesWithTheFullParse compares both on mutated records.
bool Iso2709Reader::Impl::clean_record(std::size_t start, std::size_t end, ReadRecord& out) {
    const std::size_t len = end - start;
    if (len < 26 || len > 99999) return false;
    const char* r = data.data() + start;
    // Leader: printable (no delimiter), indicator and subfield code counts 2, entry map 450x.
    for (std::size_t i = 0; i < 24; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, r + i, 8);
        // Any byte below 0x20 or from 0x7F up.
        if (((w - 0x2020202020202020ULL) | (w + 0x0101010101010101ULL) | w) & 0x8080808080808080ULL) return false;
    }
    if (r[10] != '2' || r[11] != '2' || r[20] != '4' || r[21] != '5' || r[22] != '0') return false;
    // The directory ends where the base address says; its entries (checked next) hold no
    // terminator, so this is the first field terminator, where parse() ends it too.
    const long base_stated = parse_digits(r + 12, 5);
    if (base_stated < 24 + 12 + 1 || static_cast<std::size_t>(base_stated) >= len) return false;
    const auto base = static_cast<std::size_t>(base_stated);  // from start
    const std::size_t dlen = base - 1 - 24;
    if (r[base - 1] != kFieldEnd || dlen % 12 != 0) return false;
    const std::size_t nentries = dlen / 12;
    // Entries: all digits (numeric tags) is the common case; else each one is checked on its own.
    if (!all_digits(r + 24, dlen)) {
        for (std::size_t k = 0; k < nentries; ++k) {
            long l, o;
            if (!entry12(r + 24 + 12 * k, l, o)) return false;
        }
    }
    // Every control byte of the data, in order; each must be where the structure puts one.
    const std::size_t data_len = len - 1 - base;  // data bytes before the record terminator
    if (ctrl.size() < data_len + 1) ctrl.resize(std::max(data_len + 1, ctrl.size() * 2));
    bool high = false;
    const std::size_t nctrl = control_bytes(r + base, data_len, static_cast<std::uint32_t>(base), ctrl.data(), high);
    ctrl[nctrl] = 0;  // a sentinel no field can match: every field starts after the directory
    const std::uint32_t* c = ctrl.data();
    // The fields, contiguous from the base to the record terminator, each ending in its terminator.
    long next_off = 0;
    bool has245 = false, has200 = false, has008 = false, has100 = false;
    for (std::size_t k = 0; k < nentries; ++k) {
        const char* e = r + 24 + 12 * k;
        long flen, off;
        entry_numbers(e, flen, off);
        if (off != next_off || flen <= 0 || static_cast<std::size_t>(off + flen) > data_len) return false;
        next_off = off + flen;
        const std::size_t fs = base + static_cast<std::size_t>(off);
        const std::size_t fe = fs + static_cast<std::size_t>(flen) - 1;  // the field terminator
        if (r[fe] != kFieldEnd) return false;
        if (e[0] == '0' && e[1] == '0') {  // control field: nothing but data
            if (*c++ != fe) return false;
            if (e[2] == '8') has008 = true;
            continue;
        }
        if (e[0] == '2') {
            if (e[1] == '4' && e[2] == '5') has245 = true;
            else if (e[1] == '0' && e[2] == '0') has200 = true;
        } else if (e[0] == '1' && e[1] == '0' && e[2] == '0') {
            has100 = true;
        }
        if (fe - fs < 2 || !indicator_ok(r[fs]) || !indicator_ok(r[fs + 1])) return false;
        std::size_t p = fs + 2;
        while (true) {
            if (*c++ != p) return false;  // a delimiter or the terminator must come next
            if (p == fe) break;
            if (r[p] != kSubfield || !subfield_code_ok(r[p + 1])) return false;  // p + 1 < fe: r[fe] is 0x1E
            const std::size_t q = *c;
            if (q < p + 3) return false;  // no data
            p = q;
        }
    }
    if (static_cast<std::size_t>(next_off) != data_len) return false;
    // Encoding: ASCII gives no diagnostic whatever the flavor; other bytes only as valid UTF-8
    // that the record declares (MARC21 leader/09 'a') or the caller forces.
    MarcFlavor flavor;
    if (opt.flavor) flavor = *opt.flavor;
    else if (has245) flavor = MarcFlavor::Marc21;
    else if (has200) flavor = MarcFlavor::Cnmarc;
    else if (r[9] == 'a' || has008) flavor = MarcFlavor::Marc21;
    else if (has100) return false;  // decided by 100$a: parse() looks
    else flavor = r[23] == ' ' ? MarcFlavor::Cnmarc : MarcFlavor::Marc21;  // entry map "450 "
    Encoding enc;
    if (opt.encoding != Encoding::Auto) enc = opt.encoding;
    else if (flavor == MarcFlavor::Marc21) enc = r[9] == 'a' ? Encoding::Utf8 : Encoding::Marc8;
    else if (!high) enc = Encoding::Utf8;
    else return false;  // CNMARC text: 100$a says what it is, parse() reads it
    if (high) {
        if (enc != Encoding::Utf8) return false;
        if (utf8_invalid_offset(std::string_view(r + base, data_len)) != kNpos) return false;
    }
    assign_small(out.record.leader, r, 24);
    out.record.fields.clear();
    out.flavor = flavor;
    out.source_encoding = enc;
    return true;
}

// True when the spaces at `from` are the record length written with leading blanks ("  755"),
// not filler: read that way, the length matches the record exactly while the digits after the
// spaces do not.
bool Iso2709Reader::Impl::spaces_pad_length(std::size_t from) const {
    const void* hit = std::memchr(data.data() + from, kRecordEnd, data.size() - from);
    if (!hit || data.size() - from < 5) return false;
    const auto end = static_cast<std::size_t>(static_cast<const char*>(hit) - data.data()) + 1;
    char len[5];
    for (int i = 0; i < 5; ++i) len[i] = data[from + i] == ' ' ? '0' : data[from + i];
    return parse_digits(len, 5) == static_cast<long>(end - from) && parse_digits(data.data() + pos, 5) != static_cast<long>(end - pos);
}

void Iso2709Reader::Impl::parse_field(const char* tagp, std::size_t fstart, std::size_t fend, bool strip,
                                      RawField& f) {
    assign_small(f.tag, tagp, 3);
    f.control = f.tag[0] == '0' && f.tag[1] == '0';
    f.strip_terminators = strip;
    const char* dd = data.data();
    TextStats fs;
    if (f.control) {
        f.off = fstart;
        f.len = fend - fstart;
        scan_value(dd, fstart, fend, false, fs);
        finish_field(f, fs);
        return;
    }
    f.off = fstart;
    std::size_t p = fstart;
    const std::size_t len = fend - fstart;
    if (len >= 2 && data[fstart] != kSubfield && data[fstart + 1] != kSubfield) {
        f.ind1 = data[fstart];
        f.ind2 = data[fstart + 1];
        p = fstart + 2;
    } else if (len >= 1 && data[fstart] == kSubfield) {
        diag(fstart, "missing_indicators", {f.tag});
    } else if (len >= 2 && data[fstart + 1] == kSubfield) {
        diag(fstart, "missing_indicators", {f.tag});
        f.ind1 = data[fstart];
        p = fstart + 1;
    } else {
        diag(fstart, "empty_field", {f.tag});
        return;
    }
    if (!indicator_ok(f.ind1) || !indicator_ok(f.ind2)) {
        diag(fstart, "bad_indicators", {f.tag, printable(std::string_view(&f.ind1, 1)) + printable(std::string_view(&f.ind2, 1))});
        if (!indicator_ok(f.ind1)) f.ind1 = ' ';
        if (!indicator_ok(f.ind2)) f.ind2 = ' ';
    }
    if (p < fend && data[p] != kSubfield) {
        const void* hit = std::memchr(data.data() + p, kSubfield, fend - p);
        std::size_t q = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - data.data()) : fend;
        diag(p, "data_before_subfield", {f.tag, num(q - p)});
        p = q;
    }
    while (p < fend) {
        // data[p] is a subfield delimiter here.
        const std::size_t s = p + 1;
        if (s >= fend || dd[s] == kSubfield) {
            diag(p, "empty_subfield", {f.tag});
            p = s;
            continue;
        }
        // A dropped subfield's bytes count in the stats too; it is reported anyway.
        const std::size_t q = scan_value(dd, s + 1, fend, true, fs);
        const char code = dd[s];
        if (subfield_code_ok(code)) {
            if (q == s + 1) diag(p, "subfield_without_data", {f.tag, std::string(1, code)});
            f.subs.push_back({code, s + 1, q - s - 1});
        } else {
            unsigned char uc = static_cast<unsigned char>(code);
            if (uc > 0x20 && uc < 0x7F) {
                diag(p, "bad_subfield_code", {f.tag, std::string(1, code)});
                f.subs.push_back({code, s + 1, q - s - 1});
            } else {
                diag(p, "bad_subfield_code_dropped", {f.tag, printable(std::string_view(&code, 1))});
            }
        }
        p = q;
    }
    finish_field(f, fs);
}

void Iso2709Reader::Impl::finish_field(RawField& f, const TextStats& fs) {
    if (fs.inner_rs != kNpos) {
        diag(fs.inner_rs, "terminator_inside_field", {f.tag});
        f.strip_terminators = true;
    }
    stats.merge(fs);
}

Encoding Iso2709Reader::Impl::choose_encoding(MarcFlavor flavor, std::string_view leader,
                                             std::span<const RawField> fields, std::size_t record_offset) {
    validated_utf8 = stats.first_bad_utf8 == kNpos;
    if (opt.encoding != Encoding::Auto) return opt.encoding;
    // The values were scanned once while splitting the fields (stats).
    const bool ascii = !stats.non_ascii;
    const bool escape = stats.escape;
    const std::size_t bad_utf8 = stats.first_bad_utf8;
    std::string cn_code;
    bool has100 = false;
    for (const auto& f : fields) {
        if (!has100 && tag_is(f.tag, "100") && !f.control) {
            for (const auto& s : f.subs)
                if (s.code == 'a') {
                    has100 = true;
                    if (s.len >= 28) cn_code = std::string(data.substr(s.off + 26, 2));
                    break;
                }
        }
    }
    validated_utf8 = bad_utf8 == kNpos;
    // GB18030 plausibility is only needed once the bytes are known not to be UTF-8.
    auto gb_plausible = [&] {
        for (const auto& f : fields) {
            if (f.control) {
                if (!is_plausible_gb18030(data.substr(f.off, f.len))) return false;
                continue;
            }
            for (const auto& s : f.subs)
                if (!is_plausible_gb18030(data.substr(s.off, s.len))) return false;
        }
        return true;
    };
    if (flavor == MarcFlavor::Marc21) {
        const bool says_utf8 = leader.size() > 9 && leader[9] == 'a';
        if (says_utf8) {
            if (bad_utf8 == kNpos) return Encoding::Utf8;
            if (escape) {
                diag(bad_utf8, "utf8_flag_but_marc8");
                return Encoding::Marc8;
            }
            if (gb_plausible()) {
                diag(bad_utf8, "utf8_flag_but_gb18030");
                return Encoding::Gb18030;
            }
            diag(bad_utf8, "invalid_utf8");
            return Encoding::Utf8;
        }
        if (!ascii && !escape && bad_utf8 == kNpos) {
            diag(record_offset + 9, "marc8_flag_but_utf8");
            return Encoding::Utf8;
        }
        if (!ascii && !escape) {
            bool gb = true;
            for (const auto& f : fields) {
                if (f.control) gb = gb && looks_like_gb_chinese(data.substr(f.off, f.len));
                else
                    for (const auto& s : f.subs) gb = gb && looks_like_gb_chinese(data.substr(s.off, s.len));
                if (!gb) break;
            }
            if (gb) {
                diag(bad_utf8, "marc8_flag_but_gb18030");
                return Encoding::Gb18030;
            }
        }
        return Encoding::Marc8;
    }
    // UNIMARC/CNMARC: 100$a/26-27.
    const bool says_utf8 = cn_code == "50";
    std::string shown = has100 ? (cn_code.empty() ? std::string("--") : printable(cn_code)) : std::string("-");
    if (says_utf8) {
        if (bad_utf8 == kNpos) return Encoding::Utf8;
        if (gb_plausible()) {
            diag(bad_utf8, "cn_utf8_code_but_gb18030");
            return Encoding::Gb18030;
        }
        diag(bad_utf8, "invalid_utf8");
        return Encoding::Utf8;
    }
    if (ascii) return Encoding::Utf8;
    if (bad_utf8 == kNpos) {
        note(record_offset, has100 ? "cn_code_but_utf8" : "cn_no_code_utf8", {shown});
        return Encoding::Utf8;
    }
    if (gb_plausible()) {
        note(bad_utf8, has100 ? "cn_code_gb18030" : "cn_no_code_gb18030", {shown});
        return Encoding::Gb18030;
    }
    diag(bad_utf8, "cn_unknown_encoding", {shown});
    return Encoding::Gb18030;
}

bool Iso2709Reader::Impl::parse(std::size_t start, std::size_t end, bool terminated, ReadRecord& out) {
    const char* d = data.data();
    // ---- Directory and leader size. The directory runs from byte 24 to the first field terminator.
    std::size_t dir_start = start + 24;
    const std::size_t data_end = terminated ? end - 1 : end;
    const void* hit = std::memchr(d + dir_start, kFieldEnd, data_end - dir_start);
    long base_stated = parse_digits(d + start + 12, 5);
    std::size_t dir_end;
    if (hit) {
        dir_end = static_cast<std::size_t>(static_cast<const char*>(hit) - d);
    } else {
        diag(dir_start, "directory_unterminated");
        return false;
    }
    std::string& leader = out.record.leader;  // reuses the caller's buffer
    assign_small(leader, d + start, 24);
    std::size_t dlen = dir_end - dir_start;
    // An entry is plausible when its field lies inside the data and ends in a field terminator.
    auto plausible = [&](long len, long off) {
        if (len <= 0 || off < 0) return false;
        std::size_t last = dir_end + 1 + static_cast<std::size_t>(off) + static_cast<std::size_t>(len) - 1;
        return last < data_end && d[last] == kFieldEnd;
    };
    if (dlen % 12 != 0) {
        // A leader one byte short or long shifts the whole directory: try both before giving up.
        bool fixed = false;
        for (int shift : {-1, 1}) {
            std::size_t ds = dir_start + static_cast<std::size_t>(static_cast<long>(shift));
            if (ds >= dir_end || (dir_end - ds) % 12 != 0) continue;
            bool ok = true;
            for (std::size_t e = ds; e + 12 <= dir_end && ok; e += 12)
                ok = valid_entry(d + e, 9) && plausible(parse_digits(d + e + 3, 4), parse_digits(d + e + 7, 5));
            if (!ok) continue;
            diag(start, "leader_length", {num(shift < 0 ? 23 : 25)});
            if (shift < 0) {
                leader.assign(d + start, 23);
                leader += ' ';
            }
            dir_start = ds;
            dlen = dir_end - ds;
            fixed = true;
            break;
        }
        if (!fixed) diag(dir_start, "directory_length", {num(dlen)});
    }
    // ---- Leader fields the reader relies on.
    bool leader_bad = false;
    for (char& c : leader) {
        unsigned char uc = static_cast<unsigned char>(c);
        if (uc < 0x20 || uc >= 0x7F) {
            c = ' ';
            leader_bad = true;
        }
    }
    if (leader_bad) diag(start, "leader_bad_chars");
    if (leader[10] != '2' || leader[11] != '2') {
        diag(start + 10, "leader_indicator_count", {leader.substr(10, 2)});
        leader[10] = '2';
        leader[11] = '2';
    }
    if (leader.compare(20, 3, "450") != 0) {
        diag(start + 20, "leader_entry_map", {leader.substr(20, 4)});
        leader.replace(20, 4, "4500");
    }
    const std::size_t base_actual = dir_end + 1 - start;
    if (base_stated < 0 || static_cast<std::size_t>(base_stated) != base_actual) {
        diag(start + 12, "base_address", {leader.substr(12, 5), num(base_actual)});
    }
    {
        std::string b = std::to_string(base_actual);
        if (b.size() <= 5) leader.replace(12, 5, std::string(5 - b.size(), '0') + b);
    }
    // ---- Directory entries: 12 bytes each; an 11-byte entry gets a zero prepended to its length.
    // At most one entry per 11 directory bytes; sized once so that filling it never reallocates.
    if (entries.size() < dlen / 11 + 1) entries.resize(dlen / 11 + 1);
    std::size_t nentries = 0;
    auto add_entry = [&](const char* tag, long len, long off, std::size_t at) { entries[nentries++] = {tag, len, off, at}; };
    std::size_t skipped_bytes = 0, skipped_at = 0;
    for (std::size_t e = dir_start; e < dir_end;) {
        if (dlen % 12 == 0 && e + 12 <= dir_end) {  // the normal case: no 11-byte entries to weigh
            long len, off;
            if (entry12(d + e, len, off)) {
                add_entry(d + e, len, off, e);
                e += 12;
                continue;
            }
        }
        const bool v12 = e + 12 <= dir_end && valid_entry(d + e, 9);
        const bool v11 = e + 11 <= dir_end && valid_entry(d + e, 8);
        const bool p12 = v12 && plausible(parse_digits(d + e + 3, 4), parse_digits(d + e + 7, 5));
        const bool p11 = v11 && plausible(parse_digits(d + e + 3, 3), parse_digits(d + e + 6, 5));
        if (v12 && (p12 || !p11) && (dlen % 12 == 0 || p12 || !v11)) {
            add_entry(d + e, parse_digits(d + e + 3, 4), parse_digits(d + e + 7, 5), e);
            e += 12;
        } else if (v11 && (p11 || e + 11 == dir_end || (e + 23 <= dir_end && valid_entry(d + e + 11, 9)))) {
            diag(e, "directory_entry_short", {std::string(d + e, 3)});
            add_entry(d + e, parse_digits(d + e + 3, 3), parse_digits(d + e + 6, 5), e);
            e += 11;
        } else if (e + 12 <= dir_end && tag_char_ok(d[e]) && tag_char_ok(d[e + 1]) && tag_char_ok(d[e + 2])) {
            // Right size, bad digits: keep the tag, locate the data by position later.
            diag(e, "directory_entry_bad", {printable(std::string_view(d + e, 12))});
            add_entry(d + e, parse_digits(d + e + 3, 4), parse_digits(d + e + 7, 5), e);
            e += 12;
        } else {
            if (skipped_bytes == 0) skipped_at = e;
            ++skipped_bytes;
            ++e;
        }
    }
    if (skipped_bytes) diag(skipped_at, "directory_garbage", {num(skipped_bytes)});
    if (nentries == 0) {
        diag(dir_start, "no_fields");
        return false;
    }
    // ---- Fields.
    const std::size_t data_base = dir_end + 1;
    stats = TextStats{};
    std::size_t nraw = 0;
    std::size_t prev_end = data_base;
    for (std::size_t i = 0; i < nentries; ++i) {
        const Entry& en = entries[i];
        std::size_t fstart;
        if (en.off < 0) {
            fstart = prev_end;  // sequential layout is the best guess
        } else {
            fstart = data_base + static_cast<std::size_t>(en.off);
        }
        if (fstart >= data_end) {
            diag(en.at, "field_out_of_bounds", {std::string(en.tag, 3), num(fstart - start), num(data_end - start)});
            continue;
        }
        // Directory entries in any order are legal ISO 2709: fields are found by their offsets.
        std::size_t next_start = kNpos;
        if (i + 1 < nentries && entries[i + 1].off >= 0)
            next_start = data_base + static_cast<std::size_t>(entries[i + 1].off);
        // The normal case: the directory length ends on a terminator. parse_field reports any
        // terminator inside.
        if (en.len > 0 &&
            fstart + static_cast<std::size_t>(en.len) <= data_end &&
            d[fstart + static_cast<std::size_t>(en.len) - 1] == kFieldEnd) {
            const std::size_t fend = fstart + static_cast<std::size_t>(en.len) - 1;
            prev_end = fend + 1;
            if (nraw == raw.size()) raw.emplace_back();
            RawField& f = raw[nraw++];
            f.subs.clear();
            f.ind1 = f.ind2 = ' ';
            parse_field(en.tag, fstart, fend, false, f);
            continue;
        }
        const void* th = std::memchr(d + fstart, kFieldEnd, data_end - fstart);
        std::size_t term = th ? static_cast<std::size_t>(static_cast<const char*>(th) - d) : kNpos;
        std::size_t fend;  // exclusive end of the content (the terminator is not included)
        bool strip = false;
        std::size_t after;
        if (en.len > 0 && fstart + static_cast<std::size_t>(en.len) <= data_end &&
            d[fstart + static_cast<std::size_t>(en.len) - 1] == kFieldEnd) {
            fend = fstart + static_cast<std::size_t>(en.len) - 1;
            after = fend + 1;
        } else if (en.len > 0 && fstart + static_cast<std::size_t>(en.len) <= data_end &&
                   (term == kNpos || term >= fstart + static_cast<std::size_t>(en.len)) &&
                   (next_start == fstart + static_cast<std::size_t>(en.len) ||
                    fstart + static_cast<std::size_t>(en.len) == data_end)) {
            fend = fstart + static_cast<std::size_t>(en.len);
            after = fend;
            diag(fend - 1, "field_unterminated", {std::string(en.tag, 3)});
        } else if (term != kNpos) {
            fend = term;
            after = term + 1;
            std::size_t real = term + 1 - fstart;
            if (real > 9999)
                diag(en.at, "field_too_long", {std::string(en.tag, 3), num(real)});
            else
                diag(en.at, "field_length_mismatch", {std::string(en.tag, 3), en.len < 0 ? "?" : num(static_cast<std::size_t>(en.len)), num(real)});
        } else {
            fend = data_end;
            after = data_end;
            diag(fstart, "field_unterminated", {std::string(en.tag, 3)});
        }
        prev_end = after;
        if (nraw == raw.size()) raw.emplace_back();
        RawField& f = raw[nraw++];
        f.subs.clear();
        f.ind1 = f.ind2 = ' ';
        parse_field(en.tag, fstart, fend, strip, f);
    }
    std::span<const RawField> fields(raw.data(), nraw);
    if (fields.empty()) {
        diag(dir_start, "no_fields");
        return false;
    }
    // ---- Flavor and encoding, then decoding.
    out.flavor = opt.flavor ? *opt.flavor : detect_from_tags(leader, fields, data);
    out.source_encoding = choose_encoding(out.flavor, leader, fields, start);
    std::size_t bad_reported = 0;
    // ASCII reads the same in every encoding the reader knows (MARC-8 without escapes included).
    const bool plain = (validated_utf8 && out.source_encoding == Encoding::Utf8) || (!stats.non_ascii && !stats.escape);
    if (!opt.keep_fields && plain) {  // nothing left to find: checking only
        out.record.fields.clear();
        return true;
    }
    auto decode = [&](std::size_t off, std::size_t len, bool strip_rs, std::string& dst) {
        if (plain) {
            dst.append(data.data() + off, len);
            if (strip_rs) dst.erase(std::remove(dst.begin(), dst.end(), kFieldEnd), dst.end());
            return;
        }
        std::size_t bad = decoder.decode(data.substr(off, len), out.source_encoding, dst);
        if (bad != kNpos && bad_reported < 1 && out.source_encoding != Encoding::Utf8) {
            // Invalid UTF-8 was reported once by choose_encoding; other encodings report here.
            ++bad_reported;
            diag(off + bad, out.source_encoding == Encoding::Marc8 ? "bad_marc8" : "bad_gb18030");
        } else if (bad != kNpos && bad_reported < 1 && opt.encoding == Encoding::Utf8) {
            ++bad_reported;
            diag(off + bad, "invalid_utf8");
        }
        if (strip_rs) dst.erase(std::remove(dst.begin(), dst.end(), kFieldEnd), dst.end());
    };
    // Reuse the caller's field and subfield strings: their capacity carries over between records.
    out.record.fields.resize(fields.size());
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const RawField& rf = fields[i];
        Field& f = out.record.fields[i];
        assign_small(f.tag, rf.tag.data(), rf.tag.size());
        f.data.clear();
        f.ind1 = rf.ind1;
        f.ind2 = rf.ind2;
        if (rf.control) {
            f.subfields.clear();
            decode(rf.off, rf.len, rf.strip_terminators, f.data);
            continue;
        }
        f.subfields.resize(rf.subs.size());
        for (std::size_t k = 0; k < rf.subs.size(); ++k) {
            f.subfields[k].code = rf.subs[k].code;
            f.subfields[k].value.clear();
            decode(rf.subs[k].off, rf.subs[k].len, rf.strip_terminators, f.subfields[k].value);
        }
    }
    return true;
}

Iso2709Reader::Iso2709Reader(std::string_view data, ReadOptions options) : impl_(std::make_unique<Impl>()) {
    impl_->data = data;
    impl_->opt = std::move(options);
}

Iso2709Reader Iso2709Reader::open(const std::filesystem::path& path, ReadOptions options) {
    if (options.file_name.empty()) options.file_name = path.string();
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw InputError(path.string(), "", std::strerror(errno));
    struct stat st {};
    if (fstat(fd, &st) != 0) {
        int e = errno;
        ::close(fd);
        throw InputError(path.string(), "", std::strerror(e));
    }
    Iso2709Reader reader(std::string_view{}, std::move(options));
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size > 0) {
        void* m = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m == MAP_FAILED) {
            int e = errno;
            ::close(fd);
            throw InputError(path.string(), "", std::strerror(e));
        }
        madvise(m, size, MADV_SEQUENTIAL);
        reader.impl_->map = m;
        reader.impl_->map_len = size;
        reader.impl_->data = std::string_view(static_cast<const char*>(m), size);
    }
    ::close(fd);
    return reader;
}

Iso2709Reader::Iso2709Reader(Iso2709Reader&&) noexcept = default;
Iso2709Reader& Iso2709Reader::operator=(Iso2709Reader&&) noexcept = default;
Iso2709Reader::~Iso2709Reader() = default;

bool Iso2709Reader::next(ReadRecord& out) { return impl_->next(out); }
const std::vector<Diagnostic>& Iso2709Reader::diagnostics() const { return impl_->diags; }
std::size_t Iso2709Reader::position() const { return impl_->pos; }
std::size_t Iso2709Reader::records_seen() const { return impl_->recno; }

CheckResult check_iso2709(std::string_view data, const ReadOptions& options, unsigned threads) {
    // Pieces end just after a record terminator, roughly equal in size.
    std::vector<std::size_t> cuts{0};
    const unsigned n = std::max(1U, threads);
    for (unsigned k = 1; k < n; ++k) {
        const std::size_t target = std::max(cuts.back(), data.size() / n * k);
        const void* hit = target < data.size() ? std::memchr(data.data() + target, kRecordEnd, data.size() - target) : nullptr;
        if (!hit) break;
        cuts.push_back(static_cast<std::size_t>(static_cast<const char*>(hit) - data.data()) + 1);
    }
    cuts.push_back(data.size());
    struct Piece {
        std::size_t records = 0, seen = 0;
        std::vector<Diagnostic> diags;
    };
    std::vector<Piece> pieces(cuts.size() - 1);
    ReadOptions o = options;
    o.keep_fields = false;
    auto run = [&](std::size_t i) {
        Iso2709Reader rd(data.substr(cuts[i], cuts[i + 1] - cuts[i]), o);
        ReadRecord rr;
        while (rd.next(rr)) ++pieces[i].records;
        pieces[i].seen = rd.records_seen();
        pieces[i].diags = rd.diagnostics();
    };
    std::vector<std::thread> workers;
    for (std::size_t i = 1; i < pieces.size(); ++i) workers.emplace_back(run, i);
    run(0);
    for (auto& w : workers) w.join();
    CheckResult out;
    std::size_t base = 0;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        for (auto& d : pieces[i].diags) {
            d.record += base;
            d.offset += cuts[i];
            out.diagnostics.push_back(std::move(d));
        }
        out.records += pieces[i].records;
        base += pieces[i].seen;
    }
    return out;
}
std::size_t Iso2709Reader::size() const { return impl_->data.size(); }

std::vector<ReadRecord> read_iso2709(std::string_view data, const ReadOptions& options,
                                     std::vector<Diagnostic>* diagnostics) {
    Iso2709Reader reader(data, options);
    std::vector<ReadRecord> out;
    ReadRecord r;
    while (reader.next(r)) out.push_back(std::move(r));
    if (diagnostics) *diagnostics = reader.diagnostics();
    return out;
}

// ---------------------------------------------------------------------------------------------
// Writer

namespace {

std::string pad_number(std::size_t v, std::size_t width) {
    std::string s = std::to_string(v);
    if (s.size() > width) return std::string(width, '9');
    return std::string(width - s.size(), '0') + s;
}

// 100$a is positional ASCII; when a damaged record has multibyte text in the first `n` bytes,
// each such character becomes '?' so that patching positions 26-27 keeps the text valid UTF-8.
std::string ascii_prefix(const std::string& v, std::size_t n) {
    std::string out;
    std::size_t i = 0;
    while (i < v.size() && out.size() < n) {
        unsigned char c = static_cast<unsigned char>(v[i]);
        if (c < 0x80) {
            out += v[i++];
            continue;
        }
        out += '?';
        ++i;
        while (i < v.size() && (static_cast<unsigned char>(v[i]) & 0xC0) == 0x80) ++i;
    }
    out.append(v, i, std::string::npos);
    return out;
}

std::string default_leader(MarcFlavor flavor) {
    return flavor == MarcFlavor::Marc21 ? std::string("00000nam a2200000 i 4500")
                                        : std::string("00000nam0 2200000   450 ");
}

}  // namespace

std::string write_iso2709(const MarcRecord& record, MarcFlavor flavor, std::vector<std::string>* warnings) {
    std::string leader = record.leader.size() == 24 ? record.leader : default_leader(flavor);
    std::string dir;
    std::string body;
    dir.reserve(record.fields.size() * 12);
    for (const Field& f : record.fields) {
        const std::size_t off = body.size();
        std::string tag = f.tag.substr(0, 3);
        tag.resize(3, ' ');
        if (f.is_control()) {
            body += f.data;
        } else {
            body += f.ind1;
            body += f.ind2;
            const bool patch100 = flavor == MarcFlavor::Cnmarc && f.tag == "100";
            bool patched = false;
            for (const Subfield& s : f.subfields) {
                body += kSubfield;
                body += s.code;
                if (patch100 && !patched && s.code == 'a') {
                    std::string v = ascii_prefix(s.value, 28);
                    if (v.size() < 36) v.resize(36, ' ');
                    v.replace(26, 2, "50");
                    body += v;
                    patched = true;
                } else {
                    body += s.value;
                }
            }
        }
        body += kFieldEnd;
        const std::size_t len = body.size() - off;
        if (len > 9999 && warnings) warnings->push_back("field " + tag + " is " + std::to_string(len) + " bytes");
        if (off > 99999 && warnings) warnings->push_back("field " + tag + " starts at " + std::to_string(off));
        dir += tag;
        dir += pad_number(len, 4);
        dir += pad_number(off, 5);
    }
    dir += kFieldEnd;
    const std::size_t base = 24 + dir.size();
    const std::size_t total = base + body.size() + 1;
    if (total > 99999 && warnings) warnings->push_back("record is " + std::to_string(total) + " bytes");
    leader.replace(0, 5, pad_number(total, 5));
    if (flavor == MarcFlavor::Marc21) leader[9] = 'a';
    leader[10] = '2';
    leader[11] = '2';
    leader.replace(12, 5, pad_number(base, 5));
    const std::string map = leader.substr(20, 4);
    if (flavor == MarcFlavor::Marc21) leader.replace(20, 4, "4500");
    else if (map != "4500" && map != "450 ") leader.replace(20, 4, "450 ");
    std::string out;
    out.reserve(total);
    out += leader;
    out += dir;
    out += body;
    out += kRecordEnd;
    return out;
}

}  // namespace shuxiang::catalog
