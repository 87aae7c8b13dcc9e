// Room point stage and the point sampling shared with start areas.
#include <shuxiang/scenario/stages.hpp>

#include <algorithm>

namespace shuxiang::scenario {

std::optional<Vec2> sample_point(const geometry::Polygon& poly, ped::Rng& rng, int tries,
                                 const std::function<bool(Vec2)>& accept) {
    if (poly.empty()) return std::nullopt;
    geometry::Box b{poly.front(), poly.front()};
    for (const auto& v : poly) {
        b.min = {std::min(b.min.x, v.x), std::min(b.min.y, v.y)};
        b.max = {std::max(b.max.x, v.x), std::max(b.max.y, v.y)};
    }
    for (int k = 0; k < tries; ++k) {
        const double x = rng.uniform(b.min.x, b.max.x);
        const Vec2 p{x, rng.uniform(b.min.y, b.max.y)};
        if (geometry::point_in_polygon(poly, p) && accept(p)) return p;
    }
    return std::nullopt;
}

}  // namespace shuxiang::scenario
