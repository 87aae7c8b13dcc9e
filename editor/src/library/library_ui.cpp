#include "library/library_ui.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "ui/dock.hpp"
#include "ui/ui_context.hpp"
#include "library/palette.hpp"
#include "ui/label_board.hpp"
#include "shuxiang/catalog/clc.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {
namespace {

using library::ColorMode;

ImU32 to_imu32(glm::vec3 c) {
    return IM_COL32(static_cast<int>(c.r * 255.f + 0.5f), static_cast<int>(c.g * 255.f + 0.5f), static_cast<int>(c.b * 255.f + 0.5f), 255);
}

std::string class_name(int i) {
    const std::string code(1, library::kClassLetters[static_cast<std::size_t>(i)]);
    try {
        if (const auto* c = catalog::ClcTable::get().find_class(code))
            return code + " " + (language() == Language::ZhCN ? c->zh : c->en);
    } catch (const InputError&) {
        // Without the class table the letter alone still identifies the colour.
    }
    return code;
}

// Chooses a hit: the view moves to the section's level and centres on it.
std::optional<std::string> choose(UiContext& ui, std::size_t n) {
    Editor& ed = ui.ed;
    if (auto err = ed.library.select_hit(n, ed.plan(), ed.catalog())) return err;
    const auto& f = *ed.library.found();
    for (std::size_t i = 0; i < ed.plan().levels.size(); ++i)
        if (ed.plan().levels[i].id == f.level_id && static_cast<int>(i) != ed.level_index()) ed.set_level(static_cast<int>(i));
    ed.camera().target = {f.place.center.x, f.place.center.y, 0.f};
    if (f.route.empty())
        ed.log(LogLine::Level::Warning, trf("editor.library.log.no_route", {f.section_id, f.route_error}));
    else {
        char len[32];
        std::snprintf(len, sizeof len, "%.1f", f.length);
        ed.log(LogLine::Level::Info, trf("editor.library.log.found", {f.hit.title, f.section_id, std::to_string(f.hit.shelf_level), len}));
    }
    return std::nullopt;
}

void panel(UiContext& ui) {
    Editor& ed = ui.ed;
    auto& lib = ed.library;
    // In the right column (ui/layout.hpp), beside the view rather than over it.
    if (!begin_docked(ui, Panel::Library, tr("editor.library.panel") + "###library_panel")) {
        ImGui::End();
        return;
    }
    const float w = ImGui::GetWindowWidth();
    ImGui::TextWrapped("%s", lib.db().filename().string().c_str());
    // Whether the assignment still matches the plan, worked out again only when either changes.
    static unsigned long seen_history = ~0UL, seen_library = ~0UL;
    static unsigned seen_document = ~0U;
    static bool stale = false;
    if (seen_history != ed.history().version() || seen_library != lib.version() || seen_document != ed.document_serial()) {
        seen_history = ed.history().version();
        seen_library = lib.version();
        seen_document = ed.document_serial();
        stale = lib.stale_for(ed.plan(), ed.catalog());
    }
    if (stale) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.f, 0.7f, 0.2f, 1.f));
        ImGui::TextWrapped("%s", tr("editor.library.stale").c_str());
        ImGui::PopStyleColor();
    }
    if (!lib.assigned()) {
        ImGui::TextWrapped("%s", tr("editor.library.not_shelved").c_str());
    } else {
        int mode = lib.mode() == ColorMode::Class ? 0 : 1;
        if (ImGui::RadioButton((tr("editor.library.by_class") + "###by_class").c_str(), &mode, 0)) lib.set_mode(ColorMode::Class);
        ImGui::SameLine();
        if (ImGui::RadioButton((tr("editor.library.by_fill") + "###by_fill").c_str(), &mode, 1)) lib.set_mode(ColorMode::Fill);
        if (ImGui::CollapsingHeader((tr("editor.library.legend") + "###legend").c_str(), ImGuiTreeNodeFlags_DefaultOpen)) {
            ImDrawList* dl = ImGui::GetWindowDrawList();
            const float sq = ImGui::GetTextLineHeight();
            if (lib.mode() == ColorMode::Class) {
                // Two columns of swatches with the class's short name; the full name and count on hover.
                for (int i = 0; i < library::kClassCount; ++i) {
                    if (i % 2) ImGui::SameLine(w / 2);
                    const ImVec2 p = ImGui::GetCursorScreenPos();
                    dl->AddRectFilled(p, {p.x + sq, p.y + sq}, to_imu32(library::class_color(i)));
                    ImGui::Dummy({sq, sq});
                    ImGui::SameLine();
                    const std::string name = class_name(i);
                    std::size_t cut = std::min({name.find("、"), name.find(','), name.find("，")});
                    ImGui::TextUnformatted(name.substr(0, cut).c_str());
                    if (ImGui::IsItemHovered())
                        ImGui::SetTooltip("%s: %lld", name.c_str(), lib.class_counts()[static_cast<std::size_t>(i)]);
                }
            } else {
                const ImVec2 p = ImGui::GetCursorScreenPos();
                const float bw = ImGui::GetContentRegionAvail().x;
                for (int i = 0; i < 50; ++i)
                    dl->AddRectFilled({p.x + bw * static_cast<float>(i) / 50.f, p.y}, {p.x + bw * static_cast<float>(i + 1) / 50.f, p.y + sq},
                                      to_imu32(library::fill_color(i / 49.0)));
                ImGui::Dummy({bw, sq});
                ImGui::Text("0%%");
                ImGui::SameLine(bw - 30.f);
                ImGui::Text("100%%");
            }
        }
    }
    ImGui::Separator();
    static std::string query;
    ImGui::SetNextItemWidth(w - 90.f);
    const bool enter = ImGui::InputTextWithHint("###find_query", tr("editor.library.find_hint").c_str(), &query,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button((tr("editor.library.find") + "###find").c_str()) || enter) && !query.empty())
        if (auto err = lib.find(query)) ed.log(LogLine::Level::Warning, *err);
    if (!lib.hits().empty() && ImGui::BeginListBox("###hits", {w - 16.f, 8.f * ImGui::GetTextLineHeightWithSpacing()})) {
        for (std::size_t i = 0; i < lib.hits().size(); ++i) {
            const auto& h = lib.hits()[i];
            const bool chosen = lib.found() && lib.found()->hit.item_id == h.item_id;
            const std::string row = h.call_number + "  " + h.title + "  " + h.barcode + "###hit" + std::to_string(i);
            if (ImGui::Selectable(row.c_str(), chosen))
                if (auto err = choose(ui, i)) ed.log(LogLine::Level::Warning, *err);
        }
        ImGui::EndListBox();
    }
    if (const auto& f = lib.found()) {
        ImGui::TextWrapped("%s", trf("editor.library.found_at", {f->section_id, std::to_string(f->hit.shelf_level)}).c_str());
        if (!f->route.empty()) {
            char len[32];
            std::snprintf(len, sizeof len, "%.1f", f->length);
            ImGui::TextWrapped("%s", trf("editor.library.route_length", {len}).c_str());
        } else {
            ImGui::TextWrapped("%s", f->route_error.c_str());
        }
    }
    ImGui::End();
}

