// Plan files: JSON text → (migrations) → schema reader → value and reference checks → Plan, and back.
#include "shuxiang/plan/io.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "io_problems.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/plan/migrate.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/text_position.hpp"
#include "shuxiang/util/fs.hpp"

namespace shuxiang::plan {
namespace {

using nlohmann::json;
using detail::child;
using detail::make_problem;
using detail::number_text;

using Problems = std::vector<Problem>;

const char* type_name(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "boolean";
        case json::value_t::string: return "string";
        case json::value_t::array: return "array";
        case json::value_t::object: return "object";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "integer";
        case json::value_t::number_float: return "number";
        default: return "value";
    }
}

// ---------------------------------------------------------------------------------------------
// JSON syntax

// Finds keys given twice in one object while parsing (the parser would silently keep the last,
// so a hand-edited file could lose a value without a word).
class DuplicateKeys {
public:
    bool operator()(int /*depth*/, json::parse_event_t event, json& parsed) {
        switch (event) {
            case json::parse_event_t::object_start:
                next_in_array();
                frames_.push_back(Frame{true, {}, {}, 0});
                break;
            case json::parse_event_t::array_start:
                next_in_array();
                frames_.push_back(Frame{false, {}, {}, 0});
                break;
            case json::parse_event_t::object_end:
            case json::parse_event_t::array_end:
                if (!frames_.empty()) frames_.pop_back();
                break;
            case json::parse_event_t::key:
                if (!frames_.empty() && parsed.is_string()) {
                    Frame& f = frames_.back();
                    f.key = parsed.get<std::string>();
                    if (!f.keys.insert(f.key).second) found.push_back(pointer());
                }
                break;
            case json::parse_event_t::value:
                next_in_array();
                break;
        }
        return true;
    }

    std::vector<std::string> found;

private:
    struct Frame {
        bool object;
        std::set<std::string> keys;
        std::string key;    // objects: the member being read
        std::size_t index;  // arrays: 1 + index of the element being read
    };

    void next_in_array() {
        if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    }

    std::string pointer() const {
        std::string p;
        for (const Frame& f : frames_) p = f.object ? child(p, f.key) : child(p, f.index - 1);
        return p;
    }

