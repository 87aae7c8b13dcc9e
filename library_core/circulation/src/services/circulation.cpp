// Loans, returns, renewals, holds, lost and damaged copies, class sets, ratings, loan policies.
#include <algorithm>
#include <cstdio>
#include <set>

#include "../internal.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::circulation {

using catalog::ItemStatus;

namespace {

std::string money(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", v);
    return b;
}

std::string actor_of(const Ctx& c) { return c.op.empty() ? "reader:" + c.reader : c.op; }

CheckoutFacts checkout_facts(UnitOfWork& u, const Ctx& c, std::string_view patron_id, std::string_view barcode) {
    CheckoutFacts f;
    f.patron_id = patron_id;
    f.barcode = barcode;
    f.patron = u.find_patron(patron_id);
    f.item = u.catalog().item_by_barcode(barcode);
    if (f.patron) {
        // The reader's own loans (class sets are the corner's): how many, and how many overdue.
        for (auto& l : u.open_loans(patron_id)) {
            if (!l.corner.empty()) continue;
            ++f.loans_out;
            f.overdue_out += l.due_date < c.date ? 1 : 0;
        }
        f.policy = policy_in(u, *f.patron);
    }
    f.block_when_overdue = setting_in(u, "circ.block_overdue") != 0;
    if (f.item) f.ready_hold = u.ready_hold_for_copy(barcode);
    return f;
}

// A copy back in the library: kept for the first reader waiting for its title, if any.
void offer_to_waiting(UnitOfWork& u, const Ctx& c, long long record_id, std::string_view barcode, Result& r) {
    auto h = u.first_waiting_hold(record_id);
    if (!h) return;
    h->status = "ready";
    h->barcode = barcode;
    h->ready_date = c.date;
    u.update_hold(*h);
    r.details.push_back(trf("circ.ok.hold_ready", {std::string(barcode), h->patron_id}));
}

// A copy lost on loan: the reader owes its price when the library charges replacements, else the
// replacement is recorded as waived (many schools charge nothing).
void record_replacement(UnitOfWork& u, const Ctx& c, const catalog::Item& item, const std::string& patron_id) {
    double price = item.price.value_or(0);
    if (price <= 0)
        if (auto rec = u.catalog().record(item.record_id)) price = rec->price.value_or(0);
    const bool charged = setting_in(u, "circ.charge_replacement") != 0 && price > 0;
    u.insert_charge({0, "replacement", item.barcode, patron_id, c.date, price, charged ? "owed" : "waived",
                     charged ? "" : c.date, charged ? "" : actor_of(c)});
}

// Lost or damaged: an open loan is closed with that outcome; the copy takes the status.
Result close_as(UnitOfWork& u, const Ctx& c, std::string_view barcode, ItemStatus status) {
    auto item = u.catalog().item_by_barcode(barcode);
    if (!item) return refusal("unknown_barcode", {std::string(barcode)});
    const char* name = catalog::to_string(status);
    if (item->status == ItemStatus::Withdrawn || item->status == status)
        return refusal("not_available", {std::string(barcode), tr(std::string("circ.status.") + catalog::to_string(item->status))});
    if (auto open = u.open_loan_of_item(item->id)) {
        u.close_loan(open->loan.id, c.date, name);
        if (status == ItemStatus::Lost && open->loan.corner.empty()) record_replacement(u, c, *item, open->loan.patron_id);
    }
    u.catalog().set_item_state(item->id, status, std::nullopt);
    // A copy kept for a hold is no longer there: the hold waits again.
    u.release_ready_holds_on(barcode);
    return success(std::string("circ.ok.") + name, {std::string(barcode)}, item->id);
}

}  // namespace

Result CirculationService::checkout(const Ctx& c, std::string_view patron_id, std::string_view barcode) {
    std::string target = std::string(barcode) + " -> " + std::string(patron_id);
    return run_op(repo_, c, Action::Checkout, "circ.checkout", target, [&](UnitOfWork& u) {
        auto f = checkout_facts(u, c, patron_id, barcode);
        if (auto r = refused(can_checkout(f))) return *r;
        auto due = due_in(u, c.date, f.policy.loan_days);
        long long loan = u.insert_loan({f.item->id, std::string(barcode), f.item->record_id, std::string(patron_id), "",
                                        f.item->location, c.date, due});
        u.catalog().set_item_state(f.item->id, ItemStatus::OnLoan, std::nullopt);
        if (f.ready_hold) {
            f.ready_hold->status = "filled";
            u.update_hold(*f.ready_hold);
        }
        // A waiting hold of this reader on the same title is filled by this loan too.
        if (auto h = u.waiting_hold_of(f.item->record_id, patron_id)) {
            h->status = "filled";
            h->barcode = barcode;
            u.update_hold(*h);
        }
        auto rec = u.catalog().record(f.item->record_id);
        // The reader's name is shown at the desk (details), never written to the audit log (message).
        Result ok = success("circ.ok.checkout", {std::string(barcode), f.patron->id, due, rec ? rec->title : ""}, loan);
        ok.details.push_back(trf("circ.ok.reader_name", {f.patron->name}));
        return ok;
    });
}

