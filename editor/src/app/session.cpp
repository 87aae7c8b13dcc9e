#include "app/session.hpp"

#include <cstdlib>
#include <functional>

#include <nlohmann/json.hpp>

#include "ui/ui_context.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {
namespace {

namespace fs = std::filesystem;

fs::path xdg_dir(const char* var, const char* fallback) {
    if (const char* v = std::getenv(var); v && *v && fs::path(v).is_absolute()) return fs::path(v) / "shuxiang";
    const char* home = std::getenv("HOME");
    return fs::path(home && *home ? home : "/tmp") / fallback / "shuxiang";
}

fs::path absolute_or_same(const fs::path& p) {
    std::error_code ec;
    fs::path a = fs::absolute(p, ec);
    return ec ? p : a.lexically_normal();
}

// The whole document at once: recovering an autosave is one undo step back to the file's content.
class ReplacePlan final : public plan::Command {
public:
    explicit ReplacePlan(plan::Plan p) : other_(std::move(p)) {}
    bool apply(plan::Plan& p) override {
        std::swap(p, other_);
        return true;
    }
    void revert(plan::Plan& p) override { std::swap(p, other_); }
    std::string label() const override { return "editor.cmd.recover"; }

private:
    plan::Plan other_;
};

}  // namespace

fs::path config_dir() { return xdg_dir("XDG_CONFIG_HOME", ".config"); }
fs::path state_dir() { return xdg_dir("XDG_STATE_HOME", ".local/state"); }

std::vector<fs::path> load_recent_files() {
    std::vector<fs::path> out;
    const fs::path f = config_dir() / "recent.json";
    std::error_code ec;
    if (!fs::exists(f, ec)) return out;
    try {
        const auto j = nlohmann::json::parse(read_file(f));
        for (const auto& p : j.at("files"))
            if (p.is_string()) out.emplace_back(p.get<std::string>());
    } catch (const std::exception&) {
        // A damaged list is only a convenience lost; it is rewritten on the next change.
    }
    return out;
}

void save_recent_files(const std::vector<fs::path>& files) {
    nlohmann::json j;
    j["schema_version"] = 1;
    j["files"] = nlohmann::json::array();
    for (const auto& f : files) j["files"].push_back(f.string());
    try {
        fs::create_directories(config_dir());
        atomic_write_file(config_dir() / "recent.json", j.dump(2) + "\n");
    } catch (const std::exception&) {
        // Not being able to remember recent files must not stop an edit or a save.
    }
}

fs::path Session::autosave_path(const fs::path& document) {
    const fs::path dir = state_dir() / "autosave";
    if (document.empty()) return dir / "untitled.sxplan.json";
    const fs::path abs = absolute_or_same(document);
    char hash[17];
    std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>{}(abs.string()));
    return dir / (abs.stem().stem().string() + "-" + hash + ".sxplan.json");
}

std::optional<fs::path> Session::autosave_now(Editor& ed) {
    const fs::path file = autosave_path(ed.path());
    try {
        fs::create_directories(file.parent_path());
        // The source file is named beside the autosave, so that recovery knows where it belongs.
        nlohmann::json meta{{"source", ed.path().empty() ? std::string() : absolute_or_same(ed.path()).string()}};
        atomic_write_file(fs::path(file).replace_extension(".source"), meta.dump() + "\n");
        atomic_write_file(file, plan::plan_to_json_text(ed.plan()));
    } catch (const std::exception& e) {
        ed.log(LogLine::Level::Warning, trf("editor.log.autosave_failed", {file.string(), e.what()}));
        return std::nullopt;
    }
    if (!written_.empty() && written_ != file) remove_autosave(ed);
    written_ = file;
    ed.log(LogLine::Level::Info, trf("editor.log.autosaved", {file.string()}));
    return file;
}

void Session::remove_autosave(const Editor& ed) {
    std::error_code ec;
    for (const fs::path& f : {written_, autosave_path(ed.path())}) {
        if (f.empty()) continue;
        fs::remove(f, ec);
        fs::remove(fs::path(f).replace_extension(".source"), ec);
    }
    written_.clear();
}

