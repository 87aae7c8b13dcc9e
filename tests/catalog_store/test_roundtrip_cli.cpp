#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "shuxiang/catalog/iso2709.hpp"
#include "shuxiang/catalog/mapping.hpp"
#include "shuxiang/catalog/marcxml.hpp"
#include "shuxiang/catalog/sqlite/store_sqlite.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"
#include "store_fixtures.hpp"

using namespace shuxiang;
using namespace shuxiang::catalog;
namespace fs = std::filesystem;
using sx_test::shuxiang_run;
using sx_test::temp_dir;

namespace {

MarcRecord odd_cnmarc() {
    MarcRecord m;
    m.leader = "00000nam0 2200000   450 ";
    Field c;
    c.tag = "001";
    c.data = "RT0001";
    m.fields.push_back(c);
    auto data = [&](const char* tag, char i1, char i2, std::vector<Subfield> subs) {
        Field f;
        f.tag = tag;
        f.ind1 = i1;
        f.ind2 = i2;
        f.subfields = std::move(subs);
        m.fields.push_back(std::move(f));
    };
    data("010", ' ', ' ', {{'a', "978-7-02-000220-7"}, {'d', "CNY25.00"}});
    data("100", ' ', ' ', {{'a', "20260101d2015    em y0chiy50      ea"}});
    data("200", '1', ' ', {{'a', "草房子"}, {'9', "cao fang zi"}, {'f', "曹文轩著"}});
    data("606", '0', ' ', {{'a', "儿童小说"}, {'y', "中国"}, {'z', "当代"}});
    data("690", ' ', ' ', {{'a', "I287.45"}, {'v', "5"}});
    data("905", ' ', ' ', {{'a', "SX"}, {'d', "I287.45"}, {'e', "12"}});
    data("999", '9', '8', {{'x', "local oddity"}, {'x', "repeated"}});
    return m;
}

}  // namespace

// ISO 2709 -> database -> ISO 2709 keeps every field, indicator and subfield, byte for byte.
TEST(RoundTrip, Iso2709ThroughStore) {
    fs::path dir = temp_dir("sx_rt");
    std::string first = write_iso2709(odd_cnmarc(), MarcFlavor::Cnmarc);
    auto recs = read_iso2709(first);
    ASSERT_EQ(recs.size(), 1u);
    {
        auto st = open_sqlite_store(dir / "library.db");
        std::vector<ImportEntry> batch(1);
        batch[0].record = to_bib(recs[0].record, recs[0].flavor);
        st->import_batch(batch);
        auto back = st->record(batch[0].record.id);
        ASSERT_TRUE(back);
        EXPECT_EQ(back->title, "草房子");
        EXPECT_EQ(back->call_number, "I287.45/12");
        EXPECT_EQ(back->marc, recs[0].record);
        EXPECT_EQ(write_iso2709(back->marc, MarcFlavor::Cnmarc), first);
        // MARCXML of the stored record reads back to the same record.
        auto xml = read_marcxml(write_marcxml({back->marc}, MarcFlavor::Cnmarc));
        ASSERT_EQ(xml.size(), 1u);
        EXPECT_EQ(xml[0].record, back->marc);
    }
    fs::remove_all(dir);
}

TEST(RoundTrip, HoldingsFromMarc) {
    auto items = holdings_from_marc(odd_cnmarc(), MarcFlavor::Cnmarc);
    EXPECT_TRUE(items.empty());  // 905 without $b has no copy
    MarcRecord m;
    Field f;
    f.tag = "905";
    f.subfields = {{'a', "SX"}, {'b', "0001"}, {'b', "0002"}, {'c', "二楼"}, {'d', "I247.5"}, {'e', "3"}, {'f', "2"}};
    m.fields.push_back(f);
    items = holdings_from_marc(m, MarcFlavor::Cnmarc);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[1].barcode, "0002");
    EXPECT_EQ(items[1].copy_number, 2);
    EXPECT_EQ(items[0].call_number, "I247.5/3:2");
    EXPECT_EQ(items[0].location, "二楼");
    Field g;
    g.tag = "852";
    g.subfields = {{'b', "MAIN"}, {'c', "STACKS"}, {'h', "TP312"}, {'i', "L45"}, {'p', "B77"}};
    MarcRecord m21;
    m21.fields.push_back(g);
    items = holdings_from_marc(m21, MarcFlavor::Marc21);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].barcode, "B77");
    EXPECT_EQ(items[0].call_number, "TP312/L45");
    EXPECT_EQ(items[0].location, "MAIN STACKS");
}

