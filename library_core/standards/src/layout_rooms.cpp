// The GB 50099-2011 room items of the profile checked room by room: the audio-visual room's attached
// store (5.13.3-3, area.av_store_min) and the area per seat of the audio-visual and periodicals rooms
// (Table 7.1.1, area.per_seat.audio_visual.* and area.per_seat.periodicals.*).
#include <algorithm>

#include "layout_detail.hpp"
#include "shuxiang/plan/geometry.hpp"
#include "shuxiang/standards/compliance.hpp"

namespace shuxiang::standards::detail {

using namespace plan;

namespace {

// A store is attached to the audio-visual room when a door joins the two, or when it is drawn as a
// zone inside the room (its centroid lies in the room's polygon and it is the smaller).
bool attached(const Level& l, const Room& av, const Room& store) {
    if (store.polygon.size() >= 3 && av.polygon.size() >= 3 &&
        point_in_polygon(polygon_centroid(store.polygon), av.polygon) && polygon_area(store.polygon) < polygon_area(av.polygon))
        return true;
    for (const Opening& o : l.openings) {
        if (o.kind == OpeningKind::Window) continue;
        const auto sides = door_sides(l, o);
        if (!sides || !sides->left || !sides->right) continue;
        if ((sides->left->id == av.id && sides->right->id == store.id) ||
            (sides->left->id == store.id && sides->right->id == av.id))
            return true;
    }
    return false;
}

}  // namespace

void check_av_stores(const LayoutCtx& x, std::vector<LayoutProblem>& out) {
    for (const Level& l : x.plan.levels)
        for (const Room& av : l.rooms) {
            if (av.kind != RoomKind::AudioVisual || av.polygon.size() < 3) continue;
            const Room* best = nullptr;
            double best_area = 0;
            for (const Room& s : l.rooms) {
                if (s.kind != RoomKind::AudioVisualStore || !attached(l, av, s)) continue;
                const double a = room_area(l, s);
                if (!best || a > best_area) {
                    best = &s;
                    best_area = a;
                }
            }
            LayoutProblem p = x.make(best ? "av_store_small" : "av_store_missing", l, "area.av_store_min");
            if (p.source.empty()) continue;  // the profile asks for no store
            if (best && best_area >= p.required - 1e-9) continue;
            x.add_room(p, av);
            if (best) x.add_room(p, *best);
            p.measured = best_area;
            p.unit = "m2";
            p.at = polygon_centroid(best ? best->polygon : av.polygon);
            out.push_back(std::move(p));
        }
}

// Area per seat of each audio-visual and periodicals room with seats, against the school's stage
// norm (a mixed school weighs the primary and secondary rows by its pupils, as space.area_per_seat).
void check_room_seat_areas(const LayoutCtx& x, std::vector<LayoutProblem>& out) {
    const double primary = primary_share(x.plan.school);
    for (const Level& l : x.plan.levels)
        for (const Room& r : l.rooms) {
            const char* prefix = r.kind == RoomKind::AudioVisual   ? "area.per_seat.audio_visual"
                                 : r.kind == RoomKind::Periodicals ? "area.per_seat.periodicals"
                                                                   : nullptr;
            if (!prefix) continue;
            const Figure* fp = x.rules.figure(std::string(prefix) + ".primary");
            const Figure* fs = x.rules.figure(std::string(prefix) + ".secondary");
            if ((primary > 0 && !fp) || (primary < 1 && !fs)) continue;  // the profile has no norm for the school
            const RoomStats stats = room_stats(l, r, x.catalog);
            if (stats.seats <= 0) continue;
            const double need = primary * (fp ? fp->value : 0) + (1 - primary) * (fs ? fs->value : 0);
            const double per_seat = stats.area / stats.seats;
            if (per_seat >= need - 1e-9) continue;
            const bool av = r.kind == RoomKind::AudioVisual;
            LayoutProblem p = x.make(av ? "av_area_per_seat" : "periodicals_area_per_seat", l,
                                     std::string(prefix) + (primary >= 1 ? ".primary" : ".secondary"));
            x.add_room(p, r);
            p.measured = per_seat;
            p.required = need;
            p.unit = "m2/seat";
            p.at = polygon_centroid(r.polygon);
            out.push_back(std::move(p));
        }
}

// Books a stack room's shelving holds when full, per m² of its floor, against the books per m² of
// its arrangement (GB 50099-2011 5.13.3-4: open 400, closed 500, compact 800 in the national
// profile): a room packed beyond it holds more than its area and floor were planned for; marking it
// closed or compact, or thinning the shelving, answers it.
void check_stack_densities(const LayoutCtx& x, std::vector<LayoutProblem>& out) {
    std::vector<std::string> missing;
    for (const StackDensity& d : stack_densities(x.plan, x.catalog, x.rules, missing)) {
        if (!d.figure || d.per_m2 <= d.figure->value + 1e-9) continue;
        LayoutProblem p = x.make("stack_density", *d.level, d.figure->key);
        x.add_room(p, *d.room);
        p.measured = d.per_m2;
        p.unit = "books/m2";
        p.at = polygon_centroid(d.room->polygon);
        out.push_back(std::move(p));
    }
}

}  // namespace shuxiang::standards::detail
