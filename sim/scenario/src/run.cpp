#include <shuxiang/scenario/run.hpp>

#include "systems.hpp"

#include <shuxiang/nav/navmesh.hpp>
#include <shuxiang/plan/furniture.hpp>
#include <shuxiang/util/error.hpp>
#include <shuxiang/util/i18n.hpp>
#include <shuxiang/walkable/building.hpp>
#include <shuxiang/walkable/from_plan.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace shuxiang::scenario {

using geometry::Vec2;

namespace {

Vec2 g(plan::Vec2 v) { return {v.x, v.y}; }

// Local (x, y) of a furniture item to plan coordinates.
Vec2 to_world(const plan::Furniture& f, double lx, double ly) {
    double a = f.yaw_deg * M_PI / 180.0;
    double c = std::cos(a), s = std::sin(a);
    return {f.position.x + c * lx - s * ly, f.position.y + s * lx + c * ly};
}

constexpr double kStandOff = 0.45;  // m from a furniture edge to where a reader stands or sits

bool usable_point(Vec2 p, const geometry::WalkableArea& area, const nav::NavMesh& nav) {
    Vec2 snapped;
    return area.contains(p) && nav.nearest_point(p, snapped, 0.15);
}

}  // namespace

char fruin_los(double d) {
    if (d < 1.0 / 3.25) return 'A';
    if (d < 1.0 / 2.3) return 'B';
    if (d < 1.0 / 1.4) return 'C';
    if (d < 1.0 / 0.93) return 'D';
    if (d < 1.0 / 0.46) return 'E';
    return 'F';
}

PlacesOfPlan places_of_level(const plan::Level& level, const plan::FurnitureCatalog& catalog,
                             const geometry::WalkableArea& area, const nav::NavMesh& nav) {
    PlacesOfPlan out;
    for (const auto& f : level.furniture) {
        const plan::FurnitureType* t = catalog.find(f.type);
        if (!t) continue;
        if (t->holds_books()) {
            const int n = plan::effective_sections(f, *t);
            const double w = plan::effective_width(f, *t);
            for (int face = 0; face < t->faces; ++face) {
                for (int k = 0; k < n; ++k) {
                    double lx = -w / 2 + (k + 0.5) * w / n;
                    // Face 0 is the front (-Y); a single-faced range whose front is blocked (backed
                    // against the wall the other way round) is read from its back.
                    // Close to the books, so that others can pass behind in a narrow aisle.
                    const double off = t->depth / 2 + 0.25;
                    Vec2 p = to_world(f, lx, (face == 0 ? -1 : 1) * off);
                    if (t->faces == 1 && !usable_point(p, area, nav)) p = to_world(f, lx, off);
                    std::string id = f.id + "/" + std::to_string(face + 1) + "/" + std::to_string(k + 1);
                    if (usable_point(p, area, nav)) out.shelves.push_back({id, f.id, p});
                    else ++out.unreachable_shelves;
                }
            }
        }
        if (t->seats > 0) {
            // Readers sit along the two long sides, half on each (an odd one on the front).
            const int front = (t->seats + 1) / 2, back = t->seats - front;
            for (int side = 0; side < 2; ++side) {
                const int m = side == 0 ? front : back;
                for (int k = 0; k < m; ++k) {
                    double lx = -t->width / 2 + (k + 0.5) * t->width / m;
                    Vec2 p = to_world(f, lx, (side == 0 ? -1 : 1) * (t->depth / 2 + kStandOff - 0.1));
                    if (usable_point(p, area, nav)) out.seats.push_back({f.id, p});
                    else ++out.unreachable_seats;
                }
            }
        }
        if (t->category == plan::FurnitureCategory::CirculationDesk || t->category == plan::FurnitureCategory::Kiosk) {
            Vec2 p = to_world(f, 0, -(t->depth / 2 + kStandOff));
            if (!usable_point(p, area, nav)) p = to_world(f, 0, t->depth / 2 + kStandOff);
            if (usable_point(p, area, nav))
                out.desks.push_back({f.id, t->category == plan::FurnitureCategory::Kiosk, p});
            else
                ++out.unreachable_desks;
        }
    }
    return out;
}

