#include "tools/gizmo.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace shuxiang::editor {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

float segment_distance(glm::vec2 p, glm::vec2 a, glm::vec2 b) {
    const glm::vec2 ab = b - a;
    const float len2 = glm::dot(ab, ab);
    const float t = len2 > 0 ? std::clamp(glm::dot(p - a, ab) / len2, 0.f, 1.f) : 0.f;
    return glm::length(p - (a + ab * t));
}

bool in_quad(glm::vec2 p, const std::array<glm::vec2, 4>& q) {
    // Convex quad of either winding: p is inside when it is on the same side of all four edges.
    int pos = 0, neg = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const glm::vec2 a = q[i], b = q[(i + 1) % 4];
        const float c = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
        if (c > 0) ++pos;
        if (c < 0) ++neg;
    }
    return pos == 0 || neg == 0;
}

}  // namespace

const char* to_string(GizmoHandle h) {
    switch (h) {
        case GizmoHandle::MoveX: return "move_x";
        case GizmoHandle::MoveY: return "move_y";
        case GizmoHandle::MoveXY: return "move_xy";
        case GizmoHandle::Rotate: return "rotate";
        case GizmoHandle::Resize: return "resize";
        case GizmoHandle::None: break;
    }
    return "none";
}

GizmoFrame gizmo_frame(const std::vector<plan::Furniture>& items, const plan::FurnitureCatalog& catalog, bool local,
                       double size) {
    GizmoFrame f;
    f.size = size;
    if (items.empty()) return f;
    for (const auto& it : items) {
        f.center.x += it.position.x / static_cast<double>(items.size());
        f.center.y += it.position.y / static_cast<double>(items.size());
    }
    const double a = items.front().yaw_deg * kDeg;
    const plan::Vec2 ax{std::cos(a), std::sin(a)};
    if (local) {
        f.ux = ax;
        f.uy = {-ax.y, ax.x};
    }
    if (items.size() == 1)
        if (const plan::FurnitureType* t = catalog.find(items.front().type); t && t->sections > 0 && t->section_width > 0) {
            const double half = plan::effective_width(items.front(), *t) / 2;
            f.resizable = true;
            f.resize_axis = ax;
            f.resize_at = {items.front().position.x + ax.x * half, items.front().position.y + ax.y * half};
        }
    return f;
}

std::optional<glm::vec2> project_point(const glm::mat4& view_proj, glm::vec3 p, glm::vec4 viewport) {
    const glm::vec4 c = view_proj * glm::vec4(p, 1.f);
    if (c.w <= 1e-6f) return std::nullopt;
    const glm::vec3 ndc = glm::vec3(c) / c.w;
    return glm::vec2(viewport.x + (ndc.x * 0.5f + 0.5f) * viewport.z, viewport.y + (0.5f - ndc.y * 0.5f) * viewport.w);
}

GizmoScreen gizmo_screen(const GizmoFrame& f, float z, const Projector& project) {
    GizmoScreen s;
    auto at = [&](plan::Vec2 p) { return project(glm::vec3(static_cast<float>(p.x), static_cast<float>(p.y), z)); };
    auto along = [&](double a, double b) {
        return plan::Vec2{f.center.x + (f.ux.x * a + f.uy.x * b) * f.size, f.center.y + (f.ux.y * a + f.uy.y * b) * f.size};
    };
    const auto c = at(f.center), x = at(along(1, 0)), y = at(along(0, 1));
    if (!c || !x || !y) return s;
    s.c = *c;
    s.x_tip = *x;
    s.y_tip = *y;
    const double corners[4][2] = {{0.25, 0.25}, {0.45, 0.25}, {0.45, 0.45}, {0.25, 0.45}};
    for (std::size_t i = 0; i < 4; ++i) {
        const auto p = at(along(corners[i][0], corners[i][1]));
        if (!p) return s;
        s.plane[i] = *p;
    }
    // Sized in pixels, not metres: zoomed out, a ring in metres would spread over the neighbours.
    for (int i = 0; i <= 64; ++i) {
        const float a = 2.f * std::numbers::pi_v<float> * static_cast<float>(i) / 64.f;
        s.ring.push_back(s.c + f.ring_px * glm::vec2(std::cos(a), std::sin(a)));
    }
    if (f.resizable) s.resize = at(f.resize_at);
    s.valid = true;
    return s;
}

