// `shuxiang catalog edit | item | delete | merge | history | batches` and `catalog import
// --overlay / --undo`, run as real processes on real database files.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "shuxiang/util/fs.hpp"
#include "store_fixtures.hpp"

using nlohmann::json;
using sx_test::shuxiang_run;
using sx_test::temp_dir;
namespace fs = std::filesystem;

namespace {

// A small catalogue as a spreadsheet: two records with control numbers, one without.
const char* kSheet =
    "控制号,题名,责任者,ISBN,索书号,出版社,出版年,价格,条码号,馆藏地点\n"
    "CN001,草房子,曹文轩著,9787020002207,I287.45/12,人民文学出版社,2015,25.00,T0001,二楼书库\n"
    "CN001,草房子,曹文轩著,9787020002207,I287.45/12,人民文学出版社,2015,25.00,T0002,二楼书库\n"
    "CN002,青铜葵花,曹文轩著,,I287.45/13,江苏少年儿童出版社,2005,20.00,T0003,二楼书库\n"
    ",论语译注,杨伯峻译注,,B222.2/7,中华书局,1980,18.00,T0004,三楼\n";

struct Db {
    fs::path dir;
    std::string db;
    explicit Db(const char* name) : dir(temp_dir(name)), db((dir / "library.db").string()) {}
    ~Db() { fs::remove_all(dir); }
    std::string with(const std::string& args) const { return args + " --db " + db; }
    json run_json(const std::string& args, int expect_rc = 0) const {
        auto [rc, out] = shuxiang_run(with(args) + " --json");
        EXPECT_EQ(rc, expect_rc) << args << "\n" << out;
        return json::parse(out, nullptr, false);
    }
    long long record_of(const std::string& barcode) const { return run_json("catalog show " + barcode)["id"].get<long long>(); }
};

// The cells of an exported sheet, row by row (the export quotes no plain cells).
std::vector<std::vector<std::string>> cells(const std::string& csv) {
    std::vector<std::vector<std::string>> rows;
    std::stringstream in(csv);
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> row;
        std::stringstream ls(line);
        for (std::string c; std::getline(ls, c, ',');) row.push_back(c);
        if (!line.empty() && line.back() == ',') row.push_back("");
        rows.push_back(row);
    }
    return rows;
}

std::string joined(const std::vector<std::vector<std::string>>& rows) {
    std::string out;
    for (const auto& r : rows) {
        for (std::size_t k = 0; k < r.size(); ++k) out += (k ? "," : "") + r[k];
        out += "\n";
    }
    return out;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
}

}  // namespace