    std::vector<Frame> frames_;
};

// Parses JSON text; on failure appends one problem naming line and column. Keys given twice are
// added to `duplicates`.
std::optional<json> parse_json(std::string_view text, Problems& problems, Problems& duplicates) {
    try {
        DuplicateKeys dup;
        json doc = json::parse(text.begin(), text.end(), std::ref(dup));
        for (const auto& p : dup.found)
            duplicates.push_back(make_problem(p, "plan_io.duplicate_key", {p.substr(p.rfind('/') + 1)}));
        return doc;
    } catch (const json::parse_error& e) {
        auto [line, col] = line_column(text, e.byte > 0 ? e.byte - 1 : 0);
        // nlohmann's own text: "[json.exception.parse_error.101] parse error at line 2, column 6: detail".
        std::string detail = e.what();
        if (auto p = detail.find(": "); p != std::string::npos && detail.find("parse error") < p)
            detail = detail.substr(p + 2);
        problems.push_back(make_problem("", "plan_io.json_syntax", {std::to_string(line), std::to_string(col), detail}));
    } catch (const json::exception& e) {
        // Number overflow (out_of_range.406) carries no position: find the literal it quotes.
        std::string what = e.what();
        std::string literal;
        if (auto a = what.find('\''), b = what.rfind('\''); a != std::string::npos && b > a)
            literal = what.substr(a + 1, b - a - 1);
        std::size_t pos = literal.empty() ? std::string_view::npos : text.find(literal);
        auto [line, col] = line_column(text, pos == std::string_view::npos ? 0 : pos);
        problems.push_back(make_problem("", "plan_io.number_overflow",
                                        {std::to_string(line), std::to_string(col), literal.empty() ? what : literal}));
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Schema reader: types, required and unknown fields, enums. Values keep their defaults where the
// file is wrong, so that one mistake gives one problem.

class Reader {
public:
    explicit Reader(Problems& problems) : problems_(problems) {}

    void add(std::string pointer, std::string_view key, std::vector<std::string> args = {}) {
        problems_.push_back(make_problem(std::move(pointer), key, std::move(args)));
    }

    // The object at `ptr`, or nullptr (with a problem) when `j` is not one. Reports keys not in `known`.
    const json* object(const json& j, const std::string& ptr, std::initializer_list<const char*> known) {
        if (!j.is_object()) {
            add(ptr, "plan_io.wrong_type", {"object", type_name(j)});
            return nullptr;
        }
        for (const auto& item : j.items()) {
            const std::string& k = item.key();  // not a structured binding: clang 14 cannot capture one
            if (std::none_of(known.begin(), known.end(), [&](const char* n) { return k == n; }))
                add(child(ptr, k), "plan_io.unknown_field", {k});
        }
        return &j;
    }

    // The member `key`; nullptr when absent (a problem if required).
    const json* member(const json& obj, const std::string& ptr, const char* key, bool required) {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) add(ptr, "plan_io.missing_field", {key});
            return nullptr;
        }
        return &*it;
    }

    void string(const json& obj, const std::string& ptr, const char* key, bool required, std::string& out) {
        const json* v = member(obj, ptr, key, required);
        if (!v) return;
        if (!v->is_string())
            add(child(ptr, key), "plan_io.wrong_type", {"string", type_name(*v)});
        else
            out = v->get<std::string>();
    }

    void number(const json& obj, const std::string& ptr, const char* key, bool required, double& out) {
        const json* v = member(obj, ptr, key, required);
        if (!v) return;
        if (!v->is_number())
            add(child(ptr, key), "plan_io.wrong_type", {"number", type_name(*v)});
        else
            out = v->get<double>();
    }

    // An integer; numbers such as 3.0 count (JSON Schema's "integer" is the mathematical one).
    bool integer(const json& obj, const std::string& ptr, const char* key, bool required, int& out) {
        const json* v = member(obj, ptr, key, required);
        if (!v) return false;
        const std::string p = child(ptr, key);
        if (!v->is_number()) {
            add(p, "plan_io.wrong_type", {"integer", type_name(*v)});
            return false;
        }
        if (v->is_number_float()) {
            double d = v->get<double>();
            if (d != std::floor(d)) {
                add(p, "plan_io.not_integer", {v->dump()});
                return false;
            }
            if (std::fabs(d) > std::numeric_limits<int>::max()) {
                add(p, "plan_io.integer_range", {v->dump()});
                return false;
            }
            out = static_cast<int>(d);
            return true;
        }
        if (v->is_number_unsigned() ? v->get<unsigned long long>() > static_cast<unsigned long long>(
                                                                             std::numeric_limits<int>::max())
                                    : (v->get<long long>() > std::numeric_limits<int>::max() ||
                                       v->get<long long>() < std::numeric_limits<int>::min())) {
            add(p, "plan_io.integer_range", {v->dump()});
            return false;
        }
        out = v->get<int>();
        return true;
    }

    void boolean(const json& obj, const std::string& ptr, const char* key, bool required, bool& out) {
        const json* v = member(obj, ptr, key, required);
        if (!v) return;
        if (!v->is_boolean())
            add(child(ptr, key), "plan_io.wrong_type", {"boolean", type_name(*v)});
        else
            out = v->get<bool>();
    }

    template <typename E, std::size_t N>
    void enumeration(const json& obj, const std::string& ptr, const char* key, bool required,
                     std::optional<E> (*parse)(std::string_view), const std::array<E, N>& all, E& out) {
        const json* v = member(obj, ptr, key, required);
        if (!v) return;
        if (!v->is_string()) {
            add(child(ptr, key), "plan_io.wrong_type", {"string", type_name(*v)});
            return;
        }
        const std::string s = v->get<std::string>();
        if (auto e = parse(s)) {
            out = *e;
            return;
        }
        std::string list;
        for (E e : all) list += (list.empty() ? "" : ", ") + std::string(to_string(e));
        add(child(ptr, key), "plan_io.unknown_enum", {s, list});
    }

    // A point [x, y].
    void point(const json& v, const std::string& p, Vec2& out) {
        if (!v.is_array() || v.size() != 2 || !v[0].is_number() || !v[1].is_number()) {
            add(p, "plan_io.wrong_type", {"a point [x, y]", v.is_array() ? "array of " + std::to_string(v.size()) : type_name(v)});
            return;
        }
        out = {v[0].get<double>(), v[1].get<double>()};
    }

    void points(const json& obj, const std::string& ptr, const char* key, bool required, std::vector<Vec2>& out) {
        const json* v = member(obj, ptr, key, required);
        if (!v) return;
        const std::string p = child(ptr, key);
        if (!v->is_array()) {
            add(p, "plan_io.wrong_type", {"array", type_name(*v)});
            return;
        }
        out.assign(v->size(), Vec2{});
        for (std::size_t i = 0; i < v->size(); ++i) point((*v)[i], child(p, i), out[i]);
    }

    // Calls read(item, pointer, element) for each element of the array `key`.
    template <typename T, typename F>
    void array(const json& obj, const std::string& ptr, const char* key, bool required, std::vector<T>& out, F read) {
        const json* v = member(obj, ptr, key, required);
        if (!v) return;
        const std::string p = child(ptr, key);
        if (!v->is_array()) {
            add(p, "plan_io.wrong_type", {"array", type_name(*v)});
            return;
        }
        out.assign(v->size(), T{});
        for (std::size_t i = 0; i < v->size(); ++i) read((*v)[i], child(p, i), out[i]);
    }

private:
    Problems& problems_;
};

constexpr std::array<SchoolType, 6> kAllSchoolTypes{SchoolType::Primary,  SchoolType::Junior,   SchoolType::Senior,
                                                    SchoolType::Complete, SchoolType::NineYear, SchoolType::TwelveYear};
constexpr std::array<RoomKind, 13> kAllRoomKinds{
    RoomKind::Stacks,      RoomKind::Lending,     RoomKind::Reading,         RoomKind::Research,
    RoomKind::Rest,        RoomKind::AudioVisual, RoomKind::AudioVisualStore, RoomKind::Periodicals,     RoomKind::Workroom,
    RoomKind::ClassroomCorner, RoomKind::ReadingCorridor, RoomKind::OutdoorReading, RoomKind::Circulation};
constexpr std::array<OpeningKind, 3> kAllOpeningKinds{OpeningKind::Door, OpeningKind::Window, OpeningKind::EmergencyExit};
constexpr std::array<DoorSwing, 5> kAllSwings{DoorSwing::None, DoorSwing::Left, DoorSwing::Right, DoorSwing::Double,
                                              DoorSwing::Sliding};
constexpr std::array<WallSide, 2> kAllWallSides{WallSide::Left, WallSide::Right};
constexpr std::array<StackArrangement, 3> kAllStackArrangements{StackArrangement::Open, StackArrangement::Closed,
                                                                StackArrangement::Compact};

void read_school(Reader& r, const json& j, const std::string& p, School& s) {
    const json* o = r.object(j, p, {"name", "type", "students", "teachers", "classes", "region"});
    if (!o) return;
    r.string(*o, p, "name", true, s.name);
    r.enumeration(*o, p, "type", true, &school_type_from_string, kAllSchoolTypes, s.type);
    if (const json* st = r.member(*o, p, "students", true)) {
        const std::string sp = p + "/students";
        if (const json* so = r.object(*st, sp, {"primary", "junior", "senior"})) {
            r.integer(*so, sp, "primary", false, s.students.primary);
            r.integer(*so, sp, "junior", false, s.students.junior);
            r.integer(*so, sp, "senior", false, s.students.senior);
        }
    }
    r.integer(*o, p, "teachers", false, s.teachers);
    r.integer(*o, p, "classes", false, s.classes);
    r.string(*o, p, "region", false, s.region);
}

void read_room(Reader& r, const json& j, const std::string& p, Room& room) {
    const json* o = r.object(j, p, {"id", "name", "kind", "polygon", "clear_height", "for_teachers", "stack_arrangement"});
    if (!o) return;
    r.string(*o, p, "id", true, room.id);
    r.string(*o, p, "name", false, room.name);
    r.enumeration(*o, p, "kind", true, &room_kind_from_string, kAllRoomKinds, room.kind);
    r.points(*o, p, "polygon", true, room.polygon);
    r.number(*o, p, "clear_height", false, room.clear_height);
    r.boolean(*o, p, "for_teachers", false, room.for_teachers);
    r.enumeration(*o, p, "stack_arrangement", false, &stack_arrangement_from_string, kAllStackArrangements, room.stacks);
}

void read_wall(Reader& r, const json& j, const std::string& p, Wall& w) {
    const json* o = r.object(j, p, {"id", "points", "thickness", "height"});
    if (!o) return;
    r.string(*o, p, "id", true, w.id);
    r.points(*o, p, "points", true, w.points);
    r.number(*o, p, "thickness", false, w.thickness);
    r.number(*o, p, "height", false, w.height);
}

void read_opening(Reader& r, const json& j, const std::string& p, Opening& op) {
    const json* o = r.object(j, p, {"id", "kind", "wall", "offset", "width", "height", "sill", "swing", "opens_to", "entrance"});
    if (!o) return;
    r.string(*o, p, "id", true, op.id);
    r.enumeration(*o, p, "kind", true, &opening_kind_from_string, kAllOpeningKinds, op.kind);
    r.string(*o, p, "wall", true, op.wall);
    r.number(*o, p, "offset", true, op.offset);
    r.number(*o, p, "width", false, op.width);
    r.number(*o, p, "height", false, op.height);
    r.number(*o, p, "sill", false, op.sill);
    r.enumeration(*o, p, "swing", false, &door_swing_from_string, kAllSwings, op.swing);
    r.enumeration(*o, p, "opens_to", false, &wall_side_from_string, kAllWallSides, op.opens_to);
    r.boolean(*o, p, "entrance", false, op.entrance);
}

void read_furniture(Reader& r, const json& j, const std::string& p, Furniture& f) {
    const json* o = r.object(j, p, {"id", "type", "position", "yaw", "label", "sections"});
    if (!o) return;
    r.string(*o, p, "id", true, f.id);
    r.string(*o, p, "type", true, f.type);
    if (const json* pos = r.member(*o, p, "position", true)) r.point(*pos, p + "/position", f.position);
    r.number(*o, p, "yaw", false, f.yaw_deg);
    r.string(*o, p, "label", false, f.label);
    int sections = 0;
    if (r.integer(*o, p, "sections", false, sections)) f.sections = sections;
}

void read_level(Reader& r, const json& j, const std::string& p, Level& l) {
    const json* o = r.object(j, p, {"id", "name", "elevation", "rooms", "walls", "openings", "furniture"});
    if (!o) return;
    r.string(*o, p, "id", true, l.id);
    r.string(*o, p, "name", false, l.name);
    r.number(*o, p, "elevation", false, l.elevation);
    r.array(*o, p, "rooms", false, l.rooms, [&](const json& x, const std::string& xp, Room& v) { read_room(r, x, xp, v); });
    r.array(*o, p, "walls", false, l.walls, [&](const json& x, const std::string& xp, Wall& v) { read_wall(r, x, xp, v); });
    r.array(*o, p, "openings", false, l.openings,
            [&](const json& x, const std::string& xp, Opening& v) { read_opening(r, x, xp, v); });
    r.array(*o, p, "furniture", false, l.furniture,
            [&](const json& x, const std::string& xp, Furniture& v) { read_furniture(r, x, xp, v); });
}

void read_plan_type(Reader& r, const json& j, const std::string& p, PlanFurnitureType& t) {
    const json* o = r.object(j, p, {"id", "name_zh", "name_en", "category", "width", "depth", "height", "footprint", "model"});
    if (!o) return;
    r.string(*o, p, "id", true, t.id);
    r.string(*o, p, "name_zh", false, t.name_zh);
    r.string(*o, p, "name_en", false, t.name_en);
    if (const json* c = r.member(*o, p, "category", false)) {
        if (!c->is_string())
            r.add(p + "/category", "plan_io.wrong_type", {"string", type_name(*c)});
        else if (!furniture_category_from_string(c->get<std::string>()))
            r.add(p + "/category", "plan_io.unknown_enum", {c->get<std::string>(), "shelving_single, ..., other"});
        else
            t.category = c->get<std::string>();
    }
    r.number(*o, p, "width", true, t.width);
    r.number(*o, p, "depth", true, t.depth);
    r.number(*o, p, "height", true, t.height);
    r.points(*o, p, "footprint", false, t.footprint);
    r.string(*o, p, "model", false, t.model);
}

void read_stair(Reader& r, const json& j, const std::string& p, Stair& st) {
    const json* o = r.object(j, p, {"id", "name", "from_level", "to_level", "foot", "head", "width", "rise", "run", "steps"});
    if (!o) return;
    r.string(*o, p, "id", true, st.id);
    r.string(*o, p, "name", false, st.name);
    r.string(*o, p, "from_level", true, st.from_level);
    r.string(*o, p, "to_level", true, st.to_level);
    if (const json* v = r.member(*o, p, "foot", true)) r.point(*v, p + "/foot", st.foot);
    if (const json* v = r.member(*o, p, "head", true)) r.point(*v, p + "/head", st.head);
    r.number(*o, p, "width", false, st.width);
    r.number(*o, p, "rise", true, st.rise);
    r.number(*o, p, "run", true, st.run);
    r.integer(*o, p, "steps", true, st.steps);
}

// `doc` is at kSchemaVersion.
Plan read_plan(const json& doc, Problems& problems) {
    Reader r(problems);
    Plan plan;
    const json* o = r.object(doc, "", {"schema_version", "school", "levels", "notes", "opening_hours_per_week", "furniture_types",
                                          "stairs"});
    if (!o) return plan;
    if (const json* s = r.member(*o, "", "school", true)) read_school(r, *s, "/school", plan.school);
    r.array(*o, "", "levels", true, plan.levels,
            [&](const json& x, const std::string& xp, Level& v) { read_level(r, x, xp, v); });
    r.string(*o, "", "notes", false, plan.notes);
    r.number(*o, "", "opening_hours_per_week", false, plan.opening_hours_per_week);
    r.array(*o, "", "furniture_types", false, plan.furniture_types,
            [&](const json& x, const std::string& xp, PlanFurnitureType& v) { read_plan_type(r, x, xp, v); });
    r.array(*o, "", "stairs", false, plan.stairs,
            [&](const json& x, const std::string& xp, Stair& v) { read_stair(r, x, xp, v); });
    return plan;
}

// ---------------------------------------------------------------------------------------------
// Value and reference checks on the model.

class Checker {
public:
    explicit Checker(Problems& problems) : problems_(problems) {}