void Session::tick(Editor& ed) {
    const auto now = std::chrono::steady_clock::now();
    if (ed.history().is_saved()) {
        // Saved (or back to the saved state by undo): the autosave has nothing more to offer.
        if (!written_.empty()) remove_autosave(ed);
        have_last_ = false;
        return;
    }
    if (!have_last_) {  // the clock starts at the first unsaved change
        last_ = now;
        have_last_ = true;
        return;
    }
    if (std::chrono::duration<double>(now - last_).count() < interval_) return;
    last_ = now;
    autosave_now(ed);
}

std::optional<Recovery> Session::find_recovery(const fs::path& opened) {
    const fs::path dir = state_dir() / "autosave";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return std::nullopt;
    std::optional<Recovery> best;
    fs::file_time_type best_time{};
    const fs::path own = opened.empty() ? fs::path() : autosave_path(opened);
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const fs::path f = e.path();
        const std::string name = f.filename().string();
        if (name.size() < 12 || name.compare(name.size() - 12, 12, ".sxplan.json") != 0) continue;
        Recovery r{f, {}};
        try {
            const auto meta = nlohmann::json::parse(read_file(fs::path(f).replace_extension(".source")));
            r.source = meta.value("source", std::string());
        } catch (const std::exception&) {
            continue;  // half written (killed between the two files): the next autosave rewrites it
        }
        const auto t = fs::last_write_time(f, ec);
        if (!r.source.empty() && fs::exists(r.source, ec) && fs::last_write_time(r.source, ec) >= t) {
            // The file was saved after this autosave: stale.
            fs::remove(f, ec);
            fs::remove(fs::path(f).replace_extension(".source"), ec);
            continue;
        }
        const bool mine = !own.empty() && f == own;
        if (!best || mine || (best->autosave != own && t > best_time)) {
            best = r;
            best_time = t;
        }
    }
    return best;
}

ActionResult Session::recover(Editor& ed, const Recovery& r) {
    plan::Plan p;
    try {
        p = plan::plan_from_json_text(read_file(r.autosave), r.autosave.string());
    } catch (const InputError& e) {
        return ActionResult::fail(format_place(e.file(), e.where(), e.message()));
    }
    std::error_code ec;
    ActionResult base = !r.source.empty() && fs::exists(r.source, ec) ? ed.open(r.source) : ed.new_from_template("empty");
    if (!base.ok) return base;
    if (!ed.history().execute(std::make_unique<ReplacePlan>(std::move(p)), false))
        return ActionResult::fail(tr("editor.err.recover_failed"));
    ed.history().seal();
    ed.load_document_models();
    written_ = r.autosave;  // replaced by the next autosave, removed on save
    ed.log(LogLine::Level::Info, trf("editor.log.recovered", {r.autosave.string()}));
    return {};
}

ActionResult Session::run(UiContext& ui, const PendingAction& a) {
    Editor& ed = ui.ed;
    ActionResult r;
    switch (a.kind) {
    case PendingAction::Kind::New: r = ed.new_from_template(a.arg); break;
    case PendingAction::Kind::Open: r = ed.open(a.arg); break;
    case PendingAction::Kind::Quit: ui.shell.quit_requested = true; return {};
    }
    if (r.ok) {
        ed.frame_all(ui.aspect());
        have_last_ = false;
    }
    return r;
}

ActionResult Session::request(UiContext& ui, PendingAction a) {
    if (ui.ed.history().is_saved()) {
        if (a.kind == PendingAction::Kind::Quit) remove_autosave(ui.ed);
        return run(ui, a);
    }
    pending = std::move(a);
    return {};
}

ActionResult Session::answer(UiContext& ui, const std::string& choice) {
    if (!pending) return ActionResult::fail(tr("editor.err.no_prompt"));
    Editor& ed = ui.ed;
    if (choice == "cancel") {
        pending.reset();
        return {};
    }
    if (choice == "save") {
        if (ed.path().empty()) {
            // Nowhere to save yet: the Save As prompt comes first, the held action is dropped.
            pending.reset();
            ui.shell.save_prompt = true;
            return ActionResult::fail(tr("editor.err.no_path"));
        }
        if (auto r = ed.save(); !r.ok) return r;  // the prompt stays: nothing is lost
        remove_autosave(ed);
    } else if (choice == "discard") {
        remove_autosave(ed);
    } else {
        return ActionResult::fail(tr("editor.err.bad_prompt_answer"));
    }
    PendingAction a = *pending;
    pending.reset();
    return run(ui, a);
}

}  // namespace shuxiang::editor
