// The benchmark's look into the SQLite file after a run: integrity, and the loans as stored.
#include "db_check.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace sxbench {

DbFacts db_facts(const std::string& path, const std::set<std::string>& watched) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
        throw std::runtime_error("cannot open " + path);
    sqlite3_busy_timeout(db, 30000);
    DbFacts f;
    auto each = [&](const char* sql, auto fn) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) throw std::runtime_error(sqlite3_errmsg(db));
        while (sqlite3_step(s) == SQLITE_ROW) fn(s);
        sqlite3_finalize(s);
    };
    each("PRAGMA integrity_check", [&](sqlite3_stmt* s) { f.integrity += reinterpret_cast<const char*>(sqlite3_column_text(s, 0)); });
    each("SELECT id, barcode, returned_date IS NOT NULL FROM circ_loans", [&](sqlite3_stmt* s) {
        f.loans[sqlite3_column_int64(s, 0)] = {reinterpret_cast<const char*>(sqlite3_column_text(s, 1)), sqlite3_column_int(s, 2) != 0};
    });
    each("SELECT count(*) FROM (SELECT item_id FROM circ_loans WHERE returned_date IS NULL GROUP BY item_id HAVING count(*) > 1)",
         [&](sqlite3_stmt* s) { f.doubled_items = sqlite3_column_int64(s, 0); });
    each("SELECT i.barcode, i.status = 'on_loan', EXISTS (SELECT 1 FROM circ_loans l WHERE l.item_id = i.id AND "
         "l.returned_date IS NULL) FROM items i",
         [&](sqlite3_stmt* s) {
             std::string barcode = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
             if (watched.count(barcode) && sqlite3_column_int(s, 1) != sqlite3_column_int(s, 2)) ++f.status_mismatches;
         });
    sqlite3_close(db);
    return f;
}

}  // namespace sxbench
