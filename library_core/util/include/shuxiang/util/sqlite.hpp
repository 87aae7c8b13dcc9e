#pragma once
// A thin RAII layer over sqlite3 prepared statements, shared by the modules that keep tables in
// the library database (header only: each user links SQLite itself).
#include <sqlite3.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace shuxiang::sqlite {

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

// One prepared statement. Errors throw std::runtime_error with SQLite's message; callers at an
// I/O boundary turn them into InputError naming the file.
class Stmt {
public:
    Stmt() = default;
    Stmt(sqlite3* db, std::string_view sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &s_, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string(sqlite3_errmsg(db)) + " in: " + std::string(sql));
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
        throw std::runtime_error(sqlite3_errmsg(db_));
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
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "sqlite error";
        sqlite3_free(err);
        throw std::runtime_error(msg);
    }
}

}  // namespace shuxiang::sqlite
