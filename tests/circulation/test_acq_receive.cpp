// Receiving (验收) makes a shelvable record: CIP data, a confirmed call number, distinct copy
// numbers; a partial delivery leaves the order open; a v3 library migrates keeping its orders.
#include <sqlite3.h>

#include "fixture.hpp"

using namespace sxt;

namespace {

int exec(const std::filesystem::path& path, const char* sql) {
    FileDb f(path);
    return sqlite3_exec(f.db, sql, nullptr, nullptr, nullptr);
}

struct AcqReceive : ::testing::Test {
    std::filesystem::path path = temp_db(std::string("recv_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<LibraryServices> lib = LibraryServices::open(path);
    void SetUp() override {
        ASSERT_TRUE(lib->patrons().add(as("admin"), teacher("T1", "赵老师")).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), {"r2", Role::Reviewer, "", ""}).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), {"lib2", Role::Librarian, "", "T1"}).ok);
        ASSERT_TRUE(lib->acquisitions().set_budget(as("admin"), 2026, 5000).ok);
    }
    // A suggestion of T1, approved by r2 and ordered by admin; returns the order id.
    long long ordered(const std::string& isbn, const std::string& title, int copies, const std::string& author = "") {
        Suggestion s;
        s.by = "T1";
        s.isbn = isbn;
        s.title = title;
        s.author = author;
        s.publisher = "人民文学出版社";
        s.price = 25;
        s.list_price = 28.0;
        s.copies = copies;
        auto sid = lib->acquisitions().suggest(as("admin"), s);
        EXPECT_TRUE(sid.ok) << sid.message;
        EXPECT_TRUE(lib->acquisitions().review(as("r2"), sid.id, "", "").ok);
        auto o = lib->acquisitions().order(as("admin", "2026-10-01"), sid.id, "admin");
        EXPECT_TRUE(o.ok) << o.message;
        return o.id;
    }
    Result receive(long long order, Receipt r) { return lib->acquisitions().receive(as("admin", "2026-10-20"), order, r); }
    std::vector<int> copy_numbers(long long record) {
        std::vector<int> out;
        for (auto& it : lib->catalog().items_of(record)) out.push_back(it.copy_number);
        return out;
    }
};

}  // namespace

TEST_F(AcqReceive, FirstDeliveryMakesACompleteRecordWithDistinctCopyNumbers) {
    long long o = ordered("9787020123452", "红楼梦", 2, "曹雪芹");
    Receipt r;
    r.barcodes = {"R1", "R2"};
    r.clc_class = "I242.4";
    r.call_number = "I242.4/7";
    r.year = "2020";
    r.price = 59.7;
    auto res = receive(o, r);
    ASSERT_TRUE(res.ok) << res.message;
    auto rec = lib->catalog().record(res.id);
    ASSERT_TRUE(rec);
    EXPECT_EQ(rec->title, "红楼梦");
    EXPECT_EQ(rec->responsibility, "曹雪芹");  // from the suggestion
    EXPECT_EQ(rec->publisher, "人民文学出版社");
    EXPECT_EQ(rec->year, "2020");              // typed at receiving
    EXPECT_EQ(rec->isbns, std::vector<std::string>{"9787020123452"});
    ASSERT_TRUE(rec->price);
    EXPECT_DOUBLE_EQ(*rec->price, 59.7);  // the CIP price overrides the suggestion's list price
    EXPECT_EQ(rec->clc_class, "I242.4");
    EXPECT_EQ(rec->call_number, "I242.4/7");
    EXPECT_EQ(copy_numbers(rec->id), (std::vector<int>{1, 2}));
    for (auto& it : lib->catalog().items_of(rec->id)) {
        EXPECT_EQ(it.call_number, "I242.4/7");
        EXPECT_EQ(cat::to_string(it.status), std::string("available"));
        EXPECT_DOUBLE_EQ(it.price.value_or(0), 25);  // what was paid
    }
    ASSERT_EQ(res.details.size(), 2u);  // one line per copy: barcode, call number, copy number
    EXPECT_NE(res.details[1].find("c.2"), std::string::npos) << res.details[1];
    // The stored record reads back the same after a reopen (MARC and mapped fields agree).
    lib.reset();
    lib = LibraryServices::open(path);
    EXPECT_EQ(lib->catalog().record(res.id)->call_number, "I242.4/7");
    EXPECT_EQ(lib->catalog().record(res.id)->responsibility, "曹雪芹");
    EXPECT_EQ(lib->acquisitions().find_order(o)->status, "received");
}

