#pragma once
// Printing a plan: one level's top view on an A4 or A3 sheet at a true scale (1:50, 1:100, 1:150,
// 1:200 or 1:300, the largest that fits; 1:500 and 1:1000 for a site too big), landscape or portrait as
// fits best, with room names and areas, wall dimension lines, furniture, door leaves, the layout
// problems of `shuxiang plan check` as numbered markers and their list, a scale bar, a north arrow
// and the scale in words. Written as a vector PDF or a PNG (docs/plan-print.md).
#include <optional>
#include <string>
#include <string_view>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"
#include "shuxiang/standards/profile.hpp"

namespace shuxiang::plan_print {

enum class Paper { A4, A3 };
const char* to_string(Paper p);
// "A4", "a3"; std::nullopt for anything else.
std::optional<Paper> paper_from_string(std::string_view s);

// A rectangle on the page, millimetres from its top left corner.
struct Rect {
    double x = 0, y = 0, w = 0, h = 0;
};

// Where things go on the page.
struct SheetLayout {
    Paper paper = Paper::A4;
    bool landscape = true;
    double page_w = 297, page_h = 210;  // mm
    int scale = 100;                    // the denominator: 1:scale
    Rect drawing;                       // the frame the plan is drawn in
    Rect panel;                         // the column of title, north arrow, scale bar and problem list
    double mm_per_m() const { return 1000.0 / scale; }
};

// Room left around the plan's extent inside the drawing frame, for the dimension lines (m).
inline constexpr double kDrawingMargin = 1.5;

// The layout for a plan extent of width × height metres: the largest true scale at which the extent
// plus kDrawingMargin on each side fits the drawing frame, trying both orientations (on a tie, the
// one whose frame has the plan's proportions). std::nullopt when it does not fit even at 1:1000.
std::optional<SheetLayout> choose_layout(double width, double height, Paper paper);

struct SheetOptions {
    Paper paper = Paper::A4;
    std::size_t level = 0;  // index into plan.levels
    double dpi = 150;       // PNG only
};

struct Sheet {
    SheetLayout layout;
    std::string bytes;  // the PDF or PNG file's contents
    int width_px = 0, height_px = 0;  // PNG only
    std::size_t problems = 0;         // layout problems marked on the sheet
};

// `catalog` must already hold the plan's own types (plan::with_plan_types). Texts are in the current
// language. Throws InputError for a level that does not exist or has nothing to draw, or a plan too
// large for the paper; std::runtime_error when cairo fails.
Sheet plan_pdf(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, const standards::RuleSet& rules,
               const SheetOptions& options);
Sheet plan_png(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, const standards::RuleSet& rules,
               const SheetOptions& options);

// The index of a level named on the command line or in the editor: a 1-based number ("2") or a level
// id. Throws InputError listing the levels when there is no such level.
std::size_t level_index(const plan::Plan& plan, std::string_view text);

}  // namespace shuxiang::plan_print
