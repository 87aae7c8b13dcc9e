#pragma once
// Shared pieces of the plan I/O tests: a small furniture catalogue and a plan with every field set.
#include <filesystem>
#include <string>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace sxtest {

using namespace shuxiang::plan;

inline const FurnitureCatalog& test_catalog() {
    static const FurnitureCatalog cat = [] {
        FurnitureCatalog c;
        FurnitureType shelf;
        shelf.id = "shelf_double_steel_1800";
        shelf.category = FurnitureCategory::ShelvingDouble;
        shelf.width = 4.5;
        shelf.depth = 0.6;
        shelf.height = 1.8;
        shelf.faces = 2;
        shelf.sections = 5;
        shelf.section_width = 0.9;
        shelf.shelf_depth = 0.3;
        shelf.shelf_levels = 6;
        c.add(shelf);
        FurnitureType table;
        table.id = "table_reading_6";
        table.category = FurnitureCategory::ReadingTable;
        table.width = 1.8;
        table.depth = 1.2;
        table.height = 0.76;
        table.seats = 6;
        c.add(table);
        FurnitureType desk;
        desk.id = "circulation_desk";
        desk.category = FurnitureCategory::CirculationDesk;
        desk.width = 2.4;
        desk.depth = 0.8;
        c.add(desk);
        return c;
    }();
    return cat;
}

inline std::filesystem::path data_dir() { return std::filesystem::path(SHUXIANG_TEST_DATA_DIR) / "plan"; }

inline std::string fixture_text(const char* rel) { return shuxiang::read_file(data_dir() / rel); }

// A plan with every field away from its default, for round trips.
inline Plan rich_plan() {
    Plan p;
    p.school.name = "岳阳市东方红学校 \"Dongfanghong\"";
    p.school.type = SchoolType::TwelveYear;
    p.school.students = {1200, 600, 450};
    p.school.teachers = 180;
    p.school.classes = 45;
    p.school.region = "湖南省岳阳市";
    p.notes = "line one\nline two\ttab";
    p.opening_hours_per_week = 42.5;
    Level l;
    l.id = "B1";
    l.name = "地下一层";
    l.elevation = -3.6;
    Room r;
    r.id = "room-1";
    r.name = "研讨室";
    r.kind = RoomKind::Research;
    r.polygon = {{0, 0}, {5.25, 0}, {5.25, 4.1}, {0.1, 4.1}};
    r.clear_height = 2.85;
    r.for_teachers = true;
    r.stacks = StackArrangement::Compact;
    l.rooms.push_back(r);
    Wall w;
    w.id = "wall-1";
    w.points = {{0, 0}, {5.25, 0}, {5.25, 4.1}};
    w.thickness = 0.37;
    w.height = 2.9;
    l.walls.push_back(w);
    Opening o;
    o.id = "door-1";
    o.kind = OpeningKind::EmergencyExit;
    o.wall = "wall-1";
    o.offset = 6.0;  // on the second segment
    o.width = 1.4;
    o.height = 2.2;
    o.sill = 0.05;
    o.swing = DoorSwing::Sliding;
    o.opens_to = WallSide::Right;
    o.entrance = true;
    l.openings.push_back(o);
    Furniture f;
    f.id = "range-A1";
    f.type = "shelf_double_steel_1800";
    f.position = {2.5, 1.75};
    f.yaw_deg = 33.3;
    f.label = "A1";
    f.sections = 4;
    l.furniture.push_back(f);
    Furniture t;
    t.id = "table-1";
    t.type = "table_reading_6";
    t.position = {1.0 / 3.0, 3.0};
    l.furniture.push_back(t);
    p.levels.push_back(l);
    Level empty;
    empty.id = "roof";
    p.levels.push_back(empty);
    PlanFurnitureType chair;  // an imported model (schema 3)
    chair.id = "model_chair";
    chair.name_zh = "学校的椅子";
    chair.name_en = "School chair";
    chair.category = "sofa";
    chair.width = 0.5;
    chair.depth = 0.45;
    chair.height = 0.8;
    chair.footprint = {{-0.25, -0.2}, {0.25, -0.225}, {0.2, 0.225}, {-0.25, 0.2}};
    chair.model = "/srv/models/chair.obj";
    p.furniture_types.push_back(chair);
    return p;
}

// Messages are compared in English.
struct English {
    English() { shuxiang::set_language(shuxiang::Language::En); }
};

}  // namespace sxtest
