// Acquisitions review (four eyes, checks, budgets, receiving), weeding, stocktake and statistics.
#include <sqlite3.h>

#include "fixture.hpp"
#include "shuxiang/shelving/db.hpp"
#include "shuxiang/util/error.hpp"

using namespace sxt;

namespace {

struct Acq : ::testing::Test {
    std::filesystem::path path = temp_db(std::string("acq_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<LibraryServices> lib = LibraryServices::open(path);
    void SetUp() override {
        ASSERT_TRUE(lib->patrons().add(as("admin"), teacher("T1", "赵老师")).ok);
        ASSERT_TRUE(lib->patrons().add(as("admin"), student("S1", "张三", 3, "2")).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), {"r1", Role::Reviewer, "", "T1"}).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), {"r2", Role::Reviewer, "", ""}).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), {"t1", Role::Teacher, "", "T1"}).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), {"v1", Role::Volunteer, "", ""}).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), {"lib2", Role::Librarian, "", "T1"}).ok);
    }
    Suggestion sug(const std::string& isbn, const std::string& publisher, double price, int copies,
                   std::optional<double> list = {}, std::optional<int> pages = {}, const std::string& title = "书") {
        Suggestion s;
        s.by = "T1";
        s.isbn = isbn;
        s.title = title;
        s.publisher = publisher;
        s.price = price;
        s.copies = copies;
        s.list_price = list;
        s.pages = pages;
        return s;
    }
};

}  // namespace

TEST_F(Acq, FourEyesReview) {
    auto s = lib->acquisitions().suggest(as("t1"), sug("9787020123452", "人民文学出版社", 30, 2, 30.0, 300));
    ASSERT_TRUE(s.ok) << s.message;
    EXPECT_TRUE(s.details.empty());
    EXPECT_EQ(lib->acquisitions().suggestion(s.id)->entered_by, "t1");
    EXPECT_EQ(lib->acquisitions().review(as("r1"), s.id, "", "").code, "four_eyes");  // r1 is the recommender T1
    EXPECT_EQ(lib->acquisitions().review(as("t1"), s.id, "", "").code, "not_permitted");
    EXPECT_EQ(lib->acquisitions().review(as("admin"), s.id, "", "").code, "not_permitted");
    EXPECT_EQ(lib->acquisitions().suggestion(s.id)->status, "pending");
    ASSERT_TRUE(lib->acquisitions().review(as("r2"), s.id, "", "好书").ok);
    EXPECT_EQ(lib->acquisitions().suggestion(s.id)->status, "approved");
    EXPECT_EQ(lib->acquisitions().suggestion(s.id)->reviewer, "r2");
    EXPECT_EQ(lib->acquisitions().review(as("r2"), s.id, "", "").code, "already_reviewed");
    // The purchaser may not be the recommender either.
    EXPECT_EQ(lib->acquisitions().order(as("admin"), s.id, "lib2").code, "four_eyes");
    EXPECT_EQ(lib->acquisitions().order(as("admin"), s.id, "t1").code, "not_permitted");
    // The operator who enters a suggestion cannot review it.
    ASSERT_TRUE(lib->patrons().add(as("admin"), teacher("T2", "钱老师")).ok);
    auto s2 = sug("9787020123452", "人民文学出版社", 30, 1, 30.0, 300);
    s2.by = "T2";
    ASSERT_TRUE(lib->operators().add(as("admin"), {"r3", Role::Reviewer, "", ""}).ok);
    auto id2 = lib->acquisitions().suggest(as("admin"), s2).id;
    EXPECT_TRUE(lib->acquisitions().review(as("r3"), id2, "", "").ok);
    EXPECT_EQ(lib->acquisitions().suggest(as("v1"), s2).code, "not_permitted");
    auto s3 = s2;
    s3.by = "P404";
    EXPECT_EQ(lib->acquisitions().suggest(as("admin"), s3).code, "unknown_patron");
}

