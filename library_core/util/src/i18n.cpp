#include "shuxiang/util/i18n.hpp"

#include <algorithm>
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

void load_locked(Table& t, const std::filesystem::path& dir) {
    std::map<std::string, Entry, std::less<>> entries;
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (auto& f : files) {
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(read_file(f));
        } catch (const nlohmann::json::parse_error& e) {
            throw InputError(f.string(), "byte " + std::to_string(e.byte), "invalid JSON");
        }
        if (!j.is_object()) throw InputError(f.string(), "", "expected an object of translations");
        for (auto& [key, val] : j.items()) {
            if (!val.is_object() || !val.contains("zh") || !val.contains("en") || !val["zh"].is_string() ||
                !val["en"].is_string())
                throw InputError(f.string(), "/" + key, "expected {\"zh\": string, \"en\": string}");
            if (entries.count(key))
                throw InputError(f.string(), "/" + key, "key defined twice in the translation table");
            entries[key] = Entry{val["zh"].get<std::string>(), val["en"].get<std::string>()};
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
