// Operators and roles, audit, patrons and rosters, promotion, circulation rules, concurrent writers.
#include <sqlite3.h>
#include <sys/wait.h>

#include "fixture.hpp"
#include "shuxiang/circulation/services.hpp"

using namespace sxt;

namespace {

struct Lib : ::testing::Test {
    std::filesystem::path path = temp_db(::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<LibraryServices> lib = LibraryServices::open(path);
    long long rec_a = 0, rec_b = 0;
    void SetUp() override {
        rec_a = add_title(lib->catalog(), "草房子", "I287.45/123", 3, "A");
        rec_b = add_title(lib->catalog(), "十万个为什么", "Z228.1/5", 2, "B");
        ASSERT_TRUE(lib->patrons().add(as("admin"), student("S1", "张三", 3, "2")).ok);
        ASSERT_TRUE(lib->patrons().add(as("admin"), student("S2", "李四", 3, "2")).ok);
        ASSERT_TRUE(lib->patrons().add(as("admin"), student("S3", "王五", 4, "1")).ok);
        ASSERT_TRUE(lib->patrons().add(as("admin"), teacher("T1", "赵老师")).ok);
    }
    std::string item_status(const std::string& b) { return cat::to_string(lib->catalog().item_by_barcode(b)->status); }
};

}  // namespace

TEST(Parse, GradesAndClasses) {
    EXPECT_EQ(parse_grade("三年级"), 3);
    EXPECT_EQ(parse_grade("3"), 3);
    EXPECT_EQ(parse_grade("初一"), 7);
    EXPECT_EQ(parse_grade("七年级"), 7);
    EXPECT_EQ(parse_grade("高三"), 12);
    EXPECT_EQ(parse_grade("高中二年级"), 11);
    EXPECT_EQ(parse_grade("十二年级"), 12);
    EXPECT_FALSE(parse_grade("初四"));
    EXPECT_FALSE(parse_grade("三班"));
    EXPECT_FALSE(parse_grade(""));
    // Found by fuzz_roster: a long run of digits overflowed int (UBSan); it is no grade.
    EXPECT_FALSE(parse_grade("11111111111"));
    EXPECT_FALSE(parse_grade("2147483649年级"));
    EXPECT_FALSE(parse_class_key("2147483649-3"));
    EXPECT_EQ(normalize_class("(2)班"), "2");
    EXPECT_EQ(normalize_class("二班"), "2");
    EXPECT_EQ(normalize_class("12"), "12");
    EXPECT_EQ(normalize_class("实验班"), "实验班");
    EXPECT_EQ(parse_class_key("3-2"), "3-2");
    EXPECT_EQ(parse_class_key("三年级2班"), "3-2");
    EXPECT_EQ(parse_class_key("初一(3)班"), "7-3");
    EXPECT_EQ(parse_class_key("高二1班"), "11-1");
    EXPECT_EQ(parse_class_key("初三-二班"), "9-2");
    EXPECT_FALSE(parse_class_key("图书角"));
    EXPECT_FALSE(parse_class_key("三年级"));
    EXPECT_EQ(stage_of_grade(6), Stage::Primary);
    EXPECT_EQ(stage_of_grade(9), Stage::Junior);
    EXPECT_EQ(stage_of_grade(10), Stage::Senior);
}

TEST(Dates, Arithmetic) {
    EXPECT_EQ(add_days("2026-02-20", 14), "2026-03-06");
    EXPECT_EQ(add_days("2028-02-20", 14), "2028-03-05");  // leap year
    EXPECT_EQ(days_between("2026-09-15", "2026-10-01"), 16);
    EXPECT_FALSE(add_days("2026-13-01", 1));
    EXPECT_FALSE(valid_date("2026-9-1"));
}

TEST_F(Lib, NewDatabaseHasOneLibrarianAdmin) {
    auto ops = lib->operators().list();
    ASSERT_EQ(ops.size(), 1u);
    EXPECT_EQ(ops[0].id, "admin");
    EXPECT_EQ(ops[0].role, Role::Librarian);
    // Reopening does not add a second one.
    lib.reset();
    lib = LibraryServices::open(path);
    EXPECT_EQ(lib->operators().list().size(), 1u);
    EXPECT_EQ(lib->repository().schema_version(), 7);
}

TEST_F(Lib, RolesAreEnforced) {
    ASSERT_TRUE(lib->operators().add(as("admin"), {"v1", Role::Volunteer, "志愿者", ""}).ok);
    ASSERT_TRUE(lib->operators().add(as("admin"), {"i1", Role::Inspector, "督导", ""}).ok);
    ASSERT_TRUE(lib->operators().add(as("admin"), {"r1", Role::Reviewer, "", ""}).ok);
    // Volunteers check out, renew and return, nothing else.
    EXPECT_TRUE(lib->circulation().checkout(as("v1"), "S1", "A1").ok);
    EXPECT_TRUE(lib->circulation().renew(as("v1"), "A1").ok);
    EXPECT_TRUE(lib->circulation().checkin(as("v1"), "A1").ok);
    EXPECT_EQ(lib->patrons().add(as("v1"), student("S9", "x", 1, "1")).code, "not_permitted");
    EXPECT_EQ(lib->operators().add(as("v1"), {"v2", Role::Volunteer, "", ""}).code, "not_permitted");
    EXPECT_EQ(lib->circulation().mark_lost(as("v1"), "A2").code, "not_permitted");
    // Inspectors change nothing; reviewers only review.
    EXPECT_EQ(lib->circulation().checkout(as("i1"), "S1", "A1").code, "not_permitted");
    EXPECT_EQ(lib->circulation().checkout(as("r1"), "S1", "A1").code, "not_permitted");
    EXPECT_EQ(lib->circulation().checkout(as("nobody"), "S1", "A1").code, "unknown_operator");
    EXPECT_EQ(lib->circulation().checkout(Ctx{"admin", "2026-9-1"}, "S1", "A1").code, "bad_date");
    EXPECT_EQ(lib->operators().add(as("admin"), {"v1", Role::Librarian, "", ""}).code, "operator_exists");
    EXPECT_EQ(item_status("A1"), "available");
    EXPECT_FALSE(role_allows(Role::Librarian, Action::Review));
    EXPECT_TRUE(role_allows(Role::Teacher, Action::Suggest));
    // Readers' data: the desk and the teachers; the audit trail: librarians only; inspectors neither.
    for (Role r : {Role::Librarian, Role::Volunteer, Role::Teacher}) EXPECT_TRUE(role_allows(r, Action::ViewReaders));
    for (Role r : {Role::Reviewer, Role::Inspector}) EXPECT_FALSE(role_allows(r, Action::ViewReaders));
    EXPECT_TRUE(role_allows(Role::Librarian, Action::ViewAudit));
    for (Role r : {Role::Volunteer, Role::Teacher, Role::Reviewer, Role::Inspector}) EXPECT_FALSE(role_allows(r, Action::ViewAudit));
}

TEST_F(Lib, EveryOperationIsAudited) {
    auto before = lib->admin().audit(1000).size();
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-03"), "S1", "A1").ok);
    ASSERT_FALSE(lib->circulation().checkout(as("admin", "2026-09-03"), "S2", "A1").ok);
    auto rows = lib->admin().audit(1000);
    ASSERT_EQ(rows.size(), before + 2);
    EXPECT_EQ(rows[0].outcome, "refused");
    EXPECT_EQ(rows[0].action, "circ.checkout");
    EXPECT_EQ(rows[0].target, "A1 -> S2");
    EXPECT_NE(rows[0].detail.find("not_available"), std::string::npos);
    EXPECT_EQ(rows[1].outcome, "ok");
    EXPECT_EQ(rows[1].op, "admin");
    EXPECT_EQ(rows[1].day, "2026-09-03");
}

TEST_F(Lib, CheckoutRulesAndRefusals) {
    auto r = lib->circulation().checkout(as("admin", "2026-09-01"), "S1", "A1");
    ASSERT_TRUE(r.ok) << r.message;
    // Primary students: 14 days.
    EXPECT_EQ(lib->circulation().open_loans("S1").at(0).due_date, "2026-09-15");
    EXPECT_EQ(item_status("A1"), "on_loan");
    EXPECT_EQ(lib->circulation().checkout(as("admin"), "S1", "NOPE").code, "unknown_barcode");
    EXPECT_EQ(lib->circulation().checkout(as("admin"), "S2", "A1").code, "not_available");
    EXPECT_EQ(lib->circulation().checkout(as("admin"), "S404", "A2").code, "unknown_patron");
    ASSERT_TRUE(lib->circulation().checkout(as("admin"), "S1", "B1").ok);
    // The primary limit is 2 items.
    auto over = lib->circulation().checkout(as("admin"), "S1", "A2");
    EXPECT_EQ(over.code, "over_limit");
    EXPECT_EQ(item_status("A2"), "available");
    // Teachers: 60 days; 2026-10-31 is a Saturday, and the library is closed at weekends.
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-01"), "T1", "A2").ok);
    EXPECT_EQ(lib->circulation().open_loans("T1").at(0).due_date, "2026-11-02");
    // An edited policy applies at once.
    LoanPolicy p{PatronKind::Student, Stage::Primary, 3, 7, 0, 1};
    ASSERT_TRUE(lib->circulation().set_policy(as("admin"), p).ok);
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-02"), "S1", "A3").ok);
    EXPECT_EQ(lib->circulation().open_loans("S1").back().due_date, "2026-09-09");
    EXPECT_EQ(lib->circulation().renew(as("admin"), "A3").code, "renew_limit");
    EXPECT_EQ(lib->circulation().checkin(as("admin"), "B2").code, "not_on_loan");
}

TEST_F(Lib, RenewAndHoldsQueueInOrder) {
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-01"), "S1", "B1").ok);
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-01"), "S2", "B2").ok);
    auto rn = lib->circulation().renew(as("admin", "2026-09-10"), "B1");
    ASSERT_TRUE(rn.ok) << rn.message;
    EXPECT_EQ(lib->circulation().open_loans("S1").at(0).due_date, "2026-09-24");
    EXPECT_EQ(lib->circulation().renew(as("admin", "2026-09-11"), "B1").code, "renew_limit");  // primary: 1 renewal
    ASSERT_TRUE(lib->circulation().place_hold(as("admin", "2026-09-05"), "S3", rec_b).ok);
    auto h2 = lib->circulation().place_hold(as("admin", "2026-09-06"), "T1", rec_b);
    ASSERT_TRUE(h2.ok);
    EXPECT_NE(h2.message.find("2"), std::string::npos);  // second in the queue
    EXPECT_EQ(lib->circulation().place_hold(as("admin"), "T1", rec_b).code, "hold_exists");
    EXPECT_EQ(lib->circulation().renew(as("admin", "2026-09-12"), "B2").code, "holds_waiting");
    // The first return goes to the first in the queue, the second to the next.
    auto back = lib->circulation().checkin(as("admin", "2026-09-20"), "B2");
    ASSERT_TRUE(back.ok);
    ASSERT_EQ(back.details.size(), 3u);  // who had it, 5 days late, and kept for S3
    EXPECT_NE(back.details[0].find("读者"), std::string::npos) << back.details[0];
    EXPECT_NE(back.message.find("十万个为什么"), std::string::npos) << back.message;  // the title
    EXPECT_NE(back.details[1].find("5"), std::string::npos);
    EXPECT_NE(back.details[2].find("S3"), std::string::npos);
    auto hs = lib->circulation().holds(rec_b);
    ASSERT_EQ(hs.size(), 2u);
    EXPECT_EQ(hs[0].status, "ready");
    EXPECT_EQ(hs[0].barcode, "B2");
    EXPECT_EQ(hs[1].status, "waiting");
    EXPECT_EQ(lib->circulation().checkout(as("admin"), "T1", "B2").code, "reserved");
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-21"), "S3", "B2").ok);
    EXPECT_EQ(lib->circulation().holds(rec_b)[0].status, "filled");
    ASSERT_TRUE(lib->circulation().checkin(as("admin", "2026-09-22"), "B1").ok);
    EXPECT_EQ(lib->circulation().holds(rec_b)[1].status, "ready");
    EXPECT_EQ(lib->circulation().holds(rec_b)[1].barcode, "B1");
}

TEST_F(Lib, HoldLimitAndEditedPolicies) {
    long long rec_c = add_title(lib->catalog(), "小王子", "I565.88/1", 1, "C");
    // Primary pupils may hold 2 titles at once.
    ASSERT_TRUE(lib->circulation().place_hold(as("admin"), "S1", rec_a).ok);
    ASSERT_TRUE(lib->circulation().place_hold(as("admin"), "S1", rec_b).ok);
    EXPECT_EQ(lib->circulation().place_hold(as("admin"), "S1", rec_c).code, "hold_limit");
    EXPECT_EQ(lib->circulation().place_hold(as("admin"), "S1", 99999).code, "unknown_record");
    // The policy is editable (librarians only, no negative numbers) and applies at once.
    LoanPolicy p{PatronKind::Student, Stage::Primary, 2, 7, 1, 3};
    ASSERT_TRUE(lib->operators().add(as("admin"), {"vol", Role::Volunteer, "", ""}).ok);
    EXPECT_EQ(lib->circulation().set_policy(as("vol"), p).code, "not_permitted");
    EXPECT_EQ(lib->circulation().set_policy(as("admin"), LoanPolicy{PatronKind::Student, Stage::Primary, 2, -1, 1, 3}).code, "bad_policy");
    ASSERT_TRUE(lib->circulation().set_policy(as("admin"), p).ok);
    EXPECT_TRUE(lib->circulation().place_hold(as("admin"), "S1", rec_c).ok);  // now 3 holds allowed
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-01"), "S2", "A1").ok);
    EXPECT_EQ(lib->circulation().open_loans("S2").at(0).due_date, "2026-09-08");  // 7 days
    // Junior and teacher policies are untouched.
    EXPECT_EQ(lib->circulation().policy_for(*lib->patrons().find("T1")).loan_days, 60);
}

TEST_F(Lib, OverdueByClassLostAndDamaged) {
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-01"), "S1", "A1").ok);   // due 09-15
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-10"), "S2", "A2").ok);   // due 09-24
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-01"), "S3", "A3").ok);   // due 09-15
    auto od = lib->circulation().overdue("2026-09-20");
    ASSERT_EQ(od.size(), 2u);
    EXPECT_EQ(od[0].class_key, "3-2");
    EXPECT_EQ(od[0].patron_id, "S1");
    EXPECT_EQ(od[0].days_overdue, 5);
    EXPECT_EQ(od[1].class_key, "4-1");
    auto only = lib->circulation().overdue("2026-09-30", "3-2");
    ASSERT_EQ(only.size(), 2u);
    EXPECT_EQ(only[1].patron_id, "S2");
    EXPECT_EQ(only[1].days_overdue, 6);
    ASSERT_TRUE(lib->circulation().mark_lost(as("admin", "2026-10-01"), "A1").ok);
    EXPECT_EQ(item_status("A1"), "lost");
    EXPECT_TRUE(lib->circulation().open_loans("S1").empty());
    ASSERT_TRUE(lib->circulation().mark_damaged(as("admin"), "B1").ok);
    EXPECT_EQ(item_status("B1"), "damaged");
    EXPECT_EQ(lib->circulation().checkout(as("admin"), "S1", "B1").code, "not_available");
    EXPECT_EQ(lib->circulation().mark_lost(as("admin"), "A1").code, "not_available");
    // Found again: returning it puts it back on the shelf.
    ASSERT_TRUE(lib->circulation().checkin(as("admin", "2026-10-05"), "A1").ok);
    EXPECT_EQ(item_status("A1"), "available");
    EXPECT_EQ(lib->circulation().checkin(as("admin"), "A1").code, "not_on_loan");
    auto late = lib->circulation().checkin(as("admin", "2026-09-27"), "A3");
    ASSERT_TRUE(late.ok);
    ASSERT_EQ(late.details.size(), 2u);
    EXPECT_NE(late.details[1].find("12"), std::string::npos);
}

TEST_F(Lib, ClassSetMovesItemsToTheCorner) {
    auto r = lib->circulation().class_set(as("admin", "2026-09-01"), "corner-3-2", {"A1", "A2", "B1"}, "T1");
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(lib->catalog().item_by_barcode("A2")->location, "corner-3-2");
    EXPECT_EQ(item_status("A2"), "on_loan");
    // A class set does not count against the teacher's own limit; once due it is in the overdue
    // list under its corner and the class the corner names.
    auto od = lib->circulation().overdue("2027-09-01");
    ASSERT_EQ(od.size(), 3u);
    for (auto& e : od) {
        EXPECT_EQ(e.corner, "corner-3-2");
        EXPECT_EQ(e.class_key, "3-2");
    }
    EXPECT_EQ(lib->circulation().overdue("2027-09-01", "三年级2班").size(), 3u);
    EXPECT_TRUE(lib->circulation().overdue("2027-09-01", "4-1").empty());
    EXPECT_TRUE(lib->circulation().overdue("2026-12-01").empty());
    EXPECT_EQ(lib->circulation().corner_holdings("corner-3-2").size(), 3u);
    EXPECT_TRUE(lib->circulation().corner_holdings("corner-4-1").empty());
    // All or nothing: one unavailable copy refuses the whole set.
    auto bad = lib->circulation().class_set(as("admin"), "corner-4-1", {"A3", "A1"}, "");
    EXPECT_EQ(bad.code, "not_available");
    EXPECT_EQ(lib->catalog().item_by_barcode("A3")->location, "S1");
    EXPECT_EQ(lib->circulation().renew(as("admin"), "A1").code, "class_set_no_renew");
    ASSERT_TRUE(lib->circulation().checkin(as("admin", "2026-12-01"), "A2").ok);
    EXPECT_EQ(lib->catalog().item_by_barcode("A2")->location, "S1");
    EXPECT_EQ(item_status("A2"), "available");
}

TEST_F(Lib, RosterImportWithLineNumbers) {
    std::string good = "\xEF\xBB\xBF学号,姓名,年级,班级,性别\r\n20260101,陈一,一年级,(1)班,男\r\n20260102,陈二,初二,3班,女\r\nS1,张三,四年级,2,男\r\n";
    Result res;
    auto imp = lib->patrons().import_roster(as("admin"), good, "roster.csv", res);
    ASSERT_TRUE(res.ok) << res.message;
    EXPECT_EQ(imp.added, 2);
    EXPECT_EQ(imp.updated, 1);
    EXPECT_EQ(lib->patrons().find("20260102")->grade, 8);
    EXPECT_EQ(lib->patrons().find("20260102")->class_no, "3");
    EXPECT_EQ(lib->patrons().find("S1")->grade, 4);
    std::string bad = "学号,姓名,年级,班级\n1,甲,三年级,1\n2,乙,九十年级,1\n1,丙,三年级,1\n";
    auto imp2 = lib->patrons().import_roster(as("admin"), bad, "bad.csv", res);
    EXPECT_FALSE(res.ok);
    ASSERT_EQ(imp2.errors.size(), 2u);
    EXPECT_NE(imp2.errors[0].find("bad.csv: line 3"), std::string::npos) << imp2.errors[0];
    EXPECT_NE(imp2.errors[1].find("line 4"), std::string::npos);
    EXPECT_FALSE(lib->patrons().find("1"));  // nothing imported
    // Without a 年级 column, 班级 must name the whole class.
    auto imp3 = lib->patrons().import_roster(as("admin"), "学号,姓名,班级\n1,甲,1\n", "x.csv", res);
    ASSERT_EQ(imp3.errors.size(), 1u);
    EXPECT_NE(imp3.errors[0].find("line 2"), std::string::npos);
    auto imp4 = lib->patrons().import_roster(as("admin"), "工号,姓名\nT7,钱老师\n", "t.csv", res);
    ASSERT_TRUE(res.ok);
    EXPECT_EQ(imp4.added, 1);
    EXPECT_EQ(lib->patrons().find("T7")->kind, PatronKind::Teacher);
    // GBK, as Excel saves it: 学号,姓名,年级,班级 / 9,李,三年级,1
    std::string gbk = "\xd1\xa7\xba\xc5,\xd0\xd5\xc3\xfb,\xc4\xea\xbc\xb6,\xb0\xe0\xbc\xb6\n9,\xc0\xee,\xc8\xfd\xc4\xea\xbc\xb6,1\n";
    auto imp5 = lib->patrons().import_roster(as("admin"), gbk, "gbk.csv", res);
    ASSERT_TRUE(res.ok) << res.message << (imp5.errors.empty() ? "" : imp5.errors[0]);
    EXPECT_EQ(lib->patrons().find("9")->name, "李");
    EXPECT_EQ(lib->patrons().find("9")->grade, 3);
}

TEST_F(Lib, YearEndPromotion) {
    ASSERT_TRUE(lib->patrons().add(as("admin"), student("G6", "毕业生", 6, "1")).ok);
    ASSERT_TRUE(lib->patrons().add(as("admin"), student("G6b", "毕业生二", 6, "2")).ok);
    ASSERT_TRUE(lib->circulation().checkout(as("admin"), "G6", "A1").ok);
    ASSERT_TRUE(lib->circulation().checkout(as("admin"), "G6", "B1").ok);
    Result res;
    auto dry = lib->patrons().promote(as("admin", "2027-07-01"), {6, 9, 12}, true, res);
    ASSERT_TRUE(res.ok);
    EXPECT_EQ(dry.promoted, 3);
    ASSERT_EQ(dry.leaving.size(), 2u);
    EXPECT_EQ(dry.leaving[0].patron_id, "G6");
    EXPECT_EQ(dry.leaving[0].books_out, (std::vector<std::string>{"A1", "B1"}));
    EXPECT_TRUE(dry.leaving[1].books_out.empty());
    EXPECT_EQ(lib->patrons().find("S1")->grade, 3);  // the dry run changed nothing
    auto real = lib->patrons().promote(as("admin", "2027-07-01"), {6, 9, 12}, false, res);
    ASSERT_TRUE(res.ok);
    EXPECT_EQ(real.promoted, 3);
    EXPECT_EQ(lib->patrons().find("S1")->grade, 4);
    EXPECT_EQ(lib->patrons().find("S3")->grade, 5);
    EXPECT_EQ(lib->patrons().find("G6")->status, PatronStatus::Leaving);
    EXPECT_EQ(lib->patrons().find("G6")->grade, 6);
    // A leaving patron with books out borrows nothing and cannot be closed.
    EXPECT_EQ(lib->circulation().checkout(as("admin"), "G6", "A2").code, "leaving_with_books");
    EXPECT_EQ(lib->patrons().left(as("admin"), "G6").code, "leaving_with_books");
    EXPECT_EQ(lib->circulation().checkout(as("admin"), "G6b", "A2").code, "patron_inactive");
    ASSERT_TRUE(lib->circulation().checkin(as("admin"), "A1").ok);
    ASSERT_TRUE(lib->circulation().checkin(as("admin"), "B1").ok);
    EXPECT_TRUE(lib->patrons().left(as("admin"), "G6").ok);
    EXPECT_EQ(lib->patrons().find("G6")->status, PatronStatus::Left);
    // A nine-year school (一贯制) keeps its grade-6 pupils.
    ASSERT_TRUE(lib->patrons().add(as("admin"), student("N6", "九年一贯", 6, "1")).ok);
    lib->patrons().promote(as("admin", "2028-07-01"), {9}, false, res);
    EXPECT_EQ(lib->patrons().find("N6")->grade, 7);
    EXPECT_EQ(lib->patrons().find("N6")->status, PatronStatus::Active);
}

// Two processes check out the same copies at once: each copy is lent exactly once, every attempt is
// audited, nothing is lost.
TEST_F(Lib, TwoProcessesLoseNoUpdate) {
    const int n = 60;
    std::vector<cat::ImportEntry> batch(1);
    batch[0].record.title = "并发";
    batch[0].record.marc = cat::synthesize_cnmarc(batch[0].record);
    for (int i = 0; i < n; ++i) {
        cat::Item it;
        it.barcode = "C" + std::to_string(i);
        batch[0].items.push_back(it);
    }
    lib->catalog().import_batch(batch);
    LoanPolicy tp{PatronKind::Teacher, Stage::None, 1000, 30, 1, 5};
    ASSERT_TRUE(lib->circulation().set_policy(as("admin"), tp).ok);
    ASSERT_TRUE(lib->patrons().add(as("admin"), teacher("T2", "孙老师")).ok);
    long long audit_before = static_cast<long long>(lib->admin().audit(100000).size());
    lib.reset();
    pid_t kids[2];
    for (int k = 0; k < 2; ++k) {
        kids[k] = fork();
        if (kids[k] == 0) {
            int ok = 0;
            {
                auto mine_owner = LibraryServices::open(path);
                auto& mine = *mine_owner;
                for (int i = 0; i < n; ++i)
                    if (mine.circulation().checkout(as("admin"), k == 0 ? "T1" : "T2", "C" + std::to_string(i)).ok) ++ok;
            }
            _exit(ok > 255 ? 255 : ok);
        }
    }
    int total = 0;
    for (pid_t p : kids) {
        int st = 0;
        waitpid(p, &st, 0);
        ASSERT_TRUE(WIFEXITED(st));
        total += WEXITSTATUS(st);
    }
    lib = LibraryServices::open(path);
    EXPECT_EQ(total, n);
    EXPECT_EQ(lib->circulation().open_loans("T1").size() + lib->circulation().open_loans("T2").size(), static_cast<std::size_t>(n));
    EXPECT_EQ(static_cast<long long>(lib->admin().audit(100000).size()) - audit_before, 2 * n);
    for (int i = 0; i < n; ++i) EXPECT_EQ(item_status("C" + std::to_string(i)), "on_loan");
}

// Settings: defaults from one table, changes by the librarian only, audited, range-checked, and
// they take effect (a class set's loan period).
TEST_F(Lib, SettingsChangeCheckedAndTakeEffect) {
    EXPECT_EQ(lib->admin().setting_value("class_set_days"), 120);
    EXPECT_EQ(lib->admin().setting_value("acq.lead_days"), 30);
    ASSERT_TRUE(lib->operators().add(as("admin"), {"v1", Role::Volunteer, "志愿者", ""}).ok);
    EXPECT_EQ(lib->admin().change_setting(as("v1"), "class_set_days", "30").code, "not_permitted");
    EXPECT_EQ(lib->admin().change_setting(as("admin"), "no.such", "1").code, "unknown_setting");
    for (const char* bad : {"abc", "", "30x", "0", "731", "1e9", "nan"})
        EXPECT_EQ(lib->admin().change_setting(as("admin"), "class_set_days", bad).code, "bad_setting_integer") << bad;
    EXPECT_EQ(lib->admin().change_setting(as("admin"), "class_set_days", "30.5").code, "bad_setting_integer");
    EXPECT_EQ(lib->admin().change_setting(as("admin"), "acq.max_price_factor", "0.5").code, "bad_setting");
    EXPECT_TRUE(lib->admin().change_setting(as("admin"), "acq.max_price_factor", "1.5").ok);
    EXPECT_DOUBLE_EQ(lib->admin().setting_value("acq.max_price_factor"), 1.5);
    auto r = lib->admin().change_setting(as("admin", "2026-09-01"), "class_set_days", "30");
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(lib->admin().setting_value("class_set_days"), 30);
    // The class set lent on 09-01 is due 30 days later.
    ASSERT_TRUE(lib->circulation().class_set(as("admin", "2026-09-01"), "corner-3-2", {"A1"}, "T1").ok);
    sqlite3_stmt* s = nullptr;
    FileDb fdb(path);
    sqlite3_prepare_v2(fdb.db, "SELECT due_date FROM circ_loans WHERE barcode = 'A1' AND returned_date IS NULL", -1, &s,
                       nullptr);
    ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "2026-10-01");
    sqlite3_finalize(s);
    // Every change, refused or not, is in the audit log.
    sqlite3_prepare_v2(fdb.db, "SELECT count(*), sum(outcome = 'ok') FROM circ_audit WHERE action = 'setting.set'", -1, &s,
                       nullptr);
    ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(s, 0), 13);
    EXPECT_EQ(sqlite3_column_int(s, 1), 2);
    sqlite3_finalize(s);
    // A value stored by hand that is out of range is not used.
    lib->admin().store_setting("acq.lead_days", "-4");
    EXPECT_EQ(lib->admin().setting_value("acq.lead_days"), 30);
}
