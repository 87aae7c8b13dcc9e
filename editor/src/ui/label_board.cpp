#include "ui/label_board.hpp"

#include <imgui_internal.h>

#include "shuxiang/report/label_placement.hpp"

namespace shuxiang::editor::label_board {

namespace {

std::vector<Label>& pending() {
    static std::vector<Label> v;
    return v;
}

std::vector<Placed>& placed() {
    static std::vector<Placed> v;
    return v;
}

// Floating windows shown over the viewport: their rectangles keep labels out. The docked panels
// lie beside the viewport, so only windows that overlap it count; popups and tooltips pass.
std::vector<report::LabelBox> floating_windows(const ImVec4& vp, std::vector<std::string>& names) {
    std::vector<report::LabelBox> out;
    const ImGuiContext* ctx = ImGui::GetCurrentContext();
    if (!ctx) return out;
    for (const ImGuiWindow* w : ctx->Windows) {
        if (!(w->Active || w->WasActive) || w->Hidden || w->IsFallbackWindow) continue;
        if (w->Flags & (ImGuiWindowFlags_Popup | ImGuiWindowFlags_Tooltip | ImGuiWindowFlags_ChildWindow)) continue;
        const float x0 = std::max(w->Pos.x, vp.x), y0 = std::max(w->Pos.y, vp.y);
        const float x1 = std::min(w->Pos.x + w->Size.x, vp.z), y1 = std::min(w->Pos.y + w->Size.y, vp.w);
        if (x1 <= x0 || y1 <= y0) continue;
        // A window as large as the viewport is the background host of the docked panels, not a float.
        if ((x1 - x0) >= (vp.z - vp.x) - 1 && (y1 - y0) >= (vp.w - vp.y) - 1) continue;
        out.push_back({x0, y0, x1 - x0, y1 - y0, kWindow});
        names.push_back(w->Name);
    }
    return out;
}

}  // namespace

void add(Label l) { pending().push_back(std::move(l)); }

const std::vector<Placed>& last() { return placed(); }

void flush(ImDrawList* dl, const ImVec4& vp) {
    std::vector<Label> labels;
    labels.swap(pending());
    std::vector<report::LabelBox> boxes;
    for (const Label& l : labels) {
        const ImVec2 sz = ImGui::CalcTextSize(l.text.c_str());
        boxes.push_back({l.centre.x - sz.x / 2 - l.pad_x, l.centre.y - sz.y / 2 - l.pad_y, sz.x + 2 * l.pad_x,
                         sz.y + 2 * l.pad_y, l.priority});
    }
    std::vector<std::string> names;
    const auto windows = floating_windows(vp, names);
    // Beyond the viewport's edges counts as taken too, so that a label moved aside is never cut off.
    std::vector<report::LabelBox> keep_out = windows;
    constexpr double far = 1e5;
    keep_out.push_back({vp.x - far, vp.y - far, far, 3 * far, kWindow});
    keep_out.push_back({vp.z, vp.y - far, far, 3 * far, kWindow});
    keep_out.push_back({vp.x - far, vp.y - far, 3 * far, far, kWindow});
    keep_out.push_back({vp.x - far, vp.w, 3 * far, far, kWindow});
    names.resize(keep_out.size(), "viewport edge");
    const auto where = report::place_labels(boxes, 2, keep_out);
    placed().clear();
    for (std::size_t i = 0; i < keep_out.size(); ++i) {
        const auto& w = keep_out[i];
        placed().push_back({ImVec4(static_cast<float>(w.x), static_cast<float>(w.y), static_cast<float>(w.x + w.w),
                                   static_cast<float>(w.y + w.h)),
                            kWindow, true, "[" + names[i] + "]"});
    }
    dl->PushClipRect({vp.x, vp.y}, {vp.z, vp.w});
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const report::LabelBox& b = boxes[i];
        const float x0 = static_cast<float>(b.x + where[i].dx), y0 = static_cast<float>(b.y + where[i].dy);
        const ImVec4 r(x0, y0, x0 + static_cast<float>(b.w), y0 + static_cast<float>(b.h));
        placed().push_back({r, labels[i].priority, where[i].placed, labels[i].text});
        if (!where[i].placed) continue;
        dl->AddRectFilled({r.x, r.y}, {r.z, r.w}, labels[i].bg, 3.f);
        dl->AddText({r.x + labels[i].pad_x, r.y + labels[i].pad_y}, labels[i].fg, labels[i].text.c_str());
    }
    dl->PopClipRect();
}

}  // namespace shuxiang::editor::label_board
