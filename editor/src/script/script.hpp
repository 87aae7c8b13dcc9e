#pragma once
// The script runner: a text file of editor actions, one a line (docs/editor-script.md), run through
// the same Editor actions as the UI. Errors name the script file and line.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace shuxiang::editor {

struct UiContext;

// A whole word read as a number ("1.5", "-2"), or nothing.
std::optional<double> script_number(const std::string& word);

struct ScriptLine {
    int number = 0;  // 1-based line in the file
    std::vector<std::string> words;
};

class ScriptRunner {
public:
    // Reads and checks a script: unknown actions and wrong argument counts are refused before
    // anything runs. Throws InputError(file, "line N", message).
    static ScriptRunner load(const std::filesystem::path& path);
    static ScriptRunner parse(const std::string& text, const std::string& filename);

    bool done() const { return next_ >= lines_.size() && wait_frames_ == 0 && !sim_wait_ && wait_for_.empty(); }
    // Runs actions until one needs rendered frames (screenshot, wait) or the script ends.
    // Returns "file:line N: message" when an action fails.
    std::optional<std::string> step(UiContext& ui);
    std::size_t size() const { return lines_.size(); }

private:
    std::string file_;
    std::vector<ScriptLine> lines_;
    std::size_t next_ = 0;
    int wait_frames_ = 0;
    std::filesystem::path wait_for_;  // wait-for: the file awaited, empty when none
    std::chrono::steady_clock::time_point wait_deadline_;
    bool sim_wait_ = false;  // a simulation action may be waiting for a run to end
};

}  // namespace shuxiang::editor
