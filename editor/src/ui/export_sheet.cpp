#include "ui/export_sheet.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <stdexcept>

#include "shuxiang/standards/profile.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {

namespace {

struct DialogState {
    bool open_requested = false;
    std::string path;
    int paper = 0;  // 0 A4, 1 A3
};

DialogState& dialog() {
    static DialogState s;
    return s;
}

ActionResult failed(Editor& ed, const std::string& message) {
    ed.log(LogLine::Level::Warning, message);
    return ActionResult::fail(message);
}

}  // namespace

ActionResult export_sheet(Editor& ed, const std::filesystem::path& out, plan_print::Paper paper) {
    const std::string ext = out.extension().string();
    if (ext != ".pdf" && ext != ".png") return failed(ed, trf("editor.export.bad_type", {out.string()}));
    const plan::Plan& p = ed.plan();
    try {
        const auto rules = standards::RuleSet::for_region(standards::builtin_profile_dir(), p.school.region);
        const plan_print::SheetOptions o{paper, static_cast<std::size_t>(std::max(0, ed.level_index())), 150};
        const plan_print::Sheet s = ext == ".pdf" ? plan_print::plan_pdf(p, ed.catalog(), rules, o)
                                                  : plan_print::plan_png(p, ed.catalog(), rules, o);
        atomic_write_file(out, s.bytes);
        const std::string orientation = trf(s.layout.landscape ? "plan_print.landscape" : "plan_print.portrait",
                                            {plan_print::to_string(s.layout.paper)});
        const std::string msg = trf("plan_print.written", {out.string(), orientation, std::to_string(s.layout.scale),
                                                           std::to_string(s.problems)});
        ed.log(LogLine::Level::Info, msg);
        return {true, msg};
    } catch (const InputError& e) {
        return failed(ed, format_place(e.file(), e.where(), e.message()));
    } catch (const std::exception& e) {
        return failed(ed, trf("editor.export.failed", {out.string(), e.what()}));
    }
}

void open_export_dialog(const Editor& ed) {
    DialogState& s = dialog();
    s.open_requested = true;
    std::filesystem::path base = ed.path().empty() ? std::filesystem::path("plan.sxplan.json") : ed.path();
    // "school.sxplan.json" → "school.pdf"
    std::string stem = base.filename().string();
    if (auto dot = stem.find('.'); dot != std::string::npos) stem = stem.substr(0, dot);
    s.path = (base.parent_path() / (stem + ".pdf")).string();
}

void draw_export_dialog(Editor& ed) {
    DialogState& s = dialog();
    const std::string id = tr("editor.menu.export_sheet") + "###export_sheet_popup";
    if (s.open_requested) {
        ImGui::OpenPopup(id.c_str());
        s.open_requested = false;
    }
    if (!ImGui::BeginPopupModal(id.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted(tr("editor.export.path").c_str());
    ImGui::SetNextItemWidth(480);
    const bool enter = ImGui::InputText("##export_path", &s.path, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::RadioButton("A4###export_a4", &s.paper, 0);
    ImGui::SameLine();
    ImGui::RadioButton("A3###export_a3", &s.paper, 1);
    ImGui::TextDisabled("%s", tr("editor.export.hint").c_str());
    if (ImGui::Button((tr("editor.prompt.ok") + "###export_ok").c_str()) || enter) {
        // A failure is in the log with its reason; the dialog stays for another try.
        if (export_sheet(ed, s.path, s.paper == 0 ? plan_print::Paper::A4 : plan_print::Paper::A3).ok)
            ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button((tr("editor.prompt.cancel") + "###export_cancel").c_str())) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace shuxiang::editor
