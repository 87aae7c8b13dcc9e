#pragma once
// The library database behind a small interface (Store), with an embedded file (`library.db`) as
// the default implementation; a server database for a whole district can implement the same class.
// The store is the only writer of records and items.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/catalog/bib.hpp"
#include "shuxiang/catalog/search.hpp"
#include "shuxiang/catalog/stats.hpp"

namespace shuxiang::catalog {

enum class ItemStatus { InProcessing, Available, OnLoan, InTransit, Lost, Damaged, Withdrawn };

const char* to_string(ItemStatus s);  // "in_processing", "available", ...
std::optional<ItemStatus> parse_item_status(std::string_view s);

// One copy of a record.
struct Item {
    long long id = 0;
    std::string barcode;      // unique in the library
    long long record_id = 0;
    std::string call_number;  // the copy's 索书号 (usually the record's)
    int copy_number = 1;
    ItemStatus status = ItemStatus::Available;
    std::string location;     // plan shelf section id, classroom corner id, or "" for none
    std::string acquired;     // acquisition date, YYYY-MM-DD or as given
    std::string source;       // 采购 / 捐赠 / ...
    std::optional<double> price;
};

// What the store derives from a record before writing it. An importer that reads on
// another thread fills it there (prepare_import_entry), so that the writing thread only writes;
// import_batch derives whatever is not prepared. Stale once the record is changed.
struct PreparedRecord {
    bool ready = false;
    std::string dedupe_key;               // dedupe_key(record)
    std::optional<std::string> shelf_key;  // of the parsed call number, none when it does not parse
    std::string clc_top;                  // the 中图法 main class
    std::string isbns;                    // the ISBNs, space-separated
    std::vector<std::string> isbn_keys;   // each ISBN normalised (ISBN-13) where it is valid
    std::string subjects;                 // one a line
    std::string marc_blob;                // encode_marc(record.marc)
};

// A record with its copies, as an importer hands them over.
struct ImportEntry {
    BibRecord record;
    std::vector<Item> items;
    PreparedRecord prepared;
};

// Fills entry.prepared from entry.record (any thread; touches nothing shared).
void prepare_import_entry(ImportEntry& entry);

// What one committed batch did.
struct BatchResult {
    std::size_t records_added = 0;
    std::size_t records_existing = 0;  // same match key (dedupe_key): kept as it was (skipped)
    std::size_t records_updated = 0;   // same match key, overlaid with the incoming record (ImportRun::overlay)
    std::size_t items_added = 0;
    std::size_t items_existing = 0;  // barcode already present
    std::size_t items_updated = 0;   // barcode present on the same record, location overlaid
    BatchResult& operator+=(const BatchResult& o);
};

// The key that makes a re-import find the record it stored before: "001:<control number>", else
// "isbn:<first ISBN>|<title>", else "title:<title>|<responsibility>|<publisher>|<year>".
std::string dedupe_key(const BibRecord& r);

// The outcome of a catalogue write: done, or refused with a stable code (message key
// "catalog.refused.<code>", filled with `args`). A refused write changes nothing.
struct ChangeResult {
    bool ok = true;
    std::string code;               // "" when ok; e.g. "unknown_item", "barcode_exists"
    std::vector<std::string> args;  // for the message: the barcode, the id, ...
    long long id = 0;               // the record or item written, when one
    static ChangeResult refused(std::string code, std::vector<std::string> args = {});
};

struct RecordEdit;  // edit.hpp
struct ItemEdit;

// One row of the catalogue's change log: who changed what, with the before and after as JSON
// (empty when there is none: a creation, a deletion).
struct CatalogChange {
    long long id = 0;
    std::string at;        // local time, YYYY-MM-DD HH:MM:SS
    std::string op;        // the acting operator
    std::string action;    // edit_record, edit_item, add_items, delete_item, delete_record, merge_records,
                           // import, overlay, overlay_item, undo_import
    std::string target;    // "record:<id>", "item:<id>", "batch:<id>"
    long long record_id = 0;
    std::string before_json, after_json;
    long long batch = 0;   // the import run it belongs to, 0 for none
};

// An import run as begin_import() starts it.
struct ImportRun {
    std::string op;      // the acting operator
    std::string source;  // the file(s) read
    // Records whose match key (dedupe_key) is stored already are updated instead of skipped: with
    // the whole incoming record (MARC files), or only the mapped fields that differ and are not
    // empty (overlay_fields_only: spreadsheets, whose MARC is only synthesised from the cells).
    bool overlay = false;
    bool overlay_fields_only = false;
};

// An import run as recorded (`catalog batches`).
struct ImportBatchInfo {
    long long id = 0;
    std::string at, op, source;
    bool overlay = false;
    long long records_added = 0, records_updated = 0, records_skipped = 0, items_added = 0;
    std::string undone_at;  // "" while not undone
};

// What every catalogue answers, a school's own or the district's union catalogue (PostgreSQL):
// search and holdings statistics. One contract test suite runs on each implementation.
class CatalogQueries {
public:
    virtual ~CatalogQueries() = default;
    // Exact ISBN, barcode and call-number-prefix hits first, then ranked full-text hits.
    virtual std::vector<SearchHit> search(std::string_view query, std::size_t limit) = 0;
    virtual CollectionStats stats() = 0;
};

class Store : public CatalogQueries {
public:
    ~Store() override = default;
    virtual int schema_version() = 0;

    // Stores a batch in one transaction (a savepoint when the connection is already in one): all
    // of it or nothing. Records already present are not
    // touched; items are attached to the stored (or found) record. Fills record and item ids.
    virtual BatchResult import_batch(std::vector<ImportEntry>& batch) = 0;

