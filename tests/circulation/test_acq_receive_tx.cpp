// Receiving an order is one transaction: the record, its copies and the order change together.
#include <sqlite3.h>

#include "shuxiang/catalog/sqlite/store_sqlite.hpp"

#include "fixture.hpp"

using namespace sxt;

namespace {

long long count(sqlite3* db, const char* sql) {
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &s, nullptr), SQLITE_OK) << sql;
    long long n = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    sqlite3_finalize(s);
    return n;
}

// The library's file through a connection of the test's own (what any other process would see).
long long count(const std::filesystem::path& path, const char* sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
    shuxiang::catalog::register_search_tokenizer(db);  // records_fts uses the store's own tokenizer
    long long n = count(db, sql);
    sqlite3_close(db);
    return n;
}

int exec(const std::filesystem::path& path, const char* sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
    int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
}

struct ReceiveTx : ::testing::Test {
    std::filesystem::path path =
        temp_db(std::string("rtx_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::unique_ptr<LibraryServices> lib = LibraryServices::open(path);
    long long order_id = 0;
    void SetUp() override {
        ASSERT_TRUE(lib->patrons().add(as("admin"), teacher("T1", "赵老师")).ok);
        ASSERT_TRUE(lib->operators().add(as("admin"), {"r2", Role::Reviewer, "", ""}).ok);
        Suggestion s;
        s.by = "T1";
        s.isbn = "9787020123452";
        s.title = "红楼梦";
        s.publisher = "人民文学出版社";
        s.price = 30;
        s.list_price = 30.0;
        s.pages = 300;
        s.copies = 3;
        auto sid = lib->acquisitions().suggest(as("admin"), s);
        ASSERT_TRUE(sid.ok) << sid.message;
        ASSERT_TRUE(lib->acquisitions().review(as("r2"), sid.id, "", "").ok);
        ASSERT_TRUE(lib->acquisitions().set_budget(as("admin"), 2026, 500).ok);
        auto o = lib->acquisitions().order(as("admin", "2026-10-01"), sid.id, "admin");
        ASSERT_TRUE(o.ok) << o.message;
        order_id = o.id;
    }
    void expect_nothing_received() {
        EXPECT_EQ(count(path, "SELECT count(*) FROM records"), 0);
        EXPECT_EQ(count(path, "SELECT count(*) FROM items"), 0);
        EXPECT_EQ(count(path, "SELECT count(*) FROM records_fts WHERE records_fts MATCH '\"红楼\"'"), 0);
        EXPECT_EQ(lib->acquisitions().find_order(order_id)->status, "open");
        EXPECT_EQ(lib->acquisitions().suggestion(lib->acquisitions().find_order(order_id)->suggestion_id)->status, "ordered");
        // A fresh connection sees the same: nothing was committed.
        sqlite3* other = nullptr;
        ASSERT_EQ(sqlite3_open(path.string().c_str(), &other), SQLITE_OK);
        EXPECT_EQ(count(other, "SELECT count(*) FROM items"), 0);
        EXPECT_EQ(count(other, "SELECT count(*) FROM acq_orders WHERE status = 'open'"), 1);
        sqlite3_close(other);
    }
};

}  // namespace

TEST_F(ReceiveTx, DuplicateBarcodeRefusedLeavesNothing) {
    // Neither barcode is stored yet; the second "D1" is the first one given again.
    auto r = lib->acquisitions().receive(as("admin", "2026-10-20"), order_id, delivery({"D1", "D2", "D1"}));
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.code, "barcode_exists");
    expect_nothing_received();
    // The refusal is audited.
    auto audit = lib->admin().audit(1);
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit[0].action, "acq.receive");
    // And a correct receive then works, on the same connection.
    auto ok = lib->acquisitions().receive(as("admin", "2026-10-20"), order_id, delivery({"D1", "D2", "D3"}));
    ASSERT_TRUE(ok.ok) << ok.message;
    EXPECT_EQ(count(path, "SELECT count(*) FROM items WHERE status = 'available'"), 3);
    EXPECT_EQ(count(path, "SELECT count(*) FROM records"), 1);
    EXPECT_EQ(lib->catalog().search("红楼", 5).size(), 1u);
    EXPECT_EQ(lib->acquisitions().find_order(order_id)->status, "received");
}

TEST_F(ReceiveTx, FailureAfterItemsInsertedLeavesNothing) {
    // The order update fails after the record and its copies were stored.
    ASSERT_EQ(exec(path, "CREATE TRIGGER fail_receive BEFORE UPDATE OF status ON acq_orders "
                         "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"),
              SQLITE_OK);
    EXPECT_THROW(lib->acquisitions().receive(as("admin", "2026-10-20"), order_id, delivery({"F1", "F2", "F3"})), std::exception);
    expect_nothing_received();
    ASSERT_EQ(exec(path, "DROP TRIGGER fail_receive"), SQLITE_OK);
    auto ok = lib->acquisitions().receive(as("admin", "2026-10-20"), order_id, delivery({"F1", "F2", "F3"}));
    ASSERT_TRUE(ok.ok) << ok.message;
    EXPECT_EQ(count(path, "SELECT count(*) FROM items"), 3);
}
