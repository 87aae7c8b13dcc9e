#include "shuxiang/util/i18n.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <vector>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/paths.hpp"

namespace shuxiang {
namespace {

struct Entry {
    std::string zh;
    std::string en;
};

struct Table {
    std::mutex mu;
    bool loaded = false;
    std::map<std::string, Entry, std::less<>> entries;
    // Keys looked up but absent are stored so that tr() can return a stable reference.
    std::map<std::string, std::string, std::less<>> missing;
    Language lang = Language::ZhCN;
};

Table& table() {
    static Table t;
    return t;
}

// -1: no per-thread language (the table's applies); else a Language value.
thread_local int thread_lang = -1;

Language effective(const Table& t) { return thread_lang < 0 ? t.lang : static_cast<Language>(thread_lang); }

// A reader for the shape every translation file has: one object of keys, each an object of
// plain strings ({"zh": "...", "en": "..."}). It returns false for anything else (a \u escape,
// a number, invalid UTF-8, a syntax error, a key without both languages), and the file is then read
// by nlohmann::json, which accepts or refuses it exactly as before. Every command starts by loading
// the table (the CLI's help texts are translated), and the DOM parser took a fifth of a short
// command's time (`catalog check` of 20,000 records: 33 M instructions of 132 M).
class PlainTranslations {
public:
    explicit PlainTranslations(std::string_view s) : s_(s) {}

    bool read(std::map<std::string, Entry, std::less<>>& out) {
        ws();
        if (!eat('{')) return false;
        ws();
        if (eat('}')) return end();
        std::string key, lang, text;
        while (true) {
            if (!string(key)) return false;
            ws();
            if (!eat(':')) return false;
            ws();
            if (!eat('{')) return false;
            ws();
            Entry e;
            bool zh = false, en = false;
            if (!eat('}')) {
                while (true) {
                    if (!string(lang)) return false;
                    ws();
                    if (!eat(':')) return false;
                    ws();
                    if (!string(text)) return false;
                    if (lang == "zh") e.zh = text, zh = true;
                    else if (lang == "en") e.en = text, en = true;
                    ws();
                    if (eat('}')) break;
                    if (!eat(',')) return false;
                    ws();
                }
            }
            if (!zh || !en) return false;
            out[key] = std::move(e);  // a key repeated in one file: the last one counts, as with nlohmann
            ws();
            if (eat('}')) return end();
            if (!eat(',')) return false;
            ws();
        }
    }

private:
    std::string_view s_;
    std::size_t i_ = 0;

    void ws() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
    }
    bool eat(char c) {
        if (i_ < s_.size() && s_[i_] == c) {
            ++i_;
            return true;
        }
        return false;
    }
    bool end() {
        ws();
        return i_ == s_.size();
    }
    // A string with the simple escapes; UTF-8 checked as nlohmann checks it.
    bool string(std::string& out) {
        out.clear();
        if (!eat('"')) return false;
        std::size_t run = i_;
        while (i_ < s_.size()) {
            const auto c = static_cast<unsigned char>(s_[i_]);
            if (c == '"') {
                out.append(s_.data() + run, i_ - run);
                ++i_;
                return true;
            }
            if (c < 0x20) return false;
            if (c == '\\') {
                out.append(s_.data() + run, i_ - run);
                if (i_ + 1 >= s_.size()) return false;
                const char e = s_[i_ + 1];
                const char* plain = "\"\\/bfnrt";
                const char* real = "\"\\/\b\f\n\r\t";
                const char* f = std::strchr(plain, e);
                if (e == '\0' || !f) return false;  // \u and anything unknown: nlohmann decides
                out += real[f - plain];
                i_ += 2;
                run = i_;
                continue;
            }
            if (c < 0x80) {
                ++i_;
                continue;
            }
            std::size_t len;
            unsigned lo = 0x80, hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) len = 2;
            else if (c == 0xE0) len = 3, lo = 0xA0;
            else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) len = 3;
            else if (c == 0xED) len = 3, hi = 0x9F;
            else if (c == 0xF0) len = 4, lo = 0x90;
            else if (c >= 0xF1 && c <= 0xF3) len = 4;
            else if (c == 0xF4) len = 4, hi = 0x8F;
            else return false;
            if (i_ + len > s_.size()) return false;
            const auto c1 = static_cast<unsigned char>(s_[i_ + 1]);
            if (c1 < lo || c1 > hi) return false;
            for (std::size_t k = 2; k < len; ++k)
                if ((static_cast<unsigned char>(s_[i_ + k]) & 0xC0) != 0x80) return false;
            i_ += len;
        }
        return false;
    }
};

