#pragma once
// The library database (`library.db`) as one object: kept for the editor and older callers while
// they move to the services (services.hpp), which the CLI and the web server use.
#include <filesystem>
#include <memory>

#include "shuxiang/circulation/types.hpp"

struct sqlite3;

namespace shuxiang::circulation {

class Library {
public:
    // Opens (creating or migrating) the catalog tables and this module's tables. A new database gets
    // the librarian operator `admin` and the default loan policies. Throws InputError naming the file.
    explicit Library(const std::filesystem::path& db);
    ~Library();
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;

    catalog::Store& store() { return *store_; }
    int schema_version() const { return version_; }

    // Operators.
    Result add_operator(const Ctx& c, const Operator& o);
    std::vector<Operator> operators();
    std::optional<Operator> find_operator(std::string_view id);

    // Patrons.
    Result add_patron(const Ctx& c, const Patron& p);
    std::optional<Patron> patron(std::string_view id);
    std::vector<Patron> patrons();
    // A CSV roster (UTF-8 or GBK; students: 学号, 姓名, 年级, 班级; teachers: 工号, 姓名). All or nothing.
    RosterImport import_roster(const Ctx& c, std::string_view data, const std::string& file_name, Result& audit);
    // Every student up one grade; those finishing one of `final_grades` become leaving.
    Promotion promote(const Ctx& c, const std::vector<int>& final_grades, bool dry_run, Result& res);
    // Marks a leaving patron as left; refused while books are out.
    Result patron_left(const Ctx& c, std::string_view patron_id);

    // Loan policies.
    std::vector<LoanPolicy> policies();
    LoanPolicy policy_for(const Patron& p);
    Result set_policy(const Ctx& c, const LoanPolicy& p);

    // Circulation.
    Result checkout(const Ctx& c, std::string_view patron_id, std::string_view barcode);
    Result checkin(const Ctx& c, std::string_view barcode);  // 还书; fills the first waiting hold
    Result renew(const Ctx& c, std::string_view barcode);
    Result place_hold(const Ctx& c, std::string_view patron_id, long long record_id);
    Result mark_lost(const Ctx& c, std::string_view barcode);
    Result mark_damaged(const Ctx& c, std::string_view barcode);
    Result class_set(const Ctx& c, std::string_view corner, const std::vector<std::string>& barcodes,
                     std::string_view teacher_id);
    Result rate(const Ctx& c, std::string_view patron_id, long long record_id, int stars, bool recommend);
    std::vector<Loan> open_loans(std::string_view patron_id = {});
    std::vector<Hold> holds(long long record_id);
    std::vector<OverdueEntry> overdue(const std::string& day, std::string_view class_filter = {});
    std::vector<AuditEntry> audit(std::size_t limit = 100);
    // One audit row, in its own transaction, for an operation decided elsewhere (identity).
    void record_audit(const Ctx& c, std::string_view action, std::string_view target, const Result& r) {
        write_audit(c, action, target, r);
    }

    // Acquisitions.
    Result suggest(const Ctx& c, Suggestion s);
    std::optional<Suggestion> suggestion(long long id);
    std::vector<Suggestion> suggestions(std::string_view status = {});
    // reject_reason empty: approve (refused while automatic checks flag the title).
    Result review(const Ctx& c, long long suggestion_id, const std::string& reject_reason, const std::string& note);
    Result order(const Ctx& c, long long suggestion_id, std::string_view purchaser);
    Result receive(const Ctx& c, long long order_id, const std::vector<std::string>& barcodes);
    std::optional<Order> find_order(long long id);
    Result set_budget(const Ctx& c, int year, double amount);
    double budget_left(int year);  // negative infinity-free: budget minus ordered cost; 0 when none set
    Result block(const Ctx& c, std::string_view isbn_or_title);
    void set_setting(std::string_view key, std::string_view value);
    std::string setting(std::string_view key, std::string_view fallback);
    // A known setting's value: what was set, else its default (known_settings()).
    double setting_value(std::string_view key);
    // Changes a known setting (the EditPolicy role; audited); refused for an unknown key or a value
    // that is not a number in the setting's range.
    Result change_setting(const Ctx& c, std::string_view key, std::string_view value);

    // Weeding and stocktake.
    std::vector<WeedCandidate> weed_candidates(const std::string& day, const WeedRules& rules);
    Result withdraw(const Ctx& c, const std::vector<std::string>& barcodes, const std::string& reason);
    // Stocktake of first..last. When the database holds a shelving assignment, by shelf
    // (shelving::stocktake_shelves: shelves or call numbers, misplaced copies with where they
    // belong). Otherwise by call number: expected = copies on a shelf status, not in a classroom
    // corner, whose call number lies in the range (中图法 shelf order); misplaced = scanned copies
    // on a shelf status outside it.
    StocktakeReport stocktake(const std::string& first, const std::string& last,
                              const std::vector<std::string>& scanned);

    // Statistics.
    // target_wait_days: the demand model's target wait for the last reader in a holds queue.
    // today (YYYY-MM-DD): the day the demand model counts the days left on current loans from;
    // empty, every copy on loan is taken to have a whole loan period left.
    ReadingStats reading_stats(int year, int target_wait_days = 30, const std::string& today = "");
    standards::HoldingsSummary holdings_summary(int year);

    // Low-level access for tests and the benchmark.
    sqlite3* db() { return db_; }

private:
    struct Tx;
    void migrate();
    std::optional<Result> refuse_role(const Ctx& c, Action a);
    void write_audit(const Ctx& c, std::string_view action, std::string_view target, const Result& r);
    Result finish(const Ctx& c, std::string_view action, std::string_view target, Tx& tx, Result r);
    std::vector<std::string> check_suggestion(const Suggestion& s);

    std::filesystem::path path_;
    std::unique_ptr<catalog::Store> store_;
    sqlite3* db_ = nullptr;
    int version_ = 0;
};

}  // namespace shuxiang::circulation
