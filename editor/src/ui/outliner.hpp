#pragma once
// The outliner's rows for one level: rooms, walls, openings (doors, windows, exits) and furniture,
// GL-free so that the panel, the script's `outliner` action and the unit tests share them.
#include <string>
#include <vector>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::editor {

struct OutlinerRow {
    std::string id;     // what clicking the row selects
    std::string label;  // translated
};

struct OutlinerGroup {
    std::string name;  // "rooms", "walls", "openings", "furniture" (ImGui id and script output)
    std::string title; // translated heading
    std::vector<OutlinerRow> rows;
};

std::vector<OutlinerGroup> outliner_groups(const plan::Level& level, const plan::FurnitureCatalog& catalog);

// One line a row, "group<TAB>id<TAB>label", for the script's `outliner PATH`.
std::string outliner_text(const plan::Level& level, const plan::FurnitureCatalog& catalog);

}  // namespace shuxiang::editor
