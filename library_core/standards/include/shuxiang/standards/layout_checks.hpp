#pragma once
// The layout checks a safety officer makes on a plan (exits, door swings, walls, aisles, routes), each
// problem with a stable kind, the objects involved by id and label, measured and required values and
// the source of the requirement. Shared by `shuxiang plan check` and the editor's checks panel.
#include <string>
#include <vector>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"
#include "shuxiang/standards/profile.hpp"

namespace shuxiang::standards {

// One problem of the layout.
struct LayoutProblem {
    // Stable kind: "exit_blocked", "exit_path_narrow", "door_swing", "exit_swings_inward", "furniture_in_wall",
    // "furniture_outside_rooms", "aisle_narrow", "main_aisle_narrow", "range_too_long", "overlap", "unreachable",
    // "route_narrow", "av_store_missing", "av_store_small", "av_area_per_seat", "periodicals_area_per_seat",
    // "stack_density".
    std::string kind;
    std::string level;               // level id
    std::vector<std::string> ids;    // objects involved (furniture, opening, wall, room ids)
    std::vector<std::string> labels; // their display names in the current language, same order
    double measured = 0;
    double required = 0;
    std::string unit = "m";
    std::string source;              // of the required value ("" for pure geometry)
    plan::Vec2 at;                   // where to mark it on the plan
};

// Every layout problem of the plan, in a stable order (by kind, then level and plan order).
// `catalog` must already hold the plan's own furniture types (plan::with_plan_types).
std::vector<LayoutProblem> layout_problems(const plan::Plan& plan, const plan::FurnitureCatalog& catalog,
                                           const RuleSet& rules);

// The problem as one sentence in the current language, naming objects by their labels.
std::string problem_text(const LayoutProblem& p);

// Display names, in the current language: a room's name (its kind when unnamed); furniture as its
// type name and label or number on the level ("双面书架 3 号", "双面书架 A1"); openings and walls by
// kind and number.
std::string room_label(const plan::Room& r);
std::string furniture_label(const plan::Level& l, const plan::Furniture& f, const plan::FurnitureCatalog& catalog);
std::string opening_label(const plan::Level& l, const plan::Opening& o);
std::string wall_label(const plan::Level& l, const plan::Wall& w);

}  // namespace shuxiang::standards
