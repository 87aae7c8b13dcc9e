// The accessible route: from the entrances to each lending desk and each reading room, a passage as
// wide as a wheelchair needs (the profile's route.accessible_width, 1.2 m).
#include <algorithm>

#include "layout_detail.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/plan/route.hpp"

namespace shuxiang::standards::detail {

using namespace plan;

namespace {

bool is_reading(RoomKind k) { return k == RoomKind::Reading || k == RoomKind::Periodicals; }

struct Target {
    const Room* room = nullptr;
    const Furniture* desk = nullptr;
    std::vector<Vec2> area;
};

// Where a wheelchair user must get to: beside each lending desk (within `reach` of its footprint)
// and into each reading room that doors join to an entrance.
std::vector<Target> targets_of(const Level& l, const FurnitureCatalog& catalog, const Reachability& reach, double reach_m) {
    std::vector<Target> out;
    for (const Furniture& f : l.furniture) {
        const FurnitureType* t = catalog.find(f.type);
        if (!t || t->category != FurnitureCategory::CirculationDesk) continue;
        FurnitureType grown = *t;
        grown.footprint.clear();
        grown.width += 2 * reach_m;
        grown.depth += 2 * reach_m;
        out.push_back({nullptr, &f, world_footprint(f, grown)});
    }
    for (const Room& r : l.rooms) {
        const bool joined = std::find(reach.reachable.begin(), reach.reachable.end(), RoomRef{l.id, r.id}) !=
                            reach.reachable.end();
        if (is_reading(r.kind) && joined) out.push_back({&r, nullptr, r.polygon});
    }
    return out;
}

}  // namespace

void check_routes(const LayoutCtx& x, std::vector<LayoutProblem>& out) {
    RouteOptions opt;
    opt.width = x.rules.value("route.accessible_width", 1.2);
    const Reachability reach = reachability(x.plan);
    for (const Level& l : x.plan.levels) {
        const bool has_entrance = std::any_of(l.openings.begin(), l.openings.end(), [](const Opening& o) {
            return o.entrance && o.kind != OpeningKind::Window;
        });
        if (!has_entrance) continue;
        const auto targets = targets_of(l, x.catalog, reach, opt.width / 2 + 0.3);
        if (targets.empty()) continue;
        std::vector<std::vector<Vec2>> areas;
        for (const Target& t : targets) areas.push_back(t.area);
        const std::vector<double> wide = widest_routes(l, x.catalog, areas, opt);
        for (std::size_t i = 0; i < targets.size(); ++i) {
            if (wide[i] >= opt.width - opt.cell - 1e-9) continue;
            LayoutProblem p = x.make("route_narrow", l, "route.accessible_width");
            if (targets[i].desk) {
                x.add_furniture(p, l, *targets[i].desk);
                p.at = targets[i].desk->position;
            } else {
                x.add_room(p, *targets[i].room);
                p.at = polygon_centroid(targets[i].room->polygon);
            }
            p.measured = wide[i];
            p.required = opt.width;
            out.push_back(std::move(p));
        }
    }
}

}  // namespace shuxiang::standards::detail
