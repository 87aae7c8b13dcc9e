#include "script/script.hpp"

#include <charconv>
#include <chrono>
#include <map>
#include <sstream>

#include "ui/ui_context.hpp"
#include "library/library_ui.hpp"
#include "app/session.hpp"
#include "tools/draw_ui.hpp"
#include "tools/manip_script.hpp"
#include "simview/sim_view.hpp"
#include "render/dimensions.hpp"
#include "render/photo.hpp"
#include "ui/checks.hpp"
#include "ui/dock.hpp"
#include "ui/outliner.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {
namespace {

struct Arity {
    int min, max;  // argument counts; max -1 = any
};

const std::map<std::string, Arity>& actions() {
    static const std::map<std::string, Arity> a{
        {"open", {1, 1}},      {"new", {1, 1}},       {"add", {3, 4}},      {"select", {1, -1}},
        {"move", {2, 2}},      {"rotate", {1, 1}},    {"duplicate", {0, 0}}, {"delete", {0, 0}},
        {"undo", {0, 0}},      {"redo", {0, 0}},      {"view", {1, 1}},     {"camera", {1, 4}},
        {"lang", {1, 1}},      {"screenshot", {1, 2}}, {"save", {0, 1}},     {"frame", {1, 1}},
        {"level", {1, 1}},     {"click", {2, 3}},     {"set", {2, -1}},      {"checks", {1, 1}},     {"dimensions", {1, 1}},     {"wait", {1, 1}},      {"grid", {1, 1}},
        {"db", {1, 1}},        {"books", {1, 1}},     {"find", {1, -1}},     {"find-select", {1, 1}},
        {"find-report", {1, 1}}, {"lod", {1, 1}},    {"outliner", {1, 1}},
        {"tool", {1, 1}},      {"type", {1, 1}},      {"key", {1, 1}},      {"click-at", {2, 3}},
        {"hover", {2, 3}},     {"hover-at", {2, 3}},  {"drag", {4, 5}},     {"drag-at", {4, 5}},
        {"viewport", {1, 1}},  {"wait-for", {1, 2}},   {"photo", {1, 3}},    {"shading", {1, 1}},
        {"latency", {3, 3}},   {"frame-reuse", {1, 1}},
        {"layout", {1, 1}},    {"collapse", {1, 1}}, {"expand", {1, 1}},
    };
    return a;
}

std::optional<double> number(const std::string& s) { return script_number(s); }

// `photo FILE [W H]` (a still of the current view at the photo quality), `shading plain|lit|fast`,
// `frame-reuse on|off` and `latency orbit|drag|nudge N FILE` (render/latency_probe.hpp).
std::optional<std::string> run_render_action(UiContext& ui, const std::vector<std::string>& w) {
    if (w[0] == "frame-reuse") {
        if (w[1] != "on" && w[1] != "off") return tr("editor.script.usage.frame_reuse");
        ui.renderer.set_frame_reuse(w[1] == "on");
        return std::nullopt;
    }
    if (w[0] == "latency") {
        const auto kind = probe_kind_from_string(w[1]);
        const auto n = script_number(w[2]);
        if (!kind || !n || *n < 1 || *n > 10000) return tr("editor.script.usage.latency");
        ui.shell.latency.emplace(*kind, static_cast<int>(*n), w[3]);
        return std::nullopt;
    }
    if (w[0] == "shading") {
        static const std::map<std::string, Shading> kinds{{"plain", Shading::Plain}, {"lit", Shading::Lit}, {"fast", Shading::Fast}};
        auto it = kinds.find(w[1]);
        if (it == kinds.end()) return tr("editor.script.usage.shading");
        ui.renderer.set_shading(it->second);
        return std::nullopt;
    }
    int width = 1920, height = 1080;
    if (w.size() == 3) return tr("editor.script.usage.photo");
    if (w.size() == 4 && !parse_photo_size(w[2] + "x" + w[3], width, height)) return tr("editor.script.usage.photo");
    ui.sync_scene();  // actions earlier in this frame may have changed the plan
    const PhotoResult r = save_photo(ui.renderer, ui.ed.camera(), w[1], width, height, false);
    if (r.error) return r.error;
    ui.ed.log(LogLine::Level::Info, r.log);
    return std::nullopt;
}

}  // namespace

