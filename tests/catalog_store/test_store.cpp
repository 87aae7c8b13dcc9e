#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <thread>

#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/catalog/demo.hpp"
#include "shuxiang/catalog/sqlite/store_sqlite.hpp"

using namespace shuxiang;
using namespace shuxiang::catalog;
namespace fs = std::filesystem;

namespace {

struct TempDb {
    fs::path dir;
    fs::path path;
    TempDb() {
        dir = fs::temp_directory_path() / ("sx_store_" + std::to_string(::getpid()) + "_" + std::to_string(counter()++));
        fs::remove_all(dir);
        fs::create_directories(dir);
        path = dir / "library.db";
    }
    ~TempDb() { fs::remove_all(dir); }
    static int& counter() {
        static int c = 0;
        return c;
    }
};

ImportEntry entry(std::string cn, std::string title, std::string resp, std::string callno, std::vector<std::string> barcodes,
                  std::string isbn = "", std::vector<std::string> subjects = {}) {
    ImportEntry e;
    e.record.control_number = std::move(cn);
    e.record.title = std::move(title);
    e.record.responsibility = std::move(resp);
    e.record.call_number = std::move(callno);
    e.record.clc_class = e.record.call_number.substr(0, e.record.call_number.find('/'));
    e.record.publisher = "人民文学出版社";
    e.record.subjects = std::move(subjects);
    if (!isbn.empty()) e.record.isbns.push_back(isbn);
    e.record.marc = synthesize_cnmarc(e.record);
    int copy = 1;
    for (auto& b : barcodes) {
        Item it;
        it.barcode = b;
        it.copy_number = copy++;
        e.items.push_back(it);
    }
    return e;
}

std::vector<ImportEntry> sample() {
    std::vector<ImportEntry> v;
    v.push_back(entry("c1", "草房子", "曹文轩著", "I287.45/12", {"B001", "B002"}, "9787020002207", {"儿童小说"}));
    v.push_back(entry("c2", "青铜葵花", "曹文轩著", "I287.45/13", {"B003"}, "", {"儿童小说"}));
    v.push_back(entry("c3", "十万个为什么", "少年儿童出版社编", "Z228.1/5", {"B004"}, "", {"百科全书"}));
    v.push_back(entry("c4", "Python编程入门", "Eric Matthes著", "TP312PY/3", {"B005"}, "", {"程序设计"}));
    v.push_back(entry("c5", "湖湘文化读本", "王湘著", "K296.4/1", {"B006"}, "", {"房子", "地方文化"}));
    v.push_back(entry("c6", "论语", "孔子", "B222.2/7", {}, "", {}));
    return v;
}

std::string pragma(const fs::path& db, const char* p) {
    sqlite3* h = nullptr;
    sqlite3_open(db.string().c_str(), &h);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(h, p, -1, &s, nullptr);
    std::string out;
    if (sqlite3_step(s) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(h);
    return out;
}

int exec_rc(const fs::path& db, const char* sql) {
    sqlite3* h = nullptr;
    sqlite3_open(db.string().c_str(), &h);
    int rc = sqlite3_exec(h, sql, nullptr, nullptr, nullptr);
    sqlite3_close(h);
    return rc;
}

}  // namespace

TEST(Store, CreatesSchemaInWalMode) {
    TempDb t;
    auto st = open_sqlite_store(t.path);
    EXPECT_EQ(st->schema_version(), kStoreSchemaVersion);
    EXPECT_EQ(pragma(t.path, "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(pragma(t.path, "PRAGMA page_size"), "8192");  // set for new files only
    EXPECT_EQ(pragma(t.path, "SELECT version FROM schema_version"), std::to_string(kStoreSchemaVersion));
    EXPECT_EQ(st->record_count(), 0);
}

TEST(Store, ImportAndReadBack) {
    TempDb t;
    auto st = open_sqlite_store(t.path);
    auto batch = sample();
    auto res = st->import_batch(batch);
    EXPECT_EQ(res.records_added, 6u);
    EXPECT_EQ(res.items_added, 6u);
    EXPECT_EQ(st->record_count(), 6);
    EXPECT_EQ(st->item_count(), 6);

    auto r = st->record(batch[0].record.id);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->title, "草房子");
    EXPECT_EQ(r->call_number, "I287.45/12");
    EXPECT_EQ(r->subjects, std::vector<std::string>{"儿童小说"});
    EXPECT_EQ(r->marc, batch[0].record.marc);  // lossless
    EXPECT_EQ(r->marc.value("200", 'a'), "草房子");

    auto it = st->item_by_barcode("B002");
    ASSERT_TRUE(it);
    EXPECT_EQ(it->record_id, batch[0].record.id);
    EXPECT_EQ(it->copy_number, 2);
    EXPECT_EQ(it->call_number, "I287.45/12");  // inherited from the record
    EXPECT_EQ(it->status, ItemStatus::Available);
    EXPECT_FALSE(st->item_by_barcode("NOPE").has_value());
    EXPECT_EQ(st->items_of(batch[0].record.id).size(), 2u);
    EXPECT_FALSE(st->record(999).has_value());

    // ISBN in its ISBN-10 form with hyphens finds the record.
    auto ids = st->records_by_isbn("7-02-000220-X");
    ASSERT_EQ(ids.size(), 1u);
    EXPECT_EQ(ids[0], batch[0].record.id);
}

TEST(Store, ReimportCreatesNoDuplicates) {
    TempDb t;
    auto st = open_sqlite_store(t.path);
    auto a = sample();
    st->import_batch(a);
    auto b = sample();
    b.push_back(entry("c7", "新书", "李明著", "I247.5/1", {"B007", "B001"}));  // B001 is taken
    auto res = st->import_batch(b);
    EXPECT_EQ(res.records_added, 1u);
    EXPECT_EQ(res.records_existing, 6u);
    EXPECT_EQ(res.items_added, 1u);
    EXPECT_EQ(res.items_existing, 7u);
    EXPECT_EQ(st->record_count(), 7);
    EXPECT_EQ(st->item_count(), 7);
    EXPECT_EQ(b[0].record.id, a[0].record.id);
    // Without a control number the ISBN and title identify the record.
    std::vector<ImportEntry> c{entry("", "草房子", "x", "I1/1", {}, "978-7-02-000220-7")};
    std::vector<ImportEntry> d{entry("", "草房子", "y", "I1/1", {}, "702000220X")};
    EXPECT_EQ(st->import_batch(c).records_added, 1u);
    EXPECT_EQ(st->import_batch(d).records_existing, 1u);
}

TEST(Store, SearchChineseAndExact) {
    TempDb t;
    auto st = open_sqlite_store(t.path);
    auto batch = sample();
    st->import_batch(batch);
    auto ids = [&](const char* q) {
        std::vector<long long> out;
        for (const auto& h : st->search(q, 20)) out.push_back(h.record_id);
        return out;
    };
    // One character: 草房子 (title) only.
    EXPECT_EQ(ids("草"), (std::vector<long long>{batch[0].record.id}));
    // Two characters: 房子 in the title of c1 ranks before 房子 as a subject of c5.
    EXPECT_EQ(ids("房子"), (std::vector<long long>{batch[0].record.id, batch[4].record.id}));
    // Author search, three characters (bigrams 曹文 文轩).
    auto au = ids("曹文轩");
    EXPECT_EQ(au.size(), 2u);
    // A three-character query that is not contiguous in any record finds nothing.
    EXPECT_TRUE(ids("曹轩文").empty());
    // Latin words are case-insensitive; full-width letters fold.
    EXPECT_EQ(ids("python"), (std::vector<long long>{batch[3].record.id}));
    EXPECT_EQ(ids("\xEF\xBC\xB0ython"), (std::vector<long long>{batch[3].record.id}));
    // Publisher and subject fields are searched.
    EXPECT_EQ(ids("百科").size(), 1u);
    // Exact lookups.
    auto h = st->search("978-7-02-000220-7", 5);
    ASSERT_FALSE(h.empty());
    EXPECT_EQ(h[0].match, MatchKind::Isbn);
    EXPECT_EQ(h[0].title, "草房子");
    h = st->search("B004", 5);
    ASSERT_FALSE(h.empty());
    EXPECT_EQ(h[0].match, MatchKind::Barcode);
    EXPECT_EQ(h[0].record_id, batch[2].record.id);
    h = st->search("I287", 5);
    ASSERT_EQ(h.size(), 2u);
    EXPECT_EQ(h[0].match, MatchKind::CallNumber);
    EXPECT_EQ(h[0].call_number, "I287.45/12");  // shelf order: 12 before 13
    EXPECT_EQ(h[1].call_number, "I287.45/13");
    EXPECT_TRUE(st->search("   ", 5).empty());
    EXPECT_TRUE(st->search("不存在的书", 5).empty());
    auto pre = st->records_by_call_number_prefix("i287.45/1", 10);
    EXPECT_EQ(pre.size(), 2u);
}

// More than 2,000 matches (kRankLimit): title matches first, newest first, without bm25 over all of them.
TEST(Store, CommonQueryTitleMatchesFirst) {
    TempDb t;
    auto st = open_sqlite_store(t.path);
    std::vector<ImportEntry> batch;
    for (int k = 0; k < 6000; ++k) {
        // Even k: 书 in the title; odd k: 书 only in the subjects.
        std::string title = k % 2 == 0 ? "好书" + std::to_string(k) : "故事" + std::to_string(k);
        batch.push_back(entry("c" + std::to_string(k), title, "某", "I1/" + std::to_string(k + 1), {}, "", {"读书"}));
    }
    st->import_batch(batch);
    auto hits = st->search("书", 10);
    ASSERT_EQ(hits.size(), 10u);
    for (std::size_t k = 0; k < hits.size(); ++k) {
        EXPECT_EQ(hits[k].record_id, batch[5998 - 2 * k].record.id) << k;
        EXPECT_EQ(hits[k].title, "好书" + std::to_string(5998 - 2 * k));
    }
    // A rare token is still ranked by bm25.
    hits = st->search("好书5998", 5);
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].title, "好书5998");
}

