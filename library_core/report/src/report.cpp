#include "shuxiang/report/report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "html.hpp"
#include "shuxiang/report/plan_drawing.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::report {

using html::bi;
using html::num;

using standards::Check;
using standards::Status;

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {






std::string unit_text(const std::string& unit) {
    if (unit.empty() || unit == "%") return {};
    return html::bi_text(standards::unit_text(unit, Language::ZhCN), standards::unit_text(unit, Language::En));
}

std::string measured_text(const Check& c) {
    if (c.status == Status::NotAssessable) return "–";
    int d = c.unit == "%" || c.unit == "m" ? 1 : (std::abs(c.measured - std::round(c.measured)) > 1e-9 ? 2 : 0);
    if (c.unit == "m") d = 2;
    return html::grouped(c.measured, d);
}

std::string required_text(const Check& c) {
    int d = c.unit == "%" ? 1 : (std::abs(c.required - std::round(c.required)) > 1e-9 ? 2 : 0);
    if (c.unit == "m") d = 2;
    std::string prefix = c.comparison == ">=" ? "≥ " : c.comparison == "<=" ? "≤ " : c.comparison == "≈" ? "≈ " : "";
    if (c.comparison == "present") return bi("report.required_present");
    return prefix + html::grouped(c.required, d);
}

std::string confidence_html(standards::Confidence c) {
    return "<span class=\"conf " + std::string(standards::to_string(c)) + "\">" +
           bi(std::string("confidence.") + standards::to_string(c)) + "</span>";
}

// The stage of a stage row from its key's last part ("….junior" → 初中), else empty.
std::string stage_of(const std::string& key) {
    std::string last = key.substr(key.rfind('.') + 1);
    std::string k = "standards.stage." + last;
    return tr_in(Language::ZhCN, k) == k ? std::string() : bi(k);
}

// Where a requirement comes from: its source, or every stage row it combines with each row's
// confidence and the rule that combined them.
std::string sources_html(const Check& c) {
    if (c.sources.size() <= 1) {
        return "<div class=\"source\">" + html::bi_text(c.source, c.source_en.empty() ? c.source : c.source_en) +
               "</div>" + confidence_html(c.confidence) +
               (c.derived ? std::string(" · ") + bi("report.derived") : std::string());
    }
    std::string out = "<div class=\"source rows\">" + bi("report.rows_used") + "<ul>";
    for (auto& s : c.sources) {
        std::string stage = stage_of(s.key);
        out += "<li data-key=\"" + html_escape(s.key) + "\">" + (stage.empty() ? std::string() : stage + " ") +
               num(s.value, std::abs(s.value - std::round(s.value)) > 1e-9 ? 1 : 0) + " · " +
               html::bi_text(s.source, s.source_en.empty() ? s.source : s.source_en) + " " +
               confidence_html(s.confidence) + "</li>";
    }
    out += "</ul>";
    if (!c.rule_key.empty()) out += bi("report.rule_used") + " " + bi(c.rule_key);
    return out + "</div>" + confidence_html(c.confidence) + " · " + bi("report.derived");
}

std::string points_attr(const std::vector<plan::Vec2>& pts) {
    std::string s;
    for (auto& p : pts) s += num(p.x, 3) + "," + num(-p.y, 3) + " ";  // SVG y points down
    return s;
}

// A hinged door's leaves (plan::door_leaf_sweeps: the hinge side and the side of the wall the leaf
// opens towards): each leaf drawn open at 90° and the arc its free end sweeps back to the wall.
std::string door_swings(const DrawnOpening& op) {
    std::string out;
    for (const auto& sweep : op.leaves) {
        if (sweep.size() < 3) continue;
        std::string d = "M " + num(sweep.front().x, 3) + " " + num(-sweep.front().y, 3);
        for (std::size_t i = sweep.size() - 1; i >= 1; --i) d += " L " + num(sweep[i].x, 3) + " " + num(-sweep[i].y, 3);
        out += "<path class=\"door-swing\" d=\"" + d + "\" fill=\"none\" stroke=\"#555\" stroke-width=\"0.03\"/>\n";
    }
    return out;
}

// A scale bar of a round length (about a fifth of the drawing's width) and a north arrow.
std::string scale_and_north(const Extent& b) {
    const double len = scale_bar_length(b.width() / 5);
    const double x = b.minx, y = -(b.miny - 1.2);
    std::ostringstream o;
    o << "<g class=\"scale-bar\"><rect x=\"" << num(x, 2) << "\" y=\"" << num(y - 0.12, 2) << "\" width=\"" << num(len, 2)
      << "\" height=\"0.24\" fill=\"#333\"/><text x=\"" << num(x + len + 0.3, 2) << "\" y=\"" << num(y + 0.2, 2)
      << "\" font-size=\"0.6\">" << num(len) << " m</text></g>\n";
    const double nx = b.maxx + 0.6, ny = -(b.maxy + 0.2);
    o << "<g class=\"north\"><polygon points=\"" << num(nx, 2) << "," << num(ny - 1.0, 2) << " " << num(nx - 0.35, 2) << ","
      << num(ny, 2) << " " << num(nx + 0.35, 2) << "," << num(ny, 2) << "\" fill=\"#333\"/><text x=\"" << num(nx, 2)
      << "\" y=\"" << num(ny + 0.7, 2) << "\" font-size=\"0.6\" text-anchor=\"middle\">N</text></g>\n";
    return o.str();
}

// Where a marker is drawn: beside a room label that it would cover (up and to the right), else at
// its place.
plan::Vec2 marker_place(plan::Vec2 at, const std::vector<plan::Vec2>& labels) {
    for (auto& l : labels)
        if (std::abs(at.x - l.x) < 1.6 && std::abs(at.y - l.y) < 1.0) return {l.x + 1.9, l.y + 1.0};
    return at;
}

}  // namespace

