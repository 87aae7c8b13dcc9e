// The circulation rules (rules.hpp) on plain data: no database, no translation.
#include <gtest/gtest.h>

#include "shuxiang/circulation/rules.hpp"

namespace {

using namespace shuxiang::circulation;
namespace cat = shuxiang::catalog;

CheckoutFacts lendable() {
    CheckoutFacts f;
    f.patron_id = "S1";
    f.barcode = "A1";
    Patron p;
    p.id = "S1";
    p.grade = 3;
    f.patron = p;
    cat::Item it;
    it.barcode = "A1";
    it.status = cat::ItemStatus::Available;
    f.item = it;
    f.policy.max_items = 2;
    return f;
}

std::vector<std::string> codes(const std::vector<Refusal>& v) {
    std::vector<std::string> out;
    for (auto& r : v) out.push_back(r.code);
    return out;
}

TEST(Rules, CheckoutAllowedWhenNothingStandsInTheWay) { EXPECT_TRUE(can_checkout(lendable()).empty()); }

TEST(Rules, CheckoutCollectsEveryReason) {
    auto f = lendable();
    f.item->status = cat::ItemStatus::OnLoan;
    f.loans_out = 2;
    f.overdue_out = 1;
    f.block_when_overdue = true;
    Hold h;
    h.patron_id = "S2";
    f.ready_hold = h;
    EXPECT_EQ(codes(can_checkout(f)), (std::vector<std::string>{"not_available", "reserved", "over_limit", "overdue_block"}));
    // The overdue block is the library's choice: off, overdue items do not stop a loan.
    f = lendable();
    f.overdue_out = 3;
    EXPECT_TRUE(can_checkout(f).empty());
    f.block_when_overdue = true;
    EXPECT_EQ(codes(can_checkout(f)), (std::vector<std::string>{"overdue_block"}));
}

TEST(Rules, CheckoutUnknownsAndInactiveReaders) {
    auto f = lendable();
    f.patron.reset();
    f.item.reset();
    EXPECT_EQ(codes(can_checkout(f)), (std::vector<std::string>{"unknown_patron", "unknown_barcode"}));
    f = lendable();
    f.patron->status = PatronStatus::Leaving;
    f.loans_out = 1;
    EXPECT_EQ(codes(can_checkout(f)), (std::vector<std::string>{"leaving_with_books"}));
    f.loans_out = 0;
    EXPECT_EQ(codes(can_checkout(f)), (std::vector<std::string>{"patron_inactive"}));
    // A copy kept for this very reader is theirs.
    f = lendable();
    Hold mine;
    mine.patron_id = "S1";
    f.ready_hold = mine;
    EXPECT_TRUE(can_checkout(f).empty());
}

TEST(Rules, Renewals) {
    RenewFacts f;
    f.barcode = "A1";
    EXPECT_EQ(codes(can_renew(f)), (std::vector<std::string>{"unknown_barcode"}));
    f.item_known = true;
    EXPECT_EQ(codes(can_renew(f)), (std::vector<std::string>{"not_on_loan"}));
    Loan l;
    l.patron_id = "S1";
    l.corner = "corner-3-2";
    f.loan = l;
    EXPECT_EQ(codes(can_renew(f)), (std::vector<std::string>{"class_set_no_renew"}));
    f.loan->corner.clear();
    Patron p;
    p.id = "S1";
    f.patron = p;
    f.policy.max_renewals = 1;
    EXPECT_TRUE(can_renew(f).empty());
    f.loan->renewals = 1;
    f.waiting_holds = 2;
    EXPECT_EQ(codes(can_renew(f)), (std::vector<std::string>{"renew_limit", "holds_waiting"}));
}

TEST(Rules, Holds) {
    HoldFacts f;
    f.patron_id = "S1";
    f.record_id = 7;
    EXPECT_EQ(codes(can_place_hold(f)), (std::vector<std::string>{"unknown_patron"}));
    Patron p;
    p.id = "S1";
    f.patron = p;
    EXPECT_EQ(codes(can_place_hold(f)), (std::vector<std::string>{"unknown_record"}));
    f.record_known = true;
    f.policy.max_holds = 2;
    EXPECT_TRUE(can_place_hold(f).empty());
    f.active_holds = 2;
    f.already_holds = true;
    EXPECT_EQ(codes(can_place_hold(f)), (std::vector<std::string>{"hold_limit", "hold_exists"}));
}

TEST(Rules, FourEyesAndReaders) {
    Suggestion s;
    s.by = "T1";
    s.entered_by = "lib1";
    Operator rev{"rev1", Role::Reviewer, "", "", false};
    EXPECT_TRUE(four_eyes_ok(rev, s));
    EXPECT_FALSE(four_eyes_ok(Operator{"lib1", Role::Reviewer, "", "", false}, s));  // entered it
    EXPECT_FALSE(four_eyes_ok(Operator{"x", Role::Reviewer, "", "T1", false}, s));    // recommended it
    EXPECT_TRUE(purchaser_ok(Operator{"lib1", Role::Librarian, "", "", false}, s));
    EXPECT_FALSE(purchaser_ok(Operator{"T1", Role::Librarian, "", "", false}, s));
    Ctx reader{"", "2026-09-01", "S1"};
    EXPECT_TRUE(reader_allows(reader, Action::Hold, "S1"));
    EXPECT_TRUE(reader_allows(reader, Action::CancelHold, "S1"));
    EXPECT_FALSE(reader_allows(reader, Action::Hold, "S2"));
    EXPECT_FALSE(reader_allows(reader, Action::Checkout, "S1"));
    EXPECT_FALSE(reader_allows(Ctx{"admin", "2026-09-01", "S1"}, Action::Hold, "S1"));
}

}  // namespace

