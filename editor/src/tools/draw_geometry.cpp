#include "tools/draw_geometry.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numbers>

#include "shuxiang/plan/geometry.hpp"

namespace shuxiang::editor::draw {
namespace {

using plan::cross;
using plan::dot;

constexpr double kEps = 1e-6;  // m: points closer than this are the same point

double round_to(double v, double step) { return step > 0 ? std::round(v / step) * step : v; }

// Rounds away the float noise that rounding to a step leaves (0.30000000000000004 → 0.3).
double tidy(double v) { return std::round(v * 1e9) / 1e9; }

Vec2 tidy(Vec2 v) { return {tidy(v.x), tidy(v.y)}; }

struct Segment {
    Vec2 a, b;
};

std::vector<Segment> wall_segments(const plan::Level& level) {
    std::vector<Segment> out;
    for (const auto& w : level.walls)
        for (std::size_t i = 1; i < w.points.size(); ++i)
            if (plan::length(w.points[i] - w.points[i - 1]) > kEps) out.push_back({w.points[i - 1], w.points[i]});
    return out;
}

// Parameter along a→b of the point nearest to p, clamped to the segment.
double project_t(Vec2 p, Vec2 a, Vec2 b) {
    const Vec2 d = b - a;
    const double l2 = dot(d, d);
    return l2 > 0 ? std::clamp(dot(p - a, d) / l2, 0.0, 1.0) : 0.0;
}

// Where the ray from `o` along unit `dir` meets segment a→b (ahead of o), if it does.
std::optional<Vec2> ray_hits_segment(Vec2 o, Vec2 dir, Vec2 a, Vec2 b) {
    const Vec2 s = b - a;
    const double den = cross(dir, s);
    if (std::abs(den) < 1e-12) return std::nullopt;
    const double t = cross(a - o, s) / den, u = cross(a - o, dir) / den;
    if (t <= kEps || u < -kEps || u > 1 + kEps) return std::nullopt;
    return o + dir * t;
}

}  // namespace

Snapped snap_point(Vec2 raw, const std::optional<Vec2>& anchor, const std::vector<Vec2>& drawing,
                   const plan::Level& level, const SnapOptions& opt) {
    // Endpoints of walls and of the drawing so far.
    std::optional<Vec2> best;
    double best_d = opt.radius;
    auto consider = [&](Vec2 q) {
        if (anchor && plan::length(q - *anchor) < kEps) return;  // a zero-length segment is never wanted
        const double d = plan::length(q - raw);
        if (d <= best_d) {
            best_d = d;
            best = q;
        }
    };
    for (const auto& w : level.walls)
        for (const auto& q : w.points) consider(q);
    for (const auto& q : drawing) consider(q);
    if (best) return {*best, SnapKind::Endpoint};

    // The direction from the anchor, rounded to the angle step.
    std::optional<Vec2> dir;
    if (anchor && plan::length(raw - *anchor) > kEps) {
        const double step = opt.angle_deg * std::numbers::pi / 180.0;
        const double a = std::atan2(raw.y - anchor->y, raw.x - anchor->x);
        const double r = step > 0 ? std::round(a / step) * step : a;
        dir = Vec2{tidy(std::cos(r)), tidy(std::sin(r))};
    }

    // Wall centre lines: where the snapped direction meets the line if that is near the cursor, else
    // the foot of the perpendicular at a grid distance along the segment.
    std::optional<Snapped> line;
    double line_d = opt.radius;
    for (const auto& s : wall_segments(level)) {
        const double t = project_t(raw, s.a, s.b);
        const Vec2 foot = s.a + (s.b - s.a) * t;
        const double d = plan::length(raw - foot);
        if (d > line_d) continue;
        line_d = d;
        Vec2 q = foot;
        std::optional<Vec2> hit;
        if (dir) hit = ray_hits_segment(*anchor, *dir, s.a, s.b);
        if (hit && plan::length(*hit - raw) <= opt.radius) {
            q = *hit;
        } else {
            const double len = plan::length(s.b - s.a);
            const double along = std::clamp(round_to(t * len, opt.grid), 0.0, len);
            q = s.a + (s.b - s.a) * (along / len);
        }
        line = Snapped{tidy(q), SnapKind::WallLine};
    }
    if (line) return *line;

    if (dir) {
        const double len = round_to(dot(raw - *anchor, *dir), opt.grid);
        return {tidy(*anchor + *dir * std::max(len, 0.0)), SnapKind::Angle};
    }
    return {{tidy(round_to(raw.x, opt.grid)), tidy(round_to(raw.y, opt.grid))}, SnapKind::Grid};
}

Vec2 point_at_length(Vec2 anchor, Vec2 toward, double length) {
    const Vec2 d = toward - anchor;
    const double l = plan::length(d);
    const Vec2 u = l > kEps ? d * (1.0 / l) : Vec2{1, 0};
    return tidy(anchor + u * length);
}

double segment_angle_deg(Vec2 a, Vec2 b) {
    double deg = std::atan2(b.y - a.y, b.x - a.x) * 180.0 / std::numbers::pi;
    if (deg < 0) deg += 360.0;
    if (deg >= 360.0 - 1e-9) deg = 0;
    return deg;
}

namespace {

// A typed measure with an optional unit (m, cm, mm): any finite number, signed or zero.
std::optional<double> parse_measure(const std::string& text) {
    std::string s;
    for (char c : text)
        if (c != ' ') s += c;
    double scale = 1;
    auto strip = [&](const std::string& unit, double f) {
        if (s.size() > unit.size() && s.compare(s.size() - unit.size(), unit.size(), unit) == 0) {
            s.resize(s.size() - unit.size());
            scale = f;
            return true;
        }
        return false;
    };
    strip("mm", 0.001) || strip("cm", 0.01) || strip("m", 1.0);
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v * scale;
}

}  // namespace

std::optional<double> parse_length(const std::string& text) {
    const auto v = parse_measure(text);
    if (!v || *v <= 0) return std::nullopt;
    return v;
}

std::optional<TypedStep> parse_typed_step(const std::string& text) {
    TypedStep t;
    if (const auto lt = text.find('<'); lt != std::string::npos) {
        const auto len = parse_length(text.substr(0, lt));
        const auto ang = parse_measure(text.substr(lt + 1));
        if (!len || !ang || text.find('<', lt + 1) != std::string::npos) return std::nullopt;
        t.kind = TypedStep::Kind::Polar;
        t.length = *len;
        t.angle_deg = *ang;
        return t;
    }
    if (const auto comma = text.find(','); comma != std::string::npos) {
        const auto dx = parse_measure(text.substr(0, comma)), dy = parse_measure(text.substr(comma + 1));
        if (!dx || !dy || (*dx == 0 && *dy == 0)) return std::nullopt;
        t.kind = TypedStep::Kind::Delta;
        t.delta = {*dx, *dy};
        return t;
    }
    const auto len = parse_length(text);
    if (!len) return std::nullopt;
    t.length = *len;
    return t;
}

Vec2 typed_step_point(const TypedStep& step, Vec2 from, std::optional<Vec2> cursor) {
    switch (step.kind) {
    case TypedStep::Kind::Polar: {
        const double a = step.angle_deg * std::numbers::pi / 180.0;
        return {from.x + step.length * std::cos(a), from.y + step.length * std::sin(a)};
    }
    case TypedStep::Kind::Delta: return from + step.delta;
    case TypedStep::Kind::Length: break;
    }
    return point_at_length(from, cursor.value_or(Vec2{from.x + 1, from.y}), step.length);
}

std::vector<Vec2> rectangle(Vec2 a, Vec2 b) {
    const double x0 = std::min(a.x, b.x), x1 = std::max(a.x, b.x), y0 = std::min(a.y, b.y), y1 = std::max(a.y, b.y);
    if (x1 - x0 < kEps || y1 - y0 < kEps) return {};
    return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}};
}

