// Imported furniture models in the document: the import action (one History command that adds a
// plan furniture type), the meshes of an opened plan's types, and the catalogue they extend.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "app/editor.hpp"
#include "shuxiang/plan/commands.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {
namespace {

// Adds a furniture type to the plan (undo removes it; its placed copies are separate commands).
class AddPlanType final : public plan::Command {
public:
    explicit AddPlanType(plan::PlanFurnitureType t) : type_(std::move(t)) {}
    bool apply(plan::Plan& p) override {
        for (const auto& t : p.furniture_types)
            if (t.id == type_.id) return false;
        p.furniture_types.push_back(type_);
        return true;
    }
    void revert(plan::Plan& p) override {
        std::erase_if(p.furniture_types, [&](const plan::PlanFurnitureType& t) { return t.id == type_.id; });
    }
    std::string label() const override { return "editor.cmd.import_model"; }

private:
    plan::PlanFurnitureType type_;
};

// "Chair (Oak) 2.obj" → "chair_oak_2"; characters outside ASCII letters and digits are dropped.
std::string slug(const std::string& stem) {
    std::string s;
    for (unsigned char c : stem) {
        if (std::isalnum(c) && c < 128) s += static_cast<char>(std::tolower(c));
        else if (!s.empty() && s.back() != '_') s += '_';
    }
    while (!s.empty() && s.back() == '_') s.pop_back();
    return s.empty() ? "model" : s;
}

// Millimetres are enough for furniture and keep saved plans short.
double mm(double v) { return std::round(v * 1000.0) / 1000.0; }

}  // namespace

const plan::FurnitureCatalog& Editor::catalog() const {
    if (merged_models_ != models_.serial() || merged_types_ != plan().furniture_types) {
        merged_ = plan::with_plan_types(catalog_, plan());
        // A type whose mesh did not load is drawn as its box: the renderer only knows loaded meshes.
        for (const auto& t : plan().furniture_types) {
            if (models_.find(t.id)) continue;
            if (const plan::FurnitureType* ft = merged_.find(t.id)) {
                plan::FurnitureType copy = *ft;
                copy.model.clear();
                merged_.add(std::move(copy));
            }
        }
        merged_types_ = plan().furniture_types;
        merged_models_ = models_.serial();
    }
    return merged_;
}

void Editor::load_document_models() {
    for (const auto& t : plan().furniture_types) {
        if (t.model.empty() || models_.find(t.id)) continue;
        assets::ImportResult r = assets::import_model(t.model);
        if (!r.model) {
            log(LogLine::Level::Warning, trf("editor.log.model_missing", {t.id, r.error}));
            continue;
        }
        models_.add(t.id, std::make_shared<const assets::ImportedModel>(std::move(*r.model)));
    }
}

ActionResult Editor::import_model(const std::filesystem::path& file) {
    std::error_code ec;
    std::filesystem::path abs = std::filesystem::absolute(file, ec);
    if (ec) abs = file;
    abs = abs.lexically_normal();
    // The same file again only selects its existing type.
    for (const auto& t : plan().furniture_types)
        if (std::filesystem::path(t.model).lexically_normal() == abs && models_.find(t.id)) {
            log(LogLine::Level::Info, trf("editor.log.model_known", {abs.string(), t.id}));
            return {};
        }
    assets::ImportResult r = assets::import_model(abs);
    if (!r.model) {
        const std::string msg = trf("editor.err.import_failed", {r.error});
        log(LogLine::Level::Error, msg);
        return ActionResult::fail(msg);
    }
    const assets::ImportedModel& m = *r.model;
    plan::PlanFurnitureType t;
    const std::string base = "model_" + slug(abs.stem().string());
    t.id = base;
    for (int n = 2; catalog().find(t.id); ++n) t.id = base + "_" + std::to_string(n);
    t.name_zh = t.name_en = abs.stem().string();
    t.category = "other";
    t.width = std::max(mm(m.width), 0.001);
    t.depth = std::max(mm(m.depth), 0.001);
    t.height = std::max(mm(m.height), 0.001);
    for (const auto& v : m.footprint) {
        const plan::Vec2 p{mm(v.x), mm(v.y)};
        if (t.footprint.empty() || !(t.footprint.back() == p)) t.footprint.push_back(p);
    }
    if (t.footprint.size() > 1 && t.footprint.front() == t.footprint.back()) t.footprint.pop_back();
    if (t.footprint.size() < 3 || plan::signed_area(t.footprint) <= 0) t.footprint.clear();  // box instead
    t.model = abs.string();
    char dims[96];
    std::snprintf(dims, sizeof dims, "%.3f × %.3f × %.3f m", t.width, t.depth, t.height);
    const std::size_t tris = m.triangles();
    const std::string source = m.unit_source;
    models_.add(t.id, std::make_shared<const assets::ImportedModel>(std::move(*r.model)));
    const std::string id = t.id;
    auto res = execute(std::make_unique<AddPlanType>(std::move(t)), false);
    if (res.ok)
        log(LogLine::Level::Info,
            trf("editor.log.model_imported", {abs.string(), id, dims, std::to_string(tris), source}));
    return res;
}

}  // namespace shuxiang::editor
