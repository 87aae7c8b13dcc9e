#include "ui/panels.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <glm/glm.hpp>

#include "ui/ui_context.hpp"
#include "simview/sim_view.hpp"
#include "library/library_ui.hpp"
#include "library/room_bookings.hpp"
#include "render/dimensions.hpp"
#include "render/render_ui.hpp"
#include "ui/checks.hpp"
#include "ui/dock.hpp"
#include "ui/export_sheet.hpp"
#include "ui/file_browser.hpp"
#include "ui/label_board.hpp"
#include "ui/outliner.hpp"
#include "ui/palette.hpp"
#include "app/session.hpp"
#include "tools/draw_ui.hpp"
#include "shuxiang/circulation/types.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {
namespace {

constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;

// tr() with an ImGui id suffix so labels may change language without changing ids.
std::string L(const char* key, const char* id = nullptr) { return tr(key) + "###" + (id ? id : key); }

void begin_panel(const char* key, float x, float y, float w, float h, ImGuiWindowFlags extra = 0) {
    ImGui::SetNextWindowPos({x, y});
    ImGui::SetNextWindowSize({std::max(w, 1.f), std::max(h, 1.f)});
    ImGui::Begin(L(key).c_str(), nullptr, kPanel | extra);
}

void report(Editor& ed, const ActionResult& r) {
    if (!r.ok) ed.log(LogLine::Level::Warning, r.message);
}

const char* type_name(const plan::FurnitureType& t) {
    return language() == Language::ZhCN ? t.name_zh.c_str() : t.name_en.c_str();
}

void menu_bar(UiContext& ui) {
    Editor& ed = ui.ed;
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu(L("editor.menu.file").c_str())) {
        if (ImGui::BeginMenu(L("editor.menu.new_from_template").c_str())) {
            for (const auto& name : ed.template_names()) {
                const std::string key = "editor.template." + name;
                const std::string& label = tr(key) == key ? name : tr(key);
                if (ImGui::MenuItem((label + "###tpl" + name).c_str()))
                    report(ed, ui.session.request(ui, {PendingAction::Kind::New, name}));
            }
            ImGui::EndMenu();
        }
        if (ImGui::MenuItem(L("editor.menu.open").c_str(), "Ctrl+O")) {
            ui.shell.open_prompt = true;
        }
        if (ImGui::MenuItem(L("editor.menu.save").c_str(), "Ctrl+S")) {
            if (ed.path().empty()) ui.shell.save_prompt = true;
            else report(ed, ed.save());
        }
        if (ImGui::MenuItem(L("editor.menu.save_as").c_str())) ui.shell.save_prompt = true;
        if (ImGui::BeginMenu(L("editor.menu.recent").c_str(), !ed.recent().empty())) {
            for (const auto& p : std::vector(ed.recent())) {
                if (ImGui::MenuItem(p.string().c_str()))
                    report(ed, ui.session.request(ui, {PendingAction::Kind::Open, p.string()}));
            }
            ImGui::EndMenu();
        }
        ImGui::Separator();
        if (ImGui::MenuItem(L("editor.menu.import_model").c_str())) ui.shell.import_prompt = true;
        if (ImGui::MenuItem(L("editor.menu.export_sheet").c_str())) open_export_dialog(ed);
        if (ImGui::MenuItem(L("editor.menu.render_photo").c_str())) render_photo_menu(ui);
        ImGui::Separator();
        if (ImGui::MenuItem(L("editor.menu.quit").c_str())) report(ed, ui.session.request(ui, {PendingAction::Kind::Quit, {}}));
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(L("editor.menu.edit").c_str())) {
        auto& h = ed.history();
        const std::string undo = tr("editor.menu.undo") + (h.can_undo() ? " " + tr(h.undo_label()) : "");
        const std::string redo = tr("editor.menu.redo") + (h.can_redo() ? " " + tr(h.redo_label()) : "");
        if (ImGui::MenuItem((undo + "###undo").c_str(), "Ctrl+Z", false, h.can_undo())) report(ed, ed.undo());
        if (ImGui::MenuItem((redo + "###redo").c_str(), "Ctrl+Y", false, h.can_redo())) report(ed, ed.redo());
        ImGui::Separator();
        const bool any = !ed.selected_furniture().empty();
        if (ImGui::MenuItem(L("editor.menu.duplicate").c_str(), "Ctrl+D", false, any)) report(ed, ed.duplicate_selection());
        if (ImGui::MenuItem(L("editor.menu.delete").c_str(), "Del", false, !ed.selection().empty()))
            report(ed, ed.delete_selection());  // furniture, rooms, walls and openings
        if (ImGui::MenuItem(L("editor.menu.select_all").c_str(), "Ctrl+A")) ed.select_all();
        if (ImGui::MenuItem(L("editor.menu.select_none").c_str())) ed.select_none();
        ToolContext ctx = ui.tool_context();
        ui.manip().menu_ui(ctx);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(L("editor.menu.view").c_str())) {
        const ViewMode m = ed.camera().mode;
        if (ImGui::MenuItem(L("editor.view.3d").c_str(), "1", m == ViewMode::Orbit3D)) ed.set_view(ViewMode::Orbit3D, ui.aspect());
        if (ImGui::MenuItem(L("editor.view.top").c_str(), "2", m == ViewMode::Top)) ed.set_view(ViewMode::Top, ui.aspect());
        if (ImGui::MenuItem(L("editor.view.walk").c_str(), "3", m == ViewMode::Walk)) ed.set_view(ViewMode::Walk, ui.aspect());
        ImGui::Separator();
        if (ImGui::MenuItem(L("editor.view.frame_selection").c_str(), "F")) ed.frame_selection(ui.aspect());
        if (ImGui::MenuItem(L("editor.view.frame_all").c_str(), "Home")) ed.frame_all(ui.aspect());
        ImGui::MenuItem(L("editor.view.grid").c_str(), nullptr, &ed.show_grid);
        shading_menu(ui.renderer);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu(L("editor.menu.language").c_str())) {
        if (ImGui::MenuItem("中文###zh", nullptr, language() == Language::ZhCN)) set_language(parse_language("zh"));
        if (ImGui::MenuItem("English###en", nullptr, language() == Language::En)) set_language(parse_language("en"));
        ImGui::EndMenu();
    }
    ui.sim.menu(ui);
    ImGui::EndMainMenuBar();
}

}  // namespace

