#pragma once
// The UI font: Noto Sans CJK SC with the common simplified Chinese glyphs plus every character of the
// translation table and of the open plan's names, so Chinese renders without a huge atlas.
#include <string>

struct ImFont;

namespace shuxiang::editor {

// Loads the font into ImGui's atlas (replacing what was there). `extra` holds text that must render
// (names from the plan). Returns false when the CJK font file is missing (ImGui's default is used).
bool load_ui_font(const std::string& extra, float size_px);
// Number of code points of `text` the font has no glyph for.
int missing_glyphs(const ImFont* font, const std::string& text);
// Every string of the translation files (for the glyph check).
std::string all_translation_text();

}  // namespace shuxiang::editor
