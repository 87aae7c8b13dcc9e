#include "tools/draw_tool.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "shuxiang/plan/commands.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {
namespace {

constexpr double kSame = 1e-6;  // m: two clicks this close are the same point
constexpr double kWallReach = 0.3;  // m beyond a wall's face that still hovers it with an opening tool

bool is_opening_tool(DrawToolKind k) {
    return k == DrawToolKind::Door || k == DrawToolKind::Window || k == DrawToolKind::Exit;
}

std::optional<double> number(const std::string& s) {
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::optional<bool> boolean(const std::string& s) {
    if (s == "true" || s == "1" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "0" || s == "no" || s == "off") return false;
    return std::nullopt;
}

// The room of the level whose corners are those of `poly` (in any order or orientation).
const plan::Room* room_with_polygon(const plan::Level& l, const std::vector<plan::Vec2>& poly) {
    for (const auto& r : l.rooms) {
        if (r.polygon.size() != poly.size()) continue;
        const bool same = std::all_of(poly.begin(), poly.end(), [&](plan::Vec2 v) {
            return std::any_of(r.polygon.begin(), r.polygon.end(), [&](plan::Vec2 u) { return plan::length(u - v) < 1e-4; });
        });
        if (same) return &r;
    }
    return nullptr;
}

ActionResult bad_value(const std::string& field, const std::string& value) {
    return ActionResult::fail(trf("editor.draw.err.bad_value", {field, value}));
}

}  // namespace

const char* to_string(DrawToolKind k) {
    switch (k) {
    case DrawToolKind::Select: return "select";
    case DrawToolKind::Wall: return "wall";
    case DrawToolKind::Room: return "room";
    case DrawToolKind::Door: return "door";
    case DrawToolKind::Window: return "window";
    case DrawToolKind::Exit: return "exit";
    }
    return "select";
}

std::optional<DrawToolKind> draw_tool_from_string(const std::string& s) {
    for (auto k : {DrawToolKind::Select, DrawToolKind::Wall, DrawToolKind::Room, DrawToolKind::Door,
                   DrawToolKind::Window, DrawToolKind::Exit})
        if (s == to_string(k)) return k;
    return std::nullopt;
}

void DrawTool::set_kind(DrawToolKind k) {
    reset_drawing();
    preview_.reset();
    kind_ = k;
    if (active()) ed_.select_none();
}

void DrawTool::reset_drawing() {
    points_.clear();
    typed_.clear();
}

void DrawTool::follow_document() {
    if (serial_ == ed_.document_serial() && level_ == ed_.level_index()) return;
    serial_ = ed_.document_serial();
    level_ = ed_.level_index();
    reset_drawing();
    preview_.reset();
}

plan::Vec2 DrawTool::snapped(plan::Vec2 p, bool invert) {
    follow_document();
    const plan::Level* l = ed_.level();
    if (snap == invert || !l) {
        snap_kind_ = draw::SnapKind::None;
        return p;
    }
    std::optional<plan::Vec2> anchor;
    if (!points_.empty()) anchor = points_.back();
    const auto s = draw::snap_point(p, anchor, points_, *l, snap_options);
    snap_kind_ = s.kind;
    return s.p;
}

void DrawTool::hover(plan::Vec2 p, bool invert) {
    follow_document();
    if (kind_ == DrawToolKind::Wall || kind_ == DrawToolKind::Room)
        cursor_ = snapped(p, invert);
    else if (is_opening_tool(kind_)) {
        cursor_ = p;
        preview_ = opening_at(p, invert);
    }
}

ActionResult DrawTool::add_point(plan::Vec2 p) {
    if (!points_.empty() && plan::length(p - points_.back()) < kSame) return {};  // a repeated click
    typed_.clear();
    if (points_.size() >= 3 && plan::length(p - points_.front()) < kSame) {
        // Back on the first point: a wall closes its loop, a room its polygon.
        if (kind_ == DrawToolKind::Wall) points_.push_back(points_.front());
        return finish();
    }
    points_.push_back(p);
    return {};
}

ActionResult DrawTool::click(plan::Vec2 p, bool invert) {
    follow_document();
    if (is_opening_tool(kind_)) {
        hover(p, invert);
        return place_opening();
    }
    if (kind_ != DrawToolKind::Wall && kind_ != DrawToolKind::Room) return {};
    const plan::Vec2 q = snapped(p, invert);
    cursor_ = q;
    // A room tool's first click inside a closed loop of walls (not on a wall) makes the room of the
    // loop; where that room exists already, the click starts a zone's polygon inside it instead.
    if (kind_ == DrawToolKind::Room && points_.empty() && snap_kind_ != draw::SnapKind::Endpoint &&
        snap_kind_ != draw::SnapKind::WallLine && ed_.level()) {
        const std::vector<plan::Vec2> loop = draw::wall_loop_around(*ed_.level(), p);
        if (!loop.empty() && !room_with_polygon(*ed_.level(), loop)) return finish_room(loop);
    }
    return add_point(q);
}

ActionResult DrawTool::double_click(plan::Vec2 p, bool invert) {
    follow_document();
    if (kind_ != DrawToolKind::Wall && kind_ != DrawToolKind::Room) return {};
    if (points_.empty()) return {};
    const plan::Vec2 q = snapped(p, invert);
    if (plan::length(q - points_.back()) >= kSame) {
        auto r = add_point(q);
        if (!r.ok || points_.empty()) return r;  // refused, or it closed the loop and finished
    }
    return finish();
}

ActionResult DrawTool::drag(plan::Vec2 a, plan::Vec2 b, bool invert) {
    follow_document();
    if (kind_ != DrawToolKind::Room || !points_.empty()) return {};
    const plan::Vec2 qa = snapped(a, invert), qb = snapped(b, invert);
    cursor_ = qb;
    std::vector<plan::Vec2> rect = draw::rectangle(qa, qb);
    if (rect.empty()) return ActionResult::fail(tr("editor.draw.err.no_area"));
    return finish_room(rect);
}

ActionResult DrawTool::enter() {
    follow_document();
    if (typed_.empty()) return finish();
    const std::string text = typed_;
    typed_.clear();
    const auto step = draw::parse_typed_step(text);
    if (!step) return ActionResult::fail(trf("editor.draw.err.bad_length", {text}));
    if (points_.empty()) return ActionResult::fail(tr("editor.draw.err.no_start"));
    const plan::Vec2 from = points_.back();
    const plan::Vec2 q = draw::typed_step_point(*step, from, cursor_);
    auto r = add_point(q);
    // The cursor keeps its direction from the new point, so a second typed length goes on straight.
    if (r.ok && !points_.empty() && cursor_) cursor_ = q + (q - from);
    return r;
}

void DrawTool::escape() {
    if (!points_.empty() || !typed_.empty())
        reset_drawing();
    else
        set_kind(DrawToolKind::Select);
}

void DrawTool::backspace() {
    if (!typed_.empty())
        typed_.pop_back();
    else if (!points_.empty())
        points_.pop_back();
}

void DrawTool::type(const std::string& text) {
    if (kind_ != DrawToolKind::Wall && kind_ != DrawToolKind::Room) return;
    for (char c : text)
        if ((c >= '0' && c <= '9') || c == '.' || c == ',' || c == 'm' || c == 'c' || c == '<' || c == '-') typed_ += c;
}

std::optional<std::pair<double, double>> DrawTool::live_segment() const {
    if (points_.empty() || !cursor_) return std::nullopt;
    return std::pair{plan::length(*cursor_ - points_.back()), draw::segment_angle_deg(points_.back(), *cursor_)};
}

ActionResult DrawTool::finish() {
    if (kind_ == DrawToolKind::Wall) return finish_wall();
    if (kind_ == DrawToolKind::Room) {
        if (points_.empty()) return {};
        return finish_room(points_);
    }
    return {};
}

ActionResult DrawTool::finish_wall() {
    const plan::Level* l = ed_.level();
    if (!l || points_.empty()) return {};
    if (points_.size() < 2) return ActionResult::fail(tr("editor.draw.err.few_points"));
    plan::Wall w;
    w.id = ed_.new_id("w");
    w.points = points_;
    w.thickness = settings.wall_thickness;
    w.height = settings.wall_height;
    auto r = ed_.apply(std::make_unique<plan::AddWall>(l->id, w));
    if (r.ok) {
        reset_drawing();
        ed_.select({w.id});
    }
    return r;
}

ActionResult DrawTool::finish_room(const std::vector<plan::Vec2>& corners) {
    const plan::Level* l = ed_.level();
    if (!l) return {};
    std::string why;
    std::vector<plan::Vec2> poly = draw::room_polygon(corners, &why);
    if (poly.empty()) return ActionResult::fail(tr(why));
    plan::Room room;
    room.id = ed_.new_id("r");
    room.kind = settings.room_kind;
    room.polygon = std::move(poly);
    room.name = settings.room_name;
    if (room.name.empty()) {
        // The kind's name, numbered when the level already has a room of that name.
        const std::string base = tr(plan::display_key(room.kind));
        room.name = base;
        for (int n = 2; std::any_of(l->rooms.begin(), l->rooms.end(), [&](const plan::Room& r) { return r.name == room.name; }); ++n)
            room.name = base + " " + std::to_string(n);
    }
    auto r = ed_.apply(std::make_unique<plan::AddRoom>(l->id, room));
    if (r.ok) {
        reset_drawing();
        ed_.select({room.id});
    }
    return r;
}

std::optional<OpeningPreview> DrawTool::opening_at(plan::Vec2 raw, bool invert) const {
    const plan::Level* l = ed_.level();
    if (!l) return std::nullopt;
    const auto hit = draw::nearest_wall(*l, raw, kWallReach);
    if (!hit) return std::nullopt;
    OpeningPreview pv;
    plan::Opening& o = pv.opening;
    o.wall = hit->wall;
    o.offset = snap != invert ? std::round(hit->offset / snap_options.grid) * snap_options.grid : hit->offset;
    o.offset = std::round(o.offset * 1e9) / 1e9;
    const bool window = kind_ == DrawToolKind::Window, exit = kind_ == DrawToolKind::Exit;
    o.kind = window ? plan::OpeningKind::Window : exit ? plan::OpeningKind::EmergencyExit : plan::OpeningKind::Door;
    o.width = window ? settings.window_width : exit ? settings.exit_width : settings.door_width;
    o.height = window ? settings.window_height : exit ? settings.exit_height : settings.door_height;
    o.sill = window ? settings.window_sill : 0.0;
    o.swing = window ? plan::DoorSwing::None : settings.swing;
    o.entrance = !window && (exit ? settings.exit_entrance : settings.door_entrance);
    pv.misfit = draw::opening_misfit(*l, o.wall, o.offset, o.width);
    return pv;
}

ActionResult DrawTool::place_opening() {
    const plan::Level* l = ed_.level();
    if (!l) return {};
    if (!preview_) return ActionResult::fail(tr("editor.draw.err.no_wall_here"));
    if (!preview_->misfit.empty()) return ActionResult::fail(tr(preview_->misfit));
    plan::Opening o = preview_->opening;
    o.id = ed_.new_id(o.kind == plan::OpeningKind::Window ? "win" : o.kind == plan::OpeningKind::EmergencyExit ? "exit" : "d");
    auto r = ed_.apply(std::make_unique<plan::AddOpening>(l->id, o));
    if (r.ok) {
        ed_.select({o.id});
        // The opening now stands where the preview was: the same place no longer fits.
        preview_->misfit = "editor.draw.err.overlap";
    }
    return r;
}

const plan::Wall* selected_wall(const Editor& ed) {
    const plan::Level* l = ed.level();
    if (!l) return nullptr;
    for (const auto& id : ed.selection())
        if (const auto* w = plan::find_wall(*l, id)) return w;
    return nullptr;
}

const plan::Opening* selected_opening(const Editor& ed) {
    const plan::Level* l = ed.level();
    if (!l) return nullptr;
    for (const auto& id : ed.selection())
        for (const auto& o : l->openings)
            if (o.id == id) return &o;
    return nullptr;
}

std::optional<ActionResult> delete_drawn(Editor& ed) {
    const plan::Level* l = ed.level();
    if (!l) return std::nullopt;
    std::vector<std::unique_ptr<plan::Command>> cmds;
    std::vector<std::string> walls;
    for (const auto& id : ed.selection())
        if (plan::find_wall(*l, id)) walls.push_back(id);
    for (const auto& id : ed.selection()) {
        if (std::find(walls.begin(), walls.end(), id) != walls.end())
            cmds.push_back(std::make_unique<plan::RemoveWall>(l->id, id));  // with its openings
        else if (plan::find_furniture(*l, id))
            cmds.push_back(std::make_unique<plan::RemoveFurniture>(l->id, id));
        else if (plan::find_room(*l, id))  // its furniture stays where it stands (see docs/editor-script.md)
            cmds.push_back(std::make_unique<plan::RemoveRoom>(l->id, id));
        else if (const auto it = std::find_if(l->openings.begin(), l->openings.end(), [&](const plan::Opening& o) { return o.id == id; });
                 it != l->openings.end() && std::find(walls.begin(), walls.end(), it->wall) == walls.end())
            cmds.push_back(std::make_unique<plan::RemoveOpening>(l->id, id));
    }
    const bool drawn = std::any_of(ed.selection().begin(), ed.selection().end(), [&](const std::string& id) {
        return !plan::find_furniture(*l, id);
    });
    if (!drawn || cmds.empty()) return std::nullopt;
    auto r = ed.apply(std::make_unique<plan::CompositeCommand>("editor.cmd.delete", std::move(cmds)));
    if (r.ok) ed.select_none();
    return r;
}

std::optional<ActionResult> set_draw_field(Editor& ed, DrawTool& tool, const std::string& field,
                                           const std::string& value, bool merge) {
    const plan::Level* l = ed.level();
    if (!l) return std::nullopt;
    const auto v = number(value);
    const bool positive = v && *v > 0;
    const std::string tag = "draw:" + field;
    if (const plan::Wall* w = selected_wall(ed)) {
        plan::Wall g = *w;
        if (field == "thickness" && positive) g.thickness = *v;
        else if (field == "height" && positive) g.height = *v;
        else return bad_value(field, value);
        return ed.apply(std::make_unique<plan::ChangeWalls>(l->id, std::vector{g}, tag, "editor.cmd.edit_wall"), merge);
    }
    if (const plan::Opening* o = selected_opening(ed)) {
        plan::Opening g = *o;
        if (field == "offset" && v) g.offset = *v;
        else if (field == "width" && positive) g.width = *v;
        else if (field == "height" && positive) g.height = *v;
        else if (field == "sill" && v && *v >= 0) g.sill = *v;
        else if (field == "swing" && plan::door_swing_from_string(value)) g.swing = *plan::door_swing_from_string(value);
        else if (field == "entrance" && boolean(value)) g.entrance = *boolean(value);
        else return bad_value(field, value);
        if (field == "offset" || field == "width") {
            const std::string misfit = draw::opening_misfit(*l, g.wall, g.offset, g.width, g.id);
            if (!misfit.empty()) return ActionResult::fail(tr(misfit));
        }
        return ed.apply(std::make_unique<plan::ChangeOpenings>(l->id, std::vector{g}, tag, "editor.cmd.edit_opening"), merge);
    }
    if (!tool.active() || !ed.selection().empty()) return std::nullopt;
    // The active tool's settings for what it draws next.
    DrawSettings& s = tool.settings;
    const DrawToolKind k = tool.kind();
    double* width = k == DrawToolKind::Window ? &s.window_width : k == DrawToolKind::Exit ? &s.exit_width : &s.door_width;
    double* height = k == DrawToolKind::Wall     ? &s.wall_height
                     : k == DrawToolKind::Window ? &s.window_height
                     : k == DrawToolKind::Exit   ? &s.exit_height
                                                 : &s.door_height;
    if (field == "thickness" && positive) s.wall_thickness = *v;
    else if (field == "height" && positive) *height = *v;
    else if (field == "width" && positive) *width = *v;
    else if (field == "sill" && v && *v >= 0) s.window_sill = *v;
    else if (field == "swing" && plan::door_swing_from_string(value)) s.swing = *plan::door_swing_from_string(value);
    else if (field == "entrance" && boolean(value)) (k == DrawToolKind::Exit ? s.exit_entrance : s.door_entrance) = *boolean(value);
    else if (field == "name") s.room_name = value;
    else if (field == "kind" && plan::room_kind_from_string(value)) s.room_kind = *plan::room_kind_from_string(value);
    else return bad_value(field, value);
    return ActionResult{};
}

std::string pick_wall_or_opening(const plan::Level& level, plan::Vec2 p) {
    const auto hit = draw::nearest_wall(level, p, 0.05);
    if (!hit) return {};
    for (const auto& o : level.openings)
        if (o.wall == hit->wall && std::abs(o.offset - hit->offset) <= o.width / 2) return o.id;
    return hit->wall;
}

}  // namespace shuxiang::editor
