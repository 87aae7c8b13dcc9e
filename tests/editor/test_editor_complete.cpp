// Closing the editor's gaps: the plan's own furniture types in every consumer (CLI and simulator),
// deleting rooms, walls and openings in the outliner, and the new-books display's books.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "editor/editor_process.hpp"
#include "editor/png_probe.hpp"
#include "library/palette.hpp"
#include "render/display_books.hpp"
#include "ui/outliner.hpp"
#include "shuxiang/catalog/sqlite/store_sqlite.hpp"
#include "shuxiang/plan/io.hpp"
#include "shuxiang/util/i18n.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using shuxiang::test::near;
using shuxiang::test::Png;
using shuxiang::test::read_png;

namespace {

using shuxiang::test::Proc;
using shuxiang::test::slurp;

const std::string kData = std::string(SHUXIANG_TEST_DATA_DIR) + "/editor/";
const std::string kBlock = kData + "model-block.sxplan.json";

class EditorComplete : public shuxiang::test::EditorProcessTest {
protected:
    EditorComplete() : EditorProcessTest("sx_edcomplete_") {}
    Proc cli(const std::string& args) { return EditorProcessTest::cli(args, "--lang en "); }
};

// ---------------------------------------------------------------- 1. the plan's own furniture types

TEST_F(EditorComplete, PlanInfoCountsAnImportedModelAndKnowsItsType) {
    const Proc r = cli("plan info --json " + kBlock);
    ASSERT_EQ(r.rc, 0) << r.out << r.err;
    const json j = json::parse(r.out);
    EXPECT_EQ(j["furniture"], 5);
    EXPECT_TRUE(j["unknown_types"].empty()) << j["unknown_types"].dump();
    ASSERT_EQ(j["rooms"].size(), 1u);
    EXPECT_EQ(j["rooms"][0]["furniture"], 5);            // the stand stands in the reading room
    EXPECT_EQ(j["rooms"][0]["counts"]["other"], 1);      // its category, from the plan's type
    EXPECT_EQ(j["furniture_outside_rooms"], 0);
    const Proc text = cli("plan info " + kBlock);
    ASSERT_EQ(text.rc, 0) << text.err;
    EXPECT_EQ(text.out.find("not in the catalogue"), std::string::npos) << text.out;
    const Proc v = cli("plan validate " + kBlock);
    EXPECT_EQ(v.rc, 0) << v.out;
}

TEST_F(EditorComplete, SimulatorTreatsTheImportedHullAsAnObstacle) {
    // Evacuation of 80 pupils spread over the room: with the 3 × 1.6 m stand at (6, 3.8) unknown to
    // the simulator some would start or walk inside it; as an obstacle no agent centre comes within
    // its outline (4.5..7.5 × 3.0..4.6).
    const fs::path out = path("sim");
    const Proc r = cli("simulate --plan " + kBlock + " --scenario evacuation --seed 3 --students 80 --out " + out.string());
    ASSERT_EQ(r.rc, 0) << r.out << r.err;
    std::istringstream in(slurp(out / "trajectories.csv"));
    std::string line;
    long samples = 0, inside = 0, near_stand = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line[0] == 't') continue;
        double t = 0, x = 0, y = 0;
        int id = 0;
        char st = 0;
        ASSERT_EQ(std::sscanf(line.c_str(), "%lf,%d,%lf,%lf,%c", &t, &id, &x, &y, &st), 5) << line;
        ++samples;
        if (x > 4.5 && x < 7.5 && y > 3.0 && y < 4.6) ++inside;
        if (x > 4.0 && x < 8.0 && y > 2.5 && y < 5.1) ++near_stand;  // within 0.5 m: they do pass it
    }
    EXPECT_GT(samples, 1000);
    EXPECT_GT(near_stand, 0);
    EXPECT_EQ(inside, 0);
    const json m = json::parse(slurp(out / "metrics.json"));
    EXPECT_EQ(m["agents_total"], 80) << m.dump();
}

TEST_F(EditorComplete, CapacityAndReportReadThePlanTypes) {
    // The stand holds no books: capacity is the same as without it (two 3-section double ranges),
    // and the compliance report loads the plan without complaint.
    const Proc c = cli("capacity --json --plan " + kBlock);
    ASSERT_EQ(c.rc, 0) << c.out << c.err;
    const Proc base = cli("capacity --json --plan " + kData + "sim-room.sxplan.json");
    ASSERT_EQ(base.rc, 0) << base.err;
    EXPECT_EQ(json::parse(c.out)["book_capacity"], json::parse(base.out)["book_capacity"]);
    const Proc rep = cli("report --plan " + kBlock + " --date 2026-09-01 --json " + path("r.json").string());
    ASSERT_EQ(rep.rc, 0) << rep.out << rep.err;
    EXPECT_TRUE(fs::exists(path("r.json")));
}

}  // namespace