ActionResult apply_browse_choice(UiContext& ui, const BrowseChoice& c) {
    const std::string file = c.file.string();
    Editor& ed = ui.ed;
    return c.purpose == BrowsePurpose::Open     ? ui.session.request(ui, {PendingAction::Kind::Open, file})
           : c.purpose == BrowsePurpose::SaveAs ? ed.save(file)
                                                : ed.import_model(file);
}

namespace {

// File > Open, Save As and Import model through the file dialog (ui/file_browser).
void path_prompts(UiContext& ui) {
    Editor& ed = ui.ed;
    if (ui.shell.open_prompt) open_file_browser(BrowsePurpose::Open, ed.path().parent_path());
    if (ui.shell.save_prompt)
        open_file_browser(BrowsePurpose::SaveAs, ed.path().empty() ? std::filesystem::path("plan.sxplan.json") : ed.path());
    if (ui.shell.import_prompt) open_file_browser(BrowsePurpose::ImportModel, ed.path().parent_path());
    ui.shell.open_prompt = ui.shell.save_prompt = ui.shell.import_prompt = false;
    if (const auto c = draw_file_browser()) report(ed, apply_browse_choice(ui, *c));
}

void toolbar(UiContext& ui) {
    Editor& ed = ui.ed;
    const Layout& Lo = ui.layout;
    begin_panel("editor.panel.toolbar", 0, Lo.menu_h, ImGui::GetIO().DisplaySize.x, Lo.toolbar_h,
                ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
    const ViewMode m = ed.camera().mode;
    auto mode_button = [&](const char* key, ViewMode mode) {
        const bool on = m == mode;
        if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        if (ImGui::Button(L(key).c_str())) ed.set_view(mode, ui.aspect());
        if (on) ImGui::PopStyleColor();
        ImGui::SameLine();
    };
    mode_button("editor.view.3d", ViewMode::Orbit3D);
    mode_button("editor.view.top", ViewMode::Top);
    mode_button("editor.view.walk", ViewMode::Walk);
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    if (ImGui::Button(L("editor.menu.undo", "tb_undo").c_str())) report(ed, ed.undo());
    ImGui::SameLine();
    if (ImGui::Button(L("editor.menu.redo", "tb_redo").c_str())) report(ed, ed.redo());
    ImGui::SameLine();
    if (ImGui::Button(L("editor.tool.rotate_left").c_str())) report(ed, ed.rotate_selection(15));
    ImGui::SameLine();
    if (ImGui::Button(L("editor.tool.rotate_right").c_str())) report(ed, ed.rotate_selection(-15));
    ImGui::SameLine();
    if (ImGui::Button(L("editor.menu.duplicate", "tb_dup").c_str())) report(ed, ed.duplicate_selection());
    ImGui::SameLine();
    if (ImGui::Button(L("editor.menu.delete", "tb_del").c_str())) {
        if (auto r = delete_drawn(ed)) report(ed, *r);  // walls and openings
        else report(ed, ed.delete_selection());
    }
    ImGui::SameLine();
    if (ImGui::Button(L("editor.view.frame_all", "tb_all").c_str())) ed.frame_all(ui.aspect());
    draw_tool_buttons(ui);
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    const auto& levels = ed.plan().levels;
    if (!levels.empty()) {
        ImGui::SetNextItemWidth(140);
        const auto& cur = levels[static_cast<std::size_t>(std::clamp(ed.level_index(), 0, static_cast<int>(levels.size()) - 1))];
        if (ImGui::BeginCombo(L("editor.panel.level").c_str(), cur.name.c_str())) {
            for (std::size_t i = 0; i < levels.size(); ++i)
                if (ImGui::Selectable((levels[i].name + "###lv" + std::to_string(i)).c_str(),
                                      static_cast<int>(i) == ed.level_index()))
                    report(ed, ed.set_level(static_cast<int>(i)));
            ImGui::EndCombo();
        }
    }
    ImGui::End();
}

void outliner(UiContext& ui) {
    Editor& ed = ui.ed;
    begin_docked(ui, Panel::Outliner, L("editor.panel.outliner"));
    const auto& levels = ed.plan().levels;
    for (std::size_t li = 0; li < levels.size(); ++li) {
        const auto& lv = levels[li];
        ImGui::PushID(static_cast<int>(li));
        const bool current = static_cast<int>(li) == ed.level_index();
        ImGui::SetNextItemOpen(current, ImGuiCond_Always);
        if (ImGui::TreeNode("lv", "%s", lv.name.c_str())) {
            if (!current) report(ed, ed.set_level(static_cast<int>(li)));
            // Rooms, walls, openings and furniture (ui/outliner.cpp); a click selects, Ctrl adds. The
            // rows are rebuilt only when the document, the level or the language changed.
            static std::vector<OutlinerGroup> groups;
            static std::tuple<unsigned long, unsigned, std::size_t, Language> built{~0UL, 0, 0, Language::ZhCN};
            const auto key = std::make_tuple(ed.history().version(), ed.document_serial(), li, language());
            if (key != built) {
                groups = outliner_groups(lv, ed.catalog());
                built = key;
            }
            for (const auto& g : groups) {
                if (!ImGui::TreeNode(g.name.c_str(), "%s (%zu)", g.title.c_str(), g.rows.size())) continue;
                ImGuiListClipper clip;
                clip.Begin(static_cast<int>(g.rows.size()));
                while (clip.Step())
                    for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
                        const auto& row = g.rows[static_cast<std::size_t>(i)];
                        if (ImGui::Selectable((row.label + "###" + row.id).c_str(), ed.is_selected(row.id)))
                            report(ed, ed.select({row.id}, ImGui::GetIO().KeyCtrl));
                    }
                ImGui::TreePop();
            }
            ImGui::TreePop();
        }
        ImGui::PopID();
    }
    ImGui::End();
}

// A numeric field over several items: shows the common value, or a dash for mixed values.
bool mixed_double(const char* label, const std::vector<double>& values, double& out, const char* fmt) {
    bool mixed = false;
    for (double v : values)
        if (std::abs(v - values.front()) > 1e-9) mixed = true;
    out = values.front();
    if (mixed) {
        std::string s = "—";
        ImGui::SetNextItemWidth(-80);
        if (ImGui::InputText(label, &s, ImGuiInputTextFlags_EnterReturnsTrue)) {
            try {
                out = std::stod(s);
                return true;
            } catch (...) {
                return false;
            }
        }
        return false;
    }
    ImGui::SetNextItemWidth(-80);
    return ImGui::InputDouble(label, &out, 0.1, 1.0, fmt);
}

// Sections (when every item is shelving) and label of a multi-selection; "—" where the items differ.
template <typename Apply>
void multi_sections_and_label(Editor& ed, const std::vector<const plan::Furniture*>& items, Apply&& apply) {
    std::vector<double> sections;
    for (const auto* f : items)
        if (const plan::FurnitureType* t = ed.catalog().find(f->type); t && t->holds_books())
            sections.push_back(plan::effective_sections(*f, *t));
    double v = 0;
    if (sections.size() == items.size() && mixed_double(L("editor.inspector.sections").c_str(), sections, v, "%.0f")) {
        const int n = static_cast<int>(std::lround(v));
        if (n >= 1 && n <= 50) apply("sections", [&](plan::Furniture& g) { g.sections = n; });
    }
    if (ImGui::IsItemDeactivatedAfterEdit()) ed.seal();
    bool same = true;
    for (const auto* f : items) same = same && f->label == items.front()->label;
    std::string label = same ? items.front()->label : "—";
    ImGui::SetNextItemWidth(-80);
    if (ImGui::InputText(L("editor.inspector.label").c_str(), &label, ImGuiInputTextFlags_EnterReturnsTrue)) {
        apply("label", [&](plan::Furniture& g) { g.label = label; });
        ed.seal();
    }
}

// The room's bookings in the open library database (reading activities), read-only.
void room_bookings(Editor& ed, const std::string& room_id) {
    if (ed.library.db().empty()) return;
    const auto& lines = library::room_booking_lines(ed.library.db(), room_id, circulation::today());
    ImGui::Text("%s: %s", tr("editor.inspector.bookings").c_str(),
                lines.empty() ? tr("editor.inspector.no_bookings").c_str() : std::to_string(lines.size()).c_str());
    for (const auto& l : lines) ImGui::BulletText("%s", l.c_str());
}

void inspector(UiContext& ui) {
    Editor& ed = ui.ed;
    begin_docked(ui, Panel::Inspector, L("editor.panel.inspector"));
    const bool shown = draw_tool_inspector(ui);
    auto items = ed.selected_furniture();
    if (!items.empty()) {
        const plan::FurnitureType* t = ed.catalog().find(items.front()->type);
        if (items.size() == 1) {
            ImGui::Text("%s: %s", tr("editor.inspector.id").c_str(), items.front()->id.c_str());
            ImGui::Text("%s: %s", tr("editor.inspector.type").c_str(), t ? type_name(*t) : items.front()->type.c_str());
        } else {
            ImGui::TextUnformatted(trf("editor.inspector.n_selected", {std::to_string(items.size())}).c_str());
        }
        std::vector<double> xs, ys, yaws;
        for (const auto* f : items) {
            xs.push_back(f->position.x);
            ys.push_back(f->position.y);
            yaws.push_back(f->yaw_deg);
        }
        double v = 0;
        auto apply = [&](const char* field, auto&& change) {
            std::vector<plan::Furniture> after;
            for (const auto* f : items) {
                after.push_back(*f);
                change(after.back());
            }
            report(ed, ed.set_furniture(after, field));
        };
        if (mixed_double(L("editor.inspector.x").c_str(), xs, v, "%.3f m")) apply("x", [&](plan::Furniture& g) { g.position.x = v; });
        if (ImGui::IsItemDeactivatedAfterEdit()) ed.seal();
        if (mixed_double(L("editor.inspector.y").c_str(), ys, v, "%.3f m")) apply("y", [&](plan::Furniture& g) { g.position.y = v; });
        if (ImGui::IsItemDeactivatedAfterEdit()) ed.seal();
        if (mixed_double(L("editor.inspector.yaw").c_str(), yaws, v, "%.1f°")) apply("yaw", [&](plan::Furniture& g) { g.yaw_deg = v; });
        if (ImGui::IsItemDeactivatedAfterEdit()) ed.seal();
        if (items.size() == 1 && t) {
            plan::Furniture g = *items.front();
            if (t->holds_books()) {
                int sections = plan::effective_sections(g, *t);
                ImGui::SetNextItemWidth(-80);
                if (ImGui::InputInt(L("editor.inspector.sections").c_str(), &sections) && sections >= 1 && sections <= 50) {
                    g.sections = sections;
                    report(ed, ed.set_furniture(g, false));
                }
                ImGui::Text("%s: %.2f m", tr("editor.inspector.shelf_metres").c_str(), plan::shelf_metres(*items.front(), *t));
            }
            std::string label = items.front()->label;
            ImGui::SetNextItemWidth(-80);
            if (ImGui::InputText(L("editor.inspector.label").c_str(), &label, ImGuiInputTextFlags_EnterReturnsTrue)) {
                g = *items.front();
                g.label = label;
                report(ed, ed.set_furniture(g, false));
            }
            ImGui::Separator();
            ImGui::Text("%.2f × %.2f × %.2f m", plan::effective_width(*items.front(), *t), t->depth, t->height);
            if (t->seats) ImGui::Text("%s: %d", tr("editor.inspector.seats").c_str(), t->seats);
        } else if (items.size() > 1) {
            multi_sections_and_label(ed, items, apply);
        }
    } else if (const plan::Room* r = ed.selected_room()) {
        plan::Room g = *r;
        ImGui::Text("%s: %s", tr("editor.inspector.id").c_str(), r->id.c_str());
        std::string name = r->name;
        ImGui::SetNextItemWidth(-80);
        if (ImGui::InputText(L("editor.inspector.name").c_str(), &name, ImGuiInputTextFlags_EnterReturnsTrue)) {
            g.name = name;
            report(ed, ed.set_room(g, false));
        }
        ImGui::SetNextItemWidth(-80);
        if (ImGui::BeginCombo(L("editor.inspector.kind").c_str(), tr(plan::display_key(r->kind)).c_str())) {
            for (int k = 0; k <= static_cast<int>(plan::RoomKind::Circulation); ++k) {
                const auto kind = static_cast<plan::RoomKind>(k);
                if (ImGui::Selectable(tr(plan::display_key(kind)).c_str(), kind == r->kind)) {
                    g.kind = kind;
                    report(ed, ed.set_room(g, false));
                }
            }
            ImGui::EndCombo();
        }
        double ch = r->clear_height;
        ImGui::SetNextItemWidth(-80);
        if (ImGui::InputDouble(L("editor.inspector.clear_height").c_str(), &ch, 0.1, 0.5, "%.2f m") && ch > 0) {
            g = *r;
            g.clear_height = ch;
            report(ed, ed.set_room(g));
        }
        if (ImGui::IsItemDeactivatedAfterEdit()) ed.seal();
        bool teachers = r->for_teachers;
        if (ImGui::Checkbox(L("editor.inspector.for_teachers").c_str(), &teachers)) {
            g = *r;
            g.for_teachers = teachers;
            report(ed, ed.set_room(g, false));
        }
        if (r->kind == plan::RoomKind::Stacks) {  // open, closed or compact shelving (GB 50099 5.13.3-4)
            ImGui::SetNextItemWidth(-80);
            const auto key = [](plan::StackArrangement a) { return "plan.stack_arrangement." + std::string(plan::to_string(a)); };
            if (ImGui::BeginCombo(L("editor.inspector.stacks").c_str(), tr(key(r->stacks)).c_str())) {
                for (auto a : {plan::StackArrangement::Open, plan::StackArrangement::Closed, plan::StackArrangement::Compact})
                    if (ImGui::Selectable(tr(key(a)).c_str(), a == r->stacks)) {
                        g = *r;
                        g.stacks = a;
                        report(ed, ed.set_room(g, false));
                    }
                ImGui::EndCombo();
            }
        }
        ImGui::Text("%s: %.2f m²", tr("editor.inspector.area").c_str(),
                    ed.level() ? plan::room_area(*ed.level(), *r) : plan::polygon_area(r->polygon));
        room_bookings(ed, r->id);
    } else if (!shown) {
        ImGui::TextDisabled("%s", tr("editor.inspector.none").c_str());
    }
    ImGui::End();
}

void log_panel(UiContext& ui) {
    begin_docked(ui, Panel::Log, L("editor.panel.log"));
    const auto& lines = ui.ed.log_lines();
    for (const auto& l : lines) {
        const ImVec4 c = l.level == LogLine::Level::Error     ? ImVec4(1.f, 0.45f, 0.4f, 1.f)
                         : l.level == LogLine::Level::Warning ? ImVec4(1.f, 0.8f, 0.35f, 1.f)
                                                              : ImVec4(0.8f, 0.8f, 0.8f, 1.f);
        ImGui::TextColored(c, "%s", l.text.c_str());
    }
    static std::size_t last = 0;
    if (lines.size() != last) ImGui::SetScrollHereY(1.f);
    last = lines.size();
    ImGui::End();
}

void status_bar(UiContext& ui, float y, float w, float h) {
    Editor& ed = ui.ed;
    begin_panel("editor.panel.status", 0, y, w, h, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
    if (auto p = ui.figures.cursor_floor)
        ImGui::Text("X %.2f m  Y %.2f m", p->x, p->y);
    else
        ImGui::TextDisabled("X —  Y —");
    ImGui::SameLine(220);
    // Selection size: the axis-aligned extent of the selected furniture footprints.
    std::vector<FurnitureBox> sel;
    for (const auto& b : ed.scene().furniture)
        if (ed.is_selected(b.id)) sel.push_back(b);
    if (!sel.empty()) {
        glm::vec2 lo(1e9f), hi(-1e9f);
        for (const auto& b : sel) {
            const float a = glm::radians(b.yaw_deg);
            for (int i = 0; i < 4; ++i) {
                const float lx = (i & 1 ? 1.f : -1.f) * b.half.x, ly = (i & 2 ? 1.f : -1.f) * b.half.y;
                const glm::vec2 c(b.center.x + lx * std::cos(a) - ly * std::sin(a), b.center.y + lx * std::sin(a) + ly * std::cos(a));
                lo = glm::min(lo, c);
                hi = glm::max(hi, c);
            }
        }
        ImGui::TextUnformatted(trf("editor.status.selection", {std::to_string(sel.size())}).c_str());
        ImGui::SameLine();
        ImGui::Text("%.2f × %.2f m", hi.x - lo.x, hi.y - lo.y);
    } else if (const plan::Room* r = ed.selected_room()) {
        ImGui::Text("%s  %.2f m²", r->name.c_str(), ed.level() ? plan::room_area(*ed.level(), *r) : plan::polygon_area(r->polygon));
    } else {
        ImGui::TextDisabled("%s", tr("editor.inspector.none").c_str());
    }
    draw_tool_status(ui);
    if (!ui.manip().status().empty()) {
        ImGui::SameLine();
        ImGui::TextUnformatted(("  " + ui.manip().status()).c_str());
    }
    ImGui::SameLine(w * 0.55f);
    ImGui::Text("%s %d  |  %.1f ms  |  %s", tr("editor.status.draw_calls").c_str(), ui.figures.draw_calls, ui.figures.frame_ms,
                ed.history().is_saved() ? tr("editor.status.saved").c_str() : tr("editor.status.modified").c_str());
    ImGui::End();
}

void overlay_labels(UiContext& ui) {
    Editor& ed = ui.ed;
    const Layout& Lo = ui.layout;
    const Camera& cam = ed.camera();
    const glm::mat4 vp = cam.projection(ui.aspect()) * cam.view();
    for (const auto& lab : ed.scene().labels) {
        glm::vec4 c = vp * glm::vec4(lab.anchor, 1.f);
        if (c.w <= 0) continue;
        const glm::vec3 ndc = glm::vec3(c) / c.w;
        if (std::abs(ndc.x) > 1 || std::abs(ndc.y) > 1 || ndc.z > 1) continue;
        const float sx = Lo.vx + (ndc.x * 0.5f + 0.5f) * Lo.vw, sy = Lo.vy + (0.5f - ndc.y * 0.5f) * Lo.vh;
        char area[48];
        std::snprintf(area, sizeof area, "%.1f m²", lab.area);
        const std::string text = cam.mode == ViewMode::Top ? lab.name + "\n" + area : lab.name;
        label_board::add({{sx, sy}, text, IM_COL32(255, 255, 255, 255), IM_COL32(20, 22, 26, 170),
                          label_board::RoomName, 4, 2});
    }
}

// Top view: each wall segment's length on a dimension line beside it, and the selection's width
// and depth. Lines shorter than 40 pixels on screen are left out (they would only be clutter).
void overlay_dimensions(UiContext& ui) {
    Editor& ed = ui.ed;
    const Camera& cam = ed.camera();
    if (cam.mode != ViewMode::Top || !ed.level()) return;
    const Layout& Lo = ui.layout;
    const glm::mat4 vp = cam.projection(ui.aspect()) * cam.view();
    auto screen = [&](glm::vec2 p) {
        const glm::vec4 c = vp * glm::vec4(p.x, p.y, 0.f, 1.f);
        return ImVec2(Lo.vx + (c.x / c.w * 0.5f + 0.5f) * Lo.vw, Lo.vy + (0.5f - c.y / c.w * 0.5f) * Lo.vh);
    };
    std::vector<Dimension> dims = wall_dimensions(*ed.level());
    for (const plan::Furniture* f : ed.selected_furniture())
        if (const plan::FurnitureType* t = ed.catalog().find(f->type))
            for (auto& d : furniture_dimensions(*f, *t)) dims.push_back(std::move(d));
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    dl->PushClipRect({Lo.vx, Lo.vy}, {Lo.vx + Lo.vw, Lo.vy + Lo.vh});
    const ImU32 col = IM_COL32(210, 215, 225, 220);
    for (const auto& d : dims) {
        const ImVec2 a = screen(d.line_from), b = screen(d.line_to);
        if (std::hypot(b.x - a.x, b.y - a.y) < 40.f) continue;
        dl->AddLine(screen(d.from), a, IM_COL32(210, 215, 225, 90));
        dl->AddLine(screen(d.to), b, IM_COL32(210, 215, 225, 90));
        dl->AddLine(a, b, col);
        dl->AddCircleFilled(a, 2.f, col);
        dl->AddCircleFilled(b, 2.f, col);
        char text[32];
        std::snprintf(text, sizeof text, "%.2f m", d.length);
        label_board::add({{(a.x + b.x) / 2, (a.y + b.y) / 2}, text, col, IM_COL32(30, 32, 38, 200),
                          label_board::Dimension, 2, 0});
    }
    dl->PopClipRect();
}

}  // namespace

void draw_ui(UiContext& ui) {
    const Layout& Lo = ui.layout;
    const ImVec2 ds = ImGui::GetIO().DisplaySize;
    menu_bar(ui);
    path_prompts(ui);
    toolbar(ui);
    // The panels at their places in the layout (ui/layout.hpp), none over the view.
    outliner(ui);
    draw_palette(ui);
    inspector(ui);
    draw_checks_panel(ui);
    log_panel(ui);
    status_bar(ui, ds.y - Lo.status_h, ds.x, Lo.status_h);
    overlay_labels(ui);
    overlay_dimensions(ui);
    draw_aisle_overlay(ui);
    draw_library_ui(ui);
    // Room names, call-number labels and dimensions placed together, none over another or under a
    // floating window.
    label_board::flush(ImGui::GetBackgroundDrawList(), {Lo.vx, Lo.vy, Lo.vx + Lo.vw, Lo.vy + Lo.vh});
    draw_export_dialog(ui.ed);
    draw_session_prompts(ui);  // last: a modal opened before the panels exist trips ImGui 1.86
}

}  // namespace shuxiang::editor
