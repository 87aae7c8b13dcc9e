// SQLite implementation of Store. Schema changes are numbered steps; each runs in its own
// transaction together with the schema_version update, so an interrupted migration leaves the
// previous version intact.
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <cstring>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/catalog/edit.hpp"
#include "shuxiang/catalog/isbn.hpp"
#include "shuxiang/catalog/sqlite/store_sqlite.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/util/sqlite.hpp"

namespace shuxiang::catalog {

namespace {

// Above this many matching records the text search stops ranking by bm25 (see search()).
constexpr long long kRankLimit = 2000;

constexpr const char* kStatusNames[] = {"in_processing", "available", "on_loan", "in_transit",
                                        "lost",          "damaged",   "withdrawn"};

// ---- MARC blob: "SXM2", leader, then fields; lengths are varints ----
// Lengths and counts as LEB128 varints: most are below 128, so one byte each.
void put_u32(std::string& out, std::size_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7F) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}
void put_str(std::string& out, std::string_view s) {
    put_u32(out, s.size());
    out += s;
}
struct Reader {
    std::string_view s;
    std::size_t i = 0;
    bool ok = true;
    std::size_t u32() {
        std::size_t v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (i >= s.size()) return ok = false, 0;
            auto b = static_cast<unsigned char>(s[i++]);
            v |= static_cast<std::size_t>(b & 0x7F) << shift;
            if (!(b & 0x80)) return v;
        }
        return ok = false, 0;
    }
    std::string str() {
        std::size_t n = u32();
        if (!ok || i + n > s.size()) return ok = false, std::string();
        std::string v(s.substr(i, n));
        i += n;
        return v;
    }
    char ch() {
        if (i >= s.size()) return ok = false, '\0';
        return s[i++];
    }
};

using sqlite::Stmt;

// One write of the store: its own transaction, or a savepoint of the caller's open transaction
// (a store on a shared connection), so that it commits or rolls back with the caller's work.
// Rolled back when destroyed without commit().
class WriteTx {
public:
    explicit WriteTx(sqlite3* db) : db_(db), nested_(sqlite3_get_autocommit(db) == 0) {
        sqlite::exec(db_, nested_ ? "SAVEPOINT sx_write" : "BEGIN IMMEDIATE");
    }
    WriteTx(const WriteTx&) = delete;
    WriteTx& operator=(const WriteTx&) = delete;
    ~WriteTx() {
        if (!done_)
            sqlite3_exec(db_, nested_ ? "ROLLBACK TO sx_write; RELEASE sx_write" : "ROLLBACK", nullptr, nullptr, nullptr);
    }
    bool nested() const { return nested_; }
    void commit() {
        sqlite::exec(db_, nested_ ? "RELEASE sx_write" : "COMMIT");
        done_ = true;
    }

private:
    sqlite3* db_;
    bool nested_;
    bool done_ = false;
};

std::string join(const std::vector<std::string>& v, char sep) {
    std::string out;
    for (std::size_t k = 0; k < v.size(); ++k) {
        if (k) out += sep;
        out += v[k];
    }
    return out;
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    if (s.empty()) return out;
    std::size_t b = 0;
    for (;;) {
        auto e = s.find(sep, b);
        out.push_back(s.substr(b, e == std::string::npos ? std::string::npos : e - b));
        if (e == std::string::npos) break;
        b = e + 1;
    }
    return out;
}

// Step 1: records, their ISBNs, items, metadata. Step 2: the full-text index over pre-tokenised
// text (see search.hpp). It is contentless: the tokens can always be rebuilt from the records
// table, so keeping a second copy would only double the text on disk.
const char* kMigration1 = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records(
  id INTEGER PRIMARY KEY,
  dedupe_key TEXT NOT NULL UNIQUE,
  control_number TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  other_title TEXT NOT NULL DEFAULT '',
  responsibility TEXT NOT NULL DEFAULT '',
  edition TEXT NOT NULL DEFAULT '',
  publisher TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  year TEXT NOT NULL DEFAULT '',
  isbns TEXT NOT NULL DEFAULT '',
  price REAL,
  pages INTEGER,
  language TEXT NOT NULL DEFAULT '',
  subjects TEXT NOT NULL DEFAULT '',
  series TEXT NOT NULL DEFAULT '',
  clc_class TEXT NOT NULL DEFAULT '',
  clc_top TEXT NOT NULL DEFAULT '',
  call_number TEXT NOT NULL DEFAULT '',
  shelf_key BLOB,
  audience INTEGER NOT NULL DEFAULT 0,
  local_collection INTEGER NOT NULL DEFAULT 0,
  summary TEXT NOT NULL DEFAULT '',
  flavor INTEGER NOT NULL DEFAULT 1,
  marc BLOB NOT NULL);
CREATE INDEX records_shelf_key ON records(shelf_key);
CREATE INDEX records_clc_top ON records(clc_top);
CREATE TABLE record_isbns(
  isbn TEXT NOT NULL,
  record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  PRIMARY KEY(isbn, record_id)) WITHOUT ROWID;
CREATE TABLE items(
  id INTEGER PRIMARY KEY,
  barcode TEXT NOT NULL UNIQUE,
  record_id INTEGER NOT NULL REFERENCES records(id),
  call_number TEXT NOT NULL DEFAULT '',
  copy_number INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL DEFAULT 'available' CHECK(status IN
    ('in_processing','available','on_loan','in_transit','lost','damaged','withdrawn')),
  location TEXT NOT NULL DEFAULT '',
  acquired TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  price REAL);
CREATE INDEX items_record ON items(record_id);
)SQL";

const char* kMigration2 = R"SQL(
CREATE VIRTUAL TABLE records_fts USING fts5(
  title, responsibility, publisher, subjects, series, content = '', tokenize = 'ascii', detail = 'column');
)SQL";

// Step 3: the items table again, with the status check written as a chain of comparisons. SQLite
// evaluates a CHECK with "IN (7 constants)" by building a temporary B-tree of the constants on every
// INSERT; with one item per copy that was a third of an import's CPU time. The rebuild keeps ids.
const char* kMigration3 = R"SQL(
CREATE TABLE items_v3(
  id INTEGER PRIMARY KEY,
  barcode TEXT NOT NULL UNIQUE,
  record_id INTEGER NOT NULL REFERENCES records(id),
  call_number TEXT NOT NULL DEFAULT '',
  copy_number INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL DEFAULT 'available' CHECK(status = 'available' OR status = 'on_loan' OR
    status = 'in_processing' OR status = 'in_transit' OR status = 'lost' OR status = 'damaged' OR
    status = 'withdrawn'),
  location TEXT NOT NULL DEFAULT '',
  acquired TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  price REAL);
INSERT INTO items_v3 SELECT id, barcode, record_id, call_number, copy_number, status, location, acquired, source,
  price FROM items;
DROP TABLE items;
ALTER TABLE items_v3 RENAME TO items;
CREATE INDEX items_record ON items(record_id);
)SQL";

// Step 4: the search index tokenizes for itself (the sx_cjk tokenizer below) instead of reading
// text that was pre-tokenised by an SQL function: the same tokens, a tenth less import time. The
// table is rebuilt from the records in the same step.
const char* kMigration4 = R"SQL(
DROP TABLE records_fts;
CREATE VIRTUAL TABLE records_fts USING fts5(
  title, responsibility, publisher, subjects, series, content = '', tokenize = 'sx_cjk', detail = 'column');
)SQL";

// Step 5: catalogue maintenance. Records and copies remember the import run that added them (an
// import can be undone), copies count their status changes (an undo refuses a copy that
// circulated), every change is logged with its before and after, and merged records redirect.
// The count is kept by a trigger, so that it also sees writers that update the items table
// themselves; it fires on UPDATEs that set the status only, never on an import's INSERTs.
const char* kMigration5 = R"SQL(
ALTER TABLE records ADD COLUMN batch INTEGER;
ALTER TABLE items ADD COLUMN batch INTEGER;
ALTER TABLE items ADD COLUMN state_changes INTEGER NOT NULL DEFAULT 0;
CREATE TABLE import_batches(id INTEGER PRIMARY KEY, at TEXT NOT NULL, operator TEXT NOT NULL, source TEXT NOT NULL,
  overlay INTEGER NOT NULL, records_added INTEGER NOT NULL DEFAULT 0, records_updated INTEGER NOT NULL DEFAULT 0,
  records_skipped INTEGER NOT NULL DEFAULT 0, items_added INTEGER NOT NULL DEFAULT 0, undone_at TEXT);
CREATE TABLE catalog_changes(id INTEGER PRIMARY KEY, at TEXT NOT NULL, operator TEXT NOT NULL, action TEXT NOT NULL,
  target TEXT NOT NULL, record_id INTEGER, before_json TEXT, after_json TEXT, batch INTEGER);
