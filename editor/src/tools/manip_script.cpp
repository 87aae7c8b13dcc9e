#include "tools/manip_script.hpp"

#include <charconv>

#include "shuxiang/util/i18n.hpp"
#include "ui/ui_context.hpp"

namespace shuxiang::editor {
namespace {

std::optional<double> num(const std::string& s) {
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

ManipScriptOutcome usage(std::string m) { return {{}, std::move(m)}; }

// Four viewport fractions from words[1..4].
bool four(const std::vector<std::string>& w, glm::vec2& a, glm::vec2& b) {
    double v[4];
    for (int i = 0; i < 4; ++i) {
        auto x = num(w[static_cast<std::size_t>(i) + 1]);
        if (!x || *x < 0 || *x > 1) return false;
        v[i] = *x;
    }
    a = {v[0], v[1]};
    b = {v[2], v[3]};
    return true;
}

}  // namespace

const std::map<std::string, std::pair<int, int>>& manip_script_arity() {
    static const std::map<std::string, std::pair<int, int>> a{
        {"box", {4, 5}},     {"snap", {1, 2}}, {"gizmo", {1, 1}}, {"align", {1, 1}},
        {"distribute", {1, 1}}, {"array", {2, 4}}, {"copy", {0, 0}}, {"paste", {0, 2}}, {"nudge", {1, 2}},
    };
    return a;
}

std::optional<ManipScriptOutcome> manip_script_action(UiContext& ui, const std::vector<std::string>& w) {
    const std::string& a = w[0];
    if (!manip_script_arity().count(a)) return std::nullopt;
    Editor& ed = ui.ed;
    Manipulator& m = ui.manip();
    ManipScriptOutcome out;
    if (a == "box") {
        glm::vec2 p, q;
        if (!four(w, p, q)) return usage(trf("editor.script.usage.fractions", {a}));
        const std::string mod = w.size() > 5 ? w[5] : "";
        if (!mod.empty() && mod != "add" && mod != "toggle") return usage(tr("editor.script.usage.box_mod"));
        ToolContext ctx = ui.tool_context();
        m.box_select(ctx, p, q, mod == "add" ? SelectMode::Add : mod == "toggle" ? SelectMode::Toggle : SelectMode::Replace);
    } else if (a == "snap") {
        double v = -1;  // a step or angle; negative: none given
        if (w.size() > 2)
            if (const auto x = num(w[2])) v = *x;
        if (w[1] == "on" || w[1] == "off") m.snap.enabled = w[1] == "on";
        else if (w[1] == "grid" && v >= 0) m.snap.grid = v;
        else if (w[1] == "angle" && v >= 0) m.snap.angle = v;
        else if ((w[1] == "walls" || w[1] == "furniture") && w.size() > 2 && (w[2] == "on" || w[2] == "off"))
            (w[1] == "walls" ? m.snap.walls : m.snap.furniture) = w[2] == "on";
        else return usage(tr("editor.script.usage.snap"));
    } else if (a == "gizmo") {
        if (w[1] != "local" && w[1] != "world") return usage(tr("editor.script.usage.gizmo"));
        m.local = w[1] == "local";
    } else if (a == "align") {
        const auto mode = align_mode_from_string(w[1]);
        if (!mode) return usage(tr("editor.script.usage.align"));
        out.result = align_selection(ed, *mode);
    } else if (a == "distribute") {
        if (w[1] != "x" && w[1] != "y") return usage(tr("editor.script.usage.distribute"));
        out.result = distribute_selection(ed, w[1] == "y");
    } else if (a == "array") {
        const auto n = num(w[1]), s = num(w[2]);
        if (!n || !s || *n != static_cast<int>(*n)) return usage(tr("editor.script.usage.array"));
        ArraySpec spec{static_cast<int>(*n), *s, false, {1, 0}};
        for (std::size_t i = 3; i < w.size(); ++i) {
            if (w[i] == "gap" || w[i] == "pitch") spec.pitch = w[i] == "pitch";
            else if (w[i] == "x") spec.direction = {1, 0};
            else if (w[i] == "y") spec.direction = {0, 1};
            else if (w[i] == "-x") spec.direction = {-1, 0};
            else if (w[i] == "-y") spec.direction = {0, -1};
            else return usage(tr("editor.script.usage.array"));
        }
        out.result = array_selection(ed, spec);
    } else if (a == "copy") {
        out.result = m.copy(ed);
    } else if (a == "paste") {
        if (w.size() == 2) return usage(tr("editor.script.usage.paste"));
        std::optional<plan::Vec2> at;
        if (w.size() == 3) {
            const auto x = num(w[1]), y = num(w[2]);
            if (!x || !y) return usage(tr("editor.script.usage.paste_numbers"));
            at = plan::Vec2{*x, *y};
        }
        out.result = m.paste(ed, at);
    } else if (a == "nudge") {
        const bool fine = w.size() > 2 && w[2] == "fine";
        if (w.size() > 2 && !fine) return usage(tr("editor.script.usage.nudge_fine"));
        int sx = 0, sy = 0;
        if (w[1] == "left") sx = -1;
        else if (w[1] == "right") sx = 1;
        else if (w[1] == "up") sy = 1;
        else if (w[1] == "down") sy = -1;
        else return usage(tr("editor.script.usage.nudge"));
        out.result = m.nudge(ed, sx, sy, fine);
    }
    return out;
}

}  // namespace shuxiang::editor