TEST_F(Acq, AutomaticChecksFlagAndBlockApproval) {
    auto bad_check = lib->acquisitions().suggest(as("admin"), sug("9787020123453", "", 30, 1));
    ASSERT_TRUE(bad_check.ok);
    EXPECT_EQ(lib->acquisitions().suggestion(bad_check.id)->flags, (std::vector<std::string>{"piracy_checksum"}));
    auto prefix = lib->acquisitions().suggest(as("admin"), sug("9787107123450", "人民文学出版社", 30, 1));
    EXPECT_EQ(lib->acquisitions().suggestion(prefix.id)->flags, (std::vector<std::string>{"piracy_prefix"}));
    auto right_prefix = lib->acquisitions().suggest(as("admin"), sug("9787107123450", "人民教育出版社", 30, 1));
    EXPECT_TRUE(lib->acquisitions().suggestion(right_prefix.id)->flags.empty());
    // 80 > 40 × 1.3; 80 / 100 pages = 0.8 > 0.15 × 2.
    auto price = lib->acquisitions().suggest(as("admin"), sug("9787532712342", "上海译文出版社", 80, 1, 40.0, 100));
    EXPECT_EQ(lib->acquisitions().suggestion(price.id)->flags, (std::vector<std::string>{"price_list", "price_pages"}));
    // 4 held + 2 suggested > 5.
    add_title(lib->catalog(), "已有", "I247/1", 4, "H", "2020-01-01", "2019", "9787544211116");
    auto copies = lib->acquisitions().suggest(as("admin"), sug("978-7-5442-1111-6", "南海出版公司", 30, 2));
    EXPECT_EQ(lib->acquisitions().suggestion(copies.id)->flags, (std::vector<std::string>{"copies"}));
    auto one = lib->acquisitions().suggest(as("admin"), sug("9787544211116", "南海出版公司", 30, 1));
    EXPECT_TRUE(lib->acquisitions().suggestion(one.id)->flags.empty());
    ASSERT_TRUE(lib->acquisitions().block(as("admin"), "坏书").ok);
    auto blocked = lib->acquisitions().suggest(as("admin"), sug("9787020123452", "人民文学出版社", 30, 1, {}, {}, "坏书"));
    EXPECT_EQ(lib->acquisitions().suggestion(blocked.id)->flags, (std::vector<std::string>{"blocklist"}));
    // A flagged title is only rejected, with a reason.
    auto r = lib->acquisitions().review(as("r2"), bad_check.id, "", "");
    EXPECT_EQ(r.code, "flagged");
    ASSERT_EQ(r.details.size(), 1u);
    EXPECT_EQ(lib->acquisitions().review(as("r2"), bad_check.id, "fake", "").code, "bad_reason");
    ASSERT_TRUE(lib->acquisitions().review(as("r2"), bad_check.id, "piracy", "校验位错").ok);
    EXPECT_EQ(lib->acquisitions().suggestion(bad_check.id)->status, "rejected");
    EXPECT_EQ(lib->acquisitions().suggestion(bad_check.id)->reason, "piracy");
    ASSERT_TRUE(lib->acquisitions().review(as("r2"), right_prefix.id, "unsuitable", "").ok);
    EXPECT_EQ(lib->acquisitions().order(as("admin"), right_prefix.id, "admin").code, "not_approved");
    // Approval is checked again: blocking after the suggestion still stops it.
    ASSERT_TRUE(lib->acquisitions().block(as("admin"), "9787544211116").ok);
    EXPECT_EQ(lib->acquisitions().review(as("r2"), one.id, "", "").code, "flagged");
    EXPECT_EQ(lib->acquisitions().suggestions("rejected").size(), 2u);
}

TEST_F(Acq, BudgetOrderAndReceive) {
    auto s = lib->acquisitions().suggest(as("admin"), sug("9787020123452", "人民文学出版社", 30, 2, 30.0, 300, "红楼梦"));
    ASSERT_TRUE(lib->acquisitions().review(as("r2"), s.id, "", "").ok);
    ASSERT_TRUE(lib->acquisitions().set_budget(as("admin"), 2026, 50).ok);
    EXPECT_EQ(lib->acquisitions().set_budget(as("v1"), 2026, 50).code, "not_permitted");
    EXPECT_EQ(lib->acquisitions().order(as("admin", "2026-10-01"), s.id, "admin").code, "over_budget");  // 60 > 50
    ASSERT_TRUE(lib->acquisitions().set_budget(as("admin"), 2026, 100).ok);
    auto o = lib->acquisitions().order(as("admin", "2026-10-01"), s.id, "admin");
    ASSERT_TRUE(o.ok) << o.message;
    EXPECT_DOUBLE_EQ(lib->acquisitions().budget_left(2026), 40.0);
    EXPECT_EQ(lib->acquisitions().suggestion(s.id)->status, "ordered");
    EXPECT_EQ(lib->acquisitions().receive(as("admin", "2026-10-20"), o.id, delivery({"N1", "N2", "N3"})).code, "over_delivery");
    EXPECT_EQ(lib->acquisitions().receive(as("admin", "2026-10-20"), o.id, delivery({})).code, "no_barcodes");
    add_title(lib->catalog(), "x", "I1/1", 1, "N");
    EXPECT_EQ(lib->acquisitions().receive(as("admin", "2026-10-20"), o.id, delivery({"N1", "N2"})).code, "barcode_exists");
    EXPECT_EQ(lib->acquisitions().receive(as("v1", "2026-10-20"), o.id, delivery({"R1", "R2"})).code, "not_permitted");
    auto rc = lib->acquisitions().receive(as("admin", "2026-10-20"), o.id, delivery({"R1", "R2"}));
    ASSERT_TRUE(rc.ok) << rc.message;
    auto it = lib->catalog().item_by_barcode("R2");
    ASSERT_TRUE(it);
    EXPECT_EQ(cat::to_string(it->status), std::string("available"));
    EXPECT_EQ(it->acquired, "2026-10-20");
    EXPECT_EQ(it->source, "采购");
    EXPECT_EQ(lib->catalog().record(it->record_id)->title, "红楼梦");
    EXPECT_EQ(lib->catalog().records_by_isbn("978-7-02-012345-2").size(), 1u);
    EXPECT_EQ(lib->acquisitions().find_order(o.id)->status, "received");
    EXPECT_EQ(lib->acquisitions().suggestion(s.id)->status, "received");
    EXPECT_EQ(lib->acquisitions().receive(as("admin"), o.id, delivery({"R3", "R4"})).code, "order_received");
    EXPECT_EQ(lib->acquisitions().receive(as("admin"), 999, delivery({"R3"})).code, "unknown_order");
}

