#pragma once
// The furniture palette: every type of the catalogue and the document's imported models, each with a
// thumbnail rendered offscreen once, a search box over Chinese and English names and categories, and
// dragging into the viewport to place an item.
#include <filesystem>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "app/editor.hpp"

namespace shuxiang::editor {

struct UiContext;

// Types whose id, Chinese or English name, or category (file value, Chinese or English name) contains
// every word of `query` (case-insensitive for ASCII). An empty query lists every type.
std::vector<const plan::FurnitureType*> palette_filter(const plan::FurnitureCatalog& catalog, const std::string& query);

// The palette's search text (the UI's box, or a script's `palette-search`).
std::string& palette_search();

// Places `type` where a drag from the palette would drop it: the floor point under the viewport
// point `p01` (0..1, y down), rounded to 10 cm.
ActionResult drop_from_palette(UiContext& ui, const std::string& type, glm::vec2 p01);

// Draws the palette panel.
void draw_palette(UiContext& ui);

// Renders (once) and writes a type's thumbnail as PNG; false with a log line when it cannot.
bool save_thumbnail(UiContext& ui, const std::string& type, const std::filesystem::path& png);
// How many thumbnails have been rendered so far (each type once).
int thumbnails_rendered();

}  // namespace shuxiang::editor
