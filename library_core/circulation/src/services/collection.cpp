// Weeding (增新剔旧) and stocktake.
#include <algorithm>

#include "../internal.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/shelving/stocktake.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::circulation {

std::vector<WeedCandidate> CollectionService::weed_candidates(const std::string& day, const WeedRules& rules) {
    std::vector<WeedCandidate> out;
    int year = std::stoi(day.substr(0, 4));
    std::string old_before = std::to_string(year - rules.min_age_years) + day.substr(4);
    std::string loans_since = std::to_string(year - rules.no_loans_years) + day.substr(4);
    for (auto& f : repo_.read()->weed_facts(loans_since)) {
        WeedCandidate w = f.copy;
        bool old = !w.acquired.empty() && w.acquired < old_before;
        if (old && f.recent_loans == 0) w.reasons.push_back("old_unused");
        if (f.status == "damaged") w.reasons.push_back("damaged");
        if (f.newer_editions > 0) w.reasons.push_back("superseded");
        if (!w.reasons.empty()) out.push_back(std::move(w));
    }
    return out;
}

Result CollectionService::withdraw(const Ctx& c, const std::vector<std::string>& barcodes, const std::string& reason) {
    std::string target;
    for (auto& b : barcodes) target += (target.empty() ? "" : ",") + b;
    return run_op(repo_, c, Action::Weed, "weed.approve", target, [&](UnitOfWork& u) {
        if (barcodes.empty()) return refusal("no_items", {});
        if (reason.empty()) return refusal("no_reason", {});
        for (auto& b : barcodes) {
            auto item = u.catalog().item_by_barcode(b);
            if (!item) return refusal("unknown_barcode", {b});
            const char* st = catalog::to_string(item->status);
            if (item->status == catalog::ItemStatus::OnLoan || item->status == catalog::ItemStatus::Withdrawn)
                return refusal("not_available", {b, tr(std::string("circ.status.") + st)});
            // The copy and its loans stay: withdrawn copies keep their history and reason.
            u.insert_withdrawal(item->id, b, c.date, reason, c.op, st);
            u.catalog().set_item_state(item->id, catalog::ItemStatus::Withdrawn, std::nullopt);
            u.release_ready_holds_on(b);
        }
        return success("circ.ok.withdrawn", {std::to_string(barcodes.size())}, 0);
    });
}

StocktakeReport CollectionService::stocktake(const std::string& first, const std::string& last, const std::vector<std::string>& scanned) {
    if (auto by_shelf = shelving::stocktake_shelves(repo_.location(), first, last, scanned)) return *by_shelf;
    auto in_range = [&](const std::string& cn) {
        return shelving::compare_shelf_order(first, cn) <= 0 && shelving::compare_shelf_order(cn, last) <= 0;
    };
    // Copies on a shelf status, not in a classroom corner.
    std::map<std::string, std::string> on_shelf;  // barcode -> call number
    std::vector<catalog::Item> expected;
    for (auto& it : repo_.read()->shelf_copies()) {
        if (!shelving::on_shelf_status(catalog::to_string(it.status))) continue;
        on_shelf[it.barcode] = it.call_number;
        if (in_range(it.call_number)) expected.push_back(it);
    }
    std::stable_sort(expected.begin(), expected.end(), [](const catalog::Item& x, const catalog::Item& y) {
        int c = shelving::compare_shelf_order(x.call_number, y.call_number);
        return c != 0 ? c < 0 : x.barcode < y.barcode;
    });
    std::vector<std::string> barcodes;
    for (auto& c : expected) barcodes.push_back(c.barcode);
    return shelving::compare_scan(barcodes, scanned, [&](const std::string& b) -> std::optional<shelving::MisplacedCopy> {
        auto it = on_shelf.find(b);
        if (it == on_shelf.end()) return std::nullopt;
        shelving::MisplacedCopy m;
        m.barcode = b;
        m.call_number = it->second;
        return m;
    });
}

}  // namespace shuxiang::circulation
