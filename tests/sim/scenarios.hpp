// Helpers shared by the simulator tests: geometry builders and agent placement.
#pragma once

#include <shuxiang/geometry/walkable_area.hpp>
#include <shuxiang/nav/navmesh.hpp>
#include <shuxiang/ped/simulation.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <vector>

namespace sxtest {

using shuxiang::geometry::Polygon;
using shuxiang::geometry::rectangle;
using shuxiang::geometry::Vec2;
using shuxiang::geometry::WalkableArea;

// Places up to n non-overlapping discs of radius r uniformly at random in [x0,x1]×[y0,y1]
// (rejection sampling, seeded), keeping `margin` from the box sides.
inline std::vector<Vec2> random_positions(int n, double r, double x0, double y0, double x1, double y1,
                                          std::uint64_t seed, double margin = 0.05) {
    shuxiang::ped::Rng rng(seed);
    std::vector<Vec2> out;
    const double gap = 2 * r + 0.01;
    for (int tries = 0; static_cast<int>(out.size()) < n && tries < n * 2000; ++tries) {
        Vec2 p{rng.uniform(x0 + r + margin, x1 - r - margin), rng.uniform(y0 + r + margin, y1 - r - margin)};
        bool ok = true;
        for (auto& q : out)
            if (shuxiang::geometry::norm(p - q) < gap) { ok = false; break; }
        if (ok) out.push_back(p);
    }
    return out;
}

// Regular grid of n positions filling the box row by row.
inline std::vector<Vec2> grid_positions(int n, double x0, double y0, double x1, double y1) {
    double area = (x1 - x0) * (y1 - y0);
    double step = std::sqrt(area / n);
    int nx = static_cast<int>(std::floor((x1 - x0) / step));
    while (nx * static_cast<int>(std::floor((y1 - y0) / step)) < n) {
        step *= 0.99;
        nx = static_cast<int>(std::floor((x1 - x0) / step));
    }
    std::vector<Vec2> out;
    for (int k = 0; k < n; ++k) {
        int i = k % nx, j = k / nx;
        out.push_back({x0 + (i + 0.5) * step, y0 + (j + 0.5) * step});
    }
    return out;
}

// The hard constraints every run must keep.
inline void expect_clean(const shuxiang::ped::Metrics& m) {
    std::printf("  overlap after step %.4f m (model before projection %.4f m), wall overlap %.4f m, "
                "penetrations %ld, max density %.1f /m2\n",
                m.max_overlap, m.max_overlap_model, m.max_wall_overlap, m.wall_penetrations, m.max_density);
    EXPECT_LE(m.max_overlap, 0.02);
    EXPECT_LE(m.max_overlap_model, 0.02);  // the model itself, not only after the projection
    EXPECT_LE(m.max_wall_overlap, 0.02);
    EXPECT_EQ(m.wall_penetrations, 0);
}

}  // namespace sxtest
