#include "shuxiang/plan/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <set>

namespace shuxiang::plan {
namespace {

constexpr double kEps = 1e-9;

// Unit vector of an angle in degrees, exact for multiples of 90° as in world_footprint(), so that the
// axes of axis-aligned plans carry no 6e-17 residue into widths.
Vec2 unit_deg(double deg) {
    double r = std::fmod(deg, 360.0);
    if (r < 0) r += 360.0;
    if (r == 0) return {1, 0};
    if (r == 90) return {0, 1};
    if (r == 180) return {-1, 0};
    if (r == 270) return {0, -1};
    const double rad = r * std::numbers::pi / 180.0;
    return {std::cos(rad), std::sin(rad)};
}

struct Interval {
    double lo = std::numeric_limits<double>::infinity();
    double hi = -std::numeric_limits<double>::infinity();
};

Interval project(const std::vector<Vec2>& poly, Vec2 axis) {
    Interval r;
    for (const Vec2& p : poly) {
        const double t = dot(p, axis);
        r.lo = std::min(r.lo, t);
        r.hi = std::max(r.hi, t);
    }
    return r;
}

// Rooms of a level, each with its area computed once.
struct RoomIndex {
    const Level* level;
    std::vector<double> areas;
    explicit RoomIndex(const Level& l) : level(&l) {
        for (const Room& r : l.rooms) areas.push_back(polygon_area(r.polygon));
    }
    int at(Vec2 p) const {
        int best = -1;
        for (std::size_t i = 0; i < level->rooms.size(); ++i) {
            const Room& r = level->rooms[i];
            if (r.polygon.size() < 3 || !point_in_polygon(p, r.polygon)) continue;
            if (best < 0 || areas[i] < areas[static_cast<std::size_t>(best)]) best = static_cast<int>(i);
        }
        return best;
    }
    // Index of the smallest other room that wholly contains room i, or -1.
    int container(std::size_t i) const {
        const Room& r = level->rooms[i];
        int best = -1;
        for (std::size_t j = 0; j < level->rooms.size(); ++j) {
            if (j == i || level->rooms[j].polygon.size() < 3 || r.polygon.size() < 3) continue;
            // A room of equal area could only contain this one by being the same shape; skip it so that
            // two copies do not contain each other.
            if (areas[j] <= areas[i] + kEps) continue;
            const auto& outer = level->rooms[j].polygon;
            const bool all_in = std::all_of(r.polygon.begin(), r.polygon.end(),
                                            [&](Vec2 p) { return point_in_polygon(p, outer); });
            if (!all_in) continue;
            if (best < 0 || areas[j] < areas[static_cast<std::size_t>(best)]) best = static_cast<int>(j);
        }
        return best;
    }
};

Vec2 canonical_direction(Vec2 d) {
    if (d.x < -kEps || (std::abs(d.x) <= kEps && d.y < 0)) d = d * -1.0;
    if (std::abs(d.x) < 1e-12) d.x = 0;
    if (std::abs(d.y) < 1e-12) d.y = 0;
    return d;
}

// Difference of two directions modulo 90°, in [0, 45].
double axis_difference_deg(double a, double b) {
    double d = std::fmod(std::abs(a - b), 90.0);
    return std::min(d, 90.0 - d);
}

}  // namespace

// ---------------------------------------------------------------- basic 2D helpers

double length(Vec2 v) { return std::hypot(v.x, v.y); }

double signed_area(const std::vector<Vec2>& poly) {
    const std::size_t n = poly.size();
    if (n < 3) return 0;
    double s = 0;
    for (std::size_t i = 0; i < n; ++i) s += cross(poly[i], poly[(i + 1) % n]);
    return s / 2;
}

double polygon_area(const std::vector<Vec2>& poly) { return std::abs(signed_area(poly)); }

Vec2 polygon_centroid(const std::vector<Vec2>& poly) {
    const std::size_t n = poly.size();
    if (n == 0) return {};
    const double a = signed_area(poly);
    if (std::abs(a) < kEps) {
        Vec2 m;
        for (const Vec2& p : poly) m = m + p;
        return m * (1.0 / static_cast<double>(n));
    }
    double cx = 0, cy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const Vec2 p = poly[i], q = poly[(i + 1) % n];
        const double c = cross(p, q);
        cx += (p.x + q.x) * c;
        cy += (p.y + q.y) * c;
    }
    return {cx / (6 * a), cy / (6 * a)};
}