namespace {
struct Shelf : ::testing::Test {
    std::filesystem::path path = temp_db(std::string("shelf_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<LibraryServices> lib = LibraryServices::open(path);
    long long rec_a = 0, rec_b = 0;
    void SetUp() override {
        rec_a = add_title(lib->catalog(), "草房子", "I287.45/123", 3, "A", "2020-03-01");
        rec_b = add_title(lib->catalog(), "十万个为什么", "Z228.1/5", 2, "B", "2026-03-01");
        add_title(lib->catalog(), "旧书", "I247.5/9", 2, "W", "2010-01-01", "2005");
        for (auto& p : {student("S1", "张三", 3, "2"), student("S2", "李四", 3, "2"), student("S3", "王五", 4, "1"),
                        student("J1", "初中生", 7, "1"), teacher("T1", "赵老师")})
            ASSERT_TRUE(lib->patrons().add(as("admin"), p).ok);
    }
};
}  // namespace

TEST_F(Shelf, WeedingCandidatesAndWithdrawal) {
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2025-03-01"), "T1", "W1").ok);
    ASSERT_TRUE(lib->circulation().checkin(as("admin", "2025-03-10"), "W1").ok);
    add_title(lib->catalog(), "词典", "H316/1", 1, "D", "2024-01-01", "2001");
    add_title(lib->catalog(), "词典", "H316/1", 1, "E", "2024-01-01", "2015");
    ASSERT_TRUE(lib->circulation().mark_damaged(as("admin"), "A1").ok);
    auto c = lib->collection().weed_candidates("2026-09-01", WeedRules{10, 3});
    std::map<std::string, std::vector<std::string>> got;
    for (auto& w : c) got[w.barcode] = w.reasons;
    EXPECT_EQ(got.size(), 3u);
    EXPECT_EQ(got["A1"], (std::vector<std::string>{"damaged"}));
    EXPECT_EQ(got["W2"], (std::vector<std::string>{"old_unused"}));  // W1 was lent in 2025
    EXPECT_EQ(got["D1"], (std::vector<std::string>{"superseded"}));
    // With a one-year window W1's 2025 loan no longer counts.
    auto c1 = lib->collection().weed_candidates("2026-09-01", WeedRules{10, 1});
    EXPECT_EQ(c1.size(), 4u);
    EXPECT_EQ(lib->collection().withdraw(as("admin"), {"W2"}, "").code, "no_reason");
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-09-01"), "T1", "A2").ok);
    EXPECT_EQ(lib->collection().withdraw(as("admin"), {"W2", "A2"}, "old").code, "not_available");
    EXPECT_EQ(cat::to_string(lib->catalog().item_by_barcode("W2")->status), std::string("available"));
    EXPECT_EQ(lib->collection().withdraw(as("v1"), {"W2"}, "old").code, "unknown_operator");
    ASSERT_TRUE(lib->collection().withdraw(as("admin", "2026-09-02"), {"W1", "W2"}, "陈旧无人借阅").ok);
    EXPECT_EQ(cat::to_string(lib->catalog().item_by_barcode("W1")->status), std::string("withdrawn"));
    // History stays: the item row, its old loan and the reason.
    sqlite3_stmt* st = nullptr;
    FileDb fdb(path);
    sqlite3_prepare_v2(fdb.db, "SELECT (SELECT count(*) FROM circ_loans WHERE barcode = 'W1'), reason FROM circ_withdrawals WHERE barcode = 'W1'", -1, &st, nullptr);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_int(st, 0), 1);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)), "陈旧无人借阅");
    sqlite3_finalize(st);
    EXPECT_EQ(lib->circulation().checkout(as("admin"), "T1", "W1").code, "not_available");
}

