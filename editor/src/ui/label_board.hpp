#pragma once
// The viewport's overlay labels of one frame, placed together so that none covers another
// (report::place_labels) and none hides under a floating window over the viewport (the library
// panel, the simulation windows): a label that collides moves beside its place or is left out, the
// less important first. Priority, highest first: room names, call-number labels of ranges, dimension
// lines. The drawing code adds labels while it draws lines and shapes; flush() draws the labels last.
#include <imgui.h>

#include <string>
#include <vector>

namespace shuxiang::editor::label_board {

enum Priority { Dimension = 1, CallNumber = 2, RoomName = 3, kWindow = 100 };

struct Label {
    ImVec2 centre;      // where the text wants its centre, screen pixels
    std::string text;   // may hold a line break
    ImU32 fg = IM_COL32(255, 255, 255, 255);
    ImU32 bg = IM_COL32(20, 22, 26, 170);
    int priority = Dimension;
    float pad_x = 3, pad_y = 1;  // the background box round the text
};

// A label of this frame.
void add(Label l);

// One label as the last flush left it: where its box went, or that it was left out.
struct Placed {
    ImVec4 rect;  // x0, y0, x1, y1 in screen pixels
    int priority = 0;
    bool shown = false;
    std::string text;
};

// Places this frame's labels inside `viewport` (x0, y0, x1, y1), keeping clear of the floating
// windows over it, draws them into `dl`, and starts the next frame empty. last() lists what labels keep
// clear of first (priority kWindow, text "[window name]" or "[viewport edge]"), then the labels.
void flush(ImDrawList* dl, const ImVec4& viewport);
const std::vector<Placed>& last();

}  // namespace shuxiang::editor::label_board
