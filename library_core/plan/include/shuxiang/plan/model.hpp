#pragma once
// The plan document: a school's reading spaces (levels, rooms, walls, openings, furniture) as plain data.
//
// Units: metres, degrees for yaw in files and in this model. Plan coordinates: X east, Y north, Z up;
// each level's floor is at z = 0 of that level. Every object carries a stable string id, unique within
// the plan, that commands, the editor's selection, the library database (shelf locations) and the
// simulator refer to.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shuxiang::plan {

// The plan file format version this program writes. Older files are migrated step by step on load;
// newer ones are refused.
inline constexpr int kSchemaVersion = 5;

struct Vec2 {
    double x = 0;
    double y = 0;
    friend bool operator==(const Vec2&, const Vec2&) = default;
};

// School type as in the MOE regulations. File values: "primary", "junior", "senior", "complete",
// "nine_year", "twelve_year".
enum class SchoolType {
    Primary,     // 小学
    Junior,      // 初级中学
    Senior,      // 高级中学
    Complete,    // 完全中学 (初中 + 高中)
    NineYear,    // 九年一贯制 (小学 + 初中)
    TwelveYear,  // 十二年一贯制 (小学 + 初中 + 高中)
};

// Students enrolled in each stage (学段).
struct StageCounts {
    int primary = 0;  // 小学
    int junior = 0;   // 初中
    int senior = 0;   // 高中
    int total() const { return primary + junior + senior; }
    friend bool operator==(const StageCounts&, const StageCounts&) = default;
};

struct School {
    std::string name;
    SchoolType type = SchoolType::Primary;
    StageCounts students;
    int teachers = 0;
    int classes = 0;
    std::string region;  // e.g. "湖南省岳阳市"; selects a standards profile where one exists
    friend bool operator==(const School&, const School&) = default;
};

// What a room or zone is for. File values in parentheses.
enum class RoomKind {
    Stacks,           // 藏 书库 ("stacks")
    Lending,          // 借 借阅/检录 ("lending")
    Reading,          // 阅 阅览 ("reading")
    Research,         // 研 研讨 ("research")
    Rest,             // 休 休闲 ("rest")
    AudioVisual,      // 视听阅览 ("audio_visual")
    AudioVisualStore, // 视听资料储藏室 attached to the audio-visual room (GB 50099 5.13.3-3) ("av_store")
    Periodicals,      // 报刊阅览 ("periodicals")
    Workroom,         // 采编/整修工作室 ("workroom")
    ClassroomCorner,  // 教室图书角 ("classroom_corner")
    ReadingCorridor,  // 阅读走廊 ("reading_corridor")
    OutdoorReading,   // 户外阅读区 ("outdoor_reading")
    Circulation,      // 门厅/走廊 hall or passage that is not itself a reading space ("circulation")
};

// A room or zone on a level: a simple polygon (counter-clockwise, not closed: the last vertex joins
// the first). Zones may sit inside a bigger room (a rest corner inside the reading room).
// How a stack room's shelving is used (GB 50099-2011 5.13.3-4 gives each its books per m²). File
// values: "open" (开架, readers at the shelves; the default, not written), "closed" (闭架, staff
// fetch the books) and "compact" (密集书架, mobile shelving whose aisles open on demand).
enum class StackArrangement { Open, Closed, Compact };

struct Room {
    std::string id;
    std::string name;
    RoomKind kind = RoomKind::Reading;
    std::vector<Vec2> polygon;
    double clear_height = 3.0;  // m, floor to ceiling (or to beams)
    // Teacher reading room (教师阅览) rather than students' (matters for the seats-per-teacher check).
    bool for_teachers = false;
    // Stack rooms: open, closed or compact shelving (optional in the file; other kinds ignore it).
    StackArrangement stacks = StackArrangement::Open;
    friend bool operator==(const Room&, const Room&) = default;
};

// A wall: a polyline of centre-line points with a thickness and height.
struct Wall {
    std::string id;
    std::vector<Vec2> points;  // at least 2
    double thickness = 0.2;
    double height = 3.0;
    friend bool operator==(const Wall&, const Wall&) = default;
};

enum class OpeningKind {
    Door,           // "door"
    Window,         // "window"
    EmergencyExit,  // "emergency_exit": a door that is an exit of the building
};

enum class DoorSwing {
    None,     // "none" (windows, open passages)
    Left,     // "left": hinged on the left seen from the wall's left side (the side the normal points to)
    Right,    // "right"
    Double,   // "double"
    Sliding,  // "sliding"
};

// A side of a wall. File values: "left" (the side the wall's left normal points to, seen walking from
// its first point to its last) and "right".
enum class WallSide { Left, Right };

