#include <shuxiang/walkable/building.hpp>

#include <shuxiang/plan/geometry.hpp>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace shuxiang::walkable {

namespace {

using geometry::Vec2;

constexpr double kGap = 10.0;        // m between level copies in the plane
constexpr double kRail = 0.1;        // m, thickness of the walls along a flight (handrails, balustrade)
constexpr double kPocket = 0.9;      // m of the flight's copy beyond its head (the walker's last step up)
constexpr double kUpGate = 0.5;      // m beyond the head: a walker going up is within 0.5 m of it at the head
constexpr double kDownGate = 0.6;    // m beyond the head on the upper landing
constexpr double kLowerArrival = 0.45;
constexpr double kUpperArrival = 0.45;

Vec2 g(plan::Vec2 v) { return {v.x, v.y}; }

plan::Vec2 shift(plan::Vec2 v, Vec2 d) { return {v.x + d.x, v.y + d.y}; }

geometry::Box level_box(const plan::Level& l) {
    geometry::Box b{{1e300, 1e300}, {-1e300, -1e300}};
    auto grow = [&](plan::Vec2 v) {
        b.min.x = std::min(b.min.x, v.x);
        b.min.y = std::min(b.min.y, v.y);
        b.max.x = std::max(b.max.x, v.x);
        b.max.y = std::max(b.max.y, v.y);
    };
    for (const auto& r : l.rooms)
        for (auto v : r.polygon) grow(v);
    for (const auto& w : l.walls)
        for (auto v : w.points) grow(v);
    if (b.min.x > b.max.x) b = {{0, 0}, {0, 0}};
    // Room for the exit areas beyond the outer walls.
    b.min = b.min - Vec2{2, 2};
    b.max = b.max + Vec2{2, 2};
    return b;
}

// The level's objects moved by d; above the ground its ways out become plain doors.
void add_level(plan::Level& merged, const plan::Level& l, Vec2 d, bool upper) {
    for (auto r : l.rooms) {
        for (auto& v : r.polygon) v = shift(v, d);
        merged.rooms.push_back(std::move(r));
    }
    for (auto w : l.walls) {
        for (auto& v : w.points) v = shift(v, d);
        merged.walls.push_back(std::move(w));
    }
    for (auto o : l.openings) {
        if (upper) {
            o.entrance = false;
            if (o.kind == plan::OpeningKind::EmergencyExit) o.kind = plan::OpeningKind::Door;
        }
        merged.openings.push_back(std::move(o));
    }
    for (auto f : l.furniture) {
        f.position = shift(f.position, d);
        merged.furniture.push_back(std::move(f));
    }
}

geometry::Polygon rect(Vec2 a, Vec2 axis, Vec2 across, double along0, double along1, double side0, double side1) {
    return {a + axis * along0 + across * side0, a + axis * along1 + across * side0, a + axis * along1 + across * side1,
            a + axis * along0 + across * side1};
}

// The flight on the lower copy (floor between rails, closed beyond the pocket) and the stairwell on the
// upper copy (a void), with the gates.
StairWay lay_stair(const plan::Stair& s, const LevelPlace& lo, const LevelPlace& hi, int lo_i, int hi_i, PlanArea& out) {
    const plan::StairFrame f = plan::stair_frame(s);
    StairWay w;
    w.stair = s.id;
    w.lower = lo_i;
    w.upper = hi_i;
    w.axis = {f.axis.x, f.axis.y};
    w.across = {f.across.x, f.across.y};
    w.foot = g(s.foot) + lo.offset;
    w.head = g(s.head) + lo.offset;
    w.width = s.width;
    w.length = f.length;
    w.rise = s.rise;
    w.run = s.run;
    w.steps = s.steps;
    const double h = s.width / 2;
    w.flight = rect(w.foot, w.axis, w.across, 0, f.length, -h, h);
    out.area.add_accessible(rect(w.foot, w.axis, w.across, 0, f.length + kPocket, -h, h));
    for (double side : {-1.0, 1.0})
        out.area.add_obstacle(rect(w.foot, w.axis, w.across, 0.05, f.length + kPocket + kRail, side * h, side * (h + kRail)));
    out.area.add_obstacle(rect(w.foot, w.axis, w.across, f.length + kPocket, f.length + kPocket + kRail, -h - kRail, h + kRail));
    const Vec2 foot_hi = g(s.foot) + hi.offset, head_hi = g(s.head) + hi.offset;
    out.area.add_obstacle(rect(foot_hi, w.axis, w.across, -kRail, f.length, -h - kRail, h + kRail));
    w.up_gate = w.head + w.axis * kUpGate;
    w.lower_arrival = w.head + w.axis * kLowerArrival;
    w.down_gate = head_hi + w.axis * kDownGate;
    w.upper_arrival = head_hi + w.axis * kUpperArrival;
    return w;
}

}  // namespace

int BuildingArea::level_at(Vec2 p) const {
    for (std::size_t k = 0; k < levels.size(); ++k) {
        const auto& b = levels[k].box;
        if (p.x >= b.min.x && p.x <= b.max.x && p.y >= b.min.y && p.y <= b.max.y) return static_cast<int>(k);
    }
    return -1;
}