// ---------------------------------------------------------------- 2. deleting rooms

namespace {

TEST_F(EditorComplete, DeleteRemovesASelectedRoomInOneUndoStepAndKeepsItsFurniture) {
    const std::string one = kData + "one-room.sxplan.json";
    const Proc r = editor("open " + one + "\nadd table_reading_4 3 3\nselect reading\ndelete\nsave " +
                          path("del.json").string() + "\nchecks " + path("checks.txt").string() + "\nundo\nsave " +
                          path("undo.json").string() + "\nredo\nsave " + path("redo.json").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const auto del = shuxiang::plan::load_plan(path("del.json"));
    EXPECT_TRUE(del.levels.at(0).rooms.empty());
    ASSERT_EQ(del.levels.at(0).furniture.size(), 1u);  // the table stays where it stood
    EXPECT_DOUBLE_EQ(del.levels.at(0).furniture[0].position.x, 3.0);
    EXPECT_EQ(del.levels.at(0).walls.size(), shuxiang::plan::load_plan(one).levels.at(0).walls.size());
    // The checks panel reports it outside any room.
    const std::string checks = slurp(path("checks.txt"));
    EXPECT_NE(checks.find("furniture_outside_rooms\tf1\t"), std::string::npos) << checks;
    EXPECT_EQ(checks.find("\tf1 ("), std::string::npos) << checks;  // named by its label, not its id
    // One undo brings the room back (and only the room: the table was added in an earlier step).
    const auto undo = shuxiang::plan::load_plan(path("undo.json"));
    ASSERT_EQ(undo.levels.at(0).rooms.size(), 1u);
    EXPECT_EQ(undo.levels.at(0).rooms[0].id, "reading");
    EXPECT_EQ(undo.levels.at(0).furniture.size(), 1u);
    EXPECT_EQ(shuxiang::plan::load_plan(path("redo.json")), del);
}

}  // namespace

// ---------------------------------------------------------------- 3. the outliner's walls and openings

namespace {

// Pixels of the viewport in the selection orange (255, 158, 13) the editor outlines a selected wall
// or opening with.
long orange_pixels(const Png& img) {
    long n = 0;
    for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) n += near(img.at(x, y), {255, 158, 13}, 12) ? 1 : 0;
    return n;
}

TEST_F(EditorComplete, OutlinerListsWallsAndOpeningsAndTheyCanBeSelected) {
    const std::string room = kData + "sim-room.sxplan.json";
    const auto shot = [&](const std::string& n) { return "screenshot " + path(n).string() + " viewport\n"; };
    const Proc r = editor("open " + room + "\noutliner " + path("rows.txt").string() +
                          "\nview top\ngrid off\nframe all\nselect none\n" + shot("none.png") + "select w-n\n" +
                          shot("wall.png") + "select d-entrance\n" + shot("door.png") + "delete\nsave " +
                          path("nodoor.json").string() + "\nselect w-e\ndelete\nsave " + path("nowall.json").string() + "\n");
    ASSERT_EQ(r.rc, 0) << r.err;
    const std::string rows = slurp(path("rows.txt"));
    // Four groups in order: one room, four walls, one door, four pieces of furniture.
    EXPECT_NE(rows.find("rooms\treading\t"), std::string::npos) << rows;
    EXPECT_NE(rows.find("walls\tw-s\tw-s  12.00 m, 0.20 m thick\n"), std::string::npos) << rows;
    EXPECT_NE(rows.find("walls\tw-e\tw-e  8.00 m, 0.20 m thick\n"), std::string::npos) << rows;
    EXPECT_NE(rows.find("openings\td-entrance\td-entrance  Door, 1.80 m wide (wall w-s)\n"), std::string::npos) << rows;
    EXPECT_NE(rows.find("furniture\tdesk\t"), std::string::npos) << rows;
    long lines = 0;
    for (char c : rows) lines += c == '\n';
    EXPECT_EQ(lines, 1 + 4 + 1 + 4);
    EXPECT_LT(rows.find("rooms\t"), rows.find("walls\t"));
    EXPECT_LT(rows.find("walls\t"), rows.find("openings\t"));
    EXPECT_LT(rows.find("openings\t"), rows.find("furniture\t"));
    // Selected, the 12 m north wall is outlined along the top of the room, the 1.8 m door is shorter.
    const Png none = read_png(path("none.png")), wall = read_png(path("wall.png")), door = read_png(path("door.png"));
    ASSERT_GT(none.w, 100);
    EXPECT_EQ(orange_pixels(none), 0);
    const long w = orange_pixels(wall), d = orange_pixels(door);
    EXPECT_GT(w, 300);
    EXPECT_GT(d, 50);
    EXPECT_LT(d, w);
    // The selection is the document's: delete removes the door, then the wall (with nothing else).
    const auto nodoor = shuxiang::plan::load_plan(path("nodoor.json"));
    EXPECT_TRUE(nodoor.levels.at(0).openings.empty());
    EXPECT_EQ(nodoor.levels.at(0).walls.size(), 4u);
    const auto nowall = shuxiang::plan::load_plan(path("nowall.json"));
    EXPECT_EQ(nowall.levels.at(0).walls.size(), 3u);
    EXPECT_EQ(nowall.levels.at(0).rooms.size(), 1u);
    EXPECT_EQ(nowall.levels.at(0).furniture.size(), 4u);
}

}  // namespace

