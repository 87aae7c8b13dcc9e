// Acquisitions review (凡进必审, 谁推荐谁负责, 谁采购谁审核): suggestions, automatic checks, four-eyes
// review, orders within the year's budget, receiving into the catalog.
#include <cmath>
#include <set>
#include <sstream>

#include "internal.hpp"
#include "shuxiang/catalog/isbn.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::circulation {

using sql::Stmt;

namespace {

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
    return x;
}

const char* kSuggestionCols =
    "id, by_patron, entered_by, isbn, title, publisher, price, list_price, pages, copies, status, reviewer, reason, note, day, flags";

const char* kRejectReasons[] = {"piracy", "unsuitable", "price", "copies", "duplicate", "other"};

}  // namespace

// The automatic checks of a suggestion. Each flag names a rejection reason family.
std::vector<std::string> Library::check_suggestion(const Suggestion& s) {
    std::vector<std::string> flags;
    auto bare = catalog::isbn_strip(s.isbn);
    bool valid = bare && (bare->size() == 10 ? catalog::isbn10_valid(*bare) : catalog::isbn13_valid(*bare));
    std::string isbn13 = valid ? catalog::isbn_normalize(s.isbn).value_or("") : "";
    if (!valid) flags.push_back("piracy_checksum");
    // A publisher we know the ISBN prefixes of must match one of them.
    if (valid && !s.publisher.empty()) {
        Stmt q(db_, "SELECT prefix FROM acq_publisher_prefixes WHERE publisher = ?");
        q.bind(1, s.publisher);
        bool known = false, match = false;
        while (q.step()) {
            known = true;
            match |= isbn13.rfind(q.text(0), 0) == 0;
        }
        if (known && !match) flags.push_back("piracy_prefix");
    }
    {
        Stmt q(db_, "SELECT count(*) FROM acq_blocklist WHERE entry = ? OR entry = ? OR entry = ?");
        q.bind(1, isbn13.empty() ? s.isbn : isbn13).bind(2, s.title).bind(3, s.isbn);
        if (q.step() && q.i64(0) > 0) flags.push_back("blocklist");
    }
    double factor = setting_value("acq.max_price_factor");
    if (s.list_price && *s.list_price > 0 && s.price > *s.list_price * factor) flags.push_back("price_list");
    double per_page = setting_value("acq.usual_price_per_page");
    double page_factor = setting_value("acq.max_page_price_factor");
    if (s.pages && *s.pages > 0 && s.price / *s.pages > per_page * page_factor) flags.push_back("price_pages");
    // Copies beyond the policy, counting the copies already held of the same ISBN.
    long long held = 0;
    if (valid)
        for (long long rid : store_->records_by_isbn(isbn13)) held += static_cast<long long>(store_->items_of(rid).size());
    const auto max_copies = static_cast<long long>(setting_value("acq.max_copies"));
    if (held + s.copies > max_copies) flags.push_back("copies");
    return flags;
}

Result Library::suggest(const Ctx& c, Suggestion s) {
    Tx tx(db_);
    std::string target = s.isbn;
    auto done = [&](Result r) { return finish(c, "acq.suggest", target, tx, std::move(r)); };
    if (auto r = refuse_role(c, Action::Suggest)) return done(*r);
    if (!patron(s.by)) return done(refusal("unknown_patron", {s.by}));
    if (s.title.empty()) return done(refusal("empty_title", {}));
    if (s.price <= 0 || s.copies < 1) return done(refusal("bad_price", {}));
    s.flags = check_suggestion(s);
    Stmt(db_, "INSERT INTO acq_suggestions(by_patron, entered_by, isbn, title, publisher, price, list_price, pages, copies, "
              "day, flags) VALUES(?,?,?,?,?,?,?,?,?,?,?)")
        .bind(1, s.by)
        .bind(2, c.op)
        .bind(3, s.isbn)
        .bind(4, s.title)
        .bind(5, s.publisher)
        .bind(6, s.price)
        .bind(7, s.list_price)
        .bind(8, s.pages)
        .bind(9, s.copies)
        .bind(10, c.date)
        .bind(11, join(s.flags, ','))
        .run();
    long long id = sqlite3_last_insert_rowid(db_);
    Result r = success("circ.ok.suggested", {std::to_string(id)}, id);
    for (auto& f : s.flags) r.details.push_back(tr("acq.flag." + f));
    return done(r);
}

