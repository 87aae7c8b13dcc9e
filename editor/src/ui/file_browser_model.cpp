#include "ui/file_browser_model.hpp"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace fs = std::filesystem;

namespace shuxiang::editor {

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::vector<fs::path> load_places(const fs::path& file) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (file.empty() || !fs::exists(file, ec)) return out;
    try {
        const auto j = nlohmann::json::parse(read_file(file));
        for (const auto& p : j.at("places"))
            if (p.is_string()) out.emplace_back(p.get<std::string>());
    } catch (const std::exception&) {
        // A damaged list is only a convenience lost; it is rewritten when a place is remembered.
    }
    return out;
}

}  // namespace

bool name_matches(const std::string& name, const std::vector<std::string>& suffixes) {
    if (suffixes.empty()) return true;
    const std::string n = lower(name);
    return std::any_of(suffixes.begin(), suffixes.end(), [&](const std::string& s) {
        const std::string l = lower(s);
        return n.size() > l.size() && n.compare(n.size() - l.size(), l.size(), l) == 0;
    });
}

FileBrowserModel::FileBrowserModel(std::vector<std::string> suffixes, fs::path places_file)
    : suffixes_(std::move(suffixes)), places_file_(std::move(places_file)), recent_(load_places(places_file_)) {}

bool FileBrowserModel::open(const fs::path& folder) {
    std::error_code ec;
    const fs::path abs = fs::absolute(folder, ec).lexically_normal();
    if (ec || !fs::is_directory(abs, ec)) {
        error_ = trf("editor.browser.error.not_folder", {folder.string()});
        return false;
    }
    std::vector<Entry> list;
    fs::directory_iterator it(abs, ec);
    if (ec) {
        error_ = trf("editor.browser.error.unreadable", {abs.string(), ec.message()});
        return false;
    }
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        std::error_code e2;
        if (it->is_directory(e2)) list.push_back({name, true, 0});
        else if (name_matches(name, suffixes_)) list.push_back({name, false, it->file_size(e2)});
    }
    if (ec) {
        error_ = trf("editor.browser.error.unreadable", {abs.string(), ec.message()});
        return false;
    }
    std::sort(list.begin(), list.end(), [](const Entry& a, const Entry& b) {
        if (a.folder != b.folder) return a.folder;
        return a.name < b.name;
    });
    folder_ = abs;
    entries_ = std::move(list);
    error_.clear();
    return true;
}

void FileBrowserModel::set_suffixes(std::vector<std::string> suffixes) {
    suffixes_ = std::move(suffixes);
    if (!folder_.empty()) open(folder_);
}

bool FileBrowserModel::up() { return folder_.has_parent_path() && folder_ != folder_.root_path() && open(folder_.parent_path()); }

bool FileBrowserModel::enter(const std::string& name) { return open(folder_ / name); }

std::optional<fs::path> FileBrowserModel::choose(const std::string& typed, bool must_exist) {
    if (typed.empty()) {
        error_ = tr("editor.browser.error.empty");
        return std::nullopt;
    }
    fs::path p(typed);
    if (p.is_relative()) p = folder_ / p;
    p = p.lexically_normal();
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
        open(p);
        return std::nullopt;
    }
    if (fs::exists(p, ec)) {
        error_.clear();
        return p;
    }
    if (must_exist) {
        error_ = trf("editor.browser.error.missing", {p.string()});
        return std::nullopt;
    }
    if (!fs::is_directory(p.parent_path(), ec)) {
        error_ = trf("editor.browser.error.not_folder", {p.parent_path().string()});
        return std::nullopt;
    }
    if (!suffixes_.empty() && !name_matches(p.filename().string(), suffixes_)) p += suffixes_.front();
    error_.clear();
    return p;
}

void FileBrowserModel::remember(const fs::path& folder) {
    const fs::path abs = fs::absolute(folder).lexically_normal();
    recent_.erase(std::remove(recent_.begin(), recent_.end(), abs), recent_.end());
    recent_.insert(recent_.begin(), abs);
    if (recent_.size() > 8) recent_.resize(8);
    if (places_file_.empty()) return;
    nlohmann::json j{{"schema_version", 1}, {"places", nlohmann::json::array()}};
    for (const auto& r : recent_) j["places"].push_back(r.string());
    try {
        fs::create_directories(places_file_.parent_path());
        atomic_write_file(places_file_, j.dump(2) + "\n");
    } catch (const std::exception&) {
        // Not being able to remember a place must not stop opening or saving a file.
    }
}

}  // namespace shuxiang::editor
