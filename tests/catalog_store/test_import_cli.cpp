// `shuxiang catalog import` of what schools have: a --format the file contradicts, untitled
// records, filler and padding, legacy GBK charset notes under --strict. Real processes on real
// files (tests/data/catalog), a real library.db in a scratch directory.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "shuxiang/catalog/iso2709.hpp"
#include "shuxiang/catalog/marcxml.hpp"
#include "shuxiang/catalog/store.hpp"
#include "shuxiang/catalog/sqlite/store_sqlite.hpp"
#include "shuxiang/util/fs.hpp"
#include "support/process.hpp"

using namespace shuxiang;
using namespace shuxiang::catalog;
namespace fs = std::filesystem;

namespace {

const fs::path kData = fs::path(SHUXIANG_TEST_DATA_DIR) / "catalog";

struct Scratch {
    fs::path dir;
    explicit Scratch(const char* name) : dir(fs::temp_directory_path() / (std::string(name) + "_" + std::to_string(::getpid()))) {
        fs::remove_all(dir);
        fs::create_directories(dir);
    }
    ~Scratch() { fs::remove_all(dir); }
    std::string db() const { return (dir / "library.db").string(); }
};

// Runs `shuxiang --lang en catalog import --json ARGS`; stdout only (the JSON summary).
test::RunResult import_json(const std::string& args) {
    return test::run_command("{ " + std::string(SHUXIANG_BIN_DIR) + "/shuxiang --lang en catalog import --json " + args +
                             " 2>/dev/null; }");
}

long long records_in(const std::string& db) { return open_sqlite_store(db)->record_count(); }

}  // namespace

TEST(ImportCli, Marc21FileGivenAsCnmarcIsRefusedWithTheReason) {
    Scratch s("sx_fmt_contra");
    const std::string camel = (kData / "marc21_camel.usmarc").string();
    auto r = test::run_shuxiang("--lang en catalog import --format cnmarc --db " + s.db() + " " + camel);
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("--format cnmarc contradicts the file: 10 of 10 records are MARC21"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("record 1"), std::string::npos) << r.out;
    EXPECT_EQ(records_in(s.db()), 0);
    // The reverse: CNMARC given as MARC21.
    r = test::run_shuxiang("--lang en catalog import --format marc21 --db " + s.db() + " " +
                           (kData / "cnmarc_gbk_school.mrc").string());
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("are CNMARC (title in field 200, no field 245)"), std::string::npos) << r.out;
    EXPECT_EQ(records_in(s.db()), 0);
    // The right flavor imports every record with its title.
    r = import_json("--format marc21 --db " + s.db() + " " + camel);
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j[0]["records_added"], 10);
    EXPECT_EQ(j[0]["untitled_records"], 0);
}

TEST(ImportCli, RecordsWithoutTitleAreReported) {
    Scratch s("sx_untitled");
    MarcRecord m;
    m.leader = "00000nam a2200000 i 4500";
    m.fields.push_back({"001", "NT0001", ' ', ' ', {}});
    m.fields.push_back({"020", "", ' ', ' ', {{'a', "9787020002207"}}});
    m.fields.push_back({"260", "", ' ', ' ', {{'b', "人民文学出版社"}, {'c', "2015"}}});
    std::string file = (s.dir / "untitled.mrc").string();
    atomic_write_file(file, write_iso2709(m, MarcFlavor::Marc21) +
                                read_file(kData / "marc21_trailing_padding.mrc"));
    auto r = import_json("--db " + s.db() + " " + file);
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j[0]["records_added"], 3);
    EXPECT_EQ(j[0]["untitled_records"], 1);
    ASSERT_EQ(j[0]["problems"].size(), 1u) << j.dump();
    EXPECT_EQ(j[0]["problems"][0], "record 1: no title (MARC21 245$a empty or missing); imported, please add one");
}

