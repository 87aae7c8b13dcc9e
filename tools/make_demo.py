#!/usr/bin/env python3
"""Writes the bundled demo school (assets/demo/demo-school.sxplan.json) and the templates
(assets/templates/*.sxplan.json). Python 3 standard library only; run from anywhere:

    python3 tools/make_demo.py

Every plan is checked before it is written (see tools/sxplan_build.py); the script stops with the
list of problems instead of writing a bad plan.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sxplan_build import ROOT, Level, Plan, rect  # noqa: E402

T_OUT = 0.24   # external brick wall
T_IN = 0.12    # internal partition
H_LIB = 4.2    # storey height of the library floor


def inset_cell(x0, x1, y0, y1, bx0, bx1, by0, by1):
    """Room polygon of a grid cell: wall centre lines inset by half the wall on each side."""
    def h(v, lo, hi):
        return T_OUT / 2 if v in (lo, hi) else T_IN / 2
    return rect(x0 + h(x0, bx0, bx1), y0 + h(y0, by0, by1), x1 - h(x1, bx0, bx1), y1 - h(y1, by0, by1))


# ------------------------------------------------------------------------------------------ library

def library_level(plan):
    L = Level(plan, "library", "综合楼一层 · 图书馆", 0.0)
    X, Y, YM = 32.4, 16.8, 6.0   # building outline and the line between the south and north bays

    def cell(x0, x1, y0, y1):
        return inset_cell(x0, x1, y0, y1, 0.0, X, 0.0, Y)

    # Walls. Outer walls run west→east and south→north, so an opening's offset is its x or y.
    L.wall("w-south", (0, 0), (X, 0), T_OUT, H_LIB)
    L.wall("w-north", (0, Y), (X, Y), T_OUT, H_LIB)
    L.wall("w-west", (0, 0), (0, Y), T_OUT, H_LIB)
    L.wall("w-east", (X, 0), (X, Y), T_OUT, H_LIB)
    L.wall("w-mid", (0, YM), (X, YM), T_IN, H_LIB)
    for x in (3.6, 8.4, 16.8, 22.8, 27.0):
        L.wall(f"w-s{x:g}", (x, 0), (x, YM), T_IN, H_LIB)
    for x in (10.8, 19.8, 23.4):
        L.wall(f"w-n{x:g}", (x, YM), (x, Y), T_IN, H_LIB)
    L.wall("w-research", (19.8, 10.8), (23.4, 10.8), T_IN, H_LIB)

    # Rooms (使用面积: inside the wall faces).
    L.room("workroom", "采编整理室", "workroom", cell(0, 3.6, 0, YM))
    L.room("av", "视听阅览室", "audio_visual", cell(3.6, 8.4, 0, YM))
    L.room("lending", "借阅大厅（借还服务）", "lending", cell(8.4, 16.8, 0, YM))
    L.room("periodicals", "报刊阅览区", "periodicals", cell(16.8, 22.8, 0, YM))
    L.room("rest", "休闲阅读区", "rest", cell(22.8, 27.0, 0, YM))
    L.room("teachers", "教师阅览室", "reading", cell(27.0, X, 0, YM), for_teachers=True)
    L.room("stacks", "开架书库", "stacks", cell(0, 10.8, YM, Y), clear_height=3.9)
    L.room("reading-junior", "中学生阅览室", "reading", cell(10.8, 19.8, YM, Y))
    L.room("research-1", "研讨室一", "research", cell(19.8, 23.4, YM, 10.8))
    L.room("research-2", "研讨室二", "research", cell(19.8, 23.4, 10.8, Y))
    L.room("reading-primary", "小学生阅览室（绘本区）", "reading", cell(23.4, X, YM, Y))

    # Doors and exits.
    L.door("d-entrance", "w-south", 12.6, 1.8, "double", entrance=True)
    L.door("d-exit-north", "w-north", 15.3, 1.2, "right", kind="emergency_exit")
    L.door("d-exit-south", "w-south", 23.9, 1.2, "left", kind="emergency_exit")
    L.door("d-garden", "w-east", 9.0, 1.5, "double")
    L.door("d-work-stacks", "w-mid", 1.8, 1.0, "left")
    L.door("d-lending-stacks", "w-mid", 9.6, 1.2, "none")
    L.door("d-lending-junior", "w-mid", 14.4, 1.8, "none")
    L.door("d-periodicals-research", "w-mid", 21.6, 0.9, "left")
    L.door("d-rest-primary", "w-mid", 25.2, 1.8, "none")
    L.door("d-lending-av", "w-s8.4", 3.0, 1.0, "right")
    L.door("d-lending-periodicals", "w-s16.8", 3.0, 1.8, "none")
    L.door("d-periodicals-rest", "w-s22.8", 3.0, 1.5, "none")
    L.door("d-rest-teachers", "w-s27", 3.0, 1.0, "left")
    L.door("d-stacks-junior", "w-n10.8", 0.6, 0.9, "none")
    L.door("d-junior-research", "w-n19.8", 5.4, 0.9, "left")

    # Windows (south light for reading; stacks get high windows, ranges run perpendicular to them).
    for i, (x, w) in enumerate([(1.8, 1.5), (6.0, 1.8), (9.9, 1.5), (15.3, 1.5), (18.3, 1.8), (21.3, 1.8),
                                (25.8, 1.5), (28.6, 1.8), (31.0, 1.5)]):
        L.window(f"win-s{i + 1}", "w-south", x, w)
    for i, (x, w, sill) in enumerate([(2.1, 1.5, 1.4), (5.4, 1.5, 1.4), (8.7, 1.5, 1.4), (12.3, 1.8, 0.9),
                                      (17.7, 1.8, 0.9), (21.6, 1.5, 0.9), (25.8, 1.8, 1.4), (29.4, 1.8, 1.4)]):
        L.window(f"win-n{i + 1}", "w-north", x, w, 1.8 if sill < 1.2 else 1.4, sill)
    L.window("win-e2", "w-east", 14.4, 1.8, 1.4, 1.4)
    L.window("win-w1", "w-west", 3.0, 1.2)

    # Furniture convention: local -Y is the front (where the reader stands or sits), so a piece with its
    # back to the north wall has yaw 0, to the south wall 180, to the west wall 90, to the east wall 270.

    # 藏 Stacks: single-faced shelving on the west wall, six double-faced ranges running north–south
    # (perpendicular to the windowed north wall), 1.5 m main aisle along the south, carrels at the windows.
    x_in0, y_in0, y_in1 = 0.12, 6.06, Y - 0.12
    y0 = y_in0 + 1.5
    L.put("stk-wall-1", "shelf_single_steel_2000", x_in0 + 0.125, y0 + 3.15, 90, "W1", sections=7)
    for i in range(6):
        x = x_in0 + 0.25 + 1.05 + 0.25 + i * 1.55
        L.put(f"stk-range-{i + 1}", "shelf_double_steel_2000", x, y0 + 3.15, 90, f"A{i + 1}", sections=7)
    for i in range(5):
        L.put(f"stk-carrel-{i + 1}", "carrel_single", 1.4 + i * 1.55, y_in1 - 0.3, 0)

    # Workroom: two work desks, a book truck, shelving for books being processed.
    L.put("work-desk-1", "work_desk", 1.6, 1.3, 0)
    L.put("work-desk-2", "work_desk", 1.6, 3.3, 0)
    L.put("work-shelf", "shelf_single_steel_2000", 3.54 - 0.125, 2.9, 270, sections=3)
    L.put("work-truck", "book_truck", 0.6, 4.9, 90)

    # Audio-visual: e-reading workstations along the south and north walls and an island.
    for i in range(4):
        L.put(f"av-pc-s{i + 1}", "ereader_desk", 4.25 + i * 1.0, 0.12 + 0.35, 180)
    for i in range(4):
        L.put(f"av-pc-n{i + 1}", "ereader_desk", 4.25 + i * 1.0, 5.94 - 0.35, 0)
    for i in range(2):
        L.put(f"av-pc-m{i + 1}", "ereader_desk", 5.3 + i * 1.0, 3.3, 0)

    # 借 Lending hall: desk facing the entrance, three self-service kiosks, new-book displays.
    L.put("lend-desk", "circulation_desk", 12.6, 4.4, 0, "总服务台")
    for i, y in enumerate((0.75, 1.65, 4.3)):
        L.put(f"lend-kiosk-{i + 1}", "kiosk_self_service", 16.74 - 0.275, y, 270)
    L.put("lend-ereader", "ereader_standing", 8.46 + 0.25, 4.4, 90)
    L.put("lend-display-1", "display_table_new_books", 10.2, 2.4, 90)
    L.put("lend-display-2", "display_case", 8.46 + 0.25, 1.2, 90)

    # 报刊 Periodicals: racks on the north wall, a newspaper rack, two 4-seat tables.
    for i in range(4):
        L.put(f"per-rack-{i + 1}", "periodical_rack_single", 17.5 + i * 1.05, 5.94 - 0.2, 0)
    L.put("per-news", "newspaper_rack", 22.74 - 0.3, 1.0, 270)
    L.put("per-table-1", "table_reading_4", 19.4, 1.9)
    L.put("per-table-2", "table_reading_4", 19.4, 4.1)

    # 休 Rest corner: sofas and beanbags, a face-out picture-book rack.
    L.put("rest-sofa-1", "sofa_triple", 25.6, 0.12 + 0.425, 180)
    L.put("rest-sofa-2", "sofa_double", 22.86 + 0.4, 4.6, 90)
    for i, (x, y) in enumerate([(25.0, 2.2), (26.0, 2.0), (24.6, 3.4)]):
        L.put(f"rest-beanbag-{i + 1}", "beanbag", x, y)
    L.put("rest-rack", "picture_book_rack_wall", 26.94 - 0.175, 4.7, 270)

    # Teachers' reading room: two 6-seat tables, reference shelving, a periodical rack.
    L.put("tch-table-1", "table_reading_6", 29.9, 1.6)
    L.put("tch-table-2", "table_reading_6", 29.9, 4.3)
    L.put("tch-shelf", "shelf_single_wood_1800", 32.28 - 0.15, 2.6, 270, "T1")
    L.put("tch-rack", "periodical_rack_single", 28.0, 5.94 - 0.2, 0)

    # 阅 Junior reading room: eight 6-seat tables (48 seats), wall shelving for the reference set.
    # 1.96 m² per seat (GB 50099: at least 1.8–1.9); the north-west corner is left open by the stacks door.
    k = 0
    for y in (8.15, 10.75, 13.35):
        for x in (12.35, 15.05, 17.75):
            if (x, y) == (12.35, 13.35):
                continue
            k += 1
            L.put(f"jr-table-{k}", "table_reading_6", x, y)
    L.put("jr-shelf-1", "shelf_single_wood_1800", 19.74 - 0.15, 8.5, 270, "R1")

    # 研 Research rooms: a 10-seat and an 8-seat discussion table.
    L.put("res1-table", "table_discussion_10", 21.6, 8.9, 90)
    L.put("res2-table", "table_reading_8", 21.6, 13.8, 90)

    # Primary reading room: low shelving (1.2 m) on the north wall and in a range, picture-book bins,
    # reading steps for story time, low 6-seat tables.
    L.put("pr-wall-n1", "shelf_single_primary_1200", 26.01, y_in1 - 0.125, 0, "P1")
    L.put("pr-wall-n2", "shelf_single_primary_1200", 29.46, y_in1 - 0.125, 0, "P2", sections=3)
    L.put("pr-range-1", "shelf_double_primary_1200", 23.46 + 1.05 + 0.25, 12.8, 90, "P3", sections=4)
    L.put("pr-steps", "reading_steps", 32.28 - 0.9, 11.7, 90)
    k = 0
    for y in (8.11, 10.36, 12.61):   # 1.35 m between table edges (阅览桌前后净距 1.3–1.5 m)
        for x in (26.9, 29.5):
            k += 1
            L.put(f"pr-table-{k}", "table_reading_6_primary", x, y)
    for i, x in enumerate((26.9, 28.2)):
        L.put(f"pr-bin-n{i + 1}", "picture_book_bin", x, 14.9)
    for i, y in enumerate((7.6, 9.0)):
        L.put(f"pr-bin-{i + 1}", "picture_book_bin", 23.9, y, 90)
    outdoor_garden(L, X, Y)
    return L


def outdoor_garden(L, X, Y):
    """户外阅读区: the garden east of the library, entered through the primary reading room's garden door."""
    x0 = X + T_OUT / 2
    L.room("garden", "户外阅读花园", "outdoor_reading", rect(x0, 0.0, x0 + 14.0, Y), clear_height=6.0)
    L.put("gd-pavilion", "pavilion_reading", x0 + 7.5, 8.6, 0, "书香亭")
    L.put("gd-tree-1", "bench_tree_ring", x0 + 3.5, 3.4)
    L.put("gd-tree-2", "bench_tree_ring", x0 + 11.0, 3.4)
    L.put("gd-table-1", "table_outdoor_set_6", x0 + 3.5, 13.2)
    L.put("gd-table-2", "table_outdoor_set_6", x0 + 11.0, 13.2)
    L.put("gd-bench-1", "bench_outdoor", x0 + 7.5, 4.2, 180)
    L.put("gd-bench-2", "bench_outdoor", x0 + 7.5, 13.6, 0)
    L.put("gd-drift", "book_drift_cabinet_outdoor", x0 + 0.225, 12.0, 90, "图书漂流柜")


