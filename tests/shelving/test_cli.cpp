#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fixtures.hpp"
#include "support/process.hpp"
#include "shuxiang/catalog/store.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/shelving/db.hpp"

using namespace shuxiang;
using shuxiang::test::piece;
using shuxiang::test::run_shuxiang;

namespace {

class ShelveCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("sx_shelve_cli_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        db_ = (dir_ / "lib.db").string();
        // 40 primary students × 25 books = 1,000 copies.
        auto r = run_shuxiang("catalog demo --db " + db_ + " --students 40");
        ASSERT_EQ(r.code, 0) << r.out;
        // Two double-faced primary ranges: 2 × 2 faces × 3 sections × (0.9 m × 4 / 25 mm = 144) books.
        auto p = test::one_room_plan({piece("A", "shelf_double_primary_1200", 2, 2, "A1"),
                                      piece("B", "shelf_double_primary_1200", 2, 5, "A2")});
        p.school.name = "测试小学";
        plan_ = (dir_ / "plan.sxplan.json").string();
        plan::save_plan(plan_, p);
        // The same room with range B cut from 3 sections to 2: 10 sections × 108 still hold them all.
        auto small = p;
        small.levels[0].furniture[1].sections = 2;
        small_ = (dir_ / "small.sxplan.json").string();
        plan::save_plan(small_, small);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
    std::string db_, plan_, small_;
};

}  // namespace

TEST_F(ShelveCli, ShelveLocateSigns) {
    auto r = run_shuxiang("shelve --plan " + plan_ + " --db " + db_ + " --json");
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["sections"], 12);
    EXPECT_EQ(j["capacity"], 12 * 144);
    EXPECT_EQ(j["target"], 12 * 108);
    auto held = shelving::load_items(db_);
    EXPECT_EQ(j["placed"].get<std::size_t>() + j["unplaced_count"].get<std::size_t>(), held.size());
    // 1,296 slots at 75 % hold the ~1,000 held copies.
    EXPECT_EQ(j["unplaced_count"], 0);
    for (const auto& s : j["section_list"]) EXPECT_LE(s["count"].get<int>(), 108);

    auto stored = shelving::load_assignment(db_);
    ASSERT_TRUE(stored);
    const auto& first = stored->placed.front();
    // Locate the first copy on the path by its barcode.
    std::string barcode;
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(raw, "SELECT barcode FROM items WHERE id = ?", -1, &st, nullptr);
        sqlite3_bind_int64(st, 1, first.item_id);
        if (sqlite3_step(st) == SQLITE_ROW) barcode = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        sqlite3_finalize(st);
        sqlite3_close(raw);
    }
    ASSERT_FALSE(barcode.empty());
    auto l = run_shuxiang("locate --plan " + plan_ + " --db " + db_ + " " + barcode + " --json");
    ASSERT_EQ(l.code, 0) << l.out;
    auto lj = nlohmann::json::parse(l.out);
    bool found = false;
    for (const auto& row : lj)
        if (row["barcode"] == barcode) {
            found = true;
            EXPECT_EQ(row["section"], "A/1/1");
            EXPECT_EQ(row["room"], "stacks");
            EXPECT_EQ(row["range_label"], "A1");
            EXPECT_EQ(row["shelf_level"], 1);
        }
    EXPECT_TRUE(found) << l.out;
    auto text = run_shuxiang("locate --plan " + plan_ + " --db " + db_ + " " + barcode);
    EXPECT_NE(text.out.find("A1"), std::string::npos) << text.out;

    auto s = run_shuxiang("signs --plan " + plan_ + " --db " + db_ + " --out " + (dir_ / "signs").string());
    ASSERT_EQ(s.code, 0) << s.out;
    std::ifstream in(dir_ / "signs" / "signs-a4.html");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string html = ss.str();
    EXPECT_NE(html.find("size:A4"), std::string::npos);
    EXPECT_NE(html.find("测试小学"), std::string::npos);
    EXPECT_NE(html.find(stored->fills.front().first_call), std::string::npos);
    EXPECT_NE(html.find("I 文学"), std::string::npos);
    EXPECT_TRUE(std::filesystem::exists(dir_ / "signs" / "labels-a4.html"));
}

