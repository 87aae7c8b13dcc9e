#pragma once
// 中图法 (Chinese Library Classification) call numbers: parsing 索书号, shelf order, and the class
// table (22 basic classes, the T subclasses, the 5 大部类) read from assets/clc/classes.json.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shuxiang::catalog {

// One parsed 索书号: class number / book number (种次号 or author number) / volume, copy.
struct CallNumber {
    std::string text;           // normalised text (half-width, trimmed)
    std::string class_number;   // "I287.5", "TP312-62", "K825.6=7"
    std::string class_letters;  // "I", "T", "TP"
    std::string book_number;    // "123", "L45-2", "4471"; empty for a bare class number
    int volume = 0;             // 0 when not given (":2", "/2", "v.2", 上/中/下)
    int copy = 0;               // 0 when not given ("#3", "c.3")
    // Sort keys built at parse time so that comparisons are cheap.
    std::vector<unsigned char> class_key;
    std::vector<long long> book_key;
};

// Parses "I287.5/123:2", "TP312-62/L45", "K825.6=7/5#2" or a bare class "I247.57". Full-width
// characters and Chinese quotes are accepted. On failure returns nullopt and, when `error_key` is
// given, stores a translation key that says why (catalog.callno.*).
std::optional<CallNumber> parse_call_number(std::string_view text, std::string* error_key = nullptr);

// Shelf order: <0 when a shelves before b. Order: class letters (T < TB < TN < TP < U), the class
// number digit by digit as a decimal fraction (I247.5 < I247.57 < I247.6; '.' ignored), auxiliary
// marks before further digits in the order - ( = " < : + , then book number (numbers numerically,
// letters alphabetically; bare class first), then volume, then copy.
int compare_call_numbers(const CallNumber& a, const CallNumber& b);

// A byte string whose byte order is the shelf order (memcmp(shelf_key(a), shelf_key(b)) has the
// sign of compare_call_numbers(a, b)), for database indexes and range queries.
std::string shelf_key(const CallNumber& cn);
// The key prefix shared by every call number whose class number starts with `class_prefix`
// ("I287" covers I287, I287.5/12, I287-61 …); nullopt when it is not a class number.
std::optional<std::string> shelf_key_class_prefix(std::string_view class_prefix);

// Sorts lines in shelf order. Lines that do not parse go last, in byte order; stable otherwise.
void sort_shelf_order(std::vector<std::string>& lines);

// One basic class or T subclass of the table.
struct ClcClass {
    std::string code;  // "I", "TP"
    std::string zh;
    std::string en;
    int part = 0;  // 1..5
};

// One of the five 大部类.
struct ClcPart {
    int number = 0;  // 1..5
    std::string zh;
    std::string en;
    std::vector<std::string> classes;
};

// The class table. `get()` loads asset_dir()/clc/classes.json once (throws InputError if bad).
struct ClcTable {
    std::vector<ClcPart> parts;        // 5, in order
    std::vector<ClcClass> classes;     // 22, in order A..Z
    std::vector<ClcClass> t_subclasses;  // TB..TV

    static const ClcTable& get();
    static ClcTable load(const std::filesystem::path& file);
    const ClcClass* find_class(std::string_view code) const;  // basic class or T subclass
    const ClcPart* find_part(int number) const;
};

// "TP312" -> "T", "I247.5/12" -> "I"; "" when it does not start with one of the 22 class letters.
std::string clc_top_class(std::string_view class_or_call_number);
// "TP312" -> "TP", "T-61" -> "T", "I247" -> "I"; "" when not a CLC class.
std::string clc_subclass(std::string_view class_or_call_number);
// 大部类 number 1..5 of a class or call number; 0 when not a CLC class.
int clc_part(std::string_view class_or_call_number);

}  // namespace shuxiang::catalog