    void add(std::string pointer, std::string_view key, std::vector<std::string> args = {}) {
        problems_.push_back(make_problem(std::move(pointer), key, std::move(args)));
    }

    bool finite(double v, const std::string& p) {
        if (std::isfinite(v)) return true;
        add(p, "plan_io.not_finite");
        return false;
    }
    void positive(double v, const std::string& p) {
        if (finite(v, p) && !(v > 0)) add(p, "plan_io.not_positive", {number_text(v)});
    }
    void non_negative(double v, const std::string& p) {
        if (finite(v, p) && v < 0) add(p, "plan_io.negative", {number_text(v)});
    }
    void non_negative(int v, const std::string& p) {
        if (v < 0) add(p, "plan_io.negative", {std::to_string(v)});
    }
    void point(const Vec2& v, const std::string& p) {
        finite(v.x, p + "/0");
        finite(v.y, p + "/1");
    }

    void id(const std::string& id, const std::string& p) {
        if (id.empty()) {
            add(p, "plan_io.empty_id");
            return;
        }
        auto [it, inserted] = ids_.emplace(id, p);
        if (!inserted) add(p, "plan_io.duplicate_id", {id, it->second});
    }

private:
    Problems& problems_;
    std::map<std::string, std::string> ids_;  // id → pointer of its first use
};

double cross(Vec2 o, Vec2 a, Vec2 b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }

bool on_segment(Vec2 a, Vec2 b, Vec2 p) {
    return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
           p.y <= std::max(a.y, b.y);
}

// Closed segments ab and cd share at least one point.
bool segments_touch(Vec2 a, Vec2 b, Vec2 c, Vec2 d) {
    const double d1 = cross(c, d, a), d2 = cross(c, d, b), d3 = cross(a, b, c), d4 = cross(a, b, d);
    if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
    return (d1 == 0 && on_segment(c, d, a)) || (d2 == 0 && on_segment(c, d, b)) || (d3 == 0 && on_segment(a, b, c)) ||
           (d4 == 0 && on_segment(a, b, d));
}

// Problems of a room polygon: too few vertices, repeated vertices, edges that cross or fold back.
void check_polygon(Checker& c, const std::vector<Vec2>& poly, const std::string& p) {
    const std::size_t n = poly.size();
    if (n < 3) {
        c.add(p, "plan_io.too_few_vertices", {std::to_string(n)});
        return;
    }
    for (const Vec2& v : poly)
        if (!std::isfinite(v.x) || !std::isfinite(v.y)) return;  // reported per vertex already
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j)
            if (poly[i] == poly[j]) {
                c.add(p, "plan_io.repeated_vertex", {std::to_string(i), std::to_string(j)});
                return;
            }
    // Edge i runs from vertex i to vertex i+1.
    for (std::size_t i = 0; i < n; ++i) {
        const Vec2 a = poly[i], b = poly[(i + 1) % n];
        for (std::size_t j = i + 1; j < n; ++j) {
            const Vec2 cc = poly[j], d = poly[(j + 1) % n];
            const bool adjacent = j == i + 1 || (i == 0 && j == n - 1);
            if (adjacent) {
                // Neighbours share a vertex; they only cross by folding back along one line.
                const Vec2 shared = j == i + 1 ? b : a;
                const Vec2 u = j == i + 1 ? a : b;
                const Vec2 w = j == i + 1 ? d : cc;
                const double cr = cross(shared, u, w);
                const double dot = (u.x - shared.x) * (w.x - shared.x) + (u.y - shared.y) * (w.y - shared.y);
                if (cr == 0 && dot > 0) {
                    c.add(p, "plan_io.self_intersecting", {std::to_string(i), std::to_string(j)});
                    return;
                }
            } else if (segments_touch(a, b, cc, d)) {
                c.add(p, "plan_io.self_intersecting", {std::to_string(i), std::to_string(j)});
                return;
            }
        }
    }
    // A polygon with distinct vertices whose edges neither cross nor overlap encloses some area.
}

