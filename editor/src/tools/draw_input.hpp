#pragma once
// The drawing tools' input: pointer events and keys turned into DrawTool's plan-point calls (click,
// double click, a room dragged as a rectangle, hover, Enter / Esc / Backspace / Y, typed lengths).
// The press in progress is this tool's own state.
#include <optional>

#include <glm/glm.hpp>

#include "tools/draw_tool.hpp"
#include "tools/tool.hpp"

namespace shuxiang::editor {

class DrawInput final : public Tool {
public:
    explicit DrawInput(DrawTool& tool) : t_(tool) {}
    const char* name() const override { return to_string(t_.kind()); }
    void reset() override { press_.reset(); }
    bool pointer(ToolContext& ctx, const Pointer& p) override;
    bool key(ToolContext& ctx, const InputEvent& e) override;
    bool text(ToolContext& ctx, unsigned codepoint) override;
    // The preview of what is being drawn, snap markers, openings and door swings (tools/draw_ui.cpp).
    void overlay_ui(ToolContext& ctx) override;
    bool busy() const override { return press_.has_value(); }

private:
    struct Press {
        glm::vec2 p01{0.f}, px{0.f};  // where the left button went down
        bool double_click = false;
    };
    bool dragged_far(glm::vec2 px) const;

    DrawTool& t_;
    std::optional<Press> press_;
    glm::vec2 last_px_{-1.f};  // the pointer's last position, for rectangles being dragged
};

}  // namespace shuxiang::editor
