#pragma once
// The annual special inspection (专项督导评估) by 双随机一公开: schools and inspectors drawn at
// random with a recorded seed (anyone can redo the draw from the seed and the published lists),
// results recorded per school, then the list published.
#include <optional>
#include <string>
#include <vector>

#include "shuxiang/district/store.hpp"

namespace shuxiang::district {

// The draw itself, from the seed alone: `count` of `schools` (sorted by code first) picked without
// replacement by a Fisher-Yates shuffle on std::mt19937_64(seed), each given an inspector from a
// shuffled rotation of `inspectors` (sorted by id first). Same inputs, same draw.
std::vector<InspectionPick> draw_picks(std::vector<std::string> schools, std::vector<std::string> inspectors,
                                       std::size_t count, unsigned long long seed);

// The outcome of an inspection operation: done, or refused with a translation key.
struct InspectionOutcome {
    bool ok = false;
    std::string code;  // "" when ok; year_drawn, no_inspectors, no_schools, not_drawn, not_picked, published
    std::optional<Inspection> inspection;
};

// Draws the year's inspection among the registered schools and the enabled inspectors; `seed`
// empty: a fresh one from std::random_device. Refused when the year is drawn already.
InspectionOutcome draw_inspection(DistrictStore& d, int year, std::size_t count, std::optional<unsigned long long> seed,
                                  const std::string& drawn_by);

}  // namespace shuxiang::district