namespace {

void svg_rooms_and_walls(std::ostream& o, const LevelDrawing& d) {
    for (auto& r : d.rooms) {
        o << "<polygon class=\"room\" data-id=\"" << html_escape(r.id) << "\" points=\"" << points_attr(r.polygon)
          << "\" fill=\"" << room_colour(r.kind) << "\" stroke=\"#888\" stroke-width=\"0.03\"><title>"
          << html_escape(r.name) << "</title></polygon>\n";
    }
    for (auto& wall : d.walls) {
        o << "<polyline class=\"wall\" points=\"" << points_attr(wall.points) << "\" fill=\"none\" stroke=\"#333\""
          << " stroke-width=\"" << num(wall.thickness, 3) << "\" stroke-linecap=\"square\"/>\n";
    }
    for (auto& op : d.openings) {
        const char* colour = op.kind == plan::OpeningKind::Window          ? "#7fb3ff"
                             : op.kind == plan::OpeningKind::EmergencyExit ? "#2fa84f"
                                                                           : "#ffffff";
        o << door_swings(op);
        o << "<line class=\"opening " << plan::to_string(op.kind) << "\" x1=\"" << num(op.a.x, 3) << "\" y1=\""
          << num(-op.a.y, 3) << "\" x2=\"" << num(op.b.x, 3) << "\" y2=\"" << num(-op.b.y, 3) << "\" stroke=\"" << colour
          << "\" stroke-width=\"" << num(op.wall_thickness * 1.1, 3) << "\"/>\n";
    }
    for (auto& f : d.furniture) {
        o << "<polygon class=\"furniture\" points=\"" << points_attr(f.footprint) << "\" fill=\""
          << (f.holds_books ? "#8a6d4b" : "#ffffff") << "\" stroke=\"#555\" stroke-width=\"0.02\"/>\n";
    }
}

// Room names and areas; returns where they are written.
std::vector<plan::Vec2> svg_room_labels(std::ostream& o, const LevelDrawing& d) {
    std::vector<plan::Vec2> labels;
    for (auto& r : d.rooms) {
        if (r.polygon.empty()) continue;
        const plan::Vec2 c = r.label_at;
        labels.push_back(c);
        o << "<text class=\"room-name\" x=\"" << num(c.x, 2) << "\" y=\"" << num(-c.y, 2)
          << "\" font-size=\"0.6\" text-anchor=\"middle\">" << html_escape(r.name) << "</text>\n";
        o << "<text class=\"room-area\" x=\"" << num(c.x, 2) << "\" y=\"" << num(-c.y + 0.7, 2)
          << "\" font-size=\"0.45\" text-anchor=\"middle\" fill=\"#555\">" << html::grouped(r.area, 1)
          << " m²</text>\n";
    }
    return labels;
}

}  // namespace