// An opening in a wall. Its centre lies `offset` metres along the wall's polyline from its first point.
struct Opening {
    std::string id;
    OpeningKind kind = OpeningKind::Door;
    std::string wall;         // id of the wall it sits in
    double offset = 0;        // m along the wall polyline to the opening's centre
    double width = 0.9;       // clear width, m
    double height = 2.1;      // m
    double sill = 0;          // m above the floor (windows)
    DoorSwing swing = DoorSwing::None;
    // The side of the wall a hinged leaf opens towards (schema 4; older plans: left, where the editor
    // drew every leaf).
    WallSide opens_to = WallSide::Left;
    bool entrance = false;    // a main entrance readers come in by (reachability starts here)
    friend bool operator==(const Opening&, const Opening&) = default;
};

// A piece of furniture placed on a level. Its footprint is the type's footprint rotated by yaw about
// `position` (the footprint's centre). Shelving ranges may override the number of sections.
struct Furniture {
    std::string id;
    std::string type;       // id in the furniture catalogue
    Vec2 position;
    double yaw_deg = 0;     // counter-clockwise from +X; 0 means the type's width runs along +X
    std::string label;      // optional, e.g. "A1" for a range
    std::optional<int> sections;  // shelving: number of sections in this range (default: the type's)
    friend bool operator==(const Furniture&, const Furniture&) = default;
};

struct Level {
    std::string id;
    std::string name;
    double elevation = 0;  // m of this level's floor above the ground floor
    std::vector<Room> rooms;
    std::vector<Wall> walls;
    std::vector<Opening> openings;
    std::vector<Furniture> furniture;
    friend bool operator==(const Level&, const Level&) = default;
};

// A furniture type defined by the plan itself (schema 3): a school's own model imported in the editor.
// Furniture refers to it by `id` like to a catalogue type; ids must not repeat a catalogue id.
struct PlanFurnitureType {
    std::string id;
    std::string name_zh;
    std::string name_en;
    std::string category = "other";  // a furniture category file value ("sofa", "other", ...)
    double width = 1.0;              // m, bounding box along local X
    double depth = 1.0;              // m, along local Y
    double height = 1.0;             // m
    std::vector<Vec2> footprint;     // local convex outline (counter-clockwise); empty: width × depth
    // Mesh file. In the file: relative to the plan file's folder (or absolute); after load_plan(path)
    // it is resolved against that folder, and save_plan(path) writes it relative to the new folder.
    std::string model;
    friend bool operator==(const PlanFurnitureType&, const PlanFurnitureType&) = default;
};

// A straight flight of stairs joining two levels (schema 5). `foot` is the centre of the first riser
// on the lower level, `head` the centre of the last riser (the edge of the upper landing); the flight
// runs straight from foot to head, `width` wide, over (steps - 1) treads of `run` and `steps` risers
// of `rise`. On the lower level the flight is floor one climbs; on the upper level its footprint is
// the stairwell (a void), and the landing lies beyond the head.
struct Stair {
    std::string id;
    std::string name;
    std::string from_level;  // id of the lower level (the foot)
    std::string to_level;    // id of the upper level (the head)
    Vec2 foot;
    Vec2 head;
    double width = 1.2;      // clear width between handrails, m
    double rise = 0.15;      // riser height, m
    double run = 0.28;       // tread depth (going), m
    int steps = 2;           // risers from foot to head
    friend bool operator==(const Stair&, const Stair&) = default;
};

// The whole document.
struct Plan {
    School school;
    std::vector<Level> levels;
    std::string notes;
    // Weekly opening hours in term (the standards ask for at least 40).
    double opening_hours_per_week = 0;
    std::vector<PlanFurnitureType> furniture_types;  // imported models (schema 3); usually empty
    std::vector<Stair> stairs;                       // flights between levels (schema 5)
    friend bool operator==(const Plan&, const Plan&) = default;
};

// String forms used in files (and in the CLI).
const char* to_string(SchoolType t);
const char* to_string(RoomKind k);
const char* to_string(OpeningKind k);
const char* to_string(DoorSwing s);
const char* to_string(WallSide s);
const char* to_string(StackArrangement a);
std::optional<SchoolType> school_type_from_string(std::string_view s);
std::optional<RoomKind> room_kind_from_string(std::string_view s);
std::optional<OpeningKind> opening_kind_from_string(std::string_view s);
std::optional<DoorSwing> door_swing_from_string(std::string_view s);
std::optional<WallSide> wall_side_from_string(std::string_view s);
std::optional<StackArrangement> stack_arrangement_from_string(std::string_view s);

// Translation keys for display names ("plan.room_kind.stacks" → 藏书区 / Stacks).
std::string display_key(SchoolType t);
std::string display_key(RoomKind k);

// Lookups by id. Return nullptr when absent.
const Level* find_level(const Plan& p, std::string_view id);
const Room* find_room(const Level& l, std::string_view id);
const Wall* find_wall(const Level& l, std::string_view id);
const Furniture* find_furniture(const Level& l, std::string_view id);
const Stair* find_stair(const Plan& p, std::string_view id);

}  // namespace shuxiang::plan