GizmoHandle gizmo_hit(const GizmoScreen& s, glm::vec2 px, float tol) {
    if (!s.valid) return GizmoHandle::None;
    if (s.resize && glm::length(px - *s.resize) <= tol * 1.5f) return GizmoHandle::Resize;
    if (in_quad(px, s.plane)) return GizmoHandle::MoveXY;
    // The arrows start a little away from the centre so that the plane handle and the item stay reachable.
    const float dx = segment_distance(px, s.c + (s.x_tip - s.c) * 0.2f, s.x_tip);
    const float dy = segment_distance(px, s.c + (s.y_tip - s.c) * 0.2f, s.y_tip);
    if (std::min(dx, dy) <= tol) return dx <= dy ? GizmoHandle::MoveX : GizmoHandle::MoveY;
    for (std::size_t i = 0; i + 1 < s.ring.size(); ++i)
        if (segment_distance(px, s.ring[i], s.ring[i + 1]) <= tol) return GizmoHandle::Rotate;
    return GizmoHandle::None;
}

plan::Vec2 constrain_move(GizmoHandle h, const GizmoFrame& f, plan::Vec2 d) {
    auto onto = [&](plan::Vec2 u) {
        const double t = d.x * u.x + d.y * u.y;
        return plan::Vec2{u.x * t, u.y * t};
    };
    if (h == GizmoHandle::MoveX) return onto(f.ux);
    if (h == GizmoHandle::MoveY) return onto(f.uy);
    return d;
}

double ring_angle_deg(plan::Vec2 center, plan::Vec2 from, plan::Vec2 to) {
    const double a0 = std::atan2(from.y - center.y, from.x - center.x);
    const double a1 = std::atan2(to.y - center.y, to.x - center.x);
    double d = (a1 - a0) / kDeg;
    while (d > 180) d -= 360;
    while (d <= -180) d += 360;
    return d;
}

std::vector<plan::Furniture> rotate_items(std::vector<plan::Furniture> items, plan::Vec2 center, double deg) {
    const double a = deg * kDeg, c = std::cos(a), s = std::sin(a);
    for (auto& g : items) {
        const double rx = g.position.x - center.x, ry = g.position.y - center.y;
        g.position = {center.x + c * rx - s * ry, center.y + s * rx + c * ry};
        double yaw = std::fmod(g.yaw_deg + deg, 360.0);
        if (yaw < 0) yaw += 360.0;
        g.yaw_deg = yaw;
    }
    return items;
}

int sections_after_drag(int start, double section_width, double along) {
    if (section_width <= 0) return start;
    return std::clamp(start + static_cast<int>(std::lround(along / section_width)), 1, 50);
}

plan::Furniture with_sections(const plan::Furniture& f, const plan::FurnitureType& t, int n) {
    plan::Furniture g = f;
    const double w0 = plan::effective_width(f, t);
    g.sections = n;
    const double shift = (plan::effective_width(g, t) - w0) / 2;
    const double a = f.yaw_deg * kDeg;
    g.position = {f.position.x + std::cos(a) * shift, f.position.y + std::sin(a) * shift};
    return g;
}

std::vector<std::string> furniture_in_rect(const std::vector<FurnitureBox>& boxes, glm::vec2 a, glm::vec2 b,
                                           const Projector& project) {
    const glm::vec2 lo = glm::min(a, b), hi = glm::max(a, b);
    std::vector<std::string> out;
    for (const auto& box : boxes) {
        const float r = glm::radians(box.yaw_deg), c = std::cos(r), s = std::sin(r);
        bool inside = true;
        for (int i = 0; i < 4 && inside; ++i) {
            const float lx = (i & 1 ? 1.f : -1.f) * box.half.x, ly = (i & 2 ? 1.f : -1.f) * box.half.y;
            const auto p = project({box.center.x + lx * c - ly * s, box.center.y + lx * s + ly * c, box.center.z - box.half.z});
            inside = p && p->x >= lo.x && p->x <= hi.x && p->y >= lo.y && p->y <= hi.y;
        }
        if (inside) out.push_back(box.id);
    }
    return out;
}

std::vector<std::string> combine_selection(const std::vector<std::string>& current, const std::vector<std::string>& hits,
                                           SelectMode mode) {
    std::vector<std::string> out = mode == SelectMode::Replace ? std::vector<std::string>{} : current;
    for (const auto& id : hits) {
        auto it = std::find(out.begin(), out.end(), id);
        if (it == out.end()) out.push_back(id);
        else if (mode == SelectMode::Toggle) out.erase(it);
    }
    return out;
}

}  // namespace shuxiang::editor