TEST(Cli, CallnoSortReadsStdin) {
    auto [rc, out] = shuxiang_run("catalog callno-sort", "TP312/2\nI247.57/1\n\nI247.5/10\nT-61/1\nTN91/1\nI247.6\n");
    EXPECT_EQ(rc, 0);
    EXPECT_EQ(out, "I247.5/10\nI247.57/1\nI247.6\nT-61/1\nTN91/1\nTP312/2\n");
}

TEST(Cli, ImportSearchShowStats) {
    fs::path dir = temp_dir("sx_cli");
    std::string db = (dir / "library.db").string();
    std::string csv = std::string(SHUXIANG_TEST_DATA_DIR) + "/catalog_store/holdings.csv";
    auto [rc, out] = shuxiang_run("catalog import --json --db " + db + " " + csv);
    ASSERT_EQ(rc, 0) << out;
    auto j = nlohmann::json::parse(out);
    // The row with a wrong ISBN check digit (line 7) is kept with a warning.
    EXPECT_EQ(j[0]["records_added"], 4);
    EXPECT_EQ(j[0]["items_added"], 5);
    EXPECT_EQ(j[0]["problems"].size(), 6u);
    // Importing again adds nothing.
    std::tie(rc, out) = shuxiang_run("catalog import --json --db " + db + " " + csv);
    j = nlohmann::json::parse(out);
    EXPECT_EQ(j[0]["records_added"], 0);
    EXPECT_EQ(j[0]["records_existing"], 4);
    EXPECT_EQ(j[0]["items_existing"], 5);

    std::tie(rc, out) = shuxiang_run("catalog search --json --db " + db + " 草房");
    ASSERT_EQ(rc, 0);
    j = nlohmann::json::parse(out);
    ASSERT_EQ(j.size(), 1u);
    EXPECT_EQ(j[0]["title"], "草房子");

    std::tie(rc, out) = shuxiang_run("catalog show --json --db " + db + " T0002");
    ASSERT_EQ(rc, 0);
    j = nlohmann::json::parse(out);
    EXPECT_EQ(j["title"], "草房子");
    EXPECT_EQ(j["items"].size(), 2u);
    EXPECT_EQ(j["matched_barcode"], "T0002");

    std::tie(rc, out) = shuxiang_run("catalog show --db " + db + " NO-SUCH-BARCODE");
    EXPECT_EQ(rc, 3);

    std::tie(rc, out) = shuxiang_run("catalog stats --json --db " + db);
    ASSERT_EQ(rc, 0);
    j = nlohmann::json::parse(out);
    EXPECT_EQ(j["total_records"], 4);
    EXPECT_EQ(j["total_items"], 5);
    EXPECT_EQ(j["parts"][2]["items"], 4);  // I × 4
    EXPECT_EQ(j["parts"][4]["items"], 1);  // Z × 1

    std::tie(rc, out) = shuxiang_run("catalog export --db " + db + " --format marcxml " + (dir / "out.xml").string());
    EXPECT_EQ(rc, 0);
    auto xml = read_marcxml(read_file(dir / "out.xml"));
    EXPECT_EQ(xml.size(), 4u);
    fs::remove_all(dir);
}

TEST(Cli, DemoIsMarkedSynthetic) {
    fs::path dir = temp_dir("sx_demo");
    std::string db = (dir / "library.db").string();
    auto [rc, out] = shuxiang_run("catalog demo --json --db " + db + " --students 40 --type junior --seed 5");
    ASSERT_EQ(rc, 0);
    auto j = nlohmann::json::parse(out);
    EXPECT_EQ(j["items_added"], 40 * 35 + 90);  // 35 books per junior student, 90 periodical volumes
    EXPECT_EQ(j["synthetic"], true);
    std::tie(rc, out) = shuxiang_run("catalog stats --json --db " + db);
    j = nlohmann::json::parse(out);
    EXPECT_EQ(j["synthetic"], true);
    auto st = open_sqlite_store(db);
    EXPECT_EQ(st->meta("synthetic").value_or(""), "1");
    EXPECT_EQ(st->meta("demo").value_or(""), "type=junior students=40 seed=5");
    std::tie(rc, out) = shuxiang_run("catalog demo --db " + db + " --type college");
    EXPECT_EQ(rc, 2);
    fs::remove_all(dir);
}