void load_locked(Table& t, const std::filesystem::path& dir) {
    std::map<std::string, Entry, std::less<>> entries;
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (auto& f : files) {
        const std::string text = read_file(f);
        std::map<std::string, Entry, std::less<>> file_entries;
        if (!PlainTranslations(text).read(file_entries)) {
            file_entries.clear();
            nlohmann::json j;
            try {
                j = nlohmann::json::parse(text);
            } catch (const nlohmann::json::parse_error& e) {
                throw InputError(f.string(), "byte " + std::to_string(e.byte), "invalid JSON");
            }
            if (!j.is_object()) throw InputError(f.string(), "", "expected an object of translations");
            for (auto& [key, val] : j.items()) {
                if (!val.is_object() || !val.contains("zh") || !val.contains("en") || !val["zh"].is_string() ||
                    !val["en"].is_string())
                    throw InputError(f.string(), "/" + key, "expected {\"zh\": string, \"en\": string}");
                file_entries[key] = Entry{val["zh"].get<std::string>(), val["en"].get<std::string>()};
            }
        }
        for (auto& [key, entry] : file_entries) {
            if (entries.count(key))
                throw InputError(f.string(), "/" + key, "key defined twice in the translation table");
            entries.emplace(key, std::move(entry));
        }
    }
    t.entries = std::move(entries);
    t.loaded = true;
}

void ensure_loaded(Table& t) {
    if (!t.loaded) load_locked(t, asset_dir() / "i18n");
}

}  // namespace

const std::string& tr(std::string_view key) {
    Table& t = table();
    std::lock_guard lock(t.mu);
    ensure_loaded(t);
    auto it = t.entries.find(key);
    if (it != t.entries.end()) {
        const std::string& s = effective(t) == Language::En ? it->second.en : it->second.zh;
        if (!s.empty()) return s;
    }
    auto m = t.missing.find(key);
    if (m == t.missing.end()) m = t.missing.emplace(std::string(key), std::string(key)).first;
    return m->second;
}

std::string tr_in(Language lang, std::string_view key) {
    Table& t = table();
    std::lock_guard lock(t.mu);
    ensure_loaded(t);
    auto it = t.entries.find(key);
    if (it != t.entries.end()) {
        const std::string& s = lang == Language::En ? it->second.en : it->second.zh;
        if (!s.empty()) return s;
    }
    return std::string(key);
}

namespace {
template <typename Range>
std::string substitute(std::string s, const Range& args) {
    size_t i = 0;
    for (const auto& a : args) {
        std::string mark = "{" + std::to_string(i++) + "}";
        for (size_t pos = s.find(mark); pos != std::string::npos; pos = s.find(mark, pos + a.size()))
            s.replace(pos, mark.size(), a);
    }
    return s;
}
}  // namespace

std::string trf(std::string_view key, std::initializer_list<std::string> args) { return substitute(tr(key), args); }
std::string trv(std::string_view key, const std::vector<std::string>& args) { return substitute(tr(key), args); }

std::string trf_in(Language lang, std::string_view key, std::initializer_list<std::string> args) {
    return substitute(tr_in(lang, key), args);
}

std::string trv_in(Language lang, std::string_view key, const std::vector<std::string>& args) {
    return substitute(tr_in(lang, key), args);
}

void set_language(Language lang) {
    Table& t = table();
    std::lock_guard lock(t.mu);
    t.lang = lang;
}

Language language() {
    Table& t = table();
    std::lock_guard lock(t.mu);
    return effective(t);
}

ThreadLanguage::ThreadLanguage(Language lang) : previous_(thread_lang) { thread_lang = static_cast<int>(lang); }
ThreadLanguage::~ThreadLanguage() { thread_lang = previous_; }

Language parse_language(std::string_view code) {
    if (code == "zh" || code == "zh-CN" || code == "zh_CN") return Language::ZhCN;
    if (code == "en" || code == "en-US" || code == "en_US") return Language::En;
    throw InputError("", "--lang", trf("common.lang.unknown", {std::string(code)}));
}

void load_translations(const std::filesystem::path& dir) {
    Table& t = table();
    std::lock_guard lock(t.mu);
    load_locked(t, dir);
}

std::size_t translation_count() {
    Table& t = table();
    std::lock_guard lock(t.mu);
    ensure_loaded(t);
    return t.entries.size();
}

bool translation_complete(std::string_view key) {
    Table& t = table();
    std::lock_guard lock(t.mu);
    ensure_loaded(t);
    auto it = t.entries.find(key);
    return it != t.entries.end() && !it->second.zh.empty() && !it->second.en.empty();
}

}  // namespace shuxiang