double point_segment_distance(Vec2 p, Vec2 a, Vec2 b) {
    const Vec2 ab = b - a;
    const double l2 = dot(ab, ab);
    if (l2 <= 0) return length(p - a);
    const double t = std::clamp(dot(p - a, ab) / l2, 0.0, 1.0);
    return length(p - (a + ab * t));
}

bool point_in_polygon(Vec2 p, const std::vector<Vec2>& poly) {
    const std::size_t n = poly.size();
    if (n < 3) return false;
    for (std::size_t i = 0; i < n; ++i)
        if (point_segment_distance(p, poly[i], poly[(i + 1) % n]) <= 1e-9) return true;
    bool inside = false;
    for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
        const Vec2 a = poly[i], b = poly[j];
        if ((a.y > p.y) != (b.y > p.y)) {
            const double x = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y);
            if (p.x < x) inside = !inside;
        }
    }
    return inside;
}

bool segments_intersect(Vec2 a, Vec2 b, Vec2 c, Vec2 d) {
    auto orient = [](Vec2 p, Vec2 q, Vec2 r) {
        const double v = cross(q - p, r - p);
        return v > kEps ? 1 : (v < -kEps ? -1 : 0);
    };
    auto on_segment = [](Vec2 p, Vec2 q, Vec2 r) {  // r collinear with pq: is it between?
        return std::min(p.x, q.x) - kEps <= r.x && r.x <= std::max(p.x, q.x) + kEps &&
               std::min(p.y, q.y) - kEps <= r.y && r.y <= std::max(p.y, q.y) + kEps;
    };
    const int o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
    if (o1 != o2 && o3 != o4) return true;
    if (o1 == 0 && on_segment(a, b, c)) return true;
    if (o2 == 0 && on_segment(a, b, d)) return true;
    if (o3 == 0 && on_segment(c, d, a)) return true;
    if (o4 == 0 && on_segment(c, d, b)) return true;
    return false;
}

bool polygon_self_intersects(const std::vector<Vec2>& poly) {
    const std::size_t n = poly.size();
    if (n < 4) return false;
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = i + 1; j < n; ++j) {
            // Adjacent edges share a vertex by construction.
            if (j == i + 1 || (i == 0 && j == n - 1)) continue;
            if (segments_intersect(poly[i], poly[(i + 1) % n], poly[j], poly[(j + 1) % n])) return true;
        }
    }
    return false;
}

