#pragma once
// The SQLite implementation of the catalog Store, for callers that hold their own connection (the
// circulation repository, tests, tools); everyone else opens a store with open_store().
#include <filesystem>
#include <memory>

#include "shuxiang/catalog/store.hpp"

struct sqlite3;

namespace shuxiang::catalog {

// Opens or creates an SQLite library database (WAL, foreign keys on), migrating an older schema
// step by step up to `migrate_to` (tests use a lower value to build old files). Throws InputError
// naming the file when it cannot be opened or was written by a newer Shuxiang.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path, int migrate_to = kStoreSchemaVersion);
// The same on a connection the caller opened and keeps (closing it after the store is destroyed),
// so that the caller's own tables and the catalog change in one transaction: every write of the
// store inside the caller's open transaction is a savepoint of it. Sets the store's pragmas on the
// connection.
std::unique_ptr<Store> open_sqlite_store(sqlite3* db, int migrate_to = kStoreSchemaVersion);

// Registers the search index's tokenizer (sx_cjk, schema 4 on) on a connection of one's own, for
// reading records_fts without a store (tests, tools). A store registers it on its connection.
void register_search_tokenizer(sqlite3* db);

}  // namespace shuxiang::catalog
