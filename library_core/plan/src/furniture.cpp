#include "shuxiang/plan/furniture.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numbers>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"
#include "shuxiang/util/paths.hpp"

namespace shuxiang::plan {
namespace {

using nlohmann::json;

constexpr int kCatalogSchemaVersion = 1;

constexpr std::array<std::pair<FurnitureCategory, const char*>, 16> kCategories{{
    {FurnitureCategory::ShelvingSingle, "shelving_single"},
    {FurnitureCategory::ShelvingDouble, "shelving_double"},
    {FurnitureCategory::PictureBookBin, "picture_book_bin"},
    {FurnitureCategory::PeriodicalRack, "periodical_rack"},
    {FurnitureCategory::ReadingTable, "reading_table"},
    {FurnitureCategory::Carrel, "carrel"},
    {FurnitureCategory::Sofa, "sofa"},
    {FurnitureCategory::Beanbag, "beanbag"},
    {FurnitureCategory::CirculationDesk, "circulation_desk"},
    {FurnitureCategory::Kiosk, "kiosk"},
    {FurnitureCategory::EReader, "ereader"},
    {FurnitureCategory::DisplayCase, "display_case"},
    {FurnitureCategory::ClassroomCabinet, "classroom_cabinet"},
    {FurnitureCategory::Bench, "bench"},
    {FurnitureCategory::Pavilion, "pavilion"},
    {FurnitureCategory::Other, "other"},
}};

// Keys a type object may carry. "notes" is free text for the people who maintain the data.
const std::set<std::string, std::less<>> kKnownKeys{
    "id",      "name_zh",      "name_en",     "category",     "width",    "depth",
    "height",  "footprint",    "seats",       "faces",        "sections", "section_width",
    "shelf_depth", "shelf_levels", "audience", "outdoor",      "model",    "notes",
};

// Reads one type object; `where` is its JSON pointer ("/types/3").
class TypeReader {
public:
    TypeReader(const std::string& file, const json& obj, std::string where)
        : file_(file), obj_(obj), where_(std::move(where)) {}

    [[noreturn]] void fail(std::string_view key, const std::string& message) const {
        throw InputError(file_, key.empty() ? where_ : where_ + "/" + std::string(key), message);
    }

    bool has(std::string_view key) const { return obj_.contains(key); }

    std::string string(std::string_view key, bool required, std::string fallback = {}) const {
        if (!has(key)) {
            if (required) fail(key, tr("plan.furniture.error.missing_string"));
            return fallback;
        }
        const json& v = obj_.at(std::string(key));
        if (!v.is_string()) fail(key, tr("common.json.expected_string"));
        return v.get<std::string>();
    }

    double number(std::string_view key, bool required, double fallback = 0) const {
        if (!has(key)) {
            if (required) fail(key, tr("plan.furniture.error.missing_number"));
            return fallback;
        }
        const json& v = obj_.at(std::string(key));
        if (!v.is_number()) fail(key, tr("common.json.expected_number"));
        double d = v.get<double>();
        if (!std::isfinite(d)) fail(key, tr("common.json.expected_finite"));
        return d;
    }

    int integer(std::string_view key, int fallback = 0) const {
        if (!has(key)) return fallback;
        const json& v = obj_.at(std::string(key));
        if (!v.is_number_integer()) fail(key, tr("common.json.expected_integer"));
        auto i = v.get<long long>();
        if (i < 0 || i > 1000) fail(key, tr("plan.furniture.error.integer_range"));
        return static_cast<int>(i);
    }

    bool boolean(std::string_view key, bool fallback) const {
        if (!has(key)) return fallback;
        const json& v = obj_.at(std::string(key));
        if (!v.is_boolean()) fail(key, tr("common.json.expected_bool"));
        return v.get<bool>();
    }