std::vector<Vec2> convex_hull(std::vector<Vec2> pts) {
    std::sort(pts.begin(), pts.end(), [](Vec2 a, Vec2 b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
    pts.erase(std::unique(pts.begin(), pts.end()), pts.end());
    if (pts.size() < 3) return pts;
    std::vector<Vec2> h(2 * pts.size());
    std::size_t k = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {  // lower hull
        while (k >= 2 && cross(h[k - 1] - h[k - 2], pts[i] - h[k - 2]) <= kEps) --k;
        h[k++] = pts[i];
    }
    for (std::size_t i = pts.size() - 1, t = k + 1; i-- > 0;) {  // upper hull
        while (k >= t && cross(h[k - 1] - h[k - 2], pts[i] - h[k - 2]) <= kEps) --k;
        h[k++] = pts[i];
    }
    h.resize(k - 1);
    return h;
}

double polyline_length(const std::vector<Vec2>& pts) {
    double s = 0;
    for (std::size_t i = 1; i < pts.size(); ++i) s += length(pts[i] - pts[i - 1]);
    return s;
}

std::optional<PolylinePoint> point_along_polyline(const std::vector<Vec2>& pts, double offset) {
    // Skip zero-length segments: they have no direction.
    std::vector<std::size_t> segs;
    for (std::size_t i = 1; i < pts.size(); ++i)
        if (length(pts[i] - pts[i - 1]) > kEps) segs.push_back(i);
    if (segs.empty()) return std::nullopt;
    double remaining = std::max(0.0, offset);
    for (std::size_t k = 0; k < segs.size(); ++k) {
        const Vec2 a = pts[segs[k] - 1], b = pts[segs[k]];
        const double len = length(b - a);
        const Vec2 dir = (b - a) * (1.0 / len);
        if (remaining <= len || k + 1 == segs.size()) {
            const double t = std::min(remaining, len);
            return PolylinePoint{a + dir * t, dir};
        }
        remaining -= len;
    }
    return std::nullopt;  // not reached
}

double convex_overlap_depth(const std::vector<Vec2>& a, const std::vector<Vec2>& b) {
    if (a.size() < 3 || b.size() < 3) return 0;
    double depth = std::numeric_limits<double>::infinity();
    for (const auto* poly : {&a, &b}) {
        const std::size_t n = poly->size();
        for (std::size_t i = 0; i < n; ++i) {
            const Vec2 e = (*poly)[(i + 1) % n] - (*poly)[i];
            const double len = length(e);
            if (len <= kEps) continue;
            const Vec2 axis{-e.y / len, e.x / len};
            const Interval pa = project(a, axis), pb = project(b, axis);
            const double overlap = std::min(pa.hi, pb.hi) - std::max(pa.lo, pb.lo);
            if (overlap <= 0) return overlap;  // a separating axis: the gap as a negative depth
            // When one projection contains the other, pushing apart takes the shorter way out.
            const double push = std::min(pa.hi - pb.lo, pb.hi - pa.lo);
            depth = std::min(depth, push);
        }
    }
    return depth;
}

std::vector<Vec2> wall_segment_polygon(Vec2 a, Vec2 b, double thickness) {
    const double len = length(b - a);
    if (len <= kEps) return {};
    const Vec2 d = (b - a) * (1.0 / len);
    const Vec2 n{-d.y * thickness / 2, d.x * thickness / 2};
    return {a - n, b - n, b + n, a + n};
}

// ---------------------------------------------------------------- rooms

bool is_shelving(FurnitureCategory c) {
    return c == FurnitureCategory::ShelvingSingle || c == FurnitureCategory::ShelvingDouble;
}

const Room* room_at(const Level& level, Vec2 p) {
    const int i = RoomIndex(level).at(p);
    return i < 0 ? nullptr : &level.rooms[static_cast<std::size_t>(i)];
}

const Room* room_of(const Level& level, const Furniture& f) { return room_at(level, f.position); }

namespace {

// Half the thickness of a wall whose centre line carries the edge ab, 0 when none does.
double wall_inset(const Level& level, Vec2 a, Vec2 b) {
    constexpr double kOn = 1e-6;
    double best = 0;
    for (const Wall& w : level.walls)
        for (std::size_t i = 1; i < w.points.size(); ++i) {
            const Vec2 p = w.points[i - 1], q = w.points[i];
            if (point_segment_distance(a, p, q) <= kOn && point_segment_distance(b, p, q) <= kOn)
                best = std::max(best, w.thickness / 2);
        }
    return best;
}

}  // namespace

std::vector<Vec2> room_floor_polygon(const Level& level, const Room& room) {
    const auto& poly = room.polygon;
    const std::size_t n = poly.size();
    if (n < 3) return poly;
    const double sign = signed_area(poly) >= 0 ? 1.0 : -1.0;  // inward is the left normal when counter-clockwise
    struct Line {
        Vec2 p, d;
    };
    std::vector<Line> lines(n);
    bool moved = false;
    for (std::size_t i = 0; i < n; ++i) {
        const Vec2 a = poly[i], b = poly[(i + 1) % n];
        const double len = length(b - a);
        const Vec2 d = len > kEps ? (b - a) * (1.0 / len) : Vec2{1, 0};
        const double inset = len > kEps ? wall_inset(level, a, b) : 0;
        moved = moved || inset > 0;
        lines[i] = {a + Vec2{-d.y, d.x} * (sign * inset), d};
    }
    if (!moved) return poly;
    std::vector<Vec2> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Line& prev = lines[(i + n - 1) % n];
        const Line& next = lines[i];
        const double den = cross(prev.d, next.d);
        if (std::abs(den) < 1e-12) {
            out[i] = next.p;  // collinear edges: the vertex moves with them
            continue;
        }
        const double t = cross(next.p - prev.p, next.d) / den;
        out[i] = prev.p + prev.d * t;
    }
    return out;
}

double room_area(const Level& level, const Room& room) { return polygon_area(room_floor_polygon(level, room)); }

namespace {

std::vector<RoomStats> level_room_stats(const Level& level, const FurnitureCatalog& catalog) {
    const RoomIndex index(level);
    std::vector<RoomStats> out;
    for (std::size_t i = 0; i < level.rooms.size(); ++i) {
        const Room& r = level.rooms[i];
        RoomStats s;
        s.level = level.id;
        s.room = r.id;
        s.name = r.name;
        s.kind = r.kind;
        s.area = room_area(level, r);
        const int c = index.container(i);
        if (c >= 0) s.inside = level.rooms[static_cast<std::size_t>(c)].id;
        out.push_back(std::move(s));
    }
    for (const Furniture& f : level.furniture) {
        const int i = index.at(f.position);
        if (i < 0) continue;
        const FurnitureType* t = catalog.find(f.type);
        if (!t) continue;
        RoomStats& s = out[static_cast<std::size_t>(i)];
        s.seats += t->seats;
        if (t->holds_books()) s.shelf_metres += shelf_metres(f, *t);
        s.furniture += 1;
        s.counts[t->category] += 1;
    }
    return out;
}

}  // namespace

RoomStats room_stats(const Level& level, const Room& room, const FurnitureCatalog& catalog) {
    for (RoomStats& s : level_room_stats(level, catalog))
        if (s.room == room.id) return s;
    return {};
}

std::vector<RoomStats> room_stats(const Plan& plan, const FurnitureCatalog& catalog) {
    std::vector<RoomStats> out;
    for (const Level& l : plan.levels) {
        auto s = level_room_stats(l, catalog);
        out.insert(out.end(), std::make_move_iterator(s.begin()), std::make_move_iterator(s.end()));
    }
    return out;
}

// ---------------------------------------------------------------- furniture overlaps

std::vector<Overlap> furniture_overlaps(const Plan& plan, const FurnitureCatalog& catalog, double tolerance) {
    std::vector<Overlap> out;
    for (const Level& level : plan.levels) {
        struct Item {
            const Furniture* f;
            std::vector<Vec2> hull;
            Interval bx, by;
        };
        std::vector<Item> items;
        for (const Furniture& f : level.furniture) {
            const FurnitureType* t = catalog.find(f.type);
            if (!t) continue;
            Item it{&f, convex_hull(world_footprint(f, *t)), {}, {}};
            it.bx = project(it.hull, {1, 0});
            it.by = project(it.hull, {0, 1});
            items.push_back(std::move(it));
        }
        for (std::size_t i = 0; i < items.size(); ++i) {
            for (std::size_t j = i + 1; j < items.size(); ++j) {
                const Item &a = items[i], &b = items[j];
                // Bounding boxes that only touch cannot hide an overlap deeper than the tolerance.
                if (a.bx.hi <= b.bx.lo || b.bx.hi <= a.bx.lo || a.by.hi <= b.by.lo || b.by.hi <= a.by.lo)
                    continue;
                const double d = convex_overlap_depth(a.hull, b.hull);
                if (d > tolerance) out.push_back({level.id, a.f->id, b.f->id, d});
            }
        }
    }
    return out;
}

// ---------------------------------------------------------------- aisles

std::vector<Aisle> aisles(const Plan& plan, const FurnitureCatalog& catalog, const AisleOptions& opt) {
    std::vector<Aisle> out;
    for (const Level& level : plan.levels) {
        struct Obj {
            std::string id;
            bool wall = false;
            double angle_deg = 0;  // direction of its sides
            std::vector<Vec2> poly;
        };
        std::vector<Obj> shelves, walls;
        for (const Furniture& f : level.furniture) {
            const FurnitureType* t = catalog.find(f.type);
            if (!t || !is_shelving(t->category)) continue;
            shelves.push_back({f.id, false, f.yaw_deg, convex_hull(world_footprint(f, *t))});
        }
        for (const Wall& w : level.walls) {
            for (std::size_t i = 1; i < w.points.size(); ++i) {
                auto poly = wall_segment_polygon(w.points[i - 1], w.points[i], w.thickness);
                if (poly.empty()) continue;
                const Vec2 d = w.points[i] - w.points[i - 1];
                walls.push_back({w.id, true, std::atan2(d.y, d.x) * 180.0 / std::numbers::pi, std::move(poly)});
            }
        }

        // Nothing else may enter the clear rectangle between the two faces.
        auto blocked = [&](const std::vector<Vec2>& rect, const Obj* s, const Obj* o) {
            for (const auto* group : {&shelves, &walls})
                for (const Obj& x : *group) {
                    if (&x == s || &x == o) continue;
                    if (convex_overlap_depth(rect, x.poly) > 1e-6) return true;
                }
            return false;
        };

        std::vector<Aisle> level_out;
        auto consider = [&](const Obj& s, const Obj& o) {
            if (axis_difference_deg(s.angle_deg, o.angle_deg) > opt.angle_tolerance_deg) return;
            const Vec2 u = unit_deg(s.angle_deg), v{-u.y, u.x};
            for (int k = 0; k < 2; ++k) {
                const Vec2 along = k == 0 ? u : v, across = k == 0 ? v : u;
                const Interval sa = project(s.poly, along), oa = project(o.poly, along);
                const double lo = std::max(sa.lo, oa.lo), hi = std::min(sa.hi, oa.hi);
                if (hi - lo < opt.min_length) continue;
                const Interval sc = project(s.poly, across), oc = project(o.poly, across);
                double g0, g1;  // the gap across, from g0 to g1
                if (oc.lo >= sc.hi) {
                    g0 = sc.hi;
                    g1 = oc.lo;
                } else if (sc.lo >= oc.hi) {
                    g0 = oc.hi;
                    g1 = sc.lo;
                } else {
                    continue;  // they overlap across: no gap
                }
                const double width = g1 - g0;
                if (width <= 1e-6 || width > opt.max_width + 1e-9) continue;
                auto at = [&](double t_along, double t_across) { return along * t_along + across * t_across; };
                const std::vector<Vec2> rect{at(lo, g0), at(hi, g0), at(hi, g1), at(lo, g1)};
                if (blocked(rect, &s, &o)) continue;
                // A gap at the end of a range (measured along a range's length) that a wall closes at
                // one side is a recess (two wall shelves with a gap between them, a shelf end in a
                // corner), not a passage. Ranges end to end in open floor keep their cross aisle.
                const bool end_gap = std::abs(dot(across, u)) > 0.5 ||
                                     (!o.wall && std::abs(dot(across, unit_deg(o.angle_deg))) > 0.5);
                if (end_gap) {
                    constexpr double kProbe = 0.05, kInset = 1e-3;
                    const double c0 = g0 + kInset, c1 = g1 - kInset;
                    const std::vector<Vec2> before{at(lo - kProbe, c0), at(lo, c0), at(lo, c1), at(lo - kProbe, c1)};
                    const std::vector<Vec2> after{at(hi, c0), at(hi + kProbe, c0), at(hi + kProbe, c1), at(hi, c1)};
                    const bool closed = std::any_of(walls.begin(), walls.end(), [&](const Obj& w) {
                        return &w != &o && (convex_overlap_depth(before, w.poly) > 1e-6 ||
                                            convex_overlap_depth(after, w.poly) > 1e-6);
                    });
                    if (closed) continue;
                }
                Aisle ai;
                ai.level = level.id;
                ai.a = s.id;
                ai.b = o.id;
                ai.b_is_wall = o.wall;
                ai.width = width;
                ai.length = hi - lo;
                ai.midpoint = at((lo + hi) / 2, (g0 + g1) / 2);
                ai.direction = canonical_direction(along);
                level_out.push_back(std::move(ai));
            }
        };
        for (std::size_t i = 0; i < shelves.size(); ++i) {
            for (std::size_t j = i + 1; j < shelves.size(); ++j) consider(shelves[i], shelves[j]);
            for (const Obj& w : walls) consider(shelves[i], w);
        }
        // A wall drawn as several collinear segments would report the same aisle per segment: keep the
        // narrowest per (shelving, wall, direction).
        std::vector<Aisle> kept;
        for (Aisle& a : level_out) {
            auto same = std::find_if(kept.begin(), kept.end(), [&](const Aisle& k) {
                return k.b_is_wall && a.b_is_wall && k.a == a.a && k.b == a.b &&
                       std::abs(dot(k.direction, a.direction)) > 0.999;
            });
            if (same == kept.end()) kept.push_back(std::move(a));
            else if (a.width < same->width) *same = std::move(a);
        }
        out.insert(out.end(), std::make_move_iterator(kept.begin()), std::make_move_iterator(kept.end()));
    }
    return out;
}

// ---------------------------------------------------------------- reachability

std::optional<DoorSides> door_sides(const Level& level, const Opening& opening) {
    const Wall* w = find_wall(level, opening.wall);
    if (!w) return std::nullopt;
    const auto at = point_along_polyline(w->points, opening.offset);
    if (!at) return std::nullopt;
    const Vec2 n{-at->direction.y, at->direction.x};
    const double probe = w->thickness / 2 + 0.1;
    DoorSides s;
    s.left = room_at(level, at->point + n * probe);
    s.right = room_at(level, at->point - n * probe);
    return s;
}

Reachability reachability(const Plan& plan) {
    Reachability out;
    for (const Level& level : plan.levels) {
        const std::size_t n = level.rooms.size();
        const RoomIndex index(level);
        std::vector<std::vector<std::size_t>> adj(n);
        std::vector<std::size_t> seeds;
        auto idx = [&](const Room* r) { return static_cast<std::size_t>(r - level.rooms.data()); };
        bool has_entrance = false;
        for (const Opening& o : level.openings) {
            if (o.kind == OpeningKind::Window) continue;
            const auto sides = door_sides(level, o);
            if (o.entrance) has_entrance = true;
            if (!sides) continue;
            if (o.entrance) {
                if (sides->left) seeds.push_back(idx(sides->left));
                if (sides->right) seeds.push_back(idx(sides->right));
            }
            if (sides->left && sides->right && sides->left != sides->right) {
                adj[idx(sides->left)].push_back(idx(sides->right));
                adj[idx(sides->right)].push_back(idx(sides->left));
            }
        }
        if (!has_entrance) {
            out.levels_without_entrance.push_back(level.id);
            continue;
        }
        for (std::size_t i = 0; i < n; ++i) {
            const int c = index.container(i);
            if (c < 0) continue;
            adj[i].push_back(static_cast<std::size_t>(c));
            adj[static_cast<std::size_t>(c)].push_back(i);
        }
        std::vector<bool> seen(n, false);
        std::vector<std::size_t> stack = seeds;
        while (!stack.empty()) {
            const std::size_t r = stack.back();
            stack.pop_back();
            if (seen[r]) continue;
            seen[r] = true;
            for (std::size_t q : adj[r])
                if (!seen[q]) stack.push_back(q);
        }
        for (std::size_t i = 0; i < n; ++i)
            (seen[i] ? out.reachable : out.unreachable).push_back({level.id, level.rooms[i].id});
    }
    return out;
}

// ---------------------------------------------------------------- door leaves

std::vector<std::vector<Vec2>> door_leaf_sweeps(const Level& level, const Opening& o, int arc_steps) {
    std::vector<std::vector<Vec2>> out;
    if (o.kind == OpeningKind::Window) return out;
    const Wall* w = find_wall(level, o.wall);
    const auto at = w ? point_along_polyline(w->points, o.offset) : std::nullopt;
    if (!at) return out;
    const Vec2 d = at->direction;
    const Vec2 n = Vec2{-d.y, d.x} * (o.opens_to == WallSide::Left ? 1.0 : -1.0);
    // The hinge at one jamb, the leaf closed along the wall towards the other jamb.
    auto leaf = [&](Vec2 jamb, Vec2 closed, double len) {
        const Vec2 hinge = jamb + n * (w->thickness / 2);
        std::vector<Vec2> poly{hinge};
        for (int i = 0; i <= arc_steps; ++i) {
            const double a = (std::numbers::pi / 2) * i / std::max(arc_steps, 1);
            poly.push_back(hinge + (closed * std::cos(a) + n * std::sin(a)) * len);
        }
        out.push_back(std::move(poly));
    };
    const Vec2 far = at->point + d * (o.width / 2), near = at->point - d * (o.width / 2);
    switch (o.swing) {
        case DoorSwing::Left: leaf(far, d * -1.0, o.width); break;
        case DoorSwing::Right: leaf(near, d, o.width); break;
        case DoorSwing::Double:
            leaf(far, d * -1.0, o.width / 2);
            leaf(near, d, o.width / 2);
            break;
        default: break;
    }
    return out;
}

// ---------------------------------------------------------------- whole-plan summary

PlanSummary summarize(const Plan& plan, const FurnitureCatalog& catalog) {
    PlanSummary s;
    s.school = plan.school;
    s.levels = plan.levels.size();
    s.rooms = room_stats(plan, catalog);
    for (const RoomStats& r : s.rooms) {
        if (r.inside.empty()) s.total_area += r.area;
        s.total_seats += r.seats;
        s.total_shelf_metres += r.shelf_metres;
    }
    std::set<std::string> unknown;
    for (const Level& l : plan.levels) {
        const RoomIndex index(l);
        for (const Furniture& f : l.furniture) {
            ++s.furniture;
            if (!catalog.find(f.type)) unknown.insert(f.type);
            if (index.at(f.position) < 0) ++s.furniture_outside_rooms;
        }
    }
    s.unknown_types.assign(unknown.begin(), unknown.end());
    s.aisles = aisles(plan, catalog);
    for (const Aisle& a : s.aisles)
        if (!s.min_aisle_width || a.width < *s.min_aisle_width) s.min_aisle_width = a.width;
    s.overlaps = furniture_overlaps(plan, catalog);
    s.reach = reachability(plan);
    return s;
}

StairFrame stair_frame(const Stair& s) {
    StairFrame f;
    const Vec2 d = s.head - s.foot;
    f.length = length(d);
    if (f.length > 1e-12) f.axis = d * (1.0 / f.length);
    f.across = {-f.axis.y, f.axis.x};
    return f;
}

std::vector<Vec2> stair_footprint(const Stair& s) {
    const StairFrame f = stair_frame(s);
    const Vec2 h = f.across * (s.width / 2);
    return {s.foot - h, s.head - h, s.head + h, s.foot + h};
}

}  // namespace shuxiang::plan
