// The plan itself on the sheet: rooms, furniture, walls, openings and door leaves, dimension lines,
// room names and areas, and the problem markers.
#include "paint.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "shuxiang/labels/draw.hpp"
#include "shuxiang/report/label_placement.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::plan_print::paint {

namespace draw = labels::draw;
using plan::Vec2;

void set_hex(cairo_t* cr, const char* hex) {
    const unsigned long v = std::strtoul(hex + 1, nullptr, 16);
    cairo_set_source_rgb(cr, ((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0);
}

std::vector<std::string> wrap(cairo_t* cr, const std::string& text, double max_w) {
    std::vector<std::string> lines;
    std::string line;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t n = 1;
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0xF0) n = 4;
        else if (c >= 0xE0) n = 3;
        else if (c >= 0xC0) n = 2;
        const std::string ch = text.substr(i, n);
        if (!line.empty() && draw::text_width(cr, line + ch) > max_w) {
            lines.push_back(line);
            line.clear();
        }
        line += ch;
        i += n;
    }
    if (!line.empty()) lines.push_back(line);
    return lines;
}

Mapper mapper_for(const report::LevelDrawing& d, const SheetLayout& l) {
    Mapper m;
    m.k = l.mm_per_m();
    m.x0 = d.extent.minx;
    m.y1 = d.extent.maxy;
    m.ox = l.drawing.x + (l.drawing.w - d.extent.width() * m.k) / 2;
    m.oy = l.drawing.y + (l.drawing.h - d.extent.height() * m.k) / 2;
    return m;
}

namespace {

void path(cairo_t* cr, const std::vector<Vec2>& pts, const Mapper& m, bool close) {
    if (pts.empty()) return;
    cairo_move_to(cr, m.x(pts[0].x), m.y(pts[0].y));
    for (std::size_t i = 1; i < pts.size(); ++i) cairo_line_to(cr, m.x(pts[i].x), m.y(pts[i].y));
    if (close) cairo_close_path(cr);
}

void rooms(cairo_t* cr, const report::LevelDrawing& d, const Mapper& m) {
    cairo_set_line_width(cr, 0.15);
    for (const auto& r : d.rooms) {
        path(cr, r.polygon, m, true);
        set_hex(cr, report::room_colour(r.kind));
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
        cairo_stroke(cr);
    }
}

void furniture(cairo_t* cr, const report::LevelDrawing& d, const Mapper& m) {
    cairo_set_line_width(cr, 0.12);
    for (const auto& f : d.furniture) {
        path(cr, f.footprint, m, true);
        if (f.holds_books) cairo_set_source_rgb(cr, 0.54, 0.43, 0.29);
        else cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_fill_preserve(cr);
        cairo_set_source_rgb(cr, 0.33, 0.33, 0.33);
        cairo_stroke(cr);
    }
}

void walls(cairo_t* cr, const report::LevelDrawing& d, const Mapper& m) {
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE);
    for (const auto& w : d.walls) {
        if (w.points.size() < 2) continue;
        const bool closed = w.points.size() > 2 && w.points.front() == w.points.back();
        std::vector<Vec2> pts = w.points;
        if (closed) pts.pop_back();
        cairo_set_line_width(cr, w.thickness * m.k);
        path(cr, pts, m, closed);
        cairo_stroke(cr);
    }
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
}

void openings(cairo_t* cr, const report::LevelDrawing& d, const Mapper& m) {
    for (const auto& o : d.openings) {
        // The gap in the wall, then the window's glass or the exit's green sill line.
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, o.wall_thickness * 1.1 * m.k);
        cairo_move_to(cr, m.x(o.a.x), m.y(o.a.y));
        cairo_line_to(cr, m.x(o.b.x), m.y(o.b.y));
        cairo_stroke(cr);
        if (o.kind != plan::OpeningKind::Door) {
            if (o.kind == plan::OpeningKind::Window) cairo_set_source_rgb(cr, 0.3, 0.55, 0.9);
            else cairo_set_source_rgb(cr, 0.18, 0.66, 0.31);
            cairo_set_line_width(cr, o.kind == plan::OpeningKind::Window ? 0.25 : 0.5);
            cairo_move_to(cr, m.x(o.a.x), m.y(o.a.y));
            cairo_line_to(cr, m.x(o.b.x), m.y(o.b.y));
            cairo_stroke(cr);
        }
        // Each leaf open at 90°, and the arc its free end sweeps back to the wall.
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
        for (const auto& leaf : o.leaves) {
            if (leaf.size() < 3) continue;
            cairo_set_line_width(cr, 0.25);
            cairo_move_to(cr, m.x(leaf.front().x), m.y(leaf.front().y));
            cairo_line_to(cr, m.x(leaf.back().x), m.y(leaf.back().y));
            cairo_stroke(cr);
            cairo_set_line_width(cr, 0.12);
            path(cr, std::vector<Vec2>(leaf.begin() + 1, leaf.end()), m, false);
            cairo_stroke(cr);
        }
    }
}

std::string metres(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", v);
    return b;
}

