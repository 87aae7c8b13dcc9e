#pragma once
// The one-range stacks room the route tests share (the editor's "find a book", the OPAC's route):
// a 10 × 8 m stacks room 书库, walls round it with the entrance door centred at (5, 0) in the south
// wall, and one double-faced range R1 ("A1": shelf_double_steel_1800, 4 sections of 0.9 m, 5 levels,
// 0.5 m deep, 1.8 m high) centred at (5, 5): face 1 looks south (y = 4.75), spanning x 3.2 .. 6.8;
// face 2 looks north (y = 5.25).
#include "shuxiang/plan/model.hpp"

namespace shuxiang::test {

inline plan::Plan one_range_plan() {
    plan::Plan p;
    p.school.name = "测试";
    plan::Level l;
    l.id = "L1";
    l.name = "1F";
    plan::Room r;
    r.id = "stacks";
    r.name = "书库";
    r.kind = plan::RoomKind::Stacks;
    r.polygon = {{0, 0}, {10, 0}, {10, 8}, {0, 8}};
    l.rooms.push_back(r);
    plan::Wall w;
    w.id = "w";
    w.points = {{0, 0}, {10, 0}, {10, 8}, {0, 8}, {0, 0}};
    l.walls.push_back(w);
    plan::Opening d;
    d.id = "door";
    d.wall = "w";
    d.offset = 5;
    d.width = 1.2;
    d.entrance = true;
    l.openings.push_back(d);
    plan::Furniture f;
    f.id = "R1";
    f.type = "shelf_double_steel_1800";
    f.position = {5, 5};
    f.label = "A1";
    l.furniture.push_back(f);
    p.levels.push_back(l);
    return p;
}

}  // namespace shuxiang::test