CREATE INDEX catalog_changes_record ON catalog_changes(record_id);
CREATE INDEX catalog_changes_target ON catalog_changes(target);
CREATE TABLE record_redirects(from_id INTEGER PRIMARY KEY, to_id INTEGER NOT NULL);
CREATE TRIGGER items_state_changes AFTER UPDATE OF status ON items WHEN NEW.status <> OLD.status
BEGIN
  UPDATE items SET state_changes = state_changes + 1 WHERE id = NEW.id;
END;
)SQL";

class SqliteStore final : public Store {
public:
    SqliteStore(const std::filesystem::path& path, int migrate_to) : path_(path.string()), owns_db_(true) {
        // NOMUTEX: a Store is used by one thread at a time, so the per-call connection mutex is
        // pure overhead (several per cent of an import).
        sqlite::configure_process();
        if (sqlite::open_database(path_, SQLITE_OPEN_NOMUTEX, &db_) != SQLITE_OK) {
            std::string msg = db_ ? sqlite3_errmsg(db_) : "cannot open";
            sqlite3_close(db_);
            db_ = nullptr;
            throw InputError(path_, "", msg);
        }
        sqlite3_busy_timeout(db_, 5000);
        setup(migrate_to);
    }
    // Works on the caller's connection, which stays the caller's to close (after this store).
    SqliteStore(sqlite3* db, int migrate_to) : db_(db), owns_db_(false) {
        const char* f = sqlite3_db_filename(db, "main");
        path_ = f ? f : "";
        setup(migrate_to);
    }
    ~SqliteStore() override { close(); }

    int schema_version() override { return version_; }

