#pragma once
// The translation table: every user-facing string goes through tr(). zh-CN is the default language.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace shuxiang {

enum class Language { ZhCN, En };

// The table is the union of every assets/i18n/*.json file: {"key": {"zh": "...", "en": "..."}, ...}.
// It is loaded on first use. A key missing from the table is returned as it is, so gaps show.
const std::string& tr(std::string_view key);
// tr() with {0}, {1}, ... replaced by the arguments.
std::string trf(std::string_view key, std::initializer_list<std::string> args);
std::string trv(std::string_view key, const std::vector<std::string>& args);

// The text of a key in a given language, whatever the current language (bilingual reports).
std::string tr_in(Language lang, std::string_view key);
std::string trf_in(Language lang, std::string_view key, std::initializer_list<std::string> args);
std::string trv_in(Language lang, std::string_view key, const std::vector<std::string>& args);

void set_language(Language lang);
Language language();

// Sets the language of tr() on the calling thread only, for its lifetime (a server answers each
// request in the language its reader asked for while other threads answer in theirs).
class ThreadLanguage {
public:
    explicit ThreadLanguage(Language lang);
    ~ThreadLanguage();
    ThreadLanguage(const ThreadLanguage&) = delete;
    ThreadLanguage& operator=(const ThreadLanguage&) = delete;

private:
    int previous_;
};
// Parses "zh", "zh-CN", "en"; throws InputError for anything else.
Language parse_language(std::string_view code);

// Loads (or reloads) the table from a folder; throws InputError naming the file on a bad file.
void load_translations(const std::filesystem::path& dir);
// Keys that have no text in one of the languages (for the completeness test).
std::size_t translation_count();
bool translation_complete(std::string_view key);

}  // namespace shuxiang