TEST_F(ShelveCli, MovesAndKeep) {
    ASSERT_EQ(run_shuxiang("shelve --plan " + plan_ + " --db " + db_).code, 0);
    // Same plan: nothing moves.
    auto same = run_shuxiang("shelve moves --from " + plan_ + " --to " + plan_ + " --db " + db_ + " --json");
    ASSERT_EQ(same.code, 0) << same.out;
    EXPECT_EQ(nlohmann::json::parse(same.out)["moved"], 0);
    // Shortening range B: its last sections' books must move; shifting boundaries moves fewer than a fresh layout.
    auto stable = nlohmann::json::parse(run_shuxiang("shelve moves --from " + plan_ + " --to " + small_ + " --db " + db_ + " --json").out);
    auto fresh = nlohmann::json::parse(
        run_shuxiang("shelve moves --from " + plan_ + " --to " + small_ + " --db " + db_ + " --json --fresh").out);
    EXPECT_EQ(stable["removed"], 0);
    EXPECT_GT(stable["moved"].get<int>(), 0);
    EXPECT_LT(stable["moved"].get<int>(), fresh["moved"].get<int>());
    // Re-shelving the same plan with --keep moves nothing.
    auto keep = run_shuxiang("shelve --plan " + plan_ + " --db " + db_ + " --keep --json");
    ASSERT_EQ(keep.code, 0) << keep.out;
    EXPECT_EQ(nlohmann::json::parse(keep.out)["moved"], 0);
}

TEST_F(ShelveCli, BadInputs) {
    auto missing = run_shuxiang("shelve --plan " + plan_ + " --db " + (dir_ / "none.db").string());
    EXPECT_EQ(missing.code, 2) << missing.out;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "none.db"));
    EXPECT_EQ(run_shuxiang("shelve --plan " + plan_ + " --db " + db_ + " --fill 1.5").code, 2);
    EXPECT_EQ(run_shuxiang("shelve --plan " + plan_ + " --db " + db_ + " --fill 0").code, 2);
    EXPECT_EQ(run_shuxiang("shelve --plan " + (dir_ / "nope.json").string() + " --db " + db_).code, 2);
    EXPECT_EQ(run_shuxiang("shelve --db " + db_).code, 2);
    std::ofstream(dir_ / "broken.sxplan.json") << "{ \"schema_version\": 2, ";
    auto broken = run_shuxiang("shelve --plan " + (dir_ / "broken.sxplan.json").string() + " --db " + db_);
    EXPECT_EQ(broken.code, 2);
    EXPECT_NE(broken.out.find("broken.sxplan.json"), std::string::npos) << broken.out;
    // Locating or printing signs before shelving says so.
    auto early = run_shuxiang("locate --plan " + plan_ + " --db " + db_ + " I247");
    EXPECT_EQ(early.code, 2) << early.out;
    EXPECT_EQ(run_shuxiang("signs --plan " + plan_ + " --db " + db_ + " --out " + (dir_ / "s").string()).code, 2);
    ASSERT_EQ(run_shuxiang("shelve --plan " + plan_ + " --db " + db_).code, 0);
    EXPECT_EQ(run_shuxiang("locate --plan " + plan_ + " --db " + db_ + " zzzzqqq").code, 1);
    // A plan other than the shelved one: locate still answers from the database, with a warning.
    auto stale = run_shuxiang("locate --plan " + small_ + " --db " + db_ + " S00000002");
    EXPECT_EQ(stale.code, 0);
    EXPECT_NE(stale.out.find("shuxiang shelve"), std::string::npos) << stale.out.substr(0, 300);
}

