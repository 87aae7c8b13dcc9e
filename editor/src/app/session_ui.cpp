// The session's modal dialogs: unsaved changes (Save / Discard / Cancel), the recovery offer after a
// crash, and the path prompt of File > Import model.
#include <imgui.h>
#include <imgui_stdlib.h>

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

    const std::string import = L("editor.menu.import_model", "import_popup");
    if (ui.shell.import_prompt) {
        ImGui::OpenPopup(import.c_str());
        ui.shell.import_prompt = false;
    }
    if (ImGui::BeginPopupModal(import.c_str(), nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        static std::string path;
        ImGui::TextUnformatted(tr("editor.prompt.model_path").c_str());
        ImGui::SetNextItemWidth(480);
        const bool enter = ImGui::InputText("##model", &path, ImGuiInputTextFlags_EnterReturnsTrue);
        if (ImGui::Button(L("editor.prompt.ok", "im_ok").c_str()) || enter) {
            // A failure is already in the log with file and reason; the prompt stays for another try.
            if (ed.import_model(path).ok) ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine();
        if (ImGui::Button(L("editor.prompt.cancel", "im_cancel").c_str())) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

}  // namespace shuxiang::editor
