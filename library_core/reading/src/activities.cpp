// Reading activities and their room bookings: checks as plain functions, then one unit of work.
#include "shuxiang/reading/activities.hpp"

#include <algorithm>

#include "shuxiang/circulation/operation.hpp"
#include "shuxiang/plan/model.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::reading {

using namespace shuxiang::circulation;

namespace {

Result refusal(const std::string& code, std::initializer_list<std::string> args) {
    return Result{false, code, trv("reading.refuse." + code, std::vector<std::string>(args)), 0, {}};
}

std::string describe(const ReadingActivity& a) {
    std::string days = a.first_day == a.last_day ? a.first_day : a.first_day + "~" + a.last_day;
    return "#" + std::to_string(a.id) + " " + a.title + " (" + days + " " + a.start_time + "-" + a.end_time + ")";
}

// Everything wrong with the activity itself, before the room's other bookings are looked at.
std::optional<Result> invalid(const ReadingActivity& a) {
    const auto& kinds = activity_kinds();
    if (std::find(kinds.begin(), kinds.end(), a.kind) == kinds.end()) return refusal("bad_activity_kind", {a.kind});
    if (a.title.empty()) return refusal("empty_activity_title", {});
    if (!valid_date(a.first_day) || !valid_date(a.last_day) || a.first_day > a.last_day)
        return refusal("bad_period", {a.first_day, a.last_day});
    auto s = minutes_of(a.start_time), e = minutes_of(a.end_time);
    if (!s || !e || *s >= *e) return refusal("bad_activity_time", {a.start_time, a.end_time});
    if (a.participants < 0) return refusal("bad_participants", {std::to_string(a.participants)});
    if (!a.class_key.empty() && !parse_class_key(a.class_key)) return refusal("bad_class", {a.class_key});
    return std::nullopt;
}

}  // namespace

std::vector<PlanRoom> plan_rooms(const plan::Plan& p) {
    std::vector<PlanRoom> out;
    for (auto& l : p.levels)
        for (auto& r : l.rooms) out.push_back({r.id, r.name, l.name.empty() ? l.id : l.name});
    return out;
}

const std::vector<std::string>& activity_kinds() {
    static const std::vector<std::string> k{"class_visit", "book_talk", "reading_week", "other"};
    return k;
}

std::optional<int> minutes_of(std::string_view t) {
    if (t.size() != 5 || t[2] != ':') return std::nullopt;
    for (std::size_t i : {0u, 1u, 3u, 4u})
        if (t[i] < '0' || t[i] > '9') return std::nullopt;
    const int h = (t[0] - '0') * 10 + (t[1] - '0'), m = (t[3] - '0') * 10 + (t[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

bool overlaps(const ReadingActivity& a, const ReadingActivity& b) {
    if (a.room_id != b.room_id) return false;
    if (a.last_day < b.first_day || b.last_day < a.first_day) return false;
    auto as = minutes_of(a.start_time), ae = minutes_of(a.end_time);
    auto bs = minutes_of(b.start_time), be = minutes_of(b.end_time);
    if (!as || !ae || !bs || !be) return true;  // unreadable times: assume the worst
    return *as < *be && *bs < *ae;
}

std::optional<PlanRoom> find_room(const std::vector<PlanRoom>& rooms, std::string_view text, bool* ambiguous) {
    if (ambiguous) *ambiguous = false;
    for (auto& r : rooms)
        if (r.id == text) return r;
    std::optional<PlanRoom> hit;
    for (auto& r : rooms) {
        if (r.label != text) continue;
        if (hit) {
            if (ambiguous) *ambiguous = true;
            return std::nullopt;
        }
        hit = r;
    }
    return hit;
}

Result ActivityService::book(const Ctx& c, ReadingActivity a, const std::vector<PlanRoom>& rooms, std::string_view room_text) {
    return run_op(repo_, c, Action::EditLists, "reading.activity.book", a.title, [&](UnitOfWork& u) {
        bool ambiguous = false;
        auto room = find_room(rooms, room_text, &ambiguous);
        if (!room) return refusal(ambiguous ? "ambiguous_room" : "unknown_room", {std::string(room_text)});
        a.room_id = room->id;
        a.room_label = room->label;
        if (!a.class_key.empty())
            if (auto k = parse_class_key(a.class_key)) a.class_key = *k;
        if (auto bad = invalid(a)) return *bad;
        for (auto& other : u.activities_between(a.first_day, a.last_day, false))
            if (overlaps(a, other)) return refusal("room_taken", {room->label.empty() ? room->id : room->label, describe(other)});
        a.status = "booked";
        a.booked_by = c.op;
        a.day = c.date;
        Result r{true, "", trf("reading.ok.activity_booked", {a.title, room->label.empty() ? room->id : room->label}), 0, {}};
        r.id = u.insert_activity(a);
        return r;
    });
}

Result ActivityService::cancel(const Ctx& c, long long id) {
    return run_op(repo_, c, Action::EditLists, "reading.activity.cancel", "#" + std::to_string(id), [&](UnitOfWork& u) {
        auto a = u.find_activity(id);
        if (!a) return refusal("unknown_activity", {std::to_string(id)});
        if (a->status != "booked") return refusal("activity_not_booked", {describe(*a)});
        u.set_activity_status(id, "cancelled");
        Result r{true, "", trf("reading.ok.activity_cancelled", {describe(*a)}), id, {}};
        return r;
    });
}

std::optional<ReadingActivity> ActivityService::find(long long id) { return repo_.read()->find_activity(id); }

std::vector<ReadingActivity> ActivityService::list(std::string_view from, std::string_view to, bool with_cancelled) {
    return repo_.read()->activities_between(from, to, with_cancelled);
}

std::vector<ReadingActivity> ActivityService::bookings_of_room(std::string_view room_id, std::string_view from) {
    std::vector<ReadingActivity> out;
    for (auto& a : list(from, "", false))
        if (a.room_id == room_id) out.push_back(std::move(a));
    return out;
}

ClassVisitBooking class_visit_of(const ReadingActivity& a) {
    ClassVisitBooking b;
    b.room_id = a.room_id;
    b.class_size = a.participants;
    auto s = minutes_of(a.start_time), e = minutes_of(a.end_time);
    b.stay_s = s && e && *e > *s ? 60.0 * (*e - *s) : 0;
    return b;
}

}  // namespace shuxiang::reading
