#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "shuxiang/plan_print/sheet.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::plan_print {

namespace {

constexpr double kMargin = 10;     // mm of blank page round everything
constexpr double kPanelW = 62;     // mm, the right-hand column
constexpr double kGap = 4;         // mm between the drawing frame and the column
// The plan scales of GB/T 50104 (建筑制图标准), then site scales.
constexpr std::array<int, 7> kScales{50, 100, 150, 200, 300, 500, 1000};

SheetLayout frame(Paper paper, bool landscape, int scale) {
    const double long_side = paper == Paper::A4 ? 297 : 420, short_side = paper == Paper::A4 ? 210 : 297;
    SheetLayout l;
    l.paper = paper;
    l.landscape = landscape;
    l.page_w = landscape ? long_side : short_side;
    l.page_h = landscape ? short_side : long_side;
    l.scale = scale;
    l.drawing = {kMargin, kMargin, l.page_w - 2 * kMargin - kPanelW - kGap, l.page_h - 2 * kMargin};
    l.panel = {l.page_w - kMargin - kPanelW, kMargin, kPanelW, l.page_h - 2 * kMargin};
    return l;
}

bool fits(const SheetLayout& l, double width, double height) {
    const double k = l.mm_per_m();
    return (width + 2 * kDrawingMargin) * k <= l.drawing.w + 1e-9 && (height + 2 * kDrawingMargin) * k <= l.drawing.h + 1e-9;
}

}  // namespace

const char* to_string(Paper p) { return p == Paper::A4 ? "A4" : "A3"; }

std::optional<Paper> paper_from_string(std::string_view s) {
    if (s.size() != 2 || (s[0] != 'A' && s[0] != 'a')) return std::nullopt;
    if (s[1] == '4') return Paper::A4;
    if (s[1] == '3') return Paper::A3;
    return std::nullopt;
}

std::optional<SheetLayout> choose_layout(double width, double height, Paper paper) {
    const bool wide = width >= height;
    for (int scale : kScales) {
        const SheetLayout first = frame(paper, wide, scale), second = frame(paper, !wide, scale);
        if (fits(first, width, height)) return first;
        if (fits(second, width, height)) return second;
    }
    return std::nullopt;
}

std::size_t level_index(const plan::Plan& plan, std::string_view text) {
    for (std::size_t i = 0; i < plan.levels.size(); ++i)
        if (plan.levels[i].id == text) return i;
    std::size_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec == std::errc() && end == text.data() + text.size() && n >= 1 && n <= plan.levels.size()) return n - 1;
    std::string known;
    for (std::size_t i = 0; i < plan.levels.size(); ++i)
        known += (known.empty() ? "" : ", ") + std::to_string(i + 1) + " (" + plan.levels[i].id + ")";
    throw InputError("--level", std::string(text), trf("plan_print.error.level", {std::string(text), known}));
}

}  // namespace shuxiang::plan_print