# ------------------------------------------------------------------------------------------ teaching

GRADES = ["一", "二", "三"]


def teaching_level(plan, y0=24.0):
    """Primary wing: twelve classrooms (grades 1–3, four classes each) on both sides of a 3 m corridor
    that is fitted out as a reading corridor; stair halls with the entrances at both ends."""
    L = Level(plan, "teaching", "小学部教学楼（一至三年级）", 0.0)
    bay, depth, corr, hall = 9.0, 7.2, 3.0, 4.2
    X = 2 * hall + 6 * bay
    ys, yc0, yc1, yn = y0, y0 + depth, y0 + depth + corr, y0 + 2 * depth + corr
    t_c = 0.2  # classroom walls
    L.wall("t-south", (0, ys), (X, ys), T_OUT, 3.6)
    L.wall("t-north", (0, yn), (X, yn), T_OUT, 3.6)
    L.wall("t-west", (0, ys), (0, yn), T_OUT, 3.6)
    L.wall("t-east", (X, ys), (X, yn), T_OUT, 3.6)
    L.wall("t-corr-s", (hall, yc0), (X - hall, yc0), t_c, 3.6)
    L.wall("t-corr-n", (hall, yc1), (X - hall, yc1), t_c, 3.6)
    L.wall("t-hall-w", (hall, ys), (hall, yn), t_c, 3.6)
    L.wall("t-hall-e", (X - hall, ys), (X - hall, yn), t_c, 3.6)
    for k in range(1, 6):
        x = hall + k * bay
        L.wall(f"t-part-s{k}", (x, ys), (x, yc0), t_c, 3.6)
        L.wall(f"t-part-n{k}", (x, yc1), (x, yn), t_c, 3.6)

    L.room("hall-west", "西楼梯间门厅", "circulation", rect(0.12, ys + 0.12, hall - 0.1, yn - 0.12))
    L.room("hall-east", "东楼梯间门厅", "circulation", rect(X - hall + 0.1, ys + 0.12, X - 0.12, yn - 0.12))
    L.room("corridor", "阅读走廊", "reading_corridor", rect(hall + 0.1, yc0 + 0.1, X - hall - 0.1, yc1 - 0.1))
    L.door("t-entrance-w", "t-west", depth + corr / 2, 1.8, "double", entrance=True)
    L.door("t-entrance-e", "t-east", depth + corr / 2, 1.8, "double", entrance=True)
    L.door("t-hall-w-corr", "t-hall-w", depth + corr / 2, 2.4, "none")
    L.door("t-hall-e-corr", "t-hall-e", depth + corr / 2, 2.4, "none")

    classes = [(g, c) for g in range(3) for c in range(1, 5)]
    for k in range(12):
        g, c = classes[k]
        south = k < 6
        i = k if south else k - 6
        xl, xr = hall + i * bay, hall + (i + 1) * bay
        rid = f"class-{g + 1}-{c}"
        if south:
            poly = rect(xl + 0.1, ys + 0.12, xr - 0.1, yc0 - 0.1)
        else:
            poly = rect(xl + 0.1, yc1 + 0.1, xr - 0.1, yn - 0.12)
        L.room(rid, f"{GRADES[g]}年级（{c}）班教室 · 图书角", "classroom_corner", poly)
        cw = "t-corr-s" if south else "t-corr-n"
        off = xl - hall
        L.door(f"{rid}-door-front", cw, off + 1.0, 1.0, "left")
        L.door(f"{rid}-door-back", cw, off + bay - 1.0, 1.0, "right")
        outer = "t-south" if south else "t-north"
        for j, wx in enumerate((xl + 2.2, xl + 4.5, xl + 6.8)):
            L.window(f"{rid}-win-{j + 1}", outer, wx, 1.8)
        # The book corner: the cabinet on the back wall (blackboard on the west wall), away from the door.
        cy = ys + 2.4 if south else yn - 2.4
        L.put(f"{rid}-cabinet", "classroom_cabinet_low", xr - 0.1 - 0.15, cy, 270, f"{GRADES[g]}({c})")
        if g == 0:
            L.put(f"{rid}-rack", "picture_book_rack_wall", xr - 0.1 - 0.175, cy + (1.3 if south else -1.3), 270)
        # Reading corridor: low wall shelving on the north side, benches on the south side.
        xc = (xl + xr) / 2
        if not south:
            L.put(f"corr-shelf-{i + 1}", "shelf_single_primary_wood_1200", xc, yc1 - 0.1 - 0.15, 0, f"走廊{i + 1}")
        else:
            for j, dx in enumerate((-0.85, 0.85)):
                L.put(f"corr-bench-{i + 1}-{j + 1}", "bench_corridor", xc + dx, yc0 + 0.1 + 0.2, 180)
    return L


