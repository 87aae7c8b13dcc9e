// Check out, return, renew, holds, lost and damaged items, class sets, ratings, overdue lists.
#include <algorithm>

#include "internal.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::circulation {

using sql::Stmt;

namespace {

struct ItemRow {
    long long id = 0, record_id = 0;
    std::string status, location;
};

std::optional<ItemRow> item_row(sqlite3* db, std::string_view barcode) {
    Stmt s(db, "SELECT id, record_id, status, location FROM items WHERE barcode = ?");
    s.bind(1, barcode);
    if (!s.step()) return std::nullopt;
    return ItemRow{s.i64(0), s.i64(1), s.text(2), s.text(3)};
}

void set_item(sqlite3* db, long long id, std::string_view status, std::optional<std::string_view> location = {}) {
    if (location)
        Stmt(db, "UPDATE items SET status = ?, location = ? WHERE id = ?").bind(1, status).bind(2, *location).bind(3, id).run();
    else
        Stmt(db, "UPDATE items SET status = ? WHERE id = ?").bind(1, status).bind(2, id).run();
}

std::string status_text(const std::string& s) { return tr("circ.status." + s); }

}  // namespace

Result Library::checkout(const Ctx& c, std::string_view patron_id, std::string_view barcode) {
    Tx tx(db_);
    std::string target = std::string(barcode) + " -> " + std::string(patron_id);
    auto done = [&](Result r) { return finish(c, "circ.checkout", target, tx, std::move(r)); };
    if (auto r = refuse_role(c, Action::Checkout)) return done(*r);
    auto p = patron(patron_id);
    if (!p) return done(refusal("unknown_patron", {std::string(patron_id)}));
    auto item = item_row(db_, barcode);
    if (!item) return done(refusal("unknown_barcode", {std::string(barcode)}));
    long long out = sql::scalar(db_, "SELECT count(*) FROM circ_loans WHERE patron_id = ? AND returned_date IS NULL",
                                patron_id, true);
    if (p->status == PatronStatus::Leaving && out > 0)
        return done(refusal("leaving_with_books", {p->id, std::to_string(out)}));
    if (p->status != PatronStatus::Active) return done(refusal("patron_inactive", {p->id, tr(std::string("circ.patron_status.") + to_string(p->status))}));
    if (item->status != "available") return done(refusal("not_available", {std::string(barcode), status_text(item->status)}));
    // A copy kept for a ready hold goes only to that patron.
    std::optional<long long> ready_hold;
    {
        Stmt s(db_, "SELECT id, patron_id FROM circ_holds WHERE barcode = ? AND status = 'ready'");
        s.bind(1, barcode);
        if (s.step()) {
            if (s.text(1) != patron_id) return done(refusal("reserved", {std::string(barcode), s.text(1)}));
            ready_hold = s.i64(0);
        }
    }
    auto pol = policy_for(*p);
    if (out >= pol.max_items) return done(refusal("over_limit", {p->id, std::to_string(out), std::to_string(pol.max_items)}));
    auto due = add_days(c.date, pol.loan_days).value_or(c.date);
    Stmt(db_, "INSERT INTO circ_loans(item_id, barcode, record_id, patron_id, prev_location, out_date, due_date) "
              "VALUES(?,?,?,?,?,?,?)")
        .bind(1, item->id)
        .bind(2, barcode)
        .bind(3, item->record_id)
        .bind(4, patron_id)
        .bind(5, item->location)
        .bind(6, c.date)
        .bind(7, due)
        .run();
    long long loan = sqlite3_last_insert_rowid(db_);
    set_item(db_, item->id, "on_loan");
    if (ready_hold) Stmt(db_, "UPDATE circ_holds SET status = 'filled' WHERE id = ?").bind(1, *ready_hold).run();
    // A waiting hold of this patron on the same title is filled by this loan too.
    Stmt(db_, "UPDATE circ_holds SET status = 'filled', barcode = ? WHERE id = (SELECT id FROM circ_holds "
              "WHERE record_id = ? AND patron_id = ? AND status = 'waiting' ORDER BY id LIMIT 1)")
        .bind(1, barcode)
        .bind(2, item->record_id)
        .bind(3, patron_id)
        .run();
    return done(success("circ.ok.checkout", {std::string(barcode), p->id, due}, loan));
}

