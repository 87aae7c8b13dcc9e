#pragma once
// The widest route on foot across a level: how wide a clear passage leads from the entrances to a
// place (a lending desk, a reading room), for the accessible-route check (a wheelchair needs 1.2 m).
//
// The level is rasterised on a fine grid: everything outside the rooms, the walls (except across doors
// and emergency exits) and every footprint of furniture block it. A route's width at a point is twice
// the distance to the nearest blocked cell; a route is as wide as its narrowest point. Doors are
// judged by their own width (a 0.9 m door on a route asked to be 1.2 m does not narrow it), so that
// the route check is about furniture and rooms, not door widths.
#include <string>
#include <vector>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::plan {

struct RouteOptions {
    double width = 1.2;   // m, the route width asked for
    double cell = 0.05;   // m, grid resolution (widths are exact to about one cell)
    std::vector<std::string> from;  // ids of the openings routes start at; empty: the level's entrances
};

// For each target area (a polygon on the level), the widest route from the level's entrances (or the
// openings in options.from) that
// reaches a free point inside it, capped at options.width; 0 when none reaches it (or the level has no
// entrance). Points just inside a door do not count as reaching a room behind it.
std::vector<double> widest_routes(const Level& level, const FurnitureCatalog& catalog,
                                  const std::vector<std::vector<Vec2>>& targets, const RouteOptions& options = {});

}  // namespace shuxiang::plan
