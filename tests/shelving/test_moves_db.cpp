#include <gtest/gtest.h>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>

#include "fixtures.hpp"
#include "shuxiang/catalog/sqlite/store_sqlite.hpp"
#include "shuxiang/shelving/db.hpp"
#include "shuxiang/shelving/moves.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"
#include "support/input_error.hpp"

using namespace shuxiang;
using namespace shuxiang::shelving;
using shuxiang::test::item;
using shuxiang::test::one_room_plan;
using shuxiang::test::piece;
using shuxiang::test::test_catalog;

namespace {

std::vector<ShelfItem> twelve() {
    std::vector<ShelfItem> v;
    for (int j = 0; j < 12; ++j) v.push_back(item(j, "I247/" + std::to_string(j + 1)));
    return v;
}

}  // namespace

TEST(Moves, SameLayoutMovesNothing) {
    auto secs = build_sections(one_room_plan({piece("R1", "t_double", 2, 2)}), test_catalog());
    auto a = assign(secs, twelve());
    auto m = plan_moves(a, a);
    EXPECT_EQ(m.moved, 0);
    EXPECT_EQ(m.stay, 12);
    EXPECT_TRUE(m.runs.empty());
}

TEST(Moves, SecondRangeHandWorked) {
    // Old: one range, 4 sections × 6 = 24 slots, 12 books at slots 2j → 3 per section.
    // New: two ranges, 48 slots, books at 4j → R1/1/1 {0,1} R1/1/2 {2} R1/2/1 {3,4} R1/2/2 {5}
    // R2/1/1 {6,7} R2/1/2 {8} R2/2/1 {9,10} R2/2/2 {11}. Books 0 and 1 stay; the rest go in 7 runs.
    auto oldp = one_room_plan({piece("R1", "t_double", 2, 2)});
    auto newp = one_room_plan({piece("R1", "t_double", 2, 2), piece("R2", "t_double", 2, 5)});
    auto a = assign(build_sections(oldp, test_catalog()), twelve());
    auto b = assign(build_sections(newp, test_catalog()), twelve());
    auto m = plan_moves(a, b);
    EXPECT_EQ(m.moved, 10);
    EXPECT_EQ(m.stay, 2);
    EXPECT_EQ(m.added, 0);
    EXPECT_EQ(m.removed, 0);
    struct R {
        const char* from;
        const char* to;
        int count;
        const char* first;
    };
    std::vector<R> want = {{"R1/1/1", "R1/1/2", 1, "I247/3"}, {"R1/1/2", "R1/2/1", 2, "I247/4"},
                           {"R1/1/2", "R1/2/2", 1, "I247/6"}, {"R1/2/1", "R2/1/1", 2, "I247/7"},
                           {"R1/2/1", "R2/1/2", 1, "I247/9"}, {"R1/2/2", "R2/2/1", 2, "I247/10"},
                           {"R1/2/2", "R2/2/2", 1, "I247/12"}};
    ASSERT_EQ(m.runs.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(m.runs[i].from, want[i].from) << i;
        EXPECT_EQ(m.runs[i].to, want[i].to) << i;
        EXPECT_EQ(m.runs[i].count, want[i].count) << i;
        EXPECT_EQ(m.runs[i].first_call, want[i].first) << i;
    }
    EXPECT_EQ(m.runs[1].last_call, "I247/5");
}

TEST(Moves, CollectionChangeCountsAddedAndRemoved) {
    auto secs = build_sections(one_room_plan({piece("R1", "t_double", 2, 2)}), test_catalog());
    auto items = twelve();
    auto a = assign(secs, items);
    // Withdraw book 11 (the last) and add one that shelves last: only the end changes.
    items.pop_back();
    items.push_back(item(50, "I247/99"));
    auto b = assign(secs, items);
    auto m = plan_moves(a, b);
    EXPECT_EQ(m.removed, 1);
    EXPECT_EQ(m.added, 1);
    EXPECT_EQ(m.moved, 0);
    ASSERT_EQ(m.runs.size(), 1u);
    EXPECT_EQ(m.runs[0].from, "");
    EXPECT_EQ(m.runs[0].to, "R1/2/2");
}