namespace {

Field holdings_field(const char* tag, std::vector<Subfield> subs) {
    Field f;
    f.tag = tag;
    f.subfields = std::move(subs);
    return f;
}

Item copy(const char* barcode, const char* call_number, const char* location) {
    Item it;
    it.barcode = barcode;
    it.call_number = call_number;
    it.location = location;
    return it;
}

// (barcode, call number, location) of every item in the database, by barcode.
std::vector<std::string> item_rows(Store& st) {
    std::vector<std::string> out;
    st.for_each_record([&](const BibRecord& r) {
        for (const auto& it : st.items_of(r.id)) out.push_back(it.barcode + "|" + it.call_number + "|" + it.location);
    });
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST(Holdings, UnchangedCopiesKeepTheFieldsByteForByte) {
    MarcRecord m = odd_cnmarc();
    m.fields.insert(m.fields.begin() + 6, holdings_field("905", {{'a', "SX"}, {'b', "0001"}, {'b', "0002"}, {'c', "二楼"},
                                                                 {'d', "I247.5"}, {'e', "3"}, {'f', "2"}}));
    auto items = holdings_from_marc(m, MarcFlavor::Cnmarc);
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(with_holdings(m, MarcFlavor::Cnmarc, items), m);
    EXPECT_EQ(write_iso2709(with_holdings(m, MarcFlavor::Cnmarc, items), MarcFlavor::Cnmarc),
              write_iso2709(m, MarcFlavor::Cnmarc));
}

TEST(Holdings, DeletedCopiesDroppedNewCopiesAppended) {
    MarcRecord m = odd_cnmarc();  // 001 010 100 200 606 690 905(no barcode) 999
    m.fields.insert(m.fields.begin() + 7, holdings_field("905", {{'a', "SX"}, {'b', "0001"}, {'b', "0002"}, {'c', "二楼"},
                                                                 {'d', "I247.5"}, {'e', "3"}}));
    m.fields.insert(m.fields.begin() + 8, holdings_field("905", {{'b', "0003"}, {'d', "I247.5"}}));
    // 0001 was withdrawn and deleted, 0003 too; N1 was received later.
    auto out = with_holdings(m, MarcFlavor::Cnmarc, {copy("0002", "I247.5/3", "二楼"), copy("N1", "I247.5/3:2", "三楼")});
    ASSERT_EQ(out.fields.size(), m.fields.size());  // one field gone (0003), one added (N1)
    EXPECT_EQ(out.fields[6], m.fields[6]);            // the call-number 905 without barcode stays
    EXPECT_EQ(out.fields[7].subfields,
              (std::vector<Subfield>{{'a', "SX"}, {'b', "0002"}, {'c', "二楼"}, {'d', "I247.5"}, {'e', "3"}}));
    EXPECT_EQ(out.fields[8].tag, "905");
    EXPECT_EQ(out.fields[8].subfields,
              (std::vector<Subfield>{{'b', "N1"}, {'c', "三楼"}, {'d', "I247.5"}, {'e', "3"}, {'f', "2"}}));
    EXPECT_EQ(out.fields[9].tag, "999");
    auto back = holdings_from_marc(out, MarcFlavor::Cnmarc);
    ASSERT_EQ(back.size(), 2u);
    EXPECT_EQ(back[1].barcode, "N1");
    EXPECT_EQ(back[1].call_number, "I247.5/3:2");
    EXPECT_EQ(back[1].location, "三楼");
}

TEST(Holdings, Marc21NewFieldGoesBeforeHigherTags) {
    MarcRecord m;
    m.leader = "00000nam a2200000 i 4500";
    m.fields.push_back(holdings_field("245", {{'a', "Title"}}));
    m.fields.push_back(holdings_field("856", {{'u', "http://x"}}));
    auto out = with_holdings(m, MarcFlavor::Marc21, {copy("B9", "TP312/L45", "MAIN STACKS")});
    ASSERT_EQ(out.fields.size(), 3u);
    EXPECT_EQ(out.fields[1].tag, "852");
    EXPECT_EQ(out.fields[1].subfields,
              (std::vector<Subfield>{{'b', "MAIN STACKS"}, {'h', "TP312"}, {'i', "L45"}, {'p', "B9"}}));
    auto back = holdings_from_marc(out, MarcFlavor::Marc21);
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].call_number, "TP312/L45");
    EXPECT_EQ(back[0].location, "MAIN STACKS");
}

