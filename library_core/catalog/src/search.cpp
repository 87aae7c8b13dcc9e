#include "shuxiang/catalog/search.hpp"

#include <cstring>

namespace shuxiang::catalog {

namespace {

// Decodes one UTF-8 code point at s[i]; returns its length (1 for invalid bytes, cp = 0xFFFD).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) {
        cp = 0xFFFD;
        return 1;
    }
    if (n == 1) {
        cp = c;
        return 1;
    }
    cp = c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            cp = 0xFFFD;
            return 1;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    return n;
}

bool is_cjk(char32_t cp) {
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3134F) || (cp >= 0x3040 && cp <= 0x30FF);  // incl. kana
}

// Separators: ASCII punctuation and space, CJK punctuation, general punctuation, full-width
// punctuation.
bool is_separator(char32_t cp) {
    if (cp < 0x80) return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
    return (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) ||
           (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65) ||
           cp == 0xFFFD || cp == 0x00B7 || cp == 0x00A0;
}

bool is_ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Writes cp as UTF-8 into out (room for 4 bytes); returns the length.
std::size_t encode_utf8(char* out, char32_t cp) {
    if (cp < 0x80) {
        out[0] = static_cast<char>(cp);
        return 1;
    }
    if (cp < 0x800) {
        out[0] = static_cast<char>(0xC0 | (cp >> 6));
        out[1] = static_cast<char>(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = static_cast<char>(0xE0 | (cp >> 12));
        out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    return 4;
}

void append_utf8(std::string& out, char32_t cp) {
    char b[4];
    out.append(b, encode_utf8(b, cp));
}

// Splits text into runs: a CJK run (its characters) or a word (lower-cased UTF-8).
template <class OnCjkRun, class OnWord>
void scan(std::string_view text, OnCjkRun on_cjk, OnWord on_word) {
    std::vector<std::string> run;
    std::string word;
    auto flush = [&] {
        if (!run.empty()) on_cjk(run);
        run.clear();
        if (!word.empty()) on_word(word);
        word.clear();
    };
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp;
        i += decode(text, i, cp);
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
        if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
        if (is_cjk(cp)) {
            if (!word.empty()) {
                on_word(word);
                word.clear();
            }
            std::string ch;
            append_utf8(ch, cp);
            run.push_back(std::move(ch));
        } else if (is_separator(cp)) {
            flush();
        } else {
            if (!run.empty()) {
                on_cjk(run);
                run.clear();
            }
            append_utf8(word, cp);
        }
    }
    flush();
}

}  // namespace

int for_each_index_token(std::string_view text, TokenSink emit, void* ctx) {
    // Written directly (no per-character strings): this runs for every field of every imported record.
    char pair[8];               // the previous CJK character, then the current one: a bigram
    std::size_t prev_len = 0;   // bytes of the previous CJK character, 0 when the last token was not CJK
    std::string word;           // the Latin/digit word being read, lower-cased
    auto end_word = [&]() -> int {
        if (word.empty()) return 0;
        int rc = emit(ctx, word.data(), word.size());
        word.clear();
        return rc;
    };
    const std::size_t n = text.size();
    for (std::size_t i = 0; i < n;) {
        // ASCII, most of a Latin record's text, without decoding and encoding each character: a run
        // of letters and digits joins the word lower-cased in one append; anything else ends it.
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            prev_len = 0;
            std::size_t j = i;
            while (j < n && is_ascii_alnum(text[j])) ++j;
            if (j == i) {
                if (int rc = end_word()) return rc;
                ++i;
                continue;
            }
            const std::size_t from = word.size();
            word.append(text.data() + i, j - i);
            for (std::size_t k = from; k < word.size(); ++k)
                if (word[k] >= 'A' && word[k] <= 'Z') word[k] = static_cast<char>(word[k] + ('a' - 'A'));
            i = j;
            continue;
        }
        char32_t cp;
        i += decode(text, i, cp);
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
        if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
        if (is_cjk(cp)) {
            if (int rc = end_word()) return rc;
            char cur[4];
            std::size_t len = encode_utf8(cur, cp);
            if (prev_len > 0) {  // the bigram with the previous character
                std::memcpy(pair + prev_len, cur, len);
                if (int rc = emit(ctx, pair, prev_len + len)) return rc;
            }
            if (int rc = emit(ctx, cur, len)) return rc;
            std::memcpy(pair, cur, len);
            prev_len = len;
        } else if (is_separator(cp)) {
            prev_len = 0;
            if (int rc = end_word()) return rc;
        } else {
            prev_len = 0;
            append_utf8(word, cp);
        }
    }
    return end_word();
}

std::string index_tokens(std::string_view text) {
    std::string out;
    out.reserve(text.size() * 3);
    for_each_index_token(
        text,
        [](void* ctx, const char* token, std::size_t len) {
            auto& o = *static_cast<std::string*>(ctx);
            if (!o.empty()) o += ' ';
            o.append(token, len);
            return 0;
        },
        &out);
    return out;
}

std::vector<std::string> query_tokens(std::string_view query) {
    std::vector<std::string> out;
    auto push_unique = [&](std::string t) {
        for (const auto& o : out)
            if (o == t) return;
        out.push_back(std::move(t));
    };
    scan(
        query,
        [&](const std::vector<std::string>& run) {
            if (run.size() == 1) push_unique(run[0]);
            for (std::size_t k = 0; k + 1 < run.size(); ++k) push_unique(run[k] + run[k + 1]);
        },
        [&](const std::string& w) { push_unique(w); });
    return out;
}

std::string fts_match_expression(std::string_view query) {
    std::string out;
    for (const auto& t : query_tokens(query)) {
        if (!out.empty()) out += ' ';
        out += '"';
        out += t;  // tokens never hold '"': it is a separator
        out += '"';
    }
    return out;
}

const char* to_string(MatchKind kind) {
    switch (kind) {
        case MatchKind::Isbn: return "isbn";
        case MatchKind::Barcode: return "barcode";
        case MatchKind::CallNumber: return "call_number";
        case MatchKind::Text: return "text";
    }
    return "text";
}

}  // namespace shuxiang::catalog