    BatchResult import_batch(std::vector<ImportEntry>& batch) override;
    std::optional<BibRecord> record(long long id) override;
    std::optional<Item> item(long long item_id) override;
    std::optional<Item> item_by_barcode(std::string_view barcode) override;
    bool set_item_state(long long item_id, ItemStatus status, std::optional<std::string> location) override;
    void set_item_locations(const std::vector<std::pair<long long, std::string>>& locations) override;
    ChangeResult add_items(long long record_id, std::vector<Item>& items, std::string_view op) override;
    ChangeResult delete_item(long long item_id, std::string_view op) override;
    ChangeResult edit_record(long long id, const RecordEdit& edit, std::string_view op) override;
    ChangeResult edit_item(long long item_id, const ItemEdit& edit, std::string_view op) override;
    ChangeResult delete_record(long long id, std::string_view op) override;
    ChangeResult merge_records(long long keep, long long lose, std::string_view op) override;
    std::vector<CatalogChange> history(std::optional<long long> record_id, std::size_t limit) override;
    long long begin_import(const ImportRun& run) override;
    void end_import() override;
    ChangeResult undo_import(long long batch, std::string_view op) override;
    std::vector<ImportBatchInfo> import_batches(std::size_t limit) override;
    std::vector<Item> items_of(long long record_id) override;
    std::vector<long long> records_by_isbn(std::string_view isbn) override;
    std::vector<long long> records_by_call_number_prefix(std::string_view prefix, std::size_t limit) override;
    std::vector<SearchHit> search(std::string_view query, std::size_t limit) override;
    CollectionStats stats() override;
    long long record_count() override { return scalar("SELECT count(*) FROM records"); }
    long long item_count() override { return scalar("SELECT count(*) FROM items"); }
    void for_each_record(const std::function<void(const BibRecord&)>& fn) override;
    void optimize() override {
        if (version_ >= 2) exec("INSERT INTO records_fts(records_fts) VALUES('optimize')");
        exec("PRAGMA optimize");
    }
    void set_meta(std::string_view key, std::string_view value) override {
        Stmt s(db_, "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        s.bind(1, key).bind(2, value).run();
    }
    std::optional<std::string> meta(std::string_view key) override {
        Stmt s(db_, "SELECT value FROM meta WHERE key = ?");
        s.bind(1, key);
        if (s.step()) return s.text(0);
        return std::nullopt;
    }

private:
    void setup(int migrate_to) {
        try {
            read_only_ = sqlite::read_only(db_);
            if (!read_only_) {  // a read-only file is searched as it is
                exec("PRAGMA page_size=8192");  // new files only (must come before WAL mode); fewer splits
                exec("PRAGMA journal_mode=WAL");
            }
            exec("PRAGMA synchronous=NORMAL");
            exec("PRAGMA foreign_keys=ON");
            // 32 MiB of page cache: a 100,000-record import peaks at 112 MB instead of 169 MB with 256 MiB,
            // in the same time; searches of a 1 M-record catalogue are as fast (docs/benchmarks.md).
            exec("PRAGMA cache_size=-32768");
            exec("PRAGMA temp_store=MEMORY");
            // Checkpoint every 64 MiB of WAL instead of 4 MiB: an index page changed by many import
            // batches is then copied into the database file once rather than once per checkpoint
            // (wall time of a 100,000-record import −35 %); the WAL is cut back to 64 MiB after.
            exec("PRAGMA wal_autocheckpoint=16384");
            exec("PRAGMA journal_size_limit=67108864");
            register_functions();
            migrate(migrate_to);
        } catch (const InputError&) {
            close();
            throw;
        } catch (const EnvironmentError&) {
            close();
            throw;
        } catch (const std::exception& e) {
            close();
            throw InputError(path_, "", e.what());
        }
    }
    void close() {
        stmts_.clear();
        if (db_ && owns_db_) sqlite3_close(db_);
        db_ = nullptr;
    }
    void exec(const char* sql) { sqlite::exec(db_, sql); }
    long long scalar(const char* sql) {
        Stmt s(db_, sql);
        return s.step() ? s.i64(0) : 0;
    }
    Stmt& cached(const char* sql) {
        auto it = stmts_.find(sql);
        if (it == stmts_.end()) it = stmts_.emplace(sql, Stmt(db_, sql)).first;
        return it->second.reset();
    }
    void migrate(int target);
    void migrate_step(int to);
    BibRecord read_record(Stmt& s);
    Item read_item(Stmt& s);
    void register_functions();
    bool insert_item(Item& it, long long record_id, const std::string& record_call_number);
    bool insert_record(BibRecord& r, const PreparedRecord& p);
    bool overlay_record(ImportEntry& e);
    bool overlay_item(const Item& in, long long record_id);
    void log_change(std::string_view op, const char* action, const std::string& target, long long record_id,
                    const std::string& before, const std::string& after, long long batch = 0);
    void unindex(long long id);
    ChangeResult write_record(const BibRecord& r);
    void remove_record(long long id);
    bool changed_since(const std::string& target, long long since, long long batch);
    void follow_call_number(const BibRecord& before, const BibRecord& after, std::string_view op, const char* action,
                            long long batch);
    std::optional<ChangeResult> undo_refusal(long long batch, long long since);
    // Adds the search-index rows of the stored records with ids in [first, last], to an index of
    // the given schema version (before 4 the index reads pre-tokenised text).
    void index_range(long long first, long long last, int fts_version);

    std::string path_;
    sqlite3* db_ = nullptr;
    bool owns_db_ = true;
    bool read_only_ = false;  // opened for reading only: searches work, writes fail with EnvironmentError
    int version_ = 0;
    int target_ = 0;  // the version migrate() is heading for
    std::map<const char*, Stmt> stmts_;
    std::vector<long long> added_ids_;  // import_batch's new records, kept to reuse the buffer
    long long batch_ = 0;               // the import run under way (begin_import), 0 for none
    ImportRun run_;
    BatchResult run_totals_;
};

void SqliteStore::migrate(int target) {
    if (!read_only_) exec("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)");
    {
        Stmt s(db_, "SELECT version FROM schema_version");
        version_ = s.step() ? static_cast<int>(s.i64(0)) : 0;
    }
    if (version_ > kStoreSchemaVersion)
        throw InputError(path_, "schema_version",
                         trf("common.json.newer_schema", {std::to_string(version_), std::to_string(kStoreSchemaVersion)}));
    target_ = target;
    if (read_only_ && version_ < target)
        throw EnvironmentError(path_, trf("common.db.read_only_upgrade", {std::to_string(version_), std::to_string(target)}));
    while (version_ < target) migrate_step(version_ + 1);
}

void SqliteStore::migrate_step(int to) {
    exec("BEGIN IMMEDIATE");
    try {
        if (to == 1) {
            exec(kMigration1);
        } else if (to == 3) {
            exec(kMigration3);
        } else if (to == 2) {
            exec(kMigration2);
            // A store going on to step 4 rebuilds the index there; indexing twice would be wasted.
            if (target_ < 4) index_range(0, std::numeric_limits<long long>::max(), 2);
        } else if (to == 5) {
            exec(kMigration5);
        } else if (to == 4) {
            exec(kMigration4);
            index_range(0, std::numeric_limits<long long>::max(), 4);
        }
        exec("DELETE FROM schema_version");
        Stmt v(db_, "INSERT INTO schema_version(version) VALUES(?)");
        v.bind(1, to).run();
        exec("COMMIT");
        version_ = to;
    } catch (...) {
        sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

// sx_index_tokens(text): index_tokens() for SQL, for search indexes of schema 2 and 3, which use
// FTS5's ascii tokenizer over pre-tokenised text.
void index_tokens_sql(sqlite3_context* ctx, int, sqlite3_value** argv) {
    auto p = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    if (!p) return sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
    std::string t = index_tokens(std::string_view(p, static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))));
    sqlite3_result_text64(ctx, t.data(), t.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

// The sx_cjk FTS5 tokenizer (schema 4 on). A document is split by for_each_index_token(): CJK
// characters and the bigrams of adjacent ones, other words lower-cased. A query term is one token
// as it stands: fts_match_expression() quotes terms that query_tokens() already made.
struct CjkTokenizer {};
CjkTokenizer g_cjk_tokenizer;

int cjk_create(void*, const char**, int, Fts5Tokenizer** out) {
    *out = reinterpret_cast<Fts5Tokenizer*>(&g_cjk_tokenizer);
    return SQLITE_OK;
}
void cjk_delete(Fts5Tokenizer*) {}

struct CjkTokenizeCtx {
    void* fts_ctx;
    int (*token)(void*, int, const char*, int, int, int);
    int text_bytes;
};

int cjk_tokenize(Fts5Tokenizer*, void* fts_ctx, int flags, const char* text, int n,
                 int (*token)(void*, int, const char*, int, int, int)) {
    if (n <= 0) return SQLITE_OK;
    if (flags & FTS5_TOKENIZE_QUERY) return token(fts_ctx, 0, text, n, 0, n);
    // Offsets are not used with detail=column; each token reports the whole field.
    CjkTokenizeCtx c{fts_ctx, token, n};
    return for_each_index_token(
        std::string_view(text, static_cast<std::size_t>(n)),
        [](void* p, const char* tok, std::size_t len) {
            auto& cc = *static_cast<CjkTokenizeCtx*>(p);
            return cc.token(cc.fts_ctx, 0, tok, static_cast<int>(len), 0, cc.text_bytes);
        },
        &c);
}

}  // namespace

void register_search_tokenizer(sqlite3* db) {
    fts5_api* api = nullptr;
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &s, nullptr) == SQLITE_OK) {
        sqlite3_bind_pointer(s, 1, &api, "fts5_api_ptr", nullptr);
        sqlite3_step(s);
    }
    sqlite3_finalize(s);
    if (!api || api->iVersion < 2) throw std::runtime_error("SQLite has no usable FTS5");
    static fts5_tokenizer methods{cjk_create, cjk_delete, cjk_tokenize};
    if (api->xCreateTokenizer(api, "sx_cjk", nullptr, &methods, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string("FTS5 tokenizer: ") + sqlite3_errmsg(db));
}

namespace {

void SqliteStore::register_functions() {
    if (sqlite3_create_function_v2(db_, "sx_index_tokens", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   nullptr, index_tokens_sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        throw std::runtime_error(std::string("SQL function: ") + sqlite3_errmsg(db_));
    register_search_tokenizer(db_);
}

// Subjects are stored one a line and the title apart from other title information; newlines and
// spaces both separate tokens, so the index sees the same tokens as from the joined fields.
void SqliteStore::index_range(long long first, long long last, int fts_version) {
    Stmt& s = fts_version >= 4
                  ? cached("INSERT INTO records_fts(rowid, title, responsibility, publisher, subjects, series) "
                           "SELECT id, title || ' ' || other_title, responsibility, publisher, subjects, series "
                           "FROM records WHERE id BETWEEN ? AND ?")
                  : cached("INSERT INTO records_fts(rowid, title, responsibility, publisher, subjects, series) "
                           "SELECT id, sx_index_tokens(title || ' ' || other_title), sx_index_tokens(responsibility), "
                           "sx_index_tokens(publisher), sx_index_tokens(subjects), sx_index_tokens(series) "
                           "FROM records WHERE id BETWEEN ? AND ?");
    s.bind(1, first).bind(2, last).run();
}

// Inserts a copy of the record `record_id` unless its barcode is stored already; fills its id and
// record_id. The copy takes the record's call number when it has none of its own.
bool SqliteStore::insert_item(Item& it, long long record_id, const std::string& record_call_number) {
    Stmt& ii = version_ >= 5 ? cached("INSERT INTO items(barcode, record_id, call_number, copy_number, status, location, "
                                      "acquired, source, price, batch) VALUES(?,?,?,?,?,?,?,?,?,NULLIF(?10, 0)) "
                                      "ON CONFLICT(barcode) DO NOTHING")
                             : cached("INSERT INTO items(barcode, record_id, call_number, copy_number, status, location, "
                                      "acquired, source, price) VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(barcode) DO NOTHING");
    if (version_ >= 5) ii.bind(10, batch_);
    it.record_id = record_id;
    ii.bind_ref(1, it.barcode)
        .bind(2, record_id)
        .bind_ref(3, it.call_number.empty() ? record_call_number : it.call_number)
        .bind(4, it.copy_number)
        .bind_ref(5, to_string(it.status))
        .bind_ref(6, it.location)
        .bind_ref(7, it.acquired)
        .bind_ref(8, it.source)
        .bind(9, it.price)
        .run();
    if (sqlite3_changes(db_) == 0) return false;
    it.id = sqlite3_last_insert_rowid(db_);
    return true;
}

// Binds a record's columns as ?1 (dedupe_key) to ?24 (shelf_key), the order of kWriteRecord*.
void bind_record(Stmt& s, const BibRecord& r, const PreparedRecord& p) {
    s.bind_ref(1, p.dedupe_key)
        .bind_ref(2, r.control_number)
        .bind_ref(3, r.title)
        .bind_ref(4, r.other_title)
        .bind_ref(5, r.responsibility)
        .bind_ref(6, r.edition)
        .bind_ref(7, r.publisher)
        .bind_ref(8, r.place)
        .bind_ref(9, r.year)
        .bind_ref(10, p.isbns)
        .bind(11, r.price)
        .bind(12, r.pages)
        .bind_ref(13, r.language)
        .bind_ref(14, p.subjects)
        .bind_ref(15, r.series)
        .bind_ref(16, r.clc_class)
        .bind_ref(17, p.clc_top)
        .bind_ref(18, r.call_number)
        .bind(19, static_cast<int>(r.audience))
        .bind(20, r.local_collection ? 1 : 0)
        .bind_ref(21, r.summary)
        .bind(22, static_cast<int>(r.flavor))
        .bind_blob_ref(23, p.marc_blob)
        .bind_blob_ref_or_null(24, p.shelf_key ? &*p.shelf_key : nullptr);
}

#define SX_RECORD_INSERT                                                                                   \
    "INSERT INTO records(dedupe_key, control_number, title, other_title, responsibility, edition, "      \
    "publisher, place, year, isbns, price, pages, language, subjects, series, clc_class, clc_top, "      \
    "call_number, audience, local_collection, summary, flavor, marc, shelf_key"
constexpr const char* kWriteRecordV4 = SX_RECORD_INSERT
    ") VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(dedupe_key) DO NOTHING";
constexpr const char* kWriteRecordV5 = SX_RECORD_INSERT
    ", batch) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULLIF(?25, 0)) ON CONFLICT(dedupe_key) DO NOTHING";
#undef SX_RECORD_INSERT
constexpr const char* kUpdateRecord =
    "UPDATE records SET dedupe_key = ?1, control_number = ?2, title = ?3, other_title = ?4, responsibility = ?5, "
    "edition = ?6, publisher = ?7, place = ?8, year = ?9, isbns = ?10, price = ?11, pages = ?12, language = ?13, "
    "subjects = ?14, series = ?15, clc_class = ?16, clc_top = ?17, call_number = ?18, audience = ?19, "
    "local_collection = ?20, summary = ?21, flavor = ?22, marc = ?23, shelf_key = ?24 WHERE id = ?25";

// Inserts a record unless its dedupe key is stored already; fills its id and ISBN rows when new.
bool SqliteStore::insert_record(BibRecord& r, const PreparedRecord& p) {
    Stmt& ins = cached(version_ >= 5 ? kWriteRecordV5 : kWriteRecordV4);
    bind_record(ins, r, p);
    if (version_ >= 5) ins.bind(25, batch_);
    ins.run();
    if (sqlite3_changes(db_) == 0) return false;
    r.id = sqlite3_last_insert_rowid(db_);
    Stmt& isb = cached("INSERT OR IGNORE INTO record_isbns(isbn, record_id) VALUES(?, ?)");
    for (const auto& i : p.isbn_keys) isb.reset().bind_ref(1, i).bind(2, r.id).run();
    return true;
}

BatchResult SqliteStore::import_batch(std::vector<ImportEntry>& batch) {
    BatchResult res;
    // Inside the caller's transaction (a store on a shared connection) the batch is a savepoint:
    // all of it or none of it, and it commits or rolls back with the caller's transaction.
    const bool nested = sqlite3_get_autocommit(db_) == 0;
    // Every item's record_id below is the id of a record just inserted or found in this same
    // transaction, so the items -> records foreign key cannot fail: checking it on each item INSERT
    // cost 5 % of an import. The switch only works outside a transaction; a nested batch keeps the
    // checks, and they are back on for everything else as soon as the batch ends.
    struct ForeignKeysOffForBatch {
        sqlite3* db;
        bool off;
        ~ForeignKeysOffForBatch() {
            if (off) sqlite3_exec(db, "PRAGMA foreign_keys=ON", nullptr, nullptr, nullptr);
        }
    } fk{db_, !nested};
    if (fk.off) exec("PRAGMA foreign_keys=OFF");
    exec(nested ? "SAVEPOINT sx_import_batch" : "BEGIN IMMEDIATE");
    try {
        const bool fts = version_ >= 2;
        // New records get ids above every stored one, so in one write transaction they are
        // normally one contiguous range, indexed at the end in one statement.
        std::vector<long long>& added = added_ids_;
        added.clear();
        for (auto& e : batch) {
            BibRecord& r = e.record;
            if (!e.prepared.ready) prepare_import_entry(e);
            const PreparedRecord& p = e.prepared;
            if (insert_record(r, p)) {
                ++res.records_added;
                added.push_back(r.id);
            } else {
                Stmt& find = cached("SELECT id FROM records WHERE dedupe_key = ?");
                find.bind_ref(1, p.dedupe_key);
                if (!find.step()) throw std::runtime_error("record vanished during import");
                r.id = find.i64(0);
                find.reset();  // no read left open on the connection after the batch commits
                if (run_.overlay && overlay_record(e))
                    ++res.records_updated;
                else
                    ++res.records_existing;
            }
            for (auto& it : e.items) {
                if (insert_item(it, r.id, r.call_number))
                    ++res.items_added;
                else if (run_.overlay && overlay_item(it, r.id))
                    ++res.items_updated;
                else
                    ++res.items_existing;
            }
        }
        if (fts && !added.empty()) {
            if (added.back() - added.front() + 1 == static_cast<long long>(added.size()))
                index_range(added.front(), added.back(), version_);
            else
                for (long long id : added) index_range(id, id, version_);
        }
        added.clear();  // indexed now: later writes (edits) take them out of the index and back
        exec(nested ? "RELEASE sx_import_batch" : "COMMIT");
        if (batch_) run_totals_ += res;
    } catch (...) {
        added_ids_.clear();
        sqlite3_exec(db_, nested ? "ROLLBACK TO sx_import_batch; RELEASE sx_import_batch" : "ROLLBACK", nullptr,
                     nullptr, nullptr);
        throw;
    }
    return res;
}

constexpr const char* kRecordColumns =
    "id, control_number, title, other_title, responsibility, edition, publisher, place, year, isbns, price, "
    "pages, language, subjects, series, clc_class, call_number, audience, local_collection, summary, flavor, marc";

BibRecord SqliteStore::read_record(Stmt& s) {
    BibRecord r;
    r.id = s.i64(0);
    r.control_number = s.text(1);
    r.title = s.text(2);
    r.other_title = s.text(3);
    r.responsibility = s.text(4);
    r.edition = s.text(5);
    r.publisher = s.text(6);
    r.place = s.text(7);
    r.year = s.text(8);
    r.isbns = split(s.text(9), ' ');
    if (!s.null(10)) r.price = s.dbl(10);
    if (!s.null(11)) r.pages = static_cast<int>(s.i64(11));
    r.language = s.text(12);
    r.subjects = split(s.text(13), '\n');
    r.series = s.text(14);
    r.clc_class = s.text(15);
    r.call_number = s.text(16);
    r.audience = static_cast<Audience>(s.i64(17));
    r.local_collection = s.i64(18) != 0;
    r.summary = s.text(19);
    r.flavor = static_cast<MarcFlavor>(s.i64(20));
    if (auto m = decode_marc(s.blob(21))) r.marc = std::move(*m);
    return r;
}

std::optional<BibRecord> SqliteStore::record(long long id) {
    static const std::string sql = std::string("SELECT ") + kRecordColumns + " FROM records WHERE id = ?";
    Stmt s(db_, sql.c_str());
    s.bind(1, id);
    if (s.step()) return read_record(s);
    if (version_ < 5) return std::nullopt;
    // A record merged into another: its id leads to the one it was merged into.
    Stmt r(db_, "SELECT to_id FROM record_redirects WHERE from_id = ?");
    r.bind(1, id);
    if (!r.step()) return std::nullopt;
    s.reset().bind(1, r.i64(0));
    if (!s.step()) return std::nullopt;
    return read_record(s);
}

void SqliteStore::for_each_record(const std::function<void(const BibRecord&)>& fn) {
    static const std::string sql = std::string("SELECT ") + kRecordColumns + " FROM records ORDER BY id";
    Stmt s(db_, sql.c_str());
    while (s.step()) fn(read_record(s));
}

constexpr const char* kItemColumns =
    "id, barcode, record_id, call_number, copy_number, status, location, acquired, source, price";

Item SqliteStore::read_item(Stmt& s) {
    Item it;
    it.id = s.i64(0);
    it.barcode = s.text(1);
    it.record_id = s.i64(2);
    it.call_number = s.text(3);
    it.copy_number = static_cast<int>(s.i64(4));
    it.status = parse_item_status(s.text(5)).value_or(ItemStatus::Available);
    it.location = s.text(6);
    it.acquired = s.text(7);
    it.source = s.text(8);
    if (!s.null(9)) it.price = s.dbl(9);
    return it;
}

std::optional<Item> SqliteStore::item(long long item_id) {
    static const std::string sql = std::string("SELECT ") + kItemColumns + " FROM items WHERE id = ?";
    Stmt s(db_, sql.c_str());
    s.bind(1, item_id);
    if (!s.step()) return std::nullopt;
    return read_item(s);
}

bool SqliteStore::set_item_state(long long item_id, ItemStatus status, std::optional<std::string> location) {
    WriteTx tx(db_);
    // (From schema 5 a trigger counts the status change for an import's undo.)
    Stmt u(db_, "UPDATE items SET status = ?1, location = coalesce(?2, location) WHERE id = ?3");
    u.bind(1, to_string(status)).bind(3, item_id);
    if (location) u.bind(2, *location);
    u.run();
    const bool found = sqlite3_changes(db_) > 0;
    tx.commit();
    return found;
}

void SqliteStore::set_item_locations(const std::vector<std::pair<long long, std::string>>& locations) {
    WriteTx tx(db_);
    Stmt s(db_, "UPDATE items SET location = ? WHERE id = ?");
    for (const auto& [id, where] : locations) s.bind(1, where).bind(2, id).run();
    tx.commit();
}

ChangeResult SqliteStore::add_items(long long record_id, std::vector<Item>& items, std::string_view op) {
    auto rec = record(record_id);
    if (!rec || rec->id != record_id) return ChangeResult::refused("unknown_record", {std::to_string(record_id)});
    std::set<std::string_view> given;
    for (const auto& it : items) {
        if (it.barcode.empty()) return ChangeResult::refused("empty_barcode");
        if (!given.insert(it.barcode).second || item_by_barcode(it.barcode))
            return ChangeResult::refused("barcode_exists", {it.barcode});
    }
    WriteTx tx(db_);
    Stmt top(db_, "SELECT coalesce(max(copy_number), 0) FROM items WHERE record_id = ?");
    top.bind(1, record_id);
    int copy = top.step() ? static_cast<int>(top.i64(0)) : 0;
    top.reset();
    for (auto& it : items) {
        it.copy_number = ++copy;
        if (it.call_number.empty()) it.call_number = rec->call_number;
        insert_item(it, record_id, rec->call_number);
        log_change(op, "add_items", "item:" + std::to_string(it.id), record_id, "", item_json_text(it));
    }
    tx.commit();
    ChangeResult res;
    res.id = record_id;
    return res;
}

ChangeResult SqliteStore::delete_item(long long item_id, std::string_view op) {
    auto it = item(item_id);
    if (!it) return ChangeResult::refused("unknown_item", {std::to_string(item_id)});
    if (it->status == ItemStatus::OnLoan) return ChangeResult::refused("item_on_loan", {it->barcode});
    WriteTx tx(db_);
    Stmt(db_, "DELETE FROM items WHERE id = ?").bind(1, item_id).run();
    log_change(op, "delete_item", "item:" + std::to_string(item_id), it->record_id, item_json_text(*it), "");
    tx.commit();
    ChangeResult res;
    res.id = item_id;
    return res;
}

// ---- catalogue maintenance ----

void SqliteStore::log_change(std::string_view op, const char* action, const std::string& target, long long record_id,
                             const std::string& before, const std::string& after, long long batch) {
    if (version_ < 5) return;  // no change log before schema 5 (tests building old files)
    Stmt& s = cached(
        "INSERT INTO catalog_changes(at, operator, action, target, record_id, before_json, after_json, batch) "
        "VALUES(strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), ?, ?, ?, NULLIF(?4, 0), NULLIF(?5, ''), "
        "NULLIF(?6, ''), NULLIF(?7, 0))");
    s.bind(1, op).bind(2, action).bind(3, target).bind(4, record_id).bind(5, before).bind(6, after).bind(7, batch).run();
}

// Takes a record out of the search index: a contentless index forgets a row only when told the
// text it indexed, which the records table still holds.
void SqliteStore::unindex(long long id) {
    if (version_ < 4) return;  // older indexes are rebuilt by their migration, never edited
    cached("INSERT INTO records_fts(records_fts, rowid, title, responsibility, publisher, subjects, series) "
           "SELECT 'delete', id, title || ' ' || other_title, responsibility, publisher, subjects, series "
           "FROM records WHERE id = ?")
        .bind(1, id)
        .run();
}

// Rewrites a stored record (same id) with its ISBN rows and search index entry. Refused when
// another record already has its match key. A record added earlier in the import batch under way
// is not in the search index yet (the batch indexes its new records when it ends): it must not be
// taken out of it.
ChangeResult SqliteStore::write_record(const BibRecord& r) {
    const bool indexed = !std::binary_search(added_ids_.begin(), added_ids_.end(), r.id);
    ImportEntry e;
    e.record = r;
    prepare_import_entry(e);
    Stmt other(db_, "SELECT id FROM records WHERE dedupe_key = ? AND id <> ?");
    other.bind(1, e.prepared.dedupe_key).bind(2, r.id);
    if (other.step()) return ChangeResult::refused("duplicate_record", {std::to_string(other.i64(0))});
    other.reset();
    if (indexed) unindex(r.id);
    Stmt& up = cached(kUpdateRecord);
    bind_record(up, e.record, e.prepared);
    up.bind(25, r.id).run();
    Stmt(db_, "DELETE FROM record_isbns WHERE record_id = ?").bind(1, r.id).run();
    Stmt& isb = cached("INSERT OR IGNORE INTO record_isbns(isbn, record_id) VALUES(?, ?)");
    for (const auto& i : e.prepared.isbn_keys) isb.reset().bind_ref(1, i).bind(2, r.id).run();
    if (indexed) index_range(r.id, r.id, version_);
    ChangeResult ok;
    ok.id = r.id;
    return ok;
}

// Removes a record that has no copies left: index entry, ISBN rows, row.
void SqliteStore::remove_record(long long id) {
    unindex(id);
    Stmt(db_, "DELETE FROM record_isbns WHERE record_id = ?").bind(1, id).run();
    Stmt(db_, "DELETE FROM records WHERE id = ?").bind(1, id).run();
}

ChangeResult SqliteStore::edit_record(long long id, const RecordEdit& edit, std::string_view op) {
    auto before = record(id);
    if (!before) return ChangeResult::refused("unknown_record", {std::to_string(id)});
    BibRecord after = *before;
    std::string arg;
    if (auto refused = apply_record_edit(after, edit, &arg)) return ChangeResult::refused(*refused, {arg});
    WriteTx tx(db_);
    auto res = write_record(after);
    if (!res.ok) return res;
    log_change(op, "edit_record", "record:" + std::to_string(after.id), after.id, record_json_text(*before),
               record_json_text(after));
    follow_call_number(*before, after, op, "edit_item", 0);
    tx.commit();
    return res;
}

// Copies that carry the record's call number (or it with a volume, "…:2") take the new one when
// the record is reclassified, so that spine labels and shelf order follow; copies with a call
// number of their own keep it.
void SqliteStore::follow_call_number(const BibRecord& before, const BibRecord& after, std::string_view op,
                                     const char* action, long long batch) {
    const std::string& old = before.call_number;
    if (old == after.call_number || old.empty() || after.call_number.empty()) return;
    for (const auto& it : items_of(after.id)) {
        Item changed = it;
        if (it.call_number == old) changed.call_number = after.call_number;
        else if (it.call_number.rfind(old + ":", 0) == 0) changed.call_number = after.call_number + it.call_number.substr(old.size());
        else continue;
        Stmt(db_, "UPDATE items SET call_number = ? WHERE id = ?").bind(1, changed.call_number).bind(2, it.id).run();
        log_change(op, action, "item:" + std::to_string(it.id), after.id, item_json_text(it), item_json_text(changed), batch);
    }
}

ChangeResult SqliteStore::edit_item(long long item_id, const ItemEdit& edit, std::string_view op) {
    auto before = item(item_id);
    if (!before) return ChangeResult::refused("unknown_item", {std::to_string(item_id)});
    Item after = *before;
    if (edit.barcode) after.barcode = *edit.barcode;
    if (edit.call_number) after.call_number = *edit.call_number;
    if (edit.location) after.location = *edit.location;
    if (edit.status) after.status = *edit.status;
    if (after.barcode.empty()) return ChangeResult::refused("empty_barcode");
    if (after.barcode != before->barcode && item_by_barcode(after.barcode))
        return ChangeResult::refused("barcode_exists", {after.barcode});
    // The loan and any hold waiting for the copy know it by its barcode until it comes back.
    if (after.barcode != before->barcode && before->status == ItemStatus::OnLoan)
        return ChangeResult::refused("item_on_loan", {before->barcode});
    // Loans are circulation's: a copy goes on or off loan only by a checkout or a return.
    if (edit.status && (after.status == ItemStatus::OnLoan) != (before->status == ItemStatus::OnLoan))
        return ChangeResult::refused("status_on_loan", {before->barcode});
    WriteTx tx(db_);
    Stmt(db_, "UPDATE items SET barcode = ?, call_number = ?, location = ?, status = ? WHERE id = ?")
        .bind(1, after.barcode)
        .bind(2, after.call_number)
        .bind(3, after.location)
        .bind(4, to_string(after.status))
        .bind(5, item_id)
        .run();
    log_change(op, "edit_item", "item:" + std::to_string(item_id), after.record_id, item_json_text(*before),
               item_json_text(after));
    tx.commit();
    ChangeResult res;
    res.id = item_id;
    return res;
}

ChangeResult SqliteStore::delete_record(long long id, std::string_view op) {
    auto r = record(id);
    if (!r || r->id != id) return ChangeResult::refused("unknown_record", {std::to_string(id)});
    auto copies = items_of(id);
    if (!copies.empty()) return ChangeResult::refused("record_has_copies", {std::to_string(id), std::to_string(copies.size())});
    WriteTx tx(db_);
    remove_record(id);
    log_change(op, "delete_record", "record:" + std::to_string(id), id, record_json_text(*r), "");
    tx.commit();
    ChangeResult res;
    res.id = id;
    return res;
}

ChangeResult SqliteStore::merge_records(long long keep, long long lose, std::string_view op) {
    auto k = record(keep);
    auto l = record(lose);
    if (!k || k->id != keep) return ChangeResult::refused("unknown_record", {std::to_string(keep)});
    if (!l || l->id != lose) return ChangeResult::refused("unknown_record", {std::to_string(lose)});
    if (keep == lose) return ChangeResult::refused("merge_same", {std::to_string(keep)});
    auto moving = items_of(lose);
    WriteTx tx(db_);
    Stmt top(db_, "SELECT coalesce(max(copy_number), 0) FROM items WHERE record_id = ?");
    top.bind(1, keep);
    int copy = top.step() ? static_cast<int>(top.i64(0)) : 0;
    top.reset();
    nlohmann::json moved = nlohmann::json::array();
    for (const auto& it : moving) {
        Stmt(db_, "UPDATE items SET record_id = ?, copy_number = ? WHERE id = ?").bind(1, keep).bind(2, ++copy).bind(3, it.id).run();
        moved.push_back(it.barcode);
    }
    remove_record(lose);
    // Ids that led to the loser now lead to the winner, so no redirect needs two steps.
    Stmt(db_, "UPDATE record_redirects SET to_id = ? WHERE to_id = ?").bind(1, keep).bind(2, lose).run();
    Stmt(db_, "INSERT OR REPLACE INTO record_redirects(from_id, to_id) VALUES(?, ?)").bind(1, lose).bind(2, keep).run();
    nlohmann::json after = {{"kept", keep}, {"merged", lose}, {"copies_moved", moved}};
    log_change(op, "merge_records", "record:" + std::to_string(lose), lose, record_json_text(*l), after.dump());
    log_change(op, "merge_records", "record:" + std::to_string(keep), keep, "", after.dump());
    tx.commit();
    ChangeResult res;
    res.id = keep;
    return res;
}

std::vector<CatalogChange> SqliteStore::history(std::optional<long long> record_id, std::size_t limit) {
    std::vector<CatalogChange> out;
    if (version_ < 5) return out;
    Stmt s(db_, "SELECT id, at, operator, action, target, coalesce(record_id, 0), coalesce(before_json, ''), "
                "coalesce(after_json, ''), coalesce(batch, 0) FROM catalog_changes WHERE ?1 = 0 OR record_id = ?1 "
                "ORDER BY id DESC LIMIT ?2");
    s.bind(1, record_id.value_or(0)).bind(2, static_cast<long long>(limit));
    while (s.step())
        out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4), s.i64(5), s.text(6), s.text(7), s.i64(8)});
    return out;
}

// ---- import runs: batch ids, overlay, undo ----

long long SqliteStore::begin_import(const ImportRun& run) {
    if (version_ < 5) return 0;
    WriteTx tx(db_);
    Stmt(db_, "INSERT INTO import_batches(at, operator, source, overlay) "
              "VALUES(strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime'), ?, ?, ?)")
        .bind(1, run.op)
        .bind(2, run.source)
        .bind(3, run.overlay ? 1 : 0)
        .run();
    batch_ = sqlite3_last_insert_rowid(db_);
    nlohmann::json what = {{"source", run.source}, {"overlay", run.overlay}};
    log_change(run.op, "import", "batch:" + std::to_string(batch_), 0, "", what.dump(), batch_);
    tx.commit();
    run_ = run;
    run_totals_ = {};
    return batch_;
}

void SqliteStore::end_import() {
    if (batch_ == 0) return;
    WriteTx tx(db_);
    Stmt(db_, "UPDATE import_batches SET records_added = ?, records_updated = ?, records_skipped = ?, items_added = ? "
              "WHERE id = ?")
        .bind(1, static_cast<long long>(run_totals_.records_added))
        .bind(2, static_cast<long long>(run_totals_.records_updated))
        .bind(3, static_cast<long long>(run_totals_.records_existing))
        .bind(4, static_cast<long long>(run_totals_.items_added))
        .bind(5, batch_)
        .run();
    tx.commit();
    batch_ = 0;
    run_ = {};
}

// The mapped values of an incoming record that differ from the stored one, as an edit: what an
// overlay from a spreadsheet changes. Empty incoming values leave the stored ones alone.
RecordEdit differing_fields(const BibRecord& in, const BibRecord& stored) {
    RecordEdit e;
    auto take = [](std::optional<std::string>& slot, const std::string& v, const std::string& old) {
        if (!v.empty() && v != old) slot = v;
    };
    take(e.title, in.title, stored.title);
    take(e.responsibility, in.responsibility, stored.responsibility);
    take(e.publisher, in.publisher, stored.publisher);
    take(e.place, in.place, stored.place);
    take(e.year, in.year, stored.year);
    take(e.series, in.series, stored.series);
    take(e.clc_class, in.clc_class, stored.clc_class);
    take(e.call_number, in.call_number, stored.call_number);
    if (!in.isbns.empty() && std::find(stored.isbns.begin(), stored.isbns.end(), in.isbns.front()) == stored.isbns.end())
        e.isbn = in.isbns.front();
    if (in.price && (!stored.price || std::abs(*in.price - *stored.price) > 0.004)) e.price = std::to_string(*in.price);
    if (in.pages && in.pages != stored.pages) e.pages = std::to_string(*in.pages);
    if (!in.subjects.empty() && in.subjects != stored.subjects) e.subjects = in.subjects;
    return e;
}

// Overlays the stored record e.record.id with the incoming one: the whole record from a MARC
// file, the differing mapped fields from a spreadsheet. True when the stored record changed.
bool SqliteStore::overlay_record(ImportEntry& e) {
    if (!run_.overlay_fields_only) {
        // The same MARC maps to the same record: a file imported again unchanged costs one read
        // per record, not a decode and a comparison.
        Stmt& same = cached("SELECT marc = ? FROM records WHERE id = ?");
        same.bind_blob_ref(1, e.prepared.marc_blob).bind(2, e.record.id);
        const bool unchanged = same.step() && same.i64(0) == 1;
        same.reset();
        if (unchanged) return false;
    }
    auto stored = record(e.record.id);
    if (!stored) return false;
    BibRecord next;
    if (run_.overlay_fields_only) {
        next = *stored;
        RecordEdit edit = differing_fields(e.record, *stored);
        if (edit.empty() || apply_record_edit(next, edit)) return false;
    } else {
        next = e.record;
        next.id = stored->id;
        // An import hands the parsed fields back to its reader once the blob is encoded.
        if (next.marc.fields.empty() && !e.prepared.marc_blob.empty())
            if (auto m = decode_marc(e.prepared.marc_blob)) next.marc = std::move(*m);
    }
    std::string before = record_json_text(*stored), after = record_json_text(next);
    if (before == after || !write_record(next).ok) return false;
    log_change(run_.op, "overlay", "record:" + std::to_string(next.id), next.id, before, after, batch_);
    follow_call_number(*stored, next, run_.op, "overlay_item", batch_);
    return true;
}

// Overlays a stored copy of the same record with the incoming copy's location. True when changed.
bool SqliteStore::overlay_item(const Item& in, long long record_id) {
    auto stored = item_by_barcode(in.barcode);
    if (!stored || stored->record_id != record_id || in.location.empty() || in.location == stored->location) return false;
    Item after = *stored;
    after.location = in.location;
    Stmt(db_, "UPDATE items SET location = ? WHERE id = ?").bind(1, after.location).bind(2, after.id).run();
    log_change(run_.op, "overlay_item", "item:" + std::to_string(after.id), record_id, item_json_text(*stored),
               item_json_text(after), batch_);
    return true;
}

// Whether anything but batch `batch` itself changed `target` after change `since`.
bool SqliteStore::changed_since(const std::string& target, long long since, long long batch) {
    Stmt& s = cached("SELECT 1 FROM catalog_changes WHERE target = ? AND id > ? AND coalesce(batch, 0) <> ? LIMIT 1");
    s.bind(1, target).bind(2, since).bind(3, batch);
    bool found = s.step();
    s.reset();
    return found;
}

// Why batch `batch` cannot be undone, or nothing when it can.
std::optional<ChangeResult> SqliteStore::undo_refusal(long long batch, long long since) {
    Stmt it(db_, "SELECT id, barcode, status, state_changes FROM items WHERE batch = ?");
    it.bind(1, batch);
    while (it.step()) {
        if (it.text(2) == "on_loan" || it.i64(3) > 0) return ChangeResult::refused("undo_circulated", {it.text(1)});
        if (changed_since("item:" + std::to_string(it.i64(0)), since, batch))
            return ChangeResult::refused("undo_edited_item", {it.text(1)});
    }
    Stmt rec(db_, "SELECT r.id, (SELECT count(*) FROM items i WHERE i.record_id = r.id AND coalesce(i.batch, 0) <> ?1) "
                  "FROM records r WHERE r.batch = ?1");
    rec.bind(1, batch);
    while (rec.step()) {
        const std::string id = std::to_string(rec.i64(0));
        if (rec.i64(1) > 0) return ChangeResult::refused("undo_other_copies", {id});
        if (changed_since("record:" + id, since, batch)) return ChangeResult::refused("undo_edited_record", {id});
    }
    Stmt ov(db_, "SELECT id, target, record_id FROM catalog_changes WHERE batch = ? AND action IN ('overlay', 'overlay_item')");
    ov.bind(1, batch);
    while (ov.step())
        if (changed_since(ov.text(1), ov.i64(0), batch))
            return ChangeResult::refused("undo_edited_record", {std::to_string(ov.i64(2))});
    return std::nullopt;
}

ChangeResult SqliteStore::undo_import(long long batch, std::string_view op) {
    if (version_ < 5) return ChangeResult::refused("unknown_batch", {std::to_string(batch)});
    Stmt b(db_, "SELECT undone_at, (SELECT min(id) FROM catalog_changes WHERE batch = ?1) FROM import_batches WHERE id = ?1");
    b.bind(1, batch);
    if (!b.step()) return ChangeResult::refused("unknown_batch", {std::to_string(batch)});
    if (!b.null(0)) return ChangeResult::refused("batch_undone", {std::to_string(batch), b.text(0)});
    const long long since = b.i64(1);
    b.reset();
    if (auto refused = undo_refusal(batch, since)) return *refused;
    WriteTx tx(db_);
    long long restored = 0;
    Stmt ov(db_, "SELECT action, target, before_json FROM catalog_changes WHERE batch = ? AND action IN ('overlay', "
                 "'overlay_item') ORDER BY id DESC");
    ov.bind(1, batch);
    while (ov.step()) {
        if (ov.text(0) == "overlay") {
            auto old = record_from_json_text(ov.text(2));
            if (!old || !write_record(*old).ok) throw std::runtime_error("cannot restore " + ov.text(1));
            ++restored;
        } else {
            auto j = nlohmann::json::parse(ov.text(2));
            Stmt(db_, "UPDATE items SET location = ?, call_number = ? WHERE id = ?")
                .bind(1, j.at("location").get<std::string>())
                .bind(2, j.at("call_number").get<std::string>())
                .bind(3, j.at("id").get<long long>())
                .run();
        }
    }
    ov.reset();
    Stmt(db_, "DELETE FROM items WHERE batch = ?").bind(1, batch).run();
    const long long items_removed = sqlite3_changes(db_);
    std::vector<long long> ids;
    Stmt rec(db_, "SELECT id FROM records WHERE batch = ?");
    rec.bind(1, batch);
    while (rec.step()) ids.push_back(rec.i64(0));
    rec.reset();
    for (long long id : ids) remove_record(id);
    Stmt(db_, "UPDATE import_batches SET undone_at = strftime('%Y-%m-%d %H:%M:%S', 'now', 'localtime') WHERE id = ?").bind(1, batch).run();
    nlohmann::json what = {{"records_removed", ids.size()}, {"items_removed", items_removed}, {"records_restored", restored}};
    log_change(op, "undo_import", "batch:" + std::to_string(batch), 0, "", what.dump(), batch);
    tx.commit();
    ChangeResult res;
    res.id = batch;
    res.args = {std::to_string(ids.size()), std::to_string(items_removed), std::to_string(restored)};
    return res;
}

std::vector<ImportBatchInfo> SqliteStore::import_batches(std::size_t limit) {
    std::vector<ImportBatchInfo> out;
    if (version_ < 5) return out;
    Stmt s(db_, "SELECT id, at, operator, source, overlay, records_added, records_updated, records_skipped, items_added, "
                "coalesce(undone_at, '') FROM import_batches ORDER BY id DESC LIMIT ?");
    s.bind(1, static_cast<long long>(limit));
    while (s.step())
        out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3), s.i64(4) != 0, s.i64(5), s.i64(6), s.i64(7), s.i64(8), s.text(9)});
    return out;
}

