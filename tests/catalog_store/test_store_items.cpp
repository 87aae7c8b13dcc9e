// The store as the only writer of copies: the item operations circulation uses, alone and inside
// a caller's transaction on a shared connection.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include "shuxiang/catalog/sqlite/store_sqlite.hpp"
#include "store_fixtures.hpp"

using namespace shuxiang::catalog;
using sx_test::book;
using sx_test::ScratchDb;

namespace {

long long load_two(Store& st) {
    std::vector<ImportEntry> b{book("c1", "草房子", "I287.45/12", {"B001", "B002"}), book("c2", "青铜葵花", "I287.45/13", {})};
    st.import_batch(b);
    return b[0].record.id;
}

}  // namespace

TEST(StoreItems, SetStateChangesStatusAndLocation) {
    ScratchDb t;
    auto st = open_store(t.path);
    load_two(*st);
    auto b1 = st->item_by_barcode("B001");
    ASSERT_TRUE(b1);
    EXPECT_TRUE(st->set_item_state(b1->id, ItemStatus::OnLoan));
    EXPECT_EQ(st->item(b1->id)->status, ItemStatus::OnLoan);
    EXPECT_EQ(st->item(b1->id)->location, "");
    EXPECT_TRUE(st->set_item_state(b1->id, ItemStatus::Available, std::string("corner-3A")));
    auto after = st->item(b1->id);
    EXPECT_EQ(after->status, ItemStatus::Available);
    EXPECT_EQ(after->location, "corner-3A");
    EXPECT_EQ(st->item_by_barcode("B002")->status, ItemStatus::Available);  // only the one copy
    EXPECT_FALSE(st->set_item_state(999999, ItemStatus::Lost));
    EXPECT_FALSE(st->item(999999));
}

TEST(StoreItems, AddItemsContinuesCopyNumbers) {
    ScratchDb t;
    auto st = open_store(t.path);
    long long rid = load_two(*st);
    std::vector<Item> more(2);
    more[0].barcode = "B010";
    more[1].barcode = "B011";
    more[1].status = ItemStatus::InProcessing;
    auto r = st->add_items(rid, more, "lib1");
    ASSERT_TRUE(r.ok) << r.code;
    EXPECT_EQ(more[0].copy_number, 3);
    EXPECT_EQ(more[1].copy_number, 4);
    EXPECT_GT(more[1].id, more[0].id);
    auto items = st->items_of(rid);
    ASSERT_EQ(items.size(), 4u);
    EXPECT_EQ(items[3].barcode, "B011");
    EXPECT_EQ(items[3].status, ItemStatus::InProcessing);
    EXPECT_EQ(items[3].call_number, "I287.45/12");  // the record's when none given
    // A record without copies starts at 1.
    long long second = st->records_by_call_number_prefix("I287.45/13", 1).at(0);
    std::vector<Item> one(1);
    one[0].barcode = "B020";
    ASSERT_TRUE(st->add_items(second, one, "lib1").ok);
    EXPECT_EQ(one[0].copy_number, 1);
}

TEST(StoreItems, AddItemsAllOrNothing) {
    ScratchDb t;
    auto st = open_store(t.path);
    long long rid = load_two(*st);
    std::vector<Item> dup(2);
    dup[0].barcode = "B030";
    dup[1].barcode = "B001";  // stored already
    auto r = st->add_items(rid, dup, "lib1");
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.code, "barcode_exists");
    EXPECT_EQ(r.args, std::vector<std::string>{"B001"});
    EXPECT_FALSE(st->item_by_barcode("B030"));
    dup[1].barcode = "B030";  // given twice
    EXPECT_EQ(st->add_items(rid, dup, "lib1").code, "barcode_exists");
    dup[1].barcode = "";
    EXPECT_EQ(st->add_items(rid, dup, "lib1").code, "empty_barcode");
    EXPECT_EQ(st->add_items(424242, dup, "lib1").code, "unknown_record");
    EXPECT_EQ(st->item_count(), 2);
}

TEST(StoreItems, DeleteItemRefusesACopyOnLoan) {
    ScratchDb t;
    auto st = open_store(t.path);
    load_two(*st);
    auto b1 = *st->item_by_barcode("B001");
    st->set_item_state(b1.id, ItemStatus::OnLoan);
    auto r = st->delete_item(b1.id, "lib1");
    EXPECT_FALSE(r.ok);
    EXPECT_EQ(r.code, "item_on_loan");
    EXPECT_TRUE(st->item(b1.id));
    st->set_item_state(b1.id, ItemStatus::Available);
    EXPECT_TRUE(st->delete_item(b1.id, "lib1").ok);
    EXPECT_FALSE(st->item(b1.id));
    EXPECT_EQ(st->delete_item(b1.id, "lib1").code, "unknown_item");
    EXPECT_EQ(st->item_count(), 1);
}

// Circulation holds its own connection and transaction: the store's writes join it and go with
// its commit or rollback.
TEST(StoreItems, WritesJoinTheCallersTransaction) {
    ScratchDb t;
    long long rid = 0;
    {
        auto st = open_store(t.path);
        rid = load_two(*st);
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(t.path.string().c_str(), &db), SQLITE_OK);
    {
        auto st = open_sqlite_store(db);
        auto b1 = *st->item_by_barcode("B001");
        ASSERT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
        EXPECT_TRUE(st->set_item_state(b1.id, ItemStatus::OnLoan));
        std::vector<Item> more(1);
        more[0].barcode = "B040";
        EXPECT_TRUE(st->add_items(rid, more, "lib1").ok);
        EXPECT_TRUE(st->delete_item(st->item_by_barcode("B002")->id, "lib1").ok);
        EXPECT_EQ(sqlite3_get_autocommit(db), 0);  // still the caller's transaction
        ASSERT_EQ(sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);
        EXPECT_EQ(st->item(b1.id)->status, ItemStatus::Available);
        EXPECT_FALSE(st->item_by_barcode("B040"));
        EXPECT_TRUE(st->item_by_barcode("B002"));

        ASSERT_EQ(sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
        EXPECT_TRUE(st->set_item_state(b1.id, ItemStatus::OnLoan));
        ASSERT_EQ(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
    }
    sqlite3_close(db);
    auto again = open_store(t.path);
    EXPECT_EQ(again->item_by_barcode("B001")->status, ItemStatus::OnLoan);
}
