#include "ui/file_browser.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <memory>

#include "app/session.hpp"
#include "shuxiang/util/i18n.hpp"
#include "ui/file_browser_model.hpp"

namespace fs = std::filesystem;

namespace shuxiang::editor {

namespace {

const std::vector<std::string>& suffixes_for(BrowsePurpose p) {
    static const std::vector<std::string> plans{".sxplan.json"};
    static const std::vector<std::string> models{".obj", ".fbx", ".gltf", ".glb", ".3ds", ".dae"};
    return p == BrowsePurpose::ImportModel ? models : plans;
}

const char* title_key(BrowsePurpose p) {
    switch (p) {
        case BrowsePurpose::Open: return "editor.menu.open";
        case BrowsePurpose::SaveAs: return "editor.menu.save_as";
        case BrowsePurpose::ImportModel: return "editor.menu.import_model";
    }
    return "editor.menu.open";
}

struct State {
    bool open_requested = false;
    bool close_requested = false;
    BrowsePurpose purpose = BrowsePurpose::Open;
    std::unique_ptr<FileBrowserModel> model;
    std::string typed;
    int filter = 0;  // 0 the purpose's files, 1 all files
};

State& state() {
    static State s;
    return s;
}

std::string L(const std::string& key, const char* id) { return tr(key) + "###" + id; }

void places_column(State& s) {
    ImGui::TextDisabled("%s", tr("editor.browser.places").c_str());
    auto place = [&](const std::string& label, const fs::path& p, int id) {
        ImGui::PushID(id);
        if (ImGui::Selectable(label.c_str(), s.model->folder() == p)) s.model->open(p);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.string().c_str());
        ImGui::PopID();
    };
    if (const char* home = std::getenv("HOME")) place(tr("editor.browser.home"), fs::path(home), 1);
    std::error_code ec;
    place(tr("editor.browser.current"), fs::current_path(ec), 2);
    ImGui::Separator();
    int id = 10;
    for (const auto& r : s.model->recent()) place(r.filename().empty() ? r.string() : r.filename().string(), r, id++);
}

// The listing; returns true when a file was double-clicked (the choice is in s.typed).
bool listing(State& s) {
    std::string enter;
    bool chosen = false;
    for (const auto& e : s.model->entries()) {
        const std::string label = e.folder ? "[" + e.name + "]" : e.name;
        if (ImGui::Selectable(label.c_str(), !e.folder && s.typed == e.name, ImGuiSelectableFlags_AllowDoubleClick)) {
            if (e.folder && ImGui::IsMouseDoubleClicked(0)) enter = e.name;
            else if (!e.folder) {
                s.typed = e.name;
                chosen = ImGui::IsMouseDoubleClicked(0);
            }
        }
    }
    if (!enter.empty()) s.model->enter(enter);
    return chosen;
}

void filter_combo(State& s) {
    std::string names = trf("editor.browser.filter", {[&] {
        std::string list;
        for (const auto& x : suffixes_for(s.purpose)) list += (list.empty() ? "*" : " *") + x;
        return list;
    }()});
    const std::string all = tr("editor.browser.all_files");
    const char* items[] = {names.c_str(), all.c_str()};
    ImGui::SetNextItemWidth(220);
    if (ImGui::Combo("###browser_filter", &s.filter, items, 2))
        s.model->set_suffixes(s.filter == 0 ? suffixes_for(s.purpose) : std::vector<std::string>{});
}

}  // namespace

std::optional<BrowseChoice> confirm_file_browser(const std::string& typed) {
    State& s = state();
    if (!s.model) return std::nullopt;
    const auto file = s.model->choose(typed, s.purpose != BrowsePurpose::SaveAs);
    if (!file) return std::nullopt;
    s.model->remember(file->parent_path());
    s.close_requested = true;
    return BrowseChoice{s.purpose, *file};
}

const std::string& browser_error() {
    static const std::string none;
    return state().model ? state().model->error() : none;
}

std::string browser_listing() {
    const State& s = state();
    if (!s.model) return {};
    std::string out = s.model->folder().string() + "\n";
    for (const auto& e : s.model->entries()) out += e.name + (e.folder ? "/" : "") + "\n";
    for (const auto& r : s.model->recent()) out += "recent: " + r.string() + "\n";
    return out;
}

void open_file_browser(BrowsePurpose purpose, const fs::path& start) {
    State& s = state();
    s.open_requested = true;
    s.close_requested = false;
    s.purpose = purpose;
    s.filter = 0;
    s.model = std::make_unique<FileBrowserModel>(suffixes_for(purpose), config_dir() / "places.json");
    std::error_code ec;
    fs::path folder = start.empty() ? fs::current_path(ec) : start;
    s.typed.clear();
    if (!fs::is_directory(folder, ec)) {
        if (purpose == BrowsePurpose::SaveAs) s.typed = folder.filename().string();
        folder = folder.parent_path().empty() ? fs::current_path(ec) : folder.parent_path();
    }
    if (!s.model->open(folder) && !s.model->recent().empty()) s.model->open(s.model->recent().front());
}

std::optional<BrowseChoice> draw_file_browser() {
    State& s = state();
    if (!s.model) return std::nullopt;
    const std::string id = L(title_key(s.purpose), "file_browser_popup");
    if (s.open_requested) {
        ImGui::OpenPopup(id.c_str());
        s.open_requested = false;
    }
    ImGui::SetNextWindowSize({760, 480}, ImGuiCond_Appearing);
    if (!ImGui::BeginPopupModal(id.c_str(), nullptr)) return std::nullopt;
    std::optional<BrowseChoice> choice;
    if (ImGui::Button(L("editor.browser.up", "browser_up").c_str())) s.model->up();
    ImGui::SameLine();
    ImGui::TextUnformatted(s.model->folder().string().c_str());
    const float bottom = ImGui::GetFrameHeightWithSpacing() * 2.6f;
    ImGui::BeginChild("##places", {170, -bottom}, true);
    places_column(s);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##entries", {0, -bottom}, true);
    bool confirm = listing(s);
    ImGui::EndChild();
    if (!s.model->error().empty()) ImGui::TextColored({1.f, 0.45f, 0.4f, 1.f}, "%s", s.model->error().c_str());
    else ImGui::TextDisabled("%s", tr("editor.browser.hint").c_str());
    ImGui::SetNextItemWidth(-240);
    confirm |= ImGui::InputText("###browser_name", &s.typed, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    filter_combo(s);
    confirm |= ImGui::Button(L("editor.prompt.ok", "browser_ok").c_str());
    ImGui::SameLine();
    if (ImGui::Button(L("editor.prompt.cancel", "browser_cancel").c_str())) ImGui::CloseCurrentPopup();
    if (confirm) {
        choice = confirm_file_browser(s.typed);
        if (!choice && s.model->error().empty()) s.typed.clear();
    }
    if (s.close_requested) {
        ImGui::CloseCurrentPopup();
        s.close_requested = false;
    }
    ImGui::EndPopup();
    return choice;
}

}  // namespace shuxiang::editor