std::optional<Item> SqliteStore::item_by_barcode(std::string_view barcode) {
    static const std::string sql = std::string("SELECT ") + kItemColumns + " FROM items WHERE barcode = ?";
    Stmt s(db_, sql.c_str());
    s.bind(1, barcode);
    if (!s.step()) return std::nullopt;
    return read_item(s);
}

std::vector<Item> SqliteStore::items_of(long long record_id) {
    static const std::string sql =
        std::string("SELECT ") + kItemColumns + " FROM items WHERE record_id = ? ORDER BY copy_number, id";
    Stmt s(db_, sql.c_str());
    s.bind(1, record_id);
    std::vector<Item> out;
    while (s.step()) out.push_back(read_item(s));
    return out;
}

std::vector<long long> SqliteStore::records_by_isbn(std::string_view isbn) {
    auto n = isbn_normalize(isbn);
    std::string key = n ? *n : std::string(isbn);
    Stmt s(db_, "SELECT record_id FROM record_isbns WHERE isbn = ? ORDER BY record_id");
    s.bind(1, key);
    std::vector<long long> out;
    while (s.step()) out.push_back(s.i64(0));
    return out;
}

std::vector<long long> SqliteStore::records_by_call_number_prefix(std::string_view prefix, std::size_t limit) {
    std::string text;
    for (char c : prefix) text += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    std::vector<long long> out;
    if (limit == 0 || text.empty()) return out;
    auto slash = text.find('/');
    // Without a book part the prefix is a class prefix: one range of the shelf-key index, already
    // in shelf order. With one ("K296.4/1"), the exact class is the range and the text filters it.
    std::optional<std::string> lo = shelf_key_class_prefix(text.substr(0, slash));
    if (lo) {
        if (slash != std::string::npos) *lo += '\0';
        std::string hi = *lo + "\xFF";
        Stmt& s = cached("SELECT id, call_number FROM records WHERE shelf_key >= ? AND shelf_key < ? ORDER BY shelf_key");
        s.bind_blob_ref(1, *lo).bind_blob_ref(2, hi);
        while (out.size() < limit && s.step()) {
            if (slash != std::string::npos) {
                auto cn = parse_call_number(s.text(1));
                if (!cn || cn->text.compare(0, text.size(), text) != 0) continue;
            }
            out.push_back(s.i64(0));
        }
        s.reset();  // stopped early: close the read so the connection keeps no old snapshot
        return out;
    }
    // Not a class number: plain text prefix over the table (slow on big files, rarely used).
    Stmt s(db_, "SELECT id FROM records WHERE substr(upper(call_number), 1, ?) = ? ORDER BY id LIMIT ?");
    s.bind(1, static_cast<long long>(text.size())).bind(2, text).bind(3, static_cast<long long>(limit));
    while (s.step()) out.push_back(s.i64(0));
    return out;
}

