#pragma once
// Copy/paste of furniture as JSON text, so that a selection travels through the system clipboard
// (between two editor windows, or into a text editor) and comes back.
#include <optional>
#include <string>
#include <vector>

#include "app/editor.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::editor {

// {"shuxiang_clipboard": 1, "furniture": [{"type", "x", "y", "yaw", "label", "sections"}...]}
std::string furniture_to_clipboard(const std::vector<plan::Furniture>& items);
// nullopt when the text is not a furniture clipboard (any other text on the system clipboard).
std::optional<std::vector<plan::Furniture>> furniture_from_clipboard(const std::string& text);
// The items moved so that their common extent's centre lands on `at`, or shifted by `offset`.
std::vector<plan::Furniture> place_paste(std::vector<plan::Furniture> items, const plan::FurnitureCatalog& catalog,
                                         const std::optional<plan::Vec2>& at, plan::Vec2 offset);

// The clipboard of one editor: the last copied text, and how many times it was pasted without a
// point since (each such paste lands 0.5 m further east and north than the previous one).
struct Clipboard {
    std::string text;
    int pastes = 0;
};

// Copies the selected furniture: returns the text (the caller also puts it on the system clipboard).
ActionResult copy_selection(Editor& ed, Clipboard& cb);
// Pastes `text` (falls back to the editor's own clipboard when it is not furniture), at `at` or offset.
ActionResult paste(Editor& ed, Clipboard& cb, const std::string& text, const std::optional<plan::Vec2>& at);

}  // namespace shuxiang::editor