TEST_F(ShelveCli, StocktakeOfOneRangeSaysWhereMisplacedCopiesBelong) {
    ASSERT_EQ(run_shuxiang("shelve --plan " + plan_ + " --db " + db_).code, 0);
    auto stored = shelving::load_assignment(db_);
    ASSERT_TRUE(stored);
    // Barcodes and statuses of the copies assigned to range A and to range B.
    std::vector<std::string> on_a, on_b;
    std::map<std::string, std::pair<std::string, int>> where;  // barcode -> section id, level
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(raw, "SELECT barcode, status FROM items WHERE id = ?", -1, &st, nullptr);
        for (const auto& p : stored->placed) {
            if (p.section < 0) continue;
            const auto& sec = stored->sections[static_cast<std::size_t>(p.section)];
            sqlite3_reset(st);
            sqlite3_bind_int64(st, 1, p.item_id);
            ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
            std::string bc = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
            std::string status = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
            if (status == "on_loan" || status == "lost" || status == "withdrawn") continue;
            (sec.furniture_id == "A" ? on_a : on_b).push_back(bc);
            where[bc] = {sec.id, p.level};
        }
        sqlite3_finalize(st);
        sqlite3_close(raw);
    }
    ASSERT_GT(on_a.size(), 10u);
    ASSERT_FALSE(on_b.empty());
    // Scan range A: all but its first two copies, one copy of range B, an unknown barcode, a duplicate.
    std::ofstream scan(dir_ / "scan.txt");
    for (std::size_t i = 2; i < on_a.size(); ++i) scan << on_a[i] << "\n";
    scan << on_b.front() << "\r\n" << "NOPE-1\n\n" << on_a.back() << "\n";
    scan.close();
    auto r = run_shuxiang("shelve stocktake --db " + db_ + " --range A --scanned " + (dir_ / "scan.txt").string() +
                          " --json");
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["expected"].get<std::size_t>(), on_a.size());
    EXPECT_EQ(j["found"].get<std::size_t>(), on_a.size() - 2);
    EXPECT_EQ(j["missing"], (nlohmann::json{on_a[0], on_a[1]}));
    EXPECT_EQ(j["unexpected"], (nlohmann::json{"NOPE-1"}));
    ASSERT_EQ(j["misplaced"].size(), 1u);
    EXPECT_EQ(j["misplaced"][0]["barcode"], on_b.front());
    EXPECT_EQ(j["misplaced"][0]["belongs_section"], where[on_b.front()].first);
    EXPECT_EQ(j["misplaced"][0]["belongs_level"], where[on_b.front()].second);
    EXPECT_EQ(j["misplaced"][0]["belongs_range_label"], "A2");
    EXPECT_EQ(j["by_shelf"], true);
    EXPECT_EQ(j["misplaced"][0]["belongs_range"], "B");
    EXPECT_EQ(j["misplaced"][0]["belongs_room"], "stacks");
    // `shuxiang stocktake` is the same code path once the database is shelved.
    auto top = run_shuxiang("stocktake --db " + db_ + " --range A --scanned " + (dir_ / "scan.txt").string() + " --json");
    ASSERT_EQ(top.code, 0) << top.out;
    EXPECT_EQ(nlohmann::json::parse(top.out), j);
    // Both ranges by label (A1..A2): nothing misplaced; missing A's first two and B's all but the first.
    auto both = run_shuxiang("stocktake --db " + db_ + " --range A1..A2 --scanned " + (dir_ / "scan.txt").string() + " --json");
    ASSERT_EQ(both.code, 0) << both.out;
    auto jb = nlohmann::json::parse(both.out);
    EXPECT_EQ(jb["sections"].size(), 12u);
    EXPECT_EQ(jb["expected"].get<std::size_t>(), on_a.size() + on_b.size());
    EXPECT_EQ(jb["found"].get<std::size_t>(), on_a.size() - 1);
    EXPECT_TRUE(jb["misplaced"].empty());
    std::vector<std::string> missing{on_a[0], on_a[1]};
    missing.insert(missing.end(), on_b.begin() + 1, on_b.end());
    EXPECT_EQ(jb["missing"], nlohmann::json(missing));
    // Plain text names the place; an unknown range is refused.
    auto t = run_shuxiang("shelve stocktake --db " + db_ + " --range A --scanned " + (dir_ / "scan.txt").string());
    EXPECT_NE(t.out.find(where[on_b.front()].first), std::string::npos) << t.out;
    auto bad = run_shuxiang("shelve stocktake --db " + db_ + " --range Q --scanned " + (dir_ / "scan.txt").string());
    EXPECT_EQ(bad.code, 2) << bad.out;
}

