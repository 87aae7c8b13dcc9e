#pragma once
// Stocktake (清点): barcodes scanned on the shelves against what should stand there. With a stored
// shelving assignment the scope is a run of shelves and each misplaced copy is told where it
// belongs; without one (the circulation module's call-number stocktake) the scope is a call-number
// range. Both go through compare_scan.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shuxiang::shelving {

// Item statuses of copies that stand on a shelf: available, damaged, in processing (not on loan,
// class sets included, nor in transit, lost or withdrawn).
bool on_shelf_status(std::string_view status);

// 中图法 shelf order of two call numbers when both parse, else plain text order (-1, 0, 1).
int compare_shelf_order(const std::string& a, const std::string& b);

// A scanned copy that belongs elsewhere.
struct MisplacedCopy {
    std::string barcode;
    std::string call_number;
    // Where it belongs in the stored assignment; empty (level 0) in a call-number stocktake.
    std::string section;    // section id ("B/2/1")
    std::string range;      // that section's furniture id
    std::string label;      // that range's label, may be empty
    std::string room;       // room id
    std::string room_name;
    int level = 0;          // shelf level, 1 = top
};

struct Stocktake {
    bool by_shelf = false;              // checked against the stored shelving assignment
    std::vector<std::string> sections;  // by shelf: the section ids in scope, in reading order
    long long expected = 0, found = 0;
    std::vector<std::string> missing;      // expected and not scanned (barcodes, shelf order)
    std::vector<MisplacedCopy> misplaced;  // scanned here, belong elsewhere (barcode order)
    std::vector<std::string> unexpected;   // unknown barcodes, copies not meant to stand on a shelf
};

// The comparison every stocktake makes. `expected`: barcodes in shelf order. A scanned barcode that
// is not expected is misplaced when `belongs` gives it a place, unexpected otherwise. Duplicate and
// empty scan lines count once.
Stocktake compare_scan(const std::vector<std::string>& expected, const std::vector<std::string>& scanned,
                       const std::function<std::optional<MisplacedCopy>(const std::string&)>& belongs);

// Stocktake against the stored assignment; nullopt when the database holds none. `first`..`last`
// (equal for one shelf) are either
//  - shelves: a range (furniture id or label) or a section id each; the scope is every section from
//    the first's first section to the last's last one in reading order; or
//  - call numbers: the scope is every book section (not classroom corners, not the new-books
//    display) holding an assigned copy within the span, each taken whole.
// Expected: copies assigned to the scope whose status is on a shelf. Misplaced: scanned copies on a
// shelf status assigned to a section outside the scope, with that section. Unexpected: unknown
// barcodes, copies not on a shelf status and copies without a section. Throws InputError when an
// end is neither a shelf of the assignment nor a call number (nor a shelf, with shelves_only).
std::optional<Stocktake> stocktake_shelves(const std::filesystem::path& db, const std::string& first,
                                           const std::string& last, const std::vector<std::string>& scanned,
                                           bool shelves_only = false);

}  // namespace shuxiang::shelving
