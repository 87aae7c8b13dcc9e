#pragma once
// Field mapping between MARC (CNMARC or MARC21) and the BibRecord the rest of Shuxiang uses, plus
// the parsers for the free-text values inside (prices, page counts).
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/catalog/bib.hpp"
#include "shuxiang/catalog/marc.hpp"

namespace shuxiang::catalog {

// Settings of the MARC → BibRecord mapping.
struct MappingOptions {
    // Keywords that mark local-collection material when found in subjects, series or local notes.
    std::vector<std::string> local_keywords{"湖湘", "洞庭", "岳阳", "地方文献"};
    // Normalises one ISBN as written (e.g. "978-7-5321-1234-5 (精装)"); the default keeps the
    // leading ISBN token with hyphens and spaces removed. The catalog's ISBN module can be plugged in.
    std::function<std::string(std::string_view)> normalize_isbn;
};

// Price in yuan from "CNY25.00", "¥25.00", "￥25", "25.00元", "RMB 25.00", "25.00"; nullopt for
// other currencies ("USD12.00", "$12") or no number.
std::optional<double> parse_price(std::string_view text);
// Page count from "256页", "256 p.", "xii, 256 p.", "256 pages", "256"; nullopt otherwise.
std::optional<int> parse_pages(std::string_view text);
// The default ISBN clean-up described in MappingOptions.
std::string clean_isbn(std::string_view text);

// Maps a MARC record of the given flavor; `marc` is kept in the result (pass it with std::move when
// the caller is done with it: a bulk import then copies no record).
BibRecord to_bib(MarcRecord marc, MarcFlavor flavor, const MappingOptions& options = {});
// Builds a new MARC record (leader, 001, and the mapped fields) from a BibRecord's mapped fields;
// `bib.marc` is ignored. `date_entered` (YYYYMMDD) goes into CNMARC 100$a/0-7 and MARC21 008/0-5.
MarcRecord to_marc(const BibRecord& bib, MarcFlavor flavor, std::string_view date_entered = "20260101");

}  // namespace shuxiang::catalog
