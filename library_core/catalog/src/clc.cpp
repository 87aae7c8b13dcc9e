#include "shuxiang/catalog/clc.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/util/paths.hpp"

namespace shuxiang::catalog {

namespace {

// Which letters start a basic class and which second letters make a T subclass; built from the table.
struct LetterSets {
    std::array<bool, 26> basic{};
    std::array<bool, 26> t_second{};
};

const LetterSets& letter_sets() {
    static const LetterSets sets = [] {
        LetterSets s;
        const auto& t = ClcTable::get();
        for (const auto& c : t.classes)
            if (c.code.size() == 1 && c.code[0] >= 'A' && c.code[0] <= 'Z') s.basic[static_cast<std::size_t>(c.code[0] - 'A')] = true;
        for (const auto& c : t.t_subclasses)
            if (c.code.size() == 2 && c.code[1] >= 'A' && c.code[1] <= 'Z') s.t_second[static_cast<std::size_t>(c.code[1] - 'A')] = true;
        return s;
    }();
    return sets;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

// Full-width ASCII, the ideographic space and Chinese quotes become their ASCII forms; 上/中/下
// are kept (they name volumes).
std::string normalise(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size();) {
        auto c = static_cast<unsigned char>(in[i]);
        if (c == 0xEF && i + 2 < in.size()) {
            auto b1 = static_cast<unsigned char>(in[i + 1]), b2 = static_cast<unsigned char>(in[i + 2]);
            // U+FF01..U+FF5E: EF BC 81..BF, EF BD 80..9E
            unsigned cp = ((c & 0x0Fu) << 12) | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
            if (cp >= 0xFF01 && cp <= 0xFF5E) {
                out += static_cast<char>(cp - 0xFEE0);
                i += 3;
                continue;
            }
        }
        if (c == 0xE3 && i + 2 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0x80 &&
            static_cast<unsigned char>(in[i + 2]) == 0x80) {
            out += ' ';
            i += 3;
            continue;
        }
        if (c == 0xE2 && i + 2 < in.size() && static_cast<unsigned char>(in[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(in[i + 2]) == 0x9C || static_cast<unsigned char>(in[i + 2]) == 0x9D)) {
            out += '"';
            i += 3;
            continue;
        }
        out += static_cast<char>(c);
        ++i;
    }
    auto b = out.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    auto e = out.find_last_not_of(" \t\r\n");
    return out.substr(b, e - b + 1);
}

// 上 E4 B8 8A, 中 E4 B8 AD, 下 E4 B8 8B
int volume_word(std::string_view s) {
    if (s == "\xE4\xB8\x8A") return 1;
    if (s == "\xE4\xB8\xAD") return 2;
    if (s == "\xE4\xB8\x8B") return 3;
    return 0;
}

bool fail(std::string* err, const char* key) {
    if (err) *err = key;
    return false;
}

// Ranks of the class-number characters; END (0) is implicit in the shorter key.
constexpr unsigned char kClose = 1, kDash = 2, kParen = 3, kEquals = 4, kQuote = 5, kAngle = 6, kColon = 7,
                        kPlus = 8, kLetter = 20, kDigit = 60;

bool build_class(std::string_view cls, CallNumber& out, std::string* err) {
    const auto& sets = letter_sets();
    if (cls.empty()) return fail(err, "catalog.callno.empty");
    std::string c;
    for (char ch : cls) c += upper(ch);
    if (!is_upper(c[0]) || !sets.basic[static_cast<std::size_t>(c[0] - 'A')]) return fail(err, "catalog.callno.bad_class");
    std::size_t i = 1;
    out.class_letters = c.substr(0, 1);
    if (c.size() > 1 && is_upper(c[1])) {
        if (c[0] != 'T' || !sets.t_second[static_cast<std::size_t>(c[1] - 'A')]) return fail(err, "catalog.callno.bad_class");
        out.class_letters = c.substr(0, 2);
        i = 2;
    }
    int paren = 0, angle = 0;
    bool in_quote = false, seen_digit = false;
    out.class_key.clear();
    for (; i < c.size(); ++i) {
        char ch = c[i];
        if (is_digit(ch)) {
            out.class_key.push_back(static_cast<unsigned char>(kDigit + (ch - '0')));
            seen_digit = true;
        } else if (is_upper(ch)) {
            // Letters inside a class number (TP312C, TP312JA) only follow digits.
            if (!seen_digit) return fail(err, "catalog.callno.bad_class");
            out.class_key.push_back(static_cast<unsigned char>(kLetter + (ch - 'A')));
        } else {
            switch (ch) {
                case '.': break;
                case '-': out.class_key.push_back(kDash); break;
                case '(': ++paren; out.class_key.push_back(kParen); break;
                case ')':
                    if (--paren < 0) return fail(err, "catalog.callno.unbalanced");
                    out.class_key.push_back(kClose);
                    break;
                case '<': ++angle; out.class_key.push_back(kAngle); break;
                case '>':
                    if (--angle < 0) return fail(err, "catalog.callno.unbalanced");
                    out.class_key.push_back(kClose);
                    break;
                case '"':
                    out.class_key.push_back(in_quote ? kClose : kQuote);
                    in_quote = !in_quote;
                    break;
                case '=': out.class_key.push_back(kEquals); break;
                case ':': out.class_key.push_back(kColon); break;
                case '+': out.class_key.push_back(kPlus); break;
                default: return fail(err, "catalog.callno.bad_char");
            }
        }
    }
    if (paren != 0 || angle != 0 || in_quote) return fail(err, "catalog.callno.unbalanced");
    out.class_number = c;
    return true;
}

// Book number tokens as (kind, value) pairs: marks 1, numbers 2 (compared numerically), letters 3.
bool build_book(std::string_view book, CallNumber& out, std::string* err) {
    out.book_key.clear();
    std::string b;
    for (char ch : book) b += upper(ch);
    for (std::size_t i = 0; i < b.size();) {
        char ch = b[i];
        if (is_digit(ch)) {
            long long v = 0;
            std::size_t j = i;
            while (j < b.size() && is_digit(b[j])) {
                if (v < 100000000000000LL) v = v * 10 + (b[j] - '0');
                ++j;
            }
            out.book_key.push_back(2);
            out.book_key.push_back(v);
            i = j;
        } else if (is_upper(ch)) {
            out.book_key.push_back(3);
            out.book_key.push_back(ch);
            ++i;
        } else if (ch == '-' || ch == '=' || ch == '(' || ch == ')' || ch == '.' || ch == '"' || ch == '+') {
            static constexpr std::string_view marks = ".-(=\"+)";
            out.book_key.push_back(1);
            out.book_key.push_back(static_cast<long long>(marks.find(ch)));
            ++i;
        } else {
            return fail(err, "catalog.callno.bad_book_number");
        }
    }
    out.book_number = b;
    return true;
}

bool parse_number(std::string_view s, int& v) {
    if (s.empty() || s.size() > 6) return false;
    v = 0;
    for (char c : s) {
        if (!is_digit(c)) return false;
        v = v * 10 + (c - '0');
    }
    return true;
}

}  // namespace

std::optional<CallNumber> parse_call_number(std::string_view text, std::string* error_key) {
    CallNumber cn;
    cn.text = normalise(text);
    if (cn.text.empty()) {
        fail(error_key, "catalog.callno.empty");
        return std::nullopt;
    }
    const std::string& t = cn.text;
    auto slash = t.find('/');
    std::string_view cls = std::string_view(t).substr(0, slash);
    while (!cls.empty() && cls.back() == ' ') cls.remove_suffix(1);
    if (!build_class(cls, cn, error_key)) return std::nullopt;
    if (slash == std::string::npos) return cn;

    // The part after the first '/': book number, then volume / copy markers.
    std::string_view rest = std::string_view(t).substr(slash + 1);
    std::size_t i = 0;
    while (i < rest.size() && rest[i] == ' ') ++i;
    std::size_t start = i;
    auto is_marker_at = [&](std::size_t k) {
        char c = rest[k];
        if (c == ':' || c == '/' || c == '#' || c == ' ' || c == ',' || c == ';') return true;
        if ((c == 'c' || c == 'C' || c == 'v' || c == 'V') && k + 1 < rest.size() && rest[k + 1] == '.' && k > start) return true;
        if (static_cast<unsigned char>(c) >= 0x80) return true;  // 上/中/下 or stray text
        return false;
    };
    while (i < rest.size() && !is_marker_at(i)) ++i;
    if (i == start) {
        fail(error_key, "catalog.callno.bad_book_number");
        return std::nullopt;
    }
    if (!build_book(rest.substr(start, i - start), cn, error_key)) return std::nullopt;
    while (i < rest.size()) {
        char c = rest[i];
        if (c == ' ' || c == ',' || c == ';') {
            ++i;
            continue;
        }
        int* target = nullptr;
        if (c == ':' || c == '/') {
            target = &cn.volume;
            ++i;
        } else if (c == '#') {
            target = &cn.copy;
            ++i;
        } else if ((c == 'c' || c == 'C') && i + 1 < rest.size() && rest[i + 1] == '.') {
            target = &cn.copy;
            i += 2;
        } else if ((c == 'v' || c == 'V') && i + 1 < rest.size() && rest[i + 1] == '.') {
            target = &cn.volume;
            i += 2;
        } else if (i + 3 <= rest.size() && volume_word(rest.substr(i, 3)) != 0) {
            cn.volume = volume_word(rest.substr(i, 3));
            i += 3;
            continue;
        } else {
            fail(error_key, "catalog.callno.bad_volume");
            return std::nullopt;
        }
        std::size_t j = i;
        while (j < rest.size() && is_digit(rest[j])) ++j;
        int v = 0;
        if (j == i && i + 3 <= rest.size() && volume_word(rest.substr(i, 3)) != 0) {
            v = volume_word(rest.substr(i, 3));
            j = i + 3;
        } else if (!parse_number(rest.substr(i, j - i), v)) {
            fail(error_key, "catalog.callno.bad_volume");
            return std::nullopt;
        }
        *target = v;
        i = j;
    }
    return cn;
}

int compare_call_numbers(const CallNumber& a, const CallNumber& b) {
    if (int c = a.class_letters.compare(b.class_letters); c != 0) return c < 0 ? -1 : 1;
    if (a.class_key != b.class_key) return std::lexicographical_compare(a.class_key.begin(), a.class_key.end(),
                                                                        b.class_key.begin(), b.class_key.end()) ? -1 : 1;
    if (a.book_key != b.book_key) return std::lexicographical_compare(a.book_key.begin(), a.book_key.end(),
                                                                      b.book_key.begin(), b.book_key.end()) ? -1 : 1;
    if (a.volume != b.volume) return a.volume < b.volume ? -1 : 1;
    if (a.copy != b.copy) return a.copy < b.copy ? -1 : 1;
    return 0;
}

namespace {

// Letters padded to two bytes ("T\0" < "TB"), then the class key (ranks are all >= 1).
std::string class_part_key(const CallNumber& cn) {
    std::string k = cn.class_letters;
    k.resize(2, '\0');
    for (unsigned char c : cn.class_key) k += static_cast<char>(c);
    return k;
}

void put_be(std::string& k, unsigned long long v, int bytes) {
    for (int b = bytes - 1; b >= 0; --b) k += static_cast<char>((v >> (8 * b)) & 0xFF);
}

}  // namespace

std::string shelf_key(const CallNumber& cn) {
    std::string k = class_part_key(cn);
    k += '\0';  // end of class: shorter class numbers first
    // Each book-number element is marked with 0x01, so that the end mark 0x00 sorts first.
    for (long long v : cn.book_key) {
        k += '\x01';
        put_be(k, static_cast<unsigned long long>(v) ^ (1ULL << 63), 8);
    }
    k += '\0';
    put_be(k, static_cast<unsigned long long>(static_cast<unsigned>(cn.volume)), 4);
    put_be(k, static_cast<unsigned long long>(static_cast<unsigned>(cn.copy)), 4);
    return k;
}

std::optional<std::string> shelf_key_class_prefix(std::string_view class_prefix) {
    auto cn = parse_call_number(class_prefix);
    if (!cn || !cn->book_number.empty()) return std::nullopt;
    // "T" alone must not cover "TB…": the padding byte is part of the prefix then.
    return class_part_key(*cn);
}

void sort_shelf_order(std::vector<std::string>& lines) {
    struct Entry {
        std::optional<CallNumber> cn;
        std::string line;
    };
    std::vector<Entry> entries;
    entries.reserve(lines.size());
    for (auto& l : lines) entries.push_back({parse_call_number(l), std::move(l)});
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& x, const Entry& y) {
        if (x.cn && y.cn) return compare_call_numbers(*x.cn, *y.cn) < 0;
        if (x.cn.has_value() != y.cn.has_value()) return x.cn.has_value();
        return x.line < y.line;
    });
    lines.clear();
    for (auto& e : entries) lines.push_back(std::move(e.line));
}