TEST_F(AcqReceive, ProposedCallNumberIsUsedOnlyWhenConfirmed) {
    add_title(lib->catalog(), "草房子", "I287.45/123", 1, "A");
    add_title(lib->catalog(), "青铜葵花", "I287.45/7", 1, "B");
    add_title(lib->catalog(), "other class", "I287.5/400", 1, "C");
    long long o = ordered("9787020123452", "小英雄雨来", 1);
    Receipt r;
    r.barcodes = {"N1"};
    r.clc_class = "I287.45";
    auto no = receive(o, r);
    EXPECT_FALSE(no.ok);
    EXPECT_EQ(no.code, "confirm_call_number");
    ASSERT_EQ(no.details.size(), 1u);
    EXPECT_EQ(no.details[0], "I287.45/124");
    EXPECT_NE(no.message.find("I287.45/124"), std::string::npos) << no.message;  // shown to the librarian
    EXPECT_EQ(lib->catalog().record_count(), 3);                                  // nothing written
    EXPECT_FALSE(lib->catalog().item_by_barcode("N1"));
    EXPECT_EQ(lib->acquisitions().find_order(o)->status, "open");
    EXPECT_EQ(lib->acquisitions().propose_call_number("I287.45"), "I287.45/124");
    auto audit = lib->admin().audit(1);
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].outcome, "refused");
    r.accept_call_number = true;
    auto yes = receive(o, r);
    ASSERT_TRUE(yes.ok) << yes.message;
    EXPECT_EQ(lib->catalog().record(yes.id)->call_number, "I287.45/124");
    EXPECT_EQ(lib->catalog().item_by_barcode("N1")->call_number, "I287.45/124");
    EXPECT_EQ(lib->acquisitions().propose_call_number("I287.45"), "I287.45/125");  // the next title gets the next number
}

TEST_F(AcqReceive, ARecordWithoutClassOrWithABadCallNumberIsRefused) {
    add_title(lib->catalog(), "草房子", "I287.45/123", 1, "A");
    long long o = ordered("9787020123452", "小英雄雨来", 1);
    Receipt r;
    r.barcodes = {"N1"};
    r.accept_call_number = true;
    EXPECT_EQ(receive(o, r).code, "no_class");
    r.clc_class = "历史";
    EXPECT_EQ(receive(o, r).code, "bad_class");
    r.clc_class = "I287.45";
    r.call_number = "I287.45";  // no book number
    EXPECT_EQ(receive(o, r).code, "bad_call_number");
    r.call_number = "K825.6/3";  // another main class
    EXPECT_EQ(receive(o, r).code, "call_number_class");
    r.call_number = "I287.45/123";  // 草房子's
    auto taken = receive(o, r);
    EXPECT_EQ(taken.code, "call_number_taken");
    EXPECT_NE(taken.message.find("草房子"), std::string::npos) << taken.message;
    EXPECT_EQ(lib->catalog().record_count(), 1);
    // A typed call number alone gives the class.
    r.clc_class.clear();
    r.call_number = "I287.45/200";
    auto ok = receive(o, r);
    ASSERT_TRUE(ok.ok) << ok.message;
    EXPECT_EQ(lib->catalog().record(ok.id)->clc_class, "I287.45");
}