std::vector<std::string> barcodes(const std::vector<shuxiang::shelving::MisplacedCopy>& v) {
    std::vector<std::string> out;
    for (auto& m : v) out.push_back(m.barcode);
    return out;
}

TEST_F(Shelf, StocktakeByCallNumberRange) {
    ASSERT_TRUE(lib->circulation().checkout(as("admin"), "T1", "A2").ok);
    auto rep = lib->collection().stocktake("I200", "I299", {"A1", "W1", "B1", "XYZ", "A2", "A1"});
    EXPECT_FALSE(rep.by_shelf);  // nothing shelved yet
    EXPECT_EQ(rep.expected, 4);  // W1, W2 (I247.5/9), A1, A3 (I287.45/123); A2 is on loan
    EXPECT_EQ(rep.found, 2);
    EXPECT_EQ(rep.missing, (std::vector<std::string>{"W2", "A3"}));  // shelf order
    EXPECT_EQ(barcodes(rep.misplaced), (std::vector<std::string>{"B1"}));
    EXPECT_EQ(rep.misplaced[0].section, "");  // no shelves to name
    EXPECT_EQ(rep.unexpected, (std::vector<std::string>{"A2", "XYZ"}));
    auto z = lib->collection().stocktake("Z", "Z9", {"B1", "B2"});
    EXPECT_EQ(z.expected, 2);
    EXPECT_TRUE(z.missing.empty());
}