// ---------------------------------------------------------------- 4. the new-books display's books

namespace {

// A reading room with one double range and a 1.2 × 0.6 m new-books table at (5, 2), facing south.
const char* kDisplayPlan = R"({
  "schema_version": 2,
  "school": {"name": "新书小学", "type": "primary", "students": {"primary": 300, "junior": 0, "senior": 0},
             "teachers": 20, "classes": 6, "region": ""},
  "opening_hours_per_week": 40.0,
  "levels": [{"id": "L1", "name": "一层", "elevation": 0.0,
    "rooms": [{"id": "reading", "name": "阅览室", "kind": "reading", "polygon": [[0, 0], [8, 0], [8, 6], [0, 6]],
               "clear_height": 3.0}],
    "walls": [{"id": "w-s", "points": [[0, 0], [8, 0]], "thickness": 0.2, "height": 3.0},
              {"id": "w-n", "points": [[8, 6], [0, 6]], "thickness": 0.2, "height": 3.0}],
    "openings": [{"id": "door", "kind": "door", "wall": "w-s", "offset": 1.5, "width": 1.2, "height": 2.4,
                  "entrance": true}],
    "furniture": [{"id": "R1", "type": "shelf_double_steel_1800", "position": [3.0, 4.5], "yaw": 0, "label": "A"},
                  {"id": "NB", "type": "display_table_new_books", "position": [5.0, 2.0], "yaw": 0}]}]
})";

