// Opening the database, this module's schema, operators and roles, audit, dates, patrons.
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "internal.hpp"
#include "shuxiang/catalog/sqlite/store_sqlite.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::circulation {

using sql::Stmt;

namespace {

// Step 1 of this module's own schema (version kept in circ_schema, not in the catalog's table).
const char* kCircMigration1 = R"SQL(
CREATE TABLE circ_operators(id TEXT PRIMARY KEY, role TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
  patron_id TEXT NOT NULL DEFAULT '');
CREATE TABLE circ_patrons(id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL DEFAULT '',
  grade INTEGER NOT NULL DEFAULT 0, class_no TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'active');
CREATE INDEX circ_patrons_class ON circ_patrons(grade, class_no);
CREATE TABLE circ_policies(kind TEXT NOT NULL, stage TEXT NOT NULL, max_items INTEGER NOT NULL,
  loan_days INTEGER NOT NULL, max_renewals INTEGER NOT NULL, max_holds INTEGER NOT NULL, PRIMARY KEY(kind, stage));
CREATE TABLE circ_loans(id INTEGER PRIMARY KEY, item_id INTEGER NOT NULL, barcode TEXT NOT NULL,
  record_id INTEGER NOT NULL, patron_id TEXT NOT NULL DEFAULT '', corner TEXT NOT NULL DEFAULT '',
  prev_location TEXT NOT NULL DEFAULT '', out_date TEXT NOT NULL, due_date TEXT NOT NULL,
  returned_date TEXT, renewals INTEGER NOT NULL DEFAULT 0, outcome TEXT NOT NULL DEFAULT '');
CREATE UNIQUE INDEX circ_loans_open ON circ_loans(item_id) WHERE returned_date IS NULL;
CREATE INDEX circ_loans_patron ON circ_loans(patron_id, returned_date);
CREATE INDEX circ_loans_record ON circ_loans(record_id, out_date);
CREATE INDEX circ_loans_out ON circ_loans(out_date);
CREATE TABLE circ_holds(id INTEGER PRIMARY KEY, record_id INTEGER NOT NULL, patron_id TEXT NOT NULL,
  placed TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'waiting', barcode TEXT NOT NULL DEFAULT '');
CREATE INDEX circ_holds_record ON circ_holds(record_id, status, id);
CREATE INDEX circ_holds_barcode ON circ_holds(barcode, status);
CREATE TABLE circ_audit(id INTEGER PRIMARY KEY, day TEXT NOT NULL, at TEXT NOT NULL, operator TEXT NOT NULL,
  action TEXT NOT NULL, target TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '');
CREATE TABLE circ_ratings(id INTEGER PRIMARY KEY, patron_id TEXT NOT NULL, record_id INTEGER NOT NULL,
  stars INTEGER NOT NULL, recommend INTEGER NOT NULL, day TEXT NOT NULL);
CREATE TABLE circ_withdrawals(item_id INTEGER PRIMARY KEY, barcode TEXT NOT NULL, day TEXT NOT NULL,
  reason TEXT NOT NULL, operator TEXT NOT NULL, prev_status TEXT NOT NULL);
CREATE TABLE circ_settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE acq_suggestions(id INTEGER PRIMARY KEY, by_patron TEXT NOT NULL, entered_by TEXT NOT NULL,
  isbn TEXT NOT NULL, title TEXT NOT NULL, publisher TEXT NOT NULL DEFAULT '', price REAL NOT NULL,
  list_price REAL, pages INTEGER, copies INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'pending',
  reviewer TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
  day TEXT NOT NULL, flags TEXT NOT NULL DEFAULT '');
CREATE TABLE acq_orders(id INTEGER PRIMARY KEY, suggestion_id INTEGER NOT NULL REFERENCES acq_suggestions(id),
  purchaser TEXT NOT NULL, day TEXT NOT NULL, year INTEGER NOT NULL, copies INTEGER NOT NULL, cost REAL NOT NULL,
  status TEXT NOT NULL DEFAULT 'open', received_day TEXT NOT NULL DEFAULT '');
CREATE TABLE acq_budgets(year INTEGER PRIMARY KEY, amount REAL NOT NULL);
CREATE TABLE acq_blocklist(entry TEXT PRIMARY KEY);
CREATE TABLE acq_publisher_prefixes(prefix TEXT PRIMARY KEY, publisher TEXT NOT NULL);
INSERT INTO acq_publisher_prefixes VALUES
  ('9787020', '人民文学出版社'), ('9787040', '高等教育出版社'), ('9787100', '商务印书馆'),
  ('9787101', '中华书局'), ('9787107', '人民教育出版社'), ('9787108', '生活·读书·新知三联书店'),
  ('97875327', '上海译文出版社'), ('97875442', '南海出版公司');
INSERT INTO circ_policies VALUES
  ('student', 'primary', 2, 14, 1, 2), ('student', 'junior', 3, 21, 1, 3), ('student', 'senior', 4, 30, 2, 3),
  ('teacher', '', 10, 60, 2, 5), ('staff', '', 5, 30, 1, 3), ('parent', '', 0, 0, 0, 0);
INSERT INTO circ_operators VALUES ('admin', 'librarian', '', '');
)SQL";

