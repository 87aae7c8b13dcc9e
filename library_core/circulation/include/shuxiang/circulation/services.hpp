#pragma once
// The library's operations as services over one storage backend: what the CLI and the web server
// call. Every mutating operation takes the acting operator (already authenticated by the caller)
// and the day in a Ctx, checks the operator's role and writes one audit row in the same
// transaction, and returns a Result; a refusal changes nothing and is audited as refused.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/circulation/types.hpp"

namespace shuxiang::circulation {

class Repository;

// Which readers a patron list shows (all filters optional, combined with AND).
struct PatronQuery {
    std::string text;       // part of the name, or the start of the reader number (学号/工号)
    std::string class_key;  // a class in any form parse_class_key() accepts ("三年级2班", "3-2")
    std::size_t limit = 0;  // 0: no limit
};

// Operators: who may act, in which role.
class OperatorService {
public:
    explicit OperatorService(Repository& repo) : repo_(repo) {}
    Result add(const Ctx& c, const Operator& o);
    std::vector<Operator> list();
    std::optional<Operator> find(std::string_view id);
    // How many operators exist.
    std::size_t count();
    // Whether c's operator may do `a` (exists, not disabled, role allows it, valid date): ok, or
    // the refusal, which is audited as `action` on `target`. For work another module does itself
    // (the catalog store's edits record the operator in their own change log).
    Result authorize(const Ctx& c, Action a, std::string_view action, std::string_view target);
    Result set_role(const Ctx& c, std::string_view id, Role role);
    // A disabled operator can neither log in nor act; their history stays.
    Result set_disabled(const Ctx& c, std::string_view id, bool disabled);
    // Removes an operator (not oneself, not the last librarian); the audit log keeps their id.
    Result remove(const Ctx& c, std::string_view id);

private:
    Repository& repo_;
};

// Readers (students, teachers, staff, parents) and the school year.
class PatronService {
public:
    explicit PatronService(Repository& repo) : repo_(repo) {}
    Result add(const Ctx& c, const Patron& p);
    std::optional<Patron> find(std::string_view id);
    std::vector<Patron> list(const PatronQuery& q = {});
    RosterImport import_roster(const Ctx& c, std::string_view data, const std::string& file_name, Result& audit);
    Promotion promote(const Ctx& c, const std::vector<int>& final_grades, bool dry_run, Result& res);
    Result left(const Ctx& c, std::string_view patron_id);

private:
    Repository& repo_;
};

// Loans, returns, renewals, holds, lost and damaged copies, class sets, ratings, loan policies.
class CirculationService {
public:
    explicit CirculationService(Repository& repo) : repo_(repo) {}
    Result checkout(const Ctx& c, std::string_view patron_id, std::string_view barcode);
    Result checkin(const Ctx& c, std::string_view barcode);
    Result renew(const Ctx& c, std::string_view barcode);
    Result place_hold(const Ctx& c, std::string_view patron_id, long long record_id);
    Result mark_lost(const Ctx& c, std::string_view barcode);
    Result mark_damaged(const Ctx& c, std::string_view barcode);
    // A damaged copy back from repair: on the shelf again (or kept for the next reader waiting).
    Result mark_repaired(const Ctx& c, std::string_view barcode);
    Result class_set(const Ctx& c, std::string_view corner, const std::vector<std::string>& barcodes,
                     std::string_view teacher_id);
    Result rate(const Ctx& c, std::string_view patron_id, long long record_id, int stars, bool recommend);

    // Cancels a waiting or ready hold (an operator, or the reader who placed it); a copy kept
    // for it goes to the next reader waiting, else back on the shelf.
    Result cancel_hold(const Ctx& c, long long hold_id);
    // Ready holds not collected within circ.hold_pickup_days of c.date expire like a cancel.
    Result expire_holds(const Ctx& c);

    std::vector<Loan> open_loans(std::string_view patron_id = {});
    std::vector<Hold> holds(long long record_id);
    std::vector<Hold> patron_holds(std::string_view patron_id);
    // Titles with waiting holds and a copy on the shelf that no hold keeps: fetch it (pull list).
    struct PullEntry {
        Hold hold;
        std::string barcode, call_number, location, title;
    };
    std::vector<PullEntry> holds_to_pull();
    // Open loans due before `day`: readers' own loans and class sets (OverdueEntry::corner), by class.
    // class_filter: a class in any form parse_class_key() reads; class sets count for the class
    // their corner names ("3-2", "三年级2班图书角").
    std::vector<OverdueEntry> overdue(const std::string& day, std::string_view class_filter = {});
    // What a classroom corner holds now (its open class-set loans); "" = every corner.
    std::vector<OverdueEntry> corner_holdings(std::string_view corner);

    // Charges: a replacement for a copy lost on loan and a fine for a late return, charged only
    // when the library's settings say so (circ.charge_replacement, circ.fine_per_day); otherwise a
    // lost copy's replacement is recorded as waived.
    std::vector<Charge> charges(std::string_view patron_id = {}, std::string_view status = {});
    Result settle_charge(const Ctx& c, long long charge_id, bool paid);