std::string level_svg(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, std::size_t level_index,
                      const std::vector<std::pair<int, standards::Marker>>& markers) {
    const LevelDrawing d = level_drawing(plan, catalog, level_index);
    const Extent& b = d.extent;
    if (b.empty()) return {};
    const double pad = 2.0;  // room for the scale bar and the north arrow
    std::ostringstream o;
    double w = b.width() + 2 * pad, h = b.height() + 2 * pad;
    o << "<svg class=\"plan\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"" << num(b.minx - pad, 2) << " "
      << num(-b.maxy - pad, 2) << " " << num(w, 2) << " " << num(h, 2) << "\" data-level=\""
      << html_escape(d.level_id) << "\">\n";
    svg_rooms_and_walls(o, d);
    const std::vector<plan::Vec2> labels = svg_room_labels(o, d);
    for (auto& [n, m] : markers) {
        if (m.level != d.level_id) continue;
        plan::Vec2 at = marker_place({m.x, m.y}, labels);
        o << "<g class=\"marker\" data-check-number=\"" << n << "\">";
        if (at.x != m.x || at.y != m.y)
            o << "<line x1=\"" << num(m.x, 2) << "\" y1=\"" << num(-m.y, 2) << "\" x2=\"" << num(at.x, 2) << "\" y2=\""
              << num(-at.y, 2) << "\" stroke=\"#d62728\" stroke-width=\"0.05\"/>";
        o << "<circle cx=\"" << num(at.x, 2) << "\" cy=\"" << num(-at.y, 2)
          << "\" r=\"0.55\" fill=\"#d62728\" fill-opacity=\"0.85\"/><text x=\"" << num(at.x, 2) << "\" y=\""
          << num(-at.y + 0.22, 2) << "\" font-size=\"0.6\" fill=\"#fff\" text-anchor=\"middle\">" << n
          << "</text></g>\n";
    }
    o << scale_and_north(b);
    o << "</svg>\n";
    return o.str();
}

