// The services over the library database. Step one of the storage seam: each service forwards to
// the operations that still live in Library; the repository takes their SQL next.
#include "shuxiang/circulation/services.hpp"

#include <algorithm>

#include "shuxiang/circulation/library.hpp"

namespace shuxiang::circulation {

namespace {
bool contains(std::string_view hay, std::string_view needle) { return hay.find(needle) != std::string_view::npos; }
}  // namespace

Result OperatorService::add(const Ctx& c, const Operator& o) { return lib_.add_operator(c, o); }
std::vector<Operator> OperatorService::list() { return lib_.operators(); }
std::optional<Operator> OperatorService::find(std::string_view id) { return lib_.find_operator(id); }
std::size_t OperatorService::count() { return lib_.operators().size(); }

Result PatronService::add(const Ctx& c, const Patron& p) { return lib_.add_patron(c, p); }
std::optional<Patron> PatronService::find(std::string_view id) { return lib_.patron(id); }
std::vector<Patron> PatronService::list(const PatronQuery& q) {
    std::optional<std::string> cls;
    if (!q.class_key.empty()) {
        cls = parse_class_key(q.class_key);
        if (!cls) return {};
    }
    std::vector<Patron> out;
    for (auto& p : lib_.patrons()) {
        if (cls && (p.kind != PatronKind::Student || class_key(p.grade, p.class_no) != *cls)) continue;
        if (!q.text.empty() && !contains(p.name, q.text) && p.id.rfind(q.text, 0) != 0) continue;
        out.push_back(p);
        if (q.limit && out.size() >= q.limit) break;
    }
    return out;
}
RosterImport PatronService::import_roster(const Ctx& c, std::string_view data, const std::string& file_name, Result& audit) {
    return lib_.import_roster(c, data, file_name, audit);
}
Promotion PatronService::promote(const Ctx& c, const std::vector<int>& final_grades, bool dry_run, Result& res) {
    return lib_.promote(c, final_grades, dry_run, res);
}
Result PatronService::left(const Ctx& c, std::string_view patron_id) { return lib_.patron_left(c, patron_id); }

Result CirculationService::checkout(const Ctx& c, std::string_view p, std::string_view b) { return lib_.checkout(c, p, b); }
Result CirculationService::checkin(const Ctx& c, std::string_view b) { return lib_.checkin(c, b); }
Result CirculationService::renew(const Ctx& c, std::string_view b) { return lib_.renew(c, b); }
Result CirculationService::place_hold(const Ctx& c, std::string_view p, long long r) { return lib_.place_hold(c, p, r); }
Result CirculationService::mark_lost(const Ctx& c, std::string_view b) { return lib_.mark_lost(c, b); }
Result CirculationService::mark_damaged(const Ctx& c, std::string_view b) { return lib_.mark_damaged(c, b); }
Result CirculationService::class_set(const Ctx& c, std::string_view corner, const std::vector<std::string>& barcodes,
                                     std::string_view teacher_id) {
    return lib_.class_set(c, corner, barcodes, teacher_id);
}
Result CirculationService::rate(const Ctx& c, std::string_view p, long long r, int stars, bool recommend) {
    return lib_.rate(c, p, r, stars, recommend);
}
std::vector<Loan> CirculationService::open_loans(std::string_view p) { return lib_.open_loans(p); }
std::vector<Hold> CirculationService::holds(long long r) { return lib_.holds(r); }
std::vector<OverdueEntry> CirculationService::overdue(const std::string& day, std::string_view cls) { return lib_.overdue(day, cls); }
std::vector<LoanPolicy> CirculationService::policies() { return lib_.policies(); }
LoanPolicy CirculationService::policy_for(const Patron& p) { return lib_.policy_for(p); }
Result CirculationService::set_policy(const Ctx& c, const LoanPolicy& p) { return lib_.set_policy(c, p); }

Result AcquisitionService::suggest(const Ctx& c, Suggestion s) { return lib_.suggest(c, std::move(s)); }
std::optional<Suggestion> AcquisitionService::suggestion(long long id) { return lib_.suggestion(id); }
std::vector<Suggestion> AcquisitionService::suggestions(std::string_view status) { return lib_.suggestions(status); }
Result AcquisitionService::review(const Ctx& c, long long id, const std::string& reject, const std::string& note) {
    return lib_.review(c, id, reject, note);
}
Result AcquisitionService::order(const Ctx& c, long long id, std::string_view purchaser) { return lib_.order(c, id, purchaser); }
Result AcquisitionService::receive(const Ctx& c, long long id, const std::vector<std::string>& b) { return lib_.receive(c, id, b); }
std::optional<Order> AcquisitionService::find_order(long long id) { return lib_.find_order(id); }
Result AcquisitionService::set_budget(const Ctx& c, int year, double amount) { return lib_.set_budget(c, year, amount); }
double AcquisitionService::budget_left(int year) { return lib_.budget_left(year); }
Result AcquisitionService::block(const Ctx& c, std::string_view entry) { return lib_.block(c, entry); }

std::vector<WeedCandidate> CollectionService::weed_candidates(const std::string& day, const WeedRules& rules) {
    return lib_.weed_candidates(day, rules);
}
Result CollectionService::withdraw(const Ctx& c, const std::vector<std::string>& b, const std::string& reason) {
    return lib_.withdraw(c, b, reason);
}
StocktakeReport CollectionService::stocktake(const std::string& first, const std::string& last, const std::vector<std::string>& scanned) {
    return lib_.stocktake(first, last, scanned);
}

ReadingStats StatsService::reading_stats(int year, int target, const std::string& today) { return lib_.reading_stats(year, target, today); }
standards::HoldingsSummary StatsService::holdings_summary(int year) { return lib_.holdings_summary(year); }

double AdminService::setting_value(std::string_view key) { return lib_.setting_value(key); }
std::string AdminService::setting(std::string_view key, std::string_view fallback) { return lib_.setting(key, fallback); }
Result AdminService::change_setting(const Ctx& c, std::string_view key, std::string_view value) {
    return lib_.change_setting(c, key, value);
}
std::vector<AuditEntry> AdminService::audit(std::size_t limit) { return lib_.audit(limit); }
void AdminService::record(const Ctx& c, std::string_view action, std::string_view target, const Result& r) {
    lib_.record_audit(c, action, target, r);
}

std::unique_ptr<LibraryServices> LibraryServices::open(const std::filesystem::path& db) {
    return std::unique_ptr<LibraryServices>(new LibraryServices(std::make_unique<Library>(db)));
}

LibraryServices::LibraryServices(std::unique_ptr<Library> lib)
    : lib_(std::move(lib)),
      operators_(*lib_),
      patrons_(*lib_),
      circulation_(*lib_),
      acquisitions_(*lib_),
      collection_(*lib_),
      stats_(*lib_),
      admin_(*lib_) {}

LibraryServices::~LibraryServices() = default;

catalog::Store& LibraryServices::catalog() { return lib_->store(); }

}  // namespace shuxiang::circulation