// import -> add a copy -> export -> import into a fresh database gives the same copies, in each
// export format; without the new copy the ISO 2709 export is the imported file, byte for byte.
TEST(Cli, ExportCarriesCopiesAddedAfterImport) {
    fs::path dir = temp_dir("sx_export_items");
    MarcRecord a = odd_cnmarc();
    a.fields.insert(a.fields.begin() + 7, holdings_field("905", {{'a', "SX"}, {'b', "C001"}, {'b', "C002"}, {'c', "二楼"},
                                                                 {'d', "I287.45"}, {'e', "12"}}));
    MarcRecord b = odd_cnmarc();
    b.fields[0].data = "RT0002";
    b.fields[1].subfields[0].value = "978-7-5321-1234-5";
    b.fields.insert(b.fields.begin() + 7, holdings_field("905", {{'b', "C003"}, {'c', "三楼"}, {'d', "I287.45"}, {'e', "13"}}));
    const std::string file = (dir / "in.iso").string();
    const std::string original = write_iso2709(a, MarcFlavor::Cnmarc) + write_iso2709(b, MarcFlavor::Cnmarc);
    atomic_write_file(file, original);
    const std::string db = (dir / "library.db").string();
    auto [rc, out] = shuxiang_run("catalog import --json --db " + db + " --format cnmarc " + file);
    ASSERT_EQ(rc, 0) << out;
    EXPECT_EQ(nlohmann::json::parse(out)[0]["items_added"], 3);

    std::tie(rc, out) = shuxiang_run("catalog export --db " + db + " --format cnmarc " + (dir / "same.iso").string());
    ASSERT_EQ(rc, 0);
    EXPECT_EQ(read_file(dir / "same.iso"), original);

    std::vector<std::string> want;
    {
        auto st = open_sqlite_store(db);
        std::vector<ImportEntry> batch(1);
        batch[0].record = to_bib(b, MarcFlavor::Cnmarc);  // found again by its 001
        batch[0].items = {copy("N100", "I287.45/13:2", "新书架")};
        auto res = st->import_batch(batch);
        ASSERT_EQ(res.records_existing, 1u);
        ASSERT_EQ(res.items_added, 1u);
        want = item_rows(*st);
    }
    ASSERT_EQ(want, (std::vector<std::string>{"C001|I287.45/12|二楼", "C002|I287.45/12|二楼", "C003|I287.45/13|三楼",
                                              "N100|I287.45/13:2|新书架"}));
    for (const char* fmt : {"cnmarc", "marcxml", "marc21"}) {
        SCOPED_TRACE(fmt);
        const std::string exported = (dir / (std::string("out.") + fmt)).string();
        std::tie(rc, out) = shuxiang_run("catalog export --db " + db + " --format " + fmt + " " + exported);
        ASSERT_EQ(rc, 0);
        const std::string fresh = (dir / (std::string("fresh_") + fmt + ".db")).string();
        std::tie(rc, out) = shuxiang_run("catalog import --json --db " + fresh + " --format " + fmt + " " + exported);
        ASSERT_EQ(rc, 0) << out;
        auto st = open_sqlite_store(fresh);
        EXPECT_EQ(st->record_count(), 2);
        EXPECT_EQ(item_rows(*st), want);
    }
    fs::remove_all(dir);
}

namespace {

// Three small CNMARC records, 001 = S1..S3.
std::vector<MarcRecord> three_records() {
    std::vector<MarcRecord> v;
    for (int k = 1; k <= 3; ++k) {
        MarcRecord m = odd_cnmarc();
        m.fields[0].data = "S" + std::to_string(k);
        m.fields[1].subfields[0].value = "978702000220" + std::to_string(k);
        v.push_back(m);
    }
    return v;
}

long long records_in(const std::string& db) {
    auto st = open_sqlite_store(db);
    return st->record_count();
}

}  // namespace

