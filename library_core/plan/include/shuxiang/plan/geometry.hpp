#pragma once
// Geometry queries on a plan: areas, seats and shelf metres per room, furniture overlaps, aisle clear
// widths, reachability of rooms through doors, and the whole-plan summary behind `shuxiang plan info`.
//
// Every query takes the furniture catalogue explicitly, so that tests and imported palettes can use
// their own. Furniture whose type the catalogue lacks is skipped and named in PlanSummary::unknown_types.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::plan {

// ---------------------------------------------------------------- basic 2D helpers

inline Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
inline Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
inline Vec2 operator*(Vec2 a, double s) { return {a.x * s, a.y * s}; }
inline double dot(Vec2 a, Vec2 b) { return a.x * b.x + a.y * b.y; }
inline double cross(Vec2 a, Vec2 b) { return a.x * b.y - a.y * b.x; }
double length(Vec2 v);

// Shoelace formula: positive for counter-clockwise polygons.
double signed_area(const std::vector<Vec2>& polygon);
// Area regardless of orientation.
double polygon_area(const std::vector<Vec2>& polygon);
// Area centroid (vertex mean for degenerate polygons).
Vec2 polygon_centroid(const std::vector<Vec2>& polygon);
// Point in polygon (even-odd rule); points on the boundary count as inside.
bool point_in_polygon(Vec2 p, const std::vector<Vec2>& polygon);
double point_segment_distance(Vec2 p, Vec2 a, Vec2 b);
// True when the closed segments ab and cd share a point.
bool segments_intersect(Vec2 a, Vec2 b, Vec2 c, Vec2 d);
// True when two non-adjacent edges of the polygon cross.
bool polygon_self_intersects(const std::vector<Vec2>& polygon);
// Convex hull, counter-clockwise, without collinear points.
std::vector<Vec2> convex_hull(std::vector<Vec2> points);

double polyline_length(const std::vector<Vec2>& points);
// The point `offset` metres along a polyline (clamped to its ends) and the unit direction of the
// segment it lies on.
struct PolylinePoint {
    Vec2 point;
    Vec2 direction;
};
std::optional<PolylinePoint> point_along_polyline(const std::vector<Vec2>& points, double offset);

// Penetration depth of two convex polygons by the separating-axis test: the smallest overlap of
// their projections over all edge normals. 0 or less means they are apart or only touch.
double convex_overlap_depth(const std::vector<Vec2>& a, const std::vector<Vec2>& b);

// The rectangle a wall segment occupies (centre line ± thickness / 2), counter-clockwise.
std::vector<Vec2> wall_segment_polygon(Vec2 a, Vec2 b, double thickness);

// ---------------------------------------------------------------- rooms

bool is_shelving(FurnitureCategory c);

// The room of a level that holds a point: the smallest by area among those containing it, so that a
// zone drawn inside a bigger room wins. nullptr when the point is outside every room.
const Room* room_at(const Level& level, Vec2 p);

// A room's floor area, m²: its polygon with every edge that runs along a wall's centre line moved in
// to the wall's inner face (a 12 × 8 m loop of 0.2 m walls gives 11.8 × 7.8 = 92.04 m², not 96). A room
// drawn on the inner faces, or with no wall along it, keeps its polygon's area.
double room_area(const Level& level, const Room& room);
// The polygon room_area() measures.
std::vector<Vec2> room_floor_polygon(const Level& level, const Room& room);

// The room each piece of furniture belongs to: room_at() of its footprint centre (its position).
// Each piece counts in exactly one room, so per-room sums add up to the plan's totals.
const Room* room_of(const Level& level, const Furniture& f);

struct RoomStats {
    std::string level;  // level id
    std::string room;   // room id
    std::string name;
    RoomKind kind = RoomKind::Reading;
    double area = 0;           // m², room_area(): inside the walls' faces (a zone's area is also inside its container's)
    int seats = 0;             // seats of the furniture whose centre lies in this room (innermost room)
    double shelf_metres = 0;   // linear metres of shelf of that furniture
    int furniture = 0;         // pieces of furniture in the room
    std::map<FurnitureCategory, int> counts;  // pieces by category
    // The innermost other room of the level containing this one, empty for top-level rooms.
    std::string inside;
};

RoomStats room_stats(const Level& level, const Room& room, const FurnitureCatalog& catalog);
std::vector<RoomStats> room_stats(const Plan& plan, const FurnitureCatalog& catalog);

// ---------------------------------------------------------------- furniture overlaps

// Two pieces of furniture whose footprints overlap (touching is not overlapping).
struct Overlap {
    std::string level;
    std::string a;       // furniture ids, a before b in the level's order
    std::string b;
    double depth = 0;    // m, how far one would have to move to separate them (separating-axis depth)
};

// Footprints are compared as convex hulls (the catalogue's footprints are rectangles or convex).
// Overlaps shallower than `tolerance` count as touching.
std::vector<Overlap> furniture_overlaps(const Plan& plan, const FurnitureCatalog& catalog,
                                        double tolerance = 1e-6);