TEST_F(EditorComplete, NewBooksDisplayShowsItsBooksFaceUpColouredByClass) {
    namespace cat = shuxiang::catalog;
    const fs::path plan = path("plan.sxplan.json"), db = path("library.db");
    std::ofstream(plan) << kDisplayPlan;
    // 20 old novels, then 3 novels (I) bought on 25 August and 2 mathematics books (O) on 20 August.
    std::vector<cat::ImportEntry> batch;
    auto add = [&](const std::string& call, const std::string& acquired) {
        cat::ImportEntry e;
        e.record.title = "书 " + call;
        e.record.call_number = call;
        e.record.marc.leader = "00000nam  2200000   4500";
        cat::Item it;
        it.barcode = "B" + std::to_string(batch.size() + 1);
        it.acquired = acquired;
        e.items.push_back(it);
        batch.push_back(std::move(e));
    };
    for (int i = 1; i <= 20; ++i) add("I247.5/" + std::to_string(i), "2020-01-10");
    for (int i = 101; i <= 103; ++i) add("I247.5/" + std::to_string(i), "2026-08-25");
    add("O1/1", "2026-08-20");
    add("O1/2", "2026-08-20");
    cat::open_sqlite_store(db)->import_batch(batch);
    const Proc sh = cli("shelve --json --plan " + plan.string() + " --db " + db.string() + " --date 2026-09-01 --new-days 30");
    ASSERT_EQ(sh.rc, 0) << sh.out << sh.err;
    EXPECT_EQ(json::parse(sh.out)["new_books"]["on_display"], 5) << sh.out;

    // Top view, 0.8 m half height, the table in the lower half (the Collection panel covers the upper
    // right): cells of 0.15 × 0.22 m, front row (y 1.78..2.0) first.
    const std::string look = "view top\ngrid off\ncamera target 5 2.5 0\ncamera zoom 0.8\nwait 2\n";
    const Proc r = editor(look + "screenshot " + path("books.png").string() + " viewport\n", plan.string() + " --db " + db.string());
    ASSERT_EQ(r.rc, 0) << r.err;
    const Proc bare = editor(look + "screenshot " + path("bare.png").string() + " viewport\n", plan.string());
    ASSERT_EQ(bare.rc, 0) << bare.err;
    const Png img = read_png(path("books.png")), plain = read_png(path("bare.png"));
    ASSERT_GT(img.w, 100);
    const double aspect = static_cast<double>(img.w) / img.h;
    auto px = [&](double x, double y) {
        return std::array<int, 2>{static_cast<int>((0.5 + (x - 5.0) / (1.6 * aspect)) * img.w),
                                  static_cast<int>((0.5 - (y - 2.5) / 1.6) * img.h)};
    };
    auto cell = [&](int i) {  // centre of cell i: 8 a row, left to right, front row first
        return px(5.0 - 0.6 + (i % 8 + 0.5) * 0.15, 2.0 - 0.22 + (i / 8 + 0.5) * 0.22);
    };
    // Top faces are lit by 0.55 + 0.45 · n·l with l = (0.35, -0.55, 0.76) normalised.
    const float k = 0.55f + 0.45f * 0.76f / std::sqrt(0.35f * 0.35f + 0.55f * 0.55f + 0.76f * 0.76f);
    auto lit = [&](const std::string& call) {
        const glm::vec3 c = shuxiang::editor::library::class_color(shuxiang::editor::library::class_index(call)) * k * 255.f;
        return std::array<int, 3>{static_cast<int>(std::lround(c.r)), static_cast<int>(std::lround(c.g)),
                                  static_cast<int>(std::lround(c.b))};
    };
    const auto novel = lit("I247.5/101"), maths = lit("O1/1");
    ASSERT_FALSE(near(novel, maths, 20));
    const auto border = px(5.0, 2.0 - 0.26);  // the table's own top in front of the covers
    const auto table = img.at(border[0], border[1]);
    EXPECT_EQ(plain.at(border[0], border[1]), table);
    for (int i = 0; i < 16; ++i) {
        const auto p = cell(i);
        const auto got = img.at(p[0], p[1]);
        const std::string where = "cell " + std::to_string(i) + ": " + std::to_string(got[0]) + "," +
                                  std::to_string(got[1]) + "," + std::to_string(got[2]);
        if (i < 3) EXPECT_TRUE(near(got, novel, 8)) << where;        // newest first: the three novels
        else if (i < 5) EXPECT_TRUE(near(got, maths, 8)) << where;   // then the mathematics books
        else EXPECT_EQ(got, table) << where;                         // the rest of the table is bare
        EXPECT_EQ(plain.at(p[0], p[1]), table) << "without --db, " << where;
    }
}

}  // namespace

// ---------------------------------------------------------------- GL-free parts

