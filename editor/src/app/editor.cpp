#include "app/editor.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "app/edit_commands.hpp"
#include "tools/draw_geometry.hpp"
#include "tools/draw_tool.hpp"
#include "shuxiang/plan/commands.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/util/paths.hpp"

namespace shuxiang::editor {
namespace {

plan::Plan empty_plan() {
    plan::Plan p;
    p.school.name = tr("editor.doc.untitled");
    plan::Level l;
    l.id = "L1";
    l.name = "1F";
    p.levels.push_back(l);
    return p;
}

std::string describe(const InputError& e) { return format_place(e.file(), e.where(), e.message()); }

bool selectable(const plan::Level& l, const std::string& id) {
    return plan::find_furniture(l, id) || plan::find_room(l, id) || plan::find_wall(l, id) ||
           std::any_of(l.openings.begin(), l.openings.end(), [&](const plan::Opening& o) { return o.id == id; });
}

}  // namespace

SceneBounds bounds_of(const std::vector<FurnitureBox>& boxes) {
    SceneBounds b;
    for (const auto& f : boxes) {
        const float r = std::sqrt(f.half.x * f.half.x + f.half.y * f.half.y);
        b.add({f.center.x - r, f.center.y - r, 0.f});
        b.add({f.center.x + r, f.center.y + r, f.center.z + f.half.z});
    }
    return b;
}

Editor::Editor() : history_(empty_plan()) {
    try {
        catalog_ = plan::FurnitureCatalog::builtin();
    } catch (const InputError& e) {
        log(LogLine::Level::Error, describe(e));
    }
}

const plan::Level* Editor::level() const {
    const auto& ls = plan().levels;
    if (level_ < 0 || static_cast<std::size_t>(level_) >= ls.size()) return nullptr;
    return &ls[static_cast<std::size_t>(level_)];
}

ActionResult Editor::set_level(int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= plan().levels.size())
        return ActionResult::fail(trf("editor.err.no_level", {std::to_string(index)}));
    level_ = index;
    selection_.clear();
    return {};
}

void Editor::after_document_replaced(const std::filesystem::path& path) {
    path_ = path;
    ++document_serial_;
    level_ = 0;
    selection_.clear();
    built_version_ = ~0UL;
    if (!path.empty()) add_recent(path);
}

void Editor::add_recent(const std::filesystem::path& p) {
    std::error_code ec;
    auto abs = std::filesystem::absolute(p, ec);
    if (ec) abs = p;
    recent_.erase(std::remove(recent_.begin(), recent_.end(), abs), recent_.end());
    recent_.insert(recent_.begin(), abs);
    if (recent_.size() > 8) recent_.resize(8);
    if (on_recent_changed) on_recent_changed(recent_);
}

ActionResult Editor::open(const std::filesystem::path& path) {
    try {
        plan::Plan p = plan::load_plan(path, catalog_);
        history_.reset(std::move(p));
        history_.mark_saved();
        load_document_models();
    } catch (const InputError& e) {
        log(LogLine::Level::Error, describe(e));
        return ActionResult::fail(describe(e));
    }
    after_document_replaced(path);
    log(LogLine::Level::Info, trf("editor.log.opened", {path.string()}));
    return {};
}

std::vector<std::string> Editor::template_names() const {
    std::vector<std::string> names{"empty"};
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(asset_dir() / "templates", ec)) {
        std::string n = e.path().filename().string();
        const std::string ext = ".sxplan.json";
        if (n.size() > ext.size() && n.compare(n.size() - ext.size(), ext.size(), ext) == 0)
            names.push_back(n.substr(0, n.size() - ext.size()));
    }
    std::sort(names.begin() + 1, names.end());
    return names;
}

ActionResult Editor::new_from_template(const std::string& name) {
    if (name == "empty") {
        history_.reset(empty_plan());
    } else {
        const auto file = asset_dir() / "templates" / (name + ".sxplan.json");
        if (!std::filesystem::exists(file)) return ActionResult::fail(trf("editor.err.no_template", {name}));
        try {
            history_.reset(plan::load_plan(file));
        } catch (const InputError& e) {
            log(LogLine::Level::Error, describe(e));
            return ActionResult::fail(describe(e));
        }
    }
    // A template is a starting point, not the file to save over.
    after_document_replaced({});
    log(LogLine::Level::Info, trf("editor.log.new", {name}));
    return {};
}

ActionResult Editor::save(const std::filesystem::path& path) {
    try {
        plan::save_plan(path, plan());
    } catch (const InputError& e) {
        log(LogLine::Level::Error, describe(e));
        return ActionResult::fail(describe(e));
    }
    history_.mark_saved();
    path_ = path;
    add_recent(path);
    log(LogLine::Level::Info, trf("editor.log.saved", {path.string()}));
    return {};
}