# ------------------------------------------------------------------------------------------ templates

TEMPLATE_SCHOOLS = {
    "primary": {"name": "新建小学", "type": "primary", "students": {"primary": 810, "junior": 0, "senior": 0},
                "teachers": 48, "classes": 18, "region": ""},
    "junior": {"name": "新建初级中学", "type": "junior", "students": {"primary": 0, "junior": 900, "senior": 0},
               "teachers": 75, "classes": 18, "region": ""},
    "senior": {"name": "新建高级中学", "type": "senior", "students": {"primary": 0, "junior": 0, "senior": 1000},
               "teachers": 90, "classes": 20, "region": ""},
}


def small_library(stage):
    """A one-storey library of about 250 m² in three bays: stacks, lending hall with a 研/休 room behind
    it, reading room. Shelving height and tables follow the stage."""
    names = {"primary": "小学图书馆", "junior": "初中图书馆", "senior": "高中图书馆"}
    plan = Plan(TEMPLATE_SCHOOLS[stage], 40.0, f"{names[stage]}模板：藏、借、阅、研/休 四区，可按学校规模调整。")
    L = Level(plan, "library", names[stage], 0.0)
    X, Y, XA, XB, YB = 24.0, 10.8, 8.4, 14.4, 4.8

    def cell(x0, x1, y0, y1):
        return inset_cell(x0, x1, y0, y1, 0.0, X, 0.0, Y)

    L.wall("w-south", (0, 0), (X, 0), T_OUT, H_LIB)
    L.wall("w-north", (0, Y), (X, Y), T_OUT, H_LIB)
    L.wall("w-west", (0, 0), (0, Y), T_OUT, H_LIB)
    L.wall("w-east", (X, 0), (X, Y), T_OUT, H_LIB)
    L.wall("w-a", (XA, 0), (XA, Y), T_IN, H_LIB)
    L.wall("w-b", (XB, 0), (XB, Y), T_IN, H_LIB)
    L.wall("w-mid", (XA, YB), (XB, YB), T_IN, H_LIB)
    L.room("stacks", "藏书区", "stacks", cell(0, XA, 0, Y), clear_height=3.9)
    L.room("lending", "借阅服务区", "lending", cell(XA, XB, 0, YB))
    back = {"primary": ("rest", "绘本休闲区"), "junior": ("research", "研讨室"), "senior": ("research", "研讨室")}[stage]
    L.room("back", back[1], back[0], cell(XA, XB, YB, Y))
    L.room("reading", "学生阅览室", "reading", cell(XB, X, 0, Y))
    L.door("d-entrance", "w-south", 11.4, 1.8, "double", entrance=True)
    L.door("d-exit", "w-north", 22.5, 1.2, "right", kind="emergency_exit")
    L.door("d-stacks", "w-a", 2.4, 1.5, "none")
    L.door("d-reading", "w-b", 2.4, 1.8, "none")
    L.door("d-back", "w-mid", 2.0, 1.0, "left")
    for i, x in enumerate((16.2, 19.2, 22.2)):
        L.window(f"win-s{i + 1}", "w-south", x, 1.8)
    for i, x in enumerate((2.1, 6.3)):
        L.window(f"win-n{i + 1}", "w-north", x, 1.5, 1.4, 1.4)
    L.window("win-n3", "w-north", 16.8, 1.5)

    # Stacks: two banks of 4-section ranges running north–south with a 1.2 m cross aisle between them,
    # wall shelving on the west.
    shelf = {"primary": ("shelf_double_primary_1200", "shelf_single_primary_1200"),
             "junior": ("shelf_double_steel_1800", "shelf_single_wood_1800"),
             "senior": ("shelf_double_steel_2000", "shelf_single_steel_2000")}[stage]
    wall_depth = 0.3 if "wood" in shelf[1] else 0.25
    for b, yc in enumerate((0.12 + 1.2 + 1.8, 0.12 + 1.2 + 3.6 + 1.2 + 1.8)):
        L.put(f"stk-wall-{b + 1}", shelf[1], 0.12 + wall_depth / 2, yc, 90, f"W{b + 1}", sections=4)
        for i in range(4):
            L.put(f"stk-range-{b + 1}-{i + 1}", shelf[0], 0.12 + 0.3 + 1.05 + 0.25 + i * 1.55, yc, 90,
                  f"{'AB'[b]}{i + 1}", sections=4)

    # Lending: the desk facing the entrance, a kiosk, a display table.
    L.put("lend-desk", "circulation_desk", 11.4, 3.3, 0)
    L.put("lend-kiosk", "kiosk_self_service", 14.34 - 0.275, 1.0, 270)
    L.put("lend-display", "display_table_new_books", 13.4, 4.2, 0)

    # Back room: picture books and beanbags (primary) or a discussion table (secondary).
    if stage == "primary":
        L.put("back-bin-1", "picture_book_bin", 9.2, 9.2, 90)
        L.put("back-bin-2", "picture_book_bin", 9.2, 7.8, 90)
        for i, (x, y) in enumerate([(11.2, 8.6), (12.4, 9.6), (13.4, 8.0)]):
            L.put(f"back-beanbag-{i + 1}", "beanbag", x, y)
    else:
        L.put("back-table", "table_discussion_10", 11.4, 7.9, 0)

    # Reading room: tables for the stage; senior schools add carrels along the east wall.
    table = "table_reading_6_primary" if stage == "primary" else "table_reading_6"
    k = 0
    for y in (4.0, 6.6, 9.1):
        for x in (16.8, 19.6):
            k += 1
            L.put(f"rd-table-{k}", table, x, y)
    if stage == "senior":
        for i, y in enumerate((4.0, 5.0, 6.0, 7.0)):
            L.put(f"rd-carrel-{i + 1}", "carrel_single", 23.88 - 0.3, y, 270)
    else:
        L.put("rd-shelf", shelf[1], 23.88 - wall_depth / 2, 6.0, 270, "R1", sections=3)
    return plan