std::optional<double> script_number(const std::string& s) {
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

ScriptRunner ScriptRunner::load(const std::filesystem::path& path) { return parse(read_file(path), path.string()); }

ScriptRunner ScriptRunner::parse(const std::string& text, const std::string& filename) {
    ScriptRunner r;
    r.file_ = filename;
    std::istringstream in(text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        std::istringstream ws(line);
        ScriptLine sl;
        sl.number = n;
        for (std::string w; ws >> w;) sl.words.push_back(w);
        if (sl.words.empty()) continue;
        auto it = actions().find(sl.words[0]);
        const std::string where = "line " + std::to_string(n);
        auto mt = manip_script_arity().find(sl.words[0]);
        const bool manip = mt != manip_script_arity().end();
        const auto sim_arity = simview::SimView::script_arity(sl.words[0]);
        Arity ar{0, 0};
        if (sim_arity) ar = Arity{sim_arity->first, sim_arity->second};
        else if (manip) ar = Arity{mt->second.first, mt->second.second};
        else if (it != actions().end()) ar = it->second;
        else if (!session_action_arity(sl.words[0], ar.min, ar.max))
            throw InputError(filename, where, trf("editor.script.unknown_action", {sl.words[0]}));
        const int args = static_cast<int>(sl.words.size()) - 1;
        if (args < ar.min || (ar.max >= 0 && args > ar.max))
            throw InputError(filename, where, trf("editor.script.arg_count", {sl.words[0]}));
        r.lines_.push_back(std::move(sl));
    }
    return r;
}

std::optional<std::string> ScriptRunner::step(UiContext& ui) {
    if (wait_frames_ > 0) {
        --wait_frames_;
        return std::nullopt;
    }
    // wait-for: frames go on (with the real mouse and keyboard) until the file exists.
    if (!wait_for_.empty()) {
        std::error_code ec;
        if (std::filesystem::exists(wait_for_, ec)) {
            wait_for_.clear();
        } else if (std::chrono::steady_clock::now() > wait_deadline_) {
            const std::string path = wait_for_.string();
            wait_for_.clear();
            return format_place(file_, "line " + std::to_string(lines_[next_ - 1].number),
                                trf("editor.script.wait_for_timeout", {path}));
        } else {
            return std::nullopt;
        }
    }
    // A simulation the script started waits for its end (frames go on rendering meanwhile).
    if (std::string sim_error; ui.sim.script_wait(ui, sim_error)) {
        return std::nullopt;
    } else if (sim_wait_ = false; !sim_error.empty()) {
        return format_place(file_, "line " + std::to_string(lines_[next_ - 1].number), sim_error);
    }
    if (ui.shell.latency) return std::nullopt;  // a latency probe is running
    Editor& ed = ui.ed;
    while (next_ < lines_.size()) {
        const ScriptLine& l = lines_[next_++];
        const auto& w = l.words;
        const std::string& a = w[0];
        auto fail = [&](const std::string& msg) {
            return std::optional<std::string>(format_place(file_, "line " + std::to_string(l.number), msg));
        };
        std::vector<double> nums;
        auto need_numbers = [&](std::size_t from, std::size_t to) -> bool {
            nums.clear();
            for (std::size_t i = from; i < to && i < w.size(); ++i) {
                auto v = number(w[i]);
                if (!v) return false;
                nums.push_back(*v);
            }
            return true;
        };
        ActionResult r;
        if (simview::SimView::script_arity(a)) {
            if (auto err = ui.sim.script(ui, w); !err.empty()) return fail(err);
            if (a == "simulate") {
                sim_wait_ = true;  // wait for it from the next frame
                return std::nullopt;
            }
            continue;
        }
        // Pointer and key actions made into input events for the tools, the drawing tools' own actions
        // and their fields (tools/draw_ui.cpp).
        if (auto d = run_draw_action(ui, w)) {
            if (!d->ok) return fail(d->message);
            continue;
        }
        if (is_layout_action(a)) {  // the panels and the view (ui/dock.cpp)
            if (auto err = run_layout_action(ui, w)) return fail(*err);
            continue;
        }
        if (a == "open") {
            r = ed.open(w[1]);
            if (r.ok) ed.frame_all(ui.aspect());
        } else if (a == "new") {
            r = ed.new_from_template(w[1]);
            if (r.ok) ed.frame_all(ui.aspect());
        } else if (a == "add") {
            if (!need_numbers(2, w.size())) return fail(tr("editor.script.usage.add"));
            r = ed.add_furniture(w[1], nums[0], nums[1], nums.size() > 2 ? nums[2] : 0.0);
        } else if (a == "select") {
            if (w.size() == 2 && w[1] == "all")
                ed.select_all();
            else if (w.size() == 2 && w[1] == "none")
                ed.select_none();
            else
                r = ed.select(std::vector<std::string>(w.begin() + 1, w.end()));
        } else if (a == "move") {
            if (!need_numbers(1, 3)) return fail(tr("editor.script.usage.move"));
            r = ed.move_selection(nums[0], nums[1]);
        } else if (a == "rotate") {
            if (!need_numbers(1, 2)) return fail(tr("editor.script.usage.rotate"));
            r = ed.rotate_selection(nums[0]);
        } else if (a == "duplicate") {
            r = ed.duplicate_selection();
        } else if (a == "delete") {
            r = ed.delete_selection();
        } else if (a == "undo") {
            r = ed.undo();
        } else if (a == "redo") {
            r = ed.redo();
        } else if (a == "view") {
            if (w[1] == "3d")
                ed.set_view(ViewMode::Orbit3D, ui.aspect());
            else if (w[1] == "top")
                ed.set_view(ViewMode::Top, ui.aspect());
            else if (w[1] == "walk")
                ed.set_view(ViewMode::Walk, ui.aspect());
            else
                return fail(tr("editor.script.usage.view"));
        } else if (a == "camera") {
            Camera& c = ed.camera();
            if (w[1] == "orbit" && w.size() == 5 && need_numbers(2, 5)) {
                c.yaw_deg = static_cast<float>(nums[0]);
                c.pitch_deg = static_cast<float>(nums[1]);
                c.distance = static_cast<float>(nums[2]);
            } else if (w[1] == "target" && w.size() == 5 && need_numbers(2, 5)) {
                c.target = {nums[0], nums[1], nums[2]};
            } else if (w[1] == "zoom" && w.size() == 3 && need_numbers(2, 3)) {
                c.top_half_height = static_cast<float>(nums[0]);
            } else {
                return fail(tr("editor.script.usage.camera"));
            }
        } else if (a == "frame") {
            if (w[1] == "all")
                ed.frame_all(ui.aspect());
            else if (w[1] == "selection")
                ed.frame_selection(ui.aspect());
            else
                return fail(tr("editor.script.usage.frame"));
        } else if (a == "level") {
            if (!need_numbers(1, 2)) return fail(tr("editor.script.usage.level"));
            r = ed.set_level(static_cast<int>(nums[0]));
        } else if (a == "set") {
            // The inspector's fields: furniture of the selection, else the selected room.
            const std::string& field = w[1];
            std::string value = w[2];
            for (std::size_t i = 3; i < w.size(); ++i) value += " " + w[i];
            const auto v = number(value);
            auto items = ed.selected_furniture();
            if (!items.empty()) {
                std::vector<plan::Furniture> after;
                for (const auto* f : items) after.push_back(*f);
                for (auto& f : after) {
                    if (field == "x" && v) f.position.x = *v;
                    else if (field == "y" && v) f.position.y = *v;
                    else if (field == "yaw" && v) f.yaw_deg = *v;
                    else if (field == "sections" && v && *v >= 1) f.sections = static_cast<int>(*v);
                    else if (field == "label") f.label = value;
                    else return fail(tr("editor.script.usage.set_furniture"));
                }
                r = ed.set_furniture(after, field);
                ed.seal();
            } else if (const plan::Room* room = ed.selected_room()) {
                plan::Room g = *room;
                if (field == "name") g.name = value;
                else if (field == "kind") {
                    auto k = plan::room_kind_from_string(value);
                    if (!k) return fail(trf("editor.script.usage.room_kind", {value}));
                    g.kind = *k;
                } else if (field == "stacks") {
                    auto k = plan::stack_arrangement_from_string(value);
                    if (!k) return fail(trf("editor.script.usage.stack_arrangement", {value}));
                    g.stacks = *k;
                } else if (field == "clear_height" && v && *v > 0) g.clear_height = *v;
                else return fail(tr("editor.script.usage.set_room"));
                r = ed.set_room(g);
                ed.seal();
            } else {
                r = ActionResult::fail(tr("editor.err.nothing_selected"));
            }
        } else if (a == "dimensions") {
            // The top view's dimension lines (walls of the level, then the selected furniture), one a
            // line: owner id, length in m, and the dimension line's ends.
            std::string text;
            std::vector<Dimension> dims = ed.level() ? wall_dimensions(*ed.level()) : std::vector<Dimension>{};
            for (const plan::Furniture* f : ed.selected_furniture())
                if (const plan::FurnitureType* t = ed.catalog().find(f->type))
                    for (auto& d : furniture_dimensions(*f, *t)) dims.push_back(std::move(d));
            for (const auto& d : dims) {
                char buf[160];
                std::snprintf(buf, sizeof buf, "%s\t%.3f\t%.3f %.3f\t%.3f %.3f\n", d.owner.c_str(), d.length,
                              d.line_from.x, d.line_from.y, d.line_to.x, d.line_to.y);
                text += buf;
            }
            try {
                atomic_write_file(w[1], text);
            } catch (const InputError& e) {
                return fail(format_place(e.file(), e.where(), e.message()));
            }
        } else if (a == "checks") {
            // The checks panel's items, one a line: kind, ids (comma-separated), text.
            std::string text;
            for (const auto& it : current_checks(ed)) {
                std::string ids;
                for (const auto& id : it.ids) ids += (ids.empty() ? "" : ",") + id;
                text += it.code + "\t" + ids + "\t" + it.text + "\n";
            }
            try {
                atomic_write_file(w[1], text);
            } catch (const InputError& e) {
                return fail(format_place(e.file(), e.where(), e.message()));
            }
        } else if (a == "outliner") {  // the outliner's rows of the current level (ui/outliner.cpp)
            try {
                atomic_write_file(w[1], ed.level() ? outliner_text(*ed.level(), ed.catalog()) : std::string());
            } catch (const InputError& e) {
                return fail(format_place(e.file(), e.where(), e.message()));
            }
        } else if (is_library_action(a)) {
            if (auto err = run_library_action(ui, w)) return fail(*err);
        } else if (a == "grid") {
            ed.show_grid = w[1] != "off";
        } else if (a == "lang") {
            try {
                set_language(parse_language(w[1]));
            } catch (const InputError& e) {
                return fail(e.message());
            }
        } else if (a == "save") {
            r = w.size() > 1 ? ed.save(w[1]) : ed.save();
        } else if (a == "screenshot") {
            const bool view_only = w.size() > 2 && w[2] == "viewport";
            if (w.size() > 2 && !view_only) return fail(tr("editor.script.usage.screenshot"));
            ui.shell.request_screenshot(w[1], view_only);
            return std::nullopt;
        } else if (a == "photo" || a == "shading" || a == "frame-reuse") {
            if (auto err = run_render_action(ui, w)) return fail(*err);
        } else if (a == "latency") {
            // Frames go on with the probe's events; the script waits until it wrote its file.
            if (auto err = run_render_action(ui, w)) return fail(*err);
            return std::nullopt;
        } else if (auto mo = manip_script_action(ui, w)) {
            if (!mo->usage.empty()) return fail(mo->usage);
            r = mo->result;
        } else if (int lo = 0, hi = 0; session_action_arity(a, lo, hi)) {
            if (auto err = run_session_action(ui, w)) return fail(*err);
            if (ui.shell.quit_requested) return std::nullopt;
        } else if (a == "wait") {
            if (!need_numbers(1, 2) || nums[0] < 0) return fail(tr("editor.script.usage.wait"));
            wait_frames_ = static_cast<int>(nums[0]);
            return std::nullopt;
        } else if (a == "wait-for") {
            if (!need_numbers(2, 3) || (!nums.empty() && nums[0] <= 0)) return fail(tr("editor.script.usage.wait_for"));
            const double seconds = nums.empty() ? 60.0 : nums[0];
            wait_for_ = w[1];
            wait_deadline_ = std::chrono::steady_clock::now() +
                             std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(seconds));
            return std::nullopt;
        } else if (a == "viewport") {
            // The 3D viewport in window pixels (x, y from the top left, width, height), for tests
            // that drive the real mouse.
            const auto& L = ui.layout;
            std::ostringstream o;
            o << L.vx << " " << L.vy << " " << L.vw << " " << L.vh << "\n";
            try {
                atomic_write_file(w[1], o.str());
            } catch (const InputError& e) {
                return fail(e.what());
            }
            continue;
        }
        if (!r.ok) return fail(r.message);
    }
    return std::nullopt;
}

}  // namespace shuxiang::editor
