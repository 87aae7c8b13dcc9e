#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/standards/compliance.hpp"

namespace shuxiang::standards {

namespace {

using plan::RoomKind;

std::string fmt(double v, int decimals = 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

bool is_library_room(RoomKind k) {
    return k != RoomKind::ClassroomCorner && k != RoomKind::ReadingCorridor && k != RoomKind::OutdoorReading &&
           k != RoomKind::Circulation;
}

bool is_student_seating(const plan::RoomStats& r, const plan::Room& room) {
    if (room.for_teachers) return false;
    switch (r.kind) {
        case RoomKind::Reading:
        case RoomKind::Periodicals:
        case RoomKind::AudioVisual:
        case RoomKind::Research:
        case RoomKind::Rest: return true;
        default: return false;
    }
}

struct Ctx {
    const plan::Plan& plan;
    const plan::FurnitureCatalog& catalog;
    const HoldingsSummary* holdings;
    const RuleSet& rules;
    Checklist& out;
    plan::PlanSummary summary;

    const plan::Room* room(const plan::RoomStats& r) const {
        const plan::Level* l = plan::find_level(plan, r.level);
        return l ? plan::find_room(*l, r.room) : nullptr;
    }
    Marker marker_of(const plan::RoomStats& r) const {
        Marker m{r.level, 0, 0, r.room};
        if (auto* room = this->room(r)) {
            auto c = plan::polygon_centroid(room->polygon);
            m.x = c.x;
            m.y = c.y;
        }
        return m;
    }

    Check make(const std::string& id, const std::string& group, const std::string& unit, const std::string& figure_key) const {
        Check c;
        c.id = id;
        c.group = group;
        c.unit = unit;
        c.title_key = "check." + id;
        if (auto* f = rules.figure(figure_key)) {
            c.source = f->source;
            c.source_en = f->source_en;
            c.confidence = f->confidence;
        }
        return c;
    }
    void push(Check c) { out.checks.push_back(std::move(c)); }
    // Pushes a check computed with figures `missing` from the profile as not assessable instead.
    void push_checked(Check c, const std::vector<std::string>& missing) {
        if (!missing.empty()) {
            not_assessable_missing(c, missing, rules);
            c.markers.clear();
        }
        push(std::move(c));
    }
    // A figure's value, or 0 with its key added to `missing` when the profile lacks it.
    double need(const std::string& key, std::vector<std::string>& missing) const {
        if (auto* f = rules.figure(key)) return f->value;
        missing.push_back(key);
        return 0;
    }
    // The rows of `prefix` for the school's stages: ".primary" for its pupils, ".secondary" for the rest.
    std::vector<const Figure*> stage_rows(const std::string& prefix, double primary) const {
        std::vector<const Figure*> rows;
        if (primary > 0) rows.push_back(rules.figure(prefix + ".primary"));
        if (primary < 1) rows.push_back(rules.figure(prefix + ".secondary"));
        return rows;
    }
    // A city-encouraged check is a recommendation unless the profile makes it required.
    void recommend(Check& c) const { c.recommended = !rules.policy().makes_required(c.id); }
};

void check_functions(Ctx& x) {
    // 藏 借 阅 研 休: the reading function is met by a reading room or a periodicals room.
    struct Fn {
        const char* name;
        std::vector<RoomKind> kinds;
    };
    const std::vector<Fn> fns = {{"stacks", {RoomKind::Stacks}},
                                 {"lending", {RoomKind::Lending}},
                                 {"reading", {RoomKind::Reading, RoomKind::Periodicals}},
                                 {"research", {RoomKind::Research}},
                                 {"rest", {RoomKind::Rest}}};
    Check c = x.make("space.functions", "space", "functions", "");
    c.source = "岳教体办通〔2023〕12号：集“藏、借、阅、研、休”为一体的现代化中小学图书馆";
    c.confidence = Confidence::Official;
    x.recommend(c);
    c.comparison = ">=";
    c.required = 5;
    std::vector<std::string> missing;
    for (auto& fn : fns) {
        bool present = std::any_of(x.summary.rooms.begin(), x.summary.rooms.end(), [&](const plan::RoomStats& r) {
            return r.area > 0 && std::find(fn.kinds.begin(), fn.kinds.end(), r.kind) != fn.kinds.end();
        });
        if (present) c.measured += 1;
        else missing.push_back(std::string("@plan.room_kind.") + fn.name);
    }
    c.status = c.measured >= 5 ? Status::Pass : c.measured >= 4 ? Status::Warning : Status::Fail;
    if (!missing.empty()) {
        c.advice_key = "advice.space.functions";
        std::string list;
        for (auto& m : missing) list += (list.empty() ? "" : "|") + m;
        c.advice_args = {list};
        c.note = "missing: " + list;
    }
    x.push(std::move(c));
}

void check_seats(Ctx& x) {
    const auto& s = x.plan.school;
    const double primary = primary_share(s);
    const double students = s.students.total();
    int student_seats = 0, teacher_seats = 0;
    for (auto& r : x.summary.rooms) {
        auto* room = x.room(r);
        if (!room || !is_library_room(r.kind)) continue;
        if (room->for_teachers) teacher_seats += r.seats;
        else if (is_student_seating(r, *room)) student_seats += r.seats;
    }
    {
        Check c = x.make("space.student_seats", "space", "seats",
                         primary >= 1 ? "seats.students_per_seat.primary" : "seats.students_per_seat.secondary");
        c.comparison = ">=";
        cite(c, x.stage_rows("seats.students_per_seat", primary));
        c.derived = primary > 0 && primary < 1;
        if (c.derived) c.rule_key = "standards.rule.seats_weighted";
        std::vector<std::string> missing;
        double per_p = primary > 0 ? x.need("seats.students_per_seat.primary", missing) : 1;
        double per_s = primary < 1 ? x.need("seats.students_per_seat.secondary", missing) : 1;
        c.measured = student_seats;
        if (!missing.empty()) {
            not_assessable_missing(c, missing, x.rules);
        } else if (students <= 0) {
            c.status = Status::NotAssessable;
            c.note = "the plan gives no student numbers";
        } else {
            c.required = std::ceil(students * primary / per_p + students * (1 - primary) / per_s - 1e-9);
            c.status = at_least(c.measured, c.required, x.rules);
            if (c.status != Status::Pass) {
                c.advice_key = "advice.space.student_seats";
                c.advice_args = {fmt(c.required - c.measured), fmt(std::ceil((c.required - c.measured) / 6 - 1e-9))};
            }
        }
        x.push(std::move(c));
    }
    {
        Check c = x.make("space.teacher_seats", "space", "seats", "seats.teachers_per_seat");
        c.comparison = ">=";
        std::vector<std::string> missing;
        double per_t = x.need("seats.teachers_per_seat", missing);
        c.measured = teacher_seats;
        if (!missing.empty()) {
            not_assessable_missing(c, missing, x.rules);
        } else if (s.teachers <= 0) {
            c.status = Status::NotAssessable;
            c.note = "the plan gives no number of teachers";
        } else {
            c.required = std::ceil(s.teachers / per_t - 1e-9);
            c.status = at_least(c.measured, c.required, x.rules);
            if (c.status != Status::Pass) {
                c.advice_key = "advice.space.teacher_seats";
                c.advice_args = {fmt(c.required - c.measured), fmt(std::ceil((c.required - c.measured) / 4 - 1e-9))};
            }
        }
        x.push(std::move(c));
    }
    {
        // Area per seat of each reading room against GB 50099 Table 7.1.1; the worst room decides.
        std::vector<std::string> missing;
        const double primary_m2 = primary > 0 ? x.need("area.per_seat.student_reading.primary", missing) : 0;
        const double secondary_m2 = primary < 1 ? x.need("area.per_seat.student_reading.secondary", missing) : 0;
        const double teacher_m2 = x.need("area.per_seat.teacher_reading", missing);
        const double student_m2 = primary * primary_m2 + (1 - primary) * secondary_m2;
        Check c = x.make("space.area_per_seat", "space", "m2/seat",
                         primary >= 1 ? "area.per_seat.student_reading.primary"
                                      : "area.per_seat.student_reading.secondary");
        c.comparison = ">=";
        auto rows = x.stage_rows("area.per_seat.student_reading", primary);
        for (auto& r : x.summary.rooms)
            if (auto* room = x.room(r); room && room->for_teachers && r.kind == RoomKind::Reading && r.seats > 0) {
                rows.push_back(x.rules.figure("area.per_seat.teacher_reading"));
                break;
            }
        cite(c, rows);
        c.derived = primary > 0 && primary < 1;
        if (c.derived) c.rule_key = "standards.rule.seats_weighted";
        double worst_ratio = INFINITY;
        for (auto& r : x.summary.rooms) {
            auto* room = x.room(r);
            if (!room || r.kind != RoomKind::Reading || r.seats <= 0) continue;
            double need = room->for_teachers ? teacher_m2 : student_m2;
            double per_seat = r.area / r.seats;
            if (per_seat / need < worst_ratio) {
                worst_ratio = per_seat / need;
                c.measured = per_seat;
                c.required = need;
            }
            if (per_seat < need) c.markers.push_back(x.marker_of(r));
        }
        if (!missing.empty()) {
            not_assessable_missing(c, missing, x.rules);
            c.markers.clear();
        } else if (!std::isfinite(worst_ratio)) {
            c.status = Status::NotAssessable;
            c.required = student_m2;
            c.note = "no reading room with seats";
        } else {
            c.status = at_least(c.measured, c.required, x.rules);
            if (c.status != Status::Pass) {
                c.advice_key = "advice.space.area_per_seat";
                c.advice_args = {fmt(c.measured, 2), fmt(c.required, 2)};
            }
        }
        x.push(std::move(c));
    }
}

// Books the plan's shelving holds when full (book_places() of every piece).
struct ShelfCapacity {
    double books = 0;
    double metres = 0;
    std::vector<std::string> missing;
};

ShelfCapacity shelf_capacity(const Ctx& x) {
    ShelfCapacity cap;
    for (auto& level : x.plan.levels)
        for (auto& f : level.furniture)
            if (const plan::FurnitureType* t = x.catalog.find(f.type)) {
                const BookPlaces b = book_places(f, *t, x.rules, cap.missing);
                cap.books += b.books;
                cap.metres += b.metres;
            }
    std::sort(cap.missing.begin(), cap.missing.end());
    cap.missing.erase(std::unique(cap.missing.begin(), cap.missing.end()), cap.missing.end());
    return cap;
}

Check stack_capacity_check(const Ctx& x, double need, double fill) {
    Check c = x.make("space.stack_capacity", "space", "books", "stacks.book_thickness.general");
    c.comparison = ">=";
    c.required = need;
    c.derived = true;
    ShelfCapacity cap = shelf_capacity(x);
    c.measured = std::floor(cap.books * fill + 1e-9);
    c.note = "capacity = Σ sections × ⌊section width × shelf levels ÷ book thickness⌋ = " + fmt(cap.books) +
             " books on " + fmt(cap.metres, 1) + " m of shelf × working fill " + fmt(fill, 2);
    if (!cap.missing.empty()) {
        not_assessable_missing(c, cap.missing, x.rules);
    } else if (need <= 0) {
        c.status = Status::NotAssessable;
        c.note = "neither holdings nor student numbers given";
    } else {
        c.status = at_least(c.measured, c.required, x.rules);
        if (c.status != Status::Pass) {
            // Metres of general shelving that hold the shortfall at the working fill.
            double thickness = x.rules.value("stacks.book_thickness.general", 0.025);
            c.advice_key = "advice.space.stack_capacity";
            c.advice_args = {fmt(std::ceil((c.required - c.measured) / fill * thickness - 1e-9), 0)};
        }
    }
    return c;
}

// The stack rooms' area at the books per m² of each room's arrangement (open 400, closed 500,
// compact 800 in the national profile) against the books the shelves must hold.
Check stack_area_check(const Ctx& x, double need) {
    Check c = x.make("space.stack_area", "space", "books", "stacks.books_per_m2.open");
    c.comparison = ">=";
    c.required = need;
    std::vector<std::string> missing;
    std::vector<const Figure*> used;
    double area = 0, books = 0;
    for (const auto& l : x.plan.levels)
        for (const auto& r : l.rooms) {
            if (r.kind != RoomKind::Stacks) continue;
            const std::string key = stack_density_key(r.stacks);
            const double per_m2 = x.need(key, missing);
            const double a = plan::room_area(l, r);
            area += a;
            books += a * per_m2;
            if (const Figure* f = x.rules.figure(key); f && std::find(used.begin(), used.end(), f) == used.end())
                used.push_back(f);
        }
    std::sort(missing.begin(), missing.end());
    missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
    if (used.size() > 1 || (used.size() == 1 && used.front()->key != "stacks.books_per_m2.open")) cite(c, used);
    c.measured = std::floor(books + 1e-9);
    c.note = "stack rooms " + fmt(area, 1) + " m² × books/m² of each room's arrangement (open, closed, compact)";
    const double per_m2 = area > 0 ? books / area : 0;
    if (!missing.empty()) {
        not_assessable_missing(c, missing, x.rules);
    } else if (need <= 0) {
        c.status = Status::NotAssessable;
        c.note = "neither holdings nor student numbers given";
    } else {
        c.status = at_least(c.measured, c.required, x.rules);
        if (c.status != Status::Pass) {
            c.advice_key = "advice.space.stack_area";
            c.advice_args = {fmt((c.required - c.measured) / (per_m2 > 0 ? per_m2 : x.rules.value("stacks.books_per_m2.open", 400)), 1)};
        }
    }
    return c;
}

// Each stack room's shelving (places when full) per m² against the density its arrangement is
// planned for: a room packed beyond it holds more than its area (and floor) was planned for. The
// check reports the densest room relative to its figure; every room over its figure is marked.
Check stack_density_check(const Ctx& x) {
    Check c = x.make("space.stack_density", "space", "books/m2", "stacks.books_per_m2.open");
    c.comparison = "<=";
    std::vector<std::string> missing;
    const auto rooms = stack_densities(x.plan, x.catalog, x.rules, missing);
    double worst = -1;
    for (const auto& d : rooms) {
        if (!d.figure || d.figure->value <= 0) continue;
        const double ratio = d.per_m2 / d.figure->value;
        if (ratio > worst) {
            worst = ratio;
            c.measured = std::round(d.per_m2);
            c.required = d.figure->value;
            c.source = d.figure->source;
            c.source_en = d.figure->source_en;
            c.confidence = d.figure->confidence;
        }
        if (d.per_m2 > d.figure->value + 1e-9) {
            const auto centre = plan::polygon_centroid(d.room->polygon);
            c.markers.push_back({d.level->id, centre.x, centre.y, d.room->id});
        }
    }
    if (!missing.empty()) {
        not_assessable_missing(c, missing, x.rules);
        c.markers.clear();
    } else if (worst < 0) {
        c.status = Status::NotAssessable;
        c.note = "no stack room with shelving";
    } else {
        c.status = c.markers.empty() ? Status::Pass : Status::Fail;
        if (!c.markers.empty()) {
            c.advice_key = "advice.space.stack_density";
            c.advice_args = {std::to_string(c.markers.size())};
        }
    }
    return c;
}

void check_stacks(Ctx& x) {
    // What the shelves must hold: the collection the school has, or the one the standard asks for.
    Requirement req = required_books(x.plan.school, x.rules);
    double need = req.value;
    if (x.holdings) need = std::max(need, double(x.holdings->books));
    std::vector<std::string> fill_missing;
    const double fill = x.need("stacks.working_fill", fill_missing);
    x.push_checked(stack_capacity_check(x, need, fill), fill_missing);
    x.push(stack_area_check(x, need));
    x.push(stack_density_check(x));
}

void check_rooms(Ctx& x) {
    auto area_of = [&](RoomKind k) {
        double a = 0;
        for (auto& r : x.summary.rooms)
            if (r.kind == k) a += r.area;
        return a;
    };
    {
        Check c = x.make("space.lending_area", "space", "m2", "area.lending_min");
        c.comparison = ">=";
        std::vector<std::string> missing;
        c.required = x.need("area.lending_min", missing);
        c.measured = area_of(RoomKind::Lending);
        c.status = c.measured >= c.required ? Status::Pass : Status::Fail;
        if (c.status != Status::Pass) c.advice_key = "advice.space.lending_area";
        if (!missing.empty()) not_assessable_missing(c, missing, x.rules);
        x.push(std::move(c));
    }
    {
        Check c = x.make("space.audio_visual", "space", "m2", "");
        c.source = "GB 50099-2011 5.13.1 / 5.13.3-3：图书室应设视听阅览室";
        c.confidence = Confidence::Secondary;
        c.comparison = "present";
        c.required = 1;
        c.measured = area_of(RoomKind::AudioVisual);
        c.status = c.measured > 0 ? Status::Pass : Status::Fail;
        if (c.status != Status::Pass) c.advice_key = "advice.space.audio_visual";
        x.push(std::move(c));
    }
    const std::string notice = "岳教体办通〔2023〕12号：积极打造教室图书角、阅读走廊、户外阅读区等泛在阅读空间";
    {
        // The notice asks for classroom book corners as part of ubiquitous reading, with no number:
        // one corner passes; fewer corners than classes is reported in the note, not failed.
        Check c = x.make("space.classroom_corners", "space", "", "");
        c.source = notice;
        c.confidence = Confidence::Official;
        x.recommend(c);
        c.comparison = ">=";
        c.required = 1;
        c.measured = double(std::count_if(x.summary.rooms.begin(), x.summary.rooms.end(),
                                          [](auto& r) { return r.kind == RoomKind::ClassroomCorner; }));
        if (x.plan.school.classes > 0)
            c.note = fmt(c.measured) + " corners for " + std::to_string(x.plan.school.classes) + " classes";
        c.status = c.measured >= 1 ? Status::Pass : Status::Fail;
        if (c.status != Status::Pass) c.advice_key = "advice.space.classroom_corners";
        x.push(std::move(c));
    }
    for (auto [id, kind] : {std::pair{"space.reading_corridor", RoomKind::ReadingCorridor},
                            std::pair{"space.outdoor_reading", RoomKind::OutdoorReading}}) {
        Check c = x.make(id, "space", "m2", "");
        c.source = notice;
        c.confidence = Confidence::Official;
        x.recommend(c);
        c.comparison = "present";
        c.required = 1;
        c.measured = area_of(kind);
        c.status = c.measured > 0 ? Status::Pass : Status::Fail;
        if (c.status != Status::Pass) c.advice_key = "advice." + std::string(id);
        x.push(std::move(c));
    }
    {
        Check c = x.make("safety.clear_height", "safety", "m", "height.stacks_clear_min");
        c.comparison = ">=";
        std::vector<std::string> missing;
        c.required = x.need("height.stacks_clear_min", missing);
        double worst = INFINITY;
        for (auto& r : x.summary.rooms) {
            auto* room = x.room(r);
            if (!room || r.kind != RoomKind::Stacks) continue;
            worst = std::min(worst, room->clear_height);
            if (room->clear_height < c.required) c.markers.push_back(x.marker_of(r));
        }
        if (!missing.empty()) {
            not_assessable_missing(c, missing, x.rules);
            c.markers.clear();
        } else if (!std::isfinite(worst)) {
            c.status = Status::NotAssessable;
            c.note = "no stack room";
        } else {
            c.measured = worst;
            c.status = worst >= c.required ? Status::Pass : Status::Fail;
            if (c.status != Status::Pass) c.advice_key = "advice.safety.clear_height";
        }
        x.push(std::move(c));
    }
}

void check_safety(Ctx& x) {
    const std::vector<plan::Aisle> fixed = fixed_aisles(x.plan, x.catalog);
    for (auto [id, walls, key] : {std::tuple{"safety.aisles", false, "aisle.between_ranges.open"},
                                  std::tuple{"safety.wall_aisles", true, "aisle.range_to_wall.open"}}) {
        Check c = x.make(id, "safety", "m", key);
        std::vector<std::string> missing;
        const double need = x.need(key, missing);
        c.comparison = ">=";
        c.required = need;
        double narrowest = INFINITY;
        int narrow = 0;
        for (auto& a : fixed) {
            if (a.b_is_wall != walls) continue;
            narrowest = std::min(narrowest, a.width);
            if (a.width < need - 1e-9) {
                ++narrow;
                c.markers.push_back({a.level, a.midpoint.x, a.midpoint.y, a.a});
            }
        }
        if (!std::isfinite(narrowest)) {
            c.status = Status::NotAssessable;
            c.note = walls ? "no shelving along a wall" : "no aisle between shelving ranges";
        } else {
            c.measured = narrowest;
            c.status = narrow == 0 ? Status::Pass : Status::Fail;
            if (narrow) {
                c.advice_key = "advice." + std::string(id);
                c.advice_args = {std::to_string(narrow), fmt(need, 2)};
            }
        }
        x.push_checked(std::move(c), missing);
    }

    // Exits of the library: on the level holding most of the library's area, the entrances and
    // emergency exits. Each needs 0.9 m; together they must pass the occupants at 0.7 m / 100.
    std::map<std::string, double> level_area;
    std::map<std::string, int> level_seats;
    for (auto& r : x.summary.rooms)
        if (is_library_room(r.kind)) {
            level_area[r.level] += r.area;
            level_seats[r.level] += r.seats;
        }
    std::string lib_level;
    double best = 0;
    for (auto& [l, a] : level_area)
        if (a > best) {
            best = a;
            lib_level = l;
        }
    const plan::Level* level = plan::find_level(x.plan, lib_level);
    std::vector<std::string> missing;
    const double door_min = x.need("evacuation.exit_door_min_width", missing);
    int exits = 0;
    double width = 0;
    std::vector<Marker> narrow_doors;
    if (level)
        for (auto& op : level->openings) {
            if (!(op.entrance || op.kind == plan::OpeningKind::EmergencyExit)) continue;
            if (op.kind == plan::OpeningKind::Window) continue;
            if (op.width + 1e-9 < door_min) {
                Marker m{level->id, 0, 0, op.id};
                if (auto* w = plan::find_wall(*level, op.wall))
                    if (auto pp = plan::point_along_polyline(w->points, op.offset)) {
                        m.x = pp->point.x;
                        m.y = pp->point.y;
                    }
                narrow_doors.push_back(m);
                continue;
            }
            ++exits;
            width += op.width;
        }
    {
        Check c = x.make("safety.exits", "safety", "exits", "evacuation.min_exits");
        c.comparison = ">=";
        auto exit_missing = missing;
        c.required = x.need("evacuation.min_exits", exit_missing);
        c.markers = narrow_doors;
        if (!level) {
            c.status = Status::NotAssessable;
            c.note = "no library rooms";
        } else {
            c.measured = exits;
            c.status = exits >= c.required ? Status::Pass : Status::Fail;
            if (c.status != Status::Pass) c.advice_key = "advice.safety.exits";
        }
        x.push_checked(std::move(c), exit_missing);
    }
    {
        Check c = x.make("safety.evacuation_width", "safety", "m", "evacuation.width_per_100_persons");
        c.comparison = ">=";
        const double per100 = x.need("evacuation.width_per_100_persons", missing);
        const double streams = x.need("evacuation.min_streams", missing) * x.need("evacuation.stream_width", missing);
        int occupants = level ? level_seats[lib_level] : 0;
        c.required = std::max(streams, occupants / 100.0 * per100);
        c.derived = true;
        c.note = std::to_string(occupants) + " occupants (seats) × " + fmt(per100, 2) + " m per 100, at least " +
                 fmt(streams, 2) + " m";
        if (!level) {
            c.status = Status::NotAssessable;
            c.note = "no library rooms";
        } else {
            c.measured = width;
            c.status = width + 1e-9 >= c.required ? Status::Pass : Status::Fail;
            if (c.status != Status::Pass) {
                c.advice_key = "advice.safety.evacuation_width";
                c.advice_args = {fmt(c.required - c.measured, 2)};
            }
        }
        x.push_checked(std::move(c), missing);
    }
    {
        Check c = x.make("safety.overlaps", "safety", "items", "");
        c.source = "平面几何：家具占地不得重叠";
        c.source_en = "Plan geometry: furniture footprints must not overlap";
        c.confidence = Confidence::Official;
        c.comparison = "<=";
        c.required = 0;
        c.measured = double(x.summary.overlaps.size());
        for (auto& o : x.summary.overlaps) {
            const plan::Level* l = plan::find_level(x.plan, o.level);
            const plan::Furniture* f = l ? plan::find_furniture(*l, o.a) : nullptr;
            if (f) c.markers.push_back({o.level, f->position.x, f->position.y, o.a});
        }
        c.status = x.summary.overlaps.empty() ? Status::Pass : Status::Fail;
        if (c.status != Status::Pass) c.advice_key = "advice.safety.overlaps";
        x.push(std::move(c));
    }
    {
        Check c = x.make("safety.reachable", "safety", "", "");
        c.source = "平面几何：每个房间都能经门从入口到达";
        c.source_en = "Plan geometry: every room reachable from an entrance through doors";
        c.confidence = Confidence::Official;
        c.comparison = "<=";
        c.required = 0;
        c.measured = double(x.summary.reach.unreachable.size());
        for (auto& ref : x.summary.reach.unreachable)
            for (auto& r : x.summary.rooms)
                if (r.level == ref.level && r.room == ref.room) c.markers.push_back(x.marker_of(r));
        bool any_entrance = x.summary.reach.reachable.size() + x.summary.reach.unreachable.size() > 0;
        if (!any_entrance) {
            c.status = Status::NotAssessable;
            c.note = "no entrance marked on any level";
        } else {
            c.status = x.summary.reach.unreachable.empty() ? Status::Pass : Status::Fail;
            if (c.status != Status::Pass) c.advice_key = "advice.safety.reachable";
        }
        x.push(std::move(c));
    }
}

void check_service(Ctx& x) {
    Check c = x.make("service.opening_hours", "service", "h/week", "hours.per_week_min");
    c.comparison = ">=";
    std::vector<std::string> missing;
    c.required = x.need("hours.per_week_min", missing);
    if (!missing.empty()) {
        not_assessable_missing(c, missing, x.rules);
    } else if (x.plan.opening_hours_per_week <= 0) {
        c.status = Status::NotAssessable;
        c.note = "the plan gives no opening hours";
    } else {
        c.measured = x.plan.opening_hours_per_week;
        c.status = at_least(c.measured, c.required, x.rules);
        if (c.status != Status::Pass) {
            c.advice_key = "advice.service.opening_hours";
            c.advice_args = {fmt(c.required - c.measured, 1)};
        }
    }
    x.push(std::move(c));
}

}  // namespace

double primary_share(const plan::School& s) {
    double total = s.students.total();
    switch (s.type) {
        case plan::SchoolType::Primary: return 1;
        case plan::SchoolType::NineYear:
        case plan::SchoolType::TwelveYear: return total > 0 ? s.students.primary / total : 0;
        default: return 0;
    }
}

ReadingArea required_reading_area(const plan::School& s, const RuleSet& rules) {
    ReadingArea a;
    const double primary = primary_share(s), students = s.students.total();
    auto need = [&](const std::string& key) {
        if (auto* f = rules.figure(key)) return f->value;
        a.missing.push_back(key);
        return 0.0;
    };
    double per_p = primary > 0 ? need("seats.students_per_seat.primary") : 1;
    double per_s = primary < 1 ? need("seats.students_per_seat.secondary") : 1;
    double per_t = need("seats.teachers_per_seat");
    double m2_p = primary > 0 ? need("area.per_seat.student_reading.primary") : 0;
    double m2_s = primary < 1 ? need("area.per_seat.student_reading.secondary") : 0;
    a.teacher_m2_per_seat = need("area.per_seat.teacher_reading");
    if (!a.missing.empty()) return a;
    a.student_seats = std::ceil(students * primary / per_p + students * (1 - primary) / per_s - 1e-9);
    a.teacher_seats = s.teachers > 0 ? std::ceil(s.teachers / per_t - 1e-9) : 0;
    a.student_m2_per_seat = primary * m2_p + (1 - primary) * m2_s;
    a.area = a.student_seats * a.student_m2_per_seat + a.teacher_seats * a.teacher_m2_per_seat;
    return a;
}

void check_plan(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, const HoldingsSummary* holdings,
                const RuleSet& rules, Checklist& out) {
    Ctx x{plan, catalog, holdings, rules, out, plan::summarize(plan, catalog)};
    check_functions(x);
    check_seats(x);
    check_stacks(x);
    check_rooms(x);
    check_safety(x);
    check_service(x);
}

Checklist check_all(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, const HoldingsSummary* holdings,
                    const RuleSet& rules) {
    Checklist cl;
    cl.profile = rules.id();
    check_collection(plan.school, holdings, rules, cl);
    check_plan(plan, catalog, holdings, rules, cl);
    return cl;
}

}  // namespace shuxiang::standards