def classroom_corner_template():
    plan = Plan(TEMPLATE_SCHOOLS["primary"], 40.0, "教室图书角模板：班级图书柜靠后墙布置，远离前后门。")
    L = Level(plan, "level-1", "教学楼", 0.0)
    L.wall("w-south", (0, 0), (9.0, 0), T_OUT, 3.6)
    L.wall("w-north", (0, 7.2), (9.0, 7.2), 0.2, 3.6)
    L.wall("w-west", (0, 0), (0, 7.2), 0.2, 3.6)
    L.wall("w-east", (9.0, 0), (9.0, 7.2), 0.2, 3.6)
    L.room("classroom", "教室 · 图书角", "classroom_corner", rect(0.1, 0.12, 8.9, 7.1))
    L.door("d-front", "w-north", 1.0, 1.0, "left", entrance=True)
    L.door("d-back", "w-north", 8.0, 1.0, "right", entrance=True)
    for i, x in enumerate((2.2, 4.5, 6.8)):
        L.window(f"win-{i + 1}", "w-south", x, 1.8)
    L.put("cabinet-1", "classroom_cabinet_low", 8.9 - 0.15, 2.4, 270, "图书角")
    L.put("rack-1", "picture_book_rack_wall", 8.9 - 0.175, 3.7, 270)
    L.put("cabinet-2", "classroom_cabinet_low", 8.9 - 0.15, 5.0, 270)
    return plan