namespace {

// The ground level: the one with the entrance.
int ground_level(const plan::Plan& plan) {
    for (std::size_t i = 0; i < plan.levels.size(); ++i)
        for (const auto& o : plan.levels[i].openings)
            if (o.entrance) return static_cast<int>(i);
    return 0;
}

// Checks the scenario's references against the plan; returns each group's exit (-1: nearest).
std::vector<int> check_references(const Scenario& sc, const World& w) {
    std::vector<int> group_exit(sc.groups.size(), -1);
    for (std::size_t c = 0; c < sc.closures.size(); ++c)
        if (w.exits.index(sc.closures[c].opening) < 0)
            throw InputError("scenario", "/exits/" + std::to_string(c) + "/opening",
                             trf("sim_scenario.error.closure_opening", {sc.closures[c].opening, w.level.id}));
    for (std::size_t gi = 0; gi < sc.groups.size(); ++gi) {
        const Group& grp = sc.groups[gi];
        const std::string p = "/groups/" + std::to_string(gi);
        if (!grp.start.room.empty() && !w.room(grp.start.room))
            throw InputError("scenario", p + "/start/room", trf("sim_scenario.error.no_room_on_level", {grp.start.room, w.level.id}));
        if (!grp.start.opening.empty() && w.exits.index(grp.start.opening) < 0)
            throw InputError("scenario", p + "/start/opening", trf("sim_scenario.error.no_opening", {grp.start.opening}));
        if (!grp.exit.empty()) {
            group_exit[gi] = w.exits.index(grp.exit);
            if (group_exit[gi] < 0) throw InputError("scenario", p + "/exit", trf("sim_scenario.error.no_opening", {grp.exit}));
        }
        for (std::size_t k = 0; k < grp.activities.size(); ++k) {
            const Activity& a = grp.activities[k];
            const std::string q = p + "/activities/" + std::to_string(k) + "/target";
            if (a.kind == "room" && !w.room(a.target)) throw InputError("scenario", q, trf("sim_scenario.error.no_room", {a.target}));
            const auto& desks = w.res.places.desks;
            if (a.kind == "desk" && !a.target.empty() &&
                std::none_of(desks.begin(), desks.end(), [&](const Desk& d) { return d.furniture == a.target; }))
                throw InputError("scenario", q, trf("sim_scenario.error.no_desk", {a.target}));
        }
    }
    return group_exit;
}

// A start polygon without a single usable point: its group could never be placed.
void check_start_areas(const Scenario& sc, const World& w) {
    ped::Rng probe(1);  // its own stream: the run's draws stay as they are
    for (std::size_t gi = 0; gi < sc.groups.size(); ++gi) {
        const geometry::Polygon& poly = sc.groups[gi].start.polygon;
        if (poly.empty() || sample_point(poly, probe, 400, [&](Vec2 p) { return w.usable(p); })) continue;
        throw InputError("scenario", "/groups/" + std::to_string(gi) + "/start/polygon",
                         trf("sim_scenario.error.start_outside", {w.level.id}));
    }
}

std::string seconds(double t) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", t);
    return buf;
}

// Every exit closed: an error when it is so by the alarm (nobody can leave), else a warning.
void check_exits(const Scenario& sc, World& w) {
    const double t = w.exits.all_closed_at();
    if (t >= sc.duration) return;
    if (sc.alarm_time < ped::kNever && t <= sc.alarm_time)
        throw InputError("scenario", "/exits", trf("sim_scenario.error.all_exits_closed", {seconds(t)}));
    w.res.warnings.push_back({"all_exits_closed", trf("sim_scenario.warning.all_exits_closed", {seconds(t)})});
}