    virtual std::optional<BibRecord> record(long long id) = 0;
    virtual std::optional<Item> item(long long item_id) = 0;
    virtual std::optional<Item> item_by_barcode(std::string_view barcode) = 0;
    virtual std::vector<Item> items_of(long long record_id) = 0;
    // Records carrying this ISBN (any written form; compared as ISBN-13).
    virtual std::vector<long long> records_by_isbn(std::string_view isbn) = 0;
    // Records whose call number starts with `prefix`, in shelf order.
    virtual std::vector<long long> records_by_call_number_prefix(std::string_view prefix, std::size_t limit) = 0;
    virtual long long record_count() = 0;
    virtual long long item_count() = 0;
    // Every record in id order (for export).
    virtual void for_each_record(const std::function<void(const BibRecord&)>& fn) = 0;

    // ---- copies, as circulation changes them (inside the caller's transaction when one is open) ----
    // Sets a copy's status, and its location when given (a class-set corner, a shelf). False when
    // there is no such copy. Status changes are counted (an import's undo refuses such a copy).
    virtual bool set_item_state(long long item_id, ItemStatus status, std::optional<std::string> location = std::nullopt) = 0;
    // Sets where each copy stands (shelving puts the collection on the planned shelves), as one change.
    virtual void set_item_locations(const std::vector<std::pair<long long, std::string>>& locations) = 0;
    // Adds new copies to a stored record (receiving, cataloguing a further copy): copy numbers
    // continue after the record's highest; fills each item's id, record_id and copy_number. All or
    // nothing: refused with "unknown_record", "empty_barcode" or "barcode_exists" (stored already or
    // given twice). `op` is the acting operator.
    virtual ChangeResult add_items(long long record_id, std::vector<Item>& items, std::string_view op) = 0;
    // Removes a copy for good (a copy entered by mistake; a weeded copy is withdrawn instead, and
    // keeps its history). Refused with "unknown_item" or "item_on_loan".
    virtual ChangeResult delete_item(long long item_id, std::string_view op) = 0;

    // ---- catalogue maintenance: each change is logged (history) in the change's transaction ----
    // Edits the record's mapped fields and MARC (see edit.hpp); the search index follows. Refused
    // with "unknown_record", a bad value's code (apply_record_edit) or "duplicate_record" when the
    // edit gives it the match key of another record.
    virtual ChangeResult edit_record(long long id, const RecordEdit& edit, std::string_view op) = 0;
    // Edits a copy; refused with "unknown_item", "empty_barcode", "barcode_exists", "item_on_loan"
    // (a new barcode for a copy on loan) or "status_on_loan" (loans are circulation's).
    // Withdrawing is status withdrawn.
    virtual ChangeResult edit_item(long long item_id, const ItemEdit& edit, std::string_view op) = 0;
    // Deletes a record without copies; refused with "unknown_record" or "record_has_copies".
    virtual ChangeResult delete_record(long long id, std::string_view op) = 0;
    // Moves the copies of `lose` to `keep` (copy numbers after keep's), deletes `lose` and makes
    // its id lead to `keep` (record(lose) returns keep). Refused: "unknown_record", "merge_same".
    virtual ChangeResult merge_records(long long keep, long long lose, std::string_view op) = 0;
    // The newest changes first, of one record (and its copies) or of the whole catalogue.
    virtual std::vector<CatalogChange> history(std::optional<long long> record_id, std::size_t limit) = 0;

    // Starts an import run: the records and copies that import_batch adds until end_import() are
    // remembered under the returned batch id, and overlay applies (see ImportRun).
    virtual long long begin_import(const ImportRun& run) = 0;
    virtual void end_import() = 0;
    // Takes back what one import run did: removes the records and copies it added, restores the
    // records it overlaid. Refused ("unknown_batch", "batch_undone", "undo_circulated",
    // "undo_edited_item", "undo_edited_record", "undo_other_copies") when a copy has circulated or
    // anything of it was changed since; args on success: records removed, copies removed, restored.
    virtual ChangeResult undo_import(long long batch, std::string_view op) = 0;
    virtual std::vector<ImportBatchInfo> import_batches(std::size_t limit) = 0;

    // Compacts the search index after a large import (one merged index answers faster).
    virtual void optimize() = 0;

    virtual void set_meta(std::string_view key, std::string_view value) = 0;
    virtual std::optional<std::string> meta(std::string_view key) = 0;
};

inline constexpr int kStoreSchemaVersion = 5;

// Opens or creates the library database at `path` (the embedded implementation), migrating an older
// schema. Throws InputError naming the file when it cannot be opened or is from a newer Shuxiang.
std::unique_ptr<Store> open_store(const std::filesystem::path& path);

// Copies carried in a MARC record's holdings fields: CNMARC 905 ($b barcode, $c location, $d/$e
// call number, $f volume) and MARC21 852 ($p barcode, $b/$c location, $h/$i call number). Fields
// without a barcode are skipped; copy numbers count from 1 in field order.
std::vector<Item> holdings_from_marc(const MarcRecord& r, MarcFlavor flavor);

// The record's holdings fields made to match its stored copies, for export: fields whose barcodes
// all belong to `items` stay byte for byte, barcodes of copies no longer there are dropped (and a
// field left without any barcode with them), fields that never had a barcode are kept, and each
// copy not yet in a field gets a new field after the others (CNMARC 905 $b $c $d $e $f, MARC21 852
// $b $h $i $p), so that holdings_from_marc() reads the same barcode, call number and location back.
MarcRecord with_holdings(MarcRecord r, MarcFlavor flavor, const std::vector<Item>& items);

// Lossless binary form of a MARC record, as kept in the database.
std::string encode_marc(const MarcRecord& r);
std::optional<MarcRecord> decode_marc(std::string_view blob);

}  // namespace shuxiang::catalog
