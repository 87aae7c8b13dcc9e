#pragma once
// The storage seam of the library's own data (operators, patrons, loans, holds, acquisitions,
// settings, audit): a Repository opens units of work, and a UnitOfWork is one transaction in which
// the services read and write plain data. The embedded implementation (in this module's sources)
// holds every statement; a server database implements the same interfaces, and one contract test
// suite runs on each. Copies (items) are written only through the catalog store of the same unit of work.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/circulation/activity_types.hpp"
#include "shuxiang/circulation/types.hpp"

namespace shuxiang::circulation {

// An open loan with what a return needs to put the copy back.
struct OpenLoan {
    Loan loan;
    long long item_id = 0;
    std::string prev_location;  // where the copy stood before a class set took it to a corner
};

// A new loan row.
struct NewLoan {
    long long item_id = 0;
    std::string barcode;
    long long record_id = 0;
    std::string patron_id, corner, prev_location, out_date, due_date;
};

// One row of the audit log, as written.
struct AuditRow {
    std::string day, at, op, action, target, outcome, detail;
};

// Raw figures behind ReadingStats for one calendar year (the service derives the ratios).
struct ReadingFacts {
    std::vector<int> active_student_grades;
    std::map<std::string, long long> items_by_audience_stage;  // primary/junior/senior; "" = shared
    long long new_items = 0, loans = 0;
    std::map<std::string, long long> loans_by_clc_top;
    std::map<int, long long> loans_by_month;  // 1..12
    struct ClassLoans {
        int grade = 0;
        std::string class_no;
        long long students = 0, loans = 0;
    };
    std::vector<ClassLoans> classes;
    std::vector<ReadingStats::TitleRow> top_titles;
    std::vector<ReadingStats::RatingRow> ratings;
};

// A title with waiting holds and the state of its lendable copies (the demand model's input).
struct DemandFacts {
    long long record_id = 0;
    std::string title;
    std::vector<std::string> waiting_patrons;
    struct Copy {
        bool on_loan = false, kept_for_hold = false;
        std::string due_date;
    };
    std::vector<Copy> copies;
};

// Per record held at the end of a year: what the holdings summary counts.
struct HoldingFacts {
    std::string clc_top, clc_class;
    bool local = false, serial = false;
    long long items = 0, new_items = 0;
};

// A weeding candidate before the rules are applied.
struct WeedFacts {
    WeedCandidate copy;
    std::string status;
    long long recent_loans = 0, newer_editions = 0;
};

class FeedbackStore;  // feedback_store.hpp

class UnitOfWork {
public:
    virtual ~UnitOfWork() = default;
    // Makes every change of this unit durable; without it the destructor rolls everything back.
    virtual void commit() = 0;
    // The catalog in this same transaction: the only writer of records and copies.
    virtual catalog::Store& catalog() = 0;
    // Readers' feedback (the reading module's reviews, recommendations, parents) in this same transaction.
    virtual FeedbackStore& feedback() = 0;

    // Operators.
    virtual std::optional<Operator> find_operator(std::string_view id) = 0;
    virtual std::vector<Operator> operators() = 0;
    virtual void insert_operator(const Operator& o) = 0;
    virtual void update_operator(const Operator& o) = 0;
    virtual void delete_operator(std::string_view id) = 0;

    // Patrons.
    virtual std::optional<Patron> find_patron(std::string_view id) = 0;
    virtual std::vector<Patron> patrons() = 0;  // by id
    virtual void upsert_patron(const Patron& p) = 0;

    // Loan policies and settings.
    virtual std::vector<LoanPolicy> policies() = 0;
    virtual std::optional<LoanPolicy> policy(PatronKind kind, Stage stage) = 0;
    virtual void upsert_policy(const LoanPolicy& p) = 0;
    virtual std::optional<std::string> setting(std::string_view key) = 0;
    virtual void put_setting(std::string_view key, std::string_view value) = 0;

    // Loans.
    virtual std::optional<OpenLoan> open_loan_of_item(long long item_id) = 0;
    virtual std::vector<Loan> open_loans(std::string_view patron_id) = 0;  // "" = every open loan
    virtual long long insert_loan(const NewLoan& l) = 0;
    virtual void close_loan(long long loan_id, std::string_view day, std::string_view outcome) = 0;
    virtual void extend_loan(long long loan_id, std::string_view due_date) = 0;  // one renewal more
    // Open loans due before `day`, with the reader's name and class and the title; class sets excluded.
    virtual std::vector<OverdueEntry> overdue_before(std::string_view day) = 0;
    virtual long long loans_of_item_since(long long item_id, std::string_view day) = 0;

    // Holds.
    virtual std::optional<Hold> find_hold(long long id) = 0;
    virtual std::vector<Hold> holds_of_record(long long record_id) = 0;
    virtual std::vector<Hold> holds_of_patron(std::string_view patron_id) = 0;
    virtual std::vector<Hold> holds_with_status(std::string_view status) = 0;
    virtual std::optional<Hold> ready_hold_for_copy(std::string_view barcode) = 0;
    virtual std::optional<Hold> first_waiting_hold(long long record_id) = 0;
    virtual std::optional<Hold> waiting_hold_of(long long record_id, std::string_view patron_id) = 0;
    virtual long long count_active_holds(std::string_view patron_id) = 0;  // waiting or ready
    virtual long long count_waiting_holds(long long record_id) = 0;
    virtual long long waiting_position(long long record_id, long long hold_id) = 0;
    virtual long long insert_hold(long long record_id, std::string_view patron_id, std::string_view day) = 0;
    virtual void update_hold(const Hold& h) = 0;  // status, barcode, ready date
    // Holds whose copy was kept for the reader: back to waiting when the copy is gone.
    virtual void release_ready_holds_on(std::string_view barcode) = 0;

