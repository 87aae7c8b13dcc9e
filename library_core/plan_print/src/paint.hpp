#pragma once
// Painting the sheet with cairo (private to the module). Every function works in page millimetres.
#include <cairo.h>

#include <string>
#include <vector>

#include "shuxiang/plan/model.hpp"
#include "shuxiang/plan_print/sheet.hpp"
#include "shuxiang/report/plan_drawing.hpp"
#include "shuxiang/standards/layout_checks.hpp"

namespace shuxiang::plan_print::paint {

// Plan metres to page millimetres: X east to the right, Y north up the page.
struct Mapper {
    double ox = 0, oy = 0;  // page position of plan (x0, y1)
    double x0 = 0, y1 = 0;  // the plan's left and top edges (m)
    double k = 10;          // mm per m
    double x(double px) const { return ox + (px - x0) * k; }
    double y(double py) const { return oy + (y1 - py) * k; }
};
// Centres the drawing's extent in the layout's drawing frame.
Mapper mapper_for(const report::LevelDrawing& d, const SheetLayout& l);

// What the panel says about the sheet.
struct Titles {
    std::string school, level, profile;
};

void plan(cairo_t* cr, const report::LevelDrawing& d, const std::vector<report::DimensionLine>& dims, const Mapper& m);
// Numbered red markers at the problems' places (1-based, in list order).
void markers(cairo_t* cr, const std::vector<standards::LayoutProblem>& problems, const Mapper& m);
void panel(cairo_t* cr, const SheetLayout& l, const Titles& t, const std::vector<standards::LayoutProblem>& problems);

// "#rrggbb" as the cairo source colour.
void set_hex(cairo_t* cr, const char* hex);
// Greedy line breaking at code points (CJK text has no spaces) to fit max_w at the current font.
std::vector<std::string> wrap(cairo_t* cr, const std::string& text, double max_w);

}  // namespace shuxiang::plan_print::paint
