#pragma once
// Small hand-built plans and collections for the shelving tests.
#include <string>
#include <vector>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"
#include "shuxiang/shelving/assign.hpp"

namespace shuxiang::test {

// The built-in catalogue plus "t_double": a double-faced range of 2 sections, 0.1 m wide, 2 levels:
// capacity 0.1 × 2 / 0.025 = 8 books per section, working target 6 at fill 0.75.
inline const plan::FurnitureCatalog& test_catalog() {
    static const plan::FurnitureCatalog cat = [] {
        plan::FurnitureCatalog c = plan::FurnitureCatalog::builtin();
        plan::FurnitureType t;
        t.id = "t_double";
        t.category = plan::FurnitureCategory::ShelvingDouble;
        t.width = 0.2;
        t.depth = 0.5;
        t.faces = 2;
        t.sections = 2;
        t.section_width = 0.1;
        t.shelf_levels = 2;
        c.add(t);
        plan::FurnitureType cab = t;
        cab.id = "t_cabinet";  // 1 face, 1 section: capacity 8
        cab.category = plan::FurnitureCategory::ClassroomCabinet;
        cab.faces = 1;
        cab.sections = 1;
        c.add(cab);
        plan::FurnitureType shown;  // a small new-books display: ⌊0.45 / 0.15⌋ × ⌊0.22 / 0.22⌋ = 3 books
        shown.id = "t_new_books_display";
        shown.category = plan::FurnitureCategory::DisplayCase;
        shown.width = 0.45;
        shown.depth = 0.22;
        shown.height = 0.9;
        c.add(shown);
        return c;
    }();
    return cat;
}

inline plan::Room square_room(std::string id, double x0, double y0, double size,
                              plan::RoomKind kind = plan::RoomKind::Stacks) {
    plan::Room r;
    r.id = id;
    r.name = id;
    r.kind = kind;
    r.polygon = {{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}};
    return r;
}

inline plan::Furniture piece(std::string id, std::string type, double x, double y, std::string label = "") {
    plan::Furniture f;
    f.id = id;
    f.type = type;
    f.position = {x, y};
    f.label = label;
    return f;
}

inline plan::Plan one_room_plan(std::vector<plan::Furniture> furniture) {
    plan::Plan p;
    plan::Level l;
    l.id = "L1";
    l.rooms.push_back(square_room("stacks", 0, 0, 20));
    l.furniture = std::move(furniture);
    p.levels.push_back(std::move(l));
    return p;
}

inline shelving::ShelfItem item(long long id, std::string call, shelving::SectionKind kind = shelving::SectionKind::General,
                                std::string location = "") {
    return {id, std::move(call), std::move(location), kind};
}

}  // namespace shuxiang::test
