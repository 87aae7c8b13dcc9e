// The plain data's own functions: names of roles, kinds and stages, grades and classes, dates,
// results, the known settings and the demand model.
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <queue>

#include "internal.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::circulation {

const char* to_string(Role r) {
    switch (r) {
        case Role::Librarian: return "librarian";
        case Role::Volunteer: return "volunteer";
        case Role::Teacher: return "teacher";
        case Role::Reviewer: return "reviewer";
        case Role::Inspector: return "inspector";
    }
    return "inspector";
}

std::optional<Role> parse_role(std::string_view s) {
    for (Role r : {Role::Librarian, Role::Volunteer, Role::Teacher, Role::Reviewer, Role::Inspector})
        if (s == to_string(r)) return r;
    return std::nullopt;
}

bool role_allows(Role r, Action a) {
    switch (r) {
        case Role::Librarian: return a != Action::Review;  // reviewing is the reviewer's (four-eyes)
        // The desk's volunteers look readers up; teachers see their classes' lists (as on the web).
        case Role::Volunteer:
            return a == Action::Checkout || a == Action::Return || a == Action::Renew || a == Action::ViewReaders;
        case Role::Teacher:
            return a == Action::Suggest || a == Action::Hold || a == Action::CancelHold || a == Action::Rate ||
                   a == Action::ViewReaders || a == Action::EditLists || a == Action::Recommend;
        case Role::Reviewer: return a == Action::Review;
        case Role::Inspector: return false;
    }
    return false;
}

const char* to_string(PatronKind k) {
    switch (k) {
        case PatronKind::Student: return "student";
        case PatronKind::Teacher: return "teacher";
        case PatronKind::Staff: return "staff";
        case PatronKind::Parent: return "parent";
    }
    return "student";
}

std::optional<PatronKind> parse_patron_kind(std::string_view s) {
    for (PatronKind k : {PatronKind::Student, PatronKind::Teacher, PatronKind::Staff, PatronKind::Parent})
        if (s == to_string(k)) return k;
    return std::nullopt;
}

const char* to_string(Stage s) {
    switch (s) {
        case Stage::None: return "";
        case Stage::Primary: return "primary";
        case Stage::Junior: return "junior";
        case Stage::Senior: return "senior";
    }
    return "";
}

Stage stage_of_grade(int g) {
    if (g >= 1 && g <= 6) return Stage::Primary;
    if (g >= 7 && g <= 9) return Stage::Junior;
    if (g >= 10 && g <= 12) return Stage::Senior;
    return Stage::None;
}

const char* to_string(PatronStatus s) {
    switch (s) {
        case PatronStatus::Active: return "active";
        case PatronStatus::Leaving: return "leaving";
        case PatronStatus::Left: return "left";
    }
    return "active";
}

std::string trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return "";
    auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

namespace {

// Chinese numerals 一..十二 and ASCII digits at the start of s; advances pos.
std::optional<int> leading_number(std::string_view s, std::size_t& pos) {
    static const char* digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
    int value = 0;
    bool any = false, huge = false;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        // No grade or class has seven digits: a longer run is no number here (and must not overflow).
        if (value >= 1000000) huge = true;
        else value = value * 10 + (s[pos] - '0');
        ++pos;
        any = true;
    }
    if (huge) return std::nullopt;
    if (any) return value;
    if (s.substr(pos, 3) == "十") {
        value = 10;
        pos += 3;
        for (int d = 0; d < 9; ++d)
            if (s.substr(pos, 3) == digits[d]) {
                value += d + 1;
                pos += 3;
                break;
            }
        return value;
    }
    for (int d = 0; d < 9; ++d)
        if (s.substr(pos, 3) == digits[d]) {
            pos += 3;
            return d + 1;
        }
    return std::nullopt;
}

}  // namespace

