#include "shuxiang/labels/layout.hpp"

namespace shuxiang::labels {

namespace {

// A grid of labels centred on its page: the margins follow from the sizes.
SheetLayout centred(std::string name, LabelKind kind, double page_w, double page_h, double w, double h,
                    int cols, int rows, double gap_x, double gap_y) {
    SheetLayout l;
    l.name = std::move(name);
    l.kind = kind;
    l.page_w = page_w;
    l.page_h = page_h;
    l.label_w = w;
    l.label_h = h;
    l.cols = cols;
    l.rows = rows;
    l.gap_x = gap_x;
    l.gap_y = gap_y;
    l.margin_left = (page_w - cols * w - (cols - 1) * gap_x) / 2;
    l.margin_top = (page_h - rows * h - (rows - 1) * gap_y) / 2;
    return l;
}

}  // namespace

const std::vector<SheetLayout>& layouts() {
    static const std::vector<SheetLayout> all = {
        // The common A4 sheet of 24 labels (70 × 37 mm, 3 × 8, no gaps, 0.5 mm top and bottom).
        centred("a4-3x8", LabelKind::Item, 210, 297, 70, 37, 3, 8, 0, 0),
        // A4 sheet of 65 small labels (38.1 × 21.2 mm, 5 × 13) for barcode-only copies.
        centred("a4-5x13", LabelKind::Item, 210, 297, 38.1, 21.2, 5, 13, 2.5, 0),
        // Spine labels (书标), 30 mm wide and 50 mm high, 6 × 5 on A4.
        centred("a4-spine-30x50", LabelKind::Spine, 210, 297, 30, 50, 6, 5, 3, 5),
        // Reader cards, credit-card size (85.6 × 54 mm, ISO/IEC 7810 ID-1), 2 × 5 on A4.
        centred("a4-cards-10", LabelKind::Card, 210, 297, 85.6, 54, 2, 5, 4, 2),
        // One 50 × 30 mm label per page on a 58 mm receipt or label roll.
        centred("roll-58", LabelKind::Item, 58, 34, 50, 30, 1, 1, 0, 0),
    };
    return all;
}

const SheetLayout* find_layout(std::string_view name) {
    for (const auto& l : layouts())
        if (l.name == name) return &l;
    return nullptr;
}

const SheetLayout& default_layout(LabelKind kind) {
    switch (kind) {
        case LabelKind::Spine: return *find_layout("a4-spine-30x50");
        case LabelKind::Card: return *find_layout("a4-cards-10");
        case LabelKind::Item: break;
    }
    return *find_layout("a4-3x8");
}

LabelPlace slot_place(const SheetLayout& layout, int index) {
    const int per = layout.per_sheet();
    const int on_page = index % per;
    const int col = on_page % layout.cols;
    const int row = on_page / layout.cols;
    LabelPlace p;
    p.page = index / per;
    p.x = layout.margin_left + col * (layout.label_w + layout.gap_x);
    p.y = layout.margin_top + row * (layout.label_h + layout.gap_y);
    p.w = layout.label_w;
    p.h = layout.label_h;
    return p;
}

std::vector<LabelPlace> place_labels(const SheetLayout& layout, int count, int start_at) {
    std::vector<LabelPlace> out;
    out.reserve(static_cast<std::size_t>(count > 0 ? count : 0));
    for (int i = 0; i < count; ++i) out.push_back(slot_place(layout, start_at - 1 + i));
    return out;
}

int page_count(const SheetLayout& layout, int count, int start_at) {
    if (count <= 0) return 0;
    return (start_at - 1 + count - 1) / layout.per_sheet() + 1;
}

}  // namespace shuxiang::labels
