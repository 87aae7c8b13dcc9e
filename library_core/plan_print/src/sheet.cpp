// The two outputs of a sheet: a PDF page in millimetres and a PNG raster of the same painting.
#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "paint.hpp"
#include "shuxiang/labels/draw.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/plan_print/sheet.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::plan_print {

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;

// Everything a sheet shows, gathered before any painting.
struct Content {
    report::LevelDrawing drawing;
    std::vector<report::DimensionLine> dims;
    std::vector<standards::LayoutProblem> problems;  // of this level
    paint::Titles titles;
    SheetLayout layout;
};

Content gather(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, const standards::RuleSet& rules,
               const SheetOptions& o) {
    if (o.level >= plan.levels.size()) level_index(plan, std::to_string(o.level + 1));  // throws, naming the levels
    Content c;
    const plan::Level& level = plan.levels[o.level];
    c.drawing = report::level_drawing(plan, catalog, o.level);
    if (c.drawing.extent.empty())
        throw InputError("--level", level.id, trf("plan_print.error.empty", {level.name.empty() ? level.id : level.name}));
    auto layout = choose_layout(c.drawing.extent.width(), c.drawing.extent.height(), o.paper);
    if (!layout)
        throw InputError("--paper", to_string(o.paper),
                         trf("plan_print.error.too_large", {to_string(o.paper)}));
    c.layout = *layout;
    // Only the dimension lines that fall outside every room: an inner wall's line would run across
    // the room beside it and its names.
    for (auto& dl : report::wall_dimension_lines(level)) {
        const plan::Vec2 mid = (dl.line_from + dl.line_to) * 0.5;
        if (std::none_of(c.drawing.rooms.begin(), c.drawing.rooms.end(),
                         [&](const report::DrawnRoom& r) { return plan::point_in_polygon(mid, r.polygon); }))
            c.dims.push_back(std::move(dl));
    }
    for (auto& p : standards::layout_problems(plan, catalog, rules))
        if (p.level == level.id) c.problems.push_back(std::move(p));
    c.titles = {plan.school.name, level.name.empty() ? level.id : level.name,
                language() == Language::En ? rules.name_en() : rules.name_zh()};
    return c;
}

void paint_sheet(cairo_t* cr, const Content& c) {
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    const paint::Mapper m = paint::mapper_for(c.drawing, c.layout);
    cairo_save(cr);
    const Rect& f = c.layout.drawing;
    cairo_rectangle(cr, f.x, f.y, f.w, f.h);
    cairo_clip(cr);
    paint::plan(cr, c.drawing, c.dims, m);
    paint::markers(cr, c.problems, m);
    cairo_restore(cr);
    paint::panel(cr, c.layout, c.titles, c.problems);
}

void check(cairo_status_t st) {
    if (st != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(st));
}

}  // namespace

Sheet plan_pdf(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, const standards::RuleSet& rules,
               const SheetOptions& options) {
    const Content c = gather(plan, catalog, rules, options);
    Sheet out{c.layout, {}, 0, 0, c.problems.size()};
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(labels::draw::append_to_string, &out.bytes, c.layout.page_w * kPtPerMm,
                                                                   c.layout.page_h * kPtPerMm);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Shuxiang");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, (c.titles.school + " " + c.titles.level).c_str());
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, kPtPerMm, kPtPerMm);
    paint_sheet(cr, c);
    cairo_show_page(cr);
    labels::draw::close_pdf(cr, surface);
    return out;
}

Sheet plan_png(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, const standards::RuleSet& rules,
               const SheetOptions& options) {
    if (!(options.dpi >= 30 && options.dpi <= 600))
        throw InputError("--dpi", std::to_string(options.dpi), tr("plan_print.error.dpi"));
    const Content c = gather(plan, catalog, rules, options);
    const double px_per_mm = options.dpi / 25.4;
    Sheet out{c.layout, {}, static_cast<int>(std::lround(c.layout.page_w * px_per_mm)),
              static_cast<int>(std::lround(c.layout.page_h * px_per_mm)), c.problems.size()};
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, out.width_px, out.height_px);
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, px_per_mm, px_per_mm);
    paint_sheet(cr, c);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_write_to_png_stream(surface, labels::draw::append_to_string, &out.bytes);
    cairo_surface_destroy(surface);
    check(st);
    return out;
}

}  // namespace shuxiang::plan_print