std::vector<Vec2> room_polygon(std::vector<Vec2> c, std::string* why) {
    auto fail = [&](const char* key) {
        if (why) *why = key;
        return std::vector<Vec2>{};
    };
    std::vector<Vec2> p;
    for (const auto& v : c)
        if (p.empty() || plan::length(v - p.back()) > kEps) p.push_back(v);
    while (p.size() > 1 && plan::length(p.front() - p.back()) <= kEps) p.pop_back();
    if (p.size() < 3) return fail("editor.draw.err.few_corners");
    if (plan::polygon_self_intersects(p)) return fail("editor.draw.err.self_intersects");
    if (plan::polygon_area(p) < 1e-4) return fail("editor.draw.err.no_area");
    if (plan::signed_area(p) < 0) std::reverse(p.begin(), p.end());
    return p;
}

std::vector<Vec2> wall_loop_around(const plan::Level& level, Vec2 p) {
    const auto segs = wall_segments(level);
    // Vertices (merged within kEps) and the undirected edges between them, walls split where they meet.
    std::vector<Vec2> verts;
    auto vertex = [&](Vec2 q) {
        for (std::size_t i = 0; i < verts.size(); ++i)
            if (plan::length(verts[i] - q) <= 1e-5) return i;
        verts.push_back(q);
        return verts.size() - 1;
    };
    std::vector<std::pair<std::size_t, std::size_t>> edges;
    for (std::size_t i = 0; i < segs.size(); ++i) {
        const Vec2 a = segs[i].a, r = segs[i].b - segs[i].a;
        const double len = plan::length(r);
        std::vector<double> ts{0.0, 1.0};
        for (std::size_t j = 0; j < segs.size(); ++j) {
            if (j == i) continue;
            const Vec2 q = segs[j].a, s = segs[j].b - segs[j].a;
            const double den = cross(r, s);
            if (std::abs(den) > 1e-12 * len * plan::length(s)) {
                const double t = cross(q - a, s) / den, u = cross(q - a, r) / den;
                const double et = kEps / len, eu = kEps / plan::length(s);
                if (t >= -et && t <= 1 + et && u >= -eu && u <= 1 + eu) ts.push_back(std::clamp(t, 0.0, 1.0));
            } else if (std::abs(cross(q - a, r)) / len <= kEps) {
                // Collinear: the other segment's ends that lie on this one split it.
                for (const Vec2 e : {segs[j].a, segs[j].b}) {
                    const double t = dot(e - a, r) / (len * len);
                    if (t > 0 && t < 1) ts.push_back(t);
                }
            }
        }
        std::sort(ts.begin(), ts.end());
        std::size_t prev = vertex(a);
        for (std::size_t k = 1; k < ts.size(); ++k) {
            const std::size_t v = vertex(ts[k] >= 1.0 ? segs[i].b : a + r * ts[k]);
            if (v != prev) edges.emplace_back(std::min(prev, v), std::max(prev, v));
            prev = v;
        }
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    std::vector<std::vector<std::size_t>> adj(verts.size());
    for (auto [u, v] : edges) {
        adj[u].push_back(v);
        adj[v].push_back(u);
    }
    // Dangling pieces bound no face.
    for (bool pruned = true; pruned;) {
        pruned = false;
        for (std::size_t v = 0; v < adj.size(); ++v)
            if (adj[v].size() == 1) {
                const std::size_t u = adj[v][0];
                std::erase(adj[u], v);
                adj[v].clear();
                pruned = true;
            }
    }
    auto angle = [&](std::size_t from, std::size_t to) {
        return std::atan2(verts[to].y - verts[from].y, verts[to].x - verts[from].x);
    };
    for (std::size_t v = 0; v < adj.size(); ++v)
        std::sort(adj[v].begin(), adj[v].end(), [&](std::size_t x, std::size_t y) { return angle(v, x) < angle(v, y); });
    // Faces with the face on the left of each half-edge: bounded faces come out counter-clockwise.
    std::vector<std::vector<bool>> used(verts.size());
    for (std::size_t v = 0; v < adj.size(); ++v) used[v].assign(adj[v].size(), false);
    std::vector<Vec2> best;
    double best_area = std::numeric_limits<double>::infinity();
    for (std::size_t s = 0; s < adj.size(); ++s)
        for (std::size_t k = 0; k < adj[s].size(); ++k) {
            if (used[s][k]) continue;
            std::vector<Vec2> face;
            std::size_t u = s, ki = k;
            while (!used[u][ki]) {
                used[u][ki] = true;
                face.push_back(verts[u]);
                const std::size_t v = adj[u][ki];
                // At v, the next edge is the one just clockwise of the way back to u.
                const auto& nb = adj[v];
                const std::size_t back = static_cast<std::size_t>(std::find(nb.begin(), nb.end(), u) - nb.begin());
                ki = (back + nb.size() - 1) % nb.size();
                u = v;
            }
            const double area = plan::signed_area(face);
            if (area > 1e-9 && area < best_area && plan::point_in_polygon(p, face)) {
                best_area = area;
                best = std::move(face);
            }
        }
    // Drop corners where the loop runs straight on (a wall split by a T-junction on the outside).
    std::vector<Vec2> out;
    for (std::size_t i = 0; i < best.size(); ++i) {
        const Vec2 a = best[(i + best.size() - 1) % best.size()], b = best[i], c = best[(i + 1) % best.size()];
        if (std::abs(cross(b - a, c - b)) > 1e-9) out.push_back(tidy(b));
    }
    return out;
}

std::optional<WallHit> nearest_wall(const plan::Level& level, Vec2 p, double margin) {
    std::optional<WallHit> best;
    for (const auto& w : level.walls) {
        double start = 0;
        for (std::size_t i = 1; i < w.points.size(); ++i) {
            const Vec2 a = w.points[i - 1], b = w.points[i];
            const double len = plan::length(b - a);
            if (len <= kEps) continue;
            const double t = project_t(p, a, b);
            const double d = plan::length(p - (a + (b - a) * t));
            if (d <= w.thickness / 2 + margin && (!best || d < best->distance)) best = WallHit{w.id, start + t * len, d};
            start += len;
        }
    }
    return best;
}

std::string opening_misfit(const plan::Level& level, const std::string& wall, double offset, double width,
                           const std::string& ignore) {
    const plan::Wall* w = plan::find_wall(level, wall);
    if (!w) return "editor.draw.err.no_wall";
    if (!(width > 0)) return "editor.draw.err.bad_width";
    const double lo = offset - width / 2, hi = offset + width / 2;
    bool on_segment = false;
    double start = 0;
    for (std::size_t i = 1; i < w->points.size(); ++i) {
        const double len = plan::length(w->points[i] - w->points[i - 1]);
        if (len <= kEps) continue;
        if (lo >= start - 1e-9 && hi <= start + len + 1e-9) on_segment = true;
        start += len;
    }
    if (!on_segment) return "editor.draw.err.off_segment";
    for (const auto& o : level.openings)
        if (o.wall == wall && o.id != ignore && std::abs(o.offset - offset) < (o.width + width) / 2 - 1e-9)
            return "editor.draw.err.overlap";
    return {};
}

std::optional<std::pair<Vec2, Vec2>> opening_ends(const plan::Level& level, const plan::Opening& o) {
    const plan::Wall* w = plan::find_wall(level, o.wall);
    if (!w) return std::nullopt;
    const auto at = plan::point_along_polyline(w->points, o.offset);
    if (!at) return std::nullopt;
    return std::pair{at->point - at->direction * (o.width / 2), at->point + at->direction * (o.width / 2)};
}

std::vector<std::vector<Vec2>> door_swing(const plan::Level& level, const plan::Opening& o, int arc_steps) {
    std::vector<std::vector<Vec2>> out;
    if (o.kind == plan::OpeningKind::Window) return out;
    const plan::Wall* w = plan::find_wall(level, o.wall);
    const auto ends = opening_ends(level, o);
    if (!w || !ends) return out;
    const Vec2 d = (ends->second - ends->first) * (1.0 / std::max(o.width, kEps));
    // The side the leaves open towards (the wall's left normal for WallSide::Left).
    const Vec2 n = Vec2{-d.y, d.x} * (o.opens_to == plan::WallSide::Left ? 1.0 : -1.0);
    // Seen from the wall's left side facing the wall, the far end along the wall is on the left.
    auto leaf = [&](Vec2 hinge, Vec2 closed_dir, double len) {
        const Vec2 base = hinge + n * (w->thickness / 2);
        out.push_back({base, base + n * len});
        std::vector<Vec2> arc;
        for (int i = 0; i <= arc_steps; ++i) {
            const double a = (std::numbers::pi / 2) * i / arc_steps;
            arc.push_back(base + (closed_dir * std::cos(a) + n * std::sin(a)) * len);
        }
        out.push_back(std::move(arc));
    };
    switch (o.swing) {
    case plan::DoorSwing::Left: leaf(ends->second, d * -1.0, o.width); break;
    case plan::DoorSwing::Right: leaf(ends->first, d, o.width); break;
    case plan::DoorSwing::Double:
        leaf(ends->second, d * -1.0, o.width / 2);
        leaf(ends->first, d, o.width / 2);
        break;
    default: break;
    }
    return out;
}

}  // namespace shuxiang::editor::draw