std::optional<int> parse_grade(std::string_view text) {
    std::string t = trim(text);
    std::string_view s = t;
    int offset = 0;
    std::size_t pos = 0;
    auto starts = [&](std::string_view p) {
        if (s.substr(pos, p.size()) == p) {
            pos += p.size();
            return true;
        }
        return false;
    };
    if (starts("初中") || starts("初")) offset = 6;
    else if (starts("高中") || starts("高")) offset = 9;
    else if (starts("小学")) offset = 0;
    auto n = leading_number(s, pos);
    if (!n) return std::nullopt;
    std::string_view rest = s.substr(pos);
    if (!rest.empty() && rest != "年级" && rest != "年") return std::nullopt;
    int g = *n;
    if (offset > 0 && g >= 1 && g <= 3) return offset + g;
    if (offset == 0 && g >= 1 && g <= 12) return g;
    return std::nullopt;
}

std::string normalize_class(std::string_view text) {
    std::string t = trim(text);
    std::string_view s = t;
    std::size_t pos = 0;
    if (s.substr(0, 1) == "(" ) pos = 1;
    else if (s.substr(0, 3) == "（") pos = 3;
    auto n = leading_number(s, pos);
    if (!n) return t;
    std::string_view rest = s.substr(pos);
    for (std::string_view p : {std::string_view(")"), std::string_view("）")})
        if (rest.substr(0, p.size()) == p) rest = rest.substr(p.size());
    if (rest.empty() || rest == "班") return std::to_string(*n);
    return t;
}

std::string class_key(int grade, const std::string& class_no) { return std::to_string(grade) + "-" + class_no; }

