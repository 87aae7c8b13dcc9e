// Acquisitions review (凡进必审, 谁推荐谁负责, 谁采购谁审核): suggestions, automatic checks, the
// four-eyes review, orders within the year's budget (receiving: receiving.cpp).

#include "../internal.hpp"
#include "shuxiang/catalog/isbn.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::circulation {

namespace {

const char* kRejectReasons[] = {"piracy", "unsuitable", "price", "copies", "duplicate", "other"};

// The automatic checks of a suggestion. Each flag names a rejection reason family.
std::vector<std::string> check_suggestion(UnitOfWork& u, const Suggestion& s) {
    std::vector<std::string> flags;
    auto bare = catalog::isbn_strip(s.isbn);
    bool valid = bare && (bare->size() == 10 ? catalog::isbn10_valid(*bare) : catalog::isbn13_valid(*bare));
    std::string isbn13 = valid ? catalog::isbn_normalize(s.isbn).value_or("") : "";
    if (!valid) flags.push_back("piracy_checksum");
    // A publisher we know the ISBN prefixes of must match one of them.
    if (valid && !s.publisher.empty()) {
        auto prefixes = u.publisher_prefixes(s.publisher);
        bool match = false;
        for (auto& p : prefixes) match |= isbn13.rfind(p, 0) == 0;
        if (!prefixes.empty() && !match) flags.push_back("piracy_prefix");
    }
    if (u.blocked({isbn13.empty() ? s.isbn : isbn13, s.title, s.isbn})) flags.push_back("blocklist");
    double factor = setting_in(u, "acq.max_price_factor");
    if (s.list_price && *s.list_price > 0 && s.price > *s.list_price * factor) flags.push_back("price_list");
    double per_page = setting_in(u, "acq.usual_price_per_page");
    double page_factor = setting_in(u, "acq.max_page_price_factor");
    if (s.pages && *s.pages > 0 && s.price / *s.pages > per_page * page_factor) flags.push_back("price_pages");
    // Copies beyond the policy, counting the copies already held of the same ISBN.
    long long held = 0;
    if (valid)
        for (long long rid : u.catalog().records_by_isbn(isbn13)) held += static_cast<long long>(u.catalog().items_of(rid).size());
    const auto max_copies = static_cast<long long>(setting_in(u, "acq.max_copies"));
    if (held + s.copies > max_copies) flags.push_back("copies");
    return flags;
}

}  // namespace

Result AcquisitionService::suggest(const Ctx& c, Suggestion s) {
    return run_op(repo_, c, Action::Suggest, "acq.suggest", s.isbn, [&](UnitOfWork& u) {
        if (c.op.empty() && !reader_allows(c, Action::Suggest, s.by)) return refusal("not_permitted", {c.reader, tr("circ.role.reader")});
        if (!u.find_patron(s.by)) return refusal("unknown_patron", {s.by});
        if (s.title.empty()) return refusal("empty_title", {});
        if (s.price <= 0 || s.copies < 1) return refusal("bad_price", {});
        s.flags = check_suggestion(u, s);
        s.entered_by = c.op;
        s.date = c.date;
        long long id = u.insert_suggestion(s);
        Result r = success("circ.ok.suggested", {std::to_string(id)}, id);
        for (auto& f : s.flags) r.details.push_back(tr("acq.flag." + f));
        return r;
    });
}

std::optional<Suggestion> AcquisitionService::suggestion(long long id) { return repo_.read()->find_suggestion(id); }
std::vector<Suggestion> AcquisitionService::suggestions(std::string_view status) { return repo_.read()->suggestions(status); }

