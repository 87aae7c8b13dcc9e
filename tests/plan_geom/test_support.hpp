#pragma once
// A small hand-made furniture catalogue and plan builders shared by the plan_geom tests.
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"

namespace sxtest {

using namespace shuxiang::plan;

// dbl: double-faced range, 5 sections × 0.9 m = 4.5 m wide, 0.6 m deep, 6 levels.
//      shelf metres = 5 × 0.9 × 6 × 2 = 54.
// sgl: single-faced range, 3 × 0.9 = 2.7 m wide, 0.3 m deep, 5 levels: 3 × 0.9 × 5 × 1 = 13.5.
// table6: reading table 1.8 × 0.9 m with 6 seats. sofa: 2.0 × 0.8 m, 3 seats. sq: 1 × 1 m box.
inline FurnitureCatalog test_catalog() {
    FurnitureCatalog c;
    FurnitureType dbl;
    dbl.id = "dbl";
    dbl.category = FurnitureCategory::ShelvingDouble;
    dbl.sections = 5;
    dbl.section_width = 0.9;
    dbl.width = 4.5;
    dbl.depth = 0.6;
    dbl.height = 1.8;
    dbl.faces = 2;
    dbl.shelf_depth = 0.3;
    dbl.shelf_levels = 6;
    c.add(dbl);
    FurnitureType sgl = dbl;
    sgl.id = "sgl";
    sgl.category = FurnitureCategory::ShelvingSingle;
    sgl.sections = 3;
    sgl.width = 2.7;
    sgl.depth = 0.3;
    sgl.faces = 1;
    sgl.shelf_levels = 5;
    c.add(sgl);
    FurnitureType table;
    table.id = "table6";
    table.category = FurnitureCategory::ReadingTable;
    table.width = 1.8;
    table.depth = 0.9;
    table.seats = 6;
    c.add(table);
    FurnitureType sofa;
    sofa.id = "sofa";
    sofa.category = FurnitureCategory::Sofa;
    sofa.width = 2.0;
    sofa.depth = 0.8;
    sofa.seats = 3;
    c.add(sofa);
    FurnitureType sq;
    sq.id = "sq";
    sq.category = FurnitureCategory::Other;
    sq.width = 1.0;
    sq.depth = 1.0;
    c.add(sq);
    return c;
}

inline Furniture item(std::string id, std::string type, double x, double y, double yaw = 0) {
    Furniture f;
    f.id = std::move(id);
    f.type = std::move(type);
    f.position = {x, y};
    f.yaw_deg = yaw;
    return f;
}

inline Room room(std::string id, RoomKind kind, std::vector<Vec2> poly) {
    Room r;
    r.id = std::move(id);
    r.name = r.id;
    r.kind = kind;
    r.polygon = std::move(poly);
    return r;
}

inline Room rect_room(std::string id, RoomKind kind, double x0, double y0, double x1, double y1) {
    return room(std::move(id), kind, {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}});
}

inline Wall wall(std::string id, std::vector<Vec2> pts, double thickness) {
    Wall w;
    w.id = std::move(id);
    w.points = std::move(pts);
    w.thickness = thickness;
    return w;
}

inline Opening door(std::string id, std::string wall_id, double offset, bool entrance = false,
                    OpeningKind kind = OpeningKind::Door) {
    Opening o;
    o.id = std::move(id);
    o.wall = std::move(wall_id);
    o.offset = offset;
    o.entrance = entrance;
    o.kind = kind;
    return o;
}

}  // namespace sxtest