std::vector<SearchHit> SqliteStore::search(std::string_view query, std::size_t limit) {
    std::vector<SearchHit> hits;
    auto seen = [&](long long id) {
        return std::any_of(hits.begin(), hits.end(), [&](const SearchHit& h) { return h.record_id == id; });
    };
    auto add = [&](long long id, double score, MatchKind kind) {
        if (hits.size() >= limit || seen(id)) return;
        SearchHit h;
        h.record_id = id;
        h.score = score;
        h.match = kind;
        hits.push_back(std::move(h));
    };
    std::string q(query);
    while (!q.empty() && (q.back() == ' ' || q.back() == '\n' || q.back() == '\r')) q.pop_back();
    while (!q.empty() && q.front() == ' ') q.erase(q.begin());
    if (q.empty() || limit == 0) return hits;

    if (isbn_normalize(q))
        for (long long id : records_by_isbn(q)) add(id, -3, MatchKind::Isbn);
    if (auto it = item_by_barcode(q)) add(it->record_id, -2, MatchKind::Barcode);
    // A call-number prefix needs a class letter followed by a digit ("I247", "TP3"), so that plain
    // words are not taken for classes.
    if (parse_call_number(q) && q.find_first_of("0123456789") != std::string::npos &&
        q.find_first_of("0123456789") <= 2)
        for (long long id : records_by_call_number_prefix(q, limit)) add(id, -1, MatchKind::CallNumber);

    std::string expr = fts_match_expression(q);
    if (!expr.empty() && hits.size() < limit && version_ >= 2) {
        // bm25 ranks every matching row, which costs time in proportion to the matches. So a
        // probe first reads at most kRankLimit + 1 matches, newest first (cheap: it stops early).
        // Up to kRankLimit matches are ranked by bm25; a query with more (one common character, a
        // big publisher) is answered with title matches among the newest kRankLimit first, then
        // the other matches, newest first.
        const std::size_t want = limit + hits.size();  // exact hits found above may come again
        std::vector<std::pair<long long, double>> rows;
        std::vector<long long> probe;
        {
            Stmt& p = cached("SELECT rowid FROM records_fts WHERE records_fts MATCH ? ORDER BY rowid DESC LIMIT ?");
            p.bind(1, expr).bind(2, kRankLimit + 1);
            while (p.step()) probe.push_back(p.i64(0));
            p.reset();
        }
        if (probe.size() <= static_cast<std::size_t>(kRankLimit)) {
            if (!probe.empty()) {
                Stmt& s = cached(
                    "SELECT rowid, bm25(records_fts, 10.0, 4.0, 1.0, 3.0, 2.0) AS score FROM records_fts "
                    "WHERE records_fts MATCH ? ORDER BY score LIMIT ?");
                s.bind(1, expr).bind(2, static_cast<long long>(want));
                while (s.step()) rows.emplace_back(s.i64(0), s.dbl(1));
            }
        } else {
            // Ascending: FTS5 stops a descending scan only at the start of the index, not at a
            // lower rowid bound, so the window above the probe's last row is read upwards.
            Stmt& t = cached("SELECT rowid FROM records_fts WHERE records_fts MATCH ? AND rowid >= ? ORDER BY rowid");
            const std::string title_expr = "{title} : (" + expr + ")";
            t.bind(1, title_expr).bind(2, probe.back());
            std::vector<long long> in_title;
            while (t.step()) in_title.push_back(t.i64(0));
            for (auto it = in_title.rbegin(); it != in_title.rend() && rows.size() < want; ++it) rows.emplace_back(*it, -1.0);
            for (std::size_t k = 0; k < probe.size() && rows.size() < 2 * want; ++k) rows.emplace_back(probe[k], 0.0);
        }
        for (auto& [id, score] : rows) add(id, score, MatchKind::Text);
    }
    Stmt& d = cached("SELECT title, responsibility, call_number FROM records WHERE id = ?");
    for (auto& h : hits) {
        d.reset().bind(1, h.record_id);
        if (d.step()) {
            h.title = d.text(0);
            h.responsibility = d.text(1);
            h.call_number = d.text(2);
        }
    }
    d.reset();
    return hits;
}