std::optional<Suggestion> Library::suggestion(long long id) {
    Stmt s(db_, std::string("SELECT ") + kSuggestionCols + " FROM acq_suggestions WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_suggestion(s);
}

std::vector<Suggestion> Library::suggestions(std::string_view status) {
    std::vector<Suggestion> out;
    Stmt s(db_, std::string("SELECT ") + kSuggestionCols + " FROM acq_suggestions WHERE ? = '' OR status = ? ORDER BY id");
    s.bind(1, status).bind(2, status);
    while (s.step()) out.push_back(read_suggestion(s));
    return out;
}

Result Library::review(const Ctx& c, long long id, const std::string& reject_reason, const std::string& note) {
    Tx tx(db_);
    std::string target = std::to_string(id);
    auto done = [&](Result r) { return finish(c, "acq.review", target, tx, std::move(r)); };
    if (auto r = refuse_role(c, Action::Review)) return done(*r);
    auto s = suggestion(id);
    if (!s) return done(refusal("unknown_suggestion", {target}));
    if (s->status != "pending") return done(refusal("already_reviewed", {target, s->status}));
    // Four eyes: the reviewer is neither the recommender nor the one who entered it.
    auto op = find_operator(c.op);
    if (c.op == s->by || c.op == s->entered_by || (op && !op->patron_id.empty() && op->patron_id == s->by))
        return done(refusal("four_eyes", {c.op, target}));
    if (reject_reason.empty()) {
        // Re-run the checks: the blocklist or the holdings may have changed since the suggestion.
        auto flags = check_suggestion(*s);
        if (!flags.empty()) {
            Result r = refusal("flagged", {target});
            for (auto& f : flags) r.details.push_back(tr("acq.flag." + f));
            return done(r);
        }
        Stmt(db_, "UPDATE acq_suggestions SET status = 'approved', reviewer = ?, note = ? WHERE id = ?")
            .bind(1, c.op)
            .bind(2, note)
            .bind(3, id)
            .run();
        return done(success("circ.ok.approved", {target}, id));
    }
    bool known = false;
    for (auto* k : kRejectReasons) known |= reject_reason == k;
    if (!known) return done(refusal("bad_reason", {reject_reason}));
    Stmt(db_, "UPDATE acq_suggestions SET status = 'rejected', reviewer = ?, reason = ?, note = ? WHERE id = ?")
        .bind(1, c.op)
        .bind(2, reject_reason)
        .bind(3, note)
        .bind(4, id)
        .run();
    return done(success("circ.ok.rejected", {target, tr("acq.reason." + reject_reason)}, id));
}

Result Library::set_budget(const Ctx& c, int year, double amount) {
    Tx tx(db_);
    std::string target = std::to_string(year);
    if (auto r = refuse_role(c, Action::Order)) return finish(c, "acq.budget", target, tx, *r);
    if (amount < 0) return finish(c, "acq.budget", target, tx, refusal("bad_price", {}));
    Stmt(db_, "INSERT INTO acq_budgets VALUES(?, ?) ON CONFLICT(year) DO UPDATE SET amount = excluded.amount")
        .bind(1, year)
        .bind(2, amount)
        .run();
    return finish(c, "acq.budget", target, tx, success("circ.ok.budget", {target}, 0));
}

double Library::budget_left(int year) {
    Stmt s(db_, "SELECT amount - (SELECT coalesce(sum(cost), 0) FROM acq_orders WHERE year = ?) FROM acq_budgets WHERE year = ?");
    s.bind(1, year).bind(2, year);
    return s.step() ? s.dbl(0) : 0.0;
}

Result Library::block(const Ctx& c, std::string_view entry) {
    Tx tx(db_);
    if (auto r = refuse_role(c, Action::EditPolicy)) return finish(c, "acq.block", entry, tx, *r);
    std::string e(entry);
    if (auto n = catalog::isbn_normalize(entry)) e = *n;
    Stmt(db_, "INSERT OR IGNORE INTO acq_blocklist VALUES(?)").bind(1, e).run();
    return finish(c, "acq.block", entry, tx, success("circ.ok.blocked", {e}, 0));
}

Result Library::order(const Ctx& c, long long id, std::string_view purchaser) {
    Tx tx(db_);
    std::string target = std::to_string(id);
    auto done = [&](Result r) { return finish(c, "acq.order", target, tx, std::move(r)); };
    if (auto r = refuse_role(c, Action::Order)) return done(*r);
    auto buyer = find_operator(purchaser);
    if (!buyer) return done(refusal("unknown_operator", {std::string(purchaser)}));
    if (!role_allows(buyer->role, Action::Order))
        return done(refusal("not_permitted", {buyer->id, tr(std::string("circ.role.") + to_string(buyer->role))}));
    auto s = suggestion(id);
    if (!s) return done(refusal("unknown_suggestion", {target}));
    if (s->status != "approved") return done(refusal("not_approved", {target, s->status}));
    // The purchaser answers for the order: they may not be the recommender.
    if (buyer->id == s->by || (!buyer->patron_id.empty() && buyer->patron_id == s->by))
        return done(refusal("four_eyes", {buyer->id, target}));
    int year = std::stoi(c.date.substr(0, 4));
    double cost = s->price * s->copies;
    bool has_budget = sql::scalar(db_, "SELECT count(*) FROM acq_budgets WHERE year = " + std::to_string(year)) > 0;
    if (has_budget) {
        double left = budget_left(year);
        if (cost > left + 1e-9) {
            char a[32], b[32];
            std::snprintf(a, sizeof a, "%.2f", cost);
            std::snprintf(b, sizeof b, "%.2f", left);
            return done(refusal("over_budget", {a, b}));
        }
    }
    Stmt(db_, "INSERT INTO acq_orders(suggestion_id, purchaser, day, year, copies, cost) VALUES(?,?,?,?,?,?)")
        .bind(1, id)
        .bind(2, buyer->id)
        .bind(3, c.date)
        .bind(4, year)
        .bind(5, s->copies)
        .bind(6, cost)
        .run();
    long long oid = sqlite3_last_insert_rowid(db_);
    Stmt(db_, "UPDATE acq_suggestions SET status = 'ordered' WHERE id = ?").bind(1, id).run();
    return done(success("circ.ok.ordered", {std::to_string(oid), target}, oid));
}

std::optional<Order> Library::find_order(long long id) {
    Stmt s(db_, "SELECT id, suggestion_id, purchaser, day, status, received_day, copies, cost FROM acq_orders WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return Order{s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5), s.i32(6), s.dbl(7)};
}

Result Library::receive(const Ctx& c, long long order_id, const std::vector<std::string>& barcodes) {
    std::string target = std::to_string(order_id);
    // One transaction: the record, its copies and the order change together or not at all (the
    // catalog store works on this connection; its batch is a savepoint of this transaction).
    Tx tx(db_);
    auto done = [&](Result r) { return finish(c, "acq.receive", target, tx, std::move(r)); };
    if (auto r = refuse_role(c, Action::Receive)) return done(*r);
    auto o = find_order(order_id);
    if (!o) return done(refusal("unknown_order", {target}));
    if (o->status != "open") return done(refusal("order_received", {target}));
    if (static_cast<int>(barcodes.size()) != o->copies)
        return done(refusal("barcode_count", {std::to_string(barcodes.size()), std::to_string(o->copies)}));
    std::size_t in_processing = 0;
    std::set<std::string> distinct;
    for (auto& b : barcodes) {
        // A copy left in processing (by a receive of an older Shuxiang that was interrupted
        // between its two transactions) may be received again.
        if (b.empty() ||
            sql::scalar(db_, "SELECT count(*) FROM items WHERE barcode = ? AND status <> 'in_processing'", b, true) > 0)
            return done(refusal("barcode_exists", {b}));
        if (distinct.insert(b).second)
            in_processing += static_cast<std::size_t>(sql::scalar(db_, "SELECT count(*) FROM items WHERE barcode = ?", b, true));
    }
    auto sug = suggestion(o->suggestion_id);
    if (!sug) return done(refusal("unknown_order", {target}));
    std::vector<catalog::ImportEntry> batch(1);
    auto& rec = batch[0].record;
    rec.title = sug->title;
    rec.publisher = sug->publisher;
    rec.isbns = {catalog::isbn_normalize(sug->isbn).value_or(sug->isbn)};
    rec.price = sug->list_price ? sug->list_price : std::optional<double>(sug->price);
    if (sug->pages) rec.pages = sug->pages;
    rec.marc = catalog::synthesize_cnmarc(rec);
    for (auto& b : barcodes) {
        catalog::Item it;
        it.barcode = b;
        it.status = catalog::ItemStatus::InProcessing;
        it.acquired = c.date;
        it.source = "采购";
        it.price = sug->price;
        batch[0].items.push_back(it);
    }
    auto added = store_->import_batch(batch);
    // A barcode given twice is found only here, when its second copy finds the first one stored;
    // the refusal rolls back the record and the copies already inserted.
    if (added.items_added + in_processing != barcodes.size()) {
        std::string dup = barcodes.front();
        std::set<std::string> seen;
        for (auto& b : barcodes)
            if (!seen.insert(b).second) {
                dup = b;
                break;
            }
        return done(refusal("barcode_exists", {dup}));
    }
    for (auto& b : barcodes) Stmt(db_, "UPDATE items SET status = 'available' WHERE barcode = ?").bind(1, b).run();
    Stmt(db_, "UPDATE acq_orders SET status = 'received', received_day = ? WHERE id = ?").bind(1, c.date).bind(2, order_id).run();
    Stmt(db_, "UPDATE acq_suggestions SET status = 'received' WHERE id = ?").bind(1, o->suggestion_id).run();
    return done(success("circ.ok.received", {target, std::to_string(barcodes.size())}, batch[0].record.id));
}

}  // namespace shuxiang::circulation