// Activities the level has no reachable place for (a class visit on a plan without shelves,
// seats or desks) are skipped; say so.
void check_places(const Scenario& sc, World& w) {
    const std::pair<const char*, bool> kinds[] = {{"shelf", w.shelves.empty()}, {"seat", w.seats.size() == 0},
                                                  {"desk", w.desks.empty()}};
    for (const auto& [kind, none] : kinds) {
        if (!none) continue;
        std::string groups;
        for (const auto& grp : sc.groups)
            for (const auto& a : grp.activities)
                if (a.kind == kind && a.probability > 0 && groups.find("'" + grp.name + "'") == std::string::npos)
                    groups += (groups.empty() ? "'" : ", '") + grp.name + "'";
        if (!groups.empty())
            w.res.warnings.push_back({"nothing_to_visit", trf(std::string("sim_scenario.warning.no_") + kind, {groups})});
    }
}

// Agents their start area had no room for.
void warn_not_placed(const Scenario& sc, const Arrivals& arrivals, RunResult& res) {
    for (std::size_t gi = 0; gi < sc.groups.size(); ++gi) {
        const int n = arrivals.not_placed_by_group()[gi];
        if (n > 0)
            res.warnings.push_back({"not_placed", trf("sim_scenario.warning.not_placed",
                                                      {sc.groups[gi].name, std::to_string(n), std::to_string(arrivals.due_by_group()[gi])})});
    }
}

std::vector<Vec2> points_of(const std::vector<Seat>& seats) {
    std::vector<Vec2> v;
    for (const auto& s : seats) v.push_back(s.at);
    return v;
}
std::vector<Vec2> points_of(const std::vector<Desk>& desks) {
    std::vector<Vec2> v;
    for (const auto& d : desks) v.push_back(d.at);
    return v;
}
std::vector<std::string> openings_of(const walkable::PlanArea& pa) {
    std::vector<std::string> v;
    for (const auto& e : pa.exits) v.push_back(e.opening);
    return v;
}

// The operational model on the level: exits (with their closing times) and one-lane doors.
void add_exits_and_doors(ped::Simulation& sim, const walkable::PlanArea& pa, const ExitStage& exits, double one_lane_width) {
    for (std::size_t e = 0; e < pa.exits.size(); ++e)
        sim.add_exit({pa.exits[e].opening, pa.exits[e].area, exits.close_times()[e]});
    for (const auto& d : pa.doors)
        if (d.width < one_lane_width) sim.add_passage({d.opening, d.across, d.wall_thickness});
}

// The driver: each step runs the systems in this order, then the operational model, then records.
void drive(World& w, Journey& journey, WalkingUnits& units, Arrivals& arrivals, GridlockRelief& relief,
           StairWalk& stairs, Recorder& recorder, const RunOptions& options) {
    double last_progress = -1;
    const double duration = w.sc.duration;
    while (w.now < duration - 1e-9) {
        if (w.has_alarm && !w.alarm_done && w.now >= w.sc.alarm_time) journey.sound_alarm();
        arrivals.spawn_due();
        journey.join_desk_lines();
        if (!w.alarm_done) units.keep_together(journey);
        relief.run();
        w.sim.step();
        w.now = w.sim.time();
        stairs.run();
        recorder.record();
        if (options.progress && w.now / duration - last_progress >= 0.01) {
            last_progress = w.now / duration;
            options.progress(last_progress);
        }
        if (!arrivals.more_to_come() && w.sim.finished()) break;
    }
    if (options.progress) options.progress(1.0);
}

}  // namespace

geometry::Polygon room_polygon(const plan::Room& r) {
    geometry::Polygon p;
    for (auto& v : r.polygon) p.push_back(g(v));
    return p;
}

bool World::usable(Vec2 p) const { return usable_point(p, pa.area, nav); }

bool World::clear_of_agents(Vec2 p, double r) const {
    for (int id : sim.live()) {
        const auto& b = body(id);
        const double l = r + b.radius + 0.02;
        if (geometry::norm2(b.pos - p) < l * l) return false;
    }
    return true;
}