Result Library::checkin(const Ctx& c, std::string_view barcode) {
    Tx tx(db_);
    std::string target(barcode);
    auto done = [&](Result r) { return finish(c, "circ.return", target, tx, std::move(r)); };
    if (auto r = refuse_role(c, Action::Return)) return done(*r);
    auto item = item_row(db_, barcode);
    if (!item) return done(refusal("unknown_barcode", {target}));
    Stmt s(db_, "SELECT id, patron_id, corner, prev_location, due_date FROM circ_loans WHERE item_id = ? AND returned_date IS NULL");
    s.bind(1, item->id);
    if (!s.step()) {
        // A copy recorded as lost that turns up again goes back on the shelf.
        if (item->status == "lost") {
            set_item(db_, item->id, "available");
            return done(success("circ.ok.found", {target}, 0));
        }
        return done(refusal("not_on_loan", {target}));
    }
    long long loan = s.i64(0);
    std::string patron_id = s.text(1), corner = s.text(2), prev = s.text(3), due = s.text(4);
    Stmt(db_, "UPDATE circ_loans SET returned_date = ?, outcome = 'returned' WHERE id = ?").bind(1, c.date).bind(2, loan).run();
    // A class-set copy comes back from the corner to where it was before.
    if (!corner.empty()) set_item(db_, item->id, "available", std::string_view(prev));
    else set_item(db_, item->id, "available");
    Result r = success("circ.ok.return", {target}, loan);
    int late = days_between(due, c.date);
    if (late > 0) r.details.push_back(trf("circ.ok.return_late", {std::to_string(late)}));
    Stmt h(db_, "SELECT id, patron_id FROM circ_holds WHERE record_id = ? AND status = 'waiting' ORDER BY id LIMIT 1");
    h.bind(1, item->record_id);
    if (h.step()) {
        Stmt(db_, "UPDATE circ_holds SET status = 'ready', barcode = ? WHERE id = ?").bind(1, barcode).bind(2, h.i64(0)).run();
        r.details.push_back(trf("circ.ok.hold_ready", {target, h.text(1)}));
    }
    return done(r);
}

Result Library::renew(const Ctx& c, std::string_view barcode) {
    Tx tx(db_);
    std::string target(barcode);
    auto done = [&](Result r) { return finish(c, "circ.renew", target, tx, std::move(r)); };
    if (auto r = refuse_role(c, Action::Renew)) return done(*r);
    auto item = item_row(db_, barcode);
    if (!item) return done(refusal("unknown_barcode", {target}));
    Stmt s(db_, "SELECT id, patron_id, renewals, corner FROM circ_loans WHERE item_id = ? AND returned_date IS NULL");
    s.bind(1, item->id);
    if (!s.step()) return done(refusal("not_on_loan", {target}));
    long long loan = s.i64(0);
    int renewals = s.i32(2);
    if (!s.text(3).empty()) return done(refusal("class_set_no_renew", {target}));
    auto p = patron(s.text(1));
    if (!p) return done(refusal("unknown_patron", {s.text(1)}));
    auto pol = policy_for(*p);
    if (renewals >= pol.max_renewals) return done(refusal("renew_limit", {target, std::to_string(pol.max_renewals)}));
    long long waiting = sql::scalar(db_, "SELECT count(*) FROM circ_holds WHERE record_id = " + std::to_string(item->record_id) +
                                             " AND status = 'waiting'");
    if (waiting > 0) return done(refusal("holds_waiting", {target, std::to_string(waiting)}));
    auto due = add_days(c.date, pol.loan_days).value_or(c.date);
    Stmt(db_, "UPDATE circ_loans SET due_date = ?, renewals = renewals + 1 WHERE id = ?").bind(1, due).bind(2, loan).run();
    return done(success("circ.ok.renew", {target, due}, loan));
}

