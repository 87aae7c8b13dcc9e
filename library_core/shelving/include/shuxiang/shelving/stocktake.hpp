#pragma once
// Stocktake of one shelving range against the stored assignment: what should stand on it, what was
// scanned there, and where each misplaced copy belongs.
#include <filesystem>
#include <string>
#include <vector>

namespace shuxiang::shelving {

struct MisplacedCopy {
    std::string barcode;
    std::string call_number;
    std::string section;  // where it belongs: section id ("B/2/1")
    std::string label;    // that range's label, may be empty
    std::string room;     // room id of that section
    int level = 0;        // shelf level there, 1 = top
};

struct RangeStocktake {
    std::string range;                     // furniture id of the range checked
    long long expected = 0, found = 0;     // copies assigned to the range and on the shelf; of those, scanned
    std::vector<std::string> missing;      // expected and not scanned (barcodes, shelf order)
    std::vector<MisplacedCopy> misplaced;  // scanned here but assigned to another range
    std::vector<std::string> unexpected;   // unknown barcodes, and copies not meant to be on any shelf
                                           // (on loan, lost, withdrawn, unplaced)
};

// Compares the barcodes scanned on range `range` (a furniture id) with the stored assignment.
// Copies on loan, lost or withdrawn are not expected on the shelf. Throws InputError when the
// database has no stored assignment or the range has no section in it.
RangeStocktake stocktake_range(const std::filesystem::path& db, const std::string& range,
                               const std::vector<std::string>& scanned);

}  // namespace shuxiang::shelving
