#include "ui/layout.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace shuxiang::editor {
namespace {

constexpr std::array<const char*, kPanelCount> kNames{"outliner", "palette",  "inspector", "checks", "library",
                                                      "simulation", "results", "playback", "log"};

// Stacks the shown panels of a column from `top` to `bottom`: collapsed ones take their title bar,
// the others share the rest by weight.
void column(Layout& L, const LayoutInput& in, float x, float w, float top, float bottom,
            std::initializer_list<std::pair<Panel, float>> panels) {
    float weights = 0, fixed = 0;
    for (auto [p, weight] : panels) {
        if (!in.shown[panel_index(p)]) continue;
        if (in.collapsed[panel_index(p)]) fixed += in.title_h;
        else weights += weight;
    }
    const float share = std::max(0.f, bottom - top - fixed);
    float y = top;
    for (auto [p, weight] : panels) {
        if (!in.shown[panel_index(p)]) continue;
        const float h = in.collapsed[panel_index(p)] ? in.title_h : (weights > 0 ? share * weight / weights : 0.f);
        L.panels[panel_index(p)] = {x, y, w, std::min(h, std::max(0.f, bottom - y))};
        y += h;
    }
}

}  // namespace

bool Rect::overlaps(const Rect& o) const {
    return !empty() && !o.empty() && x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
}

const char* panel_name(Panel p) { return kNames[panel_index(p)]; }

std::optional<Panel> panel_from_name(std::string_view s) {
    for (std::size_t i = 0; i < kPanelCount; ++i)
        if (s == kNames[i]) return static_cast<Panel>(i);
    return std::nullopt;
}

Layout compute_layout(const LayoutInput& in) {
    Layout L;
    const float W = std::max(1.f, in.width), H = std::max(1.f, in.height);
    L.menu_h = in.menu_h;
    const float side = std::min(1.f, W / 1200.f);
    L.left_w = 270.f * side;
    L.right_w = 320.f * side;
    const float top = L.menu_h + L.toolbar_h;
    const float bottom = std::max(top, H - L.status_h);
    // The strip under the view: the playback bar, then the log; never more than half the height.
    const bool log = in.shown[panel_index(Panel::Log)], playback = in.shown[panel_index(Panel::Playback)];
    const float log_h = !log ? 0.f : in.collapsed[panel_index(Panel::Log)] ? in.title_h : L.log_h;
    const float play_h = playback ? in.playback_h : 0.f;
    const float strip = std::min(log_h + play_h, (bottom - top) / 2);
    L.vx = L.left_w;
    L.vy = top;
    L.vw = std::max(1.f, W - L.left_w - L.right_w);
    L.vh = std::max(1.f, bottom - top - strip);
    float y = L.vy + L.vh;
    if (playback) {
        L.panels[panel_index(Panel::Playback)] = {L.vx, y, L.vw, std::min(play_h, strip)};
        y += std::min(play_h, strip);
    }
    if (log) L.panels[panel_index(Panel::Log)] = {L.vx, y, L.vw, std::max(0.f, bottom - y)};
    column(L, in, 0, L.left_w, top, bottom, {{Panel::Outliner, 0.55f}, {Panel::Palette, 0.45f}});
    column(L, in, W - L.right_w, L.right_w, top, bottom,
           {{Panel::Inspector, 0.5f}, {Panel::Checks, 0.5f}, {Panel::Library, 0.6f}, {Panel::Simulation, 0.45f},
            {Panel::SimResults, 0.6f}});
    return L;
}

}  // namespace shuxiang::editor
