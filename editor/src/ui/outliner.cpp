#include "ui/outliner.hpp"

#include <cstdio>

#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {
namespace {

std::string metres(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.2f", v);
    return b;
}

const std::string& type_label(const plan::FurnitureType& t) {
    return language() == Language::ZhCN ? t.name_zh : t.name_en;
}

}  // namespace

std::vector<OutlinerGroup> outliner_groups(const plan::Level& level, const plan::FurnitureCatalog& catalog) {
    std::vector<OutlinerGroup> out(4);
    out[0] = {"rooms", tr("editor.outliner.rooms"), {}};
    for (const auto& r : level.rooms) out[0].rows.push_back({r.id, r.name + "  ·  " + tr(plan::display_key(r.kind))});
    out[1] = {"walls", tr("editor.outliner.walls"), {}};
    for (const auto& w : level.walls)
        out[1].rows.push_back({w.id, trf("editor.outliner.wall", {w.id, metres(plan::polyline_length(w.points)),
                                                                   metres(w.thickness)})});
    out[2] = {"openings", tr("editor.outliner.openings"), {}};
    for (const auto& o : level.openings)
        out[2].rows.push_back({o.id, trf("editor.outliner.opening", {o.id, tr(std::string("editor.draw.kind.") + plan::to_string(o.kind)),
                                                                      metres(o.width), o.wall})});
    out[3] = {"furniture", tr("editor.outliner.furniture"), {}};
    for (const auto& f : level.furniture) {
        const auto* t = catalog.find(f.type);
        std::string label = f.id + "  " + (t ? type_label(*t) : f.type);
        if (!f.label.empty()) label += "  [" + f.label + "]";
        out[3].rows.push_back({f.id, std::move(label)});
    }
    return out;
}

std::string outliner_text(const plan::Level& level, const plan::FurnitureCatalog& catalog) {
    std::string s;
    for (const auto& g : outliner_groups(level, catalog))
        for (const auto& r : g.rows) s += g.name + "\t" + r.id + "\t" + r.label + "\n";
    return s;
}

}  // namespace shuxiang::editor