// A MARCXML file broken off inside its third record: the permissive import takes the two whole
// records (and what pugixml kept of the third) and reports the broken XML; --strict refuses the
// file and writes nothing.
TEST(Cli, TruncatedMarcxmlReportedOrRefused) {
    fs::path dir = temp_dir("sx_cli_xml");
    std::string xml = write_marcxml(three_records(), MarcFlavor::Cnmarc);
    std::size_t third = xml.find("<record", xml.find("<record", xml.find("<record") + 1) + 1);
    ASSERT_NE(third, std::string::npos);
    atomic_write_file(dir / "cut.xml", xml.substr(0, third + 60));
    std::string db = (dir / "library.db").string();
    auto [rc, out] = shuxiang_run("catalog import --json --db " + db + " " + (dir / "cut.xml").string());
    ASSERT_EQ(rc, 0) << out;
    auto j = nlohmann::json::parse(out);
    EXPECT_GE(j[0]["records_added"].get<int>(), 2);
    ASSERT_GE(j[0]["problems"].size(), 1u);
    EXPECT_NE(j[0]["problems"].dump().find("XML 格式错误"), std::string::npos) << j[0]["problems"].dump();

    std::string db2 = (dir / "strict.db").string();
    std::tie(rc, out) = shuxiang_run("catalog import --strict --db " + db2 + " " + (dir / "cut.xml").string());
    EXPECT_EQ(rc, 2);
    EXPECT_EQ(records_in(db2), 0);
    fs::remove_all(dir);
}

// --strict refuses an ISO 2709 file whose last record is damaged, even when earlier records fill
// whole batches: nothing of the file is written.
TEST(Cli, StrictIso2709RefusesTheWholeFile) {
    fs::path dir = temp_dir("sx_cli_strict");
    std::string data;
    for (const auto& m : three_records()) data += write_iso2709(m, MarcFlavor::Cnmarc);
    data[data.size() - 30] = '\x1e';  // a field terminator inside the last record's data
    atomic_write_file(dir / "bad.mrc", data);
    std::string db = (dir / "library.db").string();
    auto [rc, out] = shuxiang_run("catalog import --strict --batch 1 --db " + db + " " + (dir / "bad.mrc").string());
    EXPECT_EQ(rc, 2);
    EXPECT_EQ(records_in(db), 0);
    // Permissive, the same file gives the two good records and repairs or skips the third.
    std::tie(rc, out) = shuxiang_run("catalog import --json --batch 1 --db " + db + " " + (dir / "bad.mrc").string());
    ASSERT_EQ(rc, 0) << out;
    auto j = nlohmann::json::parse(out);
    EXPECT_GE(j[0]["records_added"].get<int>(), 2);
    EXPECT_GE(j[0]["problems"].size(), 1u);
    fs::remove_all(dir);
}