Result AcquisitionService::review(const Ctx& c, long long id, const std::string& reject_reason, const std::string& note) {
    std::string target = std::to_string(id);
    return run_op(repo_, c, Action::Review, "acq.review", target, [&](UnitOfWork& u) {
        auto s = u.find_suggestion(id);
        if (!s) return refusal("unknown_suggestion", {target});
        if (s->status != "pending") return refusal("already_reviewed", {target, tr("acq.suggestion_status." + s->status)});
        auto op = u.find_operator(c.op);
        if (!op || !four_eyes_ok(*op, *s)) return refusal("four_eyes", {c.op, target});
        s->reviewer = c.op;
        s->note = note;
        if (reject_reason.empty()) {
            // Re-run the checks: the blocklist or the holdings may have changed since the suggestion.
            auto flags = check_suggestion(u, *s);
            if (!flags.empty()) {
                Result r = refusal("flagged", {target});
                for (auto& f : flags) r.details.push_back(tr("acq.flag." + f));
                return r;
            }
            s->status = "approved";
            u.update_suggestion(*s);
            return success("circ.ok.approved", {target}, id);
        }
        bool known = false;
        for (auto* k : kRejectReasons) known |= reject_reason == k;
        if (!known) return refusal("bad_reason", {reject_reason});
        s->status = "rejected";
        s->reason = reject_reason;
        u.update_suggestion(*s);
        return success("circ.ok.rejected", {target, tr("acq.reason." + reject_reason)}, id);
    });
}

Result AcquisitionService::set_budget(const Ctx& c, int year, double amount) {
    return run_op(repo_, c, Action::Order, "acq.budget", std::to_string(year), [&](UnitOfWork& u) {
        if (amount < 0) return refusal("bad_price", {});
        u.put_budget(year, amount);
        return success("circ.ok.budget", {std::to_string(year)}, 0);
    });
}

double AcquisitionService::budget_left(int year) {
    auto u = repo_.read();
    auto b = u->budget(year);
    return b ? *b - u->ordered_cost(year) : 0.0;
}

Result AcquisitionService::block(const Ctx& c, std::string_view entry) {
    return run_op(repo_, c, Action::EditPolicy, "acq.block", std::string(entry), [&](UnitOfWork& u) {
        std::string e(entry);
        if (auto n = catalog::isbn_normalize(entry)) e = *n;
        u.add_block(e);
        return success("circ.ok.blocked", {e}, 0);
    });
}

Result AcquisitionService::order(const Ctx& c, long long id, std::string_view purchaser) {
    std::string target = std::to_string(id);
    return run_op(repo_, c, Action::Order, "acq.order", target, [&](UnitOfWork& u) {
        auto buyer = u.find_operator(purchaser);
        if (!buyer) return refusal("unknown_operator", {std::string(purchaser)});
        if (buyer->disabled) return refusal("operator_disabled", {buyer->id});
        if (!role_allows(buyer->role, Action::Order))
            return refusal("not_permitted", {buyer->id, tr(std::string("circ.role.") + to_string(buyer->role))});
        auto s = u.find_suggestion(id);
        if (!s) return refusal("unknown_suggestion", {target});
        if (s->status != "approved") return refusal("not_approved", {target, tr("acq.suggestion_status." + s->status)});
        // The purchaser answers for the order: they may not be the recommender.
        if (!purchaser_ok(*buyer, *s)) return refusal("four_eyes", {buyer->id, target});
        int year = std::stoi(c.date.substr(0, 4));
        double cost = s->price * s->copies;
        if (auto budget = u.budget(year)) {
            double left = *budget - u.ordered_cost(year);
            if (cost > left + 1e-9) return refusal("over_budget", {money_text(cost), money_text(left)});
        }
        Order o;
        o.suggestion_id = id;
        o.purchaser = buyer->id;
        o.date = c.date;
        o.copies = s->copies;
        o.cost = cost;
        long long oid = u.insert_order(o, year);
        s->status = "ordered";
        u.update_suggestion(*s);
        return success("circ.ok.ordered", {std::to_string(oid), target}, oid);
    });
}

std::optional<Order> AcquisitionService::find_order(long long id) { return repo_.read()->find_order(id); }

}  // namespace shuxiang::circulation