namespace {

namespace ed = shuxiang::editor;
namespace plan = shuxiang::plan;

plan::Level display_level(double yaw) {
    plan::Level l;
    l.id = "L1";
    plan::Furniture f;
    f.id = "NB";
    f.type = "display_table_new_books";
    f.position = {5.0, 2.0};
    f.yaw_deg = yaw;
    l.furniture.push_back(f);
    return l;
}

ed::SceneData scene_with(std::size_t books, double yaw) {
    auto shelf = std::make_shared<ed::ShelfBooks>();
    for (std::size_t i = 0; i < books; ++i) shelf->colors.push_back(glm::vec3(static_cast<float>(i) / 32.f, 0.5f, 0.25f));
    const ed::ShelfSource src = [shelf](const std::string& id, int face, int section, int level) -> const ed::ShelfBooks* {
        return id == "NB" && face == 1 && section == 1 && level == 1 ? shelf.get() : nullptr;
    };
    return ed::build_scene(display_level(yaw), plan::FurnitureCatalog::builtin(), {}, src);
}

TEST(DisplayBooks, AsManyCoversAsAssignedUpToTheEightByTwoCells) {
    EXPECT_TRUE(ed::build_scene(display_level(0), plan::FurnitureCatalog::builtin()).books.empty());  // no database
    const auto five = scene_with(5, 0);
    ASSERT_EQ(five.books.size(), 5u);
    EXPECT_EQ(five.strips.size(), 1u);  // one row
    ASSERT_EQ(five.spine_groups.size(), 1u);
    EXPECT_EQ(five.spine_groups[0].book_count, 5u);
    // The first cover: the front-left cell's centre, (-0.6 + 0.075, -0.22 + 0.11) from the table's
    // centre, lying on its 0.9 m top (25 mm thick, 2 mm above).
    const glm::vec4 c0 = five.books[0].model[3];
    EXPECT_NEAR(c0.x, 5.0 - 0.525, 1e-5);
    EXPECT_NEAR(c0.y, 2.0 - 0.11, 1e-5);
    EXPECT_NEAR(c0.z, 0.9 + 0.0125 + 0.002, 1e-5);
    EXPECT_NEAR(five.books[0].color.r, 0.f, 1e-6);
    EXPECT_NEAR(five.books[4].color.r, 4.f / 32.f, 1e-6);
    EXPECT_NEAR(five.books[4].model[3].x, 5.0 - 0.6 + 4.5 * 0.15, 1e-5);
    // Twenty assigned: the table shows the 16 it has cells for, the ninth starting the back row.
    const auto twenty = scene_with(20, 0);
    ASSERT_EQ(twenty.books.size(), 16u);
    EXPECT_EQ(twenty.strips.size(), 2u);
    EXPECT_NEAR(twenty.books[8].model[3].x, 5.0 - 0.525, 1e-5);
    EXPECT_NEAR(twenty.books[8].model[3].y, 2.0 + 0.11, 1e-5);
    // Turned 90°, local (-0.525, -0.11) lies at world (+0.11, -0.525) from the centre.
    const auto turned = scene_with(1, 90);
    ASSERT_EQ(turned.books.size(), 1u);
    EXPECT_NEAR(turned.books[0].model[3].x, 5.0 + 0.11, 1e-5);
    EXPECT_NEAR(turned.books[0].model[3].y, 2.0 - 0.525, 1e-5);
}

TEST(Outliner, GroupsRoomsWallsOpeningsAndFurnitureInOrder) {
    shuxiang::set_language(shuxiang::Language::En);
    plan::Level l;
    l.id = "L1";
    plan::Room r;
    r.id = "r1";
    r.name = "Hall";
    r.polygon = {{0, 0}, {4, 0}, {4, 3}, {0, 3}};
    l.rooms.push_back(r);
    plan::Wall w;
    w.id = "w1";
    w.points = {{0, 0}, {4, 0}, {4, 3}};  // a polyline: 4 + 3 m
    w.thickness = 0.24;
    l.walls.push_back(w);
    plan::Opening win;
    win.id = "win1";
    win.kind = plan::OpeningKind::Window;
    win.wall = "w1";
    win.width = 1.5;
    l.openings.push_back(win);
    plan::Opening ex = win;
    ex.id = "x1";
    ex.kind = plan::OpeningKind::EmergencyExit;
    ex.width = 1.2;
    l.openings.push_back(ex);
    plan::Furniture f;
    f.id = "f1";
    f.type = "no_such_type";
    l.furniture.push_back(f);
    const auto g = ed::outliner_groups(l, plan::FurnitureCatalog::builtin());
    ASSERT_EQ(g.size(), 4u);
    EXPECT_EQ(g[0].name, "rooms");
    EXPECT_EQ(g[1].name, "walls");
    EXPECT_EQ(g[2].name, "openings");
    EXPECT_EQ(g[3].name, "furniture");
    ASSERT_EQ(g[1].rows.size(), 1u);
    EXPECT_EQ(g[1].rows[0].label, "w1  7.00 m, 0.24 m thick");
    ASSERT_EQ(g[2].rows.size(), 2u);
    EXPECT_EQ(g[2].rows[0].label, "win1  Window, 1.50 m wide (wall w1)");
    EXPECT_EQ(g[2].rows[1].id, "x1");
    EXPECT_EQ(g[2].rows[1].label, "x1  Emergency exit, 1.20 m wide (wall w1)");
    EXPECT_EQ(g[3].rows[0].label, "f1  no_such_type");
    EXPECT_EQ(ed::outliner_text(l, plan::FurnitureCatalog::builtin()),
              "rooms\tr1\tHall  ·  " + shuxiang::tr(plan::display_key(r.kind)) +
                  "\nwalls\tw1\tw1  7.00 m, 0.24 m thick\nopenings\twin1\twin1  Window, 1.50 m wide (wall w1)\n"
                  "openings\tx1\tx1  Emergency exit, 1.20 m wide (wall w1)\nfurniture\tf1\tf1  no_such_type\n");
}

}  // namespace