namespace {

// Horizontal bars: measured share against the required share of each 大部类.
std::string shares_chart(const standards::Checklist& cl) {
    std::ostringstream o;
    const double bar_w = 300, row_h = 34;
    o << "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 520 " << num(5 * row_h + 30)
      << "\" role=\"img\">\n";
    double max_pct = 10;
    for (int i = 1; i <= 5; ++i)
        if (auto* c = cl.find("collection.share." + std::to_string(i)))
            max_pct = std::max({max_pct, c->measured, c->required});
    max_pct = std::ceil(max_pct / 10) * 10;
    const char* labels[5] = {"A", "B", "C–K", "N–X", "Z"};
    for (int i = 0; i < 5; ++i) {
        auto* c = cl.find("collection.share." + std::to_string(i + 1));
        if (!c) continue;
        double y = 10 + i * row_h;
        double req = c->required / max_pct * bar_w, got = c->measured / max_pct * bar_w;
        const char* colour = c->status == Status::Pass      ? "#2ca02c"
                             : c->status == Status::Warning ? "#ff9f1c"
                             : c->status == Status::Fail    ? "#d62728"
                                                            : "#bbbbbb";
        o << "<text x=\"0\" y=\"" << num(y + 16) << "\" font-size=\"13\">" << labels[i] << "</text>\n";
        o << "<rect x=\"60\" y=\"" << num(y) << "\" width=\"" << num(got, 1) << "\" height=\"20\" fill=\"" << colour
          << "\"/>\n";
        o << "<line x1=\"" << num(60 + req, 1) << "\" x2=\"" << num(60 + req, 1) << "\" y1=\"" << num(y - 3)
          << "\" y2=\"" << num(y + 23) << "\" stroke=\"#000\" stroke-width=\"2\"/>\n";
        o << "<text x=\"" << num(60 + bar_w + 10) << "\" y=\"" << num(y + 15) << "\" font-size=\"12\">"
          << (c->status == Status::NotAssessable ? std::string("–") : num(c->measured, 1) + " %") << " / "
          << num(c->required, 1) << " %</text>\n";
    }
    o << "</svg>\n";
    return o.str();
}


std::string advice_html(const Check& c) {
    return "<span class=\"zh\">" + html_escape(standards::advice_text(c, Language::ZhCN)) + "</span><span class=\"en\">" +
           html_escape(standards::advice_text(c, Language::En)) + "</span>";
}

// The holdings against the books requirement, stage by stage.
std::string books_chart(const standards::Checklist& cl) {
    const Check* c = cl.find("collection.books");
    if (!c || c->status == Status::NotAssessable) return {};
    std::vector<html::Bar> bars;
    for (auto& s : c->sources) {
        std::string last = s.key.substr(s.key.rfind('.') + 1);
        bars.push_back({tr_in(Language::ZhCN, "report.chart.required") + " · " + tr_in(Language::ZhCN, "standards.stage." + last),
                        tr_in(Language::En, "report.chart.required") + " · " + tr_in(Language::En, "standards.stage." + last),
                        s.part, 0, html::grouped(s.part), true});
    }
    bars.push_back({tr_in(Language::ZhCN, "report.chart.holdings"), tr_in(Language::En, "report.chart.holdings"), c->measured,
                    c->required, html::grouped(c->measured) + " / " + html::grouped(c->required),
                    c->status == Status::Pass});
    return html::bar_chart(bars, "chart-books");
}

// New books acquired year by year against the yearly requirement (one per student and year, or
// what the profile says): the statistics year's check gives the target.
std::string new_books_chart(const standards::HoldingsSummary& h, const standards::Checklist& cl) {
    const Check* c = cl.find("collection.new_books");
    if (h.new_books_by_year.empty() || !c || c->status == Status::NotAssessable) return {};
    std::vector<html::Bar> bars;
    for (const auto& [year, n] : h.new_books_by_year) {
        const double v = static_cast<double>(n);
        bars.push_back({std::to_string(year), std::to_string(year), v, c->required,
                        html::grouped(v) + " / " + html::grouped(c->required), v >= c->required});
    }
    return "<p class=\"source\">" + bi("report.chart.new_books") + "</p>\n" + html::bar_chart(bars, "chart-new-books");
}

// Seats, reading area and shelf capacity as a share of what the standard asks (the tick is 100 %).
std::string space_chart(const standards::Checklist& cl, const plan::Plan& p, const plan::FurnitureCatalog& catalog,
                        const standards::RuleSet* rules) {
    std::vector<html::Bar> bars;
    auto add = [&](const std::string& key, double measured, double required, const std::string& unit) {
        if (required <= 0) return;
        bars.push_back({tr_in(Language::ZhCN, key), tr_in(Language::En, key), 100 * measured / required, 100,
                        html::grouped(measured) + " / " + html::grouped(required) + " " + unit, measured >= required});
    };
    for (auto id : {"space.student_seats", "space.teacher_seats", "space.stack_capacity"})
        if (const Check* c = cl.find(id); c && c->status != Status::NotAssessable)
            add(c->title_key, c->measured, c->required, "");
    if (rules) {
        auto need = standards::required_reading_area(p.school, *rules);
        double planned = 0;
        for (auto& r : plan::summarize(p, catalog).rooms)
            if (r.kind == plan::RoomKind::Reading && r.seats > 0) planned += r.area;
        if (need.missing.empty()) add("report.chart.reading_area", planned, need.area, "m²");
    }
    return bars.empty() ? std::string() : html::bar_chart(bars, "chart-space");
}

// The checks marked on one level's drawing, listed beside it by their numbers.
std::string plan_problems_html(const standards::Checklist& cl, const std::vector<std::pair<int, standards::Marker>>& markers,
                               const std::string& level) {
    std::vector<int> numbers;
    for (auto& [n, m] : markers)
        if (m.level == level && std::find(numbers.begin(), numbers.end(), n) == numbers.end()) numbers.push_back(n);
    if (numbers.empty()) return {};
    std::string o = "<ol class=\"plan-problems\">";
    for (int n : numbers) {
        const Check& c = cl.checks[size_t(n - 1)];
        o += "<li value=\"" + std::to_string(n) + "\">" + bi(c.title_key) + " " +
             (c.recommended ? html::recommendation_pill(c.status) : html::status_pill(c.status));
        if (!c.advice_key.empty()) o += " <span class=\"advice\">" + advice_html(c) + "</span>";
        o += "</li>";
    }
    return o + "</ol>\n";
}

// One line of the 整改清单: a failing or near required check, its number in the checklist and the
// points it would add to the excellent-library score once it passes.
struct Fix {
    const Check* check;
    int number;
    double gain;
};

int group_rank(const std::string& g) {
    return g == "safety" ? 0 : g == "collection" ? 1 : g == "space" ? 2 : 3;
}

// Most serious first: failures before warnings, safety before collection before space and service,
// then the larger effect on the score, then the checklist's order.
std::vector<Fix> fixes_of(const standards::Checklist& cl, const standards::Score* score) {
    std::vector<Fix> out;
    for (size_t i = 0; i < cl.checks.size(); ++i) {
        const Check& c = cl.checks[i];
        if (c.recommended || (c.status != Status::Fail && c.status != Status::Warning)) continue;
        double gain = 0;
        if (score)
            for (auto& cat : score->categories)
                for (auto& line : cat.lines)
                    if (line.check == c.id) gain += line.max_points - line.points;
        out.push_back({&c, int(i) + 1, gain});
    }
    std::stable_sort(out.begin(), out.end(), [](const Fix& a, const Fix& b) {
        if (a.check->status != b.check->status) return a.check->status == Status::Fail;
        int ga = group_rank(a.check->group), gb = group_rank(b.check->group);
        if (ga != gb) return ga < gb;
        return a.gain > b.gain;
    });
    return out;
}


std::string fix_list_html(const standards::Checklist& cl, const standards::Score* score) {
    std::ostringstream o;
    o << "<h2>" << bi("report.fix_list") << "</h2>\n";
    auto fixes = fixes_of(cl, score);
    if (fixes.empty()) return o.str() + "<p id=\"fix-list-empty\">" + bi("report.fix_list_empty") + "</p>\n";
    o << "<table id=\"fix-list\"><thead><tr><th>#</th><th>" << bi("report.col.check") << "</th><th>"
      << bi("report.col.status") << "</th><th>" << bi("report.col.measured") << "</th><th>" << bi("report.col.required")
      << "</th><th>" << bi("report.col.change") << "</th>" << (score ? "<th>" + bi("report.col.score_effect") + "</th>" : "")
      << "</tr></thead><tbody>\n";
    for (auto& f : fixes) {
        const Check& c = *f.check;
        o << "<tr data-check=\"" << html_escape(c.id) << "\"><td>" << f.number << "</td><td>" << bi(c.title_key)
          << "</td><td>" << html::status_pill(c.status) << "</td><td class=\"num measured\">" << measured_text(c) << " "
          << unit_text(c.unit) << "</td><td class=\"num required\">" << required_text(c) << "</td><td class=\"advice\">"
          << advice_html(c) << "</td>";
        if (score) o << "<td class=\"num gain\">+" << num(f.gain, 1) << "</td>";
        o << "</tr>\n";
    }
    o << "</tbody></table>\n";
    if (int n = cl.recommendations_open(); n > 0)
        o << "<p class=\"source\">" << bi("report.fix_list_recommendations") << " " << n << "</p>\n";
    return o.str();
}

// Rooms with their planned area and seats, and the area their seats need by the standard; then the
// reading area the school's stages require.
std::string rooms_html(const plan::Plan& p, const plan::FurnitureCatalog& catalog, const standards::RuleSet* rules) {
    std::ostringstream o;
    auto summary = plan::summarize(p, catalog);
    standards::ReadingArea need;
    if (rules) need = standards::required_reading_area(p.school, *rules);
    const bool norms = rules && need.missing.empty();
    o << "<h2>" << bi("report.rooms") << "</h2>\n<table id=\"rooms\"><thead><tr><th>" << bi("report.col.room")
      << "</th><th>" << bi("report.col.kind") << "</th><th>" << bi("report.col.area") << "</th><th>"
      << bi("report.col.seats") << "</th><th>" << bi("report.col.area_needed") << "</th></tr></thead><tbody>\n";
    double planned_reading = 0;
    for (auto& r : summary.rooms) {
        const plan::Level* l = plan::find_level(p, r.level);
        const plan::Room* room = l ? plan::find_room(*l, r.room) : nullptr;
        if (!room) continue;
        std::string needed = "–";
        if (r.kind == plan::RoomKind::Reading && r.seats > 0) {
            planned_reading += r.area;
            if (norms)
                needed = html::grouped(r.seats * (room->for_teachers ? need.teacher_m2_per_seat : need.student_m2_per_seat), 1);
        }
        o << "<tr data-room=\"" << html_escape(room->id) << "\"><td>" << html_escape(room->name) << "</td><td>"
          << bi(std::string("plan.room_kind.") + plan::to_string(r.kind)) << "</td><td class=\"num\">"
          << html::grouped(r.area, 1) << "</td><td class=\"num\">" << r.seats << "</td><td class=\"num\">" << needed
          << "</td></tr>\n";
    }
    o << "</tbody></table>\n";
    if (norms)
        o << "<p id=\"reading-area\">" << bi("report.reading_area_required") << " <b>" << html::grouped(need.area, 1)
          << " m²</b> (" << html::grouped(need.student_seats) << " × " << num(need.student_m2_per_seat, 2) << " + "
          << html::grouped(need.teacher_seats) << " × " << num(need.teacher_m2_per_seat, 2) << ") · "
          << bi("report.reading_area_planned") << " <b>" << html::grouped(planned_reading, 1) << " m²</b></p>\n";
    return o.str();
}

// The title, the school's numbers and the flags on its holdings (synthetic, an earlier year).
std::string header_html(const ReportInput& in) {
    const plan::Plan& p = *in.plan;
    std::ostringstream o;
    o << "<h1>" << html_escape(p.school.name) << "</h1>\n<div class=\"meta\">" << bi("report.title") << " · "
      << bi(plan::display_key(p.school.type)) << " · " << bi("report.students") << " "
      << html::grouped(p.school.students.total()) << " (" << bi("report.stage.primary") << " "
      << html::grouped(p.school.students.primary) << ", " << bi("report.stage.junior") << " "
      << html::grouped(p.school.students.junior) << ", " << bi("report.stage.senior") << " "
      << html::grouped(p.school.students.senior) << ") · " << bi("report.teachers") << " " << p.school.teachers << " · "
      << bi("report.profile") << " <span class=\"zh\">" << html_escape(in.profile_name_zh)
      << "</span><span class=\"en\">" << html_escape(in.profile_name_en) << "</span> · " << bi("report.generated")
      << " " << html_escape(in.generated) << "</div>\n";
    if (in.holdings && in.holdings->synthetic) o << "<p class=\"synthetic\">" << bi("report.synthetic") << "</p>\n";
    // Holdings of an earlier statistics year than the report's date are flagged.
    if (in.holdings && in.generated.size() >= 4 && std::isdigit(static_cast<unsigned char>(in.generated[0])) &&
        in.holdings->year < std::stoi(in.generated.substr(0, 4)))
        o << "<p class=\"synthetic\" id=\"stale-year\">"
          << html::bi_text(trf_in(Language::ZhCN, "report.stale_year", {std::to_string(in.holdings->year), in.generated.substr(0, 4)}),
                           trf_in(Language::En, "report.stale_year", {std::to_string(in.holdings->year), in.generated.substr(0, 4)}))
          << "</p>\n";
    return o.str();
}

// The excellent-library score: total, 入选 / 未入选 against the threshold, the categories.
std::string score_html(const ReportInput& in) {
    std::ostringstream o;
    const auto& sc = *in.score;
    o << "<h2>" << bi("report.score") << "</h2>\n<p>" << bi("report.score_total") << " <b id=\"score\">"
      << num(sc.points, 1) << " / " << num(sc.max_points, 0) << "</b> (" << num(sc.percent, 1) << " %) · "
      << bi("report.score_threshold") << " " << num(in.score_threshold, 0) << " % · "
      << "<span id=\"selection\" class=\"pill " << (sc.selected ? "pass" : "not_assessable") << "\">"
      << bi(sc.selected ? "report.selected" : "report.not_selected") << "</span>";
    if (sc.not_assessed > 0) o << " · " << bi("report.score_not_assessed") << " " << sc.not_assessed;
    o << "</p>\n<table id=\"score-breakdown\"><tbody>\n";
    for (auto& cat : sc.categories)
        o << "<tr><td>" << html::bi_text(cat.name_zh, cat.name_en) << "</td><td class=\"num\">" << num(cat.points, 1)
          << " / " << num(cat.max_points, 0) << "</td></tr>\n";
    o << "</tbody></table>\n";
    return o.str();
}

// The checklist; the checks with places get their number, which the plan views show.
std::string checklist_html(const standards::Checklist& cl, std::vector<std::pair<int, standards::Marker>>& markers) {
    std::ostringstream o;
    o << "<h2>" << bi("report.checklist") << "</h2>\n<table id=\"checklist\">\n<thead><tr><th>#</th><th>"
      << bi("report.col.check") << "</th><th>" << bi("report.col.status") << "</th><th>" << bi("report.col.measured")
      << "</th><th>" << bi("report.col.required") << "</th><th>" << bi("report.col.source") << "</th></tr></thead>\n<tbody>\n";
    int n = 0;
    for (auto& c : cl.checks) {
        ++n;
        for (auto& m : c.markers) markers.emplace_back(n, m);
        o << "<tr data-check=\"" << html_escape(c.id) << "\" data-status=\"" << standards::to_string(c.status)
          << "\"" << (c.recommended ? " data-recommended=\"yes\"" : "") << "><td>" << n << "</td><td>"
          << bi(c.title_key);
        if (!c.advice_key.empty()) o << "<div class=\"advice\">" << advice_html(c) << "</div>";
        o << "</td><td>" << (c.recommended ? html::recommendation_pill(c.status) : html::status_pill(c.status))
          << "</td><td class=\"num measured\">" << measured_text(c) << " "
          << unit_text(c.unit) << "</td><td class=\"num required\">" << required_text(c)
          << "</td><td>" << sources_html(c) << "</td></tr>\n";
    }
    o << "</tbody></table>\n";
    return o.str();
}

}  // namespace