ClcTable ClcTable::load(const std::filesystem::path& file) {
    const std::string name = file.string();
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(read_file(file));
    } catch (const nlohmann::json::exception& e) {
        throw InputError(name, "", e.what());
    }
    ClcTable t;
    try {
        for (const auto& p : j.at("parts")) {
            ClcPart part{p.at("number").get<int>(), p.at("zh").get<std::string>(), p.at("en").get<std::string>(),
                         p.at("classes").get<std::vector<std::string>>()};
            t.parts.push_back(std::move(part));
        }
        auto part_of = [&](const std::string& code) {
            for (const auto& p : t.parts)
                if (std::find(p.classes.begin(), p.classes.end(), code) != p.classes.end()) return p.number;
            return 0;
        };
        for (const auto& c : j.at("classes")) {
            ClcClass cls{c.at("code").get<std::string>(), c.at("zh").get<std::string>(), c.at("en").get<std::string>(), 0};
            cls.part = part_of(cls.code);
            if (cls.code.size() != 1 || cls.part == 0) throw InputError(name, "/classes", trf("catalog.clc.no_part", {cls.code}));
            t.classes.push_back(std::move(cls));
        }
        for (const auto& c : j.at("t_subclasses")) {
            ClcClass cls{c.at("code").get<std::string>(), c.at("zh").get<std::string>(), c.at("en").get<std::string>(),
                         part_of("T")};
            if (cls.code.size() != 2 || cls.code[0] != 'T') throw InputError(name, "/t_subclasses", trf("catalog.clc.bad_subclass", {cls.code}));
            t.t_subclasses.push_back(std::move(cls));
        }
    } catch (const nlohmann::json::exception& e) {
        throw InputError(name, "", e.what());
    }
    return t;
}