ActionResult Editor::save() {
    if (path_.empty()) return ActionResult::fail(tr("editor.err.no_path"));
    return save(path_);
}

// ---------------------------------------------------------------- selection

ActionResult Editor::select(const std::vector<std::string>& ids, bool add) {
    const plan::Level* l = level();
    if (!l) return ActionResult::fail(trf("editor.err.no_level", {std::to_string(level_)}));
    for (const auto& id : ids)
        if (!selectable(*l, id))
            return ActionResult::fail(trf("editor.err.unknown_id", {id}));
    if (!add) selection_.clear();
    for (const auto& id : ids)
        if (!is_selected(id)) selection_.push_back(id);
    return {};
}

void Editor::select_all() {
    selection_.clear();
    if (const plan::Level* l = level())
        for (const auto& f : l->furniture) selection_.push_back(f.id);
}

void Editor::select_none() { selection_.clear(); }

bool Editor::is_selected(const std::string& id) const {
    return std::find(selection_.begin(), selection_.end(), id) != selection_.end();
}

std::vector<const plan::Furniture*> Editor::selected_furniture() const {
    std::vector<const plan::Furniture*> out;
    if (const plan::Level* l = level())
        for (const auto& id : selection_)
            if (const auto* f = plan::find_furniture(*l, id)) out.push_back(f);
    return out;
}

const plan::Room* Editor::selected_room() const {
    const plan::Level* l = level();
    if (!l) return nullptr;
    for (const auto& id : selection_)
        if (const auto* r = plan::find_room(*l, id)) return r;
    return nullptr;
}

void Editor::prune_selection() {
    const plan::Level* l = level();
    std::erase_if(selection_, [&](const std::string& id) {
        return !l || !selectable(*l, id);
    });
}

// ---------------------------------------------------------------- editing

ActionResult Editor::execute(std::unique_ptr<plan::Command> cmd, bool merge) {
    const std::string label = cmd->label();
    if (!history_.execute(std::move(cmd), merge)) return ActionResult::fail(trf("editor.err.not_applied", {tr(label)}));
    prune_selection();
    return {};
}

std::string Editor::unique_id(const std::string& prefix, const std::vector<std::string>& reserved) const {
    auto used = [&](const std::string& id) { return plan::id_in_use(plan(), id); };
    for (int n = 1;; ++n) {
        std::string id = prefix + std::to_string(n);
        if (!used(id) && std::find(reserved.begin(), reserved.end(), id) == reserved.end()) return id;
    }
}

ActionResult Editor::add_furniture(const std::string& type, double x, double y, double yaw_deg) {
    const plan::Level* l = level();
    if (!l) return ActionResult::fail(trf("editor.err.no_level", {std::to_string(level_)}));
    if (!catalog().find(type)) return ActionResult::fail(trf("editor.err.unknown_type", {type}));
    plan::Furniture f;
    f.id = unique_id("f");
    f.type = type;
    f.position = {x, y};
    f.yaw_deg = yaw_deg;
    auto r = execute(cmd_add_furniture(l->id, f), false);
    if (r.ok) selection_ = {f.id};
    return r;
}

ActionResult Editor::move_selection(double dx, double dy, bool merge) {
    const plan::Level* l = level();
    auto sel = selected_furniture();
    if (!l || sel.empty()) return ActionResult::fail(tr("editor.err.nothing_selected"));
    std::vector<std::string> ids;
    for (const auto* f : sel) ids.push_back(f->id);
    auto cmd = plan::move_furniture(plan(), l->id, ids, {dx, dy});
    if (!cmd) return ActionResult::fail(tr("editor.err.nothing_selected"));
    return execute(std::move(cmd), merge);
}

ActionResult Editor::rotate_selection(double deg, bool merge) {
    const plan::Level* l = level();
    auto sel = selected_furniture();
    if (!l || sel.empty()) return ActionResult::fail(tr("editor.err.nothing_selected"));
    // A group turns about its common centre; a single item about its own.
    double cx = 0, cy = 0;
    for (const auto* f : sel) {
        cx += f->position.x / static_cast<double>(sel.size());
        cy += f->position.y / static_cast<double>(sel.size());
    }
    const double a = deg * std::numbers::pi / 180.0, c = std::cos(a), s = std::sin(a);
    std::vector<plan::Furniture> after;
    for (const auto* f : sel) {
        plan::Furniture g = *f;
        const double rx = g.position.x - cx, ry = g.position.y - cy;
        g.position = {cx + c * rx - s * ry, cy + s * rx + c * ry};
        double yaw = std::fmod(g.yaw_deg + deg, 360.0);
        if (yaw < 0) yaw += 360.0;
        g.yaw_deg = yaw;
        after.push_back(std::move(g));
    }
    return execute(std::make_unique<plan::ChangeFurniture>(l->id, std::move(after), "rotate", "editor.cmd.rotate"), merge);
}

