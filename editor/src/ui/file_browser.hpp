#pragma once
// The file dialog of File > Open, Save As and Import model: an ImGui modal over FileBrowserModel with
// the folder's listing, a filter choice, recent places (kept in config_dir()/places.json), the name
// or path typed, and the reason when a folder cannot be read.
#include <filesystem>
#include <optional>
#include <string>

#include "app/editor.hpp"

namespace shuxiang::editor {

struct UiContext;

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

// Opens, saves or imports the chosen file, as File > Open (through the unsaved-changes prompt),
// Save As and Import model do.
ActionResult apply_browse_choice(UiContext& ui, const BrowseChoice& c);

// What the dialog's OK does with a typed or picked name (scripts call it too): a folder is opened and
// nothing is chosen; a file is the choice (remembered, the dialog closes on the next frame). When
// nothing is chosen, browser_error() says why (empty after opening a folder).
std::optional<BrowseChoice> confirm_file_browser(const std::string& typed);
const std::string& browser_error();
// The folder shown and its entries ("name" for files, "name/" for folders), then "recent: " lines;
// empty when the dialog was never opened.
std::string browser_listing();

}  // namespace shuxiang::editor
