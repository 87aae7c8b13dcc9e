#pragma once
// The editor's state and its actions: one open document (a plan on a History), the selection, the
// camera and the log. The UI, the keyboard shortcuts and the script runner all call these actions,
// so a script exercises the same code paths as a user.
#include <deque>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "library/library_view.hpp"
#include "assets/model_library.hpp"
#include "render/camera.hpp"
#include "render/scene.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/history.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::editor {

// What an action did: ok, or a message (already translated) saying why not.
struct ActionResult {
    bool ok = true;
    std::string message;
    static ActionResult fail(std::string m) { return {false, std::move(m)}; }
};

struct LogLine {
    enum class Level { Info, Warning, Error } level = Level::Info;
    std::string text;
};

class Editor {
public:
    Editor();

    // ---- document
    const plan::Plan& plan() const { return history_.plan(); }
    plan::History& history() { return history_; }
    const plan::History& history() const { return history_; }
    const std::filesystem::path& path() const { return path_; }
    // The built-in catalogue plus the document's own (imported) types (app/session_import.cpp).
    const plan::FurnitureCatalog& catalog() const;
    int level_index() const { return level_; }
    const plan::Level* level() const;
    ActionResult set_level(int index);
    // Opens a plan file; on failure the current document stays and the message names file and place.
    ActionResult open(const std::filesystem::path& path);
    // A new document from a template name (assets/templates/<name>.sxplan.json) or "empty".
    ActionResult new_from_template(const std::string& name);
    std::vector<std::string> template_names() const;
    ActionResult save(const std::filesystem::path& path);
    ActionResult save();  // to the current path
    const std::vector<std::filesystem::path>& recent() const { return recent_; }
    void set_recent(std::vector<std::filesystem::path> files) { recent_ = std::move(files); }
    // Called with the list whenever it changes (the app persists it; app/session.cpp).
    std::function<void(const std::vector<std::filesystem::path>&)> on_recent_changed;
    // Imports a model file into the document's palette (one undo step); see app/session_import.cpp.
    ActionResult import_model(const std::filesystem::path& file);
    const assets::ModelLibrary& models() const { return models_; }
    // Loads the meshes of the document's imported types; missing files are logged and drawn as boxes.
    void load_document_models();
    // Changes whenever the whole document is replaced (open, new).
    unsigned document_serial() const { return document_serial_; }

    // ---- selection (ids of furniture, rooms, walls or openings on the current level)
    const std::vector<std::string>& selection() const { return selection_; }
    ActionResult select(const std::vector<std::string>& ids, bool add = false);
    void select_all();
    void select_none();
    bool is_selected(const std::string& id) const;
    std::vector<const plan::Furniture*> selected_furniture() const;
    const plan::Room* selected_room() const;

    // ---- editing (each a History command)
    ActionResult add_furniture(const std::string& type, double x, double y, double yaw_deg);
    ActionResult move_selection(double dx, double dy, bool merge = false);
    ActionResult rotate_selection(double deg, bool merge = false);
    ActionResult duplicate_selection();
    ActionResult delete_selection();
    // Replaces one furniture item's properties (the inspector's fields).
    ActionResult set_furniture(const plan::Furniture& updated, bool merge = true);
    // Several items in one command (a field edited for a multi-selection): one undo step.
    ActionResult set_furniture(const std::vector<plan::Furniture>& updated, const std::string& field, bool merge = true);
    ActionResult set_room(const plan::Room& updated, bool merge = true);
    ActionResult undo();
    ActionResult redo();
    // A command built by a tool (tools/): one undo step, or merged into the last with `merge`.
    ActionResult apply(std::unique_ptr<plan::Command> cmd, bool merge = false) { return execute(std::move(cmd), merge); }
    // The next id "<prefix>N" not used anywhere in the plan.
    std::string new_id(const std::string& prefix) const { return unique_id(prefix); }
    // Ends a continuous edit (mouse release, field deactivated).
    void seal() { history_.seal(); }

    // ---- view
    Camera& camera() { return camera_; }
    const Camera& camera() const { return camera_; }
    void set_view(ViewMode m, float aspect);
    void frame_all(float aspect);
    void frame_selection(float aspect);
    bool show_grid = true;
    bool spine_lod = true;  // far shelves as one strip per shelf level

    // ---- library views (the --db database: books on the shelves, find a book)
    library::LibraryView library;

    // The level's drawable data, rebuilt when the document changed.
    const SceneData& scene();
    unsigned long scene_version() const { return scene_version_; }

    // ---- log
    void log(LogLine::Level lv, std::string text);
    const std::deque<LogLine>& log_lines() const { return log_; }
    // Lines logged since the start (the list keeps the last 500).
    std::size_t log_count() const { return log_count_; }

    // The first `prefix`N not used in the plan nor in `reserved`.
    std::string unique_id(const std::string& prefix, const std::vector<std::string>& reserved = {}) const;

private:
    void after_document_replaced(const std::filesystem::path& path);
    void prune_selection();
    void add_recent(const std::filesystem::path& p);
    ActionResult execute(std::unique_ptr<plan::Command> cmd, bool merge);

    plan::History history_;
    plan::FurnitureCatalog catalog_;
    std::filesystem::path path_;
    int level_ = 0;
    std::vector<std::string> selection_;
    Camera camera_;
    SceneData scene_;
    unsigned long built_version_ = ~0UL;
    int built_level_ = -1;
    unsigned long built_library_ = ~0UL;
    unsigned long scene_version_ = 0;  // bumps whenever scene_ is rebuilt
    std::deque<LogLine> log_;
    std::size_t log_count_ = 0;
    std::vector<std::filesystem::path> recent_;
    unsigned document_serial_ = 0;
    assets::ModelLibrary models_;
    mutable plan::FurnitureCatalog merged_;  // catalog_ + the plan's types, rebuilt when they change
    mutable std::vector<plan::PlanFurnitureType> merged_types_;
    mutable unsigned merged_models_ = ~0U;
    unsigned built_models_ = ~0U;
};

// Where the walk view starts on a level: inside its entrance (the first door or exit marked as an
// entrance, else the first door), a metre in from the doorway, facing into the room. nullopt when the
// level has no door on a wall with a room behind it.
struct Standpoint {
    plan::Vec2 position;
    double yaw_deg = 0;  // heading, degrees counter-clockwise from +X
};
std::optional<Standpoint> entrance_standpoint(const plan::Level& level);

// Bounds of furniture boxes (for framing).
SceneBounds bounds_of(const std::vector<FurnitureBox>& boxes);

}  // namespace shuxiang::editor