def reading_corridor_template():
    plan = Plan(TEMPLATE_SCHOOLS["primary"], 40.0,
                "阅读走廊模板：内廊净宽 3 米，一侧低书架、一侧座凳，保留不小于 2.1 米的通行净宽。")
    L = Level(plan, "level-1", "教学楼走廊", 0.0)
    X, Y = 18.0, 3.2
    L.wall("w-south", (0, 0), (X, 0), 0.2, 3.6)
    L.wall("w-north", (0, Y), (X, Y), 0.2, 3.6)
    L.wall("w-west", (0, 0), (0, Y), 0.2, 3.6)
    L.wall("w-east", (X, 0), (X, Y), 0.2, 3.6)
    L.room("corridor", "阅读走廊", "reading_corridor", rect(0.1, 0.1, X - 0.1, Y - 0.1))
    L.door("d-west", "w-west", Y / 2, 1.8, "double", entrance=True)
    L.door("d-east", "w-east", Y / 2, 1.8, "double", entrance=True)
    for i, x in enumerate((4.5, 13.5)):
        L.put(f"shelf-{i + 1}", "shelf_single_primary_wood_1200", x, Y - 0.1 - 0.15, 0, f"走廊{i + 1}")
        for j, dx in enumerate((-0.85, 0.85)):
            L.put(f"bench-{i + 1}-{j + 1}", "bench_corridor", x + dx, 0.1 + 0.2, 180)
    L.put("display", "display_case", 9.0, Y - 0.1 - 0.25, 0)
    return plan


