#pragma once
// Drawing label sheets into PDF documents (cairo, vector bars, Noto CJK text embedded).
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/labels/layout.hpp"

namespace shuxiang::labels {

// A copy's barcode label: library name, Code 128 of the barcode, the barcode text, short title
// and call number.
struct ItemLabel {
    std::string library;
    std::string barcode;
    std::string title;
    std::string call_number;
};

// A reader card (借书证): school or library name, reader's name, class, reader number as Code 128.
struct ReaderCard {
    std::string school;
    std::string name;
    std::string class_text;  // "三年级2班"; empty for teachers and staff
    std::string reader_no;   // 学号 / 工号
};

// Each returns the bytes of a whole PDF document: the labels placed from position `start_at`
// (1-based) of the first sheet, one page per sheet. Throws InputError when a barcode cannot be
// encoded, std::runtime_error when cairo fails.
std::string item_labels_pdf(const SheetLayout& layout, const std::vector<ItemLabel>& labels, int start_at = 1);
std::string spine_labels_pdf(const SheetLayout& layout, const std::vector<std::string>& call_numbers, int start_at = 1);
std::string reader_cards_pdf(const SheetLayout& layout, const std::vector<ReaderCard>& cards, int start_at = 1);

// One horizontal row of pixels through a Code 128 symbol drawn exactly as on the labels (same
// drawing code, rendered to a raster), with a 10-module quiet zone on each side: 1 = dark pixel.
// For checking what a printed label will scan as.
std::vector<unsigned char> barcode_scanline(std::string_view text, int px_per_module);

}  // namespace shuxiang::labels
