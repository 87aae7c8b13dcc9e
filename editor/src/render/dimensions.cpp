#include "render/dimensions.hpp"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace shuxiang::editor {

namespace {
glm::vec2 v2(const plan::Vec2& p) { return {static_cast<float>(p.x), static_cast<float>(p.y)}; }
}  // namespace

std::vector<Dimension> wall_dimensions(const plan::Level& level, double gap) {
    // The middle of the rooms' bounding box decides which side is "outside".
    glm::vec2 lo(std::numeric_limits<float>::max()), hi(std::numeric_limits<float>::lowest());
    for (const auto& r : level.rooms)
        for (const auto& p : r.polygon) {
            lo = glm::min(lo, v2(p));
            hi = glm::max(hi, v2(p));
        }
    for (const auto& w : level.walls)
        for (const auto& p : w.points) {
            lo = glm::min(lo, v2(p));
            hi = glm::max(hi, v2(p));
        }
    const glm::vec2 centre = (lo + hi) * 0.5f;
    std::vector<Dimension> out;
    for (const auto& w : level.walls)
        for (std::size_t i = 0; i + 1 < w.points.size(); ++i) {
            const glm::vec2 a = v2(w.points[i]), b = v2(w.points[i + 1]);
            const float len = glm::length(b - a);
            if (len < 1e-6f) continue;
            const glm::vec2 d = (b - a) / len;
            glm::vec2 n(-d.y, d.x);
            if (glm::dot((a + b) * 0.5f - centre, n) < 0) n = -n;
            const glm::vec2 off = n * static_cast<float>(w.thickness / 2 + gap);
            out.push_back({w.id, a, b, a + off, b + off, len});
        }
    return out;
}

std::vector<Dimension> furniture_dimensions(const plan::Furniture& f, const plan::FurnitureType& t, double gap) {
    const auto fp = plan::world_footprint(f, t);
    if (fp.size() < 3) return {};
    const double yaw = f.yaw_deg * M_PI / 180.0;
    const glm::vec2 c = v2(f.position);
    const glm::vec2 u(static_cast<float>(std::cos(yaw)), static_cast<float>(std::sin(yaw))), v(-u.y, u.x);
    float u0 = std::numeric_limits<float>::max(), u1 = std::numeric_limits<float>::lowest(), v0 = u0, v1 = u1;
    for (const auto& p : fp) {
        const glm::vec2 q = v2(p) - c;
        u0 = std::min(u0, glm::dot(q, u));
        u1 = std::max(u1, glm::dot(q, u));
        v0 = std::min(v0, glm::dot(q, v));
        v1 = std::max(v1, glm::dot(q, v));
    }
    const float g = static_cast<float>(gap);
    auto at = [&](float a, float b) { return c + u * a + v * b; };
    std::vector<Dimension> out;
    out.push_back({f.id, at(u0, v0), at(u1, v0), at(u0, v0 - g), at(u1, v0 - g), u1 - u0});
    out.push_back({f.id, at(u1, v0), at(u1, v1), at(u1 + g, v0), at(u1 + g, v1), v1 - v0});
    return out;
}

}  // namespace shuxiang::editor
