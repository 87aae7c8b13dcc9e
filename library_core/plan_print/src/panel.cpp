// The sheet's right-hand column: title block, scale in words, north arrow, scale bar, and the list of
// the problems marked on the plan.
#include <cmath>
#include <cstdio>

#include "paint.hpp"
#include "shuxiang/labels/draw.hpp"
#include "shuxiang/report/plan_drawing.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::plan_print::paint {

namespace draw = labels::draw;

namespace {

// A north arrow pointing up the page (plan +Y is north), its tip at (x, y).
void north_arrow(cairo_t* cr, double x, double y) {
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x - 3.5, y + 11);
    cairo_line_to(cr, x, y + 8.5);
    cairo_close_path(cr);
    cairo_fill(cr);
    cairo_set_line_width(cr, 0.3);
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x + 3.5, y + 11);
    cairo_line_to(cr, x, y + 8.5);
    cairo_close_path(cr);
    cairo_stroke(cr);
    draw::fitted_text(cr, tr("plan_print.north"), x - 5, y + 16, 10, 3.5, draw::Align::Centre, true);
}

// A bar of alternating black and white metres (fifths for a long bar) `len` metres long at the
// sheet's scale, from (x, y), with 0 and its length written under it. Returns its height.
double scale_bar(cairo_t* cr, const SheetLayout& l, double x, double y, double max_w) {
    const double len = report::scale_bar_length(max_w / l.mm_per_m());
    const int parts = len <= 5 ? static_cast<int>(len) : 5;
    const double part_mm = len * l.mm_per_m() / parts;
    cairo_set_line_width(cr, 0.2);
    for (int i = 0; i < parts; ++i) {
        cairo_rectangle(cr, x + i * part_mm, y, part_mm, 2);
        if (i % 2 == 0) cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        else cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        cairo_stroke(cr);
    }
    char end[32];
    std::snprintf(end, sizeof end, "%g m", len);
    draw::fitted_text(cr, "0", x - 3, y + 5.5, 6, 2.5, draw::Align::Centre);
    draw::fitted_text(cr, end, x + len * l.mm_per_m() - 8, y + 5.5, 16, 2.5, draw::Align::Centre);
    return 6;
}

// The problem list from y down to the panel's bottom; what does not fit is counted in a last line.
void problem_list(cairo_t* cr, const Rect& p, double y, const std::vector<standards::LayoutProblem>& problems) {
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    if (problems.empty()) {
        draw::fitted_text(cr, tr("plan_print.no_problems"), p.x + 3, y + 3.2, p.w - 6, 3, draw::Align::Left, true);
        return;
    }
    draw::fitted_text(cr, trf("plan_print.problems", {std::to_string(problems.size())}), p.x + 3, y + 3.2, p.w - 6, 3,
                      draw::Align::Left, true);
    y += 6;
    constexpr double line_h = 2.9;
    const double bottom = p.y + p.h - 3;
    for (std::size_t i = 0; i < problems.size(); ++i) {
        draw::use_font(cr, 2.3);
        const auto lines = wrap(cr, standards::problem_text(problems[i]), p.w - 12);
        if (y + line_h * static_cast<double>(lines.size() + 1) > bottom) {
            draw::fitted_text(cr, trf("plan_print.more", {std::to_string(problems.size() - i)}), p.x + 3, y + line_h,
                              p.w - 6, 2.3, draw::Align::Left);
            return;
        }
        cairo_set_source_rgb(cr, 0.84, 0.15, 0.16);
        draw::fitted_text(cr, std::to_string(i + 1), p.x + 3, y + line_h, 5, 2.3, draw::Align::Right, true);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        for (const auto& line : lines) {
            y += line_h;
            draw::use_font(cr, 2.3);
            cairo_move_to(cr, p.x + 9.5, y);
            cairo_show_text(cr, line.c_str());
        }
        y += 0.8;
    }
}

}  // namespace

void panel(cairo_t* cr, const SheetLayout& l, const Titles& t, const std::vector<standards::LayoutProblem>& problems) {
    const Rect& p = l.panel;
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_set_line_width(cr, 0.35);
    cairo_rectangle(cr, p.x, p.y, p.w, p.h);
    cairo_rectangle(cr, l.drawing.x, l.drawing.y, l.drawing.w, l.drawing.h);
    cairo_stroke(cr);
    // The title lines leave the top right corner to the north arrow.
    const double tw = p.w - 22;
    north_arrow(cr, p.x + p.w - 10, p.y + 4);
    double y = p.y + 7;
    draw::fitted_text(cr, t.school, p.x + 3, y, tw, 4.5, draw::Align::Left, true);
    y += 6;
    draw::fitted_text(cr, trf("plan_print.title", {t.level}), p.x + 3, y, tw, 3.4, draw::Align::Left);
    y += 9;
    draw::fitted_text(cr, trf("plan_print.scale", {std::to_string(l.scale)}), p.x + 3, y, tw, 5.5, draw::Align::Left,
                      true);
    y += 5;
    draw::fitted_text(cr, trf(l.landscape ? "plan_print.landscape" : "plan_print.portrait", {to_string(l.paper)}),
                      p.x + 3, y, p.w - 6, 2.6, draw::Align::Left);
    y += 4;
    if (!t.profile.empty()) draw::fitted_text(cr, trf("plan_print.profile", {t.profile}), p.x + 3, y, p.w - 6, 2.4, draw::Align::Left);
    y += 4;
    y += scale_bar(cr, l, p.x + 4, y, p.w - 10) + 3;
    cairo_move_to(cr, p.x, y);
    cairo_line_to(cr, p.x + p.w, y);
    cairo_set_line_width(cr, 0.25);
    cairo_stroke(cr);
    problem_list(cr, p, y + 2, problems);
}

}  // namespace shuxiang::plan_print::paint
