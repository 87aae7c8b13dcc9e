#include <shuxiang/scenario/run.hpp>

#include <shuxiang/plan/furniture.hpp>
#include <shuxiang/walkable/building.hpp>

#include <algorithm>
#include <cmath>

namespace shuxiang::scenario {

namespace {

// Walking speeds and body radii of pupils (not in the RiMEA table, which starts at adults): primary
// pupils walk a little slower than young adults, junior pupils about as fast.
Group pupils(const std::string& name, bool primary, int count) {
    Group g;
    g.name = name;
    g.count = count;
    g.speed = primary ? ped::SpeedDistribution{0.7, 1.6, 1.2, 0.2} : ped::SpeedDistribution{0.8, 1.8, 1.35, 0.2};
    g.radius = primary ? 0.18 : 0.2;
    return g;
}

Group teacher(const std::string& name) {
    Group g;
    g.name = name;
    g.count = 1;
    g.age = ped::AgeGroup::From30To50;
    g.radius = 0.23;
    return g;
}

const plan::Level& ground(const plan::Plan& p) {
    for (const auto& l : p.levels)
        for (const auto& o : l.openings)
            if (o.entrance) return l;
    return p.levels.front();
}

std::string entrance_of(const plan::Level& l) {
    for (const auto& o : l.openings)
        if (o.entrance) return o.id;
    for (const auto& o : l.openings)
        if (o.kind == plan::OpeningKind::EmergencyExit) return o.id;
    return {};
}

Activity act(const char* kind, double lo, double hi, double p = 1.0, int repeat = 1) {
    Activity a;
    a.kind = kind;
    a.dwell_min = lo;
    a.dwell_max = hi;
    a.probability = p;
    a.repeat = repeat;
    return a;
}

// Adds a class visit (pupils and their teacher, walking in through the entrance) at time t.
void add_class(Scenario& s, const std::string& tag, bool primary, int size, double t, const std::string& entrance,
               double read_lo, double read_hi) {
    Group p = pupils(tag + "-pupils", primary, size);
    p.start.opening = entrance;
    p.exit = entrance;
    p.membership = tag;
    p.activities = {act("shelf", 60, 180, 1.0, 2), act("desk", 20, 40, 0.6), act("seat", read_lo, read_hi)};
    Group te = teacher(tag + "-teacher");
    te.start.opening = entrance;
    te.exit = entrance;
    te.membership = tag;
    te.activities = {act("desk", 30, 60), act("seat", read_lo, read_hi)};
    s.schedule.push_back({t, te.name, 0, 0});
    s.schedule.push_back({t + 2, p.name, 0, 90});
    s.groups.push_back(std::move(te));
    s.groups.push_back(std::move(p));
}

}  // namespace

const std::vector<std::string>& builtin_scenario_names() {
    static const std::vector<std::string> names{"class-visit", "school-day", "evacuation"};
    return names;
}

bool is_builtin_scenario(const std::string& name) {
    const auto& n = builtin_scenario_names();
    return std::find(n.begin(), n.end(), name) != n.end();
}

Scenario builtin_scenario(const std::string& name, const plan::Plan& plan, int students) {
    Scenario s;
    s.name = name;
    if (plan.levels.empty()) return s;
    const plan::Level& level = ground(plan);
    const std::string entrance = entrance_of(level);
    const auto& sch = plan.school;
    const bool mostly_primary = sch.students.primary >= sch.students.junior + sch.students.senior;

    if (name == "evacuation") {
        // Everyone present: every seat taken plus a fifth more standing at shelves and desks,
        // spread over the indoor rooms by floor area. Alarm at 0 s, pre-movement 10-30 s.
        // Every level the run walks: the ground level and those its stairs join to it.
        std::vector<const plan::Level*> levels;
        for (int li : walkable::levels_joined(plan, static_cast<int>(&level - plan.levels.data())))
            levels.push_back(&plan.levels[static_cast<std::size_t>(li)]);
        int seats = 0;
        const auto& cat = plan::FurnitureCatalog::builtin();
        for (const plan::Level* l : levels)
            for (const auto& f : l->furniture)
                if (const auto* t = cat.find(f.type)) seats += t->outdoor ? 0 : t->seats;
        int total = students > 0 ? students : static_cast<int>(std::lround(seats * 1.2));
        double area_sum = 0;
        std::vector<std::pair<const plan::Room*, double>> rooms;
        std::vector<const plan::Room*> all_rooms;
        for (const plan::Level* l : levels)
            for (const auto& r : l->rooms) all_rooms.push_back(&r);
        for (const plan::Room* rp : all_rooms) {
            const plan::Room& r = *rp;
            if (r.kind == plan::RoomKind::OutdoorReading || r.kind == plan::RoomKind::Workroom ||
                r.kind == plan::RoomKind::AudioVisualStore)
                continue;
            geometry::Polygon poly;
            for (auto& v : r.polygon) poly.push_back({v.x, v.y});
            double a = geometry::area(poly);
            rooms.push_back({&r, a});
            area_sum += a;
        }
        int placed = 0;
        for (std::size_t i = 0; i < rooms.size(); ++i) {
            int n = i + 1 == rooms.size() ? total - placed
                                          : static_cast<int>(std::lround(total * rooms[i].second / area_sum));
            n = std::max(0, std::min(n, total - placed));
            placed += n;
            if (n == 0) continue;
            Group g = pupils("in-" + rooms[i].first->id, mostly_primary, n);
            g.start.room = rooms[i].first->id;
            g.pre_movement_min = 10;
            g.pre_movement_max = 30;
            s.groups.push_back(std::move(g));
        }
        s.alarm_time = 0;
        s.duration = 900;
    } else if (name == "class-visit") {
        // One whole class with its teacher: about 45 pupils (a lesson of 40 minutes in the library).
        add_class(s, "class", mostly_primary, students > 0 ? students : 45, 0, entrance, 900, 1500);
        s.duration = 3600;
    } else if (name == "school-day") {
        // 08:00 to 16:00. Each class comes once a week, so a fifth of the classes visit per day in
        // lesson periods; break rushes (2 % of the students each), lunch (5 %), after school (4 %).
        const int total = students > 0 ? students : std::max(1, sch.students.total());
        const int classes = sch.classes > 0 ? std::max(1, static_cast<int>(std::lround(
                                                              sch.classes * static_cast<double>(total) / std::max(1, sch.students.total()))))
                                            : std::max(1, total / 45);
        const int class_size = std::max(1, total / classes);
        const double primary_share = sch.students.total() > 0 ? static_cast<double>(sch.students.primary) / sch.students.total() : 1.0;
        const int visits = (classes + 4) / 5;
        const double periods[] = {3000, 6600, 10200, 21600, 25200};  // 08:50, 09:50, 10:50, 14:00, 15:00
        for (int c = 0; c < visits; ++c) {
            bool primary = (c + 0.5) / visits < primary_share;
            add_class(s, "class-" + std::to_string(c + 1), primary, class_size, periods[c % 5] + 300.0 * (c / 5), entrance,
                      1200, 1800);
        }
        auto rush = [&](const std::string& tag, double t, double spread, double share,
                        std::vector<Activity> acts) {
            for (int stage = 0; stage < 2; ++stage) {
                double part = stage == 0 ? primary_share : 1.0 - primary_share;
                int n = static_cast<int>(std::lround(total * share * part));
                if (n <= 0) continue;
                Group g = pupils(tag + (stage == 0 ? "-primary" : "-secondary"), stage == 0, n);
                g.start.opening = entrance;
                g.exit = entrance;
                g.activities = acts;
                s.schedule.push_back({t, g.name, 0, spread});
                s.groups.push_back(std::move(g));
            }
        };
        rush("break-am", 6000, 600, 0.02, {act("shelf", 30, 120), act("desk", 15, 30, 0.7)});
        rush("lunch", 14400, 3600, 0.05, {act("shelf", 60, 180), act("desk", 15, 30, 0.5), act("seat", 600, 1800, 0.8)});
        rush("break-pm", 24000, 600, 0.02, {act("shelf", 30, 120), act("desk", 15, 30, 0.7)});
        rush("after-school", 26400, 900, 0.04,
             {act("shelf", 60, 180, 1.0, 2), act("desk", 15, 30, 0.8), act("seat", 300, 900, 0.3)});
        s.duration = 28800;
    }
    return s;
}

}  // namespace shuxiang::scenario
