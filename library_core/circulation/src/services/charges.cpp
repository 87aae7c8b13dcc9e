// Charges (replacements of lost copies, fines) and the closed-days calendar.
#include "../internal.hpp"
#include "shuxiang/circulation/services.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::circulation {

std::vector<Charge> CirculationService::charges(std::string_view patron_id, std::string_view status) {
    return repo_.read()->charges(patron_id, status);
}

Result CirculationService::settle_charge(const Ctx& c, long long charge_id, bool paid) {
    std::string target = std::to_string(charge_id);
    return run_op(repo_, c, Action::Charges, paid ? "charge.paid" : "charge.waived", target, [&](UnitOfWork& u) {
        auto ch = u.find_charge(charge_id);
        if (!ch) return refusal("unknown_charge", {target});
        if (ch->status != "owed") return refusal("charge_settled", {target, tr("circ.charge_status." + ch->status)});
        ch->status = paid ? "paid" : "waived";
        ch->settled_day = c.date;
        ch->settled_by = c.op;
        u.update_charge(*ch);
        return success(paid ? "circ.ok.charge_paid" : "circ.ok.charge_waived", {target}, charge_id);
    });
}

std::vector<ClosedSpan> CirculationService::closed_spans() { return repo_.read()->closed_spans(); }

Result CirculationService::add_closed_span(const Ctx& c, const ClosedSpan& span) {
    std::string target = span.first + ".." + span.last;
    return run_op(repo_, c, Action::Calendar, "calendar.add", target, [&](UnitOfWork& u) {
        if (!valid_date(span.first) || !valid_date(span.last)) return refusal("bad_date", {target});
        if (span.last < span.first) return refusal("bad_span", {target});
        u.add_closed_span(span);
        return success("circ.ok.closed_added", {span.first, span.last}, 0);
    });
}

Result CirculationService::remove_closed_span(const Ctx& c, std::string_view first) {
    std::string target(first);
    return run_op(repo_, c, Action::Calendar, "calendar.remove", target, [&](UnitOfWork& u) {
        if (!u.remove_closed_span(first)) return refusal("unknown_span", {target});
        return success("circ.ok.closed_removed", {target}, 0);
    });
}

}  // namespace shuxiang::circulation