ActionResult Editor::duplicate_selection() {
    const plan::Level* l = level();
    auto sel = selected_furniture();
    if (!l || sel.empty()) return ActionResult::fail(tr("editor.err.nothing_selected"));
    // Copies land 0.5 m east and north of the originals and become the selection.
    std::vector<std::unique_ptr<plan::Command>> cmds;
    std::vector<std::string> ids;
    std::vector<plan::Furniture> copies;
    for (const auto* f : sel) {
        plan::Furniture g = *f;
        const std::string id = unique_id("f", ids);
        g.id = id;
        g.position = {g.position.x + 0.5, g.position.y + 0.5};
        ids.push_back(id);
        cmds.push_back(cmd_add_furniture(l->id, g));
    }
    auto r = execute(cmd_group(std::move(cmds), "editor.cmd.duplicate"), false);
    if (r.ok) selection_ = ids;
    return r;
}

ActionResult Editor::delete_selection() {
    if (auto drawn = delete_drawn(*this)) return *drawn;  // rooms, walls, openings (tools/draw_tool.cpp)
    const plan::Level* l = level();
    auto sel = selected_furniture();
    if (!l || sel.empty()) return ActionResult::fail(tr("editor.err.nothing_selected"));
    std::vector<std::unique_ptr<plan::Command>> cmds;
    for (const auto* f : sel) cmds.push_back(cmd_remove_furniture(l->id, f->id));
    auto r = execute(cmd_group(std::move(cmds), "editor.cmd.delete"), false);
    if (r.ok) selection_.clear();
    return r;
}

ActionResult Editor::set_furniture(const plan::Furniture& updated, bool merge) {
    const plan::Level* l = level();
    if (!l) return ActionResult::fail(trf("editor.err.no_level", {std::to_string(level_)}));
    return execute(cmd_set_furniture(l->id, updated), merge);
}

ActionResult Editor::set_furniture(const std::vector<plan::Furniture>& updated, const std::string& field, bool merge) {
    const plan::Level* l = level();
    if (!l) return ActionResult::fail(trf("editor.err.no_level", {std::to_string(level_)}));
    if (updated.empty()) return ActionResult::fail(tr("editor.err.nothing_selected"));
    // Typing in one field merges; the tag names the field so that another field starts a new step.
    return execute(std::make_unique<plan::ChangeFurniture>(l->id, updated, "inspector:" + field, "editor.cmd.edit_furniture"),
                   merge);
}

ActionResult Editor::set_room(const plan::Room& updated, bool merge) {
    const plan::Level* l = level();
    if (!l) return ActionResult::fail(trf("editor.err.no_level", {std::to_string(level_)}));
    return execute(cmd_set_room(l->id, updated), merge);
}

ActionResult Editor::undo() {
    if (!history_.undo()) return ActionResult::fail(tr("editor.err.nothing_to_undo"));
    prune_selection();
    return {};
}

ActionResult Editor::redo() {
    if (!history_.redo()) return ActionResult::fail(tr("editor.err.nothing_to_redo"));
    prune_selection();
    return {};
}

// ---------------------------------------------------------------- view

void Editor::set_view(ViewMode m, float aspect) {
    if (m == camera_.mode) return;
    const ViewMode old = camera_.mode;
    camera_.mode = m;
    if (m == ViewMode::Walk) {
        camera_.pitch_deg = 0.f;
        if (const plan::Level* l = level())
            if (const auto s = entrance_standpoint(*l)) {
                // A visitor's first view: just inside the entrance, looking into the room.
                camera_.target = {static_cast<float>(s->position.x), static_cast<float>(s->position.y), camera_.target.z};
                camera_.yaw_deg = static_cast<float>(s->yaw_deg);
                return;
            }
        // No entrance: stand where the orbit or top view was looking, facing the way the orbit camera faced.
        camera_.yaw_deg = old == ViewMode::Orbit3D ? camera_.yaw_deg + 180.f : 90.f;
    } else if (m == ViewMode::Orbit3D) {
        if (old == ViewMode::Walk) camera_.yaw_deg += 180.f;
        camera_.pitch_deg = 45.f;
    }
    (void)aspect;
}