TEST(Store, CallNumberPrefixInShelfOrder) {
    TempDb t;
    auto st = open_sqlite_store(t.path);
    std::vector<ImportEntry> batch;
    for (const char* cn : {"I2/10", "I2/9", "I21/1", "I2-61/1", "I2/1", "I207/3", "I3/1", "I2/100", "bad"})
        batch.push_back(entry(std::string("p") + cn, std::string("书") + cn, "某", cn, {}));
    st->import_batch(batch);
    auto callnos = [&](const char* prefix, std::size_t limit) {
        std::vector<std::string> out;
        for (long long id : st->records_by_call_number_prefix(prefix, limit)) out.push_back(st->record(id)->call_number);
        return out;
    };
    EXPECT_EQ(callnos("I2", 20), (std::vector<std::string>{"I2/1", "I2/9", "I2/10", "I2/100", "I2-61/1", "I207/3", "I21/1"}));
    EXPECT_EQ(callnos("i2", 3), (std::vector<std::string>{"I2/1", "I2/9", "I2/10"}));
    EXPECT_EQ(callnos("I2/1", 20), (std::vector<std::string>{"I2/1", "I2/10", "I2/100"}));
    EXPECT_EQ(callnos("I20", 20), (std::vector<std::string>{"I207/3"}));
    EXPECT_EQ(callnos("ba", 20), (std::vector<std::string>{"bad"}));  // not a class: text prefix
    EXPECT_TRUE(callnos("K", 20).empty());
}