// Once shelves are assigned, the same stocktake goes by shelf and says where misplaced copies belong.
TEST_F(Shelf, StocktakeByShelfOnceShelved) {
    namespace sh = shuxiang::shelving;
    // A hand-made assignment in one room 书库: range R1 (label A1) with two sections of 2 levels,
    // R2 (A2) and R3 (A3) with one section each.
    sh::Assignment a;
    auto sec = [&](const std::string& fid, const std::string& label, int number) {
        sh::Section s;
        s.id = fid + "/1/" + std::to_string(number);
        s.furniture_id = fid;
        s.label = label;
        s.level_id = "L1";
        s.room_id = "stacks";
        s.room_name = "书库";
        s.number = number;
        s.levels = 2;
        s.width = 0.9;
        s.capacity = 72;
        s.target = 54;
        a.sections.push_back(s);
        a.fills.push_back({});
    };
    sec("R1", "A1", 1);  // 0: W1, W2 (level 1), A1 (level 2)
    sec("R1", "A1", 2);  // 1: A2, A3
    sec("R2", "A2", 1);  // 2: B1, B2
    sec("R3", "A3", 1);  // 3: empty
    auto put = [&](const std::string& barcode, int section, int level) {
        auto it = lib->catalog().item_by_barcode(barcode);
        ASSERT_TRUE(it);
        a.placed.push_back({it->id, section, level, "stacks", it->call_number});
        ++a.fills[static_cast<std::size_t>(section)].count;
    };
    put("W1", 0, 1);
    put("W2", 0, 1);
    put("A1", 0, 2);
    put("A2", 1, 1);
    put("A3", 1, 2);
    put("B1", 2, 1);
    put("B2", 2, 2);
    sh::save_assignment(path, a);
    ASSERT_TRUE(lib->circulation().checkout(as("admin"), "T1", "A2").ok);

    // Range A1 (by label): both its sections; A2 is on loan, so W1, W2, A1, A3 are expected.
    auto r = lib->collection().stocktake("A1", "A1", {"W1", "A1", "B1", "XYZ", "A2", "W1"});
    EXPECT_TRUE(r.by_shelf);
    EXPECT_EQ(r.sections, (std::vector<std::string>{"R1/1/1", "R1/1/2"}));
    EXPECT_EQ(r.expected, 4);
    EXPECT_EQ(r.found, 2);
    EXPECT_EQ(r.missing, (std::vector<std::string>{"W2", "A3"}));
    ASSERT_EQ(r.misplaced.size(), 1u);
    EXPECT_EQ(r.misplaced[0].barcode, "B1");
    EXPECT_EQ(r.misplaced[0].call_number, "Z228.1/5");
    EXPECT_EQ(r.misplaced[0].room, "stacks");
    EXPECT_EQ(r.misplaced[0].room_name, "书库");
    EXPECT_EQ(r.misplaced[0].range, "R2");
    EXPECT_EQ(r.misplaced[0].label, "A2");
    EXPECT_EQ(r.misplaced[0].section, "R2/1/1");
    EXPECT_EQ(r.misplaced[0].level, 1);
    EXPECT_EQ(r.unexpected, (std::vector<std::string>{"A2", "XYZ"}));

    // A shelf range A2..A3: sections R2/1/1 and R3/1/1. W2 belongs on R1/1/1, top level.
    auto r2 = lib->collection().stocktake("A2", "A3", {"B2", "W2"});
    EXPECT_EQ(r2.sections, (std::vector<std::string>{"R2/1/1", "R3/1/1"}));
    EXPECT_EQ(r2.expected, 2);
    EXPECT_EQ(r2.missing, (std::vector<std::string>{"B1"}));
    ASSERT_EQ(r2.misplaced.size(), 1u);
    EXPECT_EQ(r2.misplaced[0].section, "R1/1/1");
    EXPECT_EQ(r2.misplaced[0].level, 1);
    // Section id to furniture id, in reading order.
    auto r3 = lib->collection().stocktake("R1/1/2", "R2", {});
    EXPECT_EQ(r3.sections, (std::vector<std::string>{"R1/1/2", "R2/1/1"}));
    EXPECT_EQ(r3.missing, (std::vector<std::string>{"A3", "B1", "B2"}));

    // Call numbers I240..I250 (W1, W2) take their section R1/1/1 whole: A1 stands there too.
    // A3 (I287.45/123) belongs on R1/1/2, level 2. Before shelving, A3 would only be "outside the range".
    auto c = lib->collection().stocktake("I240", "I250", {"W1", "W2", "A1", "A3"});
    EXPECT_TRUE(c.by_shelf);
    EXPECT_EQ(c.sections, (std::vector<std::string>{"R1/1/1"}));
    EXPECT_EQ(c.expected, 3);
    EXPECT_EQ(c.found, 3);
    ASSERT_EQ(c.misplaced.size(), 1u);
    EXPECT_EQ(c.misplaced[0].barcode, "A3");
    EXPECT_EQ(c.misplaced[0].section, "R1/1/2");
    EXPECT_EQ(c.misplaced[0].level, 2);
    // A withdrawn copy is no longer expected and, scanned, is unexpected.
    ASSERT_TRUE(lib->collection().withdraw(as("admin"), {"W2"}, "破损").ok);
    auto w = lib->collection().stocktake("A1", "A1", {"W2"});
    EXPECT_EQ(w.expected, 3);
    EXPECT_EQ(w.unexpected, (std::vector<std::string>{"W2"}));
    // An end that is neither a shelf nor a call number is bad input.
    EXPECT_THROW(lib->collection().stocktake("书架X", "A1", {}), shuxiang::InputError);
}