def outdoor_area_template():
    plan = Plan(TEMPLATE_SCHOOLS["primary"], 40.0, "户外阅读区模板：阅读亭、树池坐凳、户外桌椅与图书漂流柜。")
    L = Level(plan, "site", "校园户外", 0.0)
    L.room("garden", "户外阅读区", "outdoor_reading", rect(0, 0, 14.0, 10.0), clear_height=6.0)
    L.put("pavilion", "pavilion_reading", 7.0, 5.5, 0, "阅读亭")
    L.put("tree-1", "bench_tree_ring", 2.2, 2.2)
    L.put("tree-2", "bench_tree_ring", 11.8, 2.2)
    L.put("table-1", "table_outdoor_set_6", 2.0, 8.0)
    L.put("table-2", "table_outdoor_set_6", 12.0, 8.0)
    L.put("bench-1", "bench_outdoor", 7.0, 1.2, 180)
    L.put("drift", "book_drift_cabinet_outdoor", 7.0, 10.0 - 0.225, 0, "图书漂流柜")
    return plan


def main():
    school = {"name": "岳阳市南湖新区书香实验学校", "type": "nine_year",
              "students": {"primary": 1200, "junior": 600, "senior": 0},
              "teachers": 132, "classes": 36, "region": "湖南省岳阳市"}
    notes = ("虚构的九年一贯制演示学校（36 个班，小学 1200 人、初中 600 人）。图书馆位于综合楼一层，使用面积约 522 m²，"
             "设藏（开架书库）、借（借阅大厅、服务台与自助借还机）、阅（中学生阅览室、小学生阅览室、教师阅览室）、"
             "研（研讨室两间）、休（休闲阅读区）五项功能，另有报刊阅览区、视听阅览室和采编整理室；东侧为户外阅读花园。"
             "小学部教学楼一至三年级 12 个班设教室图书角，内廊布置为阅读走廊。"
             "现状问题（可作为改进方案的练习）：教师阅览座位少于教职工数的 1/3；书库面积与书架长度不足以容纳"
             "生均标准藏书；其余 24 个班尚未设图书角。")
    plan = Plan(school, 45.0, notes)
    library_level(plan)
    teaching_level(plan)
    if "-v" in sys.argv:
        for l, rid, name, kind, a, seats, m in plan.stats():
            print(f"{l:10} {rid:18} {kind:16} {a:7.1f} m² {seats:4d} seats {m:7.1f} m shelf")
    plan.write(os.path.join(ROOT, "assets", "demo", "demo-school.sxplan.json"))
    templates = {"primary-library": small_library("primary"), "junior-library": small_library("junior"),
                 "senior-library": small_library("senior"), "classroom-corner": classroom_corner_template(),
                 "reading-corridor": reading_corridor_template(), "outdoor-area": outdoor_area_template()}
    for name, t in templates.items():
        if "-v" in sys.argv:
            for l, rid, rname, kind, a, seats, m in t.stats():
                print(f"{name:17} {rid:10} {kind:16} {a:7.1f} m² {seats:4d} seats {m:7.1f} m shelf")
        t.write(os.path.join(ROOT, "assets", "templates", f"{name}.sxplan.json"))


if __name__ == "__main__":
    main()