TEST(Store, Stats) {
    TempDb t;
    auto st = open_sqlite_store(t.path);
    auto batch = sample();
    batch[1].items[0].status = ItemStatus::Withdrawn;  // not held: not counted
    batch.push_back(entry("c8", "无分类", "某", "", {"B010"}));
    st->import_batch(batch);
    auto s = st->stats();
    ASSERT_EQ(s.classes.size(), 22u);
    ASSERT_EQ(s.parts.size(), 5u);
    auto cls = [&](const char* code) {
        for (const auto& c : s.classes)
            if (c.code == code) return c;
        return ClassCount{};
    };
    EXPECT_EQ(cls("I").records, 2);
    EXPECT_EQ(cls("I").items, 2);  // B001 B002 held, B003 withdrawn
    EXPECT_EQ(cls("T").records, 1);
    EXPECT_EQ(cls("K").items, 1);
    EXPECT_EQ(cls("B").records, 1);
    EXPECT_EQ(cls("B").items, 0);
    EXPECT_EQ(s.parts[2].records, 3);  // I I K
    EXPECT_EQ(s.parts[2].items, 3);
    EXPECT_EQ(s.parts[3].items, 1);    // TP
    EXPECT_EQ(s.parts[4].items, 1);    // Z
    EXPECT_EQ(s.parts[1].records, 1);  // B
    EXPECT_EQ(s.unclassified.records, 1);
    EXPECT_EQ(s.unclassified.items, 1);
    EXPECT_EQ(s.total_records, 7);
    EXPECT_EQ(s.total_items, 6);
    EXPECT_DOUBLE_EQ(s.item_share(3), 0.5);
}

