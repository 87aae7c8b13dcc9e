// Matching a list's titles against the catalogue: by ISBN, else by normalised title and author.
#include <set>

#include "copies.hpp"
#include "shuxiang/catalog/isbn.hpp"
#include "shuxiang/catalog/store.hpp"
#include "shuxiang/reading/lists.hpp"

namespace shuxiang::reading {

namespace {

// The next code point of `s` at `i` (advancing i); a stray byte is returned as itself.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 1;
    if (i + static_cast<std::size_t>(len) > s.size()) len = 1;
    char32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += static_cast<std::size_t>(len);
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Spaces and punctuation: ASCII, Latin-1 (·), general punctuation (— “ ” …), CJK symbols (、。《》「」).
bool ignored(char32_t cp) {
    if (cp < 0x80) return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
    return (cp >= 0xA0 && cp <= 0xBF) || cp == 0xD7 || (cp >= 0x2000 && cp <= 0x206F) ||
           (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0x30FB && cp <= 0x30FB) || (cp >= 0xFE30 && cp <= 0xFE4F);
}

std::vector<long long> by_title_author(catalog::Store& store, const ReadingListEntry& e) {
    std::vector<long long> out;
    const std::string title = match_key(e.title), author = match_key(e.author);
    if (title.empty()) return out;
    for (auto& hit : store.search(e.title, 200)) {
        if (match_key(hit.title) != title) continue;
        if (!author.empty() && match_key(hit.responsibility).find(author) == std::string::npos) continue;
        out.push_back(hit.record_id);
    }
    return out;
}

}  // namespace

long long copies_held(catalog::Store& store, long long record_id) {
    long long n = 0;
    for (auto& it : store.items_of(record_id))
        if (it.status != catalog::ItemStatus::Lost && it.status != catalog::ItemStatus::Withdrawn) ++n;
    return n;
}

std::string match_key(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        char32_t cp = next_code_point(text, i);
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII forms
        if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
        if (ignored(cp) || (cp >= 0xFF00 && cp <= 0xFFEF)) continue;
        append_utf8(out, cp);
    }
    return out;
}

Coverage coverage(catalog::Store& store, const std::vector<ReadingListEntry>& entries) {
    Coverage c;
    for (auto& e : entries) {
        CoverageEntry ce{e, {}, 0, ""};
        if (auto isbn = catalog::isbn_normalize(e.isbn)) {
            ce.record_ids = store.records_by_isbn(*isbn);
            if (!ce.record_ids.empty()) ce.matched_by = "isbn";
        }
        if (ce.record_ids.empty()) {
            ce.record_ids = by_title_author(store, e);
            if (!ce.record_ids.empty()) ce.matched_by = "title_author";
        }
        for (long long id : ce.record_ids) ce.copies += copies_held(store, id);
        c.copies += ce.copies;
        (ce.record_ids.empty() ? c.missing : c.held).push_back(std::move(ce));
    }
    return c;
}

std::string missing_csv(const Coverage& c) {
    auto cell = [](const std::string& v) {
        if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
        std::string q = "\"";
        for (char ch : v) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        return q + "\"";
    };
    std::string out = "题名,责任者,ISBN,价格\r\n";
    for (auto& m : c.missing) {
        std::string price;
        if (m.entry.price) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%.2f", *m.entry.price);
            price = buf;
        }
        out += cell(m.entry.title) + "," + cell(m.entry.author) + "," + cell(m.entry.isbn) + "," + price + "\r\n";
    }
    return out;
}

}  // namespace shuxiang::reading
