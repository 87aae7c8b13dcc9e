// Circulation's rules (rules.hpp): no storage, no translation; codes and arguments only.
#include "shuxiang/circulation/rules.hpp"

#include <algorithm>

#include "shuxiang/catalog/clc.hpp"

namespace shuxiang::circulation {

std::vector<Refusal> can_checkout(const CheckoutFacts& f) {
    std::vector<Refusal> out;
    if (!f.patron) out.push_back({"unknown_patron", {f.patron_id}});
    if (!f.item) out.push_back({"unknown_barcode", {f.barcode}});
    if (!out.empty()) return out;
    const Patron& p = *f.patron;
    if (p.status == PatronStatus::Leaving && f.loans_out > 0)
        out.push_back({"leaving_with_books", {p.id, std::to_string(f.loans_out)}});
    else if (p.status != PatronStatus::Active)
        out.push_back({"patron_inactive", {p.id, std::string("@circ.patron_status.") + to_string(p.status)}});
    if (f.item->status != catalog::ItemStatus::Available)
        out.push_back({"not_available", {f.barcode, std::string("@circ.status.") + catalog::to_string(f.item->status)}});
    // A copy kept for a ready hold goes only to that reader.
    if (f.ready_hold && f.ready_hold->patron_id != p.id) out.push_back({"reserved", {f.barcode, f.ready_hold->patron_id}});
    if (f.loans_out >= f.policy.max_items)
        out.push_back({"over_limit", {p.id, std::to_string(f.loans_out), std::to_string(f.policy.max_items)}});
    if (f.block_when_overdue && f.overdue_out > 0) out.push_back({"overdue_block", {p.id, std::to_string(f.overdue_out)}});
    return out;
}

std::vector<Refusal> can_renew(const RenewFacts& f) {
    if (!f.item_known) return {{"unknown_barcode", {f.barcode}}};
    if (!f.loan) return {{"not_on_loan", {f.barcode}}};
    if (!f.loan->corner.empty()) return {{"class_set_no_renew", {f.barcode}}};
    if (!f.patron) return {{"unknown_patron", {f.loan->patron_id}}};
    std::vector<Refusal> out;
    if (f.loan->renewals >= f.policy.max_renewals) out.push_back({"renew_limit", {f.barcode, std::to_string(f.policy.max_renewals)}});
    if (f.waiting_holds > 0) out.push_back({"holds_waiting", {f.barcode, std::to_string(f.waiting_holds)}});
    return out;
}

std::vector<Refusal> can_place_hold(const HoldFacts& f) {
    if (!f.patron) return {{"unknown_patron", {f.patron_id}}};
    if (f.patron->status != PatronStatus::Active)
        return {{"patron_inactive", {f.patron->id, std::string("@circ.patron_status.") + to_string(f.patron->status)}}};
    if (!f.record_known) return {{"unknown_record", {std::to_string(f.record_id)}}};
    std::vector<Refusal> out;
    if (f.active_holds >= f.policy.max_holds) out.push_back({"hold_limit", {f.patron->id, std::to_string(f.policy.max_holds)}});
    if (f.already_holds) out.push_back({"hold_exists", {f.patron->id, std::to_string(f.record_id)}});
    return out;
}

bool four_eyes_ok(const Operator& reviewer, const Suggestion& s) {
    return reviewer.id != s.by && reviewer.id != s.entered_by && (reviewer.patron_id.empty() || reviewer.patron_id != s.by);
}

bool purchaser_ok(const Operator& purchaser, const Suggestion& s) {
    return purchaser.id != s.by && (purchaser.patron_id.empty() || purchaser.patron_id != s.by);
}

std::vector<Refusal> can_receive(int ordered, int received, int delivered) {
    if (delivered < 1) return {{"no_barcodes", {}}};
    if (received + delivered > ordered)
        return {{"over_delivery", {std::to_string(delivered), std::to_string(ordered), std::to_string(received)}}};
    return {};
}

std::string propose_call_number(std::string_view clc_class, const std::vector<std::string>& call_numbers) {
    auto cls = catalog::parse_call_number(clc_class);
    if (!cls || cls->class_letters.empty() || !cls->book_number.empty() || cls->volume || cls->copy) return "";
    long long top = 0;
    for (const auto& text : call_numbers) {
        auto cn = catalog::parse_call_number(text);
        if (!cn || cn->class_number != cls->class_number) continue;
        std::size_t digits = 0;
        while (digits < cn->book_number.size() && digits < 12 && cn->book_number[digits] >= '0' && cn->book_number[digits] <= '9')
            ++digits;
        if (digits > 0) top = std::max(top, std::stoll(cn->book_number.substr(0, digits)));
    }
    return cls->class_number + "/" + std::to_string(top + 1);
}

bool Calendar::open_on(const std::string& day) const {
    if (weekends_closed) {
        // 2026-01-04 was a Sunday; days_between counts whole days.
        int dow = ((days_between("2026-01-04", day) % 7) + 7) % 7;  // 0 Sunday .. 6 Saturday
        if (dow == 0 || dow == 6) return false;
    }
    for (auto& span : closed)
        if (span.first <= day && day <= span.last) return false;
    return true;
}

std::string due_date(const std::string& out, int days, const Calendar& cal) {
    std::string due = add_days(out, days).value_or(out);
    for (int i = 0; i < 366; ++i) {
        auto d = add_days(due, i);
        if (!d) break;
        if (cal.open_on(*d)) return *d;
    }
    return due;
}

int school_year(const std::string& day) {
    if (day.size() < 7) return 0;
    int y = std::stoi(day.substr(0, 4)), m = std::stoi(day.substr(5, 2));
    return m >= 8 ? y : y - 1;
}

bool reader_may(Action a) {
    return a == Action::Hold || a == Action::CancelHold || a == Action::WriteReview || a == Action::Recommend ||
           a == Action::Suggest;
}

bool reader_allows(const Ctx& c, Action a, std::string_view patron_id) {
    return !c.reader.empty() && c.op.empty() && c.reader == patron_id && reader_may(a);
}

}  // namespace shuxiang::circulation