std::optional<std::string> parse_class_key(std::string_view text) {
    std::string t = trim(text);
    // "3-2", "3.2", "3/2", "3．2": grade and class around one separator.
    for (std::string_view sep : {"-", ".", "/", "．", "／", "·", "－"}) {
        auto at = t.find(sep);
        if (at == std::string::npos) continue;
        auto g = parse_grade(t.substr(0, at));
        auto c = normalize_class(t.substr(at + sep.size()));
        if (g && !c.empty() && c.find_first_not_of("0123456789") == std::string::npos) return class_key(*g, c);
        return std::nullopt;
    }
    // A bare number is a class within a grade given elsewhere, never a whole class.
    if (t.empty() || t.find_first_not_of("0123456789") == std::string::npos) return std::nullopt;
    // The grade is the longest prefix that reads as one: "三年级", "初一", "高二".
    // Digits alone are not a grade here: "12班" is class 12, not grade 1 class 2.
    for (std::size_t cut = t.size(); cut > 0; --cut) {
        std::string_view head = std::string_view(t).substr(0, cut);
        if (head.find_first_not_of("0123456789") == std::string_view::npos) continue;
        auto g = parse_grade(head);
        if (!g) continue;
        auto c = normalize_class(std::string_view(t).substr(cut));
        if (c.empty() || c.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
        return class_key(*g, c);
    }
    return std::nullopt;
}

// Dates ----------------------------------------------------------------------------------------

namespace {
std::optional<std::chrono::sys_days> parse_day(const std::string& d) {
    int y = 0, m = 0, dd = 0;
    char extra = 0;
    if (d.size() != 10 || std::sscanf(d.c_str(), "%4d-%2d-%2d%c", &y, &m, &dd, &extra) != 3) return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                    std::chrono::day(static_cast<unsigned>(dd))};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days(ymd);
}
std::string format_day(std::chrono::sys_days d) {
    std::chrono::year_month_day ymd(d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}
}  // namespace

bool valid_date(const std::string& day) { return parse_day(day).has_value(); }

std::optional<std::string> add_days(const std::string& day, int days) {
    auto d = parse_day(day);
    if (!d) return std::nullopt;
    return format_day(*d + std::chrono::days(days));
}

int days_between(const std::string& a, const std::string& b) {
    auto da = parse_day(a), db = parse_day(b);
    if (!da || !db) return 0;
    return static_cast<int>((*db - *da).count());
}

std::string today() {
    return format_day(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

// Results ---------------------------------------------------------------------------------------

Result refusal(std::string code, std::initializer_list<std::string> args) {
    Result r;
    r.ok = false;
    r.message = trf("circ.refuse." + code, args);
    r.code = std::move(code);
    return r;
}

std::string money_text(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", v);
    return b;
}

Result success(std::string_view key, std::initializer_list<std::string> args, long long id) {
    Result r;
    r.ok = true;
    r.message = trf(key, args);
    r.id = id;
    return r;
}

const std::vector<SettingInfo>& known_settings() {
    static const std::vector<SettingInfo> all = {
        {"acq.max_copies", 5, 1, 1000, true, "circ.setting.acq.max_copies"},
        {"acq.lead_days", 30, 0, 365, true, "circ.setting.acq.lead_days"},
        {"acq.max_price_factor", 1.3, 1, 10, false, "circ.setting.acq.max_price_factor"},
        {"acq.usual_price_per_page", 0.15, 0.01, 10, false, "circ.setting.acq.usual_price_per_page"},
        {"acq.max_page_price_factor", 2, 1, 20, false, "circ.setting.acq.max_page_price_factor"},
        {"class_set_days", 120, 1, 730, true, "circ.setting.class_set_days"},
        {"circ.block_overdue", 0, 0, 1, true, "circ.setting.circ.block_overdue"},
        {"circ.hold_pickup_days", 7, 1, 60, true, "circ.setting.circ.hold_pickup_days"},
        {"circ.weekends_closed", 1, 0, 1, true, "circ.setting.circ.weekends_closed"},
        {"circ.charge_replacement", 0, 0, 1, true, "circ.setting.circ.charge_replacement"},
        {"circ.fine_per_day", 0, 0, 10, false, "circ.setting.circ.fine_per_day"},
    };
    return all;
}

const SettingInfo* find_setting(std::string_view key) {
    for (const auto& k : known_settings())
        if (key == k.key) return &k;
    return nullptr;
}

// The number in `text` when it is one (the whole text) and within the setting's range.
std::optional<double> parse_setting(const SettingInfo& info, std::string_view text) {
    std::string t(text);
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(t.c_str(), &end);
    if (t.empty() || errno != 0 || end != t.c_str() + t.size() || !std::isfinite(v)) return std::nullopt;
    if (info.integer && v != std::floor(v)) return std::nullopt;
    if (v < info.min || v > info.max) return std::nullopt;
    return v;
}
long long last_reader_wait_days(std::vector<long long> ready_in_days, long long waiting, int loan_days) {
    if (waiting <= 0) return 0;
    if (ready_in_days.empty()) return -1;
    // A min-heap of the days on which the copies are next free.
    std::priority_queue<long long, std::vector<long long>, std::greater<>> free_on;
    for (long long d : ready_in_days) free_on.push(std::max(0LL, d));
    long long t = 0;
    for (long long r = 0; r < waiting; ++r) {
        t = free_on.top();
        free_on.pop();
        free_on.push(t + std::max(0, loan_days));
    }
    return t;
}

long long suggested_extra_copies(const std::vector<long long>& ready_in_days, long long waiting, int loan_days,
                                 int target_days, long long max_copies, int lead_days) {
    if (waiting <= 0) return 0;
    const auto copies = static_cast<long long>(ready_in_days.size());
    // More copies than readers cannot shorten the wait.
    const long long cap = std::min(std::max(0LL, max_copies - copies), waiting);
    std::vector<long long> with = ready_in_days;
    long long best_e = 0, best_wait = -1;
    for (long long e = 0; e <= cap; ++e) {
        if (e > 0) with.push_back(std::max(0, lead_days));
        const long long w = last_reader_wait_days(with, waiting, loan_days);
        if (w >= 0 && w <= target_days) return e;
        if (w >= 0 && (best_wait < 0 || w < best_wait)) {
            best_wait = w;
            best_e = e;
        }
    }
    return best_e;
}

}  // namespace shuxiang::circulation