Result CirculationService::checkin(const Ctx& c, std::string_view barcode) {
    std::string target(barcode);
    return run_op(repo_, c, Action::Return, "circ.return", target, [&](UnitOfWork& u) {
        auto item = u.catalog().item_by_barcode(barcode);
        if (!item) return refusal("unknown_barcode", {target});
        auto open = u.open_loan_of_item(item->id);
        if (!open) {
            // A copy recorded as lost that turns up again goes back on the shelf.
            if (item->status == ItemStatus::Lost) {
                u.catalog().set_item_state(item->id, ItemStatus::Available, std::nullopt);
                Result r = success("circ.ok.found", {target}, 0);
                offer_to_waiting(u, c, item->record_id, barcode, r);
                return r;
            }
            return refusal("not_on_loan", {target});
        }
        u.close_loan(open->loan.id, c.date, "returned");
        // A class-set copy comes back from the corner to where it was before.
        u.catalog().set_item_state(item->id, ItemStatus::Available,
                                   open->loan.corner.empty() ? std::nullopt : std::optional<std::string>(open->prev_location));
        auto rec = u.catalog().record(item->record_id);
        auto reader = open->loan.patron_id.empty() ? std::nullopt : u.find_patron(open->loan.patron_id);
        Result r = success("circ.ok.return", {target, rec ? rec->title : ""}, open->loan.id);
        if (reader) r.details.push_back(trf("circ.ok.reader_name", {reader->name}));
        int late = days_between(open->loan.due_date, c.date);
        if (late > 0) r.details.push_back(trf("circ.ok.return_late", {std::to_string(late)}));
        const double fine = setting_in(u, "circ.fine_per_day");
        if (late > 0 && fine > 0 && open->loan.corner.empty()) {
            u.insert_charge({0, "fine", target, open->loan.patron_id, c.date, fine * late, "owed", "", ""});
            r.details.push_back(trf("circ.ok.fine", {money(fine * late)}));
        }
        offer_to_waiting(u, c, item->record_id, barcode, r);
        return r;
    });
}

Result CirculationService::renew(const Ctx& c, std::string_view barcode) {
    std::string target(barcode);
    return run_op(repo_, c, Action::Renew, "circ.renew", target, [&](UnitOfWork& u) {
        RenewFacts f;
        f.barcode = target;
        auto item = u.catalog().item_by_barcode(barcode);
        f.item_known = item.has_value();
        if (item) {
            if (auto open = u.open_loan_of_item(item->id)) f.loan = open->loan;
            f.waiting_holds = u.count_waiting_holds(item->record_id);
        }
        if (f.loan) f.patron = u.find_patron(f.loan->patron_id);
        if (f.patron) f.policy = policy_in(u, *f.patron);
        if (auto r = refused(can_renew(f))) return *r;
        auto due = due_in(u, c.date, f.policy.loan_days);
        u.extend_loan(f.loan->id, due);
        return success("circ.ok.renew", {target, due}, f.loan->id);
    });
}

Result CirculationService::place_hold(const Ctx& c, std::string_view patron_id, long long record_id) {
    std::string target = std::to_string(record_id) + " <- " + std::string(patron_id);
    return run_op(repo_, c, Action::Hold, "circ.hold", target, [&](UnitOfWork& u) {
        if (!c.reader.empty() && !reader_allows(c, Action::Hold, patron_id))
            return refusal("not_permitted", {"reader:" + c.reader, tr("circ.role.reader")});
        HoldFacts f;
        f.patron_id = patron_id;
        f.record_id = record_id;
        f.patron = u.find_patron(patron_id);
        f.record_known = u.catalog().record(record_id).has_value();
        if (f.patron) {
            f.policy = policy_in(u, *f.patron);
            f.active_holds = u.count_active_holds(patron_id);
            for (auto& h : u.holds_of_patron(patron_id))
                f.already_holds |= h.record_id == record_id && (h.status == "waiting" || h.status == "ready");
        }
        if (auto r = refused(can_place_hold(f))) return *r;
        long long id = u.insert_hold(record_id, patron_id, c.date);
        long long position = u.waiting_position(record_id, id);
        return success("circ.ok.hold", {std::to_string(record_id), std::to_string(position)}, id);
    });
}

