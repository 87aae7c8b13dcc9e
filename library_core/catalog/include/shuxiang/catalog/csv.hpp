#pragma once
// CSV holdings import: one row per copy, with a column mapping that knows the Chinese headers
// school library systems export (题名, 责任者, ISBN, 索书号, 出版社, 出版年, 价格, 条码号, 馆藏地点 …).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "shuxiang/catalog/store.hpp"
#include "shuxiang/util/error.hpp"

namespace shuxiang::catalog {

struct CsvOptions {
    char delimiter = 0;  // 0: guess from the header line (',' '\t' ';')
    std::string encoding;  // "" or "auto": UTF-8, else GB18030 when the bytes are not UTF-8; or "utf-8", "gbk", "gb18030"
    // Extra header -> field mappings (field names as csv_field_for_header returns them).
    std::map<std::string, std::string> columns;
    bool strict = false;  // the first bad row stops the import
};

struct CsvImport {
    std::vector<ImportEntry> entries;  // rows of the same record grouped, one item per row
    std::vector<InputError> errors;    // every bad row, "line N" (the row's first physical line)
    std::vector<InputError> warnings;  // rows kept with something set right (ISBN check digit, 借出 with no loan)
    std::size_t rows = 0;              // data rows read
    std::vector<std::string> ignored_columns;
    std::vector<std::string> fields;  // the fields the header's columns map to ("" for an ignored column)
    std::unordered_map<std::string, std::size_t> barcode_lines;  // the line each imported copy came from
};

// The status words of the systems schools migrate from, and the item status each becomes; the
// table docs/catalog-import.md prints. English status names (to_string(ItemStatus)) are read too.
struct StatusWord {
    const char* word;
    ItemStatus status;
};
const std::vector<StatusWord>& csv_status_words();
// The status a CSV status cell names (spaces around it ignored), or nullopt.
std::optional<ItemStatus> csv_status(std::string_view cell);

// The field a header names ("title", "responsibility", "isbn", "call_number", "publisher", "year",
// "price", "barcode", "location", ...), or nullopt. Case, spaces and BOM are ignored.
std::optional<std::string> csv_field_for_header(std::string_view header);

// Parses a whole CSV file. Throws InputError only when the file as a whole is unusable (no
// title column, undecodable bytes, unterminated quote, or a bad row in strict mode).
CsvImport parse_catalog_csv(std::string_view data, const std::string& file_name, const CsvOptions& options = {});

// Writes records and their items as CSV with the Chinese headers (one row per item; records
// without items get one row). The first column is the control number (控制号), so that a sheet
// edited and imported again with overlay finds the records it came from.
std::string catalog_csv_header();
std::string catalog_csv_rows(const BibRecord& r, const std::vector<Item>& items);

// A CNMARC record built from the mapped fields, for records that came without MARC (CSV, demo).
MarcRecord synthesize_cnmarc(const BibRecord& r);

// Converts legacy Chinese text to UTF-8 with iconv ("GB18030", "GBK", ...); nullopt on failure.
std::optional<std::string> convert_to_utf8(std::string_view data, const std::string& from);

}  // namespace shuxiang::catalog
