// Seeded, platform-independent random numbers (xoshiro256**) and the RiMEA age-group speeds.
#pragma once

#include <cstdint>

namespace shuxiang::ped {

// xoshiro256** seeded through splitmix64; own distributions so results do not depend on the
// standard library's implementation of std::normal_distribution.
class Rng {
public:
    explicit Rng(std::uint64_t seed = 1);
    std::uint64_t next();
    double uniform();                     // [0, 1)
    double uniform(double lo, double hi); // [lo, hi)
    double normal(double mean, double sigma);

private:
    std::uint64_t s_[4];
};

// Age groups of the RiMEA walking-speed table (after Weidmann), used by RiMEA test 7.
enum class AgeGroup { Under30, From30To50, Over50, LimitedMobility };

// Translation key of an age group ("sim.age.under30").
const char* display_key(AgeGroup g);

// Speed distribution of a group: Gaussian (mean, sigma) truncated to [min, max] (m/s).
struct SpeedDistribution {
    double min;
    double max;
    double mean;
    double sigma;
};

SpeedDistribution speed_distribution(AgeGroup g);
double draw_speed(const SpeedDistribution& d, Rng& rng);

}  // namespace shuxiang::ped