TEST(Store, MigratesStepByStep) {
    TempDb t;
    {
        auto v1 = open_sqlite_store(t.path, 1);
        EXPECT_EQ(v1->schema_version(), 1);
        auto batch = sample();
        v1->import_batch(batch);
        EXPECT_TRUE(v1->search("草房子", 5).empty());  // no full-text index in version 1
    }
    std::optional<Item> before;
    {
        auto v2 = open_sqlite_store(t.path, 2);
        EXPECT_EQ(v2->schema_version(), 2);
        auto h = v2->search("草房子", 5);  // indexed by the migration
        ASSERT_EQ(h.size(), 1u);
        EXPECT_EQ(h[0].title, "草房子");
        before = v2->item_by_barcode("B002");
        ASSERT_TRUE(before);
    }
    // Step 3 rebuilds the items table (a status check without IN): ids and values stay, the check
    // still refuses an unknown status.
    {
        auto v3 = open_sqlite_store(t.path, 3);
        EXPECT_EQ(v3->schema_version(), 3);
        EXPECT_EQ(v3->search("草房子", 5).size(), 1u);
    }
    EXPECT_NE(pragma(t.path, "SELECT sql FROM sqlite_schema WHERE name = 'records_fts'").find("'ascii'"),
              std::string::npos);
    // Step 4 rebuilds the search index with its own tokenizer.
    auto v3 = open_sqlite_store(t.path, 4);
    EXPECT_EQ(v3->schema_version(), 4);
    EXPECT_NE(pragma(t.path, "SELECT sql FROM sqlite_schema WHERE name = 'records_fts'").find("'sx_cjk'"),
              std::string::npos);
    auto after = v3->item_by_barcode("B002");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->id, before->id);
    EXPECT_EQ(after->record_id, before->record_id);
    EXPECT_EQ(after->call_number, before->call_number);
    EXPECT_EQ(v3->item_count(), 6);
    EXPECT_EQ(exec_rc(t.path, "UPDATE items SET status = 'eaten' WHERE barcode = 'B002'"), SQLITE_CONSTRAINT);
    EXPECT_EQ(exec_rc(t.path, "UPDATE items SET status = 'lost' WHERE barcode = 'B002'"), SQLITE_OK);
    EXPECT_EQ(v3->item_by_barcode("B002")->status, ItemStatus::Lost);
    EXPECT_EQ(pragma(t.path, "SELECT count(*) FROM pragma_foreign_key_check"), "0");
    EXPECT_EQ(v3->search("草房子", 5).size(), 1u);
}

namespace {

// Every term of the search index with the number of records holding it, read through fts5vocab.
std::vector<std::string> index_terms(const fs::path& db) {
    sqlite3* h = nullptr;
    sqlite3_open(db.string().c_str(), &h);
    register_search_tokenizer(h);
    sqlite3_exec(h, "CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, records_fts, 'row')", nullptr, nullptr, nullptr);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(h, "SELECT term, doc FROM temp.v ORDER BY term", -1, &s, nullptr);
    std::vector<std::string> out;
    while (sqlite3_step(s) == SQLITE_ROW)
        out.push_back(std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) + "|" +
                      std::to_string(sqlite3_column_int64(s, 1)));
    sqlite3_finalize(s);
    sqlite3_close(h);
    return out;
}

}  // namespace