TEST_F(AcqReceive, PartialDeliveryKeepsTheOrderOpenUntilTheRestComes) {
    long long o = ordered("9787020123452", "红楼梦", 3);
    auto first = receive(o, delivery({"P1", "P2"}));
    ASSERT_TRUE(first.ok) << first.message;
    auto ord = lib->acquisitions().find_order(o);
    EXPECT_EQ(ord->status, "partially_received");
    EXPECT_EQ(ord->received, 2);
    EXPECT_EQ(ord->record_id, first.id);
    EXPECT_EQ(lib->acquisitions().suggestion(ord->suggestion_id)->status, "ordered");
    ASSERT_EQ(lib->acquisitions().orders("partially_received").size(), 1u);
    EXPECT_TRUE(lib->acquisitions().orders("open").empty());
    // More than the order lacks is refused with the numbers.
    auto over = receive(o, delivery({"P3", "P4"}));
    EXPECT_EQ(over.code, "over_delivery");
    EXPECT_NE(over.message.find('3'), std::string::npos) << over.message;
    // The rest goes onto the same record with the next copy number; its call number stands.
    Receipt rest;
    rest.barcodes = {"P3"};
    auto second = receive(o, rest);
    ASSERT_TRUE(second.ok) << second.message;
    EXPECT_EQ(second.id, first.id);
    EXPECT_EQ(copy_numbers(first.id), (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(lib->catalog().item_by_barcode("P3")->call_number, lib->catalog().record(first.id)->call_number);
    ord = lib->acquisitions().find_order(o);
    EXPECT_EQ(ord->status, "received");
    EXPECT_EQ(ord->received, 3);
    EXPECT_EQ(lib->acquisitions().suggestion(ord->suggestion_id)->status, "received");
    EXPECT_EQ(receive(o, delivery({"P9"})).code, "order_received");
    // Each step audited with who and how many.
    std::vector<std::string> ok_details;
    for (auto& a : lib->admin().audit(20))
        if (a.action == "acq.receive" && a.outcome == "ok") {
            ok_details.push_back(a.detail);
            EXPECT_EQ(a.op, "admin");
            EXPECT_EQ(a.target, std::to_string(o));
        }
    ASSERT_EQ(ok_details.size(), 2u);  // newest first
    EXPECT_NE(ok_details[0].find("3/3"), std::string::npos) << ok_details[0];
    EXPECT_NE(ok_details[1].find("2/3"), std::string::npos) << ok_details[1];
}

TEST_F(AcqReceive, CopiesOfAnIsbnAlreadyHeldGoOntoItsRecord) {
    long long held = add_title(lib->catalog(), "红楼梦", "I242.4/3", 2, "H", "2020-03-01", "2019", "9787020123452");
    long long o = ordered("9787020123452", "红楼梦", 2);
    Receipt r;
    r.barcodes = {"N1", "N2"};
    r.publisher = "中华书局";  // the record has none: filled in
    auto res = receive(o, r);
    ASSERT_TRUE(res.ok) << res.message;
    EXPECT_EQ(res.id, held);
    EXPECT_EQ(lib->catalog().record_count(), 1);
    EXPECT_EQ(copy_numbers(held), (std::vector<int>{1, 2, 3, 4}));
    EXPECT_EQ(lib->catalog().item_by_barcode("N2")->call_number, "I242.4/3");
    EXPECT_EQ(lib->catalog().record(held)->publisher, "中华书局");
    // Typed data that contradicts the record is refused, naming both values.
    long long o2 = ordered("9787020123452", "红楼梦", 1);
    Receipt bad;
    bad.barcodes = {"N3"};
    bad.call_number = "I242.4/9";
    auto differs = receive(o2, bad);
    EXPECT_EQ(differs.code, "record_differs");
    EXPECT_NE(differs.message.find("I242.4/3"), std::string::npos) << differs.message;
    EXPECT_NE(differs.message.find("I242.4/9"), std::string::npos) << differs.message;
    bad.call_number = "I242.4/3";  // the same value is fine
    EXPECT_TRUE(receive(o2, bad).ok);
    EXPECT_EQ(copy_numbers(held), (std::vector<int>{1, 2, 3, 4, 5}));
}

TEST_F(AcqReceive, PurchaserRulesStillHold) {
    // 谁采购谁审核: lib2 answers for T1 and may not buy T1's suggestion; receiving needs the role.
    Suggestion s;
    s.by = "T1";
    s.isbn = "9787020123452";
    s.title = "红楼梦";
    s.price = 25;
    s.copies = 1;
    auto sid = lib->acquisitions().suggest(as("admin"), s);
    ASSERT_TRUE(lib->acquisitions().review(as("r2"), sid.id, "", "").ok);
    EXPECT_EQ(lib->acquisitions().order(as("lib2"), sid.id, "lib2").code, "four_eyes");
    auto o = lib->acquisitions().order(as("admin"), sid.id, "admin");
    ASSERT_TRUE(o.ok);
    EXPECT_EQ(lib->acquisitions().receive(as("r2"), o.id, delivery({"N1"})).code, "not_permitted");
}

TEST_F(AcqReceive, VersionThreeLibraryMigratesKeepingItsOrders) {
    long long done = ordered("9787020123452", "红楼梦", 2);
    ASSERT_TRUE(receive(done, delivery({"R1", "R2"})).ok);
    long long open = ordered("9787020000012", "围城", 2);
    lib.reset();
    // Back to the version-3 tables, as the previous Shuxiang left them (its orders had no count).
    ASSERT_EQ(exec(path, "ALTER TABLE acq_orders DROP COLUMN received; ALTER TABLE acq_orders DROP COLUMN record_id;"
                         "ALTER TABLE acq_suggestions DROP COLUMN author; ALTER TABLE acq_suggestions DROP COLUMN year;"
                         "ALTER TABLE acq_suggestions DROP COLUMN clc_class; DROP TABLE reading_list_entries;"
                         "DROP TABLE reading_lists; DROP TABLE reading_activities; UPDATE circ_schema SET version = 3;"),
              SQLITE_OK);
    lib = LibraryServices::open(path);
    EXPECT_EQ(lib->repository().schema_version(), 7);
    auto d = lib->acquisitions().find_order(done);
    EXPECT_EQ(d->status, "received");
    EXPECT_EQ(d->received, 2);  // a received order counts all its copies
    auto op = lib->acquisitions().find_order(open);
    EXPECT_EQ(op->status, "open");
    EXPECT_EQ(op->received, 0);
    EXPECT_EQ(lib->acquisitions().suggestion(op->suggestion_id)->title, "围城");
    EXPECT_EQ(lib->acquisitions().orders().size(), 2u);
    auto r = receive(open, delivery({"W1"}));
    ASSERT_TRUE(r.ok) << r.message;
    EXPECT_EQ(lib->acquisitions().find_order(open)->status, "partially_received");
}

TEST_F(AcqReceive, CopyLeftInProcessingByAnOlderReceiveIsReceivedAgain) {
    // An older Shuxiang stored the record and a copy in processing, then stopped.
    std::vector<cat::ImportEntry> batch(1);
    batch[0].record.title = "红楼梦";
    batch[0].record.isbns = {"9787020123452"};
    batch[0].record.clc_class = "I242.4";
    batch[0].record.call_number = "I242.4/3";
    batch[0].record.marc = cat::synthesize_cnmarc(batch[0].record);
    cat::Item left;
    left.barcode = "L1";
    left.status = cat::ItemStatus::InProcessing;
    batch[0].items.push_back(left);
    lib->catalog().import_batch(batch);
    add_title(lib->catalog(), "other", "I242.4/4", 1, "X");
    long long o = ordered("9787020123452", "红楼梦", 2);
    EXPECT_EQ(receive(o, delivery({"X1", "L2"})).code, "barcode_exists");  // a copy of another record
    auto res = receive(o, delivery({"L1", "L2"}));
    ASSERT_TRUE(res.ok) << res.message;
    EXPECT_EQ(res.id, batch[0].record.id);
    EXPECT_EQ(cat::to_string(lib->catalog().item_by_barcode("L1")->status), std::string("available"));
    EXPECT_EQ(copy_numbers(res.id), (std::vector<int>{1, 2}));
    EXPECT_EQ(lib->acquisitions().find_order(o)->received, 2);
}
