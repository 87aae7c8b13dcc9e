#pragma once
// File handling around the open document: the recent-files list (persisted in the config folder),
// recovery autosaves (in the state folder), and the unsaved-changes prompt before new/open/quit.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/editor.hpp"

namespace shuxiang::editor {

struct UiContext;

// $XDG_CONFIG_HOME/shuxiang, else ~/.config/shuxiang.
std::filesystem::path config_dir();
// $XDG_STATE_HOME/shuxiang, else ~/.local/state/shuxiang.
std::filesystem::path state_dir();

// The recent-files list: read at start, written on every change (config_dir()/recent.json).
std::vector<std::filesystem::path> load_recent_files();
void save_recent_files(const std::vector<std::filesystem::path>& files);

// An autosave found at start that is newer than its file (or belongs to an unsaved document).
struct Recovery {
    std::filesystem::path autosave;  // the saved plan text
    std::filesystem::path source;    // the document's own file; empty for an untitled document
};

// What waits behind the unsaved-changes prompt.
struct PendingAction {
    enum class Kind { New, Open, Quit } kind = Kind::Quit;
    std::string arg;  // template name or path
};

class Session {
public:
    explicit Session(double autosave_seconds = 60) : interval_(autosave_seconds) {}

    // ---- autosave: every `interval` seconds while the document has unsaved changes.
    void set_interval(double seconds) { interval_ = seconds; }
    double interval() const { return interval_; }
    // Call once a frame. Writes the autosave when due; removes it once the document is saved.
    void tick(Editor& ed);
    // Writes the autosave now (atomically). Returns the file, or nullopt when it could not.
    std::optional<std::filesystem::path> autosave_now(Editor& ed);
    // The autosave file of a document path (empty: untitled).
    static std::filesystem::path autosave_path(const std::filesystem::path& document);
    void remove_autosave(const Editor& ed);
    // At start: the newest autosave newer than its file, preferring the opened document's own.
    // Autosaves older than their file are stale and removed.
    std::optional<Recovery> find_recovery(const std::filesystem::path& opened);
    // Replaces the document with the autosave's plan (path: the original file; left modified).
    ActionResult recover(Editor& ed, const Recovery& r);
    std::optional<Recovery> offered;  // the recovery the UI (or a script) still has to answer

    // ---- unsaved-changes prompt
    // Runs the action, or holds it behind the prompt when the document has unsaved changes.
    ActionResult request(UiContext& ui, PendingAction a);
    // The prompt's answer: "save", "discard" or "cancel".
    ActionResult answer(UiContext& ui, const std::string& choice);
    std::optional<PendingAction> pending;

private:
    ActionResult run(UiContext& ui, const PendingAction& a);
    double interval_;
    std::chrono::steady_clock::time_point last_{};
    bool have_last_ = false;
    std::filesystem::path written_;  // the autosave this session wrote last
};

// The session's modal dialogs (unsaved changes, recovery offer, import path); app/session_ui.cpp.
void draw_session_prompts(UiContext& ui);

// Script actions of this file (docs/editor-script.md): argument counts, and running one.
// session_action_arity returns false for names that are not session actions.
bool session_action_arity(const std::string& name, int& min_args, int& max_args);
// Returns an error message when the action failed.
std::optional<std::string> run_session_action(UiContext& ui, const std::vector<std::string>& words);

}  // namespace shuxiang::editor
