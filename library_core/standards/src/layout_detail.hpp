#pragma once
// Shared pieces of the layout checks (layout_checks.cpp, layout_exits.cpp, ...): the context every
// check reads and the helpers that fill a problem's objects.
#include <string>
#include <vector>

#include "shuxiang/plan/model.hpp"
#include "shuxiang/standards/layout_checks.hpp"

namespace shuxiang::standards::detail {

std::string fmt2(double v);

struct LayoutCtx {
    const plan::Plan& plan;
    const plan::FurnitureCatalog& catalog;
    const RuleSet& rules;

    // A problem of `kind` on level `l` whose required value and source come from `figure` (if any).
    LayoutProblem make(const std::string& kind, const plan::Level& l, const std::string& figure) const;
    void add_furniture(LayoutProblem& p, const plan::Level& l, const plan::Furniture& f) const;
    void add_opening(LayoutProblem& p, const plan::Level& l, const plan::Opening& o) const;
    void add_wall(LayoutProblem& p, const plan::Level& l, const plan::Wall& w) const;
    void add_room(LayoutProblem& p, const plan::Room& r) const;
};

struct WallPiece {
    const plan::Wall* wall;
    std::vector<plan::Vec2> poly;
};
std::vector<WallPiece> wall_pieces(const plan::Level& l);

// Exits and entrances: the clear landing in front of each (layout_exits.cpp).
void check_exits(const LayoutCtx& x, std::vector<LayoutProblem>& out);
// The way to each emergency exit from the other doors of its room (layout_exits.cpp).
void check_exit_paths(const LayoutCtx& x, std::vector<LayoutProblem>& out);
// Door leaves against furniture and walls; emergency exits that open inwards (layout_exits.cpp).
void check_door_swings(const LayoutCtx& x, std::vector<LayoutProblem>& out);
// Ranges in stack rooms whose run ends on no main aisle as wide as required (layout_aisles.cpp).
void check_main_aisles(const LayoutCtx& x, std::vector<LayoutProblem>& out);
// The accessible route from the entrances to lending desks and reading rooms (layout_routes.cpp).
void check_routes(const LayoutCtx& x, std::vector<LayoutProblem>& out);
// The audio-visual room's attached store of at least area.av_store_min (layout_rooms.cpp).
void check_av_stores(const LayoutCtx& x, std::vector<LayoutProblem>& out);
// Area per seat of audio-visual and periodicals rooms against GB 50099 Table 7.1.1 (layout_rooms.cpp).
void check_room_seat_areas(const LayoutCtx& x, std::vector<LayoutProblem>& out);
// Stack rooms whose shelving holds more books per m² than their arrangement is planned for (layout_rooms.cpp).
void check_stack_densities(const LayoutCtx& x, std::vector<LayoutProblem>& out);

}  // namespace shuxiang::standards::detail