Result Library::place_hold(const Ctx& c, std::string_view patron_id, long long record_id) {
    Tx tx(db_);
    std::string target = std::to_string(record_id) + " <- " + std::string(patron_id);
    auto done = [&](Result r) { return finish(c, "circ.hold", target, tx, std::move(r)); };
    // Readers may place holds for themselves (OPAC self-service); anyone else needs the Hold role.
    bool self_service = c.op.empty() && !c.reader.empty() && c.reader == patron_id;
    if (!self_service) {
        if (auto r = refuse_role(c, Action::Hold)) return done(*r);
    } else if (!valid_date(c.date)) {
        return done(refusal("bad_date", {c.date}));
    }
    auto p = patron(patron_id);
    if (!p) return done(refusal("unknown_patron", {std::string(patron_id)}));
    if (p->status != PatronStatus::Active) return done(refusal("patron_inactive", {p->id, tr(std::string("circ.patron_status.") + to_string(p->status))}));
    if (sql::scalar(db_, "SELECT count(*) FROM records WHERE id = " + std::to_string(record_id)) == 0)
        return done(refusal("unknown_record", {std::to_string(record_id)}));
    auto pol = policy_for(*p);
    long long held = sql::scalar(db_, "SELECT count(*) FROM circ_holds WHERE patron_id = ? AND status IN ('waiting','ready')",
                                 patron_id, true);
    if (held >= pol.max_holds) return done(refusal("hold_limit", {p->id, std::to_string(pol.max_holds)}));
    Stmt dup(db_, "SELECT count(*) FROM circ_holds WHERE patron_id = ? AND record_id = ? AND status IN ('waiting','ready')");
    dup.bind(1, patron_id).bind(2, record_id);
    if (dup.step() && dup.i64(0) > 0) return done(refusal("hold_exists", {p->id, std::to_string(record_id)}));
    Stmt(db_, "INSERT INTO circ_holds(record_id, patron_id, placed) VALUES(?,?,?)").bind(1, record_id).bind(2, patron_id).bind(3, c.date).run();
    long long id = sqlite3_last_insert_rowid(db_);
    long long position = sql::scalar(db_, "SELECT count(*) FROM circ_holds WHERE record_id = " + std::to_string(record_id) +
                                              " AND status = 'waiting' AND id <= " + std::to_string(id));
    return done(success("circ.ok.hold", {std::to_string(record_id), std::to_string(position)}, id));
}

namespace {
// Lost or damaged: an open loan is closed with that outcome; the copy takes the status.
Result close_as(sqlite3* db, const Ctx& c, std::string_view barcode, const char* status) {
    Stmt s(db, "SELECT id, status FROM items WHERE barcode = ?");
    s.bind(1, barcode);
    if (!s.step()) return refusal("unknown_barcode", {std::string(barcode)});
    long long item = s.i64(0);
    std::string cur = s.text(1);
    if (cur == "withdrawn" || cur == status) return refusal("not_available", {std::string(barcode), tr("circ.status." + cur)});
    Stmt(db, "UPDATE circ_loans SET returned_date = ?, outcome = ? WHERE item_id = ? AND returned_date IS NULL")
        .bind(1, c.date)
        .bind(2, status)
        .bind(3, item)
        .run();
    set_item(db, item, status);
    // A copy kept for a hold is no longer there: the hold waits again.
    Stmt(db, "UPDATE circ_holds SET status = 'waiting', barcode = '' WHERE barcode = ? AND status = 'ready'").bind(1, barcode).run();
    return success(std::string("circ.ok.") + status, {std::string(barcode)}, item);
}
}  // namespace

Result Library::mark_lost(const Ctx& c, std::string_view barcode) {
    Tx tx(db_);
    if (auto r = refuse_role(c, Action::LostDamaged)) return finish(c, "circ.lost", barcode, tx, *r);
    return finish(c, "circ.lost", barcode, tx, close_as(db_, c, barcode, "lost"));
}

Result Library::mark_damaged(const Ctx& c, std::string_view barcode) {
    Tx tx(db_);
    if (auto r = refuse_role(c, Action::LostDamaged)) return finish(c, "circ.damaged", barcode, tx, *r);
    return finish(c, "circ.damaged", barcode, tx, close_as(db_, c, barcode, "damaged"));
}

Result Library::class_set(const Ctx& c, std::string_view corner, const std::vector<std::string>& barcodes,
                          std::string_view teacher_id) {
    Tx tx(db_);
    std::string target(corner);
    auto done = [&](Result r) { return finish(c, "circ.class_set", target, tx, std::move(r)); };
    if (auto r = refuse_role(c, Action::ClassSet)) return done(*r);
    if (corner.empty()) return done(refusal("empty_id", {}));
    if (barcodes.empty()) return done(refusal("no_items", {}));
    if (!teacher_id.empty() && !patron(teacher_id)) return done(refusal("unknown_patron", {std::string(teacher_id)}));
    const int days = static_cast<int>(setting_value("class_set_days"));
    auto due = add_days(c.date, days).value_or(c.date);
    for (auto& b : barcodes) {
        auto item = item_row(db_, b);
        if (!item) return done(refusal("unknown_barcode", {b}));
        if (item->status != "available") return done(refusal("not_available", {b, status_text(item->status)}));
        Stmt(db_, "INSERT INTO circ_loans(item_id, barcode, record_id, patron_id, corner, prev_location, out_date, due_date) "
                  "VALUES(?,?,?,?,?,?,?,?)")
            .bind(1, item->id)
            .bind(2, b)
            .bind(3, item->record_id)
            .bind(4, teacher_id)
            .bind(5, corner)
            .bind(6, item->location)
            .bind(7, c.date)
            .bind(8, due)
            .run();
        set_item(db_, item->id, "on_loan", corner);
    }
    return done(success("circ.ok.class_set", {std::to_string(barcodes.size()), target, due}, 0));
}

