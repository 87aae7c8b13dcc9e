// The window's layout (editor/src/ui/layout.cpp): for window sizes from small to large and every
// combination of open and collapsed panels, no panel overlaps the view or another panel, the view is
// the rectangle the panels leave, and a collapsed panel gives its height to the others or the view.
#include <gtest/gtest.h>

#include "ui/layout.hpp"

using namespace shuxiang::editor;

namespace {

LayoutInput defaults(float w, float h) {
    LayoutInput in;
    in.width = w;
    in.height = h;
    in.menu_h = 23;
    in.title_h = 23;
    for (Panel p : {Panel::Outliner, Panel::Palette, Panel::Inspector, Panel::Checks, Panel::Log}) in.shown[panel_index(p)] = true;
    return in;
}

void expect_apart(const Layout& L, const LayoutInput& in, const std::string& what) {
    const Rect view = L.view();
    EXPECT_FALSE(view.empty()) << what;
    EXPECT_GE(view.x, 0) << what;
    EXPECT_LE(view.x + view.w, in.width + 0.01f) << what;
    EXPECT_GE(view.y, in.menu_h) << what;
    for (std::size_t i = 0; i < kPanelCount; ++i) {
        const Rect& a = L.panels[i];
        EXPECT_EQ(!a.empty(), in.shown[i]) << what << " " << panel_name(static_cast<Panel>(i));
        if (a.empty()) continue;
        EXPECT_FALSE(a.overlaps(view)) << what << " " << panel_name(static_cast<Panel>(i));
        EXPECT_LE(a.y + a.h, in.height - L.status_h + 0.01f) << what << " " << panel_name(static_cast<Panel>(i));
        for (std::size_t j = i + 1; j < kPanelCount; ++j)
            EXPECT_FALSE(a.overlaps(L.panels[j]))
                << what << " " << panel_name(static_cast<Panel>(i)) << " / " << panel_name(static_cast<Panel>(j));
    }
}

}  // namespace

TEST(EditorLayout, DefaultPanelsLieBesideAndBelowTheView) {
    const LayoutInput in = defaults(1400, 900);
    const Layout L = compute_layout(in);
    expect_apart(L, in, "1400x900");
    // Left column 270 px, right 320 px, the toolbar (34 px) under the menu bar, the log (130 px) and
    // the status bar (26 px) at the bottom: the view is what is left.
    EXPECT_FLOAT_EQ(L.vx, 270);
    EXPECT_FLOAT_EQ(L.vy, 23 + 34);
    EXPECT_FLOAT_EQ(L.vw, 1400 - 270 - 320);
    EXPECT_FLOAT_EQ(L.vh, 900 - 57 - 26 - 130);
    EXPECT_FLOAT_EQ(L.panel(Panel::Log).y, L.vy + L.vh);
    EXPECT_FLOAT_EQ(L.panel(Panel::Checks).x, 1400 - 320);
}

TEST(EditorLayout, NoPanelCoversTheViewForAnySizeOrCollapse) {
    const std::array<Panel, 8> optional{Panel::Outliner, Panel::Palette, Panel::Inspector, Panel::Checks,
                                        Panel::Library,  Panel::Simulation, Panel::SimResults, Panel::Log};
    for (auto [w, h] : {std::pair{640.f, 480.f}, std::pair{1024.f, 700.f}, std::pair{1400.f, 900.f}, std::pair{1920.f, 1080.f},
                        std::pair{3840.f, 2160.f}})
        for (int shown = 0; shown < 8; ++shown)  // the library and the two simulation windows, open or not
            for (int folded = 0; folded < 256; folded += 7) {
                LayoutInput in = defaults(w, h);
                in.shown[panel_index(Panel::Library)] = shown & 1;
                in.shown[panel_index(Panel::Simulation)] = shown & 2;
                in.shown[panel_index(Panel::SimResults)] = shown & 4;
                in.shown[panel_index(Panel::Playback)] = shown & 4;
                for (std::size_t k = 0; k < optional.size(); ++k) in.collapsed[panel_index(optional[k])] = (folded >> k) & 1;
                expect_apart(compute_layout(in), in,
                             std::to_string(int(w)) + "x" + std::to_string(int(h)) + " shown " + std::to_string(shown) +
                                 " folded " + std::to_string(folded));
                if (::testing::Test::HasFailure()) return;
            }
}

TEST(EditorLayout, ACollapsedPanelGivesItsHeightAway) {
    LayoutInput in = defaults(1400, 900);
    in.shown[panel_index(Panel::Library)] = true;
    const Layout open = compute_layout(in);
    in.collapsed[panel_index(Panel::Checks)] = true;
    const Layout folded = compute_layout(in);
    EXPECT_FLOAT_EQ(folded.panel(Panel::Checks).h, 23);
    EXPECT_GT(folded.panel(Panel::Inspector).h, open.panel(Panel::Inspector).h);
    EXPECT_GT(folded.panel(Panel::Library).h, open.panel(Panel::Library).h);
    // The right column still reaches the status bar.
    const Rect& last = folded.panel(Panel::Library);
    EXPECT_NEAR(last.y + last.h, 900 - 26, 0.01);
    // The log folded to its title bar: the view grows by the rest of its height.
    in.collapsed[panel_index(Panel::Log)] = true;
    const Layout no_log = compute_layout(in);
    EXPECT_FLOAT_EQ(no_log.vh, open.vh + 130 - 23);
    EXPECT_FLOAT_EQ(no_log.panel(Panel::Log).h, 23);
}

TEST(EditorLayout, PanelNamesRoundTrip) {
    for (std::size_t i = 0; i < kPanelCount; ++i) EXPECT_EQ(panel_from_name(panel_name(static_cast<Panel>(i))), static_cast<Panel>(i));
    EXPECT_FALSE(panel_from_name("viewport"));
}
