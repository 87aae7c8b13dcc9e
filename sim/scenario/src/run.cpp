#include <shuxiang/scenario/run.hpp>

#include <shuxiang/nav/navmesh.hpp>
#include <shuxiang/plan/furniture.hpp>
#include <shuxiang/util/error.hpp>
#include <shuxiang/util/i18n.hpp>
#include <shuxiang/walkable/from_plan.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
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
constexpr double kQueueRadius = 1.2;  // m: within this of a desk an agent joins its queue

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

enum class StepKind { Shelf, Desk, Seat, Room };
struct Step {
    StepKind kind;
    double dwell = 0;
    int target = -1;    // shelf section index, desk index (-1: choose), seat (chosen when issued)
    std::string room;
};
enum class Doing { Walking, Browsing, Queueing, Reading };

struct AgentState {
    int group = 0;
    double appeared = 0;
    std::vector<Step> steps;
    std::size_t next_step = 0;
    std::vector<int> step_of_waypoint;  // waypoint index → step index
    int desk = -1;             // desk being walked to
    bool registered = false;   // in that desk's queue
    int seat = -1;             // seat reserved or taken
    int seating = -1;          // index into seatings while reading
    Doing doing = Doing::Walking;
    Vec2 check_pos;            // position at the last gridlock check
    int stuck_checks = 0;
    int asides = 0;            // steps aside since the last target reached
    bool force_register = false;  // held up near the desk: joins the queue where it stands
    int unit = -1;             // index into the walking units (keep_together_m), or -1
    bool gathering = false;    // at the unit's meeting point: waits until every member is there
};

// Members of one membership whose groups have keep_together_m walk as a unit: all follow the
// leader's (first member's) plan at the leader's pace, to the same point for shelf and room steps,
// meet after every step before the next one starts, and, walking, whoever is more than the radius
// from the rearmost walker waits (docs/scenario-format.md, Walking units).
struct Unit {
    double radius = 0;
    int expected = 0, spawned = 0;
    int leader = -1;
    double speed = 0;
    std::vector<int> members;
    std::vector<Step> plan;
    std::vector<std::optional<Vec2>> meet;  // by step: the point of a shelf or room step, once drawn
    int rear = -1;                          // the walker farthest from the unit's goal
};

struct Pending {
    double time = 0;
    int group = 0;
    long order = 0;
};

// Room polygon by id.
const plan::Room* find_room(const plan::Level& level, const std::string& id) {
    for (const auto& r : level.rooms)
        if (r.id == id) return &r;
    return nullptr;
}

geometry::Polygon room_polygon(const plan::Room& r) {
    geometry::Polygon p;
    for (auto& v : r.polygon) p.push_back(g(v));
    return p;
}

}  // namespace