// One dimension line: extension lines, the line with architectural ticks, its length above it
// (written along the line, never upside down).
void dimension(cairo_t* cr, const report::DimensionLine& dl, const Mapper& m) {
    const double ax = m.x(dl.line_from.x), ay = m.y(dl.line_from.y), bx = m.x(dl.line_to.x), by = m.y(dl.line_to.y);
    const double len = std::hypot(bx - ax, by - ay);
    if (len < 12) return;  // too short on paper to carry its number
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    cairo_set_line_width(cr, 0.1);
    cairo_move_to(cr, m.x(dl.from.x), m.y(dl.from.y));
    cairo_line_to(cr, ax, ay);
    cairo_move_to(cr, m.x(dl.to.x), m.y(dl.to.y));
    cairo_line_to(cr, bx, by);
    cairo_move_to(cr, ax, ay);
    cairo_line_to(cr, bx, by);
    cairo_stroke(cr);
    const double ux = (bx - ax) / len, uy = (by - ay) / len;
    cairo_set_line_width(cr, 0.3);
    for (auto [x, y] : {std::pair{ax, ay}, std::pair{bx, by}}) {
        cairo_move_to(cr, x - (ux - uy) * 1.0, y - (uy + ux) * 1.0);
        cairo_line_to(cr, x + (ux - uy) * 1.0, y + (uy + ux) * 1.0);
    }
    cairo_stroke(cr);
    double angle = std::atan2(uy, ux);
    if (angle > M_PI / 2 + 1e-6 || angle < -M_PI / 2 - 1e-6) angle += M_PI;
    cairo_save(cr);
    cairo_translate(cr, (ax + bx) / 2, (ay + by) / 2);
    cairo_rotate(cr, angle);
    draw::fitted_text(cr, metres(dl.length), -len / 2, -0.8, len, 2.2, draw::Align::Centre);
    cairo_restore(cr);
}

// Room names and areas, decluttered (report::place_labels): a label that would cover another room's
// moves beside it or is left out; rooms under 20 m² (small rooms, zones) give way to larger ones.
void room_labels(cairo_t* cr, const report::LevelDrawing& d, const Mapper& m) {
    struct Text {
        std::string name, area;
        double x, y, w;
    };
    std::vector<Text> texts;
    std::vector<report::LabelBox> boxes;
    for (const auto& r : d.rooms) {
        if (r.polygon.empty()) continue;
        double lo = r.polygon[0].x, hi = lo;
        for (const auto& p : r.polygon) {
            lo = std::min(lo, p.x);
            hi = std::max(hi, p.x);
        }
        Text t{r.name.empty() ? tr(plan::display_key(r.kind)) : r.name, {}, m.x(r.label_at.x), m.y(r.label_at.y),
               std::max(8.0, (hi - lo) * m.k - 2)};
        char area[48];
        std::snprintf(area, sizeof area, "%.1f m²", r.area);
        t.area = area;
        draw::use_font(cr, 3.0, true);
        const double tw = std::min(t.w, std::max(draw::text_width(cr, t.name), 12.0));
        boxes.push_back({t.x - tw / 2, t.y - 3.0, tw, 6.6, r.area >= 20 ? 3 : 2});
        texts.push_back(std::move(t));
    }
    const auto placed = report::place_labels(boxes, 0.6);
    cairo_set_source_rgb(cr, 0.08, 0.08, 0.08);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (!placed[i].placed) continue;
        const Text& t = texts[i];
        const double x = t.x + placed[i].dx, y = t.y + placed[i].dy;
        draw::fitted_text(cr, t.name, x - t.w / 2, y, t.w, 3.0, draw::Align::Centre, true);
        draw::fitted_text(cr, t.area, x - t.w / 2, y + 3.4, t.w, 2.4, draw::Align::Centre);
    }
}

}  // namespace

void plan(cairo_t* cr, const report::LevelDrawing& d, const std::vector<report::DimensionLine>& dims, const Mapper& m) {
    rooms(cr, d, m);
    furniture(cr, d, m);
    walls(cr, d, m);
    openings(cr, d, m);
    for (const auto& dl : dims) dimension(cr, dl, m);
    room_labels(cr, d, m);
}

void markers(cairo_t* cr, const std::vector<standards::LayoutProblem>& problems, const Mapper& m) {
    std::vector<std::pair<double, double>> placed;
    constexpr double r = 2.0;
    for (std::size_t i = 0; i < problems.size(); ++i) {
        double x = m.x(problems[i].at.x), y = m.y(problems[i].at.y);
        // Markers at the same place are set side by side rather than on top of each other.
        while (std::any_of(placed.begin(), placed.end(),
                           [&](auto& p) { return std::hypot(p.first - x, p.second - y) < 2 * r + 0.3; }))
            x += 2 * r + 0.4;
        placed.push_back({x, y});
        cairo_arc(cr, x, y, r, 0, 2 * M_PI);
        cairo_set_source_rgba(cr, 0.84, 0.15, 0.16, 0.9);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 1, 1, 1);
        draw::fitted_text(cr, std::to_string(i + 1), x - r, y + 0.9, 2 * r, 2.6, draw::Align::Centre, true);
    }
}

}  // namespace shuxiang::plan_print::paint