bool school_has(SchoolType t, int stage) {
    switch (t) {
        case SchoolType::Primary: return stage == 0;
        case SchoolType::Junior: return stage == 1;
        case SchoolType::Senior: return stage == 2;
        case SchoolType::Complete: return stage != 0;
        case SchoolType::NineYear: return stage != 2;
        case SchoolType::TwelveYear: return true;
    }
    return true;
}

// Sane stair dimensions: riser and tread of any school or public stair (GB 50099 asks schools for
// risers of at most 0.15-0.16 m and treads of at least 0.26-0.28 m; the range here only catches typos).
constexpr double kMinRise = 0.10, kMaxRise = 0.25, kMinRun = 0.20, kMaxRun = 0.45;
constexpr int kMinSteps = 2, kMaxSteps = 60;
constexpr double kStairTolerance = 0.05;  // m: climb and length against the levels and the treads

// The footprint (1 cm in from its edges) and the landings must lie in rooms: the flight and the
// landing before its foot on the lower level, the stairwell and the landing beyond the head on the upper.
void check_stair_rooms(Checker& c, const Stair& st, const Level& level, bool upper, const std::string& p) {
    const StairFrame f = stair_frame(st);
    const double h = std::max(0.0, st.width / 2 - 0.01);
    const double landing = upper ? f.length + kStairLandingDepth : -kStairLandingDepth;
    std::vector<Vec2> probes;
    for (double t : {0.01, f.length / 2, f.length - 0.01, landing})
        for (double s : {-h, 0.0, h}) probes.push_back(st.foot + f.axis * t + f.across * s);
    for (const Vec2& q : probes) {
        const bool inside = std::any_of(level.rooms.begin(), level.rooms.end(),
                                        [&](const Room& r) { return point_in_polygon(q, r.polygon); });
        if (!inside) {
            c.add(p, "plan_io.stair_outside_rooms", {level.id, number_text(std::round(q.x * 100) / 100),
                                                      number_text(std::round(q.y * 100) / 100)});
            return;
        }
    }
}

