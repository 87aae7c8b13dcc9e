#pragma once
// The file browser's model, without a window: one folder's listing (folders first, then the files
// that pass the filter, hidden entries left out), navigation (into a folder, up, to a typed path),
// what a typed or picked name means, and the recent places remembered in a small JSON file. The
// ImGui dialog (ui/file_browser.hpp) draws it; tests drive it directly.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace shuxiang::editor {

// Whether a file name ends in one of `suffixes` (".sxplan.json", ".obj"; case-insensitive). An empty
// list lets every file through.
bool name_matches(const std::string& name, const std::vector<std::string>& suffixes);

class FileBrowserModel {
public:
    struct Entry {
        std::string name;
        bool folder = false;
        std::uintmax_t size = 0;  // bytes, files only
    };

    // `suffixes`: the files shown; `places_file`: where the recent places are kept (read now).
    FileBrowserModel(std::vector<std::string> suffixes, std::filesystem::path places_file);

    // Lists `folder`. On failure (missing, not a folder, unreadable) the previous listing stays, and
    // error() says why in the current language, naming the folder. Returns whether it worked.
    bool open(const std::filesystem::path& folder);
    // Shows other files (the dialog's filter choice) and lists the folder again.
    void set_suffixes(std::vector<std::string> suffixes);
    bool up();
    bool enter(const std::string& name);

    // What the user typed or picked, relative to the folder shown or absolute: a folder is opened
    // (nothing chosen); a file is the choice. With `must_exist` (Open, Import) a missing file is an
    // error; without (Save As) a new name in an existing folder is the choice. The filter's first
    // suffix is added to a new name that has none of them (Save As "school" → "school.sxplan.json").
    std::optional<std::filesystem::path> choose(const std::string& typed, bool must_exist);

    const std::filesystem::path& folder() const { return folder_; }
    const std::vector<Entry>& entries() const { return entries_; }
    const std::string& error() const { return error_; }
    const std::vector<std::string>& suffixes() const { return suffixes_; }

    // Folders files were chosen in, most recent first (at most 8), kept in the places file.
    const std::vector<std::filesystem::path>& recent() const { return recent_; }
    void remember(const std::filesystem::path& folder);

private:
    std::vector<std::string> suffixes_;
    std::filesystem::path places_file_;
    std::filesystem::path folder_;
    std::vector<Entry> entries_;
    std::string error_;
    std::vector<std::filesystem::path> recent_;
};

}  // namespace shuxiang::editor