namespace {

// Standard base64 (RFC 4648) for data: URIs.
std::string base64(const std::string& bytes) {
    static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        unsigned v = 0;
        for (std::size_t j = 0; j < 3; ++j) v = (v << 8) | (j < n ? static_cast<unsigned char>(bytes[i + j]) : 0u);
        for (std::size_t j = 0; j < 4; ++j) out += j <= n ? k[(v >> (18 - 6 * j)) & 63] : '=';
    }
    return out;
}

std::string views_html(const std::vector<ReportImage>& images) {
    if (images.empty()) return {};
    std::string o = "<h2>" + bi("report.views") + "</h2>\n";
    for (const auto& img : images)
        o += "<figure class=\"view\"><img style=\"max-width:100%\" alt=\"" + html_escape(img.name) +
             "\" src=\"data:image/png;base64," + base64(img.png) + "\"><figcaption>" + html_escape(img.name) +
             "</figcaption></figure>\n";
    return o;
}

}  // namespace

std::string render_html(const ReportInput& in) {
    const plan::Plan& p = *in.plan;
    const standards::Checklist& cl = *in.checklist;
    std::ostringstream o;
    o << html::page_begin(p.school.name + " – " + tr_in(Language::ZhCN, "report.title"));
    o << header_html(in);

    o << "<div class=\"summary\">"
      << "<div class=\"s-pass\"><b id=\"count-pass\">" << cl.count(Status::Pass) << "</b>" << bi("status.pass") << "</div>"
      << "<div class=\"s-warning\"><b id=\"count-warning\">" << cl.count(Status::Warning) << "</b>" << bi("status.warning") << "</div>"
      << "<div class=\"s-fail\"><b id=\"count-fail\">" << cl.count(Status::Fail) << "</b>" << bi("status.fail") << "</div>"
      << "<div class=\"s-na\"><b id=\"count-na\">" << cl.count(Status::NotAssessable) << "</b>"
      << bi("status.not_assessable") << "</div>"
      << "<div class=\"s-rec\"><b id=\"count-recommendations\">" << cl.recommendations_open() << "</b>"
      << bi("report.recommendations_open") << "</div></div>\n";
    o << fix_list_html(cl, in.score);

    if (in.score) o << score_html(in);
    std::vector<std::pair<int, standards::Marker>> markers;
    o << checklist_html(cl, markers);
    if (in.catalog) {
        o << rooms_html(p, *in.catalog, in.rules);
        std::string chart = space_chart(cl, p, *in.catalog, in.rules);
        if (!chart.empty()) o << "<p class=\"source\">" << bi("report.chart.space") << "</p>\n" << chart;
    }

    o << "<h2>" << bi("report.collection") << "</h2>\n";
    if (in.holdings) {
        o << "<p>" << bi("report.books_total") << " <b id=\"books-total\">" << html::grouped(double(in.holdings->books))
          << "</b> · " << bi("report.new_books") << " " << html::grouped(double(in.holdings->new_books_this_year))
          << " · " << bi("report.periodicals") << " " << html::grouped(in.holdings->periodical_titles) << "</p>\n";
        o << books_chart(cl) << shares_chart(cl) << new_books_chart(*in.holdings, cl);
        o << "<p class=\"source\">" << bi("report.chart_legend") << "</p>\n";
    } else {
        o << "<p>" << bi("report.no_holdings") << "</p>\n";
    }
    if (in.digital_records)
        o << "<p>" << bi("report.digital") << " <b id=\"digital-records\">" << html::grouped(double(*in.digital_records))
          << "</b></p>\n";

    if (in.catalog) {
        for (size_t i = 0; i < p.levels.size(); ++i) {
            o << "<h2>" << bi("report.plan_view") << " – " << html_escape(p.levels[i].name) << "</h2>\n";
            o << "<div class=\"plan-view\">" << level_svg(p, *in.catalog, i, markers)
              << plan_problems_html(cl, markers, p.levels[i].id) << "</div>\n";
        }
    }

    o << views_html(in.images);

    if (in.sim_metrics) {
        o << "<h2>" << bi("report.simulation") << "</h2>\n<table id=\"sim-metrics\"><tbody>\n";
        for (auto& [k, v] : in.sim_metrics->items()) {
            if (v.is_object() || v.is_array()) continue;
            // Metric names through the simulator's translations where it has one; the key otherwise.
            const std::string key = "sim.metric." + k;
            const bool named = tr_in(Language::ZhCN, key) != key;
            o << "<tr data-metric=\"" << html_escape(k) << "\"><td>" << (named ? bi(key) : html_escape(k)) << "</td><td class=\"num\">"
              << html_escape(v.is_number_float() ? num(v.get<double>(), 2) : v.dump()) << "</td></tr>\n";
        }
        o << "</tbody></table>\n";
    }
    o << "<p class=\"source\">" << bi("report.footer") << "</p>\n" << html::page_end();
    return o.str();
}