TEST(ImportCli, FillerAndTrailingPaddingAreNoSkippedRecords) {
    Scratch s("sx_filler");
    auto r = import_json("--db " + s.db() + " " + (kData / "marc21_filler.usmarc").string() + " " +
                         (kData / "marc21_trailing_padding.mrc").string());
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j[0]["records_added"], 3);
    EXPECT_EQ(j[0]["skipped_records"], 0);
    EXPECT_EQ(j[0]["repaired_records"], 0);
    EXPECT_TRUE(j[0]["problems"].empty()) << j.dump();
    // The same two camel records as in filler.usmarc's first file or new: read either way.
    EXPECT_EQ(j[1]["records_added"].get<int>() + j[1]["records_existing"].get<int>(), 2);
    EXPECT_EQ(j[1]["skipped_records"], 0);
    EXPECT_TRUE(j[1]["problems"].empty()) << j.dump();
}

TEST(ImportCli, StrictImportTakesAGoodGbkFileWithCharsetNotes) {
    Scratch s("sx_gbk_strict");
    auto r = import_json("--strict --db " + s.db() + " " + (kData / "cnmarc_gbk_school.mrc").string());
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j[0]["records_added"], 3);
    EXPECT_EQ(j[0]["items_added"], 3);
    EXPECT_EQ(j[0]["repaired_records"], 0);
    EXPECT_TRUE(j[0]["problems"].empty()) << j.dump();
    EXPECT_EQ(j[0]["notes"].size(), 3u);
    auto st = open_sqlite_store(s.db());
    auto item = st->item_by_barcode("A0001003");
    ASSERT_TRUE(item);
    EXPECT_EQ(st->record(item->record_id)->title, "城南旧事");
}

// A CSV copy whose barcode the library already gives to another record is refused with its line;
// the rest of the file is imported, with the warnings for what was set right.
TEST(ImportCli, CsvBarcodeOfAnotherRecordIsRefusedWithItsLine) {
    Scratch s("sx_csv_taken");
    auto r = import_json("--db " + s.db() + " " + (kData / "cnmarc_gbk_school.mrc").string());
    ASSERT_EQ(r.code, 0) << r.out;
    const std::string csv = (fs::path(SHUXIANG_TEST_DATA_DIR) / "catalog_store" / "legacy_school.csv").string();
    r = import_json("--db " + s.db() + " " + csv);
    ASSERT_EQ(r.code, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j[0]["items_added"], 7);
    const std::string problems = j[0]["problems"].dump();
    EXPECT_NE(problems.find("legacy_school.csv: line 9: barcode A0001002 already belongs to another record"),
              std::string::npos) << problems;
    EXPECT_NE(problems.find("line 6"), std::string::npos) << problems;  // ISBN check digit
    EXPECT_NE(problems.find("line 7"), std::string::npos) << problems;  // 借出 without a loan
    auto st = open_sqlite_store(s.db());
    EXPECT_EQ(st->record(st->item_by_barcode("A0001002")->record_id)->title, "洞庭湖的故事");
    EXPECT_EQ(st->records_by_isbn("9787020110506").size(), 0u);  // 寄小读者 came only with that copy
    EXPECT_EQ(st->item_by_barcode("B0000106")->status, ItemStatus::Available);
    // Under --strict the whole file is refused, naming the line.
    Scratch s2("sx_csv_taken_strict");
    ASSERT_EQ(import_json("--db " + s2.db() + " " + (kData / "cnmarc_gbk_school.mrc").string()).code, 0);
    auto strict = test::run_shuxiang("--lang en catalog import --strict --db " + s2.db() + " " + csv);
    EXPECT_EQ(strict.code, 2) << strict.out;
    EXPECT_NE(strict.out.find("line 9"), std::string::npos) << strict.out;
    EXPECT_EQ(open_sqlite_store(s2.db())->item_count(), 3);
}