TEST(Rules, ReceivingCountsAgainstWhatTheOrderLacks) {
    EXPECT_TRUE(can_receive(3, 0, 3).empty());
    EXPECT_TRUE(can_receive(3, 0, 1).empty());  // a partial delivery
    EXPECT_TRUE(can_receive(3, 2, 1).empty());  // the rest
    EXPECT_EQ(can_receive(3, 0, 0), (std::vector<Refusal>{{"no_barcodes", {}}}));
    EXPECT_EQ(can_receive(3, 2, 2), (std::vector<Refusal>{{"over_delivery", {"2", "3", "2"}}}));
    EXPECT_EQ(can_receive(3, 0, 4), (std::vector<Refusal>{{"over_delivery", {"4", "3", "0"}}}));
    EXPECT_EQ(can_receive(2, 2, 1), (std::vector<Refusal>{{"over_delivery", {"1", "2", "2"}}}));
}

TEST(Rules, CallNumberProposalIsTheNextBookSequenceNumberOfTheClass) {
    // Only the exact class counts: I287.5 and I287.451 are other classes; a volume or a copy mark
    // does not change the 种次号; an author number (letters) is not a sequence number.
    const std::vector<std::string> held = {"I287.45/12", "I287.45/3:2", "I287.45/9#2", "I287.5/40", "I287.451/99",
                                           "I287.45/L45", "not a call number", "I287.45"};
    EXPECT_EQ(propose_call_number("I287.45", held), "I287.45/13");
    EXPECT_EQ(propose_call_number("i287.45", held), "I287.45/13");  // normalised like any call number
    EXPECT_EQ(propose_call_number("I287.5", held), "I287.5/41");
    EXPECT_EQ(propose_call_number("K825.6", held), "K825.6/1");  // the first of its class
    EXPECT_EQ(propose_call_number("TP312", {"TP312/7-2", "TP312/10"}), "TP312/11");
    EXPECT_EQ(propose_call_number("I287.45/12", held), "");  // already a call number, not a class
    EXPECT_EQ(propose_call_number("", held), "");
    EXPECT_EQ(propose_call_number("历史", held), "");
}