    const json& at(std::string_view key) const { return obj_.at(std::string(key)); }

private:
    const std::string& file_;
    const json& obj_;
    std::string where_;
};

double signed_area(const std::vector<Vec2>& poly) {
    double a = 0;
    for (std::size_t i = 0; i < poly.size(); ++i) {
        const Vec2& p = poly[i];
        const Vec2& q = poly[(i + 1) % poly.size()];
        a += p.x * q.y - q.x * p.y;
    }
    return a / 2;
}

FurnitureType read_type(const std::string& file, const json& obj, const std::string& where) {
    if (!obj.is_object()) throw InputError(file, where, tr("plan.furniture.error.not_type"));
    TypeReader r(file, obj, where);
    for (auto& [key, value] : obj.items()) {
        (void)value;
        if (!kKnownKeys.count(key)) r.fail(key, trf("plan.furniture.error.unknown_key", {key}));
    }

    FurnitureType t;
    t.id = r.string("id", true);
    if (t.id.empty()) r.fail("id", tr("plan.furniture.error.empty_id"));
    t.name_zh = r.string("name_zh", true);
    t.name_en = r.string("name_en", true);
    if (t.name_zh.empty()) r.fail("name_zh", tr("plan.furniture.error.empty_name_zh"));
    if (t.name_en.empty()) r.fail("name_en", tr("plan.furniture.error.empty_name_en"));
    std::string cat = r.string("category", true);
    auto c = furniture_category_from_string(cat);
    if (!c) r.fail("category", trf("plan.furniture.error.unknown_category", {cat}));
    t.category = *c;

    t.faces = r.integer("faces");
    if (t.faces > 2) r.fail("faces", tr("plan.furniture.error.faces"));
    t.sections = r.integer("sections");
    t.section_width = r.number("section_width", false);
    t.shelf_depth = r.number("shelf_depth", false);
    t.shelf_levels = r.integer("shelf_levels");
    if (t.section_width < 0) r.fail("section_width", tr("plan.furniture.error.negative"));
    if (t.shelf_depth < 0) r.fail("shelf_depth", tr("plan.furniture.error.negative"));
    if (t.faces > 0) {
        // A book-holding type must say how its books are held, or shelf metres would silently be 0.
        if (t.sections < 1) r.fail("sections", tr("plan.furniture.error.need_sections"));
        if (t.section_width <= 0) r.fail("section_width", tr("plan.furniture.error.need_section_width"));
        if (t.shelf_depth <= 0) r.fail("shelf_depth", tr("plan.furniture.error.need_shelf_depth"));
        if (t.shelf_levels < 1) r.fail("shelf_levels", tr("plan.furniture.error.need_shelf_levels"));
    }
    bool shelving = t.category == FurnitureCategory::ShelvingSingle ||
                    t.category == FurnitureCategory::ShelvingDouble;
    if (t.category == FurnitureCategory::ShelvingSingle && t.faces != 1)
        r.fail("faces", tr("plan.furniture.error.single_faces"));
    if (t.category == FurnitureCategory::ShelvingDouble && t.faces != 2)
        r.fail("faces", tr("plan.furniture.error.double_faces"));

    // Shelving width is derived from its sections so that a range can be lengthened by sections.
    if (shelving) {
        double derived = t.sections * t.section_width;
        if (r.has("width")) {
            double w = r.number("width", true);
            if (std::abs(w - derived) > 1e-6)
                r.fail("width", trf("plan.furniture.error.shelving_width", {std::to_string(derived)}));
        }
        t.width = derived;
    } else {
        t.width = r.number("width", true);
    }
    t.depth = r.number("depth", true);
    t.height = r.number("height", true);
    if (t.width <= 0) r.fail("width", tr("plan.furniture.error.positive"));
    if (t.depth <= 0) r.fail("depth", tr("plan.furniture.error.positive"));
    if (t.height <= 0) r.fail("height", tr("plan.furniture.error.positive"));
    if (t.faces > 0 && t.depth + 1e-9 < t.faces * t.shelf_depth)
        r.fail("depth", tr("plan.furniture.error.depth_faces"));

    t.seats = r.integer("seats");
    t.audience = r.string("audience", false, "all");
    if (t.audience != "primary" && t.audience != "secondary" && t.audience != "all")
        r.fail("audience", tr("plan.furniture.error.audience"));
    t.outdoor = r.boolean("outdoor", false);
    t.model = r.string("model", false);

    if (r.has("footprint")) {
        const json& fp = r.at("footprint");
        std::string fp_where = where + "/footprint";
        if (!fp.is_array() || fp.size() < 3)
            throw InputError(file, fp_where, tr("plan.furniture.error.footprint"));
        for (std::size_t i = 0; i < fp.size(); ++i) {
            const json& pt = fp[i];
            if (!pt.is_array() || pt.size() != 2 || !pt[0].is_number() || !pt[1].is_number())
                throw InputError(file, fp_where + "/" + std::to_string(i), tr("plan.furniture.error.point"));
            t.footprint.push_back({pt[0].get<double>(), pt[1].get<double>()});
        }
        double a = signed_area(t.footprint);
        if (std::abs(a) < 1e-9) throw InputError(file, fp_where, tr("plan.furniture.error.no_area"));
        // Keep footprints counter-clockwise so that world_footprint() always is.
        if (a < 0) std::reverse(t.footprint.begin(), t.footprint.end());
    }
    return t;
}

// cos and sin of an angle in degrees, exact for multiples of 90° (plans are mostly axis-aligned, and
// exact values keep touching footprints from overlapping by 1e-17).
std::pair<double, double> cos_sin_deg(double deg) {
    double r = std::fmod(deg, 360.0);
    if (r < 0) r += 360.0;
    if (r == 0) return {1, 0};
    if (r == 90) return {0, 1};
    if (r == 180) return {-1, 0};
    if (r == 270) return {0, -1};
    double rad = r * std::numbers::pi / 180.0;
    return {std::cos(rad), std::sin(rad)};
}

}  // namespace

FurnitureCatalog FurnitureCatalog::load_dir(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw InputError(dir.string(), "", tr("plan.furniture.error.no_folder"));
    std::vector<std::filesystem::path> files;
    for (auto& e : std::filesystem::directory_iterator(dir, ec))
        if (e.is_regular_file() && e.path().extension() == ".json") files.push_back(e.path());
    if (ec) throw InputError(dir.string(), "", trf("common.folder.cannot_list", {ec.message()}));
    std::sort(files.begin(), files.end());

    FurnitureCatalog cat;
    std::map<std::string, std::string, std::less<>> defined_in;  // id -> file
    for (auto& path : files) {
        const std::string file = path.string();
        json j;
        try {
            j = json::parse(read_file(path));
        } catch (const json::parse_error& e) {
            throw InputError(file, "byte " + std::to_string(e.byte), tr("common.json.invalid"));
        }
        if (!j.is_object()) throw InputError(file, "", tr("plan.furniture.error.envelope"));
        if (!j.contains("schema_version") || !j["schema_version"].is_number_integer())
            throw InputError(file, "/schema_version", tr("plan.furniture.error.not_integer"));
        int version = j["schema_version"].get<int>();
        if (version > kCatalogSchemaVersion)
            throw InputError(file, "/schema_version",
                             trf("plan.furniture.error.newer", {std::to_string(version), std::to_string(kCatalogSchemaVersion)}));
        if (version < 1) throw InputError(file, "/schema_version", tr("plan.furniture.error.expected_1"));
        if (!j.contains("types") || !j["types"].is_array())
            throw InputError(file, "/types", tr("plan.furniture.error.not_array"));
        const json& types = j["types"];
        for (std::size_t i = 0; i < types.size(); ++i) {
            std::string where = "/types/" + std::to_string(i);
            FurnitureType t = read_type(file, types[i], where);
            if (auto it = defined_in.find(t.id); it != defined_in.end())
                throw InputError(file, where + "/id",
                                 trf("plan.furniture.error.duplicate", {t.id, it->second}));
            defined_in.emplace(t.id, path.filename().string());
            cat.types_.push_back(std::move(t));
        }
    }
    cat.builtin_count_ = cat.types_.size();
    return cat;
}

const FurnitureCatalog& FurnitureCatalog::builtin() {
    // A function-local static is initialised once even with concurrent callers; if loading throws,
    // the next call tries again.
    static const FurnitureCatalog cat = load_dir(asset_dir() / "furniture");
    return cat;
}

const FurnitureType* FurnitureCatalog::find(std::string_view id) const {
    for (const auto& t : types_)
        if (t.id == id) return &t;
    return nullptr;
}

bool FurnitureCatalog::add(FurnitureType t) {
    if (t.id.empty()) return false;
    for (std::size_t i = 0; i < types_.size(); ++i) {
        if (types_[i].id != t.id) continue;
        if (i < builtin_count_) return false;
        types_[i] = std::move(t);
        return true;
    }
    types_.push_back(std::move(t));
    return true;
}

const char* to_string(FurnitureCategory c) {
    for (auto& [e, s] : kCategories)
        if (e == c) return s;
    return "other";
}

std::optional<FurnitureCategory> furniture_category_from_string(std::string_view s) {
    for (auto& [e, name] : kCategories)
        if (s == name) return e;
    return std::nullopt;
}

std::string display_key(FurnitureCategory c) { return std::string("plan.furniture_category.") + to_string(c); }

FurnitureType to_furniture_type(const PlanFurnitureType& p) {
    FurnitureType t;
    t.id = p.id;
    t.name_zh = p.name_zh.empty() ? p.id : p.name_zh;
    t.name_en = p.name_en.empty() ? p.id : p.name_en;
    t.category = furniture_category_from_string(p.category).value_or(FurnitureCategory::Other);
    t.width = p.width;
    t.depth = p.depth;
    t.height = p.height;
    t.footprint = p.footprint;
    if (signed_area(t.footprint) < 0) std::reverse(t.footprint.begin(), t.footprint.end());
    t.model = p.model;
    return t;
}

FurnitureCatalog with_plan_types(const FurnitureCatalog& base, const Plan& plan) {
    FurnitureCatalog cat = base;
    for (const auto& p : plan.furniture_types) cat.add(to_furniture_type(p));
    return cat;
}

int effective_sections(const Furniture& f, const FurnitureType& t) {
    if (t.sections > 0 && f.sections && *f.sections > 0) return *f.sections;
    return t.sections;
}

double effective_width(const Furniture& f, const FurnitureType& t) {
    // Extra or fewer sections lengthen or shorten the type's own width (for shelving that width is
    // exactly sections × section_width; other types may have end panels that stay).
    if (t.sections > 0 && t.section_width > 0)
        return t.width + (effective_sections(f, t) - t.sections) * t.section_width;
    return t.width;
}

double shelf_metres(const Furniture& f, const FurnitureType& t) {
    if (!t.holds_books()) return 0;
    return effective_sections(f, t) * t.section_width * t.shelf_levels * t.faces;
}

std::vector<Vec2> world_footprint(const Furniture& f, const FurnitureType& t) {
    std::vector<Vec2> local;
    double w = effective_width(f, t);
    if (!t.footprint.empty()) {
        // A custom outline stretches along X with the range length when sections are overridden.
        double sx = t.width > 0 ? w / t.width : 1.0;
        local.reserve(t.footprint.size());
        for (const Vec2& p : t.footprint) local.push_back({p.x * sx, p.y});
    } else {
        double hw = w / 2, hd = t.depth / 2;
        local = {{-hw, -hd}, {hw, -hd}, {hw, hd}, {-hw, hd}};
    }
    auto [c, s] = cos_sin_deg(f.yaw_deg);
    std::vector<Vec2> out;
    out.reserve(local.size());
    for (const Vec2& p : local)
        out.push_back({f.position.x + p.x * c - p.y * s, f.position.y + p.x * s + p.y * c});
    return out;
}

}  // namespace shuxiang::plan
