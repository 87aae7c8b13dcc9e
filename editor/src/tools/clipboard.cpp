#include "tools/clipboard.hpp"

#include <nlohmann/json.hpp>

#include "shuxiang/util/i18n.hpp"
#include "tools/arrange.hpp"
#include "tools/extent.hpp"

namespace shuxiang::editor {

std::string furniture_to_clipboard(const std::vector<plan::Furniture>& items) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& f : items) {
        nlohmann::json j{{"type", f.type}, {"x", f.position.x}, {"y", f.position.y}, {"yaw", f.yaw_deg}};
        if (!f.label.empty()) j["label"] = f.label;
        if (f.sections) j["sections"] = *f.sections;
        arr.push_back(std::move(j));
    }
    return nlohmann::json{{"shuxiang_clipboard", 1}, {"furniture", std::move(arr)}}.dump();
}

std::optional<std::vector<plan::Furniture>> furniture_from_clipboard(const std::string& text) {
    // Whatever else is on the system clipboard is simply not ours: no exception reaches the user.
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("shuxiang_clipboard", 0) != 1) return std::nullopt;
    const auto it = j.find("furniture");
    if (it == j.end() || !it->is_array() || it->empty()) return std::nullopt;
    std::vector<plan::Furniture> out;
    for (const auto& e : *it) {
        if (!e.is_object() || !e.contains("type") || !e["type"].is_string() || !e.contains("x") ||
            !e["x"].is_number() || !e.contains("y") || !e["y"].is_number())
            return std::nullopt;
        plan::Furniture f;
        f.type = e["type"].get<std::string>();
        f.position = {e["x"].get<double>(), e["y"].get<double>()};
        if (e.contains("yaw") && e["yaw"].is_number()) f.yaw_deg = e["yaw"].get<double>();
        if (e.contains("label") && e["label"].is_string()) f.label = e["label"].get<std::string>();
        if (e.contains("sections") && e["sections"].is_number_integer() && e["sections"].get<int>() >= 1)
            f.sections = e["sections"].get<int>();
        out.push_back(std::move(f));
    }
    return out;
}

std::vector<plan::Furniture> place_paste(std::vector<plan::Furniture> items, const plan::FurnitureCatalog& catalog,
                                         const std::optional<plan::Vec2>& at, plan::Vec2 offset) {
    plan::Vec2 d = offset;
    if (at) {
        const plan::Vec2 c = items_box(items, catalog).centre();
        d = {at->x - c.x, at->y - c.y};
    }
    for (auto& f : items) f.position = {f.position.x + d.x, f.position.y + d.y};
    return items;
}

ActionResult copy_selection(Editor& ed, Clipboard& cb) {
    std::vector<plan::Furniture> items;
    for (const auto* f : ed.selected_furniture()) items.push_back(*f);
    if (items.empty()) return ActionResult::fail(tr("editor.err.nothing_selected"));
    cb.text = furniture_to_clipboard(items);
    cb.pastes = 0;
    return {};
}

ActionResult paste(Editor& ed, Clipboard& cb, const std::string& text, const std::optional<plan::Vec2>& at) {
    auto items = furniture_from_clipboard(text);
    if (!items) {
        items = furniture_from_clipboard(cb.text);
    } else if (text != cb.text) {
        cb.text = text;  // copied in another window: start offsetting afresh
        cb.pastes = 0;
    }
    if (!items) return ActionResult::fail(tr("editor.manip.err.clipboard_empty"));
    for (const auto& f : *items)
        if (!ed.catalog().find(f.type)) return ActionResult::fail(trf("editor.err.unknown_type", {f.type}));
    // Pastes at a point land there; the others step 0.5 m further each time so copies do not stack.
    if (!at) ++cb.pastes;
    const double step = 0.5 * cb.pastes;
    return add_items(ed, place_paste(std::move(*items), ed.catalog(), at, {step, step}), "editor.manip.cmd.paste");
}

}  // namespace shuxiang::editor