// `catalog import` killed with SIGKILL part way through a file (reader and writer threads both
// busy): the database passes integrity_check and holds whole batches only; the same import run
// again completes it without duplicates.
TEST(Cli, ImportKilledPartWayKeepsWholeBatchesAndResumes) {
    fs::path dir = temp_dir("sx_cli_kill");
    std::string src = (dir / "src.db").string();
    auto [rc, out] = shuxiang_run("catalog demo --db " + src + " --records 40000 --seed 9");
    ASSERT_EQ(rc, 0) << out;
    std::tie(rc, out) = shuxiang_run("catalog export --db " + src + " --format cnmarc " + (dir / "in.mrc").string());
    ASSERT_EQ(rc, 0) << out;
    std::string db = (dir / "library.db").string();
    const std::string bin = std::string(SHUXIANG_BIN_DIR) + "/shuxiang";
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        std::freopen("/dev/null", "w", stdout);
        std::freopen("/dev/null", "w", stderr);
        ::execl(bin.c_str(), bin.c_str(), "catalog", "import", "--batch", "800", "--db", db.c_str(),
                (dir / "in.mrc").c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    // Watch the committed count with a plain read-only connection (opening a Store would migrate and
    // take the write lock, slowing the import it watches), and kill once three batches are in: well
    // before the end even when the import runs fast or the test runs slowly (asan, load).
    auto peek = [&]() -> long long {
        sqlite3* h = nullptr;
        long long n = 0;
        if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
            sqlite3_busy_timeout(h, 50);
            sqlite3_stmt* q = nullptr;
            if (sqlite3_prepare_v2(h, "SELECT count(*) FROM records", -1, &q, nullptr) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
                n = sqlite3_column_int64(q, 0);
            sqlite3_finalize(q);
        }
        sqlite3_close(h);
        return n;
    };
    long long seen = 0;
    for (int k = 0; k < 20000 && seen < 700; ++k) {
        ::usleep(1000);
        if (fs::exists(db)) seen = peek();
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the import finished before it was killed; make the file larger";
    auto integrity = [&] {
        sqlite3* h = nullptr;
        EXPECT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &s, nullptr);
        std::string r = sqlite3_step(s) == SQLITE_ROW ? reinterpret_cast<const char*>(sqlite3_column_text(s, 0)) : "";
        sqlite3_finalize(s);
        sqlite3_close(h);
        return r;
    };
    EXPECT_EQ(integrity(), "ok");
    long long kept = records_in(db);
    EXPECT_GT(kept, 0);
    EXPECT_LT(kept, 40000);
    // Batches grow 100, 200, 400, then 800 each: whole batches only.
    long long whole = 0;
    bool on_boundary = false;
    for (long long size = 100; whole <= kept; size = std::min(800LL, size * 2)) {
        if (whole == kept) on_boundary = true;
        whole += size;
    }
    EXPECT_TRUE(on_boundary) << kept << " records is not a whole number of batches";
    std::tie(rc, out) = shuxiang_run("catalog import --json --db " + db + " " + (dir / "in.mrc").string());
    ASSERT_EQ(rc, 0) << out;
    auto j = nlohmann::json::parse(out);
    EXPECT_EQ(j[0]["records_existing"].get<long long>(), kept);
    EXPECT_EQ(j[0]["records_added"].get<long long>(), 40000 - kept);
    EXPECT_EQ(records_in(db), 40000);
    EXPECT_EQ(integrity(), "ok");
    fs::remove_all(dir);
}

// A record that cannot be read at all is skipped, counted and explained (its defects used to be
// dropped because they belonged to no returned record); a file that gives no record at all is
// bad input and exits with 2.
TEST(Cli, SkippedRecordsReportedAndNothingReadFails) {
    fs::path dir = temp_dir("sx_cli_skip");
    auto recs = three_records();
    std::string data = write_iso2709(recs[0], MarcFlavor::Cnmarc) + "00040nam0 2200000   450 no directory here\x1d" +
                       write_iso2709(recs[2], MarcFlavor::Cnmarc);
    atomic_write_file(dir / "mixed.mrc", data);
    std::string db = (dir / "library.db").string();
    auto [rc, out] = shuxiang_run("catalog import --json --db " + db + " " + (dir / "mixed.mrc").string());
    ASSERT_EQ(rc, 0) << out;
    auto j = nlohmann::json::parse(out);
    EXPECT_EQ(j[0]["records_added"], 2);
    EXPECT_EQ(j[0]["skipped_records"], 1);
    ASSERT_GE(j[0]["problems"].size(), 1u);
    EXPECT_EQ(j[0]["problems"][0].get<std::string>().rfind("record 2,", 0), 0u) << j[0]["problems"].dump();

    atomic_write_file(dir / "garbage.mrc", "hello, this is not MARC at all\n");
    std::tie(rc, out) = shuxiang_run("catalog import --json --db " + db + " " + (dir / "garbage.mrc").string());
    EXPECT_EQ(rc, 2);
    j = nlohmann::json::parse(out);
    EXPECT_EQ(j[0]["records_added"], 0);
    EXPECT_EQ(j[0]["skipped_records"], 1);
    EXPECT_EQ(j[0]["problems"].back(), tr("catalog.msg.no_records"));

    atomic_write_file(dir / "empty.mrc", "");
    std::tie(rc, out) = shuxiang_run("catalog import --json --db " + db + " " + (dir / "empty.mrc").string());
    EXPECT_EQ(rc, 2);
    EXPECT_EQ(records_in(db), 2);
    fs::remove_all(dir);
}
