#pragma once
// The file dialog of File > Open, Save As and Import model: an ImGui modal over FileBrowserModel with
// the folder's listing, a filter choice, recent places (kept in config_dir()/places.json), the name
// or path typed, and the reason when a folder cannot be read.
#include <filesystem>
#include <optional>

namespace shuxiang::editor {

enum class BrowsePurpose { Open, SaveAs, ImportModel };

// Opens the dialog on the next frame, showing `start` (a file's folder, or the file itself for Save As).
void open_file_browser(BrowsePurpose purpose, const std::filesystem::path& start);

struct BrowseChoice {
    BrowsePurpose purpose;
    std::filesystem::path file;
};
// Draws the dialog while it is open; returns the choice on the frame it is confirmed (the dialog
// closes, the folder is remembered among the recent places).
std::optional<BrowseChoice> draw_file_browser();

}  // namespace shuxiang::editor