// Schema 4's tokenizer must index exactly what schema 3 indexed from pre-tokenised text: the same
// terms in the same records, and the same answers to searches.
TEST(Store, TokenizerIndexesWhatPretokenisedTextDid) {
    TempDb a;
    TempDb b;
    auto v3 = open_sqlite_store(a.path, 3);
    auto v4 = open_sqlite_store(b.path);
    ASSERT_EQ(v4->schema_version(), kStoreSchemaVersion);
    auto odd = sample();
    odd.push_back(entry("x1", "ＡＢＣ全角Ｐｙｔｈｏｎ与ＰＹＴＨＯＮ", "ひらがな·カタカナ", "I313/1", {"X001"}, "", {"日本　文学"}));
    odd.push_back(entry("x2", "《红楼梦》（第1版）——曹雪芹", "C++ Primer 5th", "I242.4/2", {"X002"}, "", {"古典-小说"}));
    odd.push_back(entry("x3", std::string("bad\xff\xfe" "bytes书\xe4\xb8"), "𠀀𪚥 rare", "I0/3", {"X003"}));
    for (auto* st : {v3.get(), v4.get()}) {
        auto copy = odd;
        st->import_batch(copy);
    }
    DemoOptions opt;
    opt.records = 3000;
    opt.seed = 5;
    for (auto* st : {v3.get(), v4.get()})
        generate_demo(opt, 700, [&](std::vector<ImportEntry>& batch) { st->import_batch(batch); });
    auto terms3 = index_terms(a.path);
    auto terms4 = index_terms(b.path);
    EXPECT_GT(terms3.size(), 1000u);
    EXPECT_EQ(terms3, terms4);
    for (const char* q : {"草房子", "书", "房子", "python", "PYTHON", "abc", "文学", "曹雪芹 红楼梦", "カタカナ", "𪚥",
                          "出版社", "中国", "c", "5th", "科学", "数学 习题"}) {
        auto h3 = v3->search(q, 50);
        auto h4 = v4->search(q, 50);
        ASSERT_EQ(h3.size(), h4.size()) << q;
        for (std::size_t k = 0; k < h3.size(); ++k) EXPECT_EQ(h3[k].record_id, h4[k].record_id) << q;
    }
    EXPECT_EQ(v4->search("全角", 5).size(), 1u);
    EXPECT_EQ(v4->search("python", 5).size(), 2u);
}

// import_batch switches the items -> records check off for its own transaction only: on the
// connection it is on again afterwards, after a failed batch too, and what was stored passes it.
TEST(Store, ForeignKeysBackOnAfterABatch) {
    TempDb t;
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(t.path.string().c_str(), &h), SQLITE_OK);
    auto fk_on = [&] {
        sqlite3_stmt* s = nullptr;
        sqlite3_prepare_v2(h, "PRAGMA foreign_keys", -1, &s, nullptr);
        sqlite3_step(s);
        int v = sqlite3_column_int(s, 0);
        sqlite3_finalize(s);
        return v == 1;
    };
    {
        auto st = open_sqlite_store(h);
        auto batch = sample();
        st->import_batch(batch);
        EXPECT_TRUE(fk_on());
        EXPECT_EQ(sqlite3_exec(h, "INSERT INTO items(barcode, record_id) VALUES('ORPHAN', 999999)", nullptr, nullptr,
                               nullptr),
                  SQLITE_CONSTRAINT);
        ASSERT_EQ(sqlite3_exec(h,
                               "CREATE TRIGGER boom AFTER INSERT ON records WHEN NEW.title = 'boom' "
                               "BEGIN SELECT RAISE(ABORT, 'injected'); END",
                               nullptr, nullptr, nullptr),
                  SQLITE_OK);
        auto bad = sample();
        bad.push_back(entry("b1", "boom", "x", "I0/1", {"BOOM1"}));
        EXPECT_THROW(st->import_batch(bad), std::exception);
        EXPECT_TRUE(fk_on());
        EXPECT_EQ(st->record_count(), 6);
    }
    sqlite3_close(h);
    EXPECT_EQ(pragma(t.path, "SELECT count(*) FROM pragma_foreign_key_check"), "0");
}