CollectionStats SqliteStore::stats() {
    std::map<std::string, ClassCount> by;
    {
        Stmt s(db_, "SELECT clc_top, count(*) FROM records GROUP BY clc_top");
        while (s.step()) {
            auto& c = by[s.text(0)];
            c.code = s.text(0);
            c.records = s.i64(1);
        }
    }
    {
        Stmt s(db_,
               "SELECT r.clc_top, count(*) FROM items i JOIN records r ON r.id = i.record_id "
               "WHERE i.status NOT IN ('lost', 'withdrawn') GROUP BY r.clc_top");
        while (s.step()) {
            auto& c = by[s.text(0)];
            c.code = s.text(0);
            c.items = s.i64(1);
        }
    }
    std::vector<ClassCount> rows;
    for (auto& [k, v] : by) rows.push_back(v);
    return make_stats(rows);
}

}  // namespace

ChangeResult ChangeResult::refused(std::string code, std::vector<std::string> args) {
    ChangeResult r;
    r.ok = false;
    r.code = std::move(code);
    r.args = std::move(args);
    return r;
}

BatchResult& BatchResult::operator+=(const BatchResult& o) {
    records_added += o.records_added;
    records_existing += o.records_existing;
    records_updated += o.records_updated;
    items_updated += o.items_updated;
    items_added += o.items_added;
    items_existing += o.items_existing;
    return *this;
}