    // The closed-days calendar: weekends (circ.weekends_closed) and spans such as holidays and the
    // summer break. No due date falls on a closed day.
    std::vector<ClosedSpan> closed_spans();
    Result add_closed_span(const Ctx& c, const ClosedSpan& span);
    Result remove_closed_span(const Ctx& c, std::string_view first);

    std::vector<LoanPolicy> policies();
    LoanPolicy policy_for(const Patron& p);
    Result set_policy(const Ctx& c, const LoanPolicy& p);

private:
    Repository& repo_;
};

// 凡进必审: suggestions, the four-eyes review, orders within the budget, receiving.
class AcquisitionService {
public:
    explicit AcquisitionService(Repository& repo) : repo_(repo) {}
    Result suggest(const Ctx& c, Suggestion s);
    std::optional<Suggestion> suggestion(long long id);
    std::vector<Suggestion> suggestions(std::string_view status = {});
    // reject_reason empty: approve. The reviewer is c.op, never a typed name.
    Result review(const Ctx& c, long long suggestion_id, const std::string& reject_reason, const std::string& note);
    Result order(const Ctx& c, long long suggestion_id, std::string_view purchaser);
    // 验收 of one delivery: the copies (copy numbers after the record's) go onto the order's record,
    // made from the suggestion and the typed CIP data on the first delivery (or the record already
    // holding the ISBN). A new record needs a title and a 中图法 class; its call number is the typed
    // one, or the proposed one (propose_call_number) when r.accept_call_number, else refused with
    // "confirm_call_number" and the proposal. Fewer copies than ordered leave the order
    // partially_received; more than it lacks are refused ("over_delivery").
    Result receive(const Ctx& c, long long order_id, const Receipt& r);
    // The call number the 种次号 rule proposes for a new title of `clc_class` ("" when not a class).
    std::string propose_call_number(std::string_view clc_class);
    std::optional<Order> find_order(long long id);
    std::vector<Order> orders(std::string_view status = {});
    Result set_budget(const Ctx& c, int year, double amount);
    double budget_left(int year);
    Result block(const Ctx& c, std::string_view isbn_or_title);

private:
    Repository& repo_;
};

// Weeding and stocktake.
class CollectionService {
public:
    explicit CollectionService(Repository& repo) : repo_(repo) {}
    std::vector<WeedCandidate> weed_candidates(const std::string& day, const WeedRules& rules);
    Result withdraw(const Ctx& c, const std::vector<std::string>& barcodes, const std::string& reason);
    StocktakeReport stocktake(const std::string& first, const std::string& last, const std::vector<std::string>& scanned);

private:
    Repository& repo_;
};

// Reading statistics and the holdings summary for the compliance report.
class StatsService {
public:
    explicit StatsService(Repository& repo) : repo_(repo) {}
    ReadingStats reading_stats(int year, int target_wait_days = 30, const std::string& today = "");
    standards::HoldingsSummary holdings_summary(int year);

private:
    Repository& repo_;
};

// The library's settings (known_settings()) and the audit log.
class AdminService {
public:
    explicit AdminService(Repository& repo) : repo_(repo) {}
    double setting_value(std::string_view key);
    std::string setting(std::string_view key, std::string_view fallback);
    // Keeps a preference of a command that is not a library setting (e.g. the final grades the
    // year-end promotion last used); not audited, no role.
    void store_setting(std::string_view key, std::string_view value);
    Result change_setting(const Ctx& c, std::string_view key, std::string_view value);
    std::vector<AuditEntry> audit(std::size_t limit = 100);
    // Records an event of another part (a login, a refused request) in the audit log.
    void record(const Ctx& c, std::string_view action, std::string_view target, const Result& r);

private:
    Repository& repo_;
};

// All services of one library database.
class LibraryServices {
public:
    // Opens (creating or migrating) the library database at `db`. Throws InputError naming the file.
    static std::unique_ptr<LibraryServices> open(const std::filesystem::path& db);
    // Over a repository of any backend (the contract tests run each).
    static std::unique_ptr<LibraryServices> over(std::unique_ptr<Repository> repo);
    Repository& repository() { return *repo_; }
    ~LibraryServices();
    LibraryServices(const LibraryServices&) = delete;
    LibraryServices& operator=(const LibraryServices&) = delete;

    catalog::Store& catalog();
    OperatorService& operators() { return operators_; }
    PatronService& patrons() { return patrons_; }
    CirculationService& circulation() { return circulation_; }
    AcquisitionService& acquisitions() { return acquisitions_; }
    CollectionService& collection() { return collection_; }
    StatsService& stats() { return stats_; }
    AdminService& admin() { return admin_; }

private:
    explicit LibraryServices(std::unique_ptr<Repository> repo);
    std::unique_ptr<Repository> repo_;
    OperatorService operators_;
    PatronService patrons_;
    CirculationService circulation_;
    AcquisitionService acquisitions_;
    CollectionService collection_;
    StatsService stats_;
    AdminService admin_;
};

}  // namespace shuxiang::circulation
