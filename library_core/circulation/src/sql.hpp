#pragma once
// A thin RAII layer over sqlite3 statements, private to the circulation module.
#include <sqlite3.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace shuxiang::circulation::sql {

class Stmt {
public:
    Stmt(sqlite3* db, std::string_view text) : db_(db) {
        if (sqlite3_prepare_v2(db, text.data(), static_cast<int>(text.size()), &s_, nullptr) != SQLITE_OK)
            throw std::runtime_error(std::string(sqlite3_errmsg(db)) + " in: " + std::string(text));
    }
    ~Stmt() { sqlite3_finalize(s_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int i, std::string_view v) {
        sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
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
    Stmt& bind(int i, std::optional<double> v) {
        if (v) return bind(i, *v);
        sqlite3_bind_null(s_, i);
        return *this;
    }
    Stmt& bind(int i, std::optional<int> v) {
        if (v) return bind(i, *v);
        sqlite3_bind_null(s_, i);
        return *this;
    }
    bool step() {
        int rc = sqlite3_step(s_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw std::runtime_error(sqlite3_errmsg(db_));
    }
    void run() {
        while (step()) {
        }
    }
    std::string text(int c) const {
        auto p = sqlite3_column_text(s_, c);
        return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
    }
    long long i64(int c) const { return sqlite3_column_int64(s_, c); }
    std::string_view blob(int c) const {
        auto p = static_cast<const char*>(sqlite3_column_blob(s_, c));
        return p ? std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(s_, c))) : std::string_view();
    }
    int i32(int c) const { return sqlite3_column_int(s_, c); }
    double dbl(int c) const { return sqlite3_column_double(s_, c); }
    bool null(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }

private:
    sqlite3* db_;
    sqlite3_stmt* s_ = nullptr;
};

inline void exec(sqlite3* db, const char* text) {
    char* err = nullptr;
    if (sqlite3_exec(db, text, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "sqlite error";
        sqlite3_free(err);
        throw std::runtime_error(msg);
    }
}

inline long long scalar(sqlite3* db, std::string_view text, std::string_view arg = {}, bool has_arg = false) {
    Stmt s(db, text);
    if (has_arg) s.bind(1, arg);
    return s.step() ? s.i64(0) : 0;
}

}  // namespace shuxiang::circulation::sql