int BuildingArea::next_level(int from, int to) const {
    std::vector<int> parent(levels.size(), -2);
    std::deque<int> queue{from};
    parent[static_cast<std::size_t>(from)] = -1;
    while (!queue.empty()) {
        const int cur = queue.front();
        queue.pop_front();
        if (cur == to) break;
        for (const auto& s : stairs)
            for (int nb : {s.lower == cur ? s.upper : -1, s.upper == cur ? s.lower : -1})
                if (nb >= 0 && parent[static_cast<std::size_t>(nb)] == -2) {
                    parent[static_cast<std::size_t>(nb)] = cur;
                    queue.push_back(nb);
                }
    }
    if (parent[static_cast<std::size_t>(to)] == -2) return -1;
    int step = to;
    while (parent[static_cast<std::size_t>(step)] != from) step = parent[static_cast<std::size_t>(step)];
    return step;
}

std::vector<StairHop> BuildingArea::stair_hops(Vec2 from, int to, const HopCost& cost) const {
    std::vector<StairHop> out;
    int cur = level_at(from);
    if (cur < 0 || to < 0 || to >= static_cast<int>(levels.size())) return out;
    Vec2 at = from;
    while (cur != to) {
        const int next = next_level(cur, to);
        if (next < 0) return {};
        StairHop best{-1, true};
        double least = std::numeric_limits<double>::infinity();
        for (std::size_t k = 0; k < stairs.size(); ++k) {
            const StairWay& s = stairs[k];
            const bool up = s.lower == cur && s.upper == next;
            if (!up && !(s.upper == cur && s.lower == next)) continue;
            const double c = cost(at, s, up, next == to);
            if (c < least) {
                least = c;
                best = {static_cast<int>(k), up};
            }
        }
        if (best.stair < 0) return {};
        out.push_back(best);
        const StairWay& s = stairs[static_cast<std::size_t>(best.stair)];
        at = best.up ? s.upper_arrival : s.lower_arrival;
        cur = next;
    }
    return out;
}

std::vector<int> levels_joined(const plan::Plan& plan, int ground) {
    std::vector<bool> in(plan.levels.size(), false);
    std::vector<int> order{ground};
    in[static_cast<std::size_t>(ground)] = true;
    auto index = [&](const std::string& id) {
        for (std::size_t i = 0; i < plan.levels.size(); ++i)
            if (plan.levels[i].id == id) return static_cast<int>(i);
        return -1;
    };
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& s : plan.stairs) {
            const int a = index(s.from_level), b = index(s.to_level);
            if (a < 0 || b < 0 || a == b) continue;
            for (auto [x, y] : {std::pair{a, b}, std::pair{b, a}})
                if (in[static_cast<std::size_t>(x)] && !in[static_cast<std::size_t>(y)]) {
                    in[static_cast<std::size_t>(y)] = true;
                    grew = true;
                }
        }
    }
    for (std::size_t i = 0; i < plan.levels.size(); ++i)
        if (in[i] && static_cast<int>(i) != ground) order.push_back(static_cast<int>(i));
    return order;
}

BuildingArea walkable_from_building(const plan::Plan& plan, int ground, const plan::FurnitureCatalog& catalog,
                                    const PlanAreaOptions& options) {
    BuildingArea b;
    const std::vector<int> joined = levels_joined(plan, ground);
    const double ground_z = plan.levels[static_cast<std::size_t>(ground)].elevation;
    b.merged.id = plan.levels[static_cast<std::size_t>(ground)].id;
    b.merged.name = plan.levels[static_cast<std::size_t>(ground)].name;
    double right = 0;
    for (std::size_t k = 0; k < joined.size(); ++k) {
        const plan::Level& l = plan.levels[static_cast<std::size_t>(joined[k])];
        const geometry::Box box = level_box(l);
        LevelPlace place;
        place.id = l.id;
        place.level = joined[k];
        place.elevation = l.elevation;
        // The ground level keeps its coordinates; each further copy starts kGap east of the last.
        place.offset = k == 0 ? Vec2{0, 0} : Vec2{right + kGap - box.min.x, 0};
        place.box = {box.min + place.offset, box.max + place.offset};
        right = place.box.max.x;
        add_level(b.merged, l, place.offset, l.elevation > ground_z + 0.5);
        b.levels.push_back(std::move(place));
    }
    b.area = walkable_from_level(b.merged, catalog, options);
    auto place_of = [&](const std::string& id) {
        for (std::size_t k = 0; k < b.levels.size(); ++k)
            if (b.levels[k].id == id) return static_cast<int>(k);
        return -1;
    };
    for (const auto& s : plan.stairs) {
        const int lo = place_of(s.from_level), hi = place_of(s.to_level);
        if (lo < 0 || hi < 0 || lo == hi) continue;
        b.stairs.push_back(lay_stair(s, b.levels[static_cast<std::size_t>(lo)], b.levels[static_cast<std::size_t>(hi)], lo, hi, b.area));
        // The pocket beyond the head may reach past the lower copy's box.
        auto& box = b.levels[static_cast<std::size_t>(lo)].box;
        for (const Vec2& v : b.stairs.back().flight) {
            box.min = {std::min(box.min.x, v.x - 1), std::min(box.min.y, v.y - 1)};
            box.max = {std::max(box.max.x, v.x + 1), std::max(box.max.y, v.y + 1)};
        }
    }
    return b;
}

}  // namespace shuxiang::walkable