TEST_F(Shelf, ReadingStatisticsAndHoldingsSummary) {
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-03-02"), "S1", "A1").ok);
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-03-02"), "S1", "B1").ok);
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-03-03"), "S2", "A2").ok);
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2026-03-04"), "S3", "A3").ok);
    ASSERT_TRUE(lib->circulation().checkout(as("admin", "2025-12-30"), "T1", "W1").ok);  // last year
    ASSERT_TRUE(lib->circulation().checkin(as("admin", "2026-03-20"), "A3").ok);
    ASSERT_TRUE(lib->collection().withdraw(as("admin", "2026-04-01"), {"A3"}, "损坏").ok);
    ASSERT_TRUE(lib->circulation().place_hold(as("admin"), "S3", rec_a).ok);
    ASSERT_TRUE(lib->circulation().place_hold(as("admin"), "J1", rec_a).ok);
    ASSERT_TRUE(lib->circulation().place_hold(as("admin"), "T1", rec_a).ok);
    ASSERT_TRUE(lib->circulation().rate(as("admin"), "S1", rec_a, 5, true).ok);
    ASSERT_TRUE(lib->circulation().rate(as("admin"), "S2", rec_a, 4, false).ok);
    ASSERT_TRUE(lib->circulation().rate(as("admin"), "T1", rec_b, 3, true).ok);
    EXPECT_EQ(lib->circulation().rate(as("admin"), "T1", rec_b, 6, true).code, "bad_rating");

    auto st = lib->stats().reading_stats(2026);
    EXPECT_EQ(st.students, 4);
    EXPECT_EQ(st.students_by_stage["primary"], 3);
    EXPECT_EQ(st.students_by_stage["junior"], 1);
    EXPECT_EQ(st.held_items, 6);  // 7 copies, A3 withdrawn
    EXPECT_DOUBLE_EQ(st.holdings_per_student, 1.5);
    EXPECT_EQ(st.new_items_this_year, 2);
    EXPECT_DOUBLE_EQ(st.new_per_student, 0.5);
    EXPECT_EQ(st.loans_this_year, 4);
    EXPECT_DOUBLE_EQ(st.loans_per_student, 1.0);
    // 2026 loans by 大部类: A1, A2, A3 (I, C–K) and B1 (Z); W1 was lent in 2025.
    EXPECT_EQ(st.loans_by_major_class, (std::array<long long, 5>{0, 0, 3, 0, 1}));
    ASSERT_EQ(st.class_ranking.size(), 3u);
    EXPECT_EQ(st.class_ranking[0].class_key, "3-2");
    EXPECT_DOUBLE_EQ(st.class_ranking[0].loans_per_student, 1.5);
    EXPECT_EQ(st.class_ranking[1].class_key, "4-1");
    EXPECT_EQ(st.class_ranking[2].class_key, "7-1");
    EXPECT_EQ(st.class_ranking[2].loans, 0);
    ASSERT_EQ(st.top_titles.size(), 2u);
    EXPECT_EQ(st.top_titles[0].title, "草房子");
    EXPECT_EQ(st.top_titles[0].loans, 3);
    ASSERT_EQ(st.demand.size(), 1u);
    EXPECT_EQ(st.demand[0].waiting, 3);
    EXPECT_EQ(st.demand[0].copies, 2);
    // Waiting: S3 (primary, 14 days), J1 (junior, 21), T1 (teacher, 60): L = ceil(95 / 3) = 32 days.
    // No day given: both copies out with a whole loan period left, so the last waits 2 × 32 = 64
    // days. New copies arrive in 30 days (acq.lead_days): with 1 or 2 of them the third reader
    // still waits for an old copy (day 32), with 3 everyone has one on day 30, on target.
    EXPECT_EQ(st.demand[0].loan_days, 32);
    EXPECT_EQ(st.demand[0].lead_days, 30);
    EXPECT_EQ(st.demand[0].wait_days, 64);
    EXPECT_EQ(st.demand[0].suggested_extra, 3);
    EXPECT_EQ(st.demand[0].wait_after_days, 30);
    // On 2026-03-10 the copies are due back on 03-16 and 03-17 (14-day loans from 03-02 and
    // 03-03): days 6 and 7, then the third reader on day 6 + 32 = 38. One new copy (day 30) is enough.
    auto mar = lib->stats().reading_stats(2026, 30, "2026-03-10");
    ASSERT_EQ(mar.demand.size(), 1u);
    EXPECT_EQ(mar.demand[0].wait_days, 38);
    EXPECT_EQ(mar.demand[0].suggested_extra, 1);
    EXPECT_EQ(mar.demand[0].wait_after_days, 30);
    // A month later both are overdue (due now): the third reader waits 32 days; still one copy.
    auto apr = lib->stats().reading_stats(2026, 30, "2026-04-10");
    EXPECT_EQ(apr.demand[0].wait_days, 32);
    EXPECT_EQ(apr.demand[0].suggested_extra, 1);
    // With a 40-day target on 03-10, 38 days is within it: nothing to buy.
    EXPECT_EQ(lib->stats().reading_stats(2026, 40, "2026-03-10").demand[0].suggested_extra, 0);
    // With a 70-day target the 64 days of the no-day model are within it: none extra.
    auto st70 = lib->stats().reading_stats(2026, 70);
    ASSERT_EQ(st70.demand.size(), 1u);
    EXPECT_EQ(st70.demand[0].suggested_extra, 0);
    EXPECT_EQ(st70.demand[0].wait_after_days, 64);
    // The copy policy caps it: at most 2 copies of a title, already held.
    lib->admin().store_setting("acq.max_copies", "2");
    EXPECT_EQ(lib->stats().reading_stats(2026).demand[0].suggested_extra, 0);
    ASSERT_EQ(st.ratings.size(), 2u);
    EXPECT_DOUBLE_EQ(st.ratings[0].average, 4.5);
    EXPECT_EQ(st.ratings[0].recommendations, 1);
    EXPECT_EQ(st.ratings[0].by_kind, (std::map<std::string, long long>{{"student", 2}}));
    EXPECT_EQ(st.ratings[1].by_kind, (std::map<std::string, long long>{{"teacher", 1}}));
    EXPECT_EQ(st.collection.parts[2].items, 4);  // 大部类 3 (C–K): A1, A2, W1, W2

    auto h = lib->stats().holdings_summary(2026);
    EXPECT_EQ(h.year, 2026);
    EXPECT_EQ(h.books, 6);
    EXPECT_EQ(h.by_major_class[2], 4);
    EXPECT_EQ(h.by_major_class[4], 2);  // Z
    EXPECT_EQ(h.unclassified, 0);
    EXPECT_EQ(h.new_books_this_year, 2);
    EXPECT_EQ(h.weeded_this_year, 1);
    EXPECT_EQ(h.loans_this_year, 4);
    EXPECT_FALSE(h.synthetic);
    // At the end of 2025 the two copies bought in 2026 were not there yet.
    auto h25 = lib->stats().holdings_summary(2025);
    EXPECT_EQ(h25.books, 4);
    EXPECT_EQ(h25.loans_this_year, 1);
    // Five years of new books, oldest first, ending with the statistics year; each year's figure
    // is that year's own summary's.
    ASSERT_EQ(h.new_books_by_year.size(), 5u);
    EXPECT_EQ(h.new_books_by_year.front().first, 2022);
    EXPECT_EQ(h.new_books_by_year.back(), (std::pair<int, long long>{2026, 2}));
    EXPECT_EQ(h.new_books_by_year[3], (std::pair<int, long long>{2025, h25.new_books_this_year}));
    EXPECT_EQ(h25.new_books_by_year.back(), (std::pair<int, long long>{2025, h25.new_books_this_year}));
}

