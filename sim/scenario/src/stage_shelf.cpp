// Shelf browse stage: which section a reader looks for, by the demand per 大部类.
#include <shuxiang/scenario/stages.hpp>

#include <algorithm>
#include <cmath>

namespace shuxiang::scenario {

ShelfBrowse::ShelfBrowse(std::vector<ShelfSection> sections, std::vector<double> class_shares)
    : sections_(std::move(sections)), shares_(std::move(class_shares)), visits_(sections_.size(), 0) {
    for (double v : shares_) share_sum_ += std::max(0.0, v);
    if (share_sum_ <= 0 || sections_.empty()) shares_.clear();
    if (shares_.empty()) return;
    class_sections_.resize(shares_.size());
    class_visits_.assign(shares_.size(), 0);
    const double n = static_cast<double>(sections_.size());
    double acc = 0;
    std::size_t next = 0;
    for (std::size_t c = 0; c < shares_.size(); ++c) {
        acc += std::max(0.0, shares_[c]) / share_sum_;
        const auto end = c + 1 == shares_.size()
                             ? sections_.size()
                             : std::min(sections_.size(), static_cast<std::size_t>(std::lround(acc * n)));
        for (; next < end; ++next) {
            sections_[next].major_class = static_cast<int>(c);
            class_sections_[c].push_back(static_cast<int>(next));
        }
    }
}

int ShelfBrowse::pick(ped::Rng& rng) const {
    const std::vector<int>* pool = nullptr;
    if (!shares_.empty()) {
        const double u = rng.uniform() * share_sum_;
        double acc = 0;
        for (std::size_t c = 0; c < shares_.size() && !pool; ++c) {
            acc += std::max(0.0, shares_[c]);
            if (u < acc || c + 1 == shares_.size()) pool = &class_sections_[c];
        }
        if (pool && pool->empty()) pool = nullptr;
    }
    if (pool) {
        auto k = static_cast<std::size_t>(rng.uniform() * static_cast<double>(pool->size()));
        return (*pool)[std::min(k, pool->size() - 1)];
    }
    const int k = static_cast<int>(rng.uniform() * static_cast<double>(sections_.size()));
    return std::min(k, static_cast<int>(sections_.size()) - 1);
}

void ShelfBrowse::visited(int section) {
    ++visits_[static_cast<std::size_t>(section)];
    const int c = sections_[static_cast<std::size_t>(section)].major_class;
    if (c >= 0) ++class_visits_[static_cast<std::size_t>(c)];
}

void ShelfBrowse::report(RunResult& r) const {
    r.shelf_visits.clear();
    for (std::size_t s = 0; s < sections_.size(); ++s) r.shelf_visits[sections_[s].id] += visits_[s];
    r.class_visits = class_visits_;
}

}  // namespace shuxiang::scenario