template <typename Flagged>
void check_stair(Checker& c, const Plan& plan, std::size_t i, const Flagged& flagged) {
    const Stair& st = plan.stairs[i];
    const std::string p = child("/stairs", i);
    c.id(st.id, p + "/id");
    c.point(st.foot, p + "/foot");
    c.point(st.head, p + "/head");
    c.positive(st.width, p + "/width");
    bool sane = !flagged(p);
    if (c.finite(st.rise, p + "/rise") && (st.rise < kMinRise || st.rise > kMaxRise)) {
        c.add(p + "/rise", "plan_io.stair_rise_range", {number_text(st.rise), number_text(kMinRise), number_text(kMaxRise)});
        sane = false;
    }
    if (c.finite(st.run, p + "/run") && (st.run < kMinRun || st.run > kMaxRun)) {
        c.add(p + "/run", "plan_io.stair_run_range", {number_text(st.run), number_text(kMinRun), number_text(kMaxRun)});
        sane = false;
    }
    if (st.steps < kMinSteps || st.steps > kMaxSteps) {
        c.add(p + "/steps", "plan_io.stair_steps_range",
              {std::to_string(st.steps), std::to_string(kMinSteps), std::to_string(kMaxSteps)});
        sane = false;
    }
    const Level* lo = find_level(plan, st.from_level);
    const Level* hi = find_level(plan, st.to_level);
    if (!lo) c.add(p + "/from_level", "plan_io.unknown_level", {st.from_level});
    if (!hi) c.add(p + "/to_level", "plan_io.unknown_level", {st.to_level});
    if (!lo || !hi) return;
    if (lo == hi) {
        c.add(p + "/to_level", "plan_io.stair_same_level", {st.to_level});
        return;
    }
    if (!(hi->elevation > lo->elevation)) {
        c.add(p + "/to_level", "plan_io.stair_not_upward",
              {hi->id, number_text(hi->elevation), lo->id, number_text(lo->elevation)});
        return;
    }
    const bool finite = std::isfinite(st.foot.x) && std::isfinite(st.foot.y) && std::isfinite(st.head.x) &&
                        std::isfinite(st.head.y) && std::isfinite(st.width) && st.width > 0;
    if (!sane || !finite) return;
    const double climb = st.steps * st.rise, dz = hi->elevation - lo->elevation;
    if (std::fabs(climb - dz) > kStairTolerance)
        c.add(p + "/steps", "plan_io.stair_rise_mismatch",
              {std::to_string(st.steps), number_text(st.rise), number_text(std::round(climb * 1000) / 1000), number_text(dz)});
    const double len = stair_frame(st).length, going = (st.steps - 1) * st.run;
    if (std::fabs(len - going) > kStairTolerance) {
        c.add(p + "/head", "plan_io.stair_run_mismatch",
              {number_text(std::round(len * 1000) / 1000), std::to_string(st.steps - 1), number_text(st.run),
               number_text(std::round(going * 1000) / 1000)});
        return;
    }
    check_stair_rooms(c, st, *lo, false, p);
    check_stair_rooms(c, st, *hi, true, p);
}