// Session 2's closed form is the case where every copy has just been lent (a whole loan period
// left) and a new copy takes a loan period to arrive: the last of q readers waits ceil(q / c) × L.
// These are its hand-worked values, now through the general model.
TEST(Demand, QueueModelByHand) {
    auto all_out = [](long long copies, int loan) { return std::vector<long long>(static_cast<std::size_t>(copies), loan); };
    auto wait = [&](long long q, long long c, int L) { return last_reader_wait_days(all_out(c, L), q, L); };
    auto extra = [&](long long q, long long c, int L, int T, long long max) {
        return suggested_extra_copies(all_out(c, L), q, L, T, max, L);
    };
    // 10 waiting, 2 copies, 14-day loans: the last waits ceil(10 / 2) × 14 = 70 days. A 30-day target
    // allows floor(30 / 14) = 2 rounds, so ceil(10 / 2) = 5 copies: 3 extra (then 2 × 14 = 28 days).
    EXPECT_EQ(wait(10, 2, 14), 70);
    EXPECT_EQ(extra(10, 2, 14, 30, 100), 3);
    EXPECT_EQ(wait(10, 5, 14), 28);
    EXPECT_EQ(extra(10, 2, 14, 30, 4), 2);   // copy policy: at most 4 copies
    EXPECT_EQ(extra(10, 2, 14, 30, 2), 0);   // already at the policy
    EXPECT_EQ(extra(10, 2, 14, 14, 100), 8); // one round: a copy per reader
    EXPECT_EQ(extra(3, 0, 21, 30, 100), 3);  // no copy left: 1 round of 21 days
    EXPECT_EQ(extra(4, 1, 60, 30, 100), 3);  // a round is over the target: one round
    EXPECT_EQ(extra(5, 3, 14, 28, 100), 0);  // ceil(5 / 3) × 14 = 28: on target
    EXPECT_EQ(extra(5, 3, 14, 27, 100), 2);  // 27 / 14 = 1 round: 5 copies
    EXPECT_EQ(extra(1, 1, 14, 30, 100), 0);
    EXPECT_EQ(extra(0, 0, 14, 30, 100), 0);
    EXPECT_EQ(wait(3, 0, 14), -1);
    EXPECT_EQ(wait(0, 0, 14), 0);
}