Result CirculationService::cancel_hold(const Ctx& c, long long hold_id) {
    std::string target = std::to_string(hold_id);
    return run_op(repo_, c, Action::CancelHold, "circ.hold_cancel", target, [&](UnitOfWork& u) {
        auto h = u.find_hold(hold_id);
        if (!h) return refusal("unknown_hold", {target});
        if (!c.reader.empty() && !reader_allows(c, Action::CancelHold, h->patron_id))
            return refusal("unknown_hold", {target});  // another reader's hold is not even named
        if (h->status != "waiting" && h->status != "ready") return refusal("hold_closed", {target});
        std::string kept = h->status == "ready" ? h->barcode : "";
        h->status = "cancelled";
        u.update_hold(*h);
        Result r = success("circ.ok.hold_cancelled", {target}, hold_id);
        if (!kept.empty()) offer_to_waiting(u, c, h->record_id, kept, r);
        return r;
    });
}

Result CirculationService::expire_holds(const Ctx& c) {
    return run_op(repo_, c, Action::CancelHold, "circ.hold_expire", "", [&](UnitOfWork& u) {
        const int days = static_cast<int>(setting_in(u, "circ.hold_pickup_days"));
        int expired = 0;
        Result r;
        for (auto& h : u.holds_with_status("ready")) {
            if (h.ready_date.empty() || days_between(h.ready_date, c.date) <= days) continue;
            std::string kept = h.barcode;
            h.status = "expired";
            u.update_hold(h);
            ++expired;
            offer_to_waiting(u, c, h.record_id, kept, r);
        }
        Result ok = success("circ.ok.holds_expired", {std::to_string(expired)}, expired);
        ok.details = r.details;
        return ok;
    });
}

Result CirculationService::mark_lost(const Ctx& c, std::string_view barcode) {
    return run_op(repo_, c, Action::LostDamaged, "circ.lost", std::string(barcode),
                  [&](UnitOfWork& u) { return close_as(u, c, barcode, ItemStatus::Lost); });
}

Result CirculationService::mark_damaged(const Ctx& c, std::string_view barcode) {
    return run_op(repo_, c, Action::LostDamaged, "circ.damaged", std::string(barcode),
                  [&](UnitOfWork& u) { return close_as(u, c, barcode, ItemStatus::Damaged); });
}

Result CirculationService::mark_repaired(const Ctx& c, std::string_view barcode) {
    std::string target(barcode);
    return run_op(repo_, c, Action::LostDamaged, "circ.repaired", target, [&](UnitOfWork& u) {
        auto item = u.catalog().item_by_barcode(barcode);
        if (!item) return refusal("unknown_barcode", {target});
        if (item->status != ItemStatus::Damaged) return refusal("not_damaged", {target, tr(std::string("circ.status.") + catalog::to_string(item->status))});
        u.catalog().set_item_state(item->id, ItemStatus::Available, std::nullopt);
        Result r = success("circ.ok.repaired", {target}, item->id);
        offer_to_waiting(u, c, item->record_id, barcode, r);
        return r;
    });
}

Result CirculationService::class_set(const Ctx& c, std::string_view corner, const std::vector<std::string>& barcodes,
                                     std::string_view teacher_id) {
    std::string target(corner);
    return run_op(repo_, c, Action::ClassSet, "circ.class_set", target, [&](UnitOfWork& u) {
        if (corner.empty()) return refusal("empty_id", {});
        if (barcodes.empty()) return refusal("no_items", {});
        if (!teacher_id.empty() && !u.find_patron(teacher_id)) return refusal("unknown_patron", {std::string(teacher_id)});
        auto due = due_in(u, c.date, static_cast<int>(setting_in(u, "class_set_days")));
        for (auto& b : barcodes) {
            auto item = u.catalog().item_by_barcode(b);
            if (!item) return refusal("unknown_barcode", {b});
            if (item->status != ItemStatus::Available)
                return refusal("not_available", {b, tr(std::string("circ.status.") + catalog::to_string(item->status))});
            u.insert_loan({item->id, b, item->record_id, std::string(teacher_id), target, item->location, c.date, due});
            u.catalog().set_item_state(item->id, ItemStatus::OnLoan, target);
        }
        return success("circ.ok.class_set", {std::to_string(barcodes.size()), target, due}, 0);
    });
}

