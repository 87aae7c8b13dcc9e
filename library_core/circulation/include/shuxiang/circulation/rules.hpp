#pragma once
// Circulation's rules as pure functions over plain data (decide, then write): a service gathers
// the facts in one unit of work, asks the rule, and writes only when nothing is refused. Every
// reason is collected, as a desk needs them all; the first one is the answer.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/circulation/types.hpp"

namespace shuxiang::circulation {

// Why an operation cannot happen: a stable code (circ.refuse.<code>) and the message's arguments.
struct Refusal {
    std::string code;
    std::vector<std::string> args;
    bool operator==(const Refusal&) const = default;
};

// Everything a loan of one copy to one reader depends on.
struct CheckoutFacts {
    std::string patron_id, barcode;
    std::optional<Patron> patron;
    std::optional<catalog::Item> item;
    long long loans_out = 0;       // the reader's open loans
    long long overdue_out = 0;     // of which overdue
    bool block_when_overdue = false;  // the library's policy (circ.block_overdue)
    LoanPolicy policy;
    std::optional<Hold> ready_hold;  // a hold this copy is kept for, if any
};
std::vector<Refusal> can_checkout(const CheckoutFacts& f);

// Everything a renewal depends on.
struct RenewFacts {
    std::string barcode;
    bool item_known = false;
    std::optional<Loan> loan;           // the open loan of the copy
    std::optional<Patron> patron;       // its reader
    LoanPolicy policy;
    long long waiting_holds = 0;        // readers waiting for the title
};
std::vector<Refusal> can_renew(const RenewFacts& f);

// Everything a hold depends on.
struct HoldFacts {
    std::string patron_id;
    long long record_id = 0;
    std::optional<Patron> patron;
    bool record_known = false;
    long long active_holds = 0;   // the reader's waiting and ready holds
    bool already_holds = false;   // on this title
    LoanPolicy policy;
};
std::vector<Refusal> can_place_hold(const HoldFacts& f);

// The four-eyes rule of 凡进必审: the reviewer is neither the recommender nor who entered it.
bool four_eyes_ok(const Operator& reviewer, const Suggestion& s);
// 谁采购谁审核: the purchaser is not the recommender.
bool purchaser_ok(const Operator& purchaser, const Suggestion& s);

// 验收: why a delivery of `delivered` copies may not be received on an order of `ordered` copies
// of which `received` came before: none delivered ("no_barcodes"), more than the order still
// lacks ("over_delivery": delivered, ordered, received).
std::vector<Refusal> can_receive(int ordered, int received, int delivered);

// The call number proposed for a new title of 中图法 class `clc_class` by the 种次号 rule: the class,
// "/", and one more than the highest 种次号 (the leading digits of the book number) among
// `call_numbers` of exactly that class ("I287.45" + {"I287.45/12", "I287.45/3:2", "I287.5/40"} ->
// "I287.45/13"; the first of a class gets 1). "" when `clc_class` is not a bare class number.
std::string propose_call_number(std::string_view clc_class, const std::vector<std::string>& call_numbers);

// The days the library is open: closed on weekends when the library says so and on every closed span.
struct Calendar {
    bool weekends_closed = true;
    std::vector<ClosedSpan> closed;
    bool open_on(const std::string& day) const;
};
// The due date of a loan of `days` days from `out`: moved on to the next open day, so no book falls
// due while the library is shut (at most a year on; a calendar closed for longer keeps the plain date).
std::string due_date(const std::string& out, int days, const Calendar& cal);

// The school year a day belongs to: from August on, that calendar year; before, the one before.
int school_year(const std::string& day);

// Whether a reader acting for themselves may do `a` for `patron_id`.
bool reader_allows(const Ctx& c, Action a, std::string_view patron_id);
// The actions a reader may take in their own name at all (holds; a review, a recommendation and the
// acquisitions suggestion it makes); the operation still checks whose record it is (reader_allows).
bool reader_may(Action a);

}  // namespace shuxiang::circulation