// With the real days left on each loan: copies due back in 2 and 9 days, 14-day loans, 5 readers.
// Readers 1 and 2 get them on days 2 and 9, reader 3 the first again on day 16, reader 4 the
// second on day 23, reader 5 the first on day 30.
TEST(Demand, QueueModelWithDaysLeft) {
    EXPECT_EQ(last_reader_wait_days({2, 9}, 1, 14), 2);
    EXPECT_EQ(last_reader_wait_days({2, 9}, 2, 14), 9);
    EXPECT_EQ(last_reader_wait_days({2, 9}, 4, 14), 23);
    EXPECT_EQ(last_reader_wait_days({2, 9}, 5, 14), 30);
    EXPECT_EQ(last_reader_wait_days({9, 2}, 5, 14), 30);   // order of the copies does not matter
    EXPECT_EQ(last_reader_wait_days({-5, 0}, 3, 14), 14);  // overdue counts as due now
    // Target 30 days: met as it is. Target 21: reader 5 is the problem (day 30); one new copy
    // arriving in 20 days takes reader 4 (day 20) and reader 5 gets the second copy on day 23: over.
    // Two new copies (day 20 each): readers 3, 4, 5 on days 16, 20, 20: 20 <= 21.
    EXPECT_EQ(suggested_extra_copies({2, 9}, 5, 14, 30, 10, 20), 0);
    EXPECT_EQ(suggested_extra_copies({2, 9}, 5, 14, 21, 10, 20), 2);
    EXPECT_EQ(last_reader_wait_days({2, 9, 20, 20}, 5, 14), 20);
    // A target shorter than the lead time cannot be met: the fewest copies for the shortest wait.
    // New copies on day 40: readers 3..5 wait 16, 23, 30 with no copy bought; day 40 helps nobody.
    EXPECT_EQ(suggested_extra_copies({2, 9}, 5, 14, 10, 10, 40), 0);
    // Lead 25: one new copy takes reader 5 on day 25 (else 30); a second helps no further.
    EXPECT_EQ(suggested_extra_copies({2, 9}, 5, 14, 10, 10, 25), 1);
    // No copy at all: the new copies are the only ones.
    EXPECT_EQ(suggested_extra_copies({}, 3, 14, 30, 5, 20), 3);  // 2 copies: days 20, 20, 34; 3: 20
    EXPECT_EQ(last_reader_wait_days({20, 20}, 3, 14), 34);
}

TEST_F(Shelf, HoldingsPerStudentByStage) {
    std::vector<cat::ImportEntry> batch(1);
    batch[0].record.title = "初中读本";
    batch[0].record.audience = cat::Audience::Junior;
    batch[0].record.marc = cat::synthesize_cnmarc(batch[0].record);
    for (auto b : {"J01", "J02"}) {
        cat::Item it;
        it.barcode = b;
        batch[0].items.push_back(it);
    }
    lib->catalog().import_batch(batch);
    auto st = lib->stats().reading_stats(2026);
    EXPECT_EQ(st.held_items, 9);
    // 7 shared items split 3 : 1 by enrolment; the 2 junior items go to the one junior student.
    EXPECT_DOUBLE_EQ(st.holdings_per_student_by_stage["primary"], 7.0 * 3 / 4 / 3);
    EXPECT_DOUBLE_EQ(st.holdings_per_student_by_stage["junior"], 2.0 + 7.0 / 4);
    EXPECT_EQ(st.holdings_per_student_by_stage.count("senior"), 0u);
}

TEST_F(Shelf, PeriodicalAndReferenceTitles) {
    auto before = lib->stats().holdings_summary(2026);
    struct Spec {
        const char* title;
        const char* cls;
        bool serial;
    };
    // One serial, two reference titles (a Z dictionary, a G633 teaching reference), one novel.
    std::vector<Spec> specs = {{"少年文艺（期刊）", "I207.8", true},
                               {"新华字典", "Z32", false},
                               {"初中数学教学参考", "G633.6", false},
                               {"长篇小说", "I247.5", false}};
    std::vector<cat::ImportEntry> batch;
    int n = 0;
    for (auto& sp : specs) {
        cat::ImportEntry e;
        e.record.title = sp.title;
        e.record.control_number = std::string("KIND") + std::to_string(++n);
        e.record.clc_class = sp.cls;
        e.record.call_number = std::string(sp.cls) + "/1";
        e.record.marc = cat::synthesize_cnmarc(e.record);
        if (sp.serial) e.record.marc.leader[7] = 's';
        cat::Item it;
        it.barcode = std::string("K0") + std::to_string(n);
        it.call_number = e.record.call_number;
        e.items.push_back(it);
        batch.push_back(std::move(e));
    }
    lib->catalog().import_batch(batch);
    auto h = lib->stats().holdings_summary(2026);
    EXPECT_EQ(h.periodical_titles - before.periodical_titles, 1);
    EXPECT_EQ(h.reference_titles - before.reference_titles, 2);
    EXPECT_EQ(h.books - before.books, 3);  // the periodical's volume is not a book
    // C–K: I247.5 and G633.6; the I207.8 serial is left out.
    EXPECT_EQ(h.by_major_class[2] - before.by_major_class[2], 2);
    EXPECT_EQ(h.by_major_class[4] - before.by_major_class[4], 1);  // Z32
}
