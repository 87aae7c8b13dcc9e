#pragma once
// Label decluttering: text boxes in screen or page space in, where each goes (or that it is dropped)
// out, so that no two placed labels overlap. Used by the printed plan sheet; meant for the editor's
// top-view labels too. Priority order used by callers (higher first): room names 3, call-number
// labels of ranges 2, dimension lines 1; ties keep the input order.
#include <vector>

namespace shuxiang::report {

struct LabelBox {
    double x = 0, y = 0, w = 0, h = 0;  // the label at its wanted place (top left, size)
    int priority = 0;                   // higher is placed first and never moved for a lower one
};

struct LabelPlacement {
    bool placed = false;
    double dx = 0, dy = 0;  // offset from the wanted place
};

// Labels are taken by priority (ties in input order). Each goes to its wanted place when that is free
// of the labels already placed (and of `keep_out`), else to the first free of: just above, just below,
// to the right, to the left (its own height or width plus `gap` away), else it is dropped. The result
// is in input order.
std::vector<LabelPlacement> place_labels(const std::vector<LabelBox>& labels, double gap = 2,
                                         const std::vector<LabelBox>& keep_out = {});

}  // namespace shuxiang::report
