#pragma once
// Changes to one catalogue record or copy as plain data (what `catalog edit` and the web pages
// ask for), applied to the MARC record first so that the mapped fields and the MARC stay in step.
#include <optional>
#include <string>
#include <vector>

#include "shuxiang/catalog/bib.hpp"
#include "shuxiang/catalog/mapping.hpp"
#include "shuxiang/catalog/store.hpp"

namespace shuxiang::catalog {

// One change to a record's MARC: set tag$code (the first such subfield of the first such field,
// created when missing; a control field's data when code is 0), add a new field tag$code, or
// remove tag$code (every such subfield of every such field) or the whole tag (code 0).
struct MarcChange {
    enum class Kind { Set, Add, Remove };
    Kind kind = Kind::Set;
    std::string tag;
    char code = 0;
    std::string value;
};

// The mapped fields to change (those given), then MARC changes. An empty text clears the field.
struct RecordEdit {
    std::optional<std::string> title, responsibility, publisher, place, year, isbn, price, pages, series, clc_class,
        call_number;
    std::optional<std::vector<std::string>> subjects;
    std::vector<MarcChange> marc;
    bool empty() const;
};

// Changes to a copy (those given). Status "on_loan" is circulation's, never set here.
struct ItemEdit {
    std::optional<std::string> barcode, call_number, location;
    std::optional<ItemStatus> status;
    bool empty() const;
};

// The mapping used when a stored record is mapped again from its edited MARC: the import's.
MappingOptions catalog_mapping_options();

// Applies `edit` to the record's MARC (mapped fields written into their MARC21 or CNMARC
// subfields) and maps the record again from it, keeping its id. Returns the refusal code
// ("bad_isbn", "bad_price", "bad_pages", "bad_call_number", "bad_class", "bad_tag", "no_title")
// with the offending value in *arg, or nothing when applied.
std::optional<std::string> apply_record_edit(BibRecord& r, const RecordEdit& edit, std::string* arg = nullptr);

// Parses "200$a=text" (set/add) or "200$a" / "200" (remove); nullopt when malformed.
std::optional<MarcChange> parse_marc_change(MarcChange::Kind kind, const std::string& text);

// A record or copy as JSON text, for the change log's before/after (the record with its MARC).
std::string record_json_text(const BibRecord& r);
std::optional<BibRecord> record_from_json_text(const std::string& text);
std::string item_json_text(const Item& it);

}  // namespace shuxiang::catalog
