// Widest routes on a rasterised level: a distance transform gives each free cell its clearance, and a
// widest-path search (Dijkstra with max-min instead of sums) spreads from the entrances.
#include "shuxiang/plan/route.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <queue>

#include "shuxiang/plan/geometry.hpp"

namespace shuxiang::plan {
namespace {

constexpr std::size_t kMaxCells = 1'500'000;  // a bigger level gets coarser cells

struct Grid {
    double x0 = 0, y0 = 0, cell = 0.05;
    int nx = 0, ny = 0;
    std::vector<std::uint8_t> blocked;  // 1: no one can stand here
    std::vector<float> door_need;       // > 0: in front of or in a door; the width that passes there
    std::size_t at(int i, int j) const { return static_cast<std::size_t>(j) * nx + i; }
};

// Calls f(index) for every cell whose centre lies inside the polygon (even-odd rule).
template <typename F>
void fill(const Grid& g, const std::vector<Vec2>& poly, F&& f) {
    if (poly.size() < 3) return;
    double lo = 1e18, hi = -1e18;
    for (const Vec2& p : poly) lo = std::min(lo, p.y), hi = std::max(hi, p.y);
    const int j0 = std::max(0, static_cast<int>(std::ceil((lo - g.y0) / g.cell - 0.5)));
    const int j1 = std::min(g.ny - 1, static_cast<int>(std::floor((hi - g.y0) / g.cell - 0.5)));
    std::vector<double> xs;
    for (int j = j0; j <= j1; ++j) {
        const double y = g.y0 + (j + 0.5) * g.cell;
        xs.clear();
        for (std::size_t k = 0, m = poly.size() - 1; k < poly.size(); m = k++) {
            const Vec2 a = poly[k], b = poly[m];
            if ((a.y > y) != (b.y > y)) xs.push_back(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
        }
        std::sort(xs.begin(), xs.end());
        for (std::size_t k = 0; k + 1 < xs.size(); k += 2) {
            const int i0 = std::max(0, static_cast<int>(std::ceil((xs[k] - g.x0) / g.cell - 0.5)));
            const int i1 = std::min(g.nx - 1, static_cast<int>(std::floor((xs[k + 1] - g.x0) / g.cell - 0.5)));
            for (int i = i0; i <= i1; ++i) f(g.at(i, j));
        }
    }
}

std::vector<Vec2> rect(Vec2 c, Vec2 along, double half_along, double half_across) {
    const Vec2 n{-along.y, along.x};
    return {c - along * half_along - n * half_across, c + along * half_along - n * half_across,
            c + along * half_along + n * half_across, c - along * half_along + n * half_across};
}

Grid make_grid(const Level& level, const RouteOptions& opt) {
    Grid g;
    double x1 = -1e18, y1 = -1e18;
    g.x0 = g.y0 = 1e18;
    for (const Room& r : level.rooms)
        for (const Vec2& p : r.polygon) {
            g.x0 = std::min(g.x0, p.x), g.y0 = std::min(g.y0, p.y);
            x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
        }
    if (x1 < g.x0) return g;
    g.x0 -= 1, g.y0 -= 1, x1 += 1, y1 += 1;
    g.cell = std::max(opt.cell, std::sqrt((x1 - g.x0) * (y1 - g.y0) / kMaxCells));
    g.nx = static_cast<int>(std::ceil((x1 - g.x0) / g.cell));
    g.ny = static_cast<int>(std::ceil((y1 - g.y0) / g.cell));
    g.blocked.assign(static_cast<std::size_t>(g.nx) * g.ny, 1);
    g.door_need.assign(g.blocked.size(), 0.f);
    return g;
}

// Rooms free, walls blocked, doors and exits open through their walls, furniture blocked.
void rasterise(Grid& g, const Level& level, const FurnitureCatalog& catalog, double width) {
    for (const Room& r : level.rooms) fill(g, r.polygon, [&](std::size_t c) { g.blocked[c] = 0; });
    for (const Wall& w : level.walls)
        for (std::size_t i = 1; i < w.points.size(); ++i)
            fill(g, wall_segment_polygon(w.points[i - 1], w.points[i], w.thickness), [&](std::size_t c) { g.blocked[c] = 1; });
    for (const Opening& o : level.openings) {
        const Wall* w = find_wall(level, o.wall);
        const auto at = w && o.kind != OpeningKind::Window ? point_along_polyline(w->points, o.offset) : std::nullopt;
        if (!at) continue;
        const auto need = static_cast<float>(std::min(width, o.width));
        // The door and the floor just before and after it, on both sides (the outside of an exit too).
        fill(g, rect(at->point, at->direction, o.width / 2, w->thickness / 2 + width / 2 + g.cell), [&](std::size_t c) {
            g.blocked[c] = 0;
            g.door_need[c] = need;
        });
    }
    for (const Furniture& f : level.furniture)
        if (const FurnitureType* t = catalog.find(f.type))
            fill(g, convex_hull(world_footprint(f, *t)), [&](std::size_t c) { g.blocked[c] = 1; });
}

// Squared distance transform of one line (Felzenszwalb and Huttenlocher, 2012).
void edt_line(std::vector<double>& f, std::vector<double>& d, std::vector<int>& v, std::vector<double>& z) {
    const int n = static_cast<int>(f.size());
    constexpr double inf = std::numeric_limits<double>::infinity();
    int k = 0;
    v[0] = 0;
    z[0] = -inf;
    z[1] = inf;
    for (int q = 1; q < n; ++q) {
        double s;
        while (true) {
            const int p = v[k];
            s = ((f[q] + double(q) * q) - (f[p] + double(p) * p)) / (2.0 * q - 2.0 * p);
            if (s > z[k] || k == 0) break;
            --k;
        }
        if (s <= z[k]) s = z[k];  // k == 0 with s below -inf cannot happen; keeps the order
        ++k;
        v[k] = q;
        z[k] = s;
        z[k + 1] = inf;
    }
    k = 0;
    for (int q = 0; q < n; ++q) {
        while (z[k + 1] < q) ++k;
        d[q] = double(q - v[k]) * (q - v[k]) + f[v[k]];
    }
}

// Width of a route through each free cell: twice its distance to the nearest blocked cell, capped.
std::vector<float> widths(const Grid& g, double cap) {
    constexpr double big = 1e18;
    std::vector<double> d2(g.blocked.size());
    for (std::size_t c = 0; c < d2.size(); ++c) d2[c] = g.blocked[c] ? 0 : big;
    const int n = std::max(g.nx, g.ny);
    std::vector<double> f(n), d(n), z(n + 1);
    std::vector<int> v(n);
    auto pass = [&](int count, int len, auto index) {
        f.resize(len), d.resize(len);
        for (int a = 0; a < count; ++a) {
            for (int b = 0; b < len; ++b) f[b] = d2[index(a, b)];
            edt_line(f, d, v, z);
            for (int b = 0; b < len; ++b) d2[index(a, b)] = d[b];
        }
    };
    pass(g.ny, g.nx, [&](int j, int i) { return g.at(i, j); });
    pass(g.nx, g.ny, [&](int i, int j) { return g.at(i, j); });
    std::vector<float> w(d2.size(), 0.f);
    for (std::size_t c = 0; c < w.size(); ++c) {
        if (g.blocked[c]) continue;
        double width = 2 * std::sqrt(d2[c]) * g.cell;
        if (g.door_need[c] > 0 && width >= g.door_need[c] - g.cell) width = cap;
        w[c] = static_cast<float>(std::min(width, cap));
    }
    return w;
}

// Widest-path search: best[c] is the widest route from a seed to c.
std::vector<float> spread(const Grid& g, const std::vector<float>& w, const std::vector<std::size_t>& seeds) {
    std::vector<float> best(w.size(), 0.f);
    std::priority_queue<std::pair<float, std::size_t>> queue;
    for (std::size_t s : seeds)
        if (w[s] > best[s]) queue.push({best[s] = w[s], s});
    while (!queue.empty()) {
        const auto [b, c] = queue.top();
        queue.pop();
        if (b < best[c]) continue;
        const int i = static_cast<int>(c % g.nx), j = static_cast<int>(c / g.nx);
        for (int dj = -1; dj <= 1; ++dj)
            for (int di = -1; di <= 1; ++di) {
                const int a = i + di, e = j + dj;
                if ((di == 0 && dj == 0) || a < 0 || e < 0 || a >= g.nx || e >= g.ny) continue;
                const std::size_t n = g.at(a, e);
                const float nb = std::min(b, w[n]);
                if (nb > best[n]) queue.push({best[n] = nb, n});
            }
    }
    return best;
}

}  // namespace

std::vector<double> widest_routes(const Level& level, const FurnitureCatalog& catalog,
                                  const std::vector<std::vector<Vec2>>& targets, const RouteOptions& opt) {
    std::vector<double> out(targets.size(), 0.0);
    Grid g = make_grid(level, opt);
    if (g.blocked.empty()) return out;
    rasterise(g, level, catalog, opt.width);
    const std::vector<float> w = widths(g, opt.width);
    std::vector<std::size_t> seeds;
    for (const Opening& o : level.openings) {
        const Wall* wall = find_wall(level, o.wall);
        const bool start = opt.from.empty() ? o.entrance : std::find(opt.from.begin(), opt.from.end(), o.id) != opt.from.end();
        const auto at = wall && start && o.kind != OpeningKind::Window ? point_along_polyline(wall->points, o.offset)
                                                                       : std::nullopt;
        if (at)
            fill(g, rect(at->point, at->direction, o.width / 2, wall->thickness / 2 + 0.01),
                 [&](std::size_t c) { seeds.push_back(c); });
    }
    if (seeds.empty()) return out;
    const std::vector<float> best = spread(g, w, seeds);
    for (std::size_t t = 0; t < targets.size(); ++t)
        fill(g, targets[t], [&](std::size_t c) {
            if (g.door_need[c] == 0) out[t] = std::max(out[t], static_cast<double>(best[c]));
        });
    return out;
}

}  // namespace shuxiang::plan
