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
    if (s.walls) {
        for (const auto& w : level.walls) {
            const double h = w.thickness / 2;
            for (std::size_t i = 0; i + 1 < w.points.size(); ++i) {
                const plan::Vec2 p = w.points[i], q = w.points[i + 1];
                if (std::abs(p.x - q.x) < 1e-9) {  // runs along Y: faces at x ± h
                    if (!overlaps(b.lo.y, b.hi.y, std::min(p.y, q.y) - h, std::max(p.y, q.y) + h)) continue;
                    consider(bx, p.x - h - b.hi.x, s.reach, SnapKind::Wall, w.id);
                    consider(bx, p.x + h - b.lo.x, s.reach, SnapKind::Wall, w.id);
                } else if (std::abs(p.y - q.y) < 1e-9) {  // runs along X
                    if (!overlaps(b.lo.x, b.hi.x, std::min(p.x, q.x) - h, std::max(p.x, q.x) + h)) continue;
                    consider(by, p.y - h - b.hi.y, s.reach, SnapKind::Wall, w.id);
                    consider(by, p.y + h - b.lo.y, s.reach, SnapKind::Wall, w.id);
                }
            }
        }
    }
    if (s.furniture) {
        for (const auto& f : level.furniture) {
            if (std::find(moving.begin(), moving.end(), f.id) != moving.end()) continue;
            const Box2 o = item_box(f, catalog);
            // Side by side along X when their Y extents overlap (and the other way round).
            if (overlaps(b.lo.y, b.hi.y, o.lo.y, o.hi.y)) {
                consider(bx, o.lo.x - b.hi.x, s.reach, SnapKind::Furniture, f.id);
                consider(bx, o.hi.x - b.lo.x, s.reach, SnapKind::Furniture, f.id);
            }
            if (overlaps(b.lo.x, b.hi.x, o.lo.x, o.hi.x)) {
                consider(by, o.lo.y - b.hi.y, s.reach, SnapKind::Furniture, f.id);
                consider(by, o.hi.y - b.lo.y, s.reach, SnapKind::Furniture, f.id);
            }
        }
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