TEST_F(ShelveCli, NewBooksDisplayTakesTheMostRecentCopies) {
    // The same room with the catalogue's 新书展台 (16 books face up).
    auto p = plan::load_plan(plan_);
    p.levels[0].furniture.push_back(piece("NEW", "display_table_new_books", 8, 8));
    const std::string with_display = (dir_ / "display.sxplan.json").string();
    plan::save_plan(with_display, p);
    // Copies acquired in the 30 days ending 2026-12-31, most recent first, straight from the catalog.
    std::vector<std::pair<std::string, long long>> recent;  // acquired, item id
    {
        sqlite3* raw = nullptr;
        ASSERT_EQ(sqlite3_open(db_.c_str(), &raw), SQLITE_OK);
        sqlite3_stmt* st = nullptr;
        sqlite3_prepare_v2(raw,
                           "SELECT substr(acquired, 1, 10), id FROM items WHERE status NOT IN ('lost', 'withdrawn') "
                           "AND substr(acquired, 1, 10) BETWEEN '2026-12-02' AND '2026-12-31' ORDER BY acquired DESC",
                           -1, &st, nullptr);
        while (sqlite3_step(st) == SQLITE_ROW)
            recent.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), sqlite3_column_int64(st, 1));
        sqlite3_finalize(st);
        sqlite3_close(raw);
    }
    ASSERT_GT(recent.size(), 1u);
    ASSERT_LE(recent.size(), 16u);
    for (std::size_t i = 1; i < recent.size(); ++i) ASSERT_NE(recent[i].first, recent[i - 1].first) << "ties would need shelf order";

    auto r = run_shuxiang("shelve --plan " + with_display + " --db " + db_ + " --date 2026-12-31 --new-days 30 --json");
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["new_books"]["since"], "2026-12-02");
    EXPECT_EQ(j["new_books"]["until"], "2026-12-31");
    EXPECT_EQ(j["new_books"]["on_display"].get<std::size_t>(), recent.size());
    auto stored = shelving::load_assignment(db_);
    ASSERT_TRUE(stored);
    std::vector<long long> shown;
    std::map<int, int> count;
    for (const auto& pl : stored->placed) {
        if (pl.section < 0) continue;
        ++count[pl.section];
        if (stored->sections[static_cast<std::size_t>(pl.section)].furniture_id == "NEW") shown.push_back(pl.item_id);
    }
    std::vector<long long> want;
    for (const auto& x : recent) want.push_back(x.second);
    EXPECT_EQ(shown, want);
    for (std::size_t s = 0; s < stored->sections.size(); ++s)
        EXPECT_LE(count[static_cast<int>(s)], stored->sections[s].capacity) << stored->sections[s].id;

    // A year's new books are more than the table holds: it is full, newest first, and nothing is lost.
    r = run_shuxiang("shelve --plan " + with_display + " --db " + db_ + " --date 2026-12-31 --new-days 365 --json");
    ASSERT_EQ(r.code, 0) << r.out;
    j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["new_books"]["on_display"], 16);
    EXPECT_EQ(j["placed"].get<std::size_t>() + j["unplaced_count"].get<std::size_t>(), shelving::load_items(db_).size());
    for (const auto& s : j["section_list"]) EXPECT_LE(s["count"].get<int>(), s["capacity"].get<int>()) << s["id"];
    // --new-days 0: no display.
    r = run_shuxiang("shelve --plan " + with_display + " --db " + db_ + " --date 2026-12-31 --new-days 0 --json");
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_EQ(nlohmann::json::parse(r.out)["new_books"]["on_display"], 0);
    EXPECT_EQ(run_shuxiang("shelve --plan " + with_display + " --db " + db_ + " --date 2026-13-01").code, 2);
}
