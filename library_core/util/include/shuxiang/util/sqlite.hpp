#pragma once
// A thin RAII layer over sqlite3 prepared statements, shared by the modules that keep tables in
// the library database (header only: each user links SQLite itself).
#include <sqlite3.h>

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::sqlite {

// SQLite's error `rc` on `db` as an exception: EnvironmentError naming the database file for what
// the machine refused (disk full, read-only file or folder, I/O error, no permission), otherwise
// std::runtime_error with SQLite's message (`context` appended).
[[noreturn]] inline void raise(sqlite3* db, int rc, const std::string& context = "") {
    const char* f = db ? sqlite3_db_filename(db, "main") : nullptr;
    const std::string file = f ? f : "";
    switch (rc & 0xff) {
        case SQLITE_FULL: throw EnvironmentError(file, tr("common.db.full"));
        case SQLITE_READONLY: throw EnvironmentError(file, tr("common.db.read_only"));
        case SQLITE_IOERR: throw EnvironmentError(file, trf("common.db.io_error", {db ? sqlite3_errmsg(db) : ""}));
        case SQLITE_PERM: throw EnvironmentError(file, tr("common.db.no_permission"));
        default: break;
    }
    throw std::runtime_error(std::string(db ? sqlite3_errmsg(db) : "sqlite error") + context);
}

// Process-wide settings, applied before the first connection (later calls change nothing): no
// memory statistics, which take a global mutex on every allocation and which nothing here reads
// (3 % of an import's instructions). Every place that opens the library database calls this.
inline void configure_process() {
    static const bool once = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);  // SQLITE_MISUSE if already initialised: harmless
        return true;
    }();
    (void)once;
}

// True when the connection could open its main database only for reading (SQLite falls back to
// that when the file or its folder is write-protected): nothing may be created or migrated then.
inline bool read_only(sqlite3* db) { return sqlite3_db_readonly(db, "main") == 1; }

// Opens the library database at `path` for reading and writing, created when missing (`flags` adds
// e.g. SQLITE_OPEN_NOMUTEX). SQLite falls back to reading only when the file is write-protected; a
// WAL database in a write-protected folder cannot even be read that way (its -shm file cannot be
// made), so when it has nothing in its WAL it is opened immutable: searches work, writes fail with
// SQLITE_READONLY. Returns SQLite's code; `*db` must be closed by the caller either way.
inline int open_database(const std::string& path, int flags, sqlite3** db) {
    int rc = sqlite3_open_v2(path.c_str(), db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | flags, nullptr);
    if (rc != SQLITE_OK || !read_only(*db)) return rc;
    if (sqlite3_exec(*db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) == SQLITE_OK) return rc;
    std::error_code ec;
    const auto wal = std::filesystem::file_size(path + "-wal", ec);
    if (!ec && wal > 0) return rc;  // committed pages wait in the WAL: they must not be ignored
    sqlite3_close(*db);
    std::string uri = "file:";
    for (char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            static const char* hex = "0123456789ABCDEF";
            uri += '%';
            uri += hex[(static_cast<unsigned char>(c) >> 4) & 15];
            uri += hex[static_cast<unsigned char>(c) & 15];
        } else {
            uri += c;
        }
    }
    uri += "?immutable=1";
    return sqlite3_open_v2(uri.c_str(), db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | flags, nullptr);
}

// For a connection that can only read: the version in `table` (a one-column schema-version table;
// 0 when there is none), which must already be `current`, since nothing can be migrated; otherwise
// EnvironmentError naming the file.
inline int read_only_version(sqlite3* db, const std::string& table, int current);

// One prepared statement. Errors throw std::runtime_error with SQLite's message; callers at an
// I/O boundary turn them into InputError naming the file.
class Stmt {
public:
    Stmt() = default;
    Stmt(sqlite3* db, std::string_view sql) : db_(db) {
        if (int rc = sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &s_, nullptr); rc != SQLITE_OK)
            raise(db, rc, " in: " + std::string(sql));
    }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    Stmt(Stmt&& o) noexcept : db_(o.db_), s_(std::exchange(o.s_, nullptr)) {}
    Stmt& operator=(Stmt&& o) noexcept {
        std::swap(db_, o.db_);
        std::swap(s_, o.s_);
        return *this;
    }
    ~Stmt() { sqlite3_finalize(s_); }

    // Ends a read early (no snapshot stays open) and clears the bindings, for reuse.
    Stmt& reset() {
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
        return *this;
    }

    // Text is copied by SQLite: safe whatever the argument's lifetime.
    Stmt& bind(int i, std::string_view v) {
        // An empty view may have no data pointer, which SQLite would bind as NULL, not ''.
        sqlite3_bind_text(s_, i, v.data() ? v.data() : "", static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Stmt& bind(int i, long long v) {
        sqlite3_bind_int64(s_, i, v);
        return *this;
    }
    Stmt& bind(int i, int v) { return bind(i, static_cast<long long>(v)); }
    Stmt& bind(int i, double v) {
        sqlite3_bind_double(s_, i, v);
        return *this;
    }
    Stmt& bind(int i, const std::optional<double>& v) {
        if (v) return bind(i, *v);
        sqlite3_bind_null(s_, i);
        return *this;
    }
    Stmt& bind(int i, const std::optional<int>& v) {
        if (v) return bind(i, *v);
        sqlite3_bind_null(s_, i);
        return *this;
    }
    // Without a copy, for hot paths: `v` must stay alive until the statement is stepped to its end
    // or reset (bind and run in one expression).
    Stmt& bind_ref(int i, std::string_view v) {
        sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
        return *this;
    }
    Stmt& bind_blob_ref(int i, std::string_view v) {
        sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
        return *this;
    }
    Stmt& bind_blob_ref_or_null(int i, const std::string* v) {
        if (v) return bind_blob_ref(i, *v);
        sqlite3_bind_null(s_, i);
        return *this;
    }

    // true while there is a row.
    bool step() {
        int rc = sqlite3_step(s_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        raise(db_, rc);
    }
    // Steps to the end, then resets (bindings stay) so that the statement can be bound and run again.
    void run() {
        while (step()) {
        }
        sqlite3_reset(s_);
    }

    long long i64(int c) const { return sqlite3_column_int64(s_, c); }
    int i32(int c) const { return sqlite3_column_int(s_, c); }
    double dbl(int c) const { return sqlite3_column_double(s_, c); }
    bool null(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
    std::string text(int c) const {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(s_, c));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, c))) : std::string();
    }
    // Valid until the next step, reset or column call on this statement.
    std::string_view blob(int c) const {
        auto p = static_cast<const char*>(sqlite3_column_blob(s_, c));
        return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, c))) : std::string_view();
    }

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* s_ = nullptr;
};

inline void exec(sqlite3* db, const char* sql) {
    if (int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr); rc != SQLITE_OK) raise(db, rc);
}

inline int read_only_version(sqlite3* db, const std::string& table, int current) {
    Stmt has(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    has.bind(1, table);
    int version = 0;
    if (has.step() && has.i64(0) > 0) {
        Stmt v(db, "SELECT coalesce(max(version), 0) FROM " + table);
        version = v.step() ? v.i32(0) : 0;
    }
    if (version < current) {
        const char* f = sqlite3_db_filename(db, "main");
        throw EnvironmentError(f ? f : "", trf("common.db.read_only_upgrade", {std::to_string(version), std::to_string(current)}));
    }
    return version;
}

}  // namespace shuxiang::sqlite