bool World::clear_of_walls(Vec2 p, double clearance) const {
    for (const auto& wall : sim.walls())
        if (geometry::distance(wall, p) < clearance) return false;
    return true;
}

const plan::Room* World::room(const std::string& id) const {
    for (const auto& r : level.rooms)
        if (r.id == id) return &r;
    return nullptr;
}

RunResult run_scenario(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, const Scenario& sc,
                       const RunOptions& options) {
    if (plan.levels.empty()) throw InputError("plan", "/levels", tr("sim_scenario.error.no_level"));
    const int ground = ground_level(plan);
    // One level, or the ground level and every level its stairs join to it, side by side in one plane.
    walkable::BuildingArea building;
    const bool several = (sc.alarm_time < ped::kNever || options.all_levels) && walkable::levels_joined(plan, ground).size() > 1;
    if (several) building = walkable::walkable_from_building(plan, ground, catalog);
    else building.area = walkable::walkable_from_level(plan.levels[static_cast<std::size_t>(ground)], catalog);
    const plan::Level& level = several ? building.merged : plan.levels[static_cast<std::size_t>(ground)];
    RunResult res;
    res.scenario = sc.name;
    res.level = level.id;
    const walkable::PlanArea& pa = building.area;
    nav::NavMesh nav;
    nav::NavParams np;
    np.agent_radius = 0.2;
    if (!nav.build(pa.area, np)) throw InputError("plan", "/levels/" + level.id, trf("sim_scenario.error.no_navmesh", {nav.error()}));
    PlacesOfPlan places = places_of_level(level, catalog, pa.area, nav);
    if (pa.exits.empty()) throw InputError("plan", "/levels/" + level.id, tr("sim_scenario.error.no_exit"));

    ped::ModelParams mp;
    mp.density_every = 0;  // density is sampled by the recorder (seated readers left out)
    // An evacuation from the first second is one-way flow towards the exits: the lanes that keep
    // counter-flow apart in narrow ways would only take half the width of corridors and stairs
    // (60 people down a 2 m stair: 1.87 persons/s with them against 2.81 without).
    if (sc.alarm_time <= 0) mp.narrow_keep_right = 0.0;
    ped::Simulation sim(pa.area, nav, mp);
    ped::Rng rng(sc.seed * 0x9E3779B97F4A7C15ULL + options.seed);
    World w{sc, level, pa, nav, sim, rng, res,
            ShelfBrowse(places.shelves, options.class_shares), DeskQueue(points_of(places.desks)),
            SeatPool(points_of(places.seats)), ExitStage(openings_of(pa), sc.closures)};
    w.gather_hold = 2 * mp.dt;
    w.has_alarm = sc.alarm_time < ped::kNever;
    w.building = several ? &building : nullptr;
    StairWalk stairs(w, options);
    w.stairs = &stairs;
    res.places = std::move(places);
    res.places.shelves = w.shelves.sections();
    w.group_exit = check_references(sc, w);
    check_start_areas(sc, w);
    check_exits(sc, w);
    check_places(sc, w);
    res.walls = sim.walls();
    res.exit_openings = w.exits.openings();
    res.exit_close_times = w.exits.close_times();
    add_exits_and_doors(sim, pa, w.exits, options.one_lane_width);
    res.seats_total = w.seats.size();
    for (const auto& d : res.places.desks) res.desks.push_back({d.furniture, d.kiosk, 0, 0, 0, 0});

    WalkingUnits units(w);
    Journey journey(w, units);
    Arrivals arrivals(w, journey, units);
    GridlockRelief relief(w);
    Recorder recorder(w, options.record_every, options.series_every);
    sim.set_waypoint_callback([&](int id, std::size_t wp, bool reached) { journey.on_waypoint(id, wp, reached); });
    drive(w, journey, units, arrivals, relief, stairs, recorder, options);
    recorder.finish(arrivals);
    stairs.finish();
    warn_not_placed(sc, arrivals, res);
    return res;
}

}  // namespace shuxiang::scenario