std::optional<Standpoint> entrance_standpoint(const plan::Level& level) {
    const plan::Opening* door = nullptr;
    for (const auto& o : level.openings)
        if (o.kind != plan::OpeningKind::Window && (o.entrance || (!door && o.kind == plan::OpeningKind::Door)) &&
            (!door || !door->entrance))
            door = &o;
    if (!door) return std::nullopt;
    const auto ends = draw::opening_ends(level, *door);
    if (!ends) return std::nullopt;
    const plan::Vec2 mid = (ends->first + ends->second) * 0.5;
    const plan::Vec2 along = ends->second - ends->first;
    const double len = plan::length(along);
    if (len < 1e-9) return std::nullopt;
    constexpr double kInside = 1.0;  // m in from the doorway
    for (double side : {1.0, -1.0}) {
        // The wall's normal towards the side that has a room (the inside) — on a partition, either.
        const plan::Vec2 n{-along.y / len * side, along.x / len * side};
        const plan::Vec2 p = mid + n * kInside;
        if (plan::room_at(level, p))
            return Standpoint{p, std::atan2(n.y, n.x) * 180.0 / std::numbers::pi};
    }
    return std::nullopt;
}

namespace {

// Whether the box's eight corners lie in front of the camera and inside `margin` of the view's edges
// (normalised device coordinates).
bool corners_fit(const Camera& cam, glm::vec3 lo, glm::vec3 hi, float aspect, float margin) {
    const glm::mat4 vp = cam.projection(aspect) * cam.view();
    for (int i = 0; i < 8; ++i) {
        const glm::vec4 c = vp * glm::vec4(i & 1 ? hi.x : lo.x, i & 2 ? hi.y : lo.y, i & 4 ? hi.z : lo.z, 1.f);
        if (c.w <= 1e-4f || std::abs(c.x / c.w) > margin || std::abs(c.y / c.w) > margin) return false;
    }
    return true;
}

// Camera::frame() sets the orbit distance from the box's bounding sphere, which may leave a corner
// outside a wide or narrow view: the eye then moves back to the nearest distance at which all eight
// corners fit inside the view (5 % in from its edges). A framing that already fits is kept.
void frame_box(Camera& cam, glm::vec3 lo, glm::vec3 hi, float aspect) {
    cam.frame(lo, hi, aspect);
    constexpr float kMargin = 0.95f;
    if (cam.mode != ViewMode::Orbit3D || corners_fit(cam, lo, hi, aspect, kMargin)) return;
    float near = cam.distance, far = std::max(cam.distance, 1.f);
    for (int i = 0; i < 40 && !corners_fit(cam, lo, hi, aspect, kMargin); ++i) {
        far *= 2.f;
        cam.distance = far;
    }
    for (int i = 0; i < 40; ++i) {
        cam.distance = (near + far) / 2;
        (corners_fit(cam, lo, hi, aspect, kMargin) ? far : near) = cam.distance;
    }
    cam.distance = far;
}

}  // namespace

void Editor::frame_all(float aspect) {
    const SceneBounds& b = scene().bounds;
    if (b.empty)
        frame_box(camera_, {-5, -5, 0}, {5, 5, 0}, aspect);
    else
        frame_box(camera_, b.min, b.max, aspect);
}

void Editor::frame_selection(float aspect) {
    std::vector<FurnitureBox> boxes;
    for (const auto& f : scene().furniture)
        if (is_selected(f.id)) boxes.push_back(f);
    SceneBounds b = bounds_of(boxes);
    if (const plan::Room* r = selected_room())
        for (const auto& v : r->polygon) b.add({static_cast<float>(v.x), static_cast<float>(v.y), 0.f});
    if (b.empty) return frame_all(aspect);
    frame_box(camera_, b.min, b.max, aspect);
}

const SceneData& Editor::scene() {
    if (built_version_ != history_.version() || built_level_ != level_ || built_library_ != library.version() ||
        built_models_ != models_.serial()) {
        const plan::Level* l = level();
        std::vector<std::string> overlapping;
        if (l)
            for (const auto& o : plan::furniture_overlaps(plan(), catalog(), 1e-3))
                if (o.level == l->id) {
                    overlapping.push_back(o.a);
                    overlapping.push_back(o.b);
                }
        scene_ = l ? build_scene(*l, catalog(), overlapping, library.shelf_source()) : SceneData{};
        built_library_ = library.version();
        built_models_ = models_.serial();
        built_version_ = history_.version();
        built_level_ = level_;
        ++scene_version_;
    }
    return scene_;
}

void Editor::log(LogLine::Level lv, std::string text) {
    log_.push_back({lv, std::move(text)});
    ++log_count_;
    if (log_.size() > 500) log_.pop_front();
}

}  // namespace shuxiang::editor
