#pragma once
// The plain data of circulation, patrons, operators, audit, acquisitions, weeding and statistics:
// what the services take and return, what the rules decide over and what a repository stores.
#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/catalog/store.hpp"
#include "shuxiang/shelving/stocktake.hpp"
#include "shuxiang/standards/holdings.hpp"

namespace shuxiang::circulation {

// What an operator may do.
enum class Role { Librarian, Volunteer, Teacher, Reviewer, Inspector };
const char* to_string(Role r);
std::optional<Role> parse_role(std::string_view s);

// The kinds of operation that roles are checked against.
enum class Action {
    ManageOperators, ManagePatrons, Checkout, Return, Renew, Hold, ClassSet, LostDamaged, EditPolicy,
    Suggest, Review, Order, Receive, Weed, Rate, CancelHold, Charges, Calendar, Catalogue,
    ViewReaders,  // read readers' names, numbers and loans (patron lists and cards, overdue lists)
    ViewAudit,    // read the audit trail
    EditLists,    // build and change reading lists (推荐书目): librarians and teachers
    // Readers' feedback (library_core/reading): a review of a title (the reader, or a librarian typing
    // a slip), approving or rejecting reviews (librarians), recommending titles (teachers, librarians,
    // and teacher, staff and parent readers for themselves).
    WriteReview, Moderate, Recommend
};
bool role_allows(Role r, Action a);

// A library-wide setting a librarian may change (`circ settings`): its default and allowed range.
struct SettingInfo {
    const char* key;       // e.g. "acq.max_copies"
    double default_value;
    double min, max;
    bool integer;
    const char* help_key;  // translation key of a one-line explanation
};
// Every known setting, in a fixed order.
const std::vector<SettingInfo>& known_settings();

// The outcome of a mutating operation: ok, or a refusal with a stable code and a translated reason.
struct Result {
    bool ok = false;
    std::string code;     // "" when ok; else e.g. "unknown_barcode", "over_limit", "not_permitted"
    std::string message;  // translated reason (or a short translated summary when ok)
    long long id = 0;     // id of what was created (loan, hold, suggestion, order), when any
    std::vector<std::string> details;  // extra lines (flags, books still out, filled hold)
};

// Who does it and on which day (YYYY-MM-DD; tests and --date make runs reproducible). The caller
// has authenticated them: an operator (op), or a reader acting for themselves in the catalogue
// (reader, with op empty), who may only place and cancel their own holds.
struct Ctx {
    std::string op;
    std::string date;
    std::string reader;
};

struct Operator {
    std::string id;
    Role role = Role::Inspector;
    std::string name;
    std::string patron_id;  // the operator's own patron record, if any (four-eyes checks use it)
    bool disabled = false;  // a disabled operator can neither log in nor act
};

enum class PatronKind { Student, Teacher, Staff, Parent };
const char* to_string(PatronKind k);
std::optional<PatronKind> parse_patron_kind(std::string_view s);

// 学段. Grades are numbered 1..12 across stages: 小学 1–6, 初中 7–9, 高中 10–12.
enum class Stage { None, Primary, Junior, Senior };
const char* to_string(Stage s);
Stage stage_of_grade(int grade);
// "三年级", "3", "初一", "七年级", "高二", "高中二年级" ... -> 1..12; nullopt when not a grade.
std::optional<int> parse_grade(std::string_view text);
// "2", "2班", "(2)班", "二班" -> "2"; other text is kept trimmed.
std::string normalize_class(std::string_view text);
// "3-2" style key of a school class (grade-class).
std::string class_key(int grade, const std::string& class_no);
// "3-2", "三年级2班", "初一(3)班", "高二1班" -> "3-2", "3-2", "7-3", "11-1"; nullopt when not a class.
std::optional<std::string> parse_class_key(std::string_view text);

enum class PatronStatus { Active, Leaving, Left };
const char* to_string(PatronStatus s);

struct Patron {
    std::string id;  // 学号 or 工号
    PatronKind kind = PatronKind::Student;
    std::string name;
    int grade = 0;         // students: 1..12
    std::string class_no;  // students: "2"
    PatronStatus status = PatronStatus::Active;
    Stage stage() const { return kind == PatronKind::Student ? stage_of_grade(grade) : Stage::None; }
};

struct LoanPolicy {
    PatronKind kind = PatronKind::Student;
    Stage stage = Stage::None;  // students only
    int max_items = 0;
    int loan_days = 0;
    int max_renewals = 0;
    int max_holds = 0;
};

struct Loan {
    long long id = 0;
    std::string barcode;
    long long record_id = 0;
    std::string patron_id;  // "" for a class set
    std::string corner;     // class set: the classroom corner
    std::string out_date, due_date, returned_date;
    int renewals = 0;
};

struct Hold {
    long long id = 0;
    long long record_id = 0;
    std::string patron_id;
    std::string placed;
    std::string status;  // waiting, ready, filled, cancelled, expired
    std::string barcode;  // the copy kept for the patron once ready
    std::string ready_date;  // when the copy was put aside (pickup expiry counts from it)
};

struct OverdueEntry {
    std::string class_key;  // "" for teachers and staff
    std::string patron_id, patron_name, barcode, title, due_date;
    int days_overdue = 0;
    std::string corner;  // a class set's classroom corner ("" for a reader's own loan)
};

// What a reader owes for a lost copy (replacement) or a late return (fine), and how it was settled.
struct Charge {
    long long id = 0;
    std::string kind;  // replacement, fine
    std::string barcode, patron_id, day;
    double amount = 0;
    std::string status;  // owed, paid, waived
    std::string settled_day, settled_by;
};

// A span of days the library is closed (holidays, the summer break), both ends included.
struct ClosedSpan {
    std::string first, last, note;
};

struct AuditEntry {
    long long id = 0;
    std::string day, op, action, target, outcome, detail;
};

struct RosterImport {
    int added = 0, updated = 0;
    std::vector<std::string> errors;  // "file: line N: message"; nothing is imported when not empty
};

struct Promotion {
    int promoted = 0;
    struct Leaver {
        std::string patron_id, name;
        std::vector<std::string> books_out;  // barcodes
    };
    std::vector<Leaver> leaving;
};

// Acquisitions.
struct Suggestion {
    long long id = 0;
    std::string by;  // the recommender (patron id), accountable for it
    std::string entered_by;  // operator
    std::string isbn, title, publisher;
    std::string author, year, clc_class;  // CIP data known when suggesting ("" when not)
    double price = 0;
    std::optional<double> list_price;
    std::optional<int> pages;
    int copies = 1;
    std::string status;  // pending, approved, rejected, ordered, received (every copy of its order)
    std::string reviewer, reason, note, date;
    std::vector<std::string> flags;  // automatic checks: piracy_checksum, piracy_prefix, blocklist, price_list, price_pages, copies
};

struct Order {
    long long id = 0;
    long long suggestion_id = 0;
    std::string purchaser, date, status, received_date;  // status: open, partially_received, received
    int copies = 0;
    double cost = 0;
    int received = 0;        // copies received so far (a delivery may come in parts)
    long long record_id = 0;  // the catalogue record its copies went to, 0 before the first delivery
};

// One delivery of an order as the receiving librarian enters it: the barcodes stuck on the copies
// and the CIP data typed from the book (empty fields keep what the suggestion had).
struct Receipt {
    std::vector<std::string> barcodes;
    std::string clc_class, call_number, author, publisher, year;
    std::optional<double> price;      // 定价 printed in the book
    bool accept_call_number = false;  // the librarian confirms the proposed call number
};

struct WeedCandidate {
    std::string barcode, title, call_number, acquired;
    std::vector<std::string> reasons;  // old_unused, damaged, superseded
};

struct WeedRules {
    int min_age_years = 10;    // acquired at least this long ago ...
    int no_loans_years = 3;    // ... and not lent in this many years
};

// A stocktake's result (see shelving/stocktake.hpp): by shelf once the collection is shelved.
using StocktakeReport = shelving::Stocktake;

// One reading-statistics snapshot (the inputs of the compliance report and the demand model).
struct ReadingStats {
    int year = 0;
    long long students = 0;
    std::map<std::string, long long> students_by_stage;  // primary/junior/senior
    long long held_items = 0;
    double holdings_per_student = 0;
    // For 一贯制 schools: items meant for a stage (record audience) plus the shared items (general,
    // unknown) split in proportion to enrolment, per student of that stage.
    std::map<std::string, double> holdings_per_student_by_stage;
    catalog::CollectionStats collection;  // 22 classes and 5 大部类
    long long new_items_this_year = 0;
    double new_per_student = 0;
    long long loans_this_year = 0;
    double loans_per_student = 0;
    // Loans this year by 大部类 (A, B, C–K, N–X, Z): what readers ask for, which drives the
    // simulator's choice of shelves.
    std::array<long long, 5> loans_by_major_class{};
    std::array<long long, 12> loans_by_month{};  // January .. December of `year` (class sets not counted)
    struct ClassRow {
        std::string class_key;
        long long students = 0, loans = 0;
        double loans_per_student = 0;
    };
    std::vector<ClassRow> class_ranking;  // by loans per student, best first
    struct TitleRow {
        long long record_id = 0;
        std::string title;
        long long loans = 0;
    };
    std::vector<TitleRow> top_titles;  // most loans this year (10)
    struct DemandRow {
        long long record_id = 0;
        std::string title;
        long long waiting = 0, copies = 0, suggested_extra = 0;  // copies: lendable (not lost, withdrawn, damaged)
        int loan_days = 0;         // mean loan period of the waiting readers' policies, rounded up
        int lead_days = 0;         // days until a copy bought now is on the shelf (acq.lead_days)
        long long wait_days = -1;  // the last waiting reader's wait now (-1: no copy to lend)
        long long wait_after_days = -1;  // ... with the suggested extra copies
    };
    int target_wait_days = 30;      // the demand model's target (see suggested_extra_copies)
    std::vector<DemandRow> demand;  // titles with waiting holds
    struct RatingRow {
        long long record_id = 0;
        std::string title;
        long long ratings = 0, recommendations = 0;
        double average = 0;
        std::map<std::string, long long> by_kind;  // ratings by student / teacher / staff / parent
    };
    std::vector<RatingRow> ratings;
};

// Demand per title (holds queue). `ready_in_days` says, for each lendable copy, in how many days it
// can next be lent: 0 on the shelf, the days left on its loan (0 when overdue), the loan period for
// a copy kept for a reader who has not collected it yet. Readers are served first come, first
// served: each takes the copy that is free soonest and keeps it `loan_days`. Returns the last of
// the `waiting` readers' wait in days; 0 with nobody waiting, -1 when there is no copy to lend.
long long last_reader_wait_days(std::vector<long long> ready_in_days, long long waiting, int loan_days);
// The smallest number e >= 0 of new copies, ready in `lead_days` (ordering, receiving, processing),
// with which the last reader waits at most `target_days`, and copies + e <= max_copies (the copy
// policy). When the target cannot be met within the policy, the smallest e that gives the shortest
// wait the policy allows.
long long suggested_extra_copies(const std::vector<long long>& ready_in_days, long long waiting, int loan_days,
                                 int target_days, long long max_copies, int lead_days);

// "YYYY-MM-DD" + days; nullopt for a malformed date.
std::optional<std::string> add_days(const std::string& day, int days);
// Days from a to b (b - a); 0 for malformed dates.
int days_between(const std::string& a, const std::string& b);
bool valid_date(const std::string& day);
// Today's date (UTC) as YYYY-MM-DD.
std::string today();

// A reading list (推荐书目) as stored: its audience (all optional) and its titles in file order.
// The reading module (library_core/reading) matches the titles against the catalogue.
struct ReadingListEntry {
    std::string title, author, isbn;  // as in the list's file
    std::optional<double> price;      // when the file gives one (acquisition suggestions use it)
};
struct ReadingList {
    long long id = 0;
    std::string name;
    std::string grade, class_key, subject, holiday;  // the audience: "" when not given
    std::string period_from, period_to;              // a reading programme's period: "" when none
    std::string created_by, day, source;             // operator, date, the file imported
    std::vector<ReadingListEntry> entries;
};

}  // namespace shuxiang::circulation