constexpr int kCircSchemaVersion = 1;

}  // namespace

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
        case Role::Volunteer: return a == Action::Checkout || a == Action::Return;
        case Role::Teacher: return a == Action::Suggest || a == Action::Hold || a == Action::Rate;
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

namespace {

PatronStatus parse_status(const std::string& s) {
    if (s == "leaving") return PatronStatus::Leaving;
    if (s == "left") return PatronStatus::Left;
    return PatronStatus::Active;
}

std::string trim(std::string_view s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return "";
    auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

// Chinese numerals 一..十二 and ASCII digits at the start of s; advances pos.
std::optional<int> leading_number(std::string_view s, std::size_t& pos) {
    static const char* digits[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};
    int value = 0;
    bool any = false;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        value = value * 10 + (s[pos] - '0');
        ++pos;
        any = true;
    }
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
    if (auto dash = t.find('-'); dash != std::string::npos) {
        auto g = parse_grade(t.substr(0, dash));
        auto c = normalize_class(t.substr(dash + 1));
        if (g && !c.empty()) return class_key(*g, c);
        return std::nullopt;
    }
    // The grade is the longest prefix that reads as one: "三年级", "初一", "高二".
    for (std::size_t cut = t.size(); cut > 0; --cut) {
        auto g = parse_grade(std::string_view(t).substr(0, cut));
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

Result success(std::string_view key, std::initializer_list<std::string> args, long long id) {
    Result r;
    r.ok = true;
    r.message = trf(key, args);
    r.id = id;
    return r;
}

// Library ---------------------------------------------------------------------------------------


Library::Library(const std::filesystem::path& db) : path_(db) {
    sqlite::configure_process();
    if (sqlite3_open_v2(db.string().c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        std::string msg = db_ ? sqlite3_errmsg(db_) : tr("common.db.cannot_open");
        sqlite3_close(db_);
        db_ = nullptr;
        throw InputError(db.string(), "", msg);
    }
    // A second process holding the write lock makes us wait, not fail.
    sqlite3_busy_timeout(db_, 30000);
    try {
        // The catalog store shares this connection, so that an operation touching both the
        // catalog and circulation tables (receiving an order) is one transaction.
        store_ = catalog::open_sqlite_store(db_);
        sql::exec(db_, "PRAGMA foreign_keys=ON");
        sql::exec(db_, "PRAGMA synchronous=NORMAL");
        migrate();
    } catch (const InputError&) {
        store_.reset();
        sqlite3_close(db_);
        throw;
    } catch (const std::exception& e) {
        store_.reset();
        sqlite3_close(db_);
        throw InputError(db.string(), "circ_schema", e.what());
    }
}

Library::~Library() {
    store_.reset();  // finalizes its statements before the shared connection closes
    if (db_) sqlite3_close(db_);
}

void Library::migrate() {
    sql::exec(db_, "CREATE TABLE IF NOT EXISTS circ_schema(version INTEGER NOT NULL)");
    version_ = static_cast<int>(sql::scalar(db_, "SELECT coalesce(max(version), 0) FROM circ_schema"));
    if (version_ > kCircSchemaVersion)
        throw InputError(path_.string(), "circ_schema",
                         trf("circ.newer_schema", {std::to_string(version_), std::to_string(kCircSchemaVersion)}));
    while (version_ < kCircSchemaVersion) {
        Tx tx(db_);
        // Another process may have migrated while we waited for the lock.
        int now = static_cast<int>(sql::scalar(db_, "SELECT coalesce(max(version), 0) FROM circ_schema"));
        if (now > version_) {
            version_ = now;
            continue;
        }
        if (version_ + 1 == 1) sql::exec(db_, kCircMigration1);
        sql::exec(db_, "DELETE FROM circ_schema");
        Stmt(db_, "INSERT INTO circ_schema(version) VALUES(?)").bind(1, version_ + 1).run();
        tx.commit();
        ++version_;
    }
}

std::optional<Result> Library::refuse_role(const Ctx& c, Action a) {
    auto op = find_operator(c.op);
    if (!op) return refusal("unknown_operator", {c.op});
    if (!role_allows(op->role, a)) return refusal("not_permitted", {c.op, tr(std::string("circ.role.") + to_string(op->role))});
    if (!valid_date(c.date)) return refusal("bad_date", {c.date});
    return std::nullopt;
}

void Library::write_audit(const Ctx& c, std::string_view action, std::string_view target, const Result& r) {
    auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char at[32];
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
    std::string detail = r.ok ? r.message : r.code + ": " + r.message;
    Stmt(db_, "INSERT INTO circ_audit(day, at, operator, action, target, outcome, detail) VALUES(?,?,?,?,?,?,?)")
        .bind(1, c.date)
        .bind(2, at)
        .bind(3, c.op)
        .bind(4, action)
        .bind(5, target)
        .bind(6, r.ok ? "ok" : "refused")
        .bind(7, detail)
        .run();
}

Result Library::finish(const Ctx& c, std::string_view action, std::string_view target, Tx& tx, Result r) {
    if (r.ok) {
        write_audit(c, action, target, r);
        tx.commit();
    } else {
        // Nothing of a refused operation stays; its audit row is its own transaction.
        tx.rollback();
        write_audit(c, action, target, r);
    }
    return r;
}

std::optional<Operator> Library::find_operator(std::string_view id) {
    Stmt s(db_, "SELECT id, role, name, patron_id FROM circ_operators WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return Operator{s.text(0), parse_role(s.text(1)).value_or(Role::Inspector), s.text(2), s.text(3)};
}

std::vector<Operator> Library::operators() {
    std::vector<Operator> out;
    Stmt s(db_, "SELECT id, role, name, patron_id FROM circ_operators ORDER BY id");
    while (s.step()) out.push_back({s.text(0), parse_role(s.text(1)).value_or(Role::Inspector), s.text(2), s.text(3)});
    return out;
}

Result Library::add_operator(const Ctx& c, const Operator& o) {
    Tx tx(db_);
    if (auto r = refuse_role(c, Action::ManageOperators)) return finish(c, "operators.add", o.id, tx, *r);
    if (o.id.empty()) return finish(c, "operators.add", o.id, tx, refusal("empty_id", {}));
    if (find_operator(o.id)) return finish(c, "operators.add", o.id, tx, refusal("operator_exists", {o.id}));
    Stmt(db_, "INSERT INTO circ_operators(id, role, name, patron_id) VALUES(?,?,?,?)")
        .bind(1, o.id)
        .bind(2, to_string(o.role))
        .bind(3, o.name)
        .bind(4, o.patron_id)
        .run();
    return finish(c, "operators.add", o.id, tx, success("circ.ok.operator_added", {o.id, to_string(o.role)}, 0));
}

std::vector<AuditEntry> Library::audit(std::size_t limit) {
    std::vector<AuditEntry> out;
    Stmt s(db_, "SELECT id, day, operator, action, target, outcome, detail FROM circ_audit ORDER BY id DESC LIMIT ?");
    s.bind(1, static_cast<long long>(limit));
    while (s.step()) out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)});
    return out;
}

void Library::set_setting(std::string_view key, std::string_view value) {
    Stmt(db_, "INSERT INTO circ_settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key)
        .bind(2, value)
        .run();
}

std::string Library::setting(std::string_view key, std::string_view fallback) {
    Stmt s(db_, "SELECT value FROM circ_settings WHERE key = ?");
    s.bind(1, key);
    return s.step() ? s.text(0) : std::string(fallback);
}

const std::vector<SettingInfo>& known_settings() {
    static const std::vector<SettingInfo> all = {
        {"acq.max_copies", 5, 1, 1000, true, "circ.setting.acq.max_copies"},
        {"acq.lead_days", 30, 0, 365, true, "circ.setting.acq.lead_days"},
        {"acq.max_price_factor", 1.3, 1, 10, false, "circ.setting.acq.max_price_factor"},
        {"acq.usual_price_per_page", 0.15, 0.01, 10, false, "circ.setting.acq.usual_price_per_page"},
        {"acq.max_page_price_factor", 2, 1, 20, false, "circ.setting.acq.max_page_price_factor"},
        {"class_set_days", 120, 1, 730, true, "circ.setting.class_set_days"},
    };
    return all;
}

namespace {
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
}  // namespace

double Library::setting_value(std::string_view key) {
    const SettingInfo* info = find_setting(key);
    if (!info) throw std::logic_error("unknown setting " + std::string(key));
    // A value stored by hand that is out of range or not a number falls back to the default.
    auto v = parse_setting(*info, setting(key, ""));
    return v ? *v : info->default_value;
}

Result Library::change_setting(const Ctx& c, std::string_view key, std::string_view value) {
    Tx tx(db_);
    const std::string target = std::string(key) + "=" + std::string(value);
    if (auto r = refuse_role(c, Action::EditPolicy)) return finish(c, "setting.set", target, tx, *r);
    const SettingInfo* info = find_setting(key);
    if (!info) return finish(c, "setting.set", target, tx, refusal("unknown_setting", {std::string(key)}));
    auto v = parse_setting(*info, value);
    if (!v) {
        auto num = [](double d) {
            std::ostringstream o;
            o << d;
            return o.str();
        };
        return finish(c, "setting.set", target, tx,
                      refusal(info->integer ? "bad_setting_integer" : "bad_setting",
                              {std::string(key), std::string(value), num(info->min), num(info->max)}));
    }
    set_setting(key, value);
    return finish(c, "setting.set", target, tx, success("circ.ok.setting", {std::string(key), std::string(value)}, 0));
}

// Patrons ---------------------------------------------------------------------------------------

namespace {
Patron read_patron(Stmt& s) {
    Patron p;
    p.id = s.text(0);
    p.kind = parse_patron_kind(s.text(1)).value_or(PatronKind::Student);
    p.name = s.text(2);
    p.grade = s.i32(3);
    p.class_no = s.text(4);
    p.status = parse_status(s.text(5));
    return p;
}
void upsert_patron(sqlite3* db, const Patron& p) {
    Stmt(db,
         "INSERT INTO circ_patrons(id, kind, name, grade, class_no, status) VALUES(?,?,?,?,?,?) "
         "ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name, grade = excluded.grade, "
         "class_no = excluded.class_no, status = excluded.status")
        .bind(1, p.id)
        .bind(2, to_string(p.kind))
        .bind(3, p.name)
        .bind(4, p.grade)
        .bind(5, p.class_no)
        .bind(6, to_string(p.status))
        .run();
}
}  // namespace

std::optional<Patron> Library::patron(std::string_view id) {
    Stmt s(db_, "SELECT id, kind, name, grade, class_no, status FROM circ_patrons WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_patron(s);
}

std::vector<Patron> Library::patrons() {
    std::vector<Patron> out;
    Stmt s(db_, "SELECT id, kind, name, grade, class_no, status FROM circ_patrons ORDER BY id");
    while (s.step()) out.push_back(read_patron(s));
    return out;
}

Result Library::add_patron(const Ctx& c, const Patron& p) {
    Tx tx(db_);
    if (auto r = refuse_role(c, Action::ManagePatrons)) return finish(c, "patrons.add", p.id, tx, *r);
    if (p.id.empty()) return finish(c, "patrons.add", p.id, tx, refusal("empty_id", {}));
    if (p.kind == PatronKind::Student && stage_of_grade(p.grade) == Stage::None)
        return finish(c, "patrons.add", p.id, tx, refusal("bad_grade", {std::to_string(p.grade)}));
    upsert_patron(db_, p);
    return finish(c, "patrons.add", p.id, tx, success("circ.ok.patron_added", {p.id}, 0));
}

namespace {
// RFC 4180 rows: quoted fields, doubled quotes, CRLF. Returns rows with their 1-based line numbers.
std::vector<std::pair<int, std::vector<std::string>>> csv_rows(std::string_view d) {
    std::vector<std::pair<int, std::vector<std::string>>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, any = false;
    int line = 1, row_line = 1;
    for (std::size_t i = 0; i < d.size(); ++i) {
        char ch = d[i];
        if (quoted) {
            if (ch == '"' && i + 1 < d.size() && d[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (ch == '"') {
                quoted = false;
            } else {
                if (ch == '\n') ++line;
                field += ch;
            }
            continue;
        }
        if (ch == '"') {
            quoted = true;
            any = true;
        } else if (ch == ',') {
            row.push_back(field);
            field.clear();
            any = true;
        } else if (ch == '\r') {
        } else if (ch == '\n') {
            if (any || !field.empty()) {
                row.push_back(field);
                rows.emplace_back(row_line, row);
            }
            row.clear();
            field.clear();
            any = false;
            row_line = ++line;
        } else {
            field += ch;
            any = true;
        }
    }
    if (any || !field.empty()) {
        row.push_back(field);
        rows.emplace_back(row_line, row);
    }
    return rows;
}
}  // namespace

RosterImport Library::import_roster(const Ctx& c, std::string_view data_in, const std::string& file_name, Result& res) {
    RosterImport out;
    std::string data(data_in);
    if (data.substr(0, 3) == "\xEF\xBB\xBF") data.erase(0, 3);
    // Excel in a Chinese locale saves CSV as GBK.
    if (auto off = catalog::utf8_invalid_offset(data); off != std::string_view::npos) {
        auto conv = catalog::convert_to_utf8(data, "GB18030");
        if (!conv) {
            out.errors.push_back(format_place(file_name, "byte " + std::to_string(off), tr("circ.roster.encoding")));
            res = refusal("roster_errors", {std::to_string(out.errors.size())});
            return out;
        }
        data = *conv;
    }
    auto rows = csv_rows(data);
    std::vector<Patron> parsed;
    auto fail = [&](int line, const std::string& msg) {
        out.errors.push_back(format_place(file_name, "line " + std::to_string(line), msg));
    };
    if (rows.empty()) {
        fail(1, tr("circ.roster.empty"));
    } else {
        auto& header = rows[0].second;
        std::map<std::string, int> col;
        for (std::size_t i = 0; i < header.size(); ++i) col[trim(header[i])] = static_cast<int>(i);
        bool students = col.count("学号") > 0;
        bool teachers = !students && col.count("工号") > 0;
        std::vector<std::string> need = students ? std::vector<std::string>{"学号", "姓名", "年级", "班级"}
                                                 : std::vector<std::string>{"工号", "姓名"};
        if (!students && !teachers) {
            fail(rows[0].first, tr("circ.roster.no_id_column"));
        } else {
            for (auto& n : need)
                if (!col.count(n)) fail(rows[0].first, trf("circ.roster.missing_column", {n}));
        }
        if (out.errors.empty()) {
            auto get = [&](const std::vector<std::string>& r, const char* name) {
                auto i = static_cast<std::size_t>(col[name]);
                return i < r.size() ? trim(r[i]) : std::string();
            };
            std::map<std::string, int> seen;
            for (std::size_t k = 1; k < rows.size(); ++k) {
                auto& [line, r] = rows[k];
                Patron p;
                p.id = get(r, students ? "学号" : "工号");
                p.name = get(r, "姓名");
                if (p.id.empty()) {
                    fail(line, tr("circ.roster.empty_id"));
                    continue;
                }
                if (auto it = seen.find(p.id); it != seen.end()) {
                    fail(line, trf("circ.roster.duplicate", {p.id, std::to_string(it->second)}));
                    continue;
                }
                seen[p.id] = line;
                if (p.name.empty()) fail(line, tr("circ.roster.empty_name"));
                if (students) {
                    p.kind = PatronKind::Student;
                    auto g = parse_grade(get(r, "年级"));
                    if (!g) {
                        fail(line, trf("circ.roster.bad_grade", {get(r, "年级")}));
                        continue;
                    }
                    p.grade = *g;
                    p.class_no = normalize_class(get(r, "班级"));
                    if (p.class_no.empty()) fail(line, tr("circ.roster.empty_class"));
                } else {
                    p.kind = PatronKind::Teacher;
                    if (col.count("类别") && get(r, "类别") == "职工") p.kind = PatronKind::Staff;
                }
                parsed.push_back(p);
            }
        }
    }
    if (!out.errors.empty()) {
        res = refusal("roster_errors", {std::to_string(out.errors.size())});
        res.details = out.errors;
        Ctx ctx = c;
        write_audit(ctx, "patrons.import", file_name, res);
        return out;
    }
    Tx tx(db_);
    if (auto r = refuse_role(c, Action::ManagePatrons)) {
        res = finish(c, "patrons.import", file_name, tx, *r);
        return out;
    }
    for (auto& p : parsed) {
        if (patron(p.id)) ++out.updated;
        else ++out.added;
        upsert_patron(db_, p);
    }
    res = finish(c, "patrons.import", file_name, tx,
                 success("circ.ok.roster", {std::to_string(out.added), std::to_string(out.updated)}, 0));
    return out;
}

Promotion Library::promote(const Ctx& c, const std::vector<int>& final_grades, bool dry_run, Result& res) {
    Promotion out;
    Tx tx(db_);
    if (auto r = refuse_role(c, Action::ManagePatrons)) {
        res = finish(c, "patrons.promote", "", tx, *r);
        return out;
    }
    std::vector<Patron> students;
    {
        Stmt s(db_, "SELECT id, kind, name, grade, class_no, status FROM circ_patrons "
                    "WHERE kind = 'student' AND status = 'active' ORDER BY id");
        while (s.step()) students.push_back(read_patron(s));
    }
    for (auto& p : students) {
        bool finishing = false;
        for (int g : final_grades) finishing |= (p.grade == g);
        if (finishing || p.grade >= 12) {
            Promotion::Leaver l{p.id, p.name, {}};
            Stmt s(db_, "SELECT barcode FROM circ_loans WHERE patron_id = ? AND returned_date IS NULL ORDER BY barcode");
            s.bind(1, p.id);
            while (s.step()) l.books_out.push_back(s.text(0));
            out.leaving.push_back(std::move(l));
            if (!dry_run) Stmt(db_, "UPDATE circ_patrons SET status = 'leaving' WHERE id = ?").bind(1, p.id).run();
        } else {
            ++out.promoted;
            if (!dry_run) Stmt(db_, "UPDATE circ_patrons SET grade = grade + 1 WHERE id = ?").bind(1, p.id).run();
        }
    }
    Result r = success("circ.ok.promoted", {std::to_string(out.promoted), std::to_string(out.leaving.size())}, 0);
    if (dry_run) {
        // A dry run changes nothing and leaves no audit row.
        tx.rollback();
        res = r;
        return out;
    }
    res = finish(c, "patrons.promote", "", tx, r);
    return out;
}

Result Library::patron_left(const Ctx& c, std::string_view id) {
    Tx tx(db_);
    std::string target(id);
    if (auto r = refuse_role(c, Action::ManagePatrons)) return finish(c, "patrons.left", target, tx, *r);
    auto p = patron(id);
    if (!p) return finish(c, "patrons.left", target, tx, refusal("unknown_patron", {target}));
    long long out = sql::scalar(db_, "SELECT count(*) FROM circ_loans WHERE patron_id = ? AND returned_date IS NULL", id, true);
    if (out > 0) return finish(c, "patrons.left", target, tx, refusal("leaving_with_books", {target, std::to_string(out)}));
    Stmt(db_, "UPDATE circ_patrons SET status = 'left' WHERE id = ?").bind(1, id).run();
    return finish(c, "patrons.left", target, tx, success("circ.ok.patron_left", {target}, 0));
}

// Policies --------------------------------------------------------------------------------------

std::vector<LoanPolicy> Library::policies() {
    std::vector<LoanPolicy> out;
    Stmt s(db_, "SELECT kind, stage, max_items, loan_days, max_renewals, max_holds FROM circ_policies ORDER BY kind, stage");
    while (s.step()) {
        LoanPolicy p;
        p.kind = parse_patron_kind(s.text(0)).value_or(PatronKind::Student);
        auto st = s.text(1);
        p.stage = st == "primary" ? Stage::Primary : st == "junior" ? Stage::Junior : st == "senior" ? Stage::Senior : Stage::None;
        p.max_items = s.i32(2);
        p.loan_days = s.i32(3);
        p.max_renewals = s.i32(4);
        p.max_holds = s.i32(5);
        out.push_back(p);
    }
    return out;
}

LoanPolicy Library::policy_for(const Patron& p) {
    Stmt s(db_, "SELECT max_items, loan_days, max_renewals, max_holds FROM circ_policies WHERE kind = ? AND stage = ?");
    s.bind(1, to_string(p.kind)).bind(2, to_string(p.stage()));
    LoanPolicy out;
    out.kind = p.kind;
    out.stage = p.stage();
    if (s.step()) {
        out.max_items = s.i32(0);
        out.loan_days = s.i32(1);
        out.max_renewals = s.i32(2);
        out.max_holds = s.i32(3);
    }
    return out;
}

Result Library::set_policy(const Ctx& c, const LoanPolicy& p) {
    Tx tx(db_);
    std::string target = std::string(to_string(p.kind)) + "/" + to_string(p.stage);
    if (auto r = refuse_role(c, Action::EditPolicy)) return finish(c, "policy.set", target, tx, *r);
    if (p.max_items < 0 || p.loan_days < 0 || p.max_renewals < 0 || p.max_holds < 0)
        return finish(c, "policy.set", target, tx, refusal("bad_policy", {}));
    Stmt(db_, "INSERT INTO circ_policies VALUES(?,?,?,?,?,?) ON CONFLICT(kind, stage) DO UPDATE SET "
              "max_items = excluded.max_items, loan_days = excluded.loan_days, "
              "max_renewals = excluded.max_renewals, max_holds = excluded.max_holds")
        .bind(1, to_string(p.kind))
        .bind(2, to_string(p.stage))
        .bind(3, p.max_items)
        .bind(4, p.loan_days)
        .bind(5, p.max_renewals)
        .bind(6, p.max_holds)
        .run();
    return finish(c, "policy.set", target, tx, success("circ.ok.policy", {target}, 0));
}

}  // namespace shuxiang::circulation
