#include "tools/arrange.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "app/edit_commands.hpp"
#include "shuxiang/plan/commands.hpp"
#include "shuxiang/util/i18n.hpp"
#include "tools/extent.hpp"

namespace shuxiang::editor {

std::optional<AlignMode> align_mode_from_string(const std::string& s) {
    if (s == "left") return AlignMode::Left;
    if (s == "right") return AlignMode::Right;
    if (s == "top") return AlignMode::Top;
    if (s == "bottom") return AlignMode::Bottom;
    if (s == "centre-x" || s == "center-x" || s == "centre_x") return AlignMode::CentreX;
    if (s == "centre-y" || s == "center-y" || s == "centre_y") return AlignMode::CentreY;
    return std::nullopt;
}

std::vector<plan::Furniture> align_items(std::vector<plan::Furniture> items, AlignMode mode,
                                         const plan::FurnitureCatalog& catalog) {
    const Box2 all = items_box(items, catalog);
    for (auto& f : items) {
        const Box2 b = item_box(f, catalog);
        double dx = 0, dy = 0;
        switch (mode) {
            case AlignMode::Left: dx = all.lo.x - b.lo.x; break;
            case AlignMode::Right: dx = all.hi.x - b.hi.x; break;
            case AlignMode::Bottom: dy = all.lo.y - b.lo.y; break;
            case AlignMode::Top: dy = all.hi.y - b.hi.y; break;
            case AlignMode::CentreX: dx = all.centre().x - b.centre().x; break;
            case AlignMode::CentreY: dy = all.centre().y - b.centre().y; break;
        }
        f.position = {f.position.x + dx, f.position.y + dy};
    }
    return items;
}

std::vector<plan::Furniture> distribute_items(std::vector<plan::Furniture> items, bool along_y,
                                              const plan::FurnitureCatalog& catalog) {
    if (items.size() < 3) return items;
    auto lo = [&](const Box2& b) { return along_y ? b.lo.y : b.lo.x; };
    auto hi = [&](const Box2& b) { return along_y ? b.hi.y : b.hi.x; };
    std::vector<Box2> boxes;
    for (const auto& f : items) boxes.push_back(item_box(f, catalog));
    std::vector<std::size_t> order(items.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return lo(boxes[a]) + hi(boxes[a]) < lo(boxes[b]) + hi(boxes[b]);
    });
    double sizes = 0;
    for (const auto& b : boxes) sizes += hi(b) - lo(b);
    const double start = lo(boxes[order.front()]);
    const double span = hi(boxes[order.back()]) - start;
    const double gap = (span - sizes) / static_cast<double>(items.size() - 1);
    double at = start;
    for (std::size_t i : order) {
        const double d = at - lo(boxes[i]);
        if (along_y) items[i].position.y += d;
        else items[i].position.x += d;
        at += hi(boxes[i]) - lo(boxes[i]) + gap;
    }
    return items;
}

std::vector<plan::Furniture> array_copies(const std::vector<plan::Furniture>& items, const ArraySpec& spec,
                                          const plan::FurnitureCatalog& catalog) {
    std::vector<plan::Furniture> out;
    if (items.empty() || spec.count < 2) return out;
    const Box2 b = items_box(items, catalog);
    const double extent = std::abs(spec.direction.x) * b.width() + std::abs(spec.direction.y) * b.height();
    const double pitch = spec.pitch ? spec.spacing : extent + spec.spacing;
    for (int k = 1; k < spec.count; ++k)
        for (const auto& f : items) {
            plan::Furniture g = f;
            g.id.clear();
            g.position = {f.position.x + spec.direction.x * pitch * k, f.position.y + spec.direction.y * pitch * k};
            out.push_back(std::move(g));
        }
    return out;
}

ActionResult change_items(Editor& ed, const std::vector<plan::Furniture>& after, const std::string& label) {
    const plan::Level* l = ed.level();
    if (!l || after.empty()) return ActionResult::fail(tr("editor.err.nothing_selected"));
    if (!ed.history().execute(std::make_unique<plan::ChangeFurniture>(l->id, after, "", label), false))
        return ActionResult::fail(trf("editor.err.not_applied", {tr(label)}));
    ed.seal();
    return {};
}

ActionResult add_items(Editor& ed, std::vector<plan::Furniture> items, const std::string& label) {
    const plan::Level* l = ed.level();
    if (!l) return ActionResult::fail(trf("editor.err.no_level", {std::to_string(ed.level_index())}));
    if (items.empty()) return ActionResult::fail(tr("editor.err.nothing_selected"));
    std::vector<std::string> ids;
    std::vector<std::unique_ptr<plan::Command>> cmds;
    for (auto& f : items) {
        f.id = ed.unique_id("f", ids);
        ids.push_back(f.id);
        cmds.push_back(cmd_add_furniture(l->id, f));
    }
    if (!ed.history().execute(cmd_group(std::move(cmds), label), false))
        return ActionResult::fail(trf("editor.err.not_applied", {tr(label)}));
    ed.seal();
    return ed.select(ids);
}

namespace {

std::vector<plan::Furniture> selected_copies(const Editor& ed) {
    std::vector<plan::Furniture> out;
    for (const auto* f : ed.selected_furniture()) out.push_back(*f);
    return out;
}

}  // namespace

ActionResult align_selection(Editor& ed, AlignMode mode) {
    auto items = selected_copies(ed);
    if (items.size() < 2) return ActionResult::fail(tr("editor.manip.err.need_two"));
    return change_items(ed, align_items(std::move(items), mode, ed.catalog()), "editor.manip.cmd.align");
}

ActionResult distribute_selection(Editor& ed, bool along_y) {
    auto items = selected_copies(ed);
    if (items.size() < 3) return ActionResult::fail(tr("editor.manip.err.need_three"));
    return change_items(ed, distribute_items(std::move(items), along_y, ed.catalog()), "editor.manip.cmd.distribute");
}

ActionResult array_selection(Editor& ed, const ArraySpec& spec) {
    auto items = selected_copies(ed);
    if (items.empty()) return ActionResult::fail(tr("editor.err.nothing_selected"));
    if (spec.count < 2 || spec.count > 200 || !(spec.spacing >= 0 || spec.pitch))
        return ActionResult::fail(tr("editor.manip.err.bad_array"));
    std::vector<std::string> keep;
    for (const auto& f : items) keep.push_back(f.id);
    auto r = add_items(ed, array_copies(items, spec, ed.catalog()), "editor.manip.cmd.array");
    if (!r.ok) return r;
    // The whole row becomes the selection.
    return ed.select(keep, true);
}

}  // namespace shuxiang::editor
