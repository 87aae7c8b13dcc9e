// The circulation repository on an SQLite library database: every statement of the module.
#include <sqlite3.h>

#include <chrono>
#include <sstream>

#include "feedback_sqlite.hpp"
#include "schema_sqlite.hpp"
#include "shuxiang/catalog/sqlite/store_sqlite.hpp"
#include "shuxiang/circulation/repository.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/util/sqlite.hpp"

namespace shuxiang::circulation {

namespace {

using shuxiang::sqlite::Stmt;
using shuxiang::sqlite::exec;

long long scalar(sqlite3* db, std::string_view text) {
    Stmt s(db, text);
    return s.step() ? s.i64(0) : 0;
}

long long scalar1(sqlite3* db, std::string_view text, std::string_view arg) {
    Stmt s(db, text);
    s.bind(1, arg);
    return s.step() ? s.i64(0) : 0;
}

std::string join(const std::vector<std::string>& v, char sep) {
    std::string out;
    for (auto& s : v) {
        if (!out.empty()) out += sep;
        out += s;
    }
    return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    std::string part;
    while (std::getline(ss, part, sep))
        if (!part.empty()) out.push_back(part);
    return out;
}

Stage parse_stage(const std::string& st) {
    return st == "primary" ? Stage::Primary : st == "junior" ? Stage::Junior : st == "senior" ? Stage::Senior : Stage::None;
}

PatronStatus parse_patron_status(const std::string& s) {
    if (s == "leaving") return PatronStatus::Leaving;
    if (s == "left") return PatronStatus::Left;
    return PatronStatus::Active;
}

const char* kOperatorCols = "id, role, name, patron_id, disabled";
Operator read_operator(Stmt& s) {
    return Operator{s.text(0), parse_role(s.text(1)).value_or(Role::Inspector), s.text(2), s.text(3), s.i64(4) != 0};
}

const char* kPatronCols = "id, kind, name, grade, class_no, status";
Patron read_patron(Stmt& s) {
    Patron p;
    p.id = s.text(0);
    p.kind = parse_patron_kind(s.text(1)).value_or(PatronKind::Student);
    p.name = s.text(2);
    p.grade = s.i32(3);
    p.class_no = s.text(4);
    p.status = parse_patron_status(s.text(5));
    return p;
}

const char* kActivityCols = "id, kind, title, room_id, room_label, first_day, last_day, start_time, end_time, "
                            "class_key, participants, status, booked_by, day, note";
ReadingActivity read_activity(Stmt& s) {
    return ReadingActivity{s.i64(0),  s.text(1),  s.text(2),  s.text(3),  s.text(4),  s.text(5),  s.text(6), s.text(7),
                           s.text(8), s.text(9), s.i32(10), s.text(11), s.text(12), s.text(13), s.text(14)};
}

const char* kLoanCols = "id, barcode, record_id, patron_id, corner, out_date, due_date, coalesce(returned_date, ''), renewals";
Loan read_loan(Stmt& s) {
    return Loan{s.i64(0), s.text(1), s.i64(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.i32(8)};
}

// Columns: patron id, name, kind, grade, class, barcode, title, due date, corner.
OverdueEntry read_overdue(Stmt& s) {
    OverdueEntry e;
    e.patron_id = s.text(0);
    e.patron_name = s.text(1);
    if (s.text(2) == "student") e.class_key = class_key(s.i32(3), s.text(4));
    e.barcode = s.text(5);
    e.title = s.text(6);
    e.due_date = s.text(7);
    e.corner = s.text(8);
    return e;
}

const char* kChargeCols = "id, kind, barcode, patron_id, day, amount, status, settled_day, settled_by";
Charge read_charge(Stmt& s) {
    return Charge{s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.dbl(5), s.text(6), s.text(7), s.text(8)};
}

const char* kHoldCols = "id, record_id, patron_id, placed, status, barcode, ready_date";
Hold read_hold(Stmt& s) { return Hold{s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)}; }

// One row of an acquisitions table (`table` and `cols` are the code's constants) by id; all its
// rows, or those of one status, in id order.
template <class T>
std::optional<T> row_by_id(sqlite3* db, const char* cols, const char* table, long long id, T (*read)(Stmt&)) {
    Stmt s(db, std::string("SELECT ") + cols + " FROM " + table + " WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read(s);
}
template <class T>
std::vector<T> rows_by_status(sqlite3* db, const char* cols, const char* table, std::string_view status, T (*read)(Stmt&)) {
    std::vector<T> out;
    Stmt s(db, std::string("SELECT ") + cols + " FROM " + table + " WHERE ? = '' OR status = ? ORDER BY id");
    s.bind(1, status).bind(2, status);
    while (s.step()) out.push_back(read(s));
    return out;
}

const char* kOrderCols = "id, suggestion_id, purchaser, day, status, received_day, copies, cost, received, record_id";
Order read_order(Stmt& s) {
    return Order{s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.i32(6), s.dbl(7), s.i32(8), s.i64(9)};
}

const char* kSuggestionCols =
    "id, by_patron, entered_by, isbn, title, publisher, price, list_price, pages, copies, status, reviewer, reason, note, day, flags, "
    "author, year, clc_class";
Suggestion read_suggestion(Stmt& s) {
    Suggestion x;
    x.id = s.i64(0);
    x.by = s.text(1);
    x.entered_by = s.text(2);
    x.isbn = s.text(3);
    x.title = s.text(4);
    x.publisher = s.text(5);
    x.price = s.dbl(6);
    if (!s.null(7)) x.list_price = s.dbl(7);
    if (!s.null(8)) x.pages = s.i32(8);
    x.copies = s.i32(9);
    x.status = s.text(10);
    x.reviewer = s.text(11);
    x.reason = s.text(12);
    x.note = s.text(13);
    x.date = s.text(14);
    x.flags = split(s.text(15), ',');
    x.author = s.text(16);
    x.year = s.text(17);
    x.clc_class = s.text(18);
    return x;
}

// The connection and the catalog store on it, shared by every unit of one repository.
struct Connection {
    sqlite3* db = nullptr;
    std::unique_ptr<catalog::Store> store;
    ~Connection() {
        store.reset();  // finalizes its statements before the connection closes
        if (db) sqlite3_close(db);
    }
};

class SqliteUnit final : public UnitOfWork {
public:
    SqliteUnit(Connection& c, bool write) : c_(c), db_(c.db) { exec(db_, write ? "BEGIN IMMEDIATE" : "BEGIN"); }
    ~SqliteUnit() override {
        if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void commit() override {
        exec(db_, "COMMIT");
        open_ = false;
    }
    catalog::Store& catalog() override { return *c_.store; }
    FeedbackStore& feedback() override {
        if (!feedback_) feedback_ = make_sqlite_feedback_store(db_);
        return *feedback_;
    }

    std::optional<Operator> find_operator(std::string_view id) override {
        Stmt s(db_, std::string("SELECT ") + kOperatorCols + " FROM circ_operators WHERE id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return read_operator(s);
    }
    std::vector<Operator> operators() override {
        std::vector<Operator> out;
        Stmt s(db_, std::string("SELECT ") + kOperatorCols + " FROM circ_operators ORDER BY id");
        while (s.step()) out.push_back(read_operator(s));
        return out;
    }
    void insert_operator(const Operator& o) override {
        Stmt(db_, "INSERT INTO circ_operators(id, role, name, patron_id, disabled) VALUES(?,?,?,?,?)")
            .bind(1, o.id)
            .bind(2, to_string(o.role))
            .bind(3, o.name)
            .bind(4, o.patron_id)
            .bind(5, o.disabled ? 1 : 0)
            .run();
    }
    void update_operator(const Operator& o) override {
        Stmt(db_, "UPDATE circ_operators SET role = ?, name = ?, patron_id = ?, disabled = ? WHERE id = ?")
            .bind(1, to_string(o.role))
            .bind(2, o.name)
            .bind(3, o.patron_id)
            .bind(4, o.disabled ? 1 : 0)
            .bind(5, o.id)
            .run();
    }
    void delete_operator(std::string_view id) override { Stmt(db_, "DELETE FROM circ_operators WHERE id = ?").bind(1, id).run(); }

    std::optional<Patron> find_patron(std::string_view id) override {
        Stmt s(db_, std::string("SELECT ") + kPatronCols + " FROM circ_patrons WHERE id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return read_patron(s);
    }
    std::vector<Patron> patrons() override {
        std::vector<Patron> out;
        Stmt s(db_, std::string("SELECT ") + kPatronCols + " FROM circ_patrons ORDER BY id");
        while (s.step()) out.push_back(read_patron(s));
        return out;
    }
    void upsert_patron(const Patron& p) override {
        Stmt(db_,
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

    std::vector<LoanPolicy> policies() override {
        std::vector<LoanPolicy> out;
        Stmt s(db_, "SELECT kind, stage, max_items, loan_days, max_renewals, max_holds FROM circ_policies ORDER BY kind, stage");
        while (s.step())
            out.push_back({parse_patron_kind(s.text(0)).value_or(PatronKind::Student), parse_stage(s.text(1)), s.i32(2),
                           s.i32(3), s.i32(4), s.i32(5)});
        return out;
    }
    std::optional<LoanPolicy> policy(PatronKind kind, Stage stage) override {
        Stmt s(db_, "SELECT max_items, loan_days, max_renewals, max_holds FROM circ_policies WHERE kind = ? AND stage = ?");
        s.bind(1, to_string(kind)).bind(2, to_string(stage));
        if (!s.step()) return std::nullopt;
        return LoanPolicy{kind, stage, s.i32(0), s.i32(1), s.i32(2), s.i32(3)};
    }
    void upsert_policy(const LoanPolicy& p) override {
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
    }
    std::optional<std::string> setting(std::string_view key) override {
        Stmt s(db_, "SELECT value FROM circ_settings WHERE key = ?");
        s.bind(1, key);
        if (!s.step()) return std::nullopt;
        return s.text(0);
    }
    void put_setting(std::string_view key, std::string_view value) override {
        Stmt(db_, "INSERT INTO circ_settings(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(1, key)
            .bind(2, value)
            .run();
    }

    std::optional<OpenLoan> open_loan_of_item(long long item_id) override {
        Stmt s(db_, std::string("SELECT ") + kLoanCols + ", item_id, prev_location FROM circ_loans WHERE item_id = ? AND returned_date IS NULL");
        s.bind(1, item_id);
        if (!s.step()) return std::nullopt;
        return OpenLoan{read_loan(s), s.i64(9), s.text(10)};
    }
    std::vector<Loan> open_loans(std::string_view patron_id) override {
        std::vector<Loan> out;
        std::string q = std::string("SELECT ") + kLoanCols + " FROM circ_loans WHERE returned_date IS NULL";
        if (!patron_id.empty()) q += " AND patron_id = ?";
        Stmt s(db_, q + " ORDER BY id");
        if (!patron_id.empty()) s.bind(1, patron_id);
        while (s.step()) out.push_back(read_loan(s));
        return out;
    }
    long long insert_loan(const NewLoan& l) override {
        Stmt(db_, "INSERT INTO circ_loans(item_id, barcode, record_id, patron_id, corner, prev_location, out_date, due_date) "
                  "VALUES(?,?,?,?,?,?,?,?)")
            .bind(1, l.item_id)
            .bind(2, l.barcode)
            .bind(3, l.record_id)
            .bind(4, l.patron_id)
            .bind(5, l.corner)
            .bind(6, l.prev_location)
            .bind(7, l.out_date)
            .bind(8, l.due_date)
            .run();
        return sqlite3_last_insert_rowid(db_);
    }
    void close_loan(long long loan_id, std::string_view day, std::string_view outcome) override {
        Stmt(db_, "UPDATE circ_loans SET returned_date = ?, outcome = ? WHERE id = ?").bind(1, day).bind(2, outcome).bind(3, loan_id).run();
    }
    void extend_loan(long long loan_id, std::string_view due) override {
        Stmt(db_, "UPDATE circ_loans SET due_date = ?, renewals = renewals + 1 WHERE id = ?").bind(1, due).bind(2, loan_id).run();
    }
    std::vector<OverdueEntry> overdue_before(std::string_view day) override {
        std::vector<OverdueEntry> out;
        Stmt s(db_,
               "SELECT l.patron_id, coalesce(p.name, ''), coalesce(p.kind, ''), coalesce(p.grade, 0), coalesce(p.class_no, ''), "
               "l.barcode, coalesce(r.title, ''), l.due_date, l.corner FROM circ_loans l LEFT JOIN circ_patrons p ON p.id = l.patron_id "
               "LEFT JOIN records r ON r.id = l.record_id WHERE l.returned_date IS NULL AND l.due_date < ?");
        s.bind(1, day);
        while (s.step()) out.push_back(read_overdue(s));
        return out;
    }
    std::vector<OverdueEntry> corner_loans(std::string_view corner) override {
        std::vector<OverdueEntry> out;
        Stmt s(db_,
               "SELECT l.patron_id, coalesce(p.name, ''), coalesce(p.kind, ''), coalesce(p.grade, 0), coalesce(p.class_no, ''), "
               "l.barcode, coalesce(r.title, ''), l.due_date, l.corner FROM circ_loans l LEFT JOIN circ_patrons p ON p.id = l.patron_id "
               "LEFT JOIN records r ON r.id = l.record_id WHERE l.returned_date IS NULL AND l.corner <> '' AND (? = '' OR l.corner = ?) "
               "ORDER BY l.corner, l.barcode");
        s.bind(1, corner).bind(2, corner);
        while (s.step()) out.push_back(read_overdue(s));
        return out;
    }
    long long loans_of_item_since(long long item_id, std::string_view day) override {
        Stmt s(db_, "SELECT count(*) FROM circ_loans WHERE item_id = ? AND out_date >= ?");
        s.bind(1, item_id).bind(2, day);
        return s.step() ? s.i64(0) : 0;
    }

    std::optional<Hold> find_hold(long long id) override { return one_hold("id = ?", id); }
    std::vector<Hold> holds_of_record(long long record_id) override {
        return hold_list("SELECT " + std::string(kHoldCols) + " FROM circ_holds WHERE record_id = ? ORDER BY id", record_id);
    }
    std::vector<Hold> holds_of_patron(std::string_view patron_id) override {
        std::vector<Hold> out;
        Stmt s(db_, std::string("SELECT ") + kHoldCols + " FROM circ_holds WHERE patron_id = ? ORDER BY id");
        s.bind(1, patron_id);
        while (s.step()) out.push_back(read_hold(s));
        return out;
    }
    std::vector<Hold> holds_with_status(std::string_view status) override {
        std::vector<Hold> out;
        Stmt s(db_, std::string("SELECT ") + kHoldCols + " FROM circ_holds WHERE status = ? ORDER BY id");
        s.bind(1, status);
        while (s.step()) out.push_back(read_hold(s));
        return out;
    }
    std::optional<Hold> ready_hold_for_copy(std::string_view barcode) override {
        Stmt s(db_, std::string("SELECT ") + kHoldCols + " FROM circ_holds WHERE barcode = ? AND status = 'ready'");
        s.bind(1, barcode);
        if (!s.step()) return std::nullopt;
        return read_hold(s);
    }
    std::optional<Hold> first_waiting_hold(long long record_id) override {
        return one_hold("record_id = ? AND status = 'waiting' ORDER BY id LIMIT 1", record_id);
    }
    std::optional<Hold> waiting_hold_of(long long record_id, std::string_view patron_id) override {
        Stmt s(db_, std::string("SELECT ") + kHoldCols +
                        " FROM circ_holds WHERE record_id = ? AND patron_id = ? AND status = 'waiting' ORDER BY id LIMIT 1");
        s.bind(1, record_id).bind(2, patron_id);
        if (!s.step()) return std::nullopt;
        return read_hold(s);
    }
    long long count_active_holds(std::string_view patron_id) override {
        return scalar1(db_, "SELECT count(*) FROM circ_holds WHERE patron_id = ? AND status IN ('waiting','ready')", patron_id);
    }
    long long count_waiting_holds(long long record_id) override {
        Stmt s(db_, "SELECT count(*) FROM circ_holds WHERE record_id = ? AND status = 'waiting'");
        s.bind(1, record_id);
        return s.step() ? s.i64(0) : 0;
    }
    long long waiting_position(long long record_id, long long hold_id) override {
        Stmt s(db_, "SELECT count(*) FROM circ_holds WHERE record_id = ? AND status = 'waiting' AND id <= ?");
        s.bind(1, record_id).bind(2, hold_id);
        return s.step() ? s.i64(0) : 0;
    }
    long long insert_hold(long long record_id, std::string_view patron_id, std::string_view day) override {
        Stmt(db_, "INSERT INTO circ_holds(record_id, patron_id, placed) VALUES(?,?,?)").bind(1, record_id).bind(2, patron_id).bind(3, day).run();
        return sqlite3_last_insert_rowid(db_);
    }
    void update_hold(const Hold& h) override {
        Stmt(db_, "UPDATE circ_holds SET status = ?, barcode = ?, ready_date = ? WHERE id = ?")
            .bind(1, h.status)
            .bind(2, h.barcode)
            .bind(3, h.ready_date)
            .bind(4, h.id)
            .run();
    }
    void release_ready_holds_on(std::string_view barcode) override {
        Stmt(db_, "UPDATE circ_holds SET status = 'waiting', barcode = '', ready_date = '' WHERE barcode = ? AND status = 'ready'")
            .bind(1, barcode)
            .run();
    }

    long long insert_rating(std::string_view patron_id, long long record_id, int stars, bool recommend, std::string_view day) override {
        Stmt(db_, "INSERT INTO circ_ratings(patron_id, record_id, stars, recommend, day) VALUES(?,?,?,?,?)")
            .bind(1, patron_id)
            .bind(2, record_id)
            .bind(3, stars)
            .bind(4, recommend ? 1 : 0)
            .bind(5, day)
            .run();
        return sqlite3_last_insert_rowid(db_);
    }
    void insert_withdrawal(long long item_id, std::string_view barcode, std::string_view day, std::string_view reason,
                           std::string_view op, std::string_view prev_status) override {
        Stmt(db_, "INSERT INTO circ_withdrawals(item_id, barcode, day, reason, operator, prev_status) VALUES(?,?,?,?,?,?)")
            .bind(1, item_id)
            .bind(2, barcode)
            .bind(3, day)
            .bind(4, reason)
            .bind(5, op)
            .bind(6, prev_status)
            .run();
    }

    long long insert_charge(const Charge& c) override {
        Stmt(db_, "INSERT INTO circ_charges(kind, barcode, patron_id, day, amount, status, settled_day, settled_by) "
                  "VALUES(?,?,?,?,?,?,?,?)")
            .bind(1, c.kind)
            .bind(2, c.barcode)
            .bind(3, c.patron_id)
            .bind(4, c.day)
            .bind(5, c.amount)
            .bind(6, c.status)
            .bind(7, c.settled_day)
            .bind(8, c.settled_by)
            .run();
        return sqlite3_last_insert_rowid(db_);
    }
    std::optional<Charge> find_charge(long long id) override {
        Stmt s(db_, std::string("SELECT ") + kChargeCols + " FROM circ_charges WHERE id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return read_charge(s);
    }
    std::vector<Charge> charges(std::string_view patron_id, std::string_view status) override {
        std::vector<Charge> out;
        Stmt s(db_, std::string("SELECT ") + kChargeCols +
                        " FROM circ_charges WHERE (? = '' OR patron_id = ?) AND (? = '' OR status = ?) ORDER BY id");
        s.bind(1, patron_id).bind(2, patron_id).bind(3, status).bind(4, status);
        while (s.step()) out.push_back(read_charge(s));
        return out;
    }
    void update_charge(const Charge& c) override {
        Stmt(db_, "UPDATE circ_charges SET status = ?, settled_day = ?, settled_by = ? WHERE id = ?")
            .bind(1, c.status)
            .bind(2, c.settled_day)
            .bind(3, c.settled_by)
            .bind(4, c.id)
            .run();
    }
    std::vector<ClosedSpan> closed_spans() override {
        std::vector<ClosedSpan> out;
        Stmt s(db_, "SELECT first, last, note FROM circ_closed ORDER BY first");
        while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2)});
        return out;
    }
    void add_closed_span(const ClosedSpan& c) override {
        Stmt(db_, "INSERT INTO circ_closed(first, last, note) VALUES(?,?,?) ON CONFLICT(first) DO UPDATE SET "
                  "last = excluded.last, note = excluded.note")
            .bind(1, c.first)
            .bind(2, c.last)
            .bind(3, c.note)
            .run();
    }
    bool remove_closed_span(std::string_view first) override {
        Stmt(db_, "DELETE FROM circ_closed WHERE first = ?").bind(1, first).run();
        return sqlite3_changes(db_) > 0;
    }

    void append_audit(const AuditRow& r) override {
        Stmt(db_, "INSERT INTO circ_audit(day, at, operator, action, target, outcome, detail) VALUES(?,?,?,?,?,?,?)")
            .bind(1, r.day)
            .bind(2, r.at)
            .bind(3, r.op)
            .bind(4, r.action)
            .bind(5, r.target)
            .bind(6, r.outcome)
            .bind(7, r.detail)
            .run();
    }
    std::vector<AuditEntry> audit(std::size_t limit) override {
        std::vector<AuditEntry> out;
        Stmt s(db_, "SELECT id, day, operator, action, target, outcome, detail FROM circ_audit ORDER BY id DESC LIMIT ?");
        s.bind(1, static_cast<long long>(limit));
        while (s.step()) out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6)});
        return out;
    }

    long long insert_suggestion(const Suggestion& s) override {
        Stmt(db_, "INSERT INTO acq_suggestions(by_patron, entered_by, isbn, title, publisher, price, list_price, pages, copies, "
                  "day, flags, author, year, clc_class, note) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
            .bind(1, s.by)
            .bind(2, s.entered_by)
            .bind(3, s.isbn)
            .bind(4, s.title)
            .bind(5, s.publisher)
            .bind(6, s.price)
            .bind(7, s.list_price)
            .bind(8, s.pages)
            .bind(9, s.copies)
            .bind(10, s.date)
            .bind(11, join(s.flags, ','))
            .bind(12, s.author)
            .bind(13, s.year)
            .bind(14, s.clc_class)
            .bind(15, s.note)
            .run();
        return sqlite3_last_insert_rowid(db_);
    }
    std::optional<Suggestion> find_suggestion(long long id) override {
        return row_by_id(db_, kSuggestionCols, "acq_suggestions", id, read_suggestion);
    }
    std::vector<Suggestion> suggestions(std::string_view status) override {
        return rows_by_status(db_, kSuggestionCols, "acq_suggestions", status, read_suggestion);
    }
    void update_suggestion(const Suggestion& s) override {
        Stmt(db_, "UPDATE acq_suggestions SET status = ?, reviewer = ?, reason = ?, note = ? WHERE id = ?")
            .bind(1, s.status)
            .bind(2, s.reviewer)
            .bind(3, s.reason)
            .bind(4, s.note)
            .bind(5, s.id)
            .run();
    }
    std::vector<std::string> publisher_prefixes(std::string_view publisher) override {
        std::vector<std::string> out;
        Stmt q(db_, "SELECT prefix FROM acq_publisher_prefixes WHERE publisher = ?");
        q.bind(1, publisher);
        while (q.step()) out.push_back(q.text(0));
        return out;
    }
    bool blocked(const std::vector<std::string>& entries) override {
        for (auto& e : entries)
            if (scalar1(db_, "SELECT count(*) FROM acq_blocklist WHERE entry = ?", e) > 0) return true;
        return false;
    }
    void add_block(std::string_view entry) override { Stmt(db_, "INSERT OR IGNORE INTO acq_blocklist VALUES(?)").bind(1, entry).run(); }
    std::optional<double> budget(int year) override {
        Stmt s(db_, "SELECT amount FROM acq_budgets WHERE year = ?");
        s.bind(1, year);
        if (!s.step()) return std::nullopt;
        return s.dbl(0);
    }
    void put_budget(int year, double amount) override {
        Stmt(db_, "INSERT INTO acq_budgets VALUES(?, ?) ON CONFLICT(year) DO UPDATE SET amount = excluded.amount")
            .bind(1, year)
            .bind(2, amount)
            .run();
    }
    double ordered_cost(int year) override {
        Stmt s(db_, "SELECT coalesce(sum(cost), 0) FROM acq_orders WHERE year = ?");
        s.bind(1, year);
        return s.step() ? s.dbl(0) : 0.0;
    }
    long long insert_order(const Order& o, int year) override {
        Stmt(db_, "INSERT INTO acq_orders(suggestion_id, purchaser, day, year, copies, cost) VALUES(?,?,?,?,?,?)")
            .bind(1, o.suggestion_id)
            .bind(2, o.purchaser)
            .bind(3, o.date)
            .bind(4, year)
            .bind(5, o.copies)
            .bind(6, o.cost)
            .run();
        return sqlite3_last_insert_rowid(db_);
    }
    std::optional<Order> find_order(long long id) override { return row_by_id(db_, kOrderCols, "acq_orders", id, read_order); }
    std::vector<Order> orders(std::string_view status) override {
        return rows_by_status(db_, kOrderCols, "acq_orders", status, read_order);
    }
    void update_order(const Order& o) override {
        Stmt(db_, "UPDATE acq_orders SET status = ?, received_day = ?, received = ?, record_id = ? WHERE id = ?")
            .bind(1, o.status)
            .bind(2, o.received_date)
            .bind(3, o.received)
            .bind(4, o.record_id)
            .bind(5, o.id)
            .run();
    }

    ReadingFacts reading_facts(int year) override;
    std::vector<DemandFacts> demand_facts() override;
    std::vector<HoldingFacts> holding_facts(int year) override;
    long long withdrawn_in_year(int year) override {
        return scalar1(db_, "SELECT count(*) FROM circ_withdrawals WHERE substr(day, 1, 4) = ?", std::to_string(year));
    }
    long long new_items_in_year(int year) override {
        return scalar1(db_, "SELECT count(*) FROM items WHERE substr(acquired, 1, 4) = ? AND status <> 'withdrawn'", std::to_string(year));
    }
    long long loans_in_year(int year) override {
        return scalar1(db_, "SELECT count(*) FROM circ_loans WHERE substr(out_date, 1, 4) = ?", std::to_string(year));
    }
    bool synthetic_collection() override {
        return scalar(db_, "SELECT count(*) FROM records WHERE control_number LIKE 'SXDEMO%'") > 0;
    }
    std::vector<WeedFacts> weed_facts(std::string_view loans_since) override;
    std::vector<catalog::Item> shelf_copies() override {
        std::vector<catalog::Item> out;
        Stmt s(db_, "SELECT barcode, call_number, status FROM items WHERE location NOT IN "
                    "(SELECT corner FROM circ_loans WHERE returned_date IS NULL AND corner <> '')");
        while (s.step()) {
            catalog::Item it;
            it.barcode = s.text(0);
            it.call_number = s.text(1);
            it.status = catalog::parse_item_status(s.text(2)).value_or(catalog::ItemStatus::Available);
            out.push_back(std::move(it));
        }
        return out;
    }

    long long insert_reading_list(const ReadingList& l) override {
        Stmt(db_, "INSERT INTO reading_lists(name, grade, class_key, subject, holiday, period_from, period_to, "
                  "created_by, day, source) VALUES(?,?,?,?,?,?,?,?,?,?)")
            .bind(1, l.name).bind(2, l.grade).bind(3, l.class_key).bind(4, l.subject).bind(5, l.holiday)
            .bind(6, l.period_from).bind(7, l.period_to).bind(8, l.created_by).bind(9, l.day).bind(10, l.source)
            .run();
        const long long id = sqlite3_last_insert_rowid(db_);
        insert_entries(id, l.entries);
        return id;
    }
    void replace_reading_list_entries(long long list_id, const std::vector<ReadingListEntry>& entries) override {
        Stmt(db_, "DELETE FROM reading_list_entries WHERE list_id = ?").bind(1, list_id).run();
        insert_entries(list_id, entries);
    }
    std::optional<ReadingList> find_reading_list(std::string_view name) override {
        auto lists = reading_list_rows("WHERE name = ?", name);
        if (lists.empty()) return std::nullopt;
        ReadingList l = std::move(lists.front());
        Stmt s(db_, "SELECT title, author, isbn, price FROM reading_list_entries WHERE list_id = ? ORDER BY pos");
        s.bind(1, l.id);
        while (s.step()) {
            ReadingListEntry e{s.text(0), s.text(1), s.text(2), std::nullopt};
            if (!s.null(3)) e.price = s.dbl(3);
            l.entries.push_back(std::move(e));
        }
        return l;
    }
    std::vector<ReadingList> reading_lists() override { return reading_list_rows("", ""); }
    std::vector<std::pair<std::string, long long>> loans_between(std::string_view from, std::string_view to) override {
        std::vector<std::pair<std::string, long long>> out;
        Stmt s(db_, "SELECT patron_id, record_id FROM circ_loans WHERE patron_id <> '' AND corner = '' "
                    "AND out_date >= ? AND out_date <= ? ORDER BY id");
        s.bind(1, from).bind(2, to);
        while (s.step()) out.emplace_back(s.text(0), s.i64(1));
        return out;
    }

    long long insert_activity(const ReadingActivity& a) override {
        Stmt(db_, "INSERT INTO reading_activities(kind, title, room_id, room_label, first_day, last_day, start_time, "
                  "end_time, class_key, participants, status, booked_by, day, note) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
            .bind(1, a.kind).bind(2, a.title).bind(3, a.room_id).bind(4, a.room_label).bind(5, a.first_day)
            .bind(6, a.last_day).bind(7, a.start_time).bind(8, a.end_time).bind(9, a.class_key)
            .bind(10, static_cast<long long>(a.participants)).bind(11, a.status).bind(12, a.booked_by).bind(13, a.day)
            .bind(14, a.note)
            .run();
        return sqlite3_last_insert_rowid(db_);
    }
    std::optional<ReadingActivity> find_activity(long long id) override {
        Stmt s(db_, std::string("SELECT ") + kActivityCols + " FROM reading_activities WHERE id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        return read_activity(s);
    }
    std::vector<ReadingActivity> activities_between(std::string_view from, std::string_view to, bool with_cancelled) override {
        std::vector<ReadingActivity> out;
        Stmt s(db_, std::string("SELECT ") + kActivityCols + " FROM reading_activities WHERE (? = '' OR last_day >= ?) "
                    "AND (? = '' OR first_day <= ?) AND (? OR status = 'booked') ORDER BY first_day, start_time, id");
        s.bind(1, from).bind(2, from).bind(3, to).bind(4, to).bind(5, static_cast<long long>(with_cancelled));
        while (s.step()) out.push_back(read_activity(s));
        return out;
    }
    void set_activity_status(long long id, std::string_view status) override {
        Stmt(db_, "UPDATE reading_activities SET status = ? WHERE id = ?").bind(1, status).bind(2, id).run();
    }

private:
    void insert_entries(long long list_id, const std::vector<ReadingListEntry>& entries) {
        int pos = 0;
        for (auto& e : entries)
            Stmt(db_, "INSERT INTO reading_list_entries(list_id, pos, title, author, isbn, price) VALUES(?,?,?,?,?,?)")
                .bind(1, list_id).bind(2, ++pos).bind(3, e.title).bind(4, e.author).bind(5, e.isbn).bind(6, e.price)
                .run();
    }
    std::vector<ReadingList> reading_list_rows(const std::string& where, std::string_view arg) {
        std::vector<ReadingList> out;
        Stmt s(db_, "SELECT id, name, grade, class_key, subject, holiday, period_from, period_to, created_by, day, "
                    "source FROM reading_lists " + where + " ORDER BY name");
        if (!where.empty()) s.bind(1, arg);
        while (s.step())
            out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7),
                           s.text(8), s.text(9), s.text(10), {}});
        return out;
    }
    std::optional<Hold> one_hold(const std::string& where, long long arg) {
        Stmt s(db_, std::string("SELECT ") + kHoldCols + " FROM circ_holds WHERE " + where);
        s.bind(1, arg);
        if (!s.step()) return std::nullopt;
        return read_hold(s);
    }
    std::vector<Hold> hold_list(const std::string& q, long long arg) {
        std::vector<Hold> out;
        Stmt s(db_, q);
        s.bind(1, arg);
        while (s.step()) out.push_back(read_hold(s));
        return out;
    }

    Connection& c_;
    sqlite3* db_;
    bool open_ = true;
    std::unique_ptr<FeedbackStore> feedback_;
};

ReadingFacts SqliteUnit::reading_facts(int year) {
    ReadingFacts f;
    const std::string y = std::to_string(year), from = y + "-01-01", to = y + "-12-31";
    {
        Stmt s(db_, "SELECT grade FROM circ_patrons WHERE kind = 'student' AND status = 'active'");
        while (s.step()) f.active_student_grades.push_back(s.i32(0));
    }
    {
        Stmt s(db_, "SELECT r.audience, count(*) FROM items i JOIN records r ON r.id = i.record_id "
                    "WHERE i.status NOT IN ('lost', 'withdrawn') GROUP BY r.audience");
        while (s.step()) {
            auto a = static_cast<catalog::Audience>(s.i64(0));
            const char* stage = a == catalog::Audience::Primary  ? "primary"
                                : a == catalog::Audience::Junior ? "junior"
                                : a == catalog::Audience::Senior ? "senior"
                                                                 : "";
            f.items_by_audience_stage[stage] += s.i64(1);
        }
    }
    f.new_items = new_items_in_year(year);
    {
        Stmt s(db_, "SELECT count(*) FROM circ_loans WHERE out_date BETWEEN ? AND ? AND corner = ''");
        s.bind(1, from).bind(2, to);
        f.loans = s.step() ? s.i64(0) : 0;
    }
    {
        Stmt s(db_, "SELECT CAST(substr(out_date, 6, 2) AS INTEGER), count(*) FROM circ_loans "
                    "WHERE out_date BETWEEN ? AND ? AND corner = '' GROUP BY 1");
        s.bind(1, from).bind(2, to);
        while (s.step()) f.loans_by_month[s.i32(0)] += s.i64(1);
    }
    {
        Stmt s(db_, "SELECT r.clc_top, count(*) FROM circ_loans l JOIN records r ON r.id = l.record_id "
                    "WHERE l.out_date BETWEEN ? AND ? AND l.corner = '' GROUP BY r.clc_top");
        s.bind(1, from).bind(2, to);
        while (s.step()) f.loans_by_clc_top[s.text(0)] += s.i64(1);
    }
    {
        Stmt s(db_, "SELECT p.grade, p.class_no, count(DISTINCT p.id), "
                    "(SELECT count(*) FROM circ_loans l JOIN circ_patrons q ON q.id = l.patron_id WHERE q.kind = 'student' "
                    "  AND q.grade = p.grade AND q.class_no = p.class_no AND l.out_date BETWEEN ? AND ? AND l.corner = '') "
                    "FROM circ_patrons p WHERE p.kind = 'student' AND p.status = 'active' GROUP BY p.grade, p.class_no");
        s.bind(1, from).bind(2, to);
        while (s.step()) f.classes.push_back({s.i32(0), s.text(1), s.i64(2), s.i64(3)});
    }
    {
        Stmt s(db_, "SELECT l.record_id, coalesce(r.title, ''), count(*) AS n FROM circ_loans l LEFT JOIN records r ON r.id = l.record_id "
                    "WHERE l.out_date BETWEEN ? AND ? AND l.corner = '' GROUP BY l.record_id ORDER BY n DESC, l.record_id LIMIT 10");
        s.bind(1, from).bind(2, to);
        while (s.step()) f.top_titles.push_back({s.i64(0), s.text(1), s.i64(2)});
    }
    {
        Stmt s(db_, "SELECT g.record_id, coalesce(r.title, ''), count(*), sum(g.recommend), avg(g.stars) FROM circ_ratings g "
                    "LEFT JOIN records r ON r.id = g.record_id GROUP BY g.record_id ORDER BY avg(g.stars) DESC, count(*) DESC, g.record_id");
        while (s.step()) f.ratings.push_back({s.i64(0), s.text(1), s.i64(2), s.i64(3), s.dbl(4), {}});
        Stmt k(db_, "SELECT g.record_id, coalesce(p.kind, 'unknown'), count(*) FROM circ_ratings g "
                    "LEFT JOIN circ_patrons p ON p.id = g.patron_id GROUP BY g.record_id, p.kind");
        while (k.step())
            for (auto& r : f.ratings)
                if (r.record_id == k.i64(0)) r.by_kind[k.text(1)] = k.i64(2);
    }
    return f;
}

std::vector<DemandFacts> SqliteUnit::demand_facts() {
    std::vector<DemandFacts> out;
    Stmt s(db_, "SELECT h.record_id, coalesce(r.title, ''), count(*) AS n FROM circ_holds h "
                "LEFT JOIN records r ON r.id = h.record_id WHERE h.status = 'waiting' "
                "GROUP BY h.record_id ORDER BY n DESC, h.record_id");
    while (s.step()) {
        DemandFacts d;
        d.record_id = s.i64(0);
        d.title = s.text(1);
        Stmt w(db_, "SELECT patron_id FROM circ_holds WHERE record_id = ? AND status = 'waiting' ORDER BY id");
        w.bind(1, d.record_id);
        while (w.step()) d.waiting_patrons.push_back(w.text(0));
        Stmt c(db_, "SELECT i.status, coalesce(l.due_date, ''), "
                    "(SELECT count(*) FROM circ_holds k WHERE k.barcode = i.barcode AND k.status = 'ready') "
                    "FROM items i LEFT JOIN circ_loans l ON l.item_id = i.id AND l.returned_date IS NULL "
                    "WHERE i.record_id = ? AND i.status NOT IN ('lost', 'withdrawn', 'damaged')");
        c.bind(1, d.record_id);
        while (c.step()) {
            const std::string due = c.text(1);
            d.copies.push_back({c.text(0) == "on_loan" || !due.empty(), c.i64(2) > 0, due});
        }
        out.push_back(std::move(d));
    }
    return out;
}

std::vector<HoldingFacts> SqliteUnit::holding_facts(int year) {
    std::vector<HoldingFacts> out;
    const std::string y = std::to_string(year), end = y + "-12-31";
    // Counts as they stand at the end of `year`: items acquired later are not counted.
    Stmt t(db_, "SELECT r.clc_class, r.marc, r.clc_top, r.local_collection, count(*), sum(substr(i.acquired, 1, 4) = ?2) "
                "FROM records r JOIN items i ON i.record_id = r.id "
                "WHERE i.status NOT IN ('withdrawn', 'lost') AND (i.acquired = '' OR substr(i.acquired, 1, 10) <= ?1) "
                "GROUP BY r.id");
    t.bind(1, end);
    t.bind(2, y);
    while (t.step()) {
        HoldingFacts h;
        h.clc_class = t.text(0);
        auto marc = catalog::decode_marc(t.blob(1));
        h.serial = marc && marc->leader.size() > 7 && marc->leader[7] == 's';
        h.clc_top = t.text(2);
        h.local = t.i32(3) != 0;
        h.items = t.i64(4);
        h.new_items = t.i64(5);
        out.push_back(std::move(h));
    }
    return out;
}

std::vector<WeedFacts> SqliteUnit::weed_facts(std::string_view loans_since) {
    std::vector<WeedFacts> out;
    // Superseded: another record with the same title and a later year (a newer edition).
    Stmt s(db_,
           "SELECT i.barcode, coalesce(r.title, ''), i.call_number, i.acquired, i.status, "
           "(SELECT count(*) FROM circ_loans l WHERE l.item_id = i.id AND l.out_date >= ?), "
           "(SELECT count(*) FROM records r2 WHERE r2.title = r.title AND r2.id <> r.id AND r.title <> '' "
           "   AND r2.year > r.year AND r.year <> '') "
           "FROM items i JOIN records r ON r.id = i.record_id WHERE i.status IN ('available', 'damaged') ORDER BY i.call_number, i.barcode");
    s.bind(1, loans_since);
    while (s.step()) out.push_back({WeedCandidate{s.text(0), s.text(1), s.text(2), s.text(3), {}}, s.text(4), s.i64(5), s.i64(6)});
    return out;
}

class SqliteRepository final : public Repository {
public:
    explicit SqliteRepository(const std::filesystem::path& path) : path_(path) {
        shuxiang::sqlite::configure_process();
        if (shuxiang::sqlite::open_database(path.string(), 0, &c_.db) != SQLITE_OK) {
            std::string msg = c_.db ? sqlite3_errmsg(c_.db) : tr("common.db.cannot_open");
            sqlite3_close(c_.db);
            c_.db = nullptr;
            throw InputError(path.string(), "", msg);
        }
        // A second process holding the write lock makes us wait, not fail.
        sqlite3_busy_timeout(c_.db, 30000);
        try {
            // The catalog store shares this connection, so that an operation touching both the
            // catalog and circulation tables (receiving an order) is one transaction.
            c_.store = catalog::open_sqlite_store(c_.db);
            exec(c_.db, "PRAGMA foreign_keys=ON");
            exec(c_.db, "PRAGMA synchronous=NORMAL");
            migrate();
        } catch (const InputError&) {
            throw;
        } catch (const EnvironmentError&) {
            throw;
        } catch (const std::exception& e) {
            throw InputError(path.string(), "circ_schema", e.what());
        }
    }
    std::unique_ptr<UnitOfWork> write() override { return std::make_unique<SqliteUnit>(c_, true); }
    std::unique_ptr<UnitOfWork> read() override { return std::make_unique<SqliteUnit>(c_, false); }
    catalog::Store& catalog() override { return *c_.store; }
    int schema_version() override { return version_; }
    std::filesystem::path location() const override { return path_; }

private:
    void migrate() {
        if (shuxiang::sqlite::read_only(c_.db)) {  // searched as it is; newer versions are refused below
            version_ = shuxiang::sqlite::read_only_version(c_.db, "circ_schema", sqlite_schema::kVersion);
            if (version_ <= sqlite_schema::kVersion) return;
        }
        exec(c_.db, "CREATE TABLE IF NOT EXISTS circ_schema(version INTEGER NOT NULL)");
        const char* q = "SELECT coalesce(max(version), 0) FROM circ_schema";
        version_ = static_cast<int>(scalar(c_.db, q));
        if (version_ > sqlite_schema::kVersion)
            throw InputError(path_.string(), "circ_schema",
                             trf("circ.newer_schema", {std::to_string(version_), std::to_string(sqlite_schema::kVersion)}));
        while (version_ < sqlite_schema::kVersion) {
            SqliteUnit unit(c_, true);
            // Another process may have migrated while we waited for the lock.
            int now = static_cast<int>(scalar(c_.db, q));
            if (now > version_) {
                version_ = now;
                continue;
            }
            exec(c_.db, sqlite_schema::kSteps[version_]);
            exec(c_.db, "DELETE FROM circ_schema");
            Stmt(c_.db, "INSERT INTO circ_schema(version) VALUES(?)").bind(1, version_ + 1).run();
            unit.commit();
            ++version_;
        }
    }

    std::filesystem::path path_;
    Connection c_;
    int version_ = 0;
};

}  // namespace

std::unique_ptr<Repository> open_repository(const std::filesystem::path& db) {
    return std::make_unique<SqliteRepository>(db);
}

}  // namespace shuxiang::circulation
