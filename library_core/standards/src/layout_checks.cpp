// The layout checks: the driver, the labels and the checks that reuse the plan's own geometry
// (overlaps, aisles, reachability) or look at one piece of furniture at a time (walls, rooms).
#include "shuxiang/standards/layout_checks.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "layout_detail.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/standards/compliance.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::standards {

using namespace plan;

namespace detail {

std::string fmt2(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", v);
    return b;
}

LayoutProblem LayoutCtx::make(const std::string& kind, const Level& l, const std::string& figure) const {
    LayoutProblem p;
    p.kind = kind;
    p.level = l.id;
    if (const Figure* f = rules.figure(figure)) {
        p.required = f->value;
        p.source = f->source;
    }
    return p;
}

void LayoutCtx::add_furniture(LayoutProblem& p, const Level& l, const Furniture& f) const {
    p.ids.push_back(f.id);
    p.labels.push_back(furniture_label(l, f, catalog));
}

void LayoutCtx::add_opening(LayoutProblem& p, const Level& l, const Opening& o) const {
    p.ids.push_back(o.id);
    p.labels.push_back(opening_label(l, o));
}

void LayoutCtx::add_wall(LayoutProblem& p, const Level& l, const Wall& w) const {
    p.ids.push_back(w.id);
    p.labels.push_back(wall_label(l, w));
}

void LayoutCtx::add_room(LayoutProblem& p, const Room& r) const {
    p.ids.push_back(r.id);
    p.labels.push_back(room_label(r));
}

// Every wall segment of a level as a polygon, with the wall it belongs to.
std::vector<WallPiece> wall_pieces(const Level& l) {
    std::vector<WallPiece> out;
    for (const Wall& w : l.walls)
        for (std::size_t i = 1; i < w.points.size(); ++i) {
            auto poly = wall_segment_polygon(w.points[i - 1], w.points[i], w.thickness);
            if (!poly.empty()) out.push_back({&w, std::move(poly)});
        }
    return out;
}

}  // namespace detail

using detail::LayoutCtx;

// ---------------------------------------------------------------- labels

std::string room_label(const Room& r) { return r.name.empty() ? tr(display_key(r.kind)) : r.name; }

std::string furniture_label(const Level& l, const Furniture& f, const FurnitureCatalog& catalog) {
    const FurnitureType* t = catalog.find(f.type);
    std::string name = f.type;
    if (t) {
        const std::string& local = language() == Language::En ? t->name_en : t->name_zh;
        if (!local.empty()) name = local;
    }
    if (!f.label.empty()) return trf("layout.label.furniture_named", {name, f.label});
    int n = 0;
    for (const Furniture& g : l.furniture) {
        if (g.type == f.type) ++n;
        if (&g == &f || g.id == f.id) break;
    }
    return trf("layout.label.furniture_numbered", {name, std::to_string(n)});
}

std::string opening_label(const Level& l, const Opening& o) {
    auto group = [](const Opening& x) {
        if (x.kind == OpeningKind::EmergencyExit) return std::string("exit");
        if (x.kind == OpeningKind::Window) return std::string("window");
        return std::string(x.entrance ? "entrance" : "door");
    };
    int n = 0;
    for (const Opening& g : l.openings) {
        if (group(g) == group(o)) ++n;
        if (g.id == o.id) break;
    }
    return trf("layout.label.opening." + group(o), {std::to_string(n)});
}

std::string wall_label(const Level& l, const Wall& w) {
    int n = 0;
    for (const Wall& g : l.walls) {
        ++n;
        if (g.id == w.id) break;
    }
    return trf("layout.label.wall", {std::to_string(n)});
}

std::string problem_text(const LayoutProblem& p) {
    std::vector<std::string> args;
    args.push_back(p.labels.empty() ? std::string() : p.labels[0]);
    args.push_back(p.labels.size() > 1 ? p.labels[1] : std::string());
    const bool count = p.unit == "sections" || p.unit == "books/m2";
    args.push_back(count ? std::to_string(std::lround(p.measured)) : detail::fmt2(p.measured));
    args.push_back(count ? std::to_string(std::lround(p.required)) : detail::fmt2(p.required));
    args.push_back(p.labels.size() > 2 ? p.labels[2] : std::string());
    const bool by_walls = p.kind == "exit_blocked" && p.labels.size() < 2;
    return trv("layout.problem." + p.kind + (by_walls ? "_walls" : ""), args);
}

// ---------------------------------------------------------------- checks on the plan's geometry