// Export, change cells in the spreadsheet, import with --overlay: the same records are updated,
// none is added; without --overlay the import skips them.
TEST(MaintCli, CsvExportEditImportOverlayUpdates) {
    Db d("sx_maint_overlay");
    shuxiang::atomic_write_file(d.dir / "in.csv", kSheet);
    auto first = d.run_json("catalog import --as lib1 " + (d.dir / "in.csv").string());
    ASSERT_EQ(first[0]["records_added"], 3);
    auto [rc, out] = shuxiang_run(d.with("catalog export --format csv " + (d.dir / "out.csv").string()));
    ASSERT_EQ(rc, 0);
    auto rows = cells(shuxiang::read_file(d.dir / "out.csv"));
    ASSERT_EQ(rows[0][0], "控制号");
    const std::size_t title = column(rows[0], "题名"), price = column(rows[0], "价格"), loc = column(rows[0], "馆藏地点");
    const long long cao = d.record_of("T0001"), lun = d.record_of("T0004");
    for (auto& r : rows) {
        if (r[0] == "CN001") r[title] = "草房子（典藏版）";  // keyed by control number: the title may change
        if (r.size() > loc && r[column(rows[0], "条码号")] == "T0004") {
            // No control number and no ISBN: matched by title, responsibility, publisher and year,
            // so only the other cells may change.
            r[price] = "22.00";
            r[loc] = "古籍室";
        }
    }
    shuxiang::atomic_write_file(d.dir / "edited.csv", joined(rows));

    auto skipped = d.run_json("catalog import --as lib1 " + (d.dir / "edited.csv").string());
    EXPECT_EQ(skipped[0]["records_updated"], 0);
    EXPECT_EQ(skipped[0]["records_existing"], 3);
    EXPECT_EQ(d.run_json("catalog show T0001")["title"], "草房子");

    auto over = d.run_json("catalog import --overlay --as lib1 " + (d.dir / "edited.csv").string());
    EXPECT_EQ(over[0]["records_added"], 0);
    EXPECT_EQ(over[0]["records_updated"], 2);
    EXPECT_EQ(over[0]["records_existing"], 1);
    EXPECT_EQ(over[0]["items_added"], 0);
    EXPECT_EQ(over[0]["items_updated"], 1);
    EXPECT_EQ(d.run_json("catalog stats")["total_records"], 3);
    auto shown = d.run_json("catalog show T0001");
    EXPECT_EQ(shown["id"], cao);
    EXPECT_EQ(shown["title"], "草房子（典藏版）");
    EXPECT_EQ(shown["items"].size(), 2u);
    auto lunyu = d.run_json("catalog show T0004");
    EXPECT_EQ(lunyu["id"], lun);
    EXPECT_EQ(lunyu["price"], 22.0);
    EXPECT_EQ(lunyu["items"][0]["location"], "古籍室");
    // The search index follows the overlay.
    auto hits = d.run_json("catalog search 典藏");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0]["record_id"], cao);
}

TEST(MaintCli, EditShowHistoryAndRefusals) {
    Db d("sx_maint_edit");
    shuxiang::atomic_write_file(d.dir / "in.csv", kSheet);
    d.run_json("catalog import " + (d.dir / "in.csv").string());
    auto r = d.run_json("catalog edit T0003 --as lib1 --title 青铜葵花（注音版） --year 2016 --set '330$a=苦难与成长'");
    EXPECT_EQ(r["ok"], true);
    auto rec = d.run_json("catalog show T0003");
    EXPECT_EQ(rec["title"], "青铜葵花（注音版）");
    EXPECT_EQ(rec["year"], "2016");
    EXPECT_EQ(rec["summary"], "苦难与成长");
    auto h = d.run_json("catalog history T0003");
    ASSERT_EQ(h.size(), 1u);
    EXPECT_EQ(h[0]["action"], "edit_record");
    EXPECT_EQ(h[0]["operator"], "lib1");
    EXPECT_EQ(h[0]["before"]["title"], "青铜葵花");
    EXPECT_EQ(h[0]["after"]["title"], "青铜葵花（注音版）");
    auto [rc, text] = shuxiang_run(d.with("catalog history T0003"));
    EXPECT_EQ(rc, 0);
    EXPECT_NE(text.find("title: 青铜葵花 → 青铜葵花（注音版）"), std::string::npos) << text;

    auto bad = d.run_json("catalog edit T0003 --as lib1 --isbn 978-7-02-000220-8", 3);
    EXPECT_EQ(bad["code"], "bad_isbn");
    std::tie(rc, text) = shuxiang_run(d.with("catalog edit T0003 --as lib1 --set '2000$a=x'"));
    EXPECT_EQ(rc, 2);  // malformed input
    std::tie(rc, text) = shuxiang_run(d.with("catalog edit T0003 --title x"));
    EXPECT_NE(rc, 0);  // --as is required
    std::tie(rc, text) = shuxiang_run(d.with("catalog edit 9999 --as lib1 --title x"));
    EXPECT_EQ(rc, 2);  // no such record
    EXPECT_EQ(d.run_json("catalog history T0003").size(), 1u);
}