class ShelvingDb : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("sx_shelving_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        db_ = dir_ / "library.db";
        auto store = catalog::open_sqlite_store(db_);
        std::vector<catalog::ImportEntry> batch;
        auto add = [&](std::string title, std::string call, std::vector<std::pair<std::string, catalog::ItemStatus>> copies,
                       catalog::Audience aud = catalog::Audience::Unknown, bool serial = false) {
            catalog::ImportEntry e;
            e.record.title = title;
            e.record.call_number = call;
            e.record.audience = aud;
            e.record.marc.leader = serial ? "00000nas  2200000   4500" : "00000nam  2200000   4500";
            for (auto& [bc, st] : copies) {
                catalog::Item it;
                it.barcode = bc;
                it.status = st;
                e.items.push_back(it);
            }
            batch.push_back(std::move(e));
        };
        add("红楼梦", "I242.4/1", {{"B1", catalog::ItemStatus::Available}, {"B2", catalog::ItemStatus::Withdrawn}});
        add("论语译注", "B222.2/5", {{"B3", catalog::ItemStatus::OnLoan}, {"B4", catalog::ItemStatus::Lost}});
        add("猜猜我有多爱你", "I561.85/7", {{"B5", catalog::ItemStatus::Available}}, catalog::Audience::Preschool);
        add("少年文艺", "", {{"B6", catalog::ItemStatus::Available}}, catalog::Audience::Unknown, true);
        store->import_batch(batch);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
    std::filesystem::path db_;
};

TEST_F(ShelvingDb, LoadsHeldCopiesClassified) {
    auto items = load_items(db_);
    ASSERT_EQ(items.size(), 4u);  // B2 withdrawn and B4 lost are left out
    std::map<std::string, SectionKind> kind;
    for (const auto& i : items) kind[i.call_number] = i.kind;
    EXPECT_EQ(kind["I242.4/1"], SectionKind::General);
    EXPECT_EQ(kind["B222.2/5"], SectionKind::General);
    EXPECT_EQ(kind["I561.85/7"], SectionKind::PictureBook);
    EXPECT_EQ(kind[""], SectionKind::Periodical);
}

TEST_F(ShelvingDb, SaveAndLoadRoundTrip) {
    EXPECT_FALSE(load_assignment(db_).has_value());
    auto secs = build_sections(one_room_plan({piece("R1", "t_double", 2, 2)}), test_catalog());
    auto a = assign(secs, load_items(db_));
    ASSERT_EQ(a.placed.size(), 3u);
    ASSERT_EQ(a.unplaced.size(), 1u);  // the periodical: no rack in this plan
    save_assignment(db_, a);
    auto b = load_assignment(db_);
    ASSERT_TRUE(b.has_value());
    ASSERT_EQ(b->sections.size(), 4u);
    for (std::size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(b->sections[i].id, a.sections[i].id);
        EXPECT_EQ(b->sections[i].capacity, 8);
        EXPECT_EQ(b->fills[i].count, a.fills[i].count);
        EXPECT_EQ(b->fills[i].first_call, a.fills[i].first_call);
    }
    ASSERT_EQ(b->placed.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(b->placed[i].item_id, a.placed[i].item_id);
        EXPECT_EQ(b->placed[i].section, a.placed[i].section);
        EXPECT_EQ(b->placed[i].level, a.placed[i].level);
    }
    EXPECT_EQ(b->unplaced[0].reason, "shelving.reason.no_periodical_rack");
    EXPECT_EQ(plan_moves(a, *b).moved, 0);
    // 3 books over 24 slots: B (slot 0) in R1/1/1; I242.4 (8), I561.85 (16) further along.
    auto store = catalog::open_sqlite_store(db_);
    EXPECT_EQ(store->item_by_barcode("B3")->location, "R1/1/1");
    EXPECT_EQ(store->item_by_barcode("B1")->location, "R1/1/2");
    EXPECT_EQ(store->item_by_barcode("B5")->location, "R1/2/1");
    EXPECT_EQ(store->item_by_barcode("B6")->location, "");
    // Saving again replaces, not appends.
    save_assignment(db_, a);
    EXPECT_EQ(load_assignment(db_)->placed.size(), 3u);
}

