#pragma once
// Cairo drawing helpers shared by the label kinds and the printed plan sheet (library_core/plan_print):
// the CJK font, text fitted to a width, Code 128 bars. Units are millimetres on every surface.
#include <cairo.h>

#include <string_view>

#include "shuxiang/labels/barcode.hpp"

namespace shuxiang::labels::draw {

enum class Align { Left, Centre, Right };

// The CJK sans face found through fontconfig (Noto Sans CJK SC).
void use_font(cairo_t* cr, double size_mm, bool bold = false);
// Width of `text` in mm at the current font.
double text_width(cairo_t* cr, std::string_view text);
// Draws `text` with its baseline at y, aligned at x within max_w: the size shrinks down to 70 %
// to fit, then the text is cut with an ellipsis. Returns the width drawn.
double fitted_text(cairo_t* cr, std::string_view text, double x, double y, double max_w, double size_mm,
                   Align align, bool bold = false);
// A cairo write function appending to the std::string at `closure` (PDF and PNG streams).
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length);
// Destroys `cr`, finishes and destroys its PDF `surface`; throws std::runtime_error when cairo
// failed on either.
void close_pdf(cairo_t* cr, cairo_surface_t* surface);
// Draws the symbol's bars filling [x, x + w] × [y, y + h] (w is the width of the bars alone).
void bars(cairo_t* cr, const Code128& code, double x, double y, double w, double h);

}  // namespace shuxiang::labels::draw
