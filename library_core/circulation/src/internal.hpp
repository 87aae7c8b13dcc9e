#pragma once
// Shared pieces of the circulation sources: result helpers and the transaction guard.
#include "shuxiang/catalog/charset.hpp"
#include "shuxiang/catalog/csv.hpp"
#include "shuxiang/circulation/library.hpp"
#include "sql.hpp"

namespace shuxiang::circulation {

// A refusal: code `code`, message from translation key circ.refuse.<code>.
Result refusal(std::string code, std::initializer_list<std::string> args);
Result success(std::string_view key, std::initializer_list<std::string> args, long long id);

// One BEGIN IMMEDIATE transaction: the write lock is taken before anything is read, so that two
// processes checking and then changing the same rows cannot interleave (no lost update).
struct Library::Tx {
    sqlite3* db;
    bool open = true;
    explicit Tx(sqlite3* d) : db(d) { sql::exec(db, "BEGIN IMMEDIATE"); }
    void commit() {
        sql::exec(db, "COMMIT");
        open = false;
    }
    void rollback() {
        if (open) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        open = false;
    }
    ~Tx() { rollback(); }
    Tx(const Tx&) = delete;
    Tx& operator=(const Tx&) = delete;
};

}  // namespace shuxiang::circulation