void range_labels(UiContext& ui) {
    Editor& ed = ui.ed;
    const plan::Level* level = ed.level();
    if (!level || !ed.library.assigned()) return;
    const Layout& Lo = ui.layout;
    const Camera& cam = ed.camera();
    const glm::mat4 vp = cam.projection(ui.aspect()) * cam.view();
    auto project = [&](glm::vec3 p, ImVec2& out) {
        const glm::vec4 c = vp * glm::vec4(p, 1.f);
        if (c.w <= 0) return false;
        const glm::vec3 ndc = glm::vec3(c) / c.w;
        if (std::abs(ndc.x) > 1 || std::abs(ndc.y) > 1 || ndc.z > 1) return false;
        out = {Lo.vx + (ndc.x * 0.5f + 0.5f) * Lo.vw, Lo.vy + (0.5f - ndc.y * 0.5f) * Lo.vh};
        return true;
    };
    for (const auto& span : ed.library.range_spans()) {
        const plan::Furniture* f = plan::find_furniture(*level, span.furniture_id);
        const plan::FurnitureType* t = f ? ed.catalog().find(f->type) : nullptr;
        if (!t) continue;
        const float W = static_cast<float>(plan::effective_width(*f, *t)), H = static_cast<float>(t->height);
        const float yaw = glm::radians(static_cast<float>(f->yaw_deg));
        const glm::vec3 c(static_cast<float>(f->position.x), static_cast<float>(f->position.y), H + 0.15f);
        const glm::vec3 half_along(std::cos(yaw) * W / 2, std::sin(yaw) * W / 2, 0.f);
        ImVec2 a, b, m;
        // Only ranges drawn long enough on screen carry a label, so that a whole-school view stays legible.
        if (!project(c - half_along, a) || !project(c + half_along, b) || !project(c, m)) continue;
        if (std::hypot(a.x - b.x, a.y - b.y) < 70.f) continue;
        const std::string text = (span.label.empty() ? span.furniture_id : span.label) + "  " + span.first + " – " + span.last;
        // Placed with the other viewport labels (ui/label_board): one that would cover another moves or is left out.
        label_board::add({m, text, IM_COL32(30, 30, 30, 255), IM_COL32(250, 246, 230, 225), label_board::CallNumber, 3, 1});
    }
}

}  // namespace