    // Ratings and withdrawals.
    virtual long long insert_rating(std::string_view patron_id, long long record_id, int stars, bool recommend,
                                    std::string_view day) = 0;
    virtual void insert_withdrawal(long long item_id, std::string_view barcode, std::string_view day,
                                   std::string_view reason, std::string_view op, std::string_view prev_status) = 0;

    // Charges (replacements of lost copies, fines) and the closed-days calendar.
    virtual long long insert_charge(const Charge& c) = 0;
    virtual std::optional<Charge> find_charge(long long id) = 0;
    virtual std::vector<Charge> charges(std::string_view patron_id, std::string_view status) = 0;  // "" = all
    virtual void update_charge(const Charge& c) = 0;  // status, settled day and operator
    virtual std::vector<ClosedSpan> closed_spans() = 0;
    virtual void add_closed_span(const ClosedSpan& s) = 0;
    virtual bool remove_closed_span(std::string_view first) = 0;
    // Open class-set loans of a classroom corner ("" = every corner), with the title.
    virtual std::vector<OverdueEntry> corner_loans(std::string_view corner) = 0;

    // Audit.
    virtual void append_audit(const AuditRow& row) = 0;
    virtual std::vector<AuditEntry> audit(std::size_t limit) = 0;

    // Acquisitions.
    virtual long long insert_suggestion(const Suggestion& s) = 0;
    virtual std::optional<Suggestion> find_suggestion(long long id) = 0;
    virtual std::vector<Suggestion> suggestions(std::string_view status) = 0;  // "" = all
    virtual void update_suggestion(const Suggestion& s) = 0;  // status, reviewer, reason, note (CIP data stays)
    virtual std::vector<std::string> publisher_prefixes(std::string_view publisher) = 0;
    virtual bool blocked(const std::vector<std::string>& entries) = 0;
    virtual void add_block(std::string_view entry) = 0;
    virtual std::optional<double> budget(int year) = 0;
    virtual void put_budget(int year, double amount) = 0;
    virtual double ordered_cost(int year) = 0;
    virtual long long insert_order(const Order& o, int year) = 0;
    virtual std::optional<Order> find_order(long long id) = 0;
    virtual std::vector<Order> orders(std::string_view status) = 0;  // "" = all, in id order
    virtual void update_order(const Order& o) = 0;  // status, received date, received count, record

    // Statistics and collection work.
    virtual ReadingFacts reading_facts(int year) = 0;
    virtual std::vector<DemandFacts> demand_facts() = 0;
    virtual std::vector<HoldingFacts> holding_facts(int year) = 0;
    virtual long long withdrawn_in_year(int year) = 0;
    virtual long long new_items_in_year(int year) = 0;  // acquired that year, not withdrawn
    virtual long long loans_in_year(int year) = 0;
    virtual bool synthetic_collection() = 0;
    virtual std::vector<WeedFacts> weed_facts(std::string_view loans_since) = 0;
    // Copies not in a classroom corner: barcode, call number, status (stocktake by call number).
    virtual std::vector<catalog::Item> shelf_copies() = 0;

    // Reading lists (the reading module's): stored with their entries, found by name.
    virtual long long insert_reading_list(const ReadingList& l) = 0;
    virtual std::optional<ReadingList> find_reading_list(std::string_view name) = 0;  // with entries
    virtual std::vector<ReadingList> reading_lists() = 0;                               // by name, no entries
    // The records each reader borrowed with a loan made in [from, to] (dates YYYY-MM-DD), class sets excluded.
    virtual std::vector<std::pair<std::string, long long>> loans_between(std::string_view from, std::string_view to) = 0;

    // A list's titles replaced by `entries` (in order): the list built title by title.
    virtual void replace_reading_list_entries(long long list_id, const std::vector<ReadingListEntry>& entries) = 0;
    // Reading activities (the reading module's room bookings).
    virtual long long insert_activity(const ReadingActivity& a) = 0;
    virtual std::optional<ReadingActivity> find_activity(long long id) = 0;
    // Activities whose days meet [from, to] ("" = open end), booked ones only unless with_cancelled.
    virtual std::vector<ReadingActivity> activities_between(std::string_view from, std::string_view to, bool with_cancelled) = 0;
    virtual void set_activity_status(long long id, std::string_view status) = 0;
};

class Repository {
public:
    virtual ~Repository() = default;
    // A unit that will write: the write lock is taken before anything is read, so two processes
    // checking and then changing the same rows cannot interleave (no lost update).
    virtual std::unique_ptr<UnitOfWork> write() = 0;
    // A unit that only reads (a consistent snapshot).
    virtual std::unique_ptr<UnitOfWork> read() = 0;
    virtual catalog::Store& catalog() = 0;
    virtual int schema_version() = 0;
    // Where the data lives (a file path), for what works on the file as a whole (shelving).
    virtual std::filesystem::path location() const = 0;
};

// Opens (creating or migrating) the library database file at `db`. Throws InputError
// naming the file when it cannot be opened or was written by a newer Shuxiang.
std::unique_ptr<Repository> open_repository(const std::filesystem::path& db);

}  // namespace shuxiang::circulation
