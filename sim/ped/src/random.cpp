#include <shuxiang/ped/random.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace shuxiang::ped {

namespace {
std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

Rng::Rng(std::uint64_t seed) {
    for (auto& s : s_) s = splitmix64(seed);
}

std::uint64_t Rng::next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

double Rng::normal(double mean, double sigma) {
    // Box-Muller; one value per call keeps the stream simple to reason about.
    double u1 = uniform();
    double u2 = uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    return mean + sigma * std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

const char* display_key(AgeGroup g) {
    switch (g) {
        case AgeGroup::Under30: return "sim.age.under30";
        case AgeGroup::From30To50: return "sim.age.30to50";
        case AgeGroup::Over50: return "sim.age.over50";
        case AgeGroup::LimitedMobility: return "sim.age.limited_mobility";
    }
    return "sim.age.under30";
}

SpeedDistribution speed_distribution(AgeGroup g) {
    // RiMEA test 7 table (after Weidmann): min and max; mean = midpoint, sigma as in JuPedSim's test 7.
    switch (g) {
        case AgeGroup::Under30: return {0.58, 1.61, (0.58 + 1.61) / 2, 0.2};
        case AgeGroup::From30To50: return {1.41, 1.54, (1.41 + 1.54) / 2, 0.02};
        case AgeGroup::Over50: return {0.68, 1.41, (0.68 + 1.41) / 2, 0.13};
        case AgeGroup::LimitedMobility: return {0.46, 0.76, (0.46 + 0.76) / 2, 0.05};
    }
    return {1.34, 1.34, 1.34, 0.0};
}

double draw_speed(const SpeedDistribution& d, Rng& rng) {
    for (int i = 0; i < 64; ++i) {
        double v = rng.normal(d.mean, d.sigma);
        if (v >= d.min && v <= d.max) return v;
    }
    return std::clamp(d.mean, d.min, d.max);
}

}  // namespace shuxiang::ped