// ---------------------------------------------------------------- aisles

// A clear gap between shelving and shelving, or shelving and a wall's face.
struct Aisle {
    std::string level;
    std::string a;           // shelving furniture id
    std::string b;           // furniture id or wall id
    bool b_is_wall = false;
    double width = 0;        // m, clear width between the two faces
    double length = 0;       // m, how far the two faces run side by side
    Vec2 midpoint;           // centre of the clear rectangle between them
    Vec2 direction;          // unit vector along the aisle (canonical: x > 0, or x == 0 and y > 0)
};

struct AisleOptions {
    double max_width = 3.0;       // wider gaps are open floor, not aisles
    double min_length = 0.2;      // the faces must run side by side at least this far (a 0.25 m end panel counts)
    double angle_tolerance_deg = 1.0;  // shelving/wall sides count as parallel within this angle
};

// Aisles between shelving (categories shelving_single / shelving_double) and other shelving or walls.
// Two objects bound an aisle when their sides are parallel (or perpendicular: the footprints are
// rectangles, so any side pair is then parallel), their extents overlap along the aisle direction by at
// least min_length, and they are apart across it by 0 < width <= max_width. The clear rectangle between
// them must not be entered by other shelving or by a wall, so three parallel ranges give two aisles, not
// three, and a wall between two ranges hides the gap. Walls count with their thickness: widths are
// measured from the wall face. A gap at the end of a range that a wall closes on one side (two shelves
// end to end against a wall, a shelf end in a corner) is a recess, not an aisle, and is left out.
// Other furniture (chairs, bins) does not bound or block aisles.
std::vector<Aisle> aisles(const Plan& plan, const FurnitureCatalog& catalog, const AisleOptions& opt = {});

// ---------------------------------------------------------------- reachability

struct RoomRef {
    std::string level;
    std::string room;
    friend bool operator==(const RoomRef&, const RoomRef&) = default;
    friend auto operator<=>(const RoomRef&, const RoomRef&) = default;
};

struct Reachability {
    std::vector<RoomRef> reachable;
    std::vector<RoomRef> unreachable;          // on levels that have an entrance
    std::vector<std::string> levels_without_entrance;  // not judged: stairs are not modelled
};

// Which room lies on each side of a door: probes 0.1 m beyond each face of the wall at the opening's
// centre. nullptr for a side that is outside every room.
struct DoorSides {
    const Room* left = nullptr;   // the side the wall's left normal points to
    const Room* right = nullptr;
};
std::optional<DoorSides> door_sides(const Level& level, const Opening& opening);

// Rooms reachable from the entrances (openings with entrance = true) through doors and emergency
// exits (windows do not connect). An entrance makes the rooms on both of its sides reachable. The
// outside is not a passage: two rooms that both open to the outside are not joined by it. A zone drawn
// inside a bigger room is joined to its innermost container (it has no walls of its own).
Reachability reachability(const Plan& plan);

// ---------------------------------------------------------------- door leaves

// The floor each leaf of a hinged door sweeps: a quarter disc (as a convex polygon of `arc_steps`
// chords) from the hinge at the wall's face, on the side the leaf opens towards (Opening::opens_to),
// as wide as the leaf (double doors: two leaves of half the width). Seen from the wall's left side,
// a "left" door is hinged at the jamb on the viewer's left. Empty for windows, sliding doors and
// openings without a swing, or an opening whose wall is missing.
std::vector<std::vector<Vec2>> door_leaf_sweeps(const Level& level, const Opening& opening, int arc_steps = 8);

// ---------------------------------------------------------------- whole-plan summary

struct PlanSummary {
    School school;
    std::size_t levels = 0;
    std::vector<RoomStats> rooms;
    double total_area = 0;          // m², top-level rooms only (zones inside rooms are not added twice)
    int total_seats = 0;
    double total_shelf_metres = 0;
    std::size_t furniture = 0;
    std::size_t furniture_outside_rooms = 0;
    std::vector<Aisle> aisles;
    std::optional<double> min_aisle_width;
    std::vector<Overlap> overlaps;
    Reachability reach;
    std::vector<std::string> unknown_types;  // furniture type ids the catalogue lacks
};

// ---------------------------------------------------------------- stairs

// Where a stair lies: the unit vector from foot to head, the unit vector across it (to the left of
// the climb), the horizontal length from foot to head.
struct StairFrame {
    Vec2 axis{0, 1};
    Vec2 across{-1, 0};
    double length = 0;
};
StairFrame stair_frame(const Stair& s);
// The flight's footprint (counter-clockwise): `width` wide from foot to head.
std::vector<Vec2> stair_footprint(const Stair& s);
// How deep the landings beyond the head and before the foot are taken to be, m.
inline constexpr double kStairLandingDepth = 0.6;

PlanSummary summarize(const Plan& plan, const FurnitureCatalog& catalog);

}  // namespace shuxiang::plan
