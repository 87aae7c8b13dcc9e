#include "shuxiang/district/inspection.hpp"

#include <algorithm>
#include <random>

namespace shuxiang::district {

std::vector<InspectionPick> draw_picks(std::vector<std::string> schools, std::vector<std::string> inspectors,
                                       std::size_t count, unsigned long long seed) {
    std::sort(schools.begin(), schools.end());
    std::sort(inspectors.begin(), inspectors.end());
    // mt19937_64 is specified to the bit by the standard; std::shuffle and the distributions are
    // not, so the draw does its own Fisher-Yates (the modulo bias is below 1e-15 for these sizes).
    std::mt19937_64 rng(seed);
    auto shuffle = [&](std::vector<std::string>& v) {
        for (std::size_t i = 0; i + 1 < v.size(); ++i) std::swap(v[i], v[i + rng() % (v.size() - i)]);
    };
    shuffle(schools);
    shuffle(inspectors);
    std::vector<InspectionPick> picks;
    for (std::size_t k = 0; k < std::min(count, schools.size()); ++k)
        picks.push_back({schools[k], inspectors.empty() ? "" : inspectors[k % inspectors.size()], "", ""});
    std::sort(picks.begin(), picks.end(), [](auto& a, auto& b) { return a.school < b.school; });
    return picks;
}

InspectionOutcome draw_inspection(DistrictStore& d, int year, std::size_t count, std::optional<unsigned long long> seed,
                                  const std::string& drawn_by) {
    InspectionOutcome out;
    if (d.inspection(year)) return {false, "year_drawn", d.inspection(year)};
    std::vector<std::string> schools, inspectors;
    for (const auto& s : d.schools()) schools.push_back(s.code);
    for (const auto& o : d.operators())
        if (o.role == BureauRole::Inspector && !o.disabled) inspectors.push_back(o.id);
    if (schools.empty() || count == 0) return {false, "no_schools", std::nullopt};
    if (inspectors.empty()) return {false, "no_inspectors", std::nullopt};
    Inspection i;
    i.year = year;
    i.seed = seed ? *seed : (static_cast<unsigned long long>(std::random_device{}()) << 32) ^ std::random_device{}();
    i.drawn_by = drawn_by;
    i.picks = draw_picks(schools, inspectors, count, i.seed);
    if (!d.insert_inspection(i)) return {false, "year_drawn", d.inspection(year)};
    return {true, "", d.inspection(year)};
}

}  // namespace shuxiang::district
