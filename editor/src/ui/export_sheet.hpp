#pragma once
// File > 导出图纸: the current level printed to a PDF or PNG sheet by library_core/plan_print (the
// same function as `shuxiang plan export`), from a small dialog or the script's export-sheet action.
#include <filesystem>
#include <string>

#include "app/editor.hpp"
#include "shuxiang/plan_print/sheet.hpp"

namespace shuxiang::editor {

// Writes the document's shown level as a sheet: a PDF for a ".pdf" path, a PNG (150 dpi) for ".png".
// The result's message names the file and the scale, or says what went wrong (translated); it is
// also written to the log.
ActionResult export_sheet(Editor& ed, const std::filesystem::path& out, plan_print::Paper paper);

// Opens the dialog on the next frame, proposing a file beside the document.
void open_export_dialog(const Editor& ed);
// The dialog (path, paper, OK/Cancel); call once per frame.
void draw_export_dialog(Editor& ed);

}  // namespace shuxiang::editor