const ClcTable& ClcTable::get() {
    static const ClcTable table = load(asset_dir() / "clc" / "classes.json");
    return table;
}

const ClcClass* ClcTable::find_class(std::string_view code) const {
    for (const auto& c : classes)
        if (c.code == code) return &c;
    for (const auto& c : t_subclasses)
        if (c.code == code) return &c;
    return nullptr;
}

const ClcPart* ClcTable::find_part(int number) const {
    for (const auto& p : parts)
        if (p.number == number) return &p;
    return nullptr;
}

std::string clc_top_class(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) return {};
    char c = upper(s[i]);
    if (!is_upper(c) || !letter_sets().basic[static_cast<std::size_t>(c - 'A')]) return {};
    return std::string(1, c);
}

std::string clc_subclass(std::string_view s) {
    std::string top = clc_top_class(s);
    if (top != "T") return top;
    auto i = s.find_first_not_of(' ');
    if (i + 1 < s.size()) {
        char c = upper(s[i + 1]);
        if (is_upper(c) && letter_sets().t_second[static_cast<std::size_t>(c - 'A')]) return std::string("T") + c;
    }
    return top;
}

int clc_part(std::string_view s) {
    std::string top = clc_top_class(s);
    if (top.empty()) return 0;
    const auto* c = ClcTable::get().find_class(top);
    return c ? c->part : 0;
}

}  // namespace shuxiang::catalog
