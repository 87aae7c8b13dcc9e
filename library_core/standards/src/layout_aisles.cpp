// Main aisles in stacks: every run of double-faced ranges must end on a main aisle (主通道) at least as wide as the
// profile asks (JGJ 38 Table 4.2.4-2, open access 1.50 m), measured from the run's end to the next
// obstacle along the ranges' length.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

#include "layout_detail.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/geometry.hpp"

namespace shuxiang::standards::detail {

using namespace plan;

namespace {

constexpr double kReach = 3.0;   // ends with more open floor than this are not narrow
constexpr double kButt = 0.05;   // ranges closer than this end to end form one run

struct Piece {
    const Furniture* f = nullptr;  // null for a wall piece
    const Wall* wall = nullptr;
    bool shelving = false;
    double yaw = 0;
    std::vector<Vec2> poly;
};

Vec2 axis_of(double yaw_deg) {
    const double r = yaw_deg * std::numbers::pi / 180.0;
    return {std::cos(r), std::sin(r)};
}

// Clear floor beyond the end of `from` in direction `dir` (a unit vector along its length), up to
// kReach. A range butted against this one continues the run: the distance is measured from its end.
double end_clearance(const std::vector<Piece>& pieces, std::size_t from, Vec2 dir, std::set<std::size_t>& run) {
    run.insert(from);
    const Vec2 side{-dir.y, dir.x};
    double end = -1e9, lo_s = 1e9, hi_s = -1e9;
    for (const Vec2& p : pieces[from].poly) {
        end = std::max(end, dot(p, dir));
        lo_s = std::min(lo_s, dot(p, side));
        hi_s = std::max(hi_s, dot(p, side));
    }
    auto at = [&](double t, double s) { return dir * t + side * s; };
    const std::vector<Vec2> strip{at(end, lo_s + 0.01), at(end + kReach, lo_s + 0.01), at(end + kReach, hi_s - 0.01),
                                  at(end, hi_s - 0.01)};
    double best = kReach;
    std::size_t next = pieces.size();
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        if (run.count(i) || convex_overlap_depth(strip, pieces[i].poly) <= 1e-6) continue;
        double near = 1e9;
        for (const Vec2& p : pieces[i].poly) near = std::min(near, dot(p, dir));
        const double gap = std::max(0.0, near - end);
        if (gap < best) {
            best = gap;
            next = i;
        }
    }
    const bool butted = next < pieces.size() && best < kButt && pieces[next].shelving &&
                        std::abs(std::remainder(pieces[next].yaw - pieces[from].yaw, 180.0)) < 1.0;
    return butted ? end_clearance(pieces, next, dir, run) : best;
}

std::vector<Piece> pieces_of(const Level& l, const FurnitureCatalog& catalog) {
    std::vector<Piece> out;
    for (const Furniture& f : l.furniture)
        if (const FurnitureType* t = catalog.find(f.type))
            out.push_back({&f, nullptr, is_shelving(t->category), f.yaw_deg, convex_hull(world_footprint(f, *t))});
    for (auto& w : wall_pieces(l)) out.push_back({nullptr, w.wall, false, 0, std::move(w.poly)});
    return out;
}

// A run of butted ranges longer than JGJ 38 Table 4.2.4-1 allows: more sections than
// aisle.max_sections_per_run.two_ends with open floor at both ends, or .one_end against a wall or
// other furniture at one end. Reported once per run, at its first range in plan order.
void check_run_length(const LayoutCtx& x, const Level& l, const std::vector<Piece>& pieces, const std::set<std::size_t>& run,
                      const Furniture& current, bool one_end, std::vector<LayoutProblem>& out) {
    const Furniture* first = nullptr;
    int sections = 0;
    for (std::size_t i : run) {
        const FurnitureType* t = x.catalog.find(pieces[i].f->type);
        sections += t ? effective_sections(*pieces[i].f, *t) : 0;
        if (!first || pieces[i].f < first) first = pieces[i].f;
    }
    const char* figure = one_end ? "aisle.max_sections_per_run.one_end" : "aisle.max_sections_per_run.two_ends";
    const double limit = x.rules.value(figure, one_end ? 5 : 9);
    if (first != &current || sections <= limit + 1e-9) return;
    LayoutProblem p = x.make("range_too_long", l, figure);
    for (std::size_t i : run) x.add_furniture(p, l, *pieces[i].f);
    p.measured = sections;
    p.required = limit;
    p.unit = "sections";
    p.at = first->position;
    out.push_back(std::move(p));
}

}  // namespace

void check_main_aisles(const LayoutCtx& x, std::vector<LayoutProblem>& out) {
    const double need = x.rules.value("aisle.main.open", 1.5);
    for (const Level& l : x.plan.levels) {
        std::vector<Piece> pieces;
        for (const Furniture& f : l.furniture) {
            const FurnitureType* t = x.catalog.find(f.type);
            const Room* r = t && t->category == FurnitureCategory::ShelvingDouble ? room_of(l, f) : nullptr;
            if (!r || r->kind != RoomKind::Stacks) continue;
            if (pieces.empty()) pieces = pieces_of(l, x.catalog);
            const auto self = static_cast<std::size_t>(std::find_if(pieces.begin(), pieces.end(), [&](const Piece& p) {
                                                           return p.f == &f;
                                                       }) - pieces.begin());
            const Vec2 dir = axis_of(f.yaw_deg);
            std::set<std::size_t> a, b;
            const double ahead = end_clearance(pieces, self, dir, a), behind = end_clearance(pieces, self, dir * -1.0, b);
            a.insert(b.begin(), b.end());
            check_run_length(x, l, pieces, a, f, std::min(ahead, behind) < kButt, out);
            const double wide = std::max(ahead, behind);
            if (wide >= need - 1e-9) continue;
            LayoutProblem p = x.make("main_aisle_narrow", l, "aisle.main.open");
            x.add_furniture(p, l, f);
            x.add_room(p, *r);
            p.measured = wide;
            p.required = need;
            p.at = f.position;
            out.push_back(std::move(p));
        }
    }
}

}  // namespace shuxiang::standards::detail