namespace {

// `yaz-marcdump -n -r FILE`: (exit code, records read).
std::pair<int, long> yaz_check(const std::string& file) {
    auto r = test::run_command("{ yaz-marcdump -n -r " + file + " >/dev/null; }");
    const auto at = r.out.rfind("records read: ");
    return {r.code, at == std::string::npos ? -1 : std::stol(r.out.substr(at + 14))};
}

}  // namespace

// `catalog check` reports like `yaz-marcdump -n`: nothing on stdout and exit 0 for a clean file;
// one line per defect and exit 5 otherwise. Compared with yaz on the same files.
TEST(CatalogCheck, ReportsLikeYazMarcdump) {
    if (test::run_command("command -v yaz-marcdump").code != 0) GTEST_SKIP() << "yaz-marcdump not installed";
    const std::string bin = std::string(SHUXIANG_BIN_DIR) + "/shuxiang --lang en catalog check ";
    const std::string camel = (kData / "marc21_camel.usmarc").string();
    auto ours = test::run_command("{ " + bin + camel + " 2>/dev/null; }");
    EXPECT_EQ(ours.code, 0);
    EXPECT_EQ(ours.out, "");
    EXPECT_EQ(yaz_check(camel), std::make_pair(0, 10L));
    auto summary = test::run_shuxiang("--lang en catalog check " + camel);
    EXPECT_NE(summary.out.find("marc21_camel.usmarc: 10 records read, 0 with defects, 0 defects"), std::string::npos)
        << summary.out;
    // Broken files: both exit 5; ours names record and byte of each defect.
    for (const char* f : {"defect_truncated.mrc", "defect_stray_terminator.mrc", "defect_record_too_long.mrc"}) {
        const std::string file = (kData / f).string();
        ours = test::run_command("{ " + bin + file + " 2>/dev/null; }");
        EXPECT_EQ(ours.code, 5) << f;
        EXPECT_EQ(yaz_check(file).first, 5) << f;
        EXPECT_EQ(ours.out.rfind(file + ": record ", 0), 0u) << ours.out;
    }
    ours = test::run_command("{ " + bin + (kData / "defect_truncated.mrc").string() + " 2>/dev/null; }");
    EXPECT_NE(ours.out.find("defect_truncated.mrc: record 3, byte 262: Truncated record"), std::string::npos) << ours.out;
    // Filler between records: yaz reports each byte (exit 5); we skip it as harmless (exit 0),
    // and both read the same three records.
    const std::string filler = (kData / "marc21_filler.usmarc").string();
    EXPECT_EQ(yaz_check(filler), std::make_pair(5, 3L));
    summary = test::run_shuxiang("--lang en catalog check " + filler);
    EXPECT_EQ(summary.code, 0) << summary.out;
    EXPECT_NE(summary.out.find("3 records read, 0 with defects"), std::string::npos) << summary.out;
    // An unreadable file is bad input.
    EXPECT_EQ(test::run_shuxiang("catalog check " + (kData / "no-such-file.mrc").string()).code, 2);
}

TEST(CatalogCheck, MarcxmlCleanAndBroken) {
    Scratch s("sx_check_xml");
    std::vector<MarcRecord> recs;
    for (auto& rr : read_iso2709(read_file(kData / "marc21_camel.usmarc"))) recs.push_back(std::move(rr.record));
    const std::string xml = write_marcxml(recs, MarcFlavor::Marc21);
    const std::string good = (s.dir / "good.xml").string(), cut = (s.dir / "cut.xml").string();
    atomic_write_file(good, xml);
    atomic_write_file(cut, xml.substr(0, xml.size() / 2));
    auto r = test::run_shuxiang("--lang en catalog check " + good);
    EXPECT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("good.xml: 10 records read, 0 with defects, 0 defects"), std::string::npos) << r.out;
    r = test::run_shuxiang("--lang en catalog check " + good + " " + cut);
    EXPECT_EQ(r.code, 5) << r.out;
    EXPECT_NE(r.out.find("cut.xml: byte "), std::string::npos) << r.out;  // the file as a whole
    EXPECT_EQ(r.out.find("record 0"), std::string::npos) << r.out;
}