// `schema` holds the reader's problems: a value the reader could not take kept its default, so
// checks that build on it (a polygon with a defaulted vertex, offsets along a wall with a defaulted
// point) would only repeat the same mistake in other words.
void check_values(const Plan& plan, Problems& problems, const Problems& schema = {}) {
    Checker c(problems);
    auto flagged = [&](const std::string& prefix) {
        return std::any_of(schema.begin(), schema.end(), [&](const Problem& p) {
            return p.pointer == prefix || p.pointer.rfind(prefix + "/", 0) == 0;
        });
    };
    const School& s = plan.school;
    const std::array<std::pair<const char*, int>, 3> stages{
        {{"primary", s.students.primary}, {"junior", s.students.junior}, {"senior", s.students.senior}}};
    for (int k = 0; k < 3; ++k) {
        const std::string sp = std::string("/school/students/") + stages[k].first;
        c.non_negative(stages[k].second, sp);
        if (stages[k].second > 0 && !flagged("/school/type") && !school_has(s.type, k))
            c.add(sp, "plan_io.stage_not_in_school", {to_string(s.type), stages[k].first, std::to_string(stages[k].second)});
    }
    c.non_negative(s.teachers, "/school/teachers");
    c.non_negative(s.classes, "/school/classes");
    if (c.finite(plan.opening_hours_per_week, "/opening_hours_per_week")) {
        c.non_negative(plan.opening_hours_per_week, "/opening_hours_per_week");
        if (plan.opening_hours_per_week > 168)
            c.add("/opening_hours_per_week", "plan_io.too_large", {"168", number_text(plan.opening_hours_per_week)});
    }

    std::map<std::string, std::string> type_ids;  // plan type id → pointer of its first definition
    for (std::size_t i = 0; i < plan.furniture_types.size(); ++i) {
        const PlanFurnitureType& t = plan.furniture_types[i];
        const std::string p = child("/furniture_types", i);
        if (t.id.empty()) c.add(p + "/id", "plan_io.empty_id");
        else if (auto [it, fresh] = type_ids.emplace(t.id, p + "/id"); !fresh)
            c.add(p + "/id", "plan_io.duplicate_type", {t.id, it->second});
        c.positive(t.width, p + "/width");
        c.positive(t.depth, p + "/depth");
        c.positive(t.height, p + "/height");
        for (std::size_t k = 0; k < t.footprint.size(); ++k) c.point(t.footprint[k], child(p + "/footprint", k));
        if (!t.footprint.empty() && t.footprint.size() < 3)
            c.add(p + "/footprint", "plan_io.too_few_footprint_points", {std::to_string(t.footprint.size())});
    }
    for (std::size_t li = 0; li < plan.levels.size(); ++li) {
        const Level& l = plan.levels[li];
        const std::string lp = child("/levels", li);
        c.id(l.id, lp + "/id");
        c.finite(l.elevation, lp + "/elevation");
        for (std::size_t i = 0; i < l.rooms.size(); ++i) {
            const Room& r = l.rooms[i];
            const std::string p = child(lp + "/rooms", i);
            c.id(r.id, p + "/id");
            for (std::size_t k = 0; k < r.polygon.size(); ++k) c.point(r.polygon[k], child(p + "/polygon", k));
            if (!flagged(p + "/polygon")) check_polygon(c, r.polygon, p + "/polygon");
            c.positive(r.clear_height, p + "/clear_height");
        }
        std::map<std::string, double> wall_length;
        bool wall_ids_known = true;  // false when the reader could not take some wall's id
        for (std::size_t i = 0; i < l.walls.size(); ++i) {
            const Wall& w = l.walls[i];
            const std::string p = child(lp + "/walls", i);
            c.id(w.id, p + "/id");
            if (flagged(p + "/id") || std::any_of(schema.begin(), schema.end(), [&](const Problem& q) {
                    return q.pointer == p && q.key != "plan_io.unknown_field";
                }))
                wall_ids_known = false;
            for (std::size_t k = 0; k < w.points.size(); ++k) c.point(w.points[k], child(p + "/points", k));
            if (w.points.size() < 2) c.add(p + "/points", "plan_io.too_few_points", {std::to_string(w.points.size())});
            c.positive(w.thickness, p + "/thickness");
            c.positive(w.height, p + "/height");
            // An unknown length: openings on this wall are not measured against it.
            const bool measurable = w.points.size() >= 2 && !flagged(p + "/points");
            wall_length.emplace(w.id, measurable ? polyline_length(w.points) : std::numeric_limits<double>::quiet_NaN());
        }
        for (std::size_t i = 0; i < l.openings.size(); ++i) {
            const Opening& o = l.openings[i];
            const std::string p = child(lp + "/openings", i);
            c.id(o.id, p + "/id");
            const bool offset_ok = c.finite(o.offset, p + "/offset");
            if (offset_ok) c.non_negative(o.offset, p + "/offset");
            c.positive(o.width, p + "/width");
            c.positive(o.height, p + "/height");
            c.non_negative(o.sill, p + "/sill");
            auto wl = wall_length.find(o.wall);
            if (wl == wall_length.end()) {
                if (wall_ids_known) c.add(p + "/wall", "plan_io.unknown_wall", {o.wall});
            } else if (offset_ok && o.offset >= 0 && std::isfinite(wl->second)) {
                constexpr double kTolerance = 1e-6;  // m; coordinates typed to the millimetre
                const double len = wl->second;
                if (o.offset > len + kTolerance) {
                    c.add(p + "/offset", "plan_io.offset_beyond_wall", {number_text(o.offset), o.wall, number_text(len)});
                } else if (std::isfinite(o.width) && o.width > 0 &&
                           (o.offset - o.width / 2 < -kTolerance || o.offset + o.width / 2 > len + kTolerance)) {
                    c.add(p + "/offset", "plan_io.opening_past_wall_end",
                          {number_text(o.offset - o.width / 2), number_text(o.offset + o.width / 2), o.wall,
                           number_text(len)});
                }
            }
        }
        for (std::size_t i = 0; i < l.furniture.size(); ++i) {
            const Furniture& f = l.furniture[i];
            const std::string p = child(lp + "/furniture", i);
            c.id(f.id, p + "/id");
            c.point(f.position, p + "/position");
            c.finite(f.yaw_deg, p + "/yaw");
            if (f.sections && *f.sections < 1) c.add(p + "/sections", "plan_io.not_positive", {std::to_string(*f.sections)});
        }
    }
    for (std::size_t i = 0; i < plan.stairs.size(); ++i) check_stair(c, plan, i, flagged);
}

void check_types(const Plan& plan, const FurnitureCatalog& catalog, Problems& problems) {
    for (std::size_t i = 0; i < plan.furniture_types.size(); ++i)
        if (catalog.find(plan.furniture_types[i].id))
            problems.push_back(make_problem(child(child("/furniture_types", i), "id"), "plan_io.type_is_catalogue",
                                            {plan.furniture_types[i].id}));
    auto plan_type = [&](const std::string& id) {
        return std::any_of(plan.furniture_types.begin(), plan.furniture_types.end(),
                           [&](const PlanFurnitureType& t) { return t.id == id; });
    };
    for (std::size_t li = 0; li < plan.levels.size(); ++li)
        for (std::size_t i = 0; i < plan.levels[li].furniture.size(); ++i) {
            const Furniture& f = plan.levels[li].furniture[i];
            if (!catalog.find(f.type) && !plan_type(f.type))
                problems.push_back(make_problem(child(child(child("/levels", li) + "/furniture", i), "type"),
                                                "plan_io.unknown_furniture_type", {f.type}));
        }
}

// The whole pipeline; returns the plan read so far and every problem.
Plan read_text(std::string_view text, const FurnitureCatalog& catalog, Problems& problems) {
    Problems duplicates;
    auto doc = parse_json(text, problems, duplicates);
    if (!doc) return {};
    Problems migration = migrate_plan_json(*doc);
    const bool refused = std::any_of(migration.begin(), migration.end(), [](const Problem& p) {
        return p.key == "plan_io.schema_newer" || p.key == "plan_io.schema_older" ||
               (p.pointer.empty() && (p.key == "plan_io.wrong_type" || p.key == "plan_io.missing_field"));
    });
    if (refused) {
        problems.insert(problems.end(), migration.begin(), migration.end());
        return {};  // not a document this program can read at all
    }
    problems.insert(problems.end(), duplicates.begin(), duplicates.end());
    problems.insert(problems.end(), migration.begin(), migration.end());
    Problems schema;
    Plan plan = read_plan(*doc, schema);
    problems.insert(problems.end(), schema.begin(), schema.end());
    check_values(plan, problems, schema);
    check_types(plan, catalog, problems);
    return plan;
}

