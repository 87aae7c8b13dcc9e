#pragma once
// Label sheet layouts: where label N lies on a page (sizes in millimetres, origin top left).
#include <string>
#include <string_view>
#include <vector>

namespace shuxiang::labels {

// What a layout is meant for (the default layout of each command).
enum class LabelKind { Item, Spine, Card };

// A sheet of equal labels in a grid: page size, margins to the first label, label size, gaps.
struct SheetLayout {
    std::string name;  // "a4-3x8"
    LabelKind kind = LabelKind::Item;
    double page_w = 210, page_h = 297;
    double margin_left = 0, margin_top = 0;
    double label_w = 70, label_h = 37;
    double gap_x = 0, gap_y = 0;
    int cols = 3, rows = 8;
    int per_sheet() const { return cols * rows; }
};

// One label's place: the page (0-based) and its rectangle on that page, in mm.
struct LabelPlace {
    int page = 0;
    double x = 0, y = 0, w = 0, h = 0;
};

// The documented layouts (docs/labels.md), in a fixed order.
const std::vector<SheetLayout>& layouts();
// The layout called `name`, or nullptr.
const SheetLayout* find_layout(std::string_view name);
// The default layout for a kind of label.
const SheetLayout& default_layout(LabelKind kind);

// Where the `index`-th slot of the print run lies, counting slots row by row from the top left of
// the first sheet (slot 0). Slots skipped with --start-at count too.
LabelPlace slot_place(const SheetLayout& layout, int index);

// The places of `count` labels printed from position `start_at` (1-based, as the sheet is counted:
// row by row) of the first sheet; the earlier positions are left blank (a partly used sheet).
// Precondition: 1 <= start_at <= layout.per_sheet().
std::vector<LabelPlace> place_labels(const SheetLayout& layout, int count, int start_at = 1);

// Number of pages `count` labels from `start_at` take.
int page_count(const SheetLayout& layout, int count, int start_at = 1);

}  // namespace shuxiang::labels