TEST_F(ShelvingDb, BadInputs) {
    std::ofstream(dir_ / "not.db") << "this is not a database, just text long enough to fail the header check.....";
    EXPECT_THROW(load_items(dir_ / "not.db"), InputError);
    EXPECT_THROW(load_assignment(dir_ / "not.db"), InputError);
    // A newer shelving schema is refused rather than misread.
    save_assignment(db_, assign({}, {}));
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
    sqlite3_exec(raw, "UPDATE shelving_meta SET value = '99' WHERE key = 'schema_version'", nullptr, nullptr, nullptr);
    sqlite3_close(raw);
    auto load = [&] { load_assignment(db_); };
    const InputError e = test::input_error_of(load);
    EXPECT_EQ(e.file(), db_.string());
    EXPECT_EQ(e.where(), "shelving_meta/schema_version");
    EXPECT_EQ(test::messages_zh_en(load),
              (std::pair<std::string, std::string>{"由较新版本的书香写入（schema 99），本程序最多能读取 schema 1",
                                                   "written by a newer Shuxiang (schema 99); this program reads up to 1"}));
    EXPECT_EQ(test::input_error_of([&] { save_assignment(db_, assign({}, {})); }).message(),
              trf("common.json.newer_schema", {"99", "1"}));
}

TEST(Moves, StableLayoutKeepsOldSectionsWhenARangeIsAdded) {
    // 20 books over R1's 24 slots: fresh spread puts 5 in each section. A new range in front of R1
    // (row y=1, read first): a fresh layout spreads them at slots ⌊2.4j⌋ of 48, so only books 18 and
    // 19 (slots 43, 45: R1/2/2, as before) stay and 18 move; shifting boundaries moves none.
    auto oldp = one_room_plan({piece("R1", "t_double", 2, 2)});
    auto newp = one_room_plan({piece("R0", "t_double", 2, 1), piece("R1", "t_double", 2, 2)});
    std::vector<ShelfItem> items;
    for (int j = 0; j < 20; ++j) items.push_back(item(j, "I247/" + std::to_string(j + 1)));
    auto a = assign(build_sections(oldp, test_catalog()), items);
    for (int s = 0; s < 4; ++s) EXPECT_EQ(a.fills[static_cast<std::size_t>(s)].count, 5);
    auto fresh = assign(build_sections(newp, test_catalog()), items);
    EXPECT_EQ(plan_moves(a, fresh).moved, 18);
    auto prev = places(a);
    AssignOptions o;
    o.previous = &prev;
    auto stable = assign(build_sections(newp, test_catalog()), items, o);
    auto m = plan_moves(a, stable);
    EXPECT_EQ(m.moved, 0);
    EXPECT_EQ(m.stay, 20);
}

TEST(Moves, StableLayoutWhenARangeIsRemovedHandWorked) {
    // Old R1 + R2, 12 books: R1/1/1 {0,1} R1/1/2 {2} R1/2/1 {3,4} R1/2/2 {5} R2/1/1 {6,7} R2/1/2 {8}
    // R2/2/1 {9,10} R2/2/2 {11}. New: R1 alone, targets 6. R1/2/2 must take the last 6 (6..11), so
    // R1/2/1 takes 3,4,5: book 5 moves back one section, R2's six books come to R1/2/2. 7 moves,
    // the fewest possible (book 5 cannot stay: R1/2/2 would need 7).
    auto oldp = one_room_plan({piece("R1", "t_double", 2, 2), piece("R2", "t_double", 2, 5)});
    auto newp = one_room_plan({piece("R1", "t_double", 2, 2)});
    auto a = assign(build_sections(oldp, test_catalog()), twelve());
    auto prev = places(a);
    AssignOptions o;
    o.previous = &prev;
    auto b = assign(build_sections(newp, test_catalog()), twelve(), o);
    EXPECT_TRUE(b.unplaced.empty());
    auto m = plan_moves(a, b);
    EXPECT_EQ(m.moved, 7);
    EXPECT_EQ(m.stay, 5);
    struct R {
        const char* from;
        const char* to;
        int count;
    };
    std::vector<R> want = {{"R1/2/2", "R1/2/1", 1}, {"R2/1/1", "R1/2/2", 2}, {"R2/1/2", "R1/2/2", 1},
                           {"R2/2/1", "R1/2/2", 2}, {"R2/2/2", "R1/2/2", 1}};
    ASSERT_EQ(m.runs.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        EXPECT_EQ(m.runs[i].from, want[i].from) << i;
        EXPECT_EQ(m.runs[i].to, want[i].to) << i;
        EXPECT_EQ(m.runs[i].count, want[i].count) << i;
    }
    for (const auto& f : b.fills) EXPECT_LE(f.count, 6);
}
