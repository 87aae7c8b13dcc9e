// The plan's top view as inline SVG for the OPAC's route page: rooms, walls with their doors open,
// furniture footprints, the target section highlighted, the route from the entrance and a "you are
// here" mark. Plan Y points north, SVG y down: y is flipped. One SVG unit is one metre; the viewBox
// scales the drawing to any screen.
#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <sstream>

#include "app.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/server/html.hpp"

namespace shuxiang::server {
namespace {

constexpr double kMargin = 0.8;  // m round the drawing

// The drawing's frame: plan bounds with a margin; maps plan points to SVG points.
struct Frame {
    double x0 = 0, y0 = 0, x1 = 1, y1 = 1;
    void add(plan::Vec2 p) {
        x0 = std::min(x0, p.x);
        y0 = std::min(y0, p.y);
        x1 = std::max(x1, p.x);
        y1 = std::max(y1, p.y);
    }
    double sx(double x) const { return x - x0 + kMargin; }
    double sy(double y) const { return y1 - y + kMargin; }
    double width() const { return x1 - x0 + 2 * kMargin; }
    double height() const { return y1 - y0 + 2 * kMargin; }
};

std::string num(double v) {
    std::ostringstream o;
    o << std::fixed << std::setprecision(2) << (std::abs(v) < 0.005 ? 0.0 : v);
    return o.str();
}

std::string points(const Frame& f, const std::vector<plan::Vec2>& pts) {
    std::string out;
    for (const auto& p : pts) {
        if (!out.empty()) out += ' ';
        out += num(f.sx(p.x)) + "," + num(f.sy(p.y));
    }
    return out;
}

// What the reader needs to see: the section's room and the whole route (a school's level can be
// 60 m wide; on a phone the whole of it would be too small to read). The whole level when the
// section stands outside every room.
Frame frame_of(const plan::Level& level, const route::ShelfRoute& r, const std::string& room_id) {
    Frame f{std::numeric_limits<double>::max(), std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest(),
            std::numeric_limits<double>::lowest()};
    bool room_found = false;
    for (const auto& room : level.rooms)
        if (room.id == room_id)
            for (const auto& p : room.polygon) f.add(p), room_found = true;
    if (!room_found)
        for (const auto& w : level.walls)
            for (const auto& p : w.points) f.add(p);
    for (const auto& p : r.corners) f.add(p);
    f.add(r.start);
    f.add(r.goal);
    return f;
}

// Text and marks grow with the drawing so that they read the same on any plan.
double text_size(const Frame& f) { return std::clamp(std::max(f.width(), f.height()) / 28, 0.3, 1.5); }

void draw_rooms(std::ostream& o, const Frame& f, const plan::Level& level) {
    o << "<g class=\"sx-rooms\" fill=\"#f1f5f3\" stroke=\"#b7c4bd\" stroke-width=\"0.03\">";
    for (const auto& room : level.rooms) o << "<polygon points=\"" << points(f, room.polygon) << "\"/>";
    o << "</g>";
}

// Room names over the furniture, with a white halo so that they read over anything.
void draw_room_names(std::ostream& o, const Frame& f, const plan::Level& level) {
    o << "<g class=\"sx-room-names\" fill=\"#495057\" font-size=\"" << num(text_size(f) * 0.8)
      << "\" text-anchor=\"middle\" stroke=\"#ffffff\" stroke-width=\"" << num(text_size(f) * 0.15)
      << "\" stroke-opacity=\"0.85\" paint-order=\"stroke\">";
    for (const auto& room : level.rooms) {
        if (room.polygon.size() < 3) continue;
        const plan::Vec2 c = plan::polygon_centroid(room.polygon);
        o << "<text x=\"" << num(f.sx(c.x)) << "\" y=\"" << num(f.sy(c.y)) << "\">" << html_escape(room.name) << "</text>";
    }
    o << "</g>";
}

// Walls as thick lines, then each door or entrance drawn open (a white gap across the wall).
void draw_walls(std::ostream& o, const Frame& f, const plan::Level& level) {
    o << "<g class=\"sx-walls\" fill=\"none\" stroke=\"#343a40\" stroke-linejoin=\"miter\" stroke-linecap=\"square\">";
    for (const auto& w : level.walls)
        o << "<polyline points=\"" << points(f, w.points) << "\" stroke-width=\"" << num(w.thickness) << "\"/>";
    o << "</g><g class=\"sx-doors\" stroke=\"#ffffff\">";
    for (const auto& op : level.openings) {
        if (op.kind == plan::OpeningKind::Window) continue;
        const plan::Wall* wall = nullptr;
        for (const auto& w : level.walls)
            if (w.id == op.wall) wall = &w;
        const auto at = wall ? plan::point_along_polyline(wall->points, op.offset) : std::nullopt;
        if (!at) continue;
        const plan::Vec2 a = at->point - at->direction * (op.width / 2), b = at->point + at->direction * (op.width / 2);
        o << "<line x1=\"" << num(f.sx(a.x)) << "\" y1=\"" << num(f.sy(a.y)) << "\" x2=\"" << num(f.sx(b.x)) << "\" y2=\""
          << num(f.sy(b.y)) << "\" stroke-width=\"" << num(wall->thickness + 0.04) << "\"/>";
    }
    o << "</g>";
}

void draw_furniture(std::ostream& o, const Frame& f, const plan::Level& level, const plan::FurnitureCatalog& cat,
                    const std::string& target) {
    o << "<g class=\"sx-furniture\" stroke=\"#6c757d\" stroke-width=\"0.02\">";
    for (const auto& fu : level.furniture) {
        const auto* t = cat.find(fu.type);
        if (!t) continue;
        o << "<polygon points=\"" << points(f, plan::world_footprint(fu, *t)) << "\" fill=\""
          << (fu.id == target ? "#cfe2ff" : "#dee2e6") << "\"/>";
    }
    o << "</g>";
}

// The section's face: a bar along the face, 12 cm into the range, and the standing point.
void draw_target(std::ostream& o, const Frame& f, const route::ShelfRoute& r) {
    const route::SectionFace& s = r.face;
    const plan::Vec2 along{-s.normal.y, s.normal.x}, in = s.normal * -0.12;
    const plan::Vec2 a = s.center - along * (s.width / 2), b = s.center + along * (s.width / 2);
    o << "<polygon id=\"sx-target\" class=\"sx-target\" fill=\"#0d6efd\" points=\"" << points(f, {a, b, b + in, a + in}) << "\"/>";
    o << "<circle class=\"sx-goal\" cx=\"" << num(f.sx(r.goal.x)) << "\" cy=\"" << num(f.sy(r.goal.y))
      << "\" r=\"" << num(text_size(f) * 0.35) << "\" fill=\"#0d6efd\"/>";
}

void draw_route(std::ostream& o, const Frame& f, const route::ShelfRoute& r) {
    const double k = text_size(f);
    if (!r.corners.empty())
        o << "<polyline id=\"sx-route\" class=\"sx-route\" fill=\"none\" stroke=\"#d63384\" stroke-width=\"" << num(k * 0.35)
          << "\" stroke-linecap=\"round\" stroke-linejoin=\"round\" points=\"" << points(f, r.corners) << "\"/>";
    if (r.error_key == "sim.route.no_entrance") return;  // no entrance: no "you are here"
    o << "<circle id=\"sx-here\" class=\"sx-here\" cx=\"" << num(f.sx(r.start.x)) << "\" cy=\"" << num(f.sy(r.start.y))
      << "\" r=\"" << num(k * 0.6) << "\" fill=\"#198754\" stroke=\"#ffffff\" stroke-width=\"" << num(k * 0.12) << "\"/>";
    // The label beside the mark, on the side of the drawing with more room, above its stroke.
    const bool right = f.sx(r.start.x) < f.width() / 2;
    o << "<text class=\"sx-here-label\" x=\"" << num(f.sx(r.start.x) + (right ? k : -k)) << "\" y=\""
      << num(f.sy(r.start.y) - k * 0.7) << "\" text-anchor=\"" << (right ? "start" : "end") << "\" font-size=\"" << num(k)
      << "\" font-weight=\"bold\" fill=\"#198754\" stroke=\"#ffffff\" stroke-width=\"" << num(k * 0.2)
      << "\" paint-order=\"stroke\">" << html_escape(tr("web.route.you_are_here")) << "</text>";
}

}  // namespace

std::string route_svg(const plan::Level& level, const plan::FurnitureCatalog& cat, const route::ShelfRoute& r,
                      const std::string& room_id, const std::string& caption) {
    const Frame f = frame_of(level, r, room_id);
    std::ostringstream o;
    o << "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"sx-route-map\" class=\"sx-route-map\" viewBox=\"0 0 "
      << num(f.width()) << " " << num(f.height()) << "\" width=\"100%\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" "
      << "overflow=\"hidden\" aria-labelledby=\"sx-route-caption\"><title id=\"sx-route-caption\">" << html_escape(caption) << "</title>"
      << "<rect width=\"" << num(f.width()) << "\" height=\"" << num(f.height()) << "\" fill=\"#ffffff\"/>";
    draw_rooms(o, f, level);
    draw_furniture(o, f, level, cat, r.furniture_id);
    draw_walls(o, f, level);
    draw_room_names(o, f, level);
    draw_target(o, f, r);
    draw_route(o, f, r);
    o << "</svg>";
    return o.str();
}

}  // namespace shuxiang::server
