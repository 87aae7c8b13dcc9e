#include "shuxiang/report/label_placement.hpp"

#include <algorithm>
#include <numeric>

namespace shuxiang::report {

namespace {

bool overlaps(const LabelBox& a, const LabelBox& b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

bool free_of(const LabelBox& box, const std::vector<LabelBox>& taken) {
    return std::none_of(taken.begin(), taken.end(), [&](const LabelBox& t) { return overlaps(box, t); });
}

}  // namespace

std::vector<LabelPlacement> place_labels(const std::vector<LabelBox>& labels, double gap,
                                         const std::vector<LabelBox>& keep_out) {
    std::vector<std::size_t> order(labels.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return labels[a].priority > labels[b].priority; });
    std::vector<LabelBox> taken = keep_out;
    std::vector<LabelPlacement> out(labels.size());
    for (std::size_t i : order) {
        const LabelBox& l = labels[i];
        const double offsets[5][2] = {{0, 0}, {0, -(l.h + gap)}, {0, l.h + gap}, {l.w + gap, 0}, {-(l.w + gap), 0}};
        for (const auto& o : offsets) {
            LabelBox moved = l;
            moved.x += o[0];
            moved.y += o[1];
            if (!free_of(moved, taken)) continue;
            taken.push_back(moved);
            out[i] = {true, o[0], o[1]};
            break;
        }
    }
    return out;
}

}  // namespace shuxiang::report