[[noreturn]] void throw_problem(const std::string& filename, const Problem& p) {
    // Syntax errors have no pointer; their place is the line and column, which the message then
    // need not repeat.
    if (p.pointer.empty() && p.args.size() == 3 && (p.key == "plan_io.json_syntax" || p.key == "plan_io.number_overflow")) {
        const char* key = p.key == "plan_io.json_syntax" ? "plan_io.json_syntax_here" : "plan_io.number_overflow_here";
        throw InputError(filename, "line " + p.args[0] + ", column " + p.args[1],
                         localized_message(make_problem("", key, {p.args[2]})));
    }
    throw InputError(filename, p.pointer, localized_message(p));
}

std::string read_plan_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw InputError(path.string(), "", localized_message(make_problem("", "plan_io.file_not_found")));
    return read_file(path);
}

// ---------------------------------------------------------------------------------------------
// Writing

using ojson = nlohmann::ordered_json;

void require_finite(double v, const std::string& p) {
    if (!std::isfinite(v)) throw InputError("", p, localized_message(make_problem(p, "plan_io.not_finite")));
}

ojson point_json(Vec2 v, const std::string& p) {
    require_finite(v.x, p + "/0");
    require_finite(v.y, p + "/1");
    return ojson::array({v.x, v.y});
}

ojson points_json(const std::vector<Vec2>& pts, const std::string& p) {
    ojson a = ojson::array();
    for (std::size_t i = 0; i < pts.size(); ++i) a.push_back(point_json(pts[i], child(p, i)));
    return a;
}

ojson num(double v, const std::string& p) {
    require_finite(v, p);
    return v;
}

ojson to_json(const Plan& plan) {
    ojson doc;
    doc["schema_version"] = kSchemaVersion;
    const School& s = plan.school;
    doc["school"] = {
        {"name", s.name},
        {"type", to_string(s.type)},
        {"region", s.region},
        {"students", {{"primary", s.students.primary}, {"junior", s.students.junior}, {"senior", s.students.senior}}},
        {"teachers", s.teachers},
        {"classes", s.classes},
    };
    doc["opening_hours_per_week"] = num(plan.opening_hours_per_week, "/opening_hours_per_week");
    doc["notes"] = plan.notes;
    ojson levels = ojson::array();
    for (std::size_t li = 0; li < plan.levels.size(); ++li) {
        const Level& l = plan.levels[li];
        const std::string lp = child("/levels", li);
        ojson lj;
        lj["id"] = l.id;
        lj["name"] = l.name;
        lj["elevation"] = num(l.elevation, lp + "/elevation");
        ojson rooms = ojson::array();
        for (std::size_t i = 0; i < l.rooms.size(); ++i) {
            const Room& r = l.rooms[i];
            const std::string p = child(lp + "/rooms", i);
            rooms.push_back({{"id", r.id},
                             {"name", r.name},
                             {"kind", to_string(r.kind)},
                             {"for_teachers", r.for_teachers},
                             {"clear_height", num(r.clear_height, p + "/clear_height")},
                             {"polygon", points_json(r.polygon, p + "/polygon")}});
            // Written only when not the default, so that plans without it read and write back unchanged.
            if (r.stacks != StackArrangement::Open) rooms.back()["stack_arrangement"] = to_string(r.stacks);
        }
        lj["rooms"] = std::move(rooms);
        ojson walls = ojson::array();
        for (std::size_t i = 0; i < l.walls.size(); ++i) {
            const Wall& w = l.walls[i];
            const std::string p = child(lp + "/walls", i);
            walls.push_back({{"id", w.id},
                             {"thickness", num(w.thickness, p + "/thickness")},
                             {"height", num(w.height, p + "/height")},
                             {"points", points_json(w.points, p + "/points")}});
        }
        lj["walls"] = std::move(walls);
        ojson openings = ojson::array();
        for (std::size_t i = 0; i < l.openings.size(); ++i) {
            const Opening& o = l.openings[i];
            const std::string p = child(lp + "/openings", i);
            openings.push_back({{"id", o.id},
                                {"kind", to_string(o.kind)},
                                {"wall", o.wall},
                                {"offset", num(o.offset, p + "/offset")},
                                {"width", num(o.width, p + "/width")},
                                {"height", num(o.height, p + "/height")},
                                {"sill", num(o.sill, p + "/sill")},
                                {"swing", to_string(o.swing)},
                                {"opens_to", to_string(o.opens_to)},
                                {"entrance", o.entrance}});
        }
        lj["openings"] = std::move(openings);
        ojson furniture = ojson::array();
        for (std::size_t i = 0; i < l.furniture.size(); ++i) {
            const Furniture& f = l.furniture[i];
            const std::string p = child(lp + "/furniture", i);
            ojson fj;
            fj["id"] = f.id;
            fj["type"] = f.type;
            fj["position"] = point_json(f.position, p + "/position");
            fj["yaw"] = num(f.yaw_deg, p + "/yaw");
            fj["label"] = f.label;
            if (f.sections) fj["sections"] = *f.sections;
            furniture.push_back(std::move(fj));
        }
        lj["furniture"] = std::move(furniture);
        levels.push_back(std::move(lj));
    }
    doc["levels"] = std::move(levels);
    // Written only when present, so that plans without imported models read as before.
    if (!plan.furniture_types.empty()) {
        ojson types = ojson::array();
        for (std::size_t i = 0; i < plan.furniture_types.size(); ++i) {
            const PlanFurnitureType& t = plan.furniture_types[i];
            const std::string p = child("/furniture_types", i);
            ojson tj;
            tj["id"] = t.id;
            tj["name_zh"] = t.name_zh;
            tj["name_en"] = t.name_en;
            tj["category"] = t.category;
            tj["width"] = num(t.width, p + "/width");
            tj["depth"] = num(t.depth, p + "/depth");
            tj["height"] = num(t.height, p + "/height");
            if (!t.footprint.empty()) tj["footprint"] = points_json(t.footprint, p + "/footprint");
            tj["model"] = t.model;
            types.push_back(std::move(tj));
        }
        doc["furniture_types"] = std::move(types);
    }
    // Written only when present, like furniture_types.
    if (!plan.stairs.empty()) {
        ojson stairs = ojson::array();
        for (std::size_t i = 0; i < plan.stairs.size(); ++i) {
            const Stair& st = plan.stairs[i];
            const std::string p = child("/stairs", i);
            ojson sj;
            sj["id"] = st.id;
            sj["name"] = st.name;
            sj["from_level"] = st.from_level;
            sj["to_level"] = st.to_level;
            sj["foot"] = point_json(st.foot, p + "/foot");
            sj["head"] = point_json(st.head, p + "/head");
            sj["width"] = num(st.width, p + "/width");
            sj["rise"] = num(st.rise, p + "/rise");
            sj["run"] = num(st.run, p + "/run");
            sj["steps"] = st.steps;
            stairs.push_back(std::move(sj));
        }
        doc["stairs"] = std::move(stairs);
    }
    return doc;
}