nlohmann::ordered_json render_json(const ReportInput& in) {
    nlohmann::ordered_json j;
    j["schema_version"] = 1;
    j["generated"] = in.generated;
    const plan::Plan& p = *in.plan;
    j["school"] = {{"name", p.school.name},
                   {"type", plan::to_string(p.school.type)},
                   {"students", {{"primary", p.school.students.primary},
                                 {"junior", p.school.students.junior},
                                 {"senior", p.school.students.senior}}},
                   {"teachers", p.school.teachers},
                   {"classes", p.school.classes},
                   {"region", p.school.region}};
    j["profile"] = in.checklist->profile;
    if (in.rules) {
        const auto& pol = in.rules->policy();
        j["policy"] = {{"book_standard_checks", pol.book_standard_checks},
                       {"warning_meets", pol.warning_meets},
                       {"required", pol.required},
                       {"mixed_school_titles", pol.mixed_titles_rule}};
    }
    j["summary"] = {{"pass", in.checklist->count(Status::Pass)},
                    {"warning", in.checklist->count(Status::Warning)},
                    {"fail", in.checklist->count(Status::Fail)},
                    {"not_assessable", in.checklist->count(Status::NotAssessable)}};
    auto& checks = j["checks"] = nlohmann::ordered_json::array();
    for (auto& c : in.checklist->checks) {
        nlohmann::ordered_json cj;
        cj["id"] = c.id;
        cj["group"] = c.group;
        cj["status"] = standards::to_string(c.status);
        cj["title"] = tr_in(Language::ZhCN, c.title_key);
        cj["title_en"] = tr_in(Language::En, c.title_key);
        if (c.status != Status::NotAssessable) cj["measured"] = c.measured;
        cj["required"] = c.required;
        cj["unit"] = c.unit;
        cj["comparison"] = c.comparison;
        cj["source"] = c.source;
        if (!c.source_en.empty()) cj["source_en"] = c.source_en;
        cj["recommended"] = c.recommended;
        if (!c.rule_key.empty()) cj["rule"] = c.rule_key.substr(c.rule_key.rfind('.') + 1);
        auto& sj = cj["sources"] = nlohmann::ordered_json::array();
        for (auto& s : c.sources)
            sj.push_back({{"key", s.key}, {"value", s.value}, {"source", s.source},
                          {"confidence", standards::to_string(s.confidence)}});
        cj["confidence"] = standards::to_string(c.confidence);
        cj["derived"] = c.derived;
        if (!c.advice_key.empty()) {
            cj["advice"] = standards::advice_text(c, Language::ZhCN);
            cj["advice_en"] = standards::advice_text(c, Language::En);
        }
        if (!c.note.empty()) cj["note"] = c.note;
        auto& mj = cj["markers"] = nlohmann::ordered_json::array();
        for (auto& m : c.markers) mj.push_back({{"level", m.level}, {"x", m.x}, {"y", m.y}, {"object", m.object}});
        checks.push_back(std::move(cj));
    }
    if (in.score) {
        auto& sj = j["score"];
        sj["points"] = in.score->points;
        sj["max_points"] = in.score->max_points;
        sj["percent"] = in.score->percent;
        sj["threshold"] = in.score_threshold;
        sj["selected"] = in.score->selected;
        sj["not_assessed"] = in.score->not_assessed;
        auto& cats = sj["categories"] = nlohmann::ordered_json::array();
        for (auto& c : in.score->categories) {
            nlohmann::ordered_json cj{{"id", c.id}, {"name", c.name_zh}, {"name_en", c.name_en}, {"points", c.points},
                                      {"max_points", c.max_points}};
            auto& lines = cj["lines"] = nlohmann::ordered_json::array();
            for (auto& l : c.lines)
                lines.push_back({{"check", l.check}, {"status", standards::to_string(l.status)}, {"points", l.points},
                                 {"max_points", l.max_points}});
            cats.push_back(std::move(cj));
        }
    }
    if (in.holdings) j["holdings"] = nlohmann::ordered_json::parse(standards::holdings_to_json_text(*in.holdings));
    if (in.digital_records) j["digital_records"] = *in.digital_records;  // beside, never inside, the paper holdings
    if (in.sim_metrics) j["simulation"] = *in.sim_metrics;
    j["views"] = nlohmann::ordered_json::array();
    for (const auto& img : in.images) j["views"].push_back({{"file", img.name}, {"bytes", img.png.size()}});
    return j;
}

}  // namespace shuxiang::report
