// The session's modal dialogs: unsaved changes (Save / Discard / Cancel) and the recovery offer after a
// crash (File > Import model has the file dialog, ui/file_browser).
#include <imgui.h>

#include "ui/ui_context.hpp"
#include "app/session.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {
namespace {

std::string L(const char* key, const char* id) { return tr(key) + "###" + id; }

void report(Editor& ed, const ActionResult& r) {
    if (!r.ok) ed.log(LogLine::Level::Warning, r.message);
}

}  // namespace

void draw_session_prompts(UiContext& ui) {
    Editor& ed = ui.ed;
    Session& s = ui.session;
    const std::string unsaved = L("editor.prompt.unsaved_title", "unsaved_popup");
    if (s.pending && !ImGui::IsPopupOpen(unsaved.c_str())) ImGui::OpenPopup(unsaved.c_str());
    if (ImGui::BeginPopupModal(unsaved.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        const std::string name = ed.path().empty() ? tr("editor.doc.untitled") : ed.path().filename().string();
        ImGui::TextUnformatted(trf("editor.prompt.unsaved", {name}).c_str());
        const char* choice = nullptr;
        if (ImGui::Button(L("editor.prompt.save", "un_save").c_str())) choice = "save";
        ImGui::SameLine();
        if (ImGui::Button(L("editor.prompt.discard", "un_discard").c_str())) choice = "discard";
        ImGui::SameLine();
        if (ImGui::Button(L("editor.prompt.cancel", "un_cancel").c_str())) choice = "cancel";
        if (choice) report(ed, s.answer(ui, choice));
        if (!s.pending) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }

    const std::string recover = L("editor.prompt.recover_title", "recover_popup");
    if (s.offered && !s.pending && ImGui::GetFrameCount() > 2 && !ImGui::IsPopupOpen(recover.c_str()))
        ImGui::OpenPopup(recover.c_str());
    if (ImGui::BeginPopupModal(recover.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (s.offered) {
            const std::string src = s.offered->source.empty() ? tr("editor.doc.untitled") : s.offered->source.string();
            ImGui::TextUnformatted(trf("editor.prompt.recover", {src}).c_str());
            if (ImGui::Button(L("editor.prompt.recover_yes", "rc_yes").c_str())) {
                report(ed, s.recover(ed, *s.offered));
                s.offered.reset();
            }
            ImGui::SameLine();
            if (ImGui::Button(L("editor.prompt.recover_no", "rc_no").c_str())) {
                std::error_code ec;
                std::filesystem::remove(s.offered->autosave, ec);
                s.offered.reset();
            }
        }
        if (!s.offered) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace shuxiang::editor
