// Exit stage: the level's exits and when they close.
#include <shuxiang/scenario/stages.hpp>

#include <algorithm>

namespace shuxiang::scenario {

ExitStage::ExitStage(std::vector<std::string> openings, const std::vector<ExitClosure>& closures)
    : openings_(std::move(openings)), close_(openings_.size(), ped::kNever) {
    for (std::size_t e = 0; e < openings_.size(); ++e)
        for (const auto& c : closures)
            if (c.opening == openings_[e]) close_[e] = std::min(close_[e], c.close_time);
}

int ExitStage::index(const std::string& opening) const {
    for (std::size_t e = 0; e < openings_.size(); ++e)
        if (openings_[e] == opening) return static_cast<int>(e);
    return -1;
}

double ExitStage::all_closed_at() const {
    if (close_.empty()) return 0.0;
    return *std::max_element(close_.begin(), close_.end());
}

bool ExitStage::used_after_closing(int exit, double arrival) const {
    return exit >= 0 && arrival > close_[static_cast<std::size_t>(exit)] + 1e-9;
}

}  // namespace shuxiang::scenario