namespace {

void check_overlaps(const LayoutCtx& x, std::vector<LayoutProblem>& out) {
    for (const Overlap& o : furniture_overlaps(x.plan, x.catalog, 1e-3)) {
        const Level* l = find_level(x.plan, o.level);
        const Furniture* a = l ? find_furniture(*l, o.a) : nullptr;
        const Furniture* b = l ? find_furniture(*l, o.b) : nullptr;
        if (!a || !b) continue;
        LayoutProblem p = x.make("overlap", *l, "");
        x.add_furniture(p, *l, *a);
        x.add_furniture(p, *l, *b);
        p.measured = o.depth;
        p.required = 0;
        p.at = a->position;
        out.push_back(std::move(p));
    }
}

void check_aisles(const LayoutCtx& x, std::vector<LayoutProblem>& out) {
    for (const Aisle& a : fixed_aisles(x.plan, x.catalog)) {
        const char* figure = a.b_is_wall ? "aisle.range_to_wall.open" : "aisle.between_ranges.open";
        const double need = x.rules.value(figure, a.b_is_wall ? 0.75 : 1.0);
        if (a.width >= need - 1e-9) continue;
        const Level* l = find_level(x.plan, a.level);
        const Furniture* f = l ? find_furniture(*l, a.a) : nullptr;
        if (!f) continue;
        LayoutProblem p = x.make("aisle_narrow", *l, figure);
        x.add_furniture(p, *l, *f);
        if (a.b_is_wall) {
            if (const Wall* w = find_wall(*l, a.b)) x.add_wall(p, *l, *w);
        } else if (const Furniture* g = find_furniture(*l, a.b)) {
            x.add_furniture(p, *l, *g);
        }
        p.measured = a.width;
        p.required = need;
        p.at = a.midpoint;
        out.push_back(std::move(p));
    }
}

void check_reachable(const LayoutCtx& x, std::vector<LayoutProblem>& out) {
    for (const RoomRef& ref : reachability(x.plan).unreachable) {
        const Level* l = find_level(x.plan, ref.level);
        const Room* r = l ? find_room(*l, ref.room) : nullptr;
        if (!r) continue;
        LayoutProblem p = x.make("unreachable", *l, "");
        x.add_room(p, *r);
        p.unit.clear();
        p.at = polygon_centroid(r->polygon);
        out.push_back(std::move(p));
    }
}

// A piece of furniture standing in a wall: its footprint enters a wall segment deeper than 1 cm
// (a range pushed flush against the wall's face only touches it).
void check_in_walls(const LayoutCtx& x, std::vector<LayoutProblem>& out) {
    constexpr double kTolerance = 0.01;
    for (const Level& l : x.plan.levels) {
        const auto pieces = detail::wall_pieces(l);
        for (const Furniture& f : l.furniture) {
            const FurnitureType* t = x.catalog.find(f.type);
            if (!t) continue;
            const auto hull = convex_hull(world_footprint(f, *t));
            const Wall* worst = nullptr;
            double depth = kTolerance;
            for (const auto& piece : pieces) {
                const double d = convex_overlap_depth(hull, piece.poly);
                if (d > depth) {
                    depth = d;
                    worst = piece.wall;
                }
            }
            if (!worst) continue;
            LayoutProblem p = x.make("furniture_in_wall", l, "");
            x.add_furniture(p, l, f);
            x.add_wall(p, l, *worst);
            p.measured = depth;
            p.required = 0;
            p.at = f.position;
            out.push_back(std::move(p));
        }
    }
}

// A piece of furniture outside every room: a corner of its footprint (taken 2 cm in from the
// corner) that no room of its level holds. Pieces in a wall are reported as such instead.
void check_outside_rooms(const LayoutCtx& x, const std::vector<LayoutProblem>& in_walls,
                         std::vector<LayoutProblem>& out) {
    for (const Level& l : x.plan.levels) {
        for (const Furniture& f : l.furniture) {
            const FurnitureType* t = x.catalog.find(f.type);
            const bool walled = std::any_of(in_walls.begin(), in_walls.end(), [&](const LayoutProblem& p) {
                return p.level == l.id && p.ids.front() == f.id;
            });
            if (!t || walled) continue;
            std::vector<Vec2> probes{f.position};
            for (const Vec2& c : world_footprint(f, *t)) {
                const Vec2 d = f.position - c;
                const double len = length(d);
                probes.push_back(len > 0.04 ? c + d * (0.02 / len) : f.position);
            }
            const bool outside = std::any_of(probes.begin(), probes.end(),
                                             [&](Vec2 q) { return room_at(l, q) == nullptr; });
            if (!outside) continue;
            LayoutProblem p = x.make("furniture_outside_rooms", l, "");
            x.add_furniture(p, l, f);
            p.unit.clear();
            p.at = f.position;
            out.push_back(std::move(p));
        }
    }
}

}  // namespace

std::vector<LayoutProblem> layout_problems(const Plan& plan, const FurnitureCatalog& catalog, const RuleSet& rules) {
    const LayoutCtx x{plan, catalog, rules};
    std::vector<LayoutProblem> out;
    detail::check_exits(x, out);
    detail::check_exit_paths(x, out);
    detail::check_door_swings(x, out);
    std::vector<LayoutProblem> walls;
    check_in_walls(x, walls);
    check_outside_rooms(x, walls, out);
    out.insert(out.end(), walls.begin(), walls.end());
    check_aisles(x, out);
    detail::check_main_aisles(x, out);
    check_overlaps(x, out);
    check_reachable(x, out);
    detail::check_routes(x, out);
    detail::check_av_stores(x, out);
    detail::check_room_seat_areas(x, out);
    detail::check_stack_densities(x, out);
    return out;
}

}  // namespace shuxiang::standards
