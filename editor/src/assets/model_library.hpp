#pragma once
// The meshes of imported furniture types, by type id, shared by the scene renderer and the palette's
// thumbnails. Meshes stay when their type is undone away, so that redo finds them again.
#include <map>
#include <memory>
#include <string>

#include "assets/model_import.hpp"

namespace shuxiang::editor::assets {

class ModelLibrary {
public:
    void add(const std::string& type_id, std::shared_ptr<const ImportedModel> m) {
        models_[type_id] = std::move(m);
        ++serial_;
    }
    const ImportedModel* find(const std::string& type_id) const {
        auto it = models_.find(type_id);
        return it == models_.end() ? nullptr : it->second.get();
    }
    const std::map<std::string, std::shared_ptr<const ImportedModel>>& all() const { return models_; }
    // Changes whenever a mesh is added.
    unsigned serial() const { return serial_; }

private:
    std::map<std::string, std::shared_ptr<const ImportedModel>> models_;
    unsigned serial_ = 0;
};

}  // namespace shuxiang::editor::assets