TEST(MaintCli, CopiesDeleteAndMerge) {
    Db d("sx_maint_items");
    shuxiang::atomic_write_file(d.dir / "in.csv", kSheet);
    d.run_json("catalog import " + (d.dir / "in.csv").string());
    const long long cao = d.record_of("T0001"), kui = d.record_of("T0003");
    EXPECT_EQ(d.run_json("catalog item edit T0001 --as lib1 --location 阅览室 --barcode T0101")["ok"], true);
    EXPECT_EQ(d.run_json("catalog show T0101")["items"][0]["location"], "阅览室");
    EXPECT_EQ(d.run_json("catalog item withdraw T0002 --as lib1")["ok"], true);
    EXPECT_EQ(d.run_json("catalog show T0002")["items"][1]["status"], "withdrawn");
    EXPECT_EQ(d.run_json("catalog item add T0003 T0005 T0006 --as lib1")["ok"], true);
    EXPECT_EQ(d.run_json("catalog show T0006")["items"][2]["copy_number"], 3);
    EXPECT_EQ(d.run_json("catalog item add T0003 T0005 --as lib1", 3)["code"], "barcode_exists");
    EXPECT_EQ(d.run_json("catalog delete " + std::to_string(kui) + " --as lib1", 3)["code"], "record_has_copies");
    EXPECT_EQ(d.run_json("catalog merge " + std::to_string(cao) + " " + std::to_string(kui) + " --as lib1")["ok"], true);
    auto merged = d.run_json("catalog show " + std::to_string(kui));  // the old id leads to the kept record
    EXPECT_EQ(merged["id"], cao);
    EXPECT_EQ(merged["items"].size(), 5u);
    for (const char* b : {"T0101", "T0002", "T0003", "T0005", "T0006"})
        EXPECT_EQ(d.run_json(std::string("catalog item delete ") + b + " --as lib1")["ok"], true) << b;
    EXPECT_EQ(d.run_json("catalog delete " + std::to_string(cao) + " --as lib1")["ok"], true);
    EXPECT_EQ(d.run_json("catalog stats")["total_records"], 1);
    EXPECT_EQ(d.run_json("catalog history")[0]["action"], "delete_record");
}

TEST(MaintCli, ImportUndo) {
    Db d("sx_maint_undo");
    shuxiang::atomic_write_file(d.dir / "in.csv", kSheet);
    auto imp = d.run_json("catalog import --as lib1 " + (d.dir / "in.csv").string());
    const long long batch = imp[0]["batch"].get<long long>();
    ASSERT_GT(batch, 0);
    auto listed = d.run_json("catalog batches");
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["records_added"], 3);
    // A copy edited since: refused, and nothing removed.
    d.run_json("catalog item edit T0004 --as lib1 --location 古籍室");
    auto refused = d.run_json("catalog import --undo " + std::to_string(batch) + " --as lib1", 3);
    EXPECT_EQ(refused["code"], "undo_edited_item");
    EXPECT_EQ(d.run_json("catalog stats")["total_records"], 3);
    // A second run can be undone; the first one's records stay.
    shuxiang::atomic_write_file(d.dir / "more.csv", "题名,索书号,条码号\n红瓦,I287.45/15,T0010\n");
    auto more = d.run_json("catalog import --as lib1 " + (d.dir / "more.csv").string());
    auto undone = d.run_json("catalog import --undo " + std::to_string(more[0]["batch"].get<long long>()) + " --as lib2");
    EXPECT_EQ(undone["ok"], true);
    EXPECT_EQ(d.run_json("catalog stats")["total_records"], 3);
    auto [rc, out] = shuxiang_run(d.with("catalog show T0010"));
    EXPECT_EQ(rc, 3);
    EXPECT_EQ(d.run_json("catalog import --undo " + std::to_string(more[0]["batch"].get<long long>()) + " --as lib2", 3)["code"],
              "batch_undone");
    std::tie(rc, out) = shuxiang_run(d.with("catalog import --undo 1"));
    EXPECT_EQ(rc, 2);  // --as is required to undo
}
