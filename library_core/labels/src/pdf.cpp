#include "shuxiang/labels/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "shuxiang/labels/draw.hpp"
#include "shuxiang/labels/spine.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::labels {

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr int kQuietModules = 10;  // Code 128 asks for 10 X of quiet zone on each side

using Painter = std::function<void(cairo_t*, std::size_t index, const LabelPlace&)>;

// Writes `count` labels, each drawn by `paint` in mm with its origin at the label's top left.
std::string render(const SheetLayout& layout, std::size_t count, int start_at, const Painter& paint) {
    std::string out;
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(draw::append_to_string, &out, layout.page_w * kPtPerMm,
                                                                   layout.page_h * kPtPerMm);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Shuxiang");
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, kPtPerMm, kPtPerMm);
    auto places = place_labels(layout, static_cast<int>(count), start_at);
    int page = 0;
    for (std::size_t i = 0; i < places.size(); ++i) {
        for (; page < places[i].page; ++page) cairo_show_page(cr);
        cairo_save(cr);
        cairo_translate(cr, places[i].x, places[i].y);
        cairo_set_source_rgb(cr, 0, 0, 0);
        paint(cr, i, places[i]);
        cairo_restore(cr);
    }
    cairo_show_page(cr);
    draw::close_pdf(cr, surface);
    return out;
}

// Draws a symbol centred in [x, x + w] with at most `max_module` mm per module, bars `h` high
// from y; returns the width of the bars.
double centred_barcode(cairo_t* cr, const Code128& code, double x, double y, double w, double h, double max_module) {
    double module = std::min(max_module, w / (code.modules + 2 * kQuietModules));
    double bw = module * code.modules;
    draw::bars(cr, code, x + (w - bw) / 2, y, bw, h);
    return bw;
}

void paint_item(cairo_t* cr, const ItemLabel& l, const Code128& code, const LabelPlace& p) {
    const double s = std::min(p.w / 70.0, p.h / 37.0);  // 1 on the 70 × 37 mm label
    const double pad = 2.5 * s, inner = p.w - 2 * pad;
    double y = pad + 3.2 * s;
    draw::fitted_text(cr, l.library, pad, y, inner, 3.2 * s, draw::Align::Centre, true);
    y += 1.2 * s;
    const double bar_h = p.h - y - pad - 8.2 * s;
    centred_barcode(cr, code, pad, y, inner, bar_h, 0.33);
    y += bar_h + 2.8 * s;
    draw::fitted_text(cr, l.barcode, pad, y, inner, 2.6 * s, draw::Align::Centre);
    y += 4.0 * s;
    draw::use_font(cr, 2.9 * s, true);
    double cw = std::min(inner * 0.45, draw::text_width(cr, l.call_number));
    draw::fitted_text(cr, l.call_number, p.w - pad - cw, y, cw, 2.9 * s, draw::Align::Right, true);
    draw::fitted_text(cr, l.title, pad, y, inner - cw - 2 * s, 2.9 * s, draw::Align::Left);
}

void paint_spine(cairo_t* cr, const std::string& call_number, const LabelPlace& p) {
    const double pad = std::min(p.w, p.h) * 0.08;
    auto lines = spine_lines(call_number, static_cast<std::size_t>(std::max(4.0, (p.w - 2 * pad) / 2.9)));
    if (lines.empty()) return;
    const double line_h = std::min(p.w * 0.26, (p.h - 2 * pad) / static_cast<double>(lines.size()));
    double y = (p.h - line_h * static_cast<double>(lines.size())) / 2;
    for (const auto& line : lines) {
        y += line_h;
        draw::fitted_text(cr, line, pad, y - line_h * 0.22, p.w - 2 * pad, line_h * 0.78, draw::Align::Centre, true);
    }
}

void paint_card(cairo_t* cr, const ReaderCard& c, const Code128& code, const LabelPlace& p) {
    const double s = std::min(p.w / 85.6, p.h / 54.0);
    const double pad = 4 * s, inner = p.w - 2 * pad;
    // The cut line: cards are printed on plain sheets and cut out.
    cairo_set_line_width(cr, 0.2);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_rectangle(cr, 0, 0, p.w, p.h);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    double y = pad + 4.5 * s;
    draw::fitted_text(cr, c.school, pad, y, inner, 4.5 * s, draw::Align::Centre, true);
    y += 5.5 * s;
    draw::fitted_text(cr, tr("labels.card.title"), pad, y, inner, 3.6 * s, draw::Align::Centre);
    y += 3 * s;
    cairo_set_line_width(cr, 0.3 * s);
    cairo_move_to(cr, pad, y);
    cairo_line_to(cr, p.w - pad, y);
    cairo_stroke(cr);
    y += 6 * s;
    draw::fitted_text(cr, trf("labels.card.name", {c.name}), pad, y, inner * 0.55, 4.2 * s, draw::Align::Left, true);
    if (!c.class_text.empty())
        draw::fitted_text(cr, c.class_text, pad + inner * 0.55, y, inner * 0.45, 3.8 * s, draw::Align::Right);
    y += 2.5 * s;
    const double bar_h = p.h - y - pad - 4 * s;
    centred_barcode(cr, code, pad, y, inner, bar_h, 0.4);
    draw::fitted_text(cr, trf("labels.card.number", {c.reader_no}), pad, p.h - pad, inner, 3.2 * s, draw::Align::Centre);
}

}  // namespace

std::string item_labels_pdf(const SheetLayout& layout, const std::vector<ItemLabel>& labels, int start_at) {
    std::vector<Code128> codes;
    for (const auto& l : labels) codes.push_back(encode_code128(l.barcode));
    return render(layout, labels.size(), start_at, [&](cairo_t* cr, std::size_t i, const LabelPlace& p) {
        paint_item(cr, labels[i], codes[i], p);
    });
}

std::string spine_labels_pdf(const SheetLayout& layout, const std::vector<std::string>& call_numbers, int start_at) {
    return render(layout, call_numbers.size(), start_at, [&](cairo_t* cr, std::size_t i, const LabelPlace& p) {
        paint_spine(cr, call_numbers[i], p);
    });
}

std::string reader_cards_pdf(const SheetLayout& layout, const std::vector<ReaderCard>& cards, int start_at) {
    std::vector<Code128> codes;
    for (const auto& c : cards) codes.push_back(encode_code128(c.reader_no));
    return render(layout, cards.size(), start_at, [&](cairo_t* cr, std::size_t i, const LabelPlace& p) {
        paint_card(cr, cards[i], codes[i], p);
    });
}

std::vector<unsigned char> barcode_scanline(std::string_view text, int px_per_module) {
    Code128 code = encode_code128(text);
    const int width = (code.modules + 2 * kQuietModules) * px_per_module, height = 4;
    cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_A8, width, height);
    cairo_t* cr = cairo_create(surface);
    draw::bars(cr, code, kQuietModules * px_per_module, 0, code.modules * px_per_module, height);
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    std::vector<unsigned char> row(static_cast<std::size_t>(width));
    const unsigned char* data = cairo_image_surface_get_data(surface);
    const int stride = cairo_image_surface_get_stride(surface);
    for (int x = 0; x < width; ++x) row[static_cast<std::size_t>(x)] = data[2 * stride + x] >= 128 ? 1 : 0;
    cairo_surface_destroy(surface);
    return row;
}

}  // namespace shuxiang::labels