TEST(Store, RefusesNewerSchema) {
    TempDb t;
    { open_sqlite_store(t.path); }
    {
        sqlite3* h = nullptr;
        sqlite3_open(t.path.string().c_str(), &h);
        sqlite3_exec(h, "UPDATE schema_version SET version = 99", nullptr, nullptr, nullptr);
        sqlite3_close(h);
    }
    try {
        open_sqlite_store(t.path);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.where(), "schema_version");
        EXPECT_NE(std::string(e.what()).find("99"), std::string::npos);
    }
}

TEST(Store, NotADatabase) {
    TempDb t;
    {
        std::FILE* f = std::fopen(t.path.string().c_str(), "wb");
        std::fputs("this is not an sqlite file, just text that is long enough to fill a header page......", f);
        std::fclose(f);
    }
    EXPECT_THROW(open_sqlite_store(t.path), InputError);
}

TEST(Store, MarcBlobRoundTrip) {
    MarcRecord m;
    m.leader = "00000nam0 2200000   450 ";
    Field c;
    c.tag = "001";
    c.data = "CAL 012345";
    m.fields.push_back(c);
    Field d;
    d.tag = "200";
    d.ind1 = '1';
    d.ind2 = '#';
    d.subfields = {{'a', "草房子"}, {'f', "曹文轩著"}, {'a', ""}};
    m.fields.push_back(d);
    Field odd;  // a control tag with subfields survives too
    odd.tag = "009";
    odd.subfields = {{'x', "y"}};
    m.fields.push_back(odd);
    auto blob = encode_marc(m);
    auto back = decode_marc(blob);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, m);
    EXPECT_FALSE(decode_marc(blob.substr(0, blob.size() - 3)).has_value());
    EXPECT_FALSE(decode_marc("junk").has_value());
}

// A child imports the demo collection in batches and is killed with SIGKILL part way; the
// database must pass integrity_check, hold only whole batches, and a re-run must complete it
// without duplicates.
TEST(Store, KillDuringImportKeepsWholeBatches) {
    TempDb t;
    DemoOptions opt;
    opt.records = 60000;
    opt.seed = 7;
    const std::size_t batch = 500;
    { open_sqlite_store(t.path); }
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        try {
            auto st = open_sqlite_store(t.path);
            generate_demo(opt, batch, [&](std::vector<ImportEntry>& b) { st->import_batch(b); });
        } catch (...) {
        }
        ::_exit(0);
    }
    // Wait until some batches are committed, then kill.
    long long seen = 0;
    for (int k = 0; k < 2000 && seen < 2000; ++k) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        try {
            auto probe = open_sqlite_store(t.path);
            seen = probe->record_count();
        } catch (...) {
        }
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child finished before it was killed; make the import larger";

    auto st = open_sqlite_store(t.path);
    EXPECT_EQ(pragma(t.path, "PRAGMA integrity_check"), "ok");
    long long kept = st->record_count();
    EXPECT_GT(kept, 0);
    EXPECT_LT(kept, opt.records);
    EXPECT_EQ(kept % static_cast<long long>(batch), 0) << "a partial batch was kept";
    BatchResult total;
    generate_demo(opt, batch, [&](std::vector<ImportEntry>& b) { total += st->import_batch(b); });
    EXPECT_EQ(total.records_existing, static_cast<std::size_t>(kept));
    EXPECT_EQ(st->record_count(), opt.records);
    BatchResult again;
    generate_demo(opt, batch, [&](std::vector<ImportEntry>& b) { again += st->import_batch(b); });
    EXPECT_EQ(again.records_added, 0u);
    EXPECT_EQ(again.items_added, 0u);
    EXPECT_EQ(st->record_count(), opt.records);
    EXPECT_EQ(pragma(t.path, "PRAGMA foreign_key_check"), "");
}
