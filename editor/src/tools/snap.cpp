#include "tools/snap.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include "tools/extent.hpp"

namespace shuxiang::editor {
namespace {

struct Candidate {
    double delta = 0;
    SnapKind kind = SnapKind::None;
    std::string target;
};

void consider(std::optional<Candidate>& best, double delta, double reach, SnapKind kind, const std::string& id) {
    if (std::abs(delta) > reach) return;
    if (!best || std::abs(delta) < std::abs(best->delta) - 1e-12) best = Candidate{delta, kind, id};
}

// Strict overlap of two intervals (touching ends do not count).
bool overlaps(double a0, double a1, double b0, double b1) { return std::min(a1, b1) - std::max(a0, b0) > 1e-9; }

}  // namespace

double snap_to_step(double value, double step) {
    if (step <= 0) return value;
    return std::round(value / step) * step;
}

SnapResult snap_move(const plan::Level& level, const plan::FurnitureCatalog& catalog,
                     const std::vector<std::string>& moving, plan::Vec2 raw, const SnapSettings& s) {
    SnapResult r;
    r.offset = raw;
    const auto items = furniture_with_ids(level, moving);
    if (!s.enabled || items.empty()) return r;
    const Box2 b = items_box(items, catalog).moved(raw);
    std::optional<Candidate> bx, by;
    // A wall that runs obliquely snaps along its normal, both axes at once (no grid then).
    std::optional<Candidate> oblique;
    plan::Vec2 oblique_normal;
    if (s.walls) {
        std::vector<plan::Vec2> outline;
        for (const auto& f : items)
            for (const auto& p : item_outline(f, catalog)) outline.push_back({p.x + raw.x, p.y + raw.y});
        for (const auto& w : level.walls) {
            const double h = w.thickness / 2;
            for (std::size_t i = 0; i + 1 < w.points.size(); ++i) {
                const plan::Vec2 p = w.points[i], q = w.points[i + 1];
                const double len = std::hypot(q.x - p.x, q.y - p.y);
                if (len < 1e-9) continue;
                const plan::Vec2 d{(q.x - p.x) / len, (q.y - p.y) / len}, n{-d.y, d.x};
                double u0 = 1e300, u1 = -1e300, s0 = 1e300, s1 = -1e300;
                for (const auto& v : outline) {
                    const plan::Vec2 r{v.x - p.x, v.y - p.y};
                    u0 = std::min(u0, r.x * d.x + r.y * d.y);
                    u1 = std::max(u1, r.x * d.x + r.y * d.y);
                    s0 = std::min(s0, r.x * n.x + r.y * n.y);
                    s1 = std::max(s1, r.x * n.x + r.y * n.y);
                }
                if (!overlaps(u0, u1, -h, len + h)) continue;
                // The face on the item's side meets its nearest side: +h against the lowest, -h the highest.
                for (const double delta : {h - s0, -h - s1}) {
                    if (std::abs(n.y) < 1e-9) consider(bx, delta * n.x, s.reach, SnapKind::Wall, w.id);
                    else if (std::abs(n.x) < 1e-9) consider(by, delta * n.y, s.reach, SnapKind::Wall, w.id);
                    else if (std::abs(delta) <= s.reach && (!oblique || std::abs(delta) < std::abs(oblique->delta))) {
                        oblique = Candidate{delta, SnapKind::Wall, w.id};
                        oblique_normal = n;
                    }
                }
            }
        }
    }
    if (s.furniture) {
        for (const auto& f : level.furniture) {
            if (std::find(moving.begin(), moving.end(), f.id) != moving.end()) continue;
            const Box2 o = item_box(f, catalog);
            // Side by side along X when their Y extents overlap (and the other way round): the facing
            // edges meet, and when they are that close their fronts and backs line up too.
            if (overlaps(b.lo.y, b.hi.y, o.lo.y, o.hi.y)) {
                consider(bx, o.lo.x - b.hi.x, s.reach, SnapKind::Furniture, f.id);
                consider(bx, o.hi.x - b.lo.x, s.reach, SnapKind::Furniture, f.id);
                if (std::max(o.lo.x - b.hi.x, b.lo.x - o.hi.x) <= s.reach) {
                    consider(by, o.lo.y - b.lo.y, s.reach, SnapKind::Furniture, f.id);
                    consider(by, o.hi.y - b.hi.y, s.reach, SnapKind::Furniture, f.id);
                }
            }
            if (overlaps(b.lo.x, b.hi.x, o.lo.x, o.hi.x)) {
                consider(by, o.lo.y - b.hi.y, s.reach, SnapKind::Furniture, f.id);
                consider(by, o.hi.y - b.lo.y, s.reach, SnapKind::Furniture, f.id);
                if (std::max(o.lo.y - b.hi.y, b.lo.y - o.hi.y) <= s.reach) {
                    consider(bx, o.lo.x - b.lo.x, s.reach, SnapKind::Furniture, f.id);
                    consider(bx, o.hi.x - b.hi.x, s.reach, SnapKind::Furniture, f.id);
                }
            }
        }
    }
    if (oblique && (!bx || std::abs(oblique->delta) < std::abs(bx->delta)) &&
        (!by || std::abs(oblique->delta) < std::abs(by->delta))) {
        r.offset = {raw.x + oblique_normal.x * oblique->delta, raw.y + oblique_normal.y * oblique->delta};
        r.kind_x = r.kind_y = SnapKind::Wall;
        r.target_x = r.target_y = oblique->target;
        return r;
    }
    const plan::Vec2 anchor = items.front().position;
    auto axis = [&](const std::optional<Candidate>& c, double raw_v, double anchor_v, double& out, SnapKind& kind,
                    std::string& target) {
        if (c) {
            out = raw_v + c->delta;
            kind = c->kind;
            target = c->target;
        } else if (s.grid > 0) {
            out = snap_to_step(anchor_v + raw_v, s.grid) - anchor_v;
            kind = SnapKind::Grid;
        }
    };
    axis(bx, raw.x, anchor.x, r.offset.x, r.kind_x, r.target_x);
    axis(by, raw.y, anchor.y, r.offset.y, r.kind_y, r.target_y);
    return r;
}

double snap_rotation(double start_yaw_deg, double raw_deg, const SnapSettings& s) {
    if (!s.enabled || s.angle <= 0) return raw_deg;
    return snap_to_step(start_yaw_deg + raw_deg, s.angle) - start_yaw_deg;
}

}  // namespace shuxiang::editor