Result CirculationService::rate(const Ctx& c, std::string_view patron_id, long long record_id, int stars, bool recommend) {
    std::string target = std::to_string(record_id);
    return run_op(repo_, c, Action::Rate, "circ.rate", target, [&](UnitOfWork& u) {
        if (!u.find_patron(patron_id)) return refusal("unknown_patron", {std::string(patron_id)});
        if (!u.catalog().record(record_id)) return refusal("unknown_record", {target});
        if (stars < 1 || stars > 5) return refusal("bad_rating", {std::to_string(stars)});
        return success("circ.ok.rate", {target}, u.insert_rating(patron_id, record_id, stars, recommend, c.date));
    });
}

std::vector<Loan> CirculationService::open_loans(std::string_view patron_id) { return repo_.read()->open_loans(patron_id); }
std::vector<Hold> CirculationService::holds(long long record_id) { return repo_.read()->holds_of_record(record_id); }
std::vector<Hold> CirculationService::patron_holds(std::string_view patron_id) { return repo_.read()->holds_of_patron(patron_id); }

std::vector<CirculationService::PullEntry> CirculationService::holds_to_pull() {
    auto u = repo_.read();
    std::vector<PullEntry> out;
    std::set<std::string> taken;
    for (auto& d : u->demand_facts()) {
        auto items = u->catalog().items_of(d.record_id);
        auto holds = u->holds_of_record(d.record_id);
        auto title = u->catalog().record(d.record_id);
        for (auto& h : holds) {
            if (h.status != "waiting") continue;
            for (auto& it : items) {
                if (it.status != ItemStatus::Available || taken.count(it.barcode) || u->ready_hold_for_copy(it.barcode)) continue;
                taken.insert(it.barcode);
                out.push_back({h, it.barcode, it.call_number, it.location, title ? title->title : ""});
                break;
            }
        }
    }
    return out;
}

namespace {
// The class a classroom corner's name carries: "3-2", "corner-3-2", "三年级2班图书角".
std::string corner_class(const std::string& corner) {
    std::string t = corner;
    for (std::string_view suffix : {"图书角", "读书角", "书角"})
        if (t.size() > suffix.size() && t.compare(t.size() - suffix.size(), suffix.size(), suffix) == 0) t.resize(t.size() - suffix.size());
    if (auto k = parse_class_key(t)) return *k;
    if (auto dash = t.find('-'); dash != std::string::npos)
        if (auto k = parse_class_key(t.substr(dash + 1))) return *k;
    return "";
}
}  // namespace

std::vector<OverdueEntry> CirculationService::overdue(const std::string& day, std::string_view class_filter) {
    std::optional<std::string> cls;
    if (!class_filter.empty()) cls = parse_class_key(class_filter).value_or(std::string(class_filter));
    std::vector<OverdueEntry> out;
    for (auto& e : repo_.read()->overdue_before(day)) {
        e.days_overdue = days_between(e.due_date, day);
        if (!e.corner.empty()) e.class_key = corner_class(e.corner);
        if (cls && e.class_key != *cls) continue;
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(), [](const OverdueEntry& a, const OverdueEntry& b) {
        return std::tie(a.class_key, a.corner, a.patron_id, a.barcode) < std::tie(b.class_key, b.corner, b.patron_id, b.barcode);
    });
    return out;
}

std::vector<OverdueEntry> CirculationService::corner_holdings(std::string_view corner) {
    auto out = repo_.read()->corner_loans(corner);
    for (auto& e : out) e.class_key = corner_class(e.corner);
    return out;
}

std::vector<LoanPolicy> CirculationService::policies() { return repo_.read()->policies(); }
LoanPolicy CirculationService::policy_for(const Patron& p) {
    auto u = repo_.read();
    return policy_in(*u, p);
}

Result CirculationService::set_policy(const Ctx& c, const LoanPolicy& p) {
    std::string target = std::string(to_string(p.kind)) + "/" + to_string(p.stage);
    return run_op(repo_, c, Action::EditPolicy, "policy.set", target, [&](UnitOfWork& u) {
        if (p.max_items < 0 || p.loan_days < 0 || p.max_renewals < 0 || p.max_holds < 0) return refusal("bad_policy", {});
        u.upsert_policy(p);
        return success("circ.ok.policy", {target}, 0);
    });
}

}  // namespace shuxiang::circulation