RunResult run_scenario(const plan::Plan& plan, const plan::FurnitureCatalog& catalog, const Scenario& sc,
                       const RunOptions& options) {
    if (plan.levels.empty()) throw InputError("plan", "/levels", tr("sim_scenario.error.no_level"));
    // The ground level: the one with the entrance.
    const plan::Level* level = &plan.levels.front();
    for (const auto& l : plan.levels)
        for (const auto& o : l.openings)
            if (o.entrance) {
                level = &l;
                goto found;
            }
found:
    RunResult res;
    res.scenario = sc.name;
    res.level = level->id;
    walkable::PlanArea pa = walkable::walkable_from_level(*level, catalog);
    nav::NavMesh nav;
    nav::NavParams np;
    np.agent_radius = 0.2;
    if (!nav.build(pa.area, np)) throw InputError("plan", "/levels/" + level->id, trf("sim_scenario.error.no_navmesh", {nav.error()}));
    res.places = places_of_level(*level, catalog, pa.area, nav);
    // Sections per 大部类: consecutive runs of the (plan-ordered) sections in proportion to the shares.
    std::vector<std::vector<int>> class_sections;
    std::vector<double> shares = options.class_shares;
    double share_sum = 0;
    for (double v : shares) share_sum += std::max(0.0, v);
    if (share_sum <= 0 || res.places.shelves.empty()) shares.clear();
    if (!shares.empty()) {
        class_sections.resize(shares.size());
        res.class_visits.assign(shares.size(), 0);
        const double n = static_cast<double>(res.places.shelves.size());
        double acc = 0;
        std::size_t next = 0;
        for (std::size_t c = 0; c < shares.size(); ++c) {
            acc += std::max(0.0, shares[c]) / share_sum;
            const auto end = c + 1 == shares.size() ? res.places.shelves.size()
                                                    : std::min(res.places.shelves.size(), static_cast<std::size_t>(std::lround(acc * n)));
            for (; next < end; ++next) {
                res.places.shelves[next].major_class = static_cast<int>(c);
                class_sections[c].push_back(static_cast<int>(next));
            }
        }
    }
    const PlacesOfPlan& places = res.places;

    ped::ModelParams mp;
    mp.density_every = 0;  // density is sampled here (seated readers left out)
    ped::Simulation sim(pa.area, nav, mp);
    res.walls = sim.walls();
    auto exit_index = [&](const std::string& opening) {
        for (std::size_t e = 0; e < pa.exits.size(); ++e)
            if (pa.exits[e].opening == opening) return static_cast<int>(e);
        return -1;
    };
    for (std::size_t c = 0; c < sc.closures.size(); ++c)
        if (exit_index(sc.closures[c].opening) < 0)
            throw InputError("scenario", "/exits/" + std::to_string(c) + "/opening",
                             trf("sim_scenario.error.closure_opening", {sc.closures[c].opening, level->id}));
    for (const auto& pe : pa.exits) {
        ped::Exit e{pe.opening, pe.area, ped::kNever};
        for (const auto& c : sc.closures)
            if (c.opening == pe.opening) e.close_time = std::min(e.close_time, c.close_time);
        res.exit_openings.push_back(pe.opening);
        res.exit_close_times.push_back(e.close_time);
        sim.add_exit(std::move(e));
    }
    if (pa.exits.empty()) throw InputError("plan", "/levels/" + level->id, tr("sim_scenario.error.no_exit"));
    for (const auto& d : pa.doors)
        if (d.width < options.one_lane_width) sim.add_passage({d.opening, d.across, d.wall_thickness});

    // Check the scenario's references against the plan.
    std::vector<int> group_exit(sc.groups.size(), -1);
    for (std::size_t gi = 0; gi < sc.groups.size(); ++gi) {
        const Group& grp = sc.groups[gi];
        const std::string p = "/groups/" + std::to_string(gi);
        if (!grp.start.room.empty() && !find_room(*level, grp.start.room))
            throw InputError("scenario", p + "/start/room", trf("sim_scenario.error.no_room_on_level", {grp.start.room, level->id}));
        if (!grp.start.opening.empty() && exit_index(grp.start.opening) < 0)
            throw InputError("scenario", p + "/start/opening", trf("sim_scenario.error.no_opening", {grp.start.opening}));
        if (!grp.exit.empty()) {
            group_exit[gi] = exit_index(grp.exit);
            if (group_exit[gi] < 0) throw InputError("scenario", p + "/exit", trf("sim_scenario.error.no_opening", {grp.exit}));
        }
        for (std::size_t k = 0; k < grp.activities.size(); ++k) {
            const Activity& a = grp.activities[k];
            const std::string q = p + "/activities/" + std::to_string(k) + "/target";
            if (a.kind == "room" && !find_room(*level, a.target))
                throw InputError("scenario", q, trf("sim_scenario.error.no_room", {a.target}));
            if (a.kind == "desk" && !a.target.empty() &&
                std::none_of(places.desks.begin(), places.desks.end(), [&](const Desk& d) { return d.furniture == a.target; }))
                throw InputError("scenario", q, trf("sim_scenario.error.no_desk", {a.target}));
        }
    }

    ped::Rng rng(sc.seed * 0x9E3779B97F4A7C15ULL + options.seed);
    auto draw = [&](double lo, double hi) { return hi > lo ? rng.uniform(lo, hi) : lo; };
    std::vector<AgentState> st;
    std::vector<double> desk_free(places.desks.size(), 0.0);
    std::vector<std::deque<int>> desk_waiting(places.desks.size());  // registered, service not begun
    std::vector<int> seat_owner(places.seats.size(), -1);
    std::vector<double> seat_until(places.seats.size(), 0.0);
    res.seats_total = static_cast<int>(places.seats.size());
    for (const auto& s : places.shelves) res.shelf_visits[s.id] = 0;
    res.desks.resize(places.desks.size());
    for (std::size_t d = 0; d < places.desks.size(); ++d) {
        res.desks[d].furniture = places.desks[d].furniture;
        res.desks[d].kiosk = places.desks[d].kiosk;
    }

    auto seat_free = [&](int s, double now) {
        return seat_owner[static_cast<std::size_t>(s)] < 0 && seat_until[static_cast<std::size_t>(s)] <= now;
    };
    double now = 0.0;
    std::vector<int> unit_of_group(sc.groups.size(), -1);
    std::vector<Unit> units;
    const bool has_alarm = sc.alarm_time < ped::kNever;
    bool alarm_done = false;
    const double kGatherHold = 2 * mp.dt;  // rolling hold of a waiting unit member, renewed every step
    const long kRearEvery = std::max(1L, std::lround(0.5 / mp.dt));

    // Issues the agent's next step as a waypoint; steps that cannot be done are skipped.
    std::function<void(int)> issue = [&](int id) {
        AgentState& a = st[static_cast<std::size_t>(id)];
        while (a.next_step < a.steps.size()) {
            const std::size_t si = a.next_step++;
            Step& s = a.steps[si];
            Vec2 pos = sim.agents()[static_cast<std::size_t>(id)].pos;
            Vec2 target;
            double dwell = s.dwell;
            Unit* unit = a.unit >= 0 ? &units[static_cast<std::size_t>(a.unit)] : nullptr;
            if (unit && unit->meet[si] && (s.kind == StepKind::Shelf || s.kind == StepKind::Room)) {
                target = *unit->meet[si];
            } else if (s.kind == StepKind::Shelf) {
                target = places.shelves[static_cast<std::size_t>(s.target)].stand;
            } else if (s.kind == StepKind::Room) {
                const plan::Room* r = find_room(*level, s.room);
                geometry::Polygon poly = room_polygon(*r);
                geometry::Box b{poly.front(), poly.front()};
                for (auto& v : poly) {
                    b.min = {std::min(b.min.x, v.x), std::min(b.min.y, v.y)};
                    b.max = {std::max(b.max.x, v.x), std::max(b.max.y, v.y)};
                }
                bool ok = false;
                for (int tries = 0; tries < 100 && !ok; ++tries) {
                    target = {rng.uniform(b.min.x, b.max.x), rng.uniform(b.min.y, b.max.y)};
                    ok = geometry::point_in_polygon(poly, target) && usable_point(target, pa.area, nav);
                }
                if (!ok) continue;
            } else if (s.kind == StepKind::Desk) {
                if (places.desks.empty()) continue;
                // The desk that serves soonest, counting the walk at 1.2 m/s.
                double best = ped::kNever;
                for (std::size_t d = 0; d < places.desks.size(); ++d) {
                    if (s.target >= 0 && static_cast<int>(d) != s.target) continue;
                    double c = std::max(desk_free[d], now) + s.dwell * static_cast<double>(desk_waiting[d].size()) +
                               geometry::norm(places.desks[d].at - pos) / 1.2;
                    if (c < best) {
                        best = c;
                        a.desk = static_cast<int>(d);
                    }
                }
                a.registered = false;
                target = places.desks[static_cast<std::size_t>(a.desk)].at;
                dwell = 0;  // service time is held in the queue
            } else {  // seat: the nearest free one, reserved from now on
                int best = -1;
                double bd = ped::kNever;
                for (std::size_t k = 0; k < places.seats.size(); ++k) {
                    if (!seat_free(static_cast<int>(k), now)) continue;
                    double d = geometry::norm2(places.seats[k].at - pos);
                    if (d < bd) {
                        bd = d;
                        best = static_cast<int>(k);
                    }
                }
                if (best < 0) {
                    ++res.readers_without_seat;
                    continue;
                }
                seat_owner[static_cast<std::size_t>(best)] = id;
                a.seat = best;
                target = places.seats[static_cast<std::size_t>(best)].at;
            }
            if (unit && (s.kind == StepKind::Shelf || s.kind == StepKind::Room)) unit->meet[si] = target;
            a.step_of_waypoint.push_back(static_cast<int>(si));
            sim.add_waypoint(id, target, dwell);
            return;
        }
    };

    sim.set_waypoint_callback([&](int id, std::size_t wp, bool reached) {
        AgentState& a = st[static_cast<std::size_t>(id)];
        if (wp >= a.step_of_waypoint.size() || a.step_of_waypoint[wp] < 0) return;  // -1: a step aside
        if (!reached) ++res.targets_missed;
        if (reached) a.asides = 0;
        const Step& s = a.steps[static_cast<std::size_t>(a.step_of_waypoint[wp])];
        if (s.kind == StepKind::Shelf && reached) {
            const ShelfSection& sec = places.shelves[static_cast<std::size_t>(s.target)];
            ++res.shelf_visits[sec.id];
            if (sec.major_class >= 0) ++res.class_visits[static_cast<std::size_t>(sec.major_class)];
            a.doing = Doing::Browsing;
        } else if (s.kind == StepKind::Room && reached) {
            a.doing = Doing::Browsing;
        } else if (s.kind == StepKind::Seat) {
            if (reached) {
                res.seatings.push_back({a.seat, id, now, now + s.dwell});
                a.seating = static_cast<int>(res.seatings.size() - 1);
                seat_until[static_cast<std::size_t>(a.seat)] = now + s.dwell;
                a.doing = Doing::Reading;
            }
            seat_owner[static_cast<std::size_t>(a.seat)] = -1;  // free again once seat_until has passed
            a.seat = -1;
        } else if (s.kind == StepKind::Desk) {
            a.desk = -1;  // served in the queue (or the desk could not be reached)
        }
        if (a.unit >= 0 && !alarm_done) {
            a.gathering = true;
            sim.hold(id, now + kGatherHold);
            return;
        }
        issue(id);
    });

    // Expand arrivals into pending spawns.
    std::vector<Pending> pending;
    long order = 0;
    for (std::size_t gi = 0; gi < sc.groups.size(); ++gi) {
        bool scheduled = false;
        for (const auto& arr : sc.schedule) {
            if (arr.group != sc.groups[gi].name) continue;
            scheduled = true;
            int n = arr.count > 0 ? arr.count : sc.groups[gi].count;
            for (int k = 0; k < n; ++k)
                pending.push_back({arr.time + (n > 1 ? arr.spread * k / n : 0.0), static_cast<int>(gi), order++});
        }
        if (!scheduled)
            for (int k = 0; k < sc.groups[gi].count; ++k) pending.push_back({0.0, static_cast<int>(gi), order++});
    }
    std::stable_sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
        return a.time < b.time || (a.time == b.time && a.order < b.order);
    });
    std::size_t next_pending = 0;
    int not_placed = 0;
    {
        std::map<std::string, int> by_key;
        for (std::size_t gi = 0; gi < sc.groups.size(); ++gi) {
            const Group& grp = sc.groups[gi];
            if (grp.keep_together_m <= 0) continue;
            // Without a membership the group is its own unit ("\n" keeps it apart from memberships).
            const std::string key = grp.membership.empty() ? "\n" + grp.name : grp.membership;
            auto [it, fresh] = by_key.emplace(key, static_cast<int>(units.size()));
            if (fresh) units.emplace_back();
            unit_of_group[gi] = it->second;
            Unit& u = units[static_cast<std::size_t>(it->second)];
            u.radius = std::max(u.radius, grp.keep_together_m);
        }
        for (const auto& pd : pending)
            if (unit_of_group[static_cast<std::size_t>(pd.group)] >= 0) ++units[static_cast<std::size_t>(unit_of_group[static_cast<std::size_t>(pd.group)])].expected;
    }

    auto clear_of_agents = [&](Vec2 p, double r) {
        for (int id : sim.live()) {
            const auto& b = sim.agents()[static_cast<std::size_t>(id)];
            double l = r + b.radius + 0.02;
            if (geometry::norm2(b.pos - p) < l * l) return false;
        }
        return true;
    };
    auto draw_pre = [&](const Group& grp) { return draw(grp.pre_movement_min, grp.pre_movement_max); };

    auto spawn = [&](const Pending& pd) -> bool {
        const Group& grp = sc.groups[static_cast<std::size_t>(pd.group)];
        Vec2 pos;
        bool ok = false;
        if (!grp.start.opening.empty()) {
            const auto& pe = pa.exits[static_cast<std::size_t>(exit_index(grp.start.opening))];
            Vec2 in = geometry::normalized(pe.door_centre - geometry::centroid(pe.area));
            pos = pe.door_centre + in * 0.7;
            // Half a metre of free space ahead of the door before the next one comes in.
            ok = clear_of_agents(pos, grp.radius + 0.5);
            if (!ok) return false;  // door busy: try again next step
        } else {
            geometry::Polygon poly = grp.start.polygon;
            if (!grp.start.room.empty()) poly = room_polygon(*find_room(*level, grp.start.room));
            geometry::Box b{poly.front(), poly.front()};
            for (auto& v : poly) {
                b.min = {std::min(b.min.x, v.x), std::min(b.min.y, v.y)};
                b.max = {std::max(b.max.x, v.x), std::max(b.max.y, v.y)};
            }
            for (int tries = 0; tries < 300 && !ok; ++tries) {
                pos = {rng.uniform(b.min.x, b.max.x), rng.uniform(b.min.y, b.max.y)};
                ok = geometry::point_in_polygon(poly, pos) && usable_point(pos, pa.area, nav) &&
                     clear_of_agents(pos, grp.radius) && sim.walls().size() > 0;
                if (ok) {
                    // Keep clear of walls and furniture by the radius.
                    for (const auto& w : sim.walls())
                        if (geometry::distance(w, pos) < grp.radius + 0.02) {
                            ok = false;
                            break;
                        }
                }
            }
            if (!ok) {
                ++not_placed;
                if (const int ui = unit_of_group[static_cast<std::size_t>(pd.group)]; ui >= 0)
                    --units[static_cast<std::size_t>(ui)].expected;  // its unit does not wait for it
                return true;  // given up: the room is full
            }
        }
        ped::AgentSpec spec;
        spec.position = pos;
        spec.radius = grp.radius;
        spec.desired_speed = ped::draw_speed(grp.age ? ped::speed_distribution(*grp.age) : grp.speed, rng);
        spec.start_time = now + (has_alarm ? 0.0 : draw_pre(grp));
        spec.exit = group_exit[static_cast<std::size_t>(pd.group)];
        const int ui = unit_of_group[static_cast<std::size_t>(pd.group)];
        Unit* unit = ui >= 0 ? &units[static_cast<std::size_t>(ui)] : nullptr;
        if (unit && unit->leader >= 0) spec.desired_speed = unit->speed;
        int id = sim.add_agent(spec);
        AgentState a;
        a.group = pd.group;
        a.appeared = now;
        a.check_pos = pos;
        for (const auto& act : grp.activities) {
            if (rng.uniform() >= act.probability) continue;
            int reps = act.kind == "shelf" ? act.repeat : 1;
            for (int r = 0; r < reps; ++r) {
                Step s;
                s.dwell = draw(act.dwell_min, act.dwell_max);
                if (act.kind == "shelf") {
                    if (places.shelves.empty()) continue;
                    s.kind = StepKind::Shelf;
                    const std::vector<int>* pool = nullptr;
                    if (!shares.empty()) {
                        // A class by its demand (classes without shelf space are passed over).
                        double u = rng.uniform() * share_sum, acc = 0;
                        for (std::size_t c = 0; c < shares.size() && !pool; ++c) {
                            acc += std::max(0.0, shares[c]);
                            if (u < acc || c + 1 == shares.size()) pool = &class_sections[c];
                        }
                        if (pool && pool->empty()) pool = nullptr;
                    }
                    if (pool) {
                        auto k = static_cast<std::size_t>(rng.uniform() * static_cast<double>(pool->size()));
                        s.target = (*pool)[std::min(k, pool->size() - 1)];
                    } else {
                        s.target = static_cast<int>(rng.uniform() * static_cast<double>(places.shelves.size()));
                        s.target = std::min(s.target, static_cast<int>(places.shelves.size()) - 1);
                    }
                } else if (act.kind == "desk") {
                    s.kind = StepKind::Desk;
                    for (std::size_t d = 0; d < places.desks.size(); ++d)
                        if (places.desks[d].furniture == act.target) s.target = static_cast<int>(d);
                } else if (act.kind == "seat") {
                    s.kind = StepKind::Seat;
                } else {
                    s.kind = StepKind::Room;
                    s.room = act.target;
                }
                a.steps.push_back(s);
            }
        }
        if (unit) {
            if (unit->leader < 0) {
                unit->leader = id;
                unit->speed = spec.desired_speed;
                unit->plan = a.steps;
                unit->meet.assign(a.steps.size(), std::nullopt);
            }
            a.steps = unit->plan;
            a.unit = ui;
            ++unit->spawned;
            unit->members.push_back(id);
        }
        st.push_back(std::move(a));
        if (has_alarm && now >= sc.alarm_time) {
            st.back().steps.clear();
            sim.leave(id, spec.exit, now + draw_pre(grp));
        } else if (unit && grp.start.opening.empty()) {
            st.back().gathering = true;  // sets off when the whole unit is there
            sim.hold(id, now + kGatherHold);
        } else {
            issue(id);  // through a door: one at a time, so the unit meets at its first target
        }
        return true;
    };

    // Walking units: a unit sets off from a meeting point when every member has come and has
    // finished standing there; until then the waiting ones are held. Walking, a member more than
    // half the radius from the centroid of those walking and nearer the unit's goal than that
    // centroid waits a step (the walker farthest from the goal never waits, so the unit cannot
    // lock itself).
    // The step an agent is walking to (its first pending waypoint that is not a step aside), or -1
    // on its way out.
    auto pending_step = [&](int id) -> int {
        const AgentState& a = st[static_cast<std::size_t>(id)];
        const auto& ag = sim.agents()[static_cast<std::size_t>(id)];
        for (std::size_t k = ag.next_waypoint; k < a.step_of_waypoint.size(); ++k)
            if (a.step_of_waypoint[k] >= 0) return a.step_of_waypoint[k];
        return -1;
    };
    auto keep_units_together = [&] {
        for (Unit& u : units) {
            if (u.leader < 0) continue;  // nobody has come yet
            bool all_here = u.spawned == u.expected;
            for (int id : u.members) {
                const auto& ag = sim.agents()[static_cast<std::size_t>(id)];
                const AgentState& a = st[static_cast<std::size_t>(id)];
                if (ag.active && (!a.gathering || ag.hold_until > now + kGatherHold + 1e-9)) all_here = false;
            }
            // The unit's goal: the meeting point of the step it is walking to; for a seat or a
            // desk, or on the way out, wherever the leader is heading.
            std::optional<Vec2> goal;
            const auto& lead = sim.agents()[static_cast<std::size_t>(u.leader)];
            const AgentState& ls = st[static_cast<std::size_t>(u.leader)];
            const int lstep = ls.gathering ? static_cast<int>(ls.next_step) - 1 : pending_step(u.leader);
            if (lstep >= 0 && u.meet[static_cast<std::size_t>(lstep)]) goal = u.meet[static_cast<std::size_t>(lstep)];
            else if (lead.active && !ls.gathering && !lead.corners.empty()) goal = lead.corners.back();
            // The rearmost walker: the one farthest from the goal along its path (every 0.5 s).
            if (sim.steps() % kRearEvery == 0) {
                u.rear = -1;
                double rear_d = -1;
                for (int id : u.members) {
                    const auto& ag = sim.agents()[static_cast<std::size_t>(id)];
                    if (!goal || !ag.active || ag.start_time > now || st[static_cast<std::size_t>(id)].gathering) continue;
                    const nav::Path path = nav.find_path(ag.pos, *goal);
                    const double d = path.status == nav::PathStatus::Ok ? path.length : geometry::norm(*goal - ag.pos);
                    if (d > rear_d) {
                        rear_d = d;
                        u.rear = id;
                    }
                }
            }
            const int rear = u.rear >= 0 && sim.agents()[static_cast<std::size_t>(u.rear)].active &&
                                     !st[static_cast<std::size_t>(u.rear)].gathering
                                 ? u.rear
                                 : -1;
            for (int id : u.members) {
                const auto& ag = sim.agents()[static_cast<std::size_t>(id)];
                if (!ag.active) continue;
                AgentState& a = st[static_cast<std::size_t>(id)];
                if (a.gathering) {
                    if (all_here) {
                        a.gathering = false;
                        issue(id);
                    } else {
                        sim.hold(id, now + kGatherHold);
                    }
                    continue;
                }
                if (ag.start_time > now || ag.hold_until > now) continue;
                // A member that touches (0.5 m gap) one already standing at the meeting point has
                // arrived: the crowd of its own unit stands in the way of the point itself. Steps
                // aside on the way are dropped; the step's own waypoint is completed here.
                const int step = pending_step(id);
                if (step >= 0 && u.meet[static_cast<std::size_t>(step)]) {
                    bool joins = false;
                    for (int o : u.members) {
                        const auto& b = sim.agents()[static_cast<std::size_t>(o)];
                        const AgentState& bs = st[static_cast<std::size_t>(o)];
                        joins = joins || (o != id && b.active && bs.gathering && static_cast<int>(bs.next_step) - 1 == step &&
                                          geometry::norm(b.pos - ag.pos) < b.radius + ag.radius + 0.5);
                    }
                    if (joins) {
                        while (!a.gathering && ag.next_waypoint < ag.waypoints.size()) sim.complete_waypoint(id);
                        continue;
                    }
                }
                if (rear >= 0 && id != rear && geometry::norm(ag.pos - sim.agents()[static_cast<std::size_t>(rear)].pos) > u.radius)
                    sim.hold(id, now + kGatherHold);
            }
        }
    };

    // Density sampling.
    const geometry::Box box = pa.area.bounds();
    res.heat_box = box;
    res.heat_nx = std::max(1, static_cast<int>(std::ceil((box.max.x - box.min.x) / res.heat_cell)));
    res.heat_ny = std::max(1, static_cast<int>(std::ceil((box.max.y - box.min.y) / res.heat_cell)));
    res.heat.assign(static_cast<std::size_t>(res.heat_nx * res.heat_ny), 0.0);
    const int dnx = std::max(1, static_cast<int>(std::ceil(box.max.x - box.min.x)));
    const int dny = std::max(1, static_cast<int>(std::ceil(box.max.y - box.min.y)));
    std::vector<int> dcount(static_cast<std::size_t>(dnx * dny), 0);
    std::vector<double> dpeak(dcount.size(), 0.0), dbad(dcount.size(), 0.0);
    std::string traj = "# shuxiang trajectories v2\n# level=" + level->id + " scenario=" + sc.name +
                       " frame_s=" + std::to_string(options.record_every) +
                       "\n# state: w walking, b browsing/staying, q queueing, r reading\n";
    // v2: the last column is the index of the agent's scenario group, named here (one line each,
    // the name is the rest of the line so it may hold spaces).
    for (std::size_t g = 0; g < sc.groups.size(); ++g) {
        std::string name = sc.groups[g].name;
        std::replace_if(name.begin(), name.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
        traj += "# group " + std::to_string(g) + ": " + name + "\n";
    }
    traj += "t,id,x,y,state,group\n";

    const long record_steps = std::max(1L, std::lround(options.record_every / mp.dt));
    const long stuck_steps = std::lround(10.0 / mp.dt);
    const long series_steps = std::max(1L, std::lround(options.series_every / mp.dt));
    double last_progress = -1;
    char buf[128];

    while (now < sc.duration - 1e-9) {
        if (has_alarm && !alarm_done && now >= sc.alarm_time) {
            alarm_done = true;
            for (int id : sim.live()) {
                AgentState& a = st[static_cast<std::size_t>(id)];
                a.steps.clear();
                if (a.desk >= 0) a.desk = -1;
                if (a.seat >= 0) seat_owner[static_cast<std::size_t>(a.seat)] = -1;
                a.doing = Doing::Walking;
                a.gathering = false;
                sim.leave(id, group_exit[static_cast<std::size_t>(a.group)],
                          now + draw_pre(sc.groups[static_cast<std::size_t>(a.group)]));
            }
        }
        // Nobody comes in after the alarm; those due by then are placed (and leave at once).
        auto more_to_come = [&] {
            return next_pending < pending.size() && (!alarm_done || pending[next_pending].time <= sc.alarm_time);
        };
        while (more_to_come() && pending[next_pending].time <= now + 1e-9) {
            if (!spawn(pending[next_pending])) break;
            ++next_pending;
        }
        // Desk queues: agents close to their desk join its queue and wait where they stand.
        for (int id : sim.live()) {
            AgentState& a = st[static_cast<std::size_t>(id)];
            const auto& ag = sim.agents()[static_cast<std::size_t>(id)];
            if (a.doing != Doing::Walking && ag.hold_until <= now) a.doing = Doing::Walking;
            if (a.desk < 0 || a.registered) continue;
            const auto d = static_cast<std::size_t>(a.desk);
            if (!a.force_register && geometry::norm(ag.pos - places.desks[d].at) > kQueueRadius) continue;
            a.registered = true;
            a.force_register = false;
            const Step& s = a.steps[a.next_step - 1];
            ServiceEvent ev{a.desk, id, now, std::max(now, desk_free[d]), 0};
            ev.end = ev.start + s.dwell;
            desk_free[d] = ev.end;
            res.services.push_back(ev);
            int waiting = 0;
            for (auto it = res.services.rbegin(); it != res.services.rend() && it->start > now; ++it)
                if (it->desk == a.desk) ++waiting;
            res.desks[d].max_queue = std::max(res.desks[d].max_queue, waiting);
            // Served where it waits: the desk point itself is not walked to, or the one being
            // served and those queueing behind would block each other.
            sim.complete_waypoint(id);  // the callback clears a.desk and issues the next step
            sim.hold(id, ev.end);
            a.doing = Doing::Queueing;
        }
        if (!alarm_done) keep_units_together();
        // Gridlock relief: an agent that has walked less than 0.3 m in 20 s (face to face in a
        // narrow aisle, or pressed against someone browsing) steps aside 1-2 m and waits 3 s.
        if (sim.steps() % stuck_steps == 0) {
            for (int id : sim.live()) {
                AgentState& a = st[static_cast<std::size_t>(id)];
                const auto& ag = sim.agents()[static_cast<std::size_t>(id)];
                // Waiting one's turn at a one-lane door is not being stuck.
                const bool walking = ag.start_time <= now && ag.hold_until <= now && !ag.passage_waiting;
                if (!walking || geometry::norm(ag.pos - a.check_pos) > 0.3) {
                    a.check_pos = ag.pos;
                    a.stuck_checks = 0;
                    continue;
                }
                if (++a.stuck_checks < 2) continue;
                a.stuck_checks = 0;
                // Held up close to the target (someone browsing the same section, a crowd at the
                // desk): near enough. Browse or read from here; join the desk's queue from here.
                if (ag.next_waypoint < ag.waypoints.size() && ag.next_waypoint < a.step_of_waypoint.size() &&
                    a.step_of_waypoint[ag.next_waypoint] >= 0) {
                    const Step& cur = a.steps[static_cast<std::size_t>(a.step_of_waypoint[ag.next_waypoint])];
                    const double d = geometry::norm(ag.waypoints[ag.next_waypoint] - ag.pos);
                    if (cur.kind == StepKind::Desk && d < 4.0) {
                        a.force_register = true;
                        continue;
                    }
                    if (cur.kind != StepKind::Desk && d < 1.5) {
                        sim.complete_waypoint(id);
                        continue;
                    }
                }
                // Three steps aside did not get it there: give the target up and go on with the
                // next activity (or, with none left, keep trying for the exit).
                if (a.asides >= 3 && ag.next_waypoint < ag.waypoints.size()) {
                    a.asides = 0;
                    const bool aside = ag.next_waypoint < a.step_of_waypoint.size() && a.step_of_waypoint[ag.next_waypoint] < 0;
                    sim.skip_waypoint(id);
                    if (!aside) ++res.targets_given_up;
                    continue;
                }
                ++a.asides;
                for (int tries = 0; tries < 30; ++tries) {
                    double ang = rng.uniform(0, 2 * M_PI), dist = rng.uniform(1.0, 2.0);
                    Vec2 p = ag.pos + Vec2{std::cos(ang), std::sin(ang)} * dist;
                    if (!usable_point(p, pa.area, nav) || !clear_of_agents(p, ag.radius)) continue;
                    bool near_wall = false;
                    for (const auto& w : sim.walls()) near_wall = near_wall || geometry::distance(w, p) < ag.radius + 0.05;
                    if (near_wall) continue;
                    sim.insert_waypoint(id, p, 3.0);
                    a.step_of_waypoint.insert(a.step_of_waypoint.begin() +
                                                  static_cast<std::ptrdiff_t>(std::min(ag.next_waypoint, a.step_of_waypoint.size())),
                                              -1);
                    ++res.step_asides;
                    break;
                }
            }
        }
        sim.step();
        now = sim.time();
        const long k = sim.steps();
        if (k % record_steps == 0) {
            std::fill(dcount.begin(), dcount.end(), 0);
            for (int id : sim.live()) {
                const auto& ag = sim.agents()[static_cast<std::size_t>(id)];
                if (ag.start_time > now) continue;
                const AgentState& a = st[static_cast<std::size_t>(id)];
                const char state = a.doing == Doing::Walking ? (a.gathering ? 'b' : 'w') : a.doing == Doing::Browsing ? 'b'
                                 : a.doing == Doing::Queueing ? 'q' : 'r';
                std::snprintf(buf, sizeof buf, "%.1f,%d,%.2f,%.2f,%c,%d\n", now, id, ag.pos.x, ag.pos.y, state, a.group);
                traj += buf;
                if (a.doing == Doing::Reading) continue;
                int hx = std::clamp(static_cast<int>((ag.pos.x - box.min.x) / res.heat_cell), 0, res.heat_nx - 1);
                int hy = std::clamp(static_cast<int>((ag.pos.y - box.min.y) / res.heat_cell), 0, res.heat_ny - 1);
                res.heat[static_cast<std::size_t>(hy * res.heat_nx + hx)] += options.record_every;
                int cx = std::clamp(static_cast<int>(ag.pos.x - box.min.x), 0, dnx - 1);
                int cy = std::clamp(static_cast<int>(ag.pos.y - box.min.y), 0, dny - 1);
                ++dcount[static_cast<std::size_t>(cy * dnx + cx)];
            }
            double step_max = 0;
            for (std::size_t c = 0; c < dcount.size(); ++c) {
                if (dcount[c] == 0) continue;
                double d = dcount[c];  // 1 m² cells
                dpeak[c] = std::max(dpeak[c], d);
                if (d >= 1.0 / 0.93) dbad[c] += options.record_every;
                step_max = std::max(step_max, d);
                if (d > res.max_density_walking) {
                    res.max_density_walking = d;
                    res.max_density_time = now;
                    res.max_density_at = {box.min.x + static_cast<double>(c % static_cast<std::size_t>(dnx)) + 0.5,
                                          box.min.y + static_cast<double>(c / static_cast<std::size_t>(dnx)) + 0.5};
                }
            }
            if (k % series_steps == 0) {
                TimeRow row;
                row.t = now;
                for (int id : sim.live()) {
                    if (sim.agents()[static_cast<std::size_t>(id)].start_time > now) continue;
                    ++row.present;
                    switch (st[static_cast<std::size_t>(id)].doing) {
                        case Doing::Walking: ++row.walking; break;
                        case Doing::Browsing: ++row.browsing; break;
                        case Doing::Queueing: ++row.queueing; break;
                        case Doing::Reading: ++row.reading; break;
                    }
                }
                int occupied = 0;
                for (std::size_t s = 0; s < places.seats.size(); ++s)
                    if (seat_until[s] > now) ++occupied;
                res.seats_max_occupied = std::max(res.seats_max_occupied, occupied);
                row.max_density = step_max;
                res.series.push_back(row);
            }
        }
        if (options.progress && now / sc.duration - last_progress >= 0.01) {
            last_progress = now / sc.duration;
            options.progress(last_progress);
        }
        if (!more_to_come() && sim.finished()) break;
    }
    if (options.progress) options.progress(1.0);
    res.trajectories = std::move(traj);
    res.sim = sim.metrics();
    res.duration = now;
    res.evacuation = has_alarm;
    res.agents_left_inside = static_cast<int>(sim.live().size());
    res.agents_not_placed = not_placed;
    // Seats: the peak of simultaneous readers from the seatings themselves.
    {
        std::vector<std::pair<double, int>> ev;
        for (const auto& s : res.seatings) {
            ev.push_back({s.from, 1});
            ev.push_back({s.to, -1});
        }
        std::sort(ev.begin(), ev.end());
        int cur = 0;
        for (auto& e : ev) res.seats_max_occupied = std::max(res.seats_max_occupied, cur += e.second);
    }
    double sum = 0;
    int n = 0;
    for (std::size_t i = 0; i < sim.agents().size(); ++i) {
        const auto& ag = sim.agents()[i];
        if (!ag.arrived) continue;
        double tt = ag.arrival_time - st[i].appeared;
        sum += tt;
        ++n;
        res.travel_max = std::max(res.travel_max, tt);
        if (ag.exit >= 0 && ag.arrival_time > res.exit_close_times[static_cast<std::size_t>(ag.exit)] + 1e-9)
            ++res.closed_exit_uses;
        if (has_alarm) res.evacuation_time = std::max(res.evacuation_time, ag.arrival_time - sc.alarm_time);
    }
    res.travel_mean = n ? sum / n : 0.0;
    for (auto& ev : res.services) {
        auto& d = res.desks[static_cast<std::size_t>(ev.desk)];
        ++d.served;
        d.mean_wait += ev.start - ev.arrive;
        d.max_wait = std::max(d.max_wait, ev.start - ev.arrive);
    }
    for (auto& d : res.desks)
        if (d.served) d.mean_wait /= d.served;
    for (std::size_t c = 0; c < dbad.size(); ++c)
        if (dbad[c] >= 10.0)
            res.bottlenecks.push_back({{box.min.x + static_cast<double>(c % static_cast<std::size_t>(dnx)) + 0.5,
                                        box.min.y + static_cast<double>(c / static_cast<std::size_t>(dnx)) + 0.5},
                                       dpeak[c], dbad[c]});
    std::sort(res.bottlenecks.begin(), res.bottlenecks.end(),
              [](const Bottleneck& a, const Bottleneck& b) { return a.seconds_at_e_or_worse > b.seconds_at_e_or_worse; });
    if (res.bottlenecks.size() > 10) res.bottlenecks.resize(10);
    return res;
}

}  // namespace shuxiang::scenario