const char* to_string(ItemStatus s) { return kStatusNames[static_cast<int>(s)]; }

std::optional<ItemStatus> parse_item_status(std::string_view s) {
    for (int k = 0; k < 7; ++k)
        if (s == kStatusNames[k]) return static_cast<ItemStatus>(k);
    return std::nullopt;
}

void prepare_import_entry(ImportEntry& e) {
    const BibRecord& r = e.record;
    PreparedRecord& p = e.prepared;
    p.dedupe_key = dedupe_key(r);
    p.shelf_key.reset();
    if (auto parsed = parse_call_number(r.call_number)) p.shelf_key = shelf_key(*parsed);
    p.clc_top = clc_top_class(r.clc_class.empty() ? r.call_number : r.clc_class);
    p.isbns = join(r.isbns, ' ');
    p.isbn_keys.clear();
    for (const auto& i : r.isbns) {
        auto n = isbn_normalize(i);
        p.isbn_keys.push_back(n ? *n : i);
    }
    p.subjects = join(r.subjects, '\n');
    p.marc_blob = encode_marc(r.marc);
    p.ready = true;
}

std::string dedupe_key(const BibRecord& r) {
    if (!r.control_number.empty()) return "001:" + r.control_number;
    if (!r.isbns.empty()) {
        auto n = isbn_normalize(r.isbns.front());
        return "isbn:" + (n ? *n : r.isbns.front()) + "|" + r.title;
    }
    return "title:" + r.title + "|" + r.responsibility + "|" + r.publisher + "|" + r.year;
}

