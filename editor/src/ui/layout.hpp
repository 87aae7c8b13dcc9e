#pragma once
// The window's layout: the menu bar and the toolbar on top, the status bar at the bottom, columns of
// panels on the left and the right, a strip of panels under the view, and the 3D/top view in the
// rectangle that is left. Panels never cover the view. A collapsed panel keeps only its title bar and
// gives its height to the others of its column (the log's to the view). Worked out from the window
// size at the start of every frame, before input is routed, so that drawing (glViewport), the
// camera's aspect, picking and framing all use the same rectangle. No ImGui here (ui/dock.hpp).
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace shuxiang::editor {

enum class Panel { Outliner, Palette, Inspector, Checks, Library, Simulation, SimResults, Playback, Log };
inline constexpr std::size_t kPanelCount = 9;
inline constexpr std::size_t panel_index(Panel p) { return static_cast<std::size_t>(p); }

// A pixel rectangle, top-left origin (ImGui coordinates).
struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    bool empty() const { return w <= 0 || h <= 0; }
    // Whether the two share some area (rectangles that only touch do not).
    bool overlaps(const Rect& o) const;
    bool contains(float px, float py) const { return px >= x && px < x + w && py >= y && py < y + h; }
};

// Script name of a panel: outliner, palette, inspector, checks, library, simulation, results,
// playback, log.
const char* panel_name(Panel p);
std::optional<Panel> panel_from_name(std::string_view s);

struct LayoutInput {
    float width = 1400, height = 900;           // the window, pixels
    float menu_h = 20;                          // the main menu bar
    float title_h = 20;                         // a collapsed panel: its title bar
    float playback_h = 64;                      // the simulation's playback strip
    std::array<bool, kPanelCount> shown{};      // panels open this frame
    std::array<bool, kPanelCount> collapsed{};  // panels collapsed to their title bar
};

// Pixel rectangles of the layout, top-left origin.
struct Layout {
    float menu_h = 0, toolbar_h = 34, status_h = 26, log_h = 130, left_w = 270, right_w = 320;
    float vx = 0, vy = 0, vw = 1, vh = 1;    // the 3D/top view
    std::array<Rect, kPanelCount> panels{};  // empty for a panel not shown
    Rect view() const { return {vx, vy, vw, vh}; }
    const Rect& panel(Panel p) const { return panels[panel_index(p)]; }
};

// The left column holds the outliner and the palette; the right column the inspector, the checks
// and, when open, the library (馆藏), simulation and results panels; the strip under the view the
// playback bar and the log. Narrow windows shrink the side columns before the view vanishes.
Layout compute_layout(const LayoutInput& in);

// What the panels keep between frames: whether each is collapsed, and a collapse or expansion asked
// for by a script (applied when the panel is next drawn).
struct PanelStates {
    std::array<bool, kPanelCount> collapsed{};
    std::array<std::optional<bool>, kPanelCount> requested{};
};

}  // namespace shuxiang::editor
