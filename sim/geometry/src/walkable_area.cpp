#include <shuxiang/geometry/walkable_area.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace shuxiang::geometry {

double signed_area(const Polygon& p) {
    double a = 0.0;
    for (std::size_t i = 0, n = p.size(); i < n; ++i) a += cross(p[i], p[(i + 1) % n]);
    return 0.5 * a;
}

double area(const Polygon& p) { return std::abs(signed_area(p)); }

Vec2 centroid(const Polygon& p) {
    double a = signed_area(p);
    if (std::abs(a) < 1e-12) {
        Vec2 c;
        for (auto& v : p) c += v;
        return p.empty() ? c : c * (1.0 / static_cast<double>(p.size()));
    }
    Vec2 c;
    for (std::size_t i = 0, n = p.size(); i < n; ++i) {
        Vec2 u = p[i], v = p[(i + 1) % n];
        double w = cross(u, v);
        c += (u + v) * w;
    }
    return c * (1.0 / (6.0 * a));
}

bool point_in_polygon(const Polygon& p, Vec2 q) {
    bool in = false;
    for (std::size_t i = 0, n = p.size(), j = n - 1; i < n; j = i++) {
        const Vec2& a = p[i];
        const Vec2& b = p[j];
        if ((a.y > q.y) != (b.y > q.y) && q.x < (b.x - a.x) * (q.y - a.y) / (b.y - a.y) + a.x) in = !in;
    }
    return in;
}

Polygon rectangle(double x0, double y0, double x1, double y1) {
    return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
}

void WalkableArea::add_accessible(Polygon p) {
    if (p.size() >= 3) accessible_.push_back(std::move(p));
}

void WalkableArea::add_obstacle(Polygon p) {
    if (p.size() >= 3) obstacles_.push_back(std::move(p));
}

bool WalkableArea::contains(Vec2 p) const {
    bool in = false;
    for (auto& a : accessible_)
        if (point_in_polygon(a, p)) { in = true; break; }
    if (!in) return false;
    for (auto& o : obstacles_)
        if (point_in_polygon(o, p)) return false;
    return true;
}

Box WalkableArea::bounds() const {
    constexpr double inf = std::numeric_limits<double>::infinity();
    Box b{{inf, inf}, {-inf, -inf}};
    for (auto& poly : accessible_)
        for (auto& v : poly) {
            b.min.x = std::min(b.min.x, v.x);
            b.min.y = std::min(b.min.y, v.y);
            b.max.x = std::max(b.max.x, v.x);
            b.max.y = std::max(b.max.y, v.y);
        }
    return b;
}

double WalkableArea::area_estimate(double cell) const {
    Box b = bounds();
    if (!(b.max.x > b.min.x)) return 0.0;
    long count = 0;
    for (double y = b.min.y + cell / 2; y < b.max.y; y += cell)
        for (double x = b.min.x + cell / 2; x < b.max.x; x += cell)
            if (contains({x, y})) ++count;
    return static_cast<double>(count) * cell * cell;
}

std::vector<Segment> WalkableArea::walls() const {
    std::vector<Segment> edges;
    auto collect = [&](const std::vector<Polygon>& polys) {
        for (auto& p : polys)
            for (std::size_t i = 0, n = p.size(); i < n; ++i) edges.push_back({p[i], p[(i + 1) % n]});
    };
    collect(accessible_);
    collect(obstacles_);

    std::vector<Segment> out;
    constexpr double eps = 1e-5;
    for (std::size_t i = 0; i < edges.size(); ++i) {
        const Segment& e = edges[i];
        Vec2 d = e.b - e.a;
        double len = norm(d);
        if (len < 1e-9) continue;
        // Split the edge where any other edge crosses or touches it.
        std::vector<double> ts{0.0, 1.0};
        for (std::size_t j = 0; j < edges.size(); ++j) {
            if (i == j) continue;
            const Segment& f = edges[j];
            Vec2 s = f.b - f.a;
            double den = cross(d, s);
            if (std::abs(den) < 1e-14) {
                // Collinear overlap: split at the other edge's end points lying on this edge.
                if (std::abs(cross(f.a - e.a, d)) / len > 1e-9) continue;
                for (Vec2 q : {f.a, f.b}) {
                    double t = dot(q - e.a, d) / (len * len);
                    if (t > 0.0 && t < 1.0) ts.push_back(t);
                }
                continue;
            }
            double t = cross(f.a - e.a, s) / den;
            double u = cross(f.a - e.a, d) / den;
            if (t > 0.0 && t < 1.0 && u >= -1e-12 && u <= 1.0 + 1e-12) ts.push_back(t);
        }
        std::sort(ts.begin(), ts.end());
        Vec2 nrm = perp(d) * (1.0 / len);
        for (std::size_t k = 0; k + 1 < ts.size(); ++k) {
            if (ts[k + 1] - ts[k] < 1e-9) continue;
            Vec2 m = e.a + d * (0.5 * (ts[k] + ts[k + 1]));
            bool left = contains(m + nrm * eps);
            bool right = contains(m - nrm * eps);
            if (left != right) out.push_back({e.a + d * ts[k], e.a + d * ts[k + 1]});
        }
    }
    // Merge exact duplicates (two polygons sharing a boundary edge that is a wall on one side).
    std::vector<Segment> unique;
    for (auto& s : out) {
        bool dup = false;
        for (auto& u : unique)
            if ((norm(u.a - s.a) < 1e-9 && norm(u.b - s.b) < 1e-9) || (norm(u.a - s.b) < 1e-9 && norm(u.b - s.a) < 1e-9)) {
                dup = true;
                break;
            }
        if (!dup) unique.push_back(s);
    }
    return unique;
}

}  // namespace shuxiang::geometry