Result Library::rate(const Ctx& c, std::string_view patron_id, long long record_id, int stars, bool recommend) {
    Tx tx(db_);
    std::string target = std::to_string(record_id);
    auto done = [&](Result r) { return finish(c, "circ.rate", target, tx, std::move(r)); };
    if (auto r = refuse_role(c, Action::Rate)) return done(*r);
    if (!patron(patron_id)) return done(refusal("unknown_patron", {std::string(patron_id)}));
    if (sql::scalar(db_, "SELECT count(*) FROM records WHERE id = " + target) == 0) return done(refusal("unknown_record", {target}));
    if (stars < 1 || stars > 5) return done(refusal("bad_rating", {std::to_string(stars)}));
    Stmt(db_, "INSERT INTO circ_ratings(patron_id, record_id, stars, recommend, day) VALUES(?,?,?,?,?)")
        .bind(1, patron_id)
        .bind(2, record_id)
        .bind(3, stars)
        .bind(4, recommend ? 1 : 0)
        .bind(5, c.date)
        .run();
    return done(success("circ.ok.rate", {target}, sqlite3_last_insert_rowid(db_)));
}

std::vector<Loan> Library::open_loans(std::string_view patron_id) {
    std::vector<Loan> out;
    std::string q = "SELECT id, barcode, record_id, patron_id, corner, out_date, due_date, coalesce(returned_date, ''), "
                    "renewals FROM circ_loans WHERE returned_date IS NULL";
    if (!patron_id.empty()) q += " AND patron_id = ?";
    Stmt s(db_, q + " ORDER BY id");
    if (!patron_id.empty()) s.bind(1, patron_id);
    while (s.step())
        out.push_back({s.i64(0), s.text(1), s.i64(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7), s.i32(8)});
    return out;
}

std::vector<Hold> Library::holds(long long record_id) {
    std::vector<Hold> out;
    Stmt s(db_, "SELECT id, record_id, patron_id, placed, status, barcode FROM circ_holds WHERE record_id = ? ORDER BY id");
    s.bind(1, record_id);
    while (s.step()) out.push_back({s.i64(0), s.i64(1), s.text(2), s.text(3), s.text(4), s.text(5)});
    return out;
}

std::vector<OverdueEntry> Library::overdue(const std::string& day, std::string_view class_filter) {
    std::vector<OverdueEntry> out;
    Stmt s(db_,
           "SELECT l.patron_id, coalesce(p.name, ''), coalesce(p.kind, ''), coalesce(p.grade, 0), coalesce(p.class_no, ''), "
           "l.barcode, coalesce(r.title, ''), l.due_date FROM circ_loans l LEFT JOIN circ_patrons p ON p.id = l.patron_id "
           "LEFT JOIN records r ON r.id = l.record_id WHERE l.returned_date IS NULL AND l.corner = '' AND l.due_date < ?");
    s.bind(1, day);
    while (s.step()) {
        OverdueEntry e;
        e.patron_id = s.text(0);
        e.patron_name = s.text(1);
        if (s.text(2) == "student") e.class_key = class_key(s.i32(3), s.text(4));
        e.barcode = s.text(5);
        e.title = s.text(6);
        e.due_date = s.text(7);
        e.days_overdue = days_between(e.due_date, day);
        if (!class_filter.empty() && e.class_key != class_filter) continue;
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(), [](const OverdueEntry& a, const OverdueEntry& b) {
        return std::tie(a.class_key, a.patron_id, a.barcode) < std::tie(b.class_key, b.patron_id, b.barcode);
    });
    return out;
}

}  // namespace shuxiang::circulation
