// The cases a real school year brings to the desk: class names in every form, repairs, lost copies
// and what is charged, the closed-days calendar, holds cancelled and expired, the pull list,
// readers placing their own holds, operators changed, and the year-end promotion run once.
#include "fixture.hpp"
#include "shuxiang/circulation/rules.hpp"

using namespace sxt;

namespace {

struct Year : ::testing::Test {
    std::filesystem::path path = temp_db(std::string("year_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<LibraryServices> lib = LibraryServices::open(path);
    long long rec_a = 0, rec_b = 0;
    void SetUp() override {
        rec_a = add_title(lib->catalog(), "草房子", "I287.45/123", 2, "A");
        rec_b = add_title(lib->catalog(), "十万个为什么", "Z228.1/5", 1, "B");
        ASSERT_TRUE(lib->patrons().add(as("admin"), student("S1", "张三", 3, "2")).ok);
        ASSERT_TRUE(lib->patrons().add(as("admin"), student("S2", "李四", 3, "2")).ok);
        ASSERT_TRUE(lib->patrons().add(as("admin"), student("S3", "王五", 4, "1")).ok);
    }
    std::string status(const std::string& b) { return cat::to_string(lib->catalog().item_by_barcode(b)->status); }
};

TEST(ClassNames, EveryCommonFormIsOneClass) {
    for (const char* form : {"三年级2班", "三年级（2）班", "三年级(2)班", "3-2", "3.2", "3／2", "三年级二班", "3-(2)班"})
        EXPECT_EQ(parse_class_key(form).value_or("?"), "3-2") << form;
    EXPECT_EQ(parse_class_key("初一(3)班").value_or("?"), "7-3");
    EXPECT_EQ(parse_class_key("七年级3班").value_or("?"), "7-3");
    EXPECT_EQ(parse_class_key("高二1班").value_or("?"), "11-1");
    // Digits alone are a class number inside a grade given elsewhere, never grade + class.
    EXPECT_FALSE(parse_class_key("12班"));
    EXPECT_FALSE(parse_class_key("32"));
    EXPECT_FALSE(parse_class_key("图书角"));
}

TEST_F(Year, RosterClassesInAnyFormAndCheckedAgainstTheGrade) {
    std::string csv = "学号,姓名,年级,班级\n"
                      "R1,甲,三年级,三年级（2）班\n"
                      "R2,乙,,3.2\n"
                      "R3,丙,三年级,2\n"
                      "R4,丁,初一,初一(3)班\n"
                      "R5,戊,三年级,12班\n";
    Result res;
    auto imp = lib->patrons().import_roster(as("admin"), csv, "roster.csv", res);
    ASSERT_TRUE(res.ok) << res.message << (imp.errors.empty() ? "" : imp.errors[0]);
    for (const char* id : {"R1", "R2", "R3"}) {
        auto p = lib->patrons().find(id);
        ASSERT_TRUE(p) << id;
        EXPECT_EQ(class_key(p->grade, p->class_no), "3-2") << id;
    }
    EXPECT_EQ(class_key(lib->patrons().find("R4")->grade, lib->patrons().find("R4")->class_no), "7-3");
    EXPECT_EQ(lib->patrons().find("R5")->class_no, "12");
    // The class lists find them whatever form is asked for.
    EXPECT_EQ(lib->patrons().list({"", "三年级（2）班", 0}).size(), 5u);  // R1-R3 and S1, S2
    EXPECT_EQ(lib->patrons().list({"", "3.2", 0}).size(), 5u);
    EXPECT_EQ(lib->patrons().list({"丙", "", 0}).size(), 1u);
    EXPECT_EQ(lib->patrons().list({"R", "", 2}).size(), 2u);
    // A class that contradicts the grade column is an error with its line; nothing is imported.
    auto bad = lib->patrons().import_roster(as("admin"), "学号,姓名,年级,班级\nX1,甲,四年级,三年级2班\n", "bad.csv", res);
    EXPECT_FALSE(res.ok);
    ASSERT_EQ(bad.errors.size(), 1u);
    EXPECT_NE(bad.errors[0].find("bad.csv: line 2"), std::string::npos) << bad.errors[0];
    EXPECT_FALSE(lib->patrons().find("X1"));
}

TEST_F(Year, DamagedCopiesGoToRepairAndComeBack) {
    ASSERT_TRUE(lib->circulation().checkout(as("admin"), "S1", "B1").ok);
    ASSERT_TRUE(lib->circulation().place_hold(as("admin"), "S2", rec_b).ok);
    ASSERT_TRUE(lib->circulation().mark_damaged(as("admin"), "B1").ok);
    EXPECT_EQ(status("B1"), "damaged");
    EXPECT_EQ(lib->circulation().checkout(as("admin"), "S2", "B1").code, "not_available");
    EXPECT_EQ(lib->circulation().mark_repaired(as("admin"), "A1").code, "not_damaged");
    auto r = lib->circulation().mark_repaired(as("admin"), "B1");
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(status("B1"), "available");
    // Back from repair, the copy is kept for the reader waiting for it.
    ASSERT_EQ(lib->circulation().holds(rec_b).at(0).status, "ready");
    EXPECT_EQ(lib->circulation().checkout(as("admin"), "S3", "B1").code, "reserved");
    EXPECT_TRUE(lib->circulation().checkout(as("admin"), "S2", "B1").ok);
}

TEST_F(Year, LostCopiesCarryAReplacementChargedOnlyWhenTheLibrarySaysSo) {
    ASSERT_TRUE(lib->circulation().checkout(as("admin"), "S1", "A1").ok);
    ASSERT_TRUE(lib->circulation().mark_lost(as("admin"), "A1").ok);
    auto ch = lib->circulation().charges("S1");
    ASSERT_EQ(ch.size(), 1u);
    EXPECT_EQ(ch[0].kind, "replacement");
    EXPECT_EQ(ch[0].status, "waived");  // nothing is charged by default
    // The library charges replacements: a copy with a price is owed, then paid.
    ASSERT_TRUE(lib->admin().change_setting(as("admin"), "circ.charge_replacement", "1").ok);
    std::vector<cat::ImportEntry> batch(1);
    batch[0].record.title = "有价的书";
    batch[0].record.control_number = "P1";
    batch[0].record.marc = cat::synthesize_cnmarc(batch[0].record);
    cat::Item it;
    it.barcode = "P1";
    it.price = 28.5;
    batch[0].items.push_back(it);
    lib->catalog().import_batch(batch);
    ASSERT_TRUE(lib->circulation().checkout(as("admin"), "S2", "P1").ok);
    ASSERT_TRUE(lib->circulation().mark_lost(as("admin"), "P1").ok);
    auto owed = lib->circulation().charges("S2", "owed");
    ASSERT_EQ(owed.size(), 1u);
    EXPECT_DOUBLE_EQ(owed[0].amount, 28.5);
    ASSERT_TRUE(lib->operators().add(as("admin"), {"v1", Role::Volunteer, "", "", false}).ok);
    EXPECT_EQ(lib->circulation().settle_charge(as("v1"), owed[0].id, true).code, "not_permitted");
    ASSERT_TRUE(lib->circulation().settle_charge(as("admin"), owed[0].id, true).ok);
    EXPECT_EQ(lib->circulation().settle_charge(as("admin"), owed[0].id, false).code, "charge_settled");
    EXPECT_EQ(lib->circulation().charges("S2", "paid").size(), 1u);
    // A lost copy that turns up is returned to the shelf.
    EXPECT_TRUE(lib->circulation().checkin(as("admin"), "P1").ok);
    EXPECT_EQ(status("P1"), "available");
}

TEST_F(Year, LateFeesOnlyWhenSet) {
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-01"), "S1", "A1").ok);  // due 09-15
    ASSERT_TRUE(lib->circulation().checkin(as("admin", "2026-09-18"), "A1").ok);
    EXPECT_TRUE(lib->circulation().charges("S1").empty());
    ASSERT_TRUE(lib->admin().change_setting(as("admin"), "circ.fine_per_day", "0.1").ok);
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-01"), "S1", "A1").ok);
    auto r = lib->circulation().checkin(as("admin", "2026-09-18"), "A1");
    ASSERT_TRUE(r.ok);
    auto ch = lib->circulation().charges("S1", "owed");
    ASSERT_EQ(ch.size(), 1u);
    EXPECT_EQ(ch[0].kind, "fine");
    EXPECT_NEAR(ch[0].amount, 0.3, 1e-9);
}

TEST_F(Year, NoDueDateFallsOnAClosedDay) {
    // 2026-09-01 + 14 days = Tuesday 09-15: open.
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-01"), "S1", "A1").ok);
    EXPECT_EQ(lib->circulation().open_loans("S1").at(0).due_date, "2026-09-15");
    // National Day week closed: a loan due inside it is due the first day after.
    ASSERT_TRUE(lib->circulation().add_closed_span(as("admin"), {"2026-10-01", "2026-10-07", "国庆节"}).ok);
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-18"), "S2", "A2").ok);  // +14 = 10-02
    EXPECT_EQ(lib->circulation().open_loans("S2").at(0).due_date, "2026-10-08");
    // Weekends: 2026-09-05 + 14 = Saturday 09-19 -> Monday 09-21; open at weekends, the plain date.
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-05"), "S3", "B1").ok);
    EXPECT_EQ(lib->circulation().open_loans("S3").at(0).due_date, "2026-09-21");
    ASSERT_TRUE(lib->circulation().checkin(as("admin", "2026-09-06"), "B1").ok);
    ASSERT_TRUE(lib->admin().change_setting(as("admin"), "circ.weekends_closed", "0").ok);
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-05"), "S3", "B1").ok);
    EXPECT_EQ(lib->circulation().open_loans("S3").at(0).due_date, "2026-09-19");
    // Spans are checked, listed and removed.
    EXPECT_EQ(lib->circulation().add_closed_span(as("admin"), {"2026-10-07", "2026-10-01", ""}).code, "bad_span");
    EXPECT_EQ(lib->circulation().add_closed_span(as("admin"), {"2026-13-01", "2026-13-02", ""}).code, "bad_date");
    EXPECT_EQ(lib->circulation().closed_spans().size(), 1u);
    EXPECT_EQ(lib->circulation().remove_closed_span(as("admin"), "2026-01-01").code, "unknown_span");
    EXPECT_TRUE(lib->circulation().remove_closed_span(as("admin"), "2026-10-01").ok);
    EXPECT_TRUE(lib->circulation().closed_spans().empty());
}

TEST_F(Year, OverdueBlockIsTheLibrarysChoice) {
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-01"), "S1", "A1").ok);
    EXPECT_TRUE(lib->circulation().checkout(as("admin", "2026-10-01"), "S1", "B1").ok);  // off by default
    ASSERT_TRUE(lib->circulation().checkin(as("admin", "2026-10-01"), "B1").ok);
    ASSERT_TRUE(lib->admin().change_setting(as("admin"), "circ.block_overdue", "1").ok);
    auto r = lib->circulation().checkout(as("admin", "2026-10-01"), "S1", "B1");
    EXPECT_EQ(r.code, "overdue_block");
    EXPECT_EQ(status("B1"), "available");
}

TEST_F(Year, HoldsCancelledExpiredAndPulled) {
    // A copy on the shelf can be reserved; the pull list says which copy to fetch.
    auto h1 = lib->circulation().place_hold(as("admin"), "S1", rec_a);
    ASSERT_TRUE(h1.ok);
    auto pull = lib->circulation().holds_to_pull();
    ASSERT_EQ(pull.size(), 1u);
    EXPECT_EQ(pull[0].hold.patron_id, "S1");
    EXPECT_EQ(pull[0].title, "草房子");
    EXPECT_EQ(pull[0].barcode.substr(0, 1), "A");
    // A reader may place and cancel only their own holds.
    Ctx s2{"", "2026-09-01", "S2"};
    auto h2 = lib->circulation().place_hold(s2, "S2", rec_b);
    ASSERT_TRUE(h2.ok) << h2.message;
    EXPECT_EQ(lib->circulation().place_hold(s2, "S3", rec_b).code, "not_permitted");
    EXPECT_EQ(lib->circulation().cancel_hold(s2, h1.id).code, "unknown_hold");  // not even named
    EXPECT_EQ(lib->circulation().checkout(s2, "S2", "A1").code, "not_permitted");
    ASSERT_TRUE(lib->circulation().cancel_hold(s2, h2.id).ok);
    EXPECT_EQ(lib->circulation().cancel_hold(s2, h2.id).code, "hold_closed");
    EXPECT_EQ(lib->circulation().patron_holds("S2").at(0).status, "cancelled");
    // A ready hold not collected in time expires and the copy goes to the next reader.
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-01"), "S3", "B1").ok);
    ASSERT_TRUE(lib->circulation().place_hold(as("admin"), "S1", rec_b).ok);
    ASSERT_TRUE(lib->circulation().place_hold(as("admin"), "S2", rec_b).ok);
    ASSERT_TRUE(lib->circulation().checkin(as("admin", "2026-09-02"), "B1").ok);
    EXPECT_EQ(lib->circulation().holds(rec_b).at(1).status, "ready");
    ASSERT_TRUE(lib->circulation().expire_holds(as("admin", "2026-09-05")).ok);  // within 7 days
    EXPECT_EQ(lib->circulation().holds(rec_b).at(1).status, "ready");
    auto ex = lib->circulation().expire_holds(as("admin", "2026-09-12"));
    ASSERT_TRUE(ex.ok);
    EXPECT_EQ(ex.id, 1);
    auto hs = lib->circulation().holds(rec_b);
    EXPECT_EQ(hs.at(1).status, "expired");
    EXPECT_EQ(hs.at(2).status, "ready");
    EXPECT_EQ(hs.at(2).patron_id, "S2");
    // Cancelling a ready hold passes the copy on too (here: back to nobody, on the shelf).
    ASSERT_TRUE(lib->circulation().cancel_hold(as("admin"), hs.at(2).id).ok);
    EXPECT_TRUE(lib->circulation().checkout(as("admin"), "S3", "B1").ok);
}

TEST_F(Year, OperatorsChangeRoleAreDisabledAndRemoved) {
    ASSERT_TRUE(lib->operators().add(as("admin"), {"v1", Role::Volunteer, "", "", false}).ok);
    EXPECT_EQ(lib->operators().set_role(as("admin"), "admin", Role::Reviewer).code, "last_librarian");
    EXPECT_EQ(lib->operators().set_disabled(as("admin"), "admin", true).code, "not_self");
    EXPECT_EQ(lib->operators().remove(as("admin"), "admin").code, "not_self");
    ASSERT_TRUE(lib->operators().set_role(as("admin"), "v1", Role::Librarian).ok);
    EXPECT_TRUE(lib->circulation().mark_lost(as("v1"), "A2").ok);
    ASSERT_TRUE(lib->operators().set_disabled(as("admin"), "v1", true).ok);
    EXPECT_EQ(lib->circulation().checkout(as("v1"), "S1", "A1").code, "operator_disabled");
    ASSERT_TRUE(lib->operators().set_disabled(as("admin"), "v1", false).ok);
    EXPECT_TRUE(lib->circulation().checkout(as("v1"), "S1", "A1").ok);
    EXPECT_EQ(lib->operators().set_role(as("v1"), "admin", Role::Reviewer).ok, true);  // v1 is a librarian now
    EXPECT_EQ(lib->operators().remove(as("v1"), "nobody").code, "unknown_operator");
    ASSERT_TRUE(lib->operators().set_role(as("v1"), "admin", Role::Librarian).ok);
    ASSERT_TRUE(lib->operators().remove(as("admin"), "v1").ok);
    EXPECT_FALSE(lib->operators().find("v1"));
    // Every change is in the audit log with the operator who made it.
    bool seen = false;
    for (auto& a : lib->admin().audit(50)) seen |= a.action == "operators.remove" && a.op == "admin" && a.outcome == "ok";
    EXPECT_TRUE(seen);
}

TEST_F(Year, PromotionRunsOncePerSchoolYear) {
    Result r;
    lib->patrons().promote(as("admin", "2026-08-25"), {6, 9, 12}, false, r);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(lib->patrons().find("S1")->grade, 4);
    // The same school year again: nothing changes, and it says so.
    lib->patrons().promote(as("admin", "2027-06-30"), {6, 9, 12}, false, r);
    EXPECT_EQ(r.code, "already_promoted");
    EXPECT_EQ(lib->patrons().find("S1")->grade, 4);
    // A dry run never counts; the next school year promotes again.
    lib->patrons().promote(as("admin", "2027-08-20"), {6, 9, 12}, true, r);
    EXPECT_EQ(lib->patrons().find("S1")->grade, 4);
    lib->patrons().promote(as("admin", "2027-08-20"), {6, 9, 12}, false, r);
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(lib->patrons().find("S1")->grade, 5);
}

TEST_F(Year, LoansByMonth) {
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-03-02"), "S1", "A1").ok);
    ASSERT_TRUE(lib->circulation().checkin(as("admin", "2026-03-05"), "A1").ok);
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-03-09"), "S2", "A1").ok);
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-11-02"), "S3", "B1").ok);
    ASSERT_TRUE(lib->circulation().class_set(as("admin", "2026-11-03"), "corner-3-2", {"A2"}, "").ok);  // not a loan to a reader
    auto st = lib->stats().reading_stats(2026);
    EXPECT_EQ(st.loans_by_month[2], 2);
    EXPECT_EQ(st.loans_by_month[10], 1);
    EXPECT_EQ(st.loans_by_month[0], 0);
    EXPECT_EQ(st.loans_this_year, 3);
}

TEST(SchoolYear, StartsInAugust) {
    EXPECT_EQ(school_year("2026-08-01"), 2026);
    EXPECT_EQ(school_year("2026-07-31"), 2025);
    EXPECT_EQ(school_year("2027-02-01"), 2026);
}

}  // namespace
