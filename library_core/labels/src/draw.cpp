#include "shuxiang/labels/draw.hpp"

#include <stdexcept>
#include <string>

namespace shuxiang::labels::draw {

void use_font(cairo_t* cr, double size_mm, bool bold) {
    cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size_mm);
}

double text_width(cairo_t* cr, std::string_view text) {
    std::string s(text);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, s.c_str(), &ext);
    return ext.x_advance;
}

namespace {

// Drops the last UTF-8 code point.
void pop_char(std::string& s) {
    while (!s.empty()) {
        unsigned char c = static_cast<unsigned char>(s.back());
        s.pop_back();
        if ((c & 0xC0) != 0x80) break;
    }
}

}  // namespace

double fitted_text(cairo_t* cr, std::string_view text, double x, double y, double max_w, double size_mm,
                   Align align, bool bold) {
    if (text.empty() || max_w <= 0) return 0;
    double size = size_mm;
    use_font(cr, size, bold);
    std::string s(text);
    double w = text_width(cr, s);
    if (w > max_w) {
        size = std::max(size_mm * 0.7, size_mm * max_w / w);
        use_font(cr, size, bold);
        w = text_width(cr, s);
    }
    if (w > max_w) {
        const std::string ellipsis = "…";
        while (!s.empty() && text_width(cr, s + ellipsis) > max_w) pop_char(s);
        s += ellipsis;
        w = text_width(cr, s);
    }
    double left = align == Align::Left ? x : align == Align::Centre ? x + (max_w - w) / 2 : x + max_w - w;
    cairo_move_to(cr, left, y);
    cairo_show_text(cr, s.c_str());
    return w;
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

void close_pdf(cairo_t* cr, cairo_surface_t* surface) {
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    if (st == CAIRO_STATUS_SUCCESS) st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(st));
}

void bars(cairo_t* cr, const Code128& code, double x, double y, double w, double h) {
    if (code.modules <= 0) return;
    const double m = w / code.modules;
    for (const auto& b : code.bars) cairo_rectangle(cr, x + b.start * m, y, b.width * m, h);
    cairo_fill(cr);
}

}  // namespace shuxiang::labels::draw