void draw_library_ui(UiContext& ui) {
    if (ui.ed.library.db().empty()) return;
    panel(ui);
    range_labels(ui);
}

std::vector<FlatVertex> library_overlay(const Editor& ed, double time_s) {
    const auto& f = ed.library.found();
    const plan::Level* level = ed.level();
    if (!f || !level || level->id != f->level_id) return {};
    return library::found_overlay(*f, static_cast<float>(0.5 + 0.5 * std::sin(time_s * 4.0)));
}

bool is_library_action(const std::string& a) {
    return a == "db" || a == "books" || a == "find" || a == "find-select" || a == "find-report" || a == "lod";
}

std::optional<std::string> run_library_action(UiContext& ui, const std::vector<std::string>& w) {
    Editor& ed = ui.ed;
    auto& lib = ed.library;
    const std::string& a = w[0];
    if (a == "db") return lib.open(w[1]);
    if (a == "books") {
        if (w[1] == "class") lib.set_mode(ColorMode::Class);
        else if (w[1] == "fill") lib.set_mode(ColorMode::Fill);
        else return tr("editor.script.usage.books");
        return std::nullopt;
    }
    if (a == "lod") {
        if (w[1] != "on" && w[1] != "off") return tr("editor.script.usage.lod");
        ed.spine_lod = w[1] == "on";
        return std::nullopt;
    }
    if (a == "find") {
        std::string q = w[1];
        for (std::size_t i = 2; i < w.size(); ++i) q += " " + w[i];
        return lib.find(q);
    }
    if (a == "find-select") {
        int n = -1;
        std::istringstream(w[1]) >> n;
        if (n < 0) return tr("editor.script.usage.find_select");
        return choose(ui, static_cast<std::size_t>(n));
    }
    if (a == "find-report") {
        // One fact a line, tab-separated, for tests: hits, then the chosen section and route.
        std::ostringstream out;
        out.precision(4);
        out << std::fixed;
        out << "hits\t" << lib.hits().size() << "\n";
        for (const auto& h : lib.hits()) out << "hit\t" << h.barcode << "\t" << h.call_number << "\t" << h.section << "\n";
        if (const auto& f = lib.found()) {
            out << "section\t" << f->section_id << "\n";
            out << "shelf_level\t" << f->hit.shelf_level << "\n";
            out << "face_center\t" << f->place.center.x << "\t" << f->place.center.y << "\n";
            out << "start\t" << f->start.x << "\t" << f->start.y << "\n";
            out << "goal\t" << f->goal.x << "\t" << f->goal.y << "\n";
            if (!f->route.empty()) out << "end\t" << f->route.back().x << "\t" << f->route.back().y << "\n";
            out << "corners\t" << f->route.size() << "\n";
            out << "length\t" << f->length << "\n";
            out << "straight\t" << std::hypot(f->goal.x - f->start.x, f->goal.y - f->start.y) << "\n";
            if (!f->route_error.empty()) out << "route_error\t" << f->route_error << "\n";
        }
        try {
            atomic_write_file(w[1], out.str());
        } catch (const InputError& e) {
            return format_place(e.file(), e.where(), e.message());
        }
        return std::nullopt;
    }
    return tr("editor.script.unknown_library_action");
}

}  // namespace shuxiang::editor
