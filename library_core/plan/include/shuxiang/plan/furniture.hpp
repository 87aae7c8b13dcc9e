#pragma once
// The furniture catalogue: types of school-library furniture with real dimensions, loaded from
// assets/furniture/*.json (data, not code), plus models a school imports into its own palette.
#include <filesystem>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shuxiang/plan/model.hpp"

namespace shuxiang::plan {

// File values in parentheses.
enum class FurnitureCategory {
    ShelvingSingle,    // 单面书架 ("shelving_single"): one face of books, back usually against a wall
    ShelvingDouble,    // 双面书架 ("shelving_double")
    PictureBookBin,    // 绘本箱 ("picture_book_bin")
    PeriodicalRack,    // 期刊架 ("periodical_rack")
    ReadingTable,      // 阅览桌 ("reading_table") with its chairs
    Carrel,            // 单人研习桌 ("carrel")
    Sofa,              // 沙发 ("sofa")
    Beanbag,           // 懒人沙发 ("beanbag")
    CirculationDesk,   // 借还服务台 ("circulation_desk")
    Kiosk,             // 自助借还机 ("kiosk")
    EReader,           // 电子阅读机 ("ereader")
    DisplayCase,       // 展示柜 ("display_case")
    ClassroomCabinet,  // 班级书柜 ("classroom_cabinet")
    Bench,             // 户外长椅 ("bench")
    Pavilion,          // 阅读亭 ("pavilion")
    Other,             // ("other")
};

// One furniture type. The footprint is width (along local X) × depth (along local Y) centred on the
// origin unless `footprint` gives a polygon. Shelving carries books on `faces` faces, each of
// `sections` sections `section_width` wide with `shelf_levels` shelves.
struct FurnitureType {
    std::string id;            // e.g. "shelf_double_1800"
    std::string name_zh;
    std::string name_en;
    FurnitureCategory category = FurnitureCategory::Other;
    double width = 1.0;        // m, along local X (for shelving: sections × section_width)
    double depth = 0.5;        // m, along local Y
    double height = 1.0;       // m
    std::vector<Vec2> footprint;  // optional local polygon; empty means the width × depth rectangle
    int seats = 0;             // reading seats it provides (tables: chairs included)
    // Shelving and other book-holding furniture:
    int faces = 0;             // 0 = holds no books; 1 single-faced; 2 double-faced
    int sections = 0;          // default sections per range
    double section_width = 0; // m
    double shelf_depth = 0;   // m per face
    int shelf_levels = 0;      // shelves per section (per face)
    // Who it is sized for: "primary", "secondary" or "all".
    std::string audience = "all";
    bool outdoor = false;
    std::string model;         // optional mesh file (relative to assets/ or absolute) for rendering
    friend bool operator==(const FurnitureType&, const FurnitureType&) = default;

    bool holds_books() const { return faces > 0 && shelf_levels > 0 && section_width > 0; }
};

class FurnitureCatalog {
public:
    // Loads every *.json file of a folder ({"schema_version": 1, "types": [...]}).
    // Throws InputError naming the file and JSON pointer of a bad value.
    static FurnitureCatalog load_dir(const std::filesystem::path& dir);
    // The bundled catalogue (asset_dir()/furniture), loaded once.
    static const FurnitureCatalog& builtin();

    const FurnitureType* find(std::string_view id) const;
    const std::vector<FurnitureType>& types() const { return types_; }
    // Adds or replaces a type (the editor's imported models). Returns false if the id was a built-in.
    bool add(FurnitureType t);

private:
    std::vector<FurnitureType> types_;
    // The first builtin_count_ entries came from load_dir(); add() may not replace them.
    std::size_t builtin_count_ = 0;
};

const char* to_string(FurnitureCategory c);
std::optional<FurnitureCategory> furniture_category_from_string(std::string_view s);
// Translation key of a category's display name ("plan.furniture_category.sofa" → 沙发 / Sofa).
std::string display_key(FurnitureCategory c);

// A plan's own type (an imported model) as a catalogue type; an unknown category becomes Other.
FurnitureType to_furniture_type(const PlanFurnitureType& t);
// The catalogue plus the plan's own furniture types, for geometry and drawing of such plans.
FurnitureCatalog with_plan_types(const FurnitureCatalog& base, const Plan& plan);

// Effective values for a placed item (sections override applied).
int effective_sections(const Furniture& f, const FurnitureType& t);
double effective_width(const Furniture& f, const FurnitureType& t);
// Linear metres of shelf: sections × section_width × shelf_levels × faces.
double shelf_metres(const Furniture& f, const FurnitureType& t);
// The footprint polygon in plan coordinates (counter-clockwise).
std::vector<Vec2> world_footprint(const Furniture& f, const FurnitureType& t);

}  // namespace shuxiang::plan