std::vector<Item> holdings_from_marc(const MarcRecord& r, MarcFlavor flavor) {
    std::vector<Item> out;
    const bool cn = flavor == MarcFlavor::Cnmarc;
    for (const Field* f : r.fields_with(cn ? "905" : "852")) {
        std::string cls = f->find(cn ? 'd' : 'h') ? f->find(cn ? 'd' : 'h')->value : "";
        std::string num = f->find(cn ? 'e' : 'i') ? f->find(cn ? 'e' : 'i')->value : "";
        std::string callno = num.empty() ? cls : cls + "/" + num;
        if (cn)
            if (const Subfield* v = f->find('f'); v && !v->value.empty()) callno += ":" + v->value;
        std::string location;
        for (char code : cn ? std::string("c") : std::string("bc"))
            if (const Subfield* s = f->find(code); s && !s->value.empty())
                location += (location.empty() ? "" : " ") + s->value;
        // One holdings field may list several barcodes, one per copy.
        for (const auto& b : f->all(cn ? 'b' : 'p')) {
            if (b.empty()) continue;
            Item it;
            it.barcode = b;
            it.call_number = callno;
            it.location = location;
            it.copy_number = static_cast<int>(out.size()) + 1;
            out.push_back(std::move(it));
        }
    }
    return out;
}

MarcRecord with_holdings(MarcRecord r, MarcFlavor flavor, const std::vector<Item>& items) {
    const bool cn = flavor == MarcFlavor::Cnmarc;
    const std::string tag = cn ? "905" : "852";
    const char barcode_code = cn ? 'b' : 'p';
    std::set<std::string_view> wanted;  // views into `items`
    std::set<std::string> written;       // owns its strings: the subfields move below
    for (const auto& it : items) wanted.insert(it.barcode);
    std::vector<Field> fields;
    fields.reserve(r.fields.size() + items.size());
    std::size_t insert_at = std::string::npos;  // after the last holdings field kept
    for (auto& f : r.fields) {
        if (f.tag != tag) {
            fields.push_back(std::move(f));
            continue;
        }
        bool had_barcode = false;
        std::vector<Subfield> kept;
        for (auto& sf : f.subfields) {
            if (sf.code == barcode_code && !sf.value.empty()) {
                had_barcode = true;
                if (!wanted.count(sf.value) || written.count(sf.value)) continue;
                written.insert(sf.value);
            }
            kept.push_back(std::move(sf));
        }
        const bool any_left = std::any_of(kept.begin(), kept.end(), [&](const Subfield& sf) {
            return sf.code == barcode_code && !sf.value.empty();
        });
        if (had_barcode && !any_left) continue;  // every copy of this field is gone
        f.subfields = std::move(kept);  // the same subfields in the same order when none was dropped
        fields.push_back(std::move(f));
        insert_at = fields.size();
    }
    if (insert_at == std::string::npos) {
        // No holdings field left: before the first field with a higher tag, as the tags run.
        insert_at = fields.size();
        for (std::size_t k = 0; k < fields.size(); ++k)
            if (fields[k].tag > tag) {
                insert_at = k;
                break;
            }
    }
    std::vector<Field> added;
    for (const auto& it : items) {
        if (it.barcode.empty() || !written.insert(it.barcode).second) continue;
        // The call number as holdings_from_marc() assembles it: class / number (: volume in CNMARC).
        std::string cls = it.call_number, num, vol;
        if (auto slash = cls.find('/'); slash != std::string::npos) {
            num = cls.substr(slash + 1);
            cls.resize(slash);
            if (auto colon = num.rfind(':'); cn && colon != std::string::npos) {
                vol = num.substr(colon + 1);
                num.resize(colon);
            }
        }
        Field f;
        f.tag = tag;
        if (cn) {
            f.subfields.push_back({'b', it.barcode});
            if (!it.location.empty()) f.subfields.push_back({'c', it.location});
            if (!cls.empty()) f.subfields.push_back({'d', cls});
            if (!num.empty()) f.subfields.push_back({'e', num});
            if (!vol.empty()) f.subfields.push_back({'f', vol});
        } else {
            if (!it.location.empty()) f.subfields.push_back({'b', it.location});
            if (!cls.empty()) f.subfields.push_back({'h', cls});
            if (!num.empty()) f.subfields.push_back({'i', num});
            f.subfields.push_back({'p', it.barcode});
        }
        added.push_back(std::move(f));
    }
    fields.insert(fields.begin() + static_cast<std::ptrdiff_t>(insert_at), std::make_move_iterator(added.begin()),
                  std::make_move_iterator(added.end()));
    r.fields = std::move(fields);
    return r;
}

std::string encode_marc(const MarcRecord& r) {
    // Sized once up front (the varints take a byte or two each): growing the string step by step
    // showed up in import profiles.
    std::size_t size = 8 + r.leader.size();
    for (const auto& f : r.fields) {
        size += 12 + f.tag.size() + f.data.size();
        for (const auto& s : f.subfields) size += 4 + s.value.size();
    }
    std::string out;
    out.reserve(size);
    out = "SXM2";
    put_str(out, r.leader);
    put_u32(out, r.fields.size());
    for (const auto& f : r.fields) {
        put_str(out, f.tag);
        // Data and subfields are both kept whatever the tag says, so odd records survive too.
        put_str(out, f.data);
        out += f.ind1;
        out += f.ind2;
        put_u32(out, f.subfields.size());
        for (const auto& s : f.subfields) {
            out += s.code;
            put_str(out, s.value);
        }
    }
    return out;
}

std::optional<MarcRecord> decode_marc(std::string_view blob) {
    if (blob.substr(0, 4) != "SXM2") return std::nullopt;
    Reader rd{blob, 4};
    MarcRecord r;
    r.leader = rd.str();
    std::size_t n = rd.u32();
    if (!rd.ok || n > blob.size()) return std::nullopt;
    for (std::size_t k = 0; k < n && rd.ok; ++k) {
        Field f;
        f.tag = rd.str();
        f.data = rd.str();
        f.ind1 = rd.ch();
        f.ind2 = rd.ch();
        std::size_t m = rd.u32();
        if (!rd.ok || m > blob.size()) return std::nullopt;
        for (std::size_t j = 0; j < m && rd.ok; ++j) {
            Subfield sf;
            sf.code = rd.ch();
            sf.value = rd.str();
            f.subfields.push_back(std::move(sf));
        }
        r.fields.push_back(std::move(f));
    }
    if (!rd.ok) return std::nullopt;
    return r;
}

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path, int migrate_to) {
    return std::make_unique<SqliteStore>(path, std::min(migrate_to, kStoreSchemaVersion));
}

std::unique_ptr<Store> open_store(const std::filesystem::path& path) { return open_sqlite_store(path); }

std::unique_ptr<Store> open_sqlite_store(sqlite3* db, int migrate_to) {
    return std::make_unique<SqliteStore>(db, std::min(migrate_to, kStoreSchemaVersion));
}

}  // namespace shuxiang::catalog