std::string scalar_text(const ojson& j) {
    // Invalid UTF-8 in a name must not stop a save: replace it rather than throw.
    return j.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

// Pretty printing with 2-space indent; short arrays of numbers ([x, y] points) stay on one line.
void write(const ojson& j, std::string& out, int indent) {
    const std::string pad(static_cast<std::size_t>(indent + 2), ' ');
    const std::string end_pad(static_cast<std::size_t>(indent), ' ');
    if (j.is_object()) {
        if (j.empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        bool first = true;
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (!first) out += ",\n";
            first = false;
            out += pad + scalar_text(ojson(it.key())) + ": ";
            write(it.value(), out, indent + 2);
        }
        out += "\n" + end_pad + "}";
    } else if (j.is_array()) {
        if (j.empty()) {
            out += "[]";
            return;
        }
        const bool inline_numbers =
            j.size() <= 4 && std::all_of(j.begin(), j.end(), [](const ojson& e) { return e.is_number(); });
        if (inline_numbers) {
            out += "[";
            for (std::size_t i = 0; i < j.size(); ++i) out += (i ? ", " : "") + scalar_text(j[i]);
            out += "]";
            return;
        }
        out += "[\n";
        for (std::size_t i = 0; i < j.size(); ++i) {
            if (i) out += ",\n";
            out += pad;
            write(j[i], out, indent + 2);
        }
        out += "\n" + end_pad + "]";
    } else {
        out += scalar_text(j);
    }
}

void normalise(Plan& plan) {
    // The model promises counter-clockwise rooms; files written by hand may go either way.
    for (Level& l : plan.levels)
        for (Room& r : l.rooms)
            if (signed_area(r.polygon) < 0) std::reverse(r.polygon.begin(), r.polygon.end());
}

}  // namespace

Plan plan_from_json_text(std::string_view text, const std::string& filename, const FurnitureCatalog& catalog) {
    Problems problems;
    Plan plan = read_text(text, catalog, problems);
    if (!problems.empty()) throw_problem(filename, problems.front());
    normalise(plan);
    return plan;
}

Plan plan_from_json_text(std::string_view text, const std::string& filename) {
    return plan_from_json_text(text, filename, FurnitureCatalog::builtin());
}

Plan load_plan(const std::filesystem::path& path, const FurnitureCatalog& catalog) {
    Plan plan = plan_from_json_text(read_plan_file(path), path.string(), catalog);
    // Model files are written relative to the plan's folder so that the two can move together.
    for (PlanFurnitureType& t : plan.furniture_types) {
        const std::filesystem::path m = std::filesystem::path(t.model);
        if (!t.model.empty() && m.is_relative()) t.model = (path.parent_path() / m).lexically_normal().string();
    }
    return plan;
}

Plan load_plan(const std::filesystem::path& path) { return load_plan(path, FurnitureCatalog::builtin()); }

std::string plan_to_json_text(const Plan& plan) {
    std::string out;
    write(to_json(plan), out, 0);
    out += "\n";
    return out;
}

void save_plan(const std::filesystem::path& path, const Plan& plan) {
    std::string text;
    try {
        if (plan.furniture_types.empty()) {
            text = plan_to_json_text(plan);
        } else {
            Plan relative = plan;
            std::error_code ec;
            const auto dir = std::filesystem::absolute(path, ec).parent_path();
            for (PlanFurnitureType& t : relative.furniture_types) {
                const std::filesystem::path m(t.model);
                if (t.model.empty() || m.is_relative()) continue;
                const auto rel = m.lexically_normal().lexically_relative(dir);
                if (!rel.empty()) t.model = rel.generic_string();
            }
            text = plan_to_json_text(relative);
        }
    } catch (const InputError& e) {
        throw InputError(path.string(), e.where(), e.message());
    }
    atomic_write_file(path, text);
}

std::vector<Problem> validate_plan_text(std::string_view text, const FurnitureCatalog& catalog) {
    Problems problems;
    read_text(text, catalog, problems);
    return problems;
}

std::vector<Problem> validate_plan_text(std::string_view text) {
    return validate_plan_text(text, FurnitureCatalog::builtin());
}

std::vector<Problem> validate_plan_file(const std::filesystem::path& path, const FurnitureCatalog& catalog) {
    std::string text;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return {make_problem("", "plan_io.file_not_found")};
    try {
        text = read_file(path);
    } catch (const InputError& e) {
        return {make_problem("", "plan_io.cannot_read", {e.message()})};
    }
    return validate_plan_text(text, catalog);
}

std::vector<Problem> validate_plan_file(const std::filesystem::path& path) {
    return validate_plan_file(path, FurnitureCatalog::builtin());
}

std::vector<Problem> check_plan_values(const Plan& plan) {
    Problems problems;
    check_values(plan, problems);
    return problems;
}

std::vector<Problem> check_furniture_types(const Plan& plan, const FurnitureCatalog& catalog) {
    Problems problems;
    check_types(plan, catalog, problems);
    return problems;
}

std::vector<Problem> validate_plan(const Plan& plan, const FurnitureCatalog& catalog) {
    Problems problems = check_plan_values(plan);
    check_types(plan, catalog, problems);
    return problems;
}

std::vector<Problem> validate_plan(const Plan& plan) { return validate_plan(plan, FurnitureCatalog::builtin()); }

}  // namespace shuxiang::plan
