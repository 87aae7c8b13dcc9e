#include <shuxiang/ped/simulation.hpp>

#include "worker_pool.hpp"

#include <algorithm>
#include <cmath>

namespace shuxiang::ped {

using geometry::closest_point;
using geometry::cross;
using geometry::dot;
using geometry::norm;
using geometry::normalized;

namespace {
constexpr double kWallMargin = 0.8;  // walls within this distance of a cell are listed in it
constexpr double kTolerance = 0.02;  // overlap that counts as a violation (m)
}  // namespace

Simulation::~Simulation() = default;

int Simulation::parallel_for(std::size_t count, const std::function<void(int, std::size_t, std::size_t)>& f) {
    // Contiguous chunks, one per thread; one thread for small counts (waking workers costs more).
    const int nt = params_.threads > 1 && count >= static_cast<std::size_t>(params_.parallel_min_agents) ? params_.threads : 1;
    if (thread_work_.size() < static_cast<std::size_t>(nt)) thread_work_.resize(static_cast<std::size_t>(nt));
    auto chunk = [&](int t) {
        const auto ut = static_cast<std::size_t>(t), un = static_cast<std::size_t>(nt);
        f(t, count * ut / un, count * (ut + 1) / un);
    };
    if (nt == 1) chunk(0);
    else pool().run(nt, chunk);
    return nt;
}

WorkerPool& Simulation::pool() {
    if (!pool_) pool_ = std::make_unique<WorkerPool>(params_.threads - 1);
    return *pool_;
}

double ExitStats::flow() const { return count > 1 && last > first ? (count - 1) / (last - first) : 0.0; }

double LineStats::flow() const {
    return times.size() > 1 && times.back() > times.front()
               ? static_cast<double>(times.size() - 1) / (times.back() - times.front())
               : 0.0;
}

Simulation::Simulation(const geometry::WalkableArea& area, const nav::NavMesh& nav, ModelParams params)
    : area_(area), nav_(nav), params_(params), walls_(area.walls()) {
    box_ = area.bounds();
    box_.min = box_.min - Vec2{1.0, 1.0};
    box_.max = box_.max + Vec2{1.0, 1.0};
    wbox_ = box_;
    wnx_ = std::max(1, static_cast<int>(std::ceil((box_.max.x - box_.min.x) / wcell_)));
    wny_ = std::max(1, static_cast<int>(std::ceil((box_.max.y - box_.min.y) / wcell_)));
    wall_cells_.assign(static_cast<std::size_t>(wnx_ * wny_), {});
    for (std::size_t w = 0; w < walls_.size(); ++w) {
        const Segment& s = walls_[w];
        int x0 = static_cast<int>(std::floor((std::min(s.a.x, s.b.x) - kWallMargin - wbox_.min.x) / wcell_));
        int x1 = static_cast<int>(std::floor((std::max(s.a.x, s.b.x) + kWallMargin - wbox_.min.x) / wcell_));
        int y0 = static_cast<int>(std::floor((std::min(s.a.y, s.b.y) - kWallMargin - wbox_.min.y) / wcell_));
        int y1 = static_cast<int>(std::floor((std::max(s.a.y, s.b.y) + kWallMargin - wbox_.min.y) / wcell_));
        for (int y = std::max(0, y0); y <= std::min(wny_ - 1, y1); ++y)
            for (int x = std::max(0, x0); x <= std::min(wnx_ - 1, x1); ++x) {
                // Keep only cells the inflated segment really reaches (long diagonal walls).
                Vec2 c{wbox_.min.x + (x + 0.5) * wcell_, wbox_.min.y + (y + 0.5) * wcell_};
                if (geometry::distance(s, c) > kWallMargin + wcell_ * 0.7072) continue;
                wall_cells_[static_cast<std::size_t>(y * wnx_ + x)].push_back(static_cast<int>(w));
            }
    }
    stamps_.resize(static_cast<std::size_t>(std::max(1, params_.threads)));
    for (auto& st : stamps_) st.mark.assign(walls_.size(), 0);

    double lx = box_.max.x - box_.min.x;
    if (params_.periodic_x) {
        lx = params_.period_x1 - params_.period_x0;
        box_.min.x = params_.period_x0;
        box_.max.x = params_.period_x1;
        anx_ = std::max(1, static_cast<int>(std::floor(lx / params_.cutoff)));
        acx_ = lx / anx_;
    } else {
        acx_ = params_.cutoff;
        anx_ = std::max(1, static_cast<int>(std::ceil(lx / acx_)));
    }
    acy_ = params_.cutoff;
    any_ = std::max(1, static_cast<int>(std::ceil((box_.max.y - box_.min.y) / acy_)));
}

int Simulation::add_exit(Exit e) {
    Vec2 target = geometry::centroid(e.area);
    Vec2 snapped;
    if (nav_.nearest_point(target, snapped, 2.0)) target = snapped;
    exit_targets_.push_back(target);
    exit_was_open_.push_back(true);
    metrics_.exits.push_back({e.name, 0, kNever, 0.0});
    exits_.push_back(std::move(e));
    return static_cast<int>(exits_.size() - 1);
}

int Simulation::add_line(MeasureLine l) {
    metrics_.lines.push_back({l.name, {}});
    lines_.push_back(std::move(l));
    return static_cast<int>(lines_.size() - 1);
}

int Simulation::add_passage(Passage p) {
    PassageState st;
    Vec2 d = p.line.b - p.line.a;
    st.half = norm(d) / 2;
    st.along = normalized(d);
    st.across = geometry::perp(st.along);
    st.mid = (p.line.a + p.line.b) * 0.5;
    st.p = std::move(p);
    passages_.push_back(std::move(st));
    return static_cast<int>(passages_.size()) - 1;
}

namespace {
int side_index(int side) { return side > 0 ? 1 : 0; }
}  // namespace

void Simulation::update_passages() {
    const PassageParams& pp = passage_params_;
    auto in_core = [&](const PassageState& st, Vec2 pos) {
        Vec2 rel = pos - st.mid;
        return std::abs(dot(rel, st.along)) <= st.half + 0.3 &&
               std::abs(dot(rel, st.across)) <= st.p.depth / 2 + pp.core_margin;
    };
    for (int lid : live_) {
        Agent& a = agents_[static_cast<std::size_t>(lid)];
        if (a.passage < 0) continue;
        PassageState& st = passages_[static_cast<std::size_t>(a.passage)];
        if (a.active && in_core(st, a.pos)) continue;
        --st.inside;
        a.passage = -1;
    }
    for (auto& st : passages_) {
        for (int k = 0; k < 2; ++k) {
            if (!st.waited_now[k]) st.wait_since[k] = kNever;
            else if (st.wait_since[k] == kNever) st.wait_since[k] = time_ - params_.dt;
            st.waited_now[k] = false;
        }
        if (st.inside <= 0) {
            st.inside = 0;
            // The door is clear: it turns to the side that has been waiting, or becomes free.
            st.dir = st.turning ? -st.dir : 0;
            st.turning = false;
        } else if (st.dir != 0 && !st.turning) {
            double since = st.wait_since[side_index(-st.dir)];
            if (since != kNever && time_ - since >= pp.max_turn) st.turning = true;
        }
    }
}

Vec2 Simulation::passage_gate(Agent& a, Vec2 e0) {
    if (a.passage >= 0) return e0;
    const PassageParams& pp = passage_params_;
    const bool was_waiting = a.passage_waiting;
    a.passage_waiting = false;
    for (std::size_t i = 0; i < passages_.size(); ++i) {
        PassageState& st = passages_[i];
        Vec2 rel = a.pos - st.mid;
        double c = dot(rel, st.across), l = dot(rel, st.along);
        if (std::abs(c) > st.p.depth / 2 + pp.admit_margin || std::abs(l) > st.half + pp.admit_margin) continue;
        // Only walkers whose path goes through the opening take part.
        bool through = false;
        Vec2 p = a.pos;
        double cp = c;
        for (std::size_t k = a.corner; k < a.corners.size() && k < a.corner + 4 && !through; ++k) {
            Vec2 q = a.corners[k];
            double cq = dot(q - st.mid, st.across);
            if ((cp > 0.0) != (cq > 0.0) && cp != cq) {
                Vec2 hit = p + (q - p) * (cp / (cp - cq));
                through = std::abs(dot(hit - st.mid, st.along)) <= st.half + 0.15;
            }
            p = q;
            cp = cq;
        }
        if (!through) continue;
        const int side = c >= 0.0 ? 1 : -1;
        const bool waited_enough = was_waiting && time_ - a.passage_wait_start >= pp.max_wait;
        if (st.dir == 0 || (st.dir == side && !st.turning) || waited_enough) {
            a.passage = static_cast<int>(i);
            ++st.inside;
            if (st.dir == 0) st.dir = side;
            return e0;
        }
        // Someone is coming the other way: wait, keeping the door's mouth clear for them. In the
        // mouth, step out of it sideways (to whichever side is nearer, one's right when in line)
        // and back; outside it, stand.
        st.waited_now[side_index(side)] = true;
        a.passage_waiting = true;
        if (!was_waiting) {
            ++metrics_.passage_waits;
            a.passage_wait_start = time_;
        }
        const double lane = st.half + a.radius + 0.1;
        const double depth = st.p.depth / 2 + pp.mouth_depth;
        Vec2 travel = st.across * static_cast<double>(-side);
        if (std::abs(l) >= lane || std::abs(c) >= depth) {
            // Make way for those who came through and walk at us: step off their line.
            Vec2 aside{0, 0};
            for (const auto& nb : near_) {
                Vec2 hj = cheading_[static_cast<std::size_t>(nb.slot)];
                if (dot(hj, travel) >= 0.0) continue;  // going our way, or standing
                Vec2 dji = nb.d * -1.0;              // from them to us
                if (dot(hj, dji) <= 0.0) continue;     // walking away from us
                double lat = cross(hj, dji);
                if (std::abs(lat) > nb.l + 0.2 || nb.s > nb.l + 1.0) continue;
                aside += geometry::perp(hj) * (lat >= 0.0 ? 1.0 : -1.0);
            }
            return norm(aside) > 0.0 ? normalized(aside) : Vec2{0, 0};
        }
        Vec2 right{travel.y, -travel.x};
        double lat_sign = std::abs(l) > 0.05 ? (l > 0.0 ? 1.0 : -1.0) : (dot(right, st.along) > 0.0 ? 1.0 : -1.0);
        Vec2 out = st.along * (lat_sign * (lane - std::abs(l))) + st.across * (side * 0.5 * (depth - std::abs(c)));
        return normalized(out);
    }
    return e0;
}

int Simulation::add_agent(const AgentSpec& spec) {
    Agent a;
    a.id = static_cast<int>(agents_.size());
    a.pos = spec.position;
    a.radius = spec.radius;
    a.v0 = spec.desired_speed;
    pair_margin_ = std::max(pair_margin_, 2.0 * spec.desired_speed * params_.dt + 0.1);
    a.start_time = spec.start_time;
    a.exit = spec.exit;
    a.fixed_exit = spec.exit >= 0;
    a.fixed_dir = normalized(spec.fixed_direction);
    a.waypoints = spec.waypoints;
    a.dwell = spec.dwell;
    a.dwell.resize(a.waypoints.size(), 0.0);
    agents_.push_back(std::move(a));
    live_.push_back(agents_.back().id);
    ++metrics_.agents_total;
    return agents_.back().id;
}

void Simulation::add_waypoint(int id, Vec2 p, double dwell) {
    Agent& a = agents_[static_cast<std::size_t>(id)];
    a.waypoints.push_back(p);
    a.dwell.push_back(dwell);
    // Heading for the exit already: turn towards the new waypoint on the next step.
    if (a.next_waypoint + 1 == a.waypoints.size()) a.corners.clear();
}

void Simulation::hold(int id, double until) {
    Agent& a = agents_[static_cast<std::size_t>(id)];
    a.hold_until = std::max(a.hold_until, until);
}

void Simulation::insert_waypoint(int id, Vec2 p, double dwell) {
    Agent& a = agents_[static_cast<std::size_t>(id)];
    const auto at = static_cast<std::ptrdiff_t>(std::min(a.next_waypoint, a.waypoints.size()));
    a.waypoints.insert(a.waypoints.begin() + at, p);
    a.dwell.insert(a.dwell.begin() + at, dwell);
    a.corners.clear();
}

void Simulation::skip_waypoint(int id) {
    Agent& a = agents_[static_cast<std::size_t>(id)];
    if (a.next_waypoint >= a.waypoints.size()) return;
    const std::size_t k = a.next_waypoint++;
    a.corners.clear();
    if (on_waypoint_) on_waypoint_(a.id, k, false);
}

void Simulation::complete_waypoint(int id) {
    Agent& a = agents_[static_cast<std::size_t>(id)];
    if (a.next_waypoint >= a.waypoints.size()) return;
    const std::size_t k = a.next_waypoint++;
    if (k < a.dwell.size() && a.dwell[k] > 0.0) a.hold_until = std::max(a.hold_until, time_ + a.dwell[k]);
    a.corners.clear();
    if (on_waypoint_) on_waypoint_(a.id, k, true);
}

void Simulation::leave(int id, int exit, double not_before) {
    Agent& a = agents_[static_cast<std::size_t>(id)];
    a.next_waypoint = a.waypoints.size();
    a.hold_until = not_before;
    a.exit = exit;
    a.fixed_exit = exit >= 0;
    a.corners.clear();
}

void Simulation::set_desired_speed(int id, double v) {
    agents_[static_cast<std::size_t>(id)].v0 = v;
    pair_margin_ = std::max(pair_margin_, 2.0 * v * params_.dt + 0.1);
}

void Simulation::relocate(int id, Vec2 p) {
    Agent& a = agents_[static_cast<std::size_t>(id)];
    a.pos = p;
    a.vel = {0, 0};
    a.corners.clear();
    a.corner = 0;
    a.lane_corners = 0;
    a.exit_point_for = -1;
}

Vec2 Simulation::delta(Vec2 from, Vec2 to) const {
    Vec2 d = to - from;
    if (params_.periodic_x) {
        double l = params_.period_x1 - params_.period_x0;
        if (d.x > 0.5 * l) d.x -= l;
        else if (d.x < -0.5 * l) d.x += l;
    }
    return d;
}


Simulation::Stamps& Simulation::fresh_stamps(int t) const {
    Stamps& st = stamps_[static_cast<std::size_t>(t)];
    if (++st.gen == 0) {
        std::fill(st.mark.begin(), st.mark.end(), 0u);
        st.gen = 1;
    }
    return st;
}

bool Simulation::line_of_sight(Vec2 p, Vec2 q, double clearance, int t) const {
    Stamps& st = fresh_stamps(t);
    Segment s{p, q};
    double len = norm(q - p);
    int n = static_cast<int>(std::ceil(len / (0.5 * wcell_))) + 1;
    for (int k = 0; k <= n; ++k) {
        Vec2 pt = p + (q - p) * (static_cast<double>(k) / n);
        for (int w : wall_cells_[static_cast<std::size_t>(wall_cell(pt))]) {
            if (st.mark[static_cast<std::size_t>(w)] == st.gen) continue;
            st.mark[static_cast<std::size_t>(w)] = st.gen;
            if (geometry::segment_distance(s, walls_[static_cast<std::size_t>(w)]) < clearance) return false;
        }
    }
    return true;
}

Vec2 Simulation::goal_of(const Agent& a) const {
    if (a.next_waypoint < a.waypoints.size()) return a.waypoints[a.next_waypoint];
    return exit_targets_[static_cast<std::size_t>(a.exit)];
}

void Simulation::route(Agent& a) {
    route_path(a);
    a.lane_corners = 0;
    if (a.active && params_.lane_spread > 0.0) spread_corners(a);
}

double Simulation::ray_clearance(Vec2 p, Vec2 u, double maxlen) const {
    Stamps& st = fresh_stamps(0);
    double best = maxlen;
    const int n = static_cast<int>(std::ceil(maxlen / (0.5 * wcell_))) + 1;
    for (int k = 0; k <= n; ++k) {
        Vec2 pt = p + u * (maxlen * k / n);
        if (maxlen * k / n > best + wcell_) break;
        for (int w : wall_cells_[static_cast<std::size_t>(wall_cell(pt))]) {
            if (st.mark[static_cast<std::size_t>(w)] == st.gen) continue;
            st.mark[static_cast<std::size_t>(w)] = st.gen;
            const Segment& sg = walls_[static_cast<std::size_t>(w)];
            Vec2 d = sg.b - sg.a;
            double den = cross(u, d);
            if (std::abs(den) < 1e-12) continue;
            Vec2 ap = sg.a - p;
            double t = cross(ap, d) / den, v = cross(ap, u) / den;
            if (t >= 0.0 && v >= 0.0 && v <= 1.0) best = std::min(best, t);
        }
    }
    return best;
}

Simulation::Section Simulation::way_section(Vec2 c, Vec2 out, double maxlen) const {
    // The way's width at a corner is its narrowest across the corner and a metre before and
    // after it (a corner at a corridor's mouth or just past a door looks into the room).
    const Vec2 right{out.y, -out.x};
    Section best{c, kNever, kNever};
    for (double t : {-1.0, -0.5, 0.0, 0.5, 1.0}) {
        Vec2 q = c + out * t;
        const double r = ray_clearance(q, right, maxlen), l = ray_clearance(q, right * -1.0, maxlen);
        if (r + l < best.left + best.right) best = {q, l, r};
    }
    return best;
}

void Simulation::mark_narrow_entries(std::vector<Vec2>& corners) const {
    // A straight stretch of a path through a narrow way has no corner to keep right at: add one
    // every narrow_lane_step metres where the way is narrower than lane_min_width (samples every
    // 0.5 m), so that the walker holds its side all along, not only at the mouth.
    const double wmin = params_.narrow_max_width;
    std::vector<Vec2> out{corners.front()};
    for (std::size_t k = 0; k + 1 < corners.size(); ++k) {
        const Vec2 p = corners[k], q = corners[k + 1];
        const double len = norm(q - p);
        const Vec2 u = normalized(q - p);
        const Vec2 right{u.y, -u.x};
        double last = -kNever;
        for (double t = 1.0; t + 1.0 < len && out.size() < 31; t += 0.5) {
            if (t - last < params_.narrow_lane_step) continue;
            const Vec2 x = p + u * t;
            const double r = ray_clearance(x, right, wmin);
            if (r >= wmin) continue;  // wide already on one side: the other need not be looked at
            const double w = r + ray_clearance(x, right * -1.0, wmin - r);
            if (w >= wmin || w < params_.narrow_min_width) continue;
            out.push_back(x);
            last = t;
        }
        out.push_back(q);
    }
    corners = std::move(out);
}

void Simulation::spread_corners(Agent& a) {
    // Lanes: a navmesh path corner hugs the inner wall, so a crowd following it funnels into a
    // strip along the inside of every turn. A walker keeps its place across the way instead: its
    // share f of the free width, counted from its left, where it stands now is the share at which
    // it passes each corner of the path whose way is wide (scaled towards the middle by
    // lane_spread < 1). Narrow ways are left to the model: lanes form there by themselves.
    a.lane_corners = 0;
    if (a.corners.size() < 2) return;
    if (params_.narrow_keep_right > 0.0) mark_narrow_entries(a.corners);
    if (a.corners.size() < 3) return;
    const double wmax = params_.lane_max_width;
    const double margin = a.radius + 0.05;
    double f = -1.0;  // the walker's own share, measured once a wide corner needs it
    const std::vector<Vec2> orig = a.corners;
    for (std::size_t k = 1; k + 1 < orig.size() && k < 32; ++k) {
        // Onward direction: to the first later corner at least a metre away (a rounded corner
        // comes as several corners a few centimetres apart).
        std::size_t j = k + 1;
        while (j + 1 < orig.size() && norm(orig[j] - orig[k]) < 1.0) ++j;
        const Vec2 out = normalized(orig[j] - orig[k]);
        if (norm(out) == 0.0) continue;
        const Vec2 right{out.y, -out.x};
        const Section sec = way_section(orig[k], out, std::max(params_.lane_min_width, params_.narrow_max_width));
        const double width = sec.left + sec.right;
        Vec2 lane;
        if (width < params_.narrow_max_width || width < params_.lane_min_width) {
            // A narrow way: keep right of its middle at its narrowest, so that opposing
            // streams meet side by side instead of head-on at the mouth.
            if (width < params_.narrow_min_width || params_.narrow_keep_right <= 0.0) continue;
            const double r = std::max(0.0, sec.right - margin), l = std::max(0.0, sec.left - margin);
            lane = sec.at + right * ((0.5 + params_.narrow_keep_right) * (r + l) - l);
        } else {
            if (f < 0.0) {
                const Vec2 in = normalized(orig[1] - a.pos);
                const Vec2 left{-in.y, in.x};
                const double l0 = ray_clearance(a.pos, left, wmax), r0 = ray_clearance(a.pos, left * -1.0, wmax);
                if (norm(in) == 0.0 || l0 + r0 <= 1e-9) return;
                f = 0.5 + (l0 / (l0 + r0) - 0.5) * std::min(1.0, params_.lane_spread);
            }
            const double r = std::max(0.0, ray_clearance(orig[k], right, wmax) - margin);
            const double l = std::max(0.0, ray_clearance(orig[k], right * -1.0, wmax) - margin);
            lane = orig[k] + right * (f * (r + l) - l);
        }
        if (!line_of_sight(a.corners[k - 1], lane, a.radius) || !line_of_sight(lane, orig[j], a.radius)) continue;
        a.corners[k] = lane;
        a.lane_corners |= 1u << k;
    }
}

void Simulation::route_path(Agent& a) {
    a.corners.clear();
    a.exit_point_for = -1;
    a.corner = 0;
    if (a.next_waypoint < a.waypoints.size()) {
        auto p = nav_.find_path(a.pos, a.waypoints[a.next_waypoint]);
        if (p.status == nav::PathStatus::Ok) {
            a.corners = std::move(p.corners);
            return;
        }
        // Unreachable waypoint: skip it (the behaviour layer hears of it and may add another).
        const std::size_t k = a.next_waypoint++;
        if (on_waypoint_) on_waypoint_(a.id, k, false);
        route(a);
        return;
    }
    if (a.exit >= 0 && exit_open(a.exit)) {
        auto p = nav_.find_path(a.pos, exit_targets_[static_cast<std::size_t>(a.exit)]);
        if (p.status == nav::PathStatus::Ok) {
            a.corners = std::move(p.corners);
            return;
        }
    }
    // Nearest usable exit by walking distance.
    double best = kNever;
    int best_exit = -1;
    for (std::size_t e = 0; e < exits_.size(); ++e) {
        if (!exit_open(static_cast<int>(e))) continue;
        auto p = nav_.find_path(a.pos, exit_targets_[e]);
        if (p.status == nav::PathStatus::Ok && p.length < best) {
            best = p.length;
            best_exit = static_cast<int>(e);
            a.corners = std::move(p.corners);
        }
    }
    if (best_exit < 0) {
        a.active = false;
        a.stranded = true;
        a.corners.clear();
        ++metrics_.agents_unreachable;
        return;
    }
    a.exit = best_exit;
}

Vec2 Simulation::desired_direction(Agent& a, int t, bool* deferred) {
    // With `deferred`, on a worker thread: whatever needs the navmesh query or a waypoint
    // callback is left to the serial pass (flag set, nothing changed but corner skipping, which
    // that pass repeats with the same outcome).
    if (a.fixed_dir.x != 0.0 || a.fixed_dir.y != 0.0) return a.fixed_dir;
    if (a.corners.empty()) {
        if (deferred) return *deferred = true, Vec2{0, 0};
        route(a);
    }
    if (!a.active || a.corners.empty()) return {0, 0};
    const long phase = steps_ + a.id;
    // Skip corners already reached or, looking ahead, already visible with clearance.
    // Near a corner the clearance asked for is smaller, but line of sight is always required:
    // an agent squeezed against the wall beside a door can be close to the corner yet behind it.
    while (a.corner + 1 < a.corners.size()) {
        bool near = norm(a.corners[a.corner] - a.pos) < 0.4;
        // A lane corner is kept until reached or passed (crossing the line across the passage).
        const bool lane_corner = a.corner < 32 && (a.lane_corners >> a.corner & 1u) != 0;
        if (lane_corner && !near) {
            Vec2 out = a.corners[a.corner + 1] - a.corners[a.corner];
            if (dot(a.pos - a.corners[a.corner], out) < 0.0) break;
        }
        if ((near || phase % 4 == 0) &&
            line_of_sight(a.pos, a.corners[a.corner + 1], (near ? 0.3 : 0.8) * a.radius, t)) {
            ++a.corner;
            continue;
        }
        break;
    }
    // Pushed out of sight of the next corner (crowd pressure): plan again from here.
    if (phase % 20 == 0 && !line_of_sight(a.pos, a.corners[a.corner], 0.3 * a.radius, t)) {
        if (deferred) return *deferred = true, Vec2{0, 0};
        route(a);
        if (!a.active || a.corners.empty()) return {0, 0};
    }
    if (a.next_waypoint < a.waypoints.size() && a.corner + 1 == a.corners.size() &&
        norm(a.corners.back() - a.pos) < 0.5) {
        if (deferred) return *deferred = true, Vec2{0, 0};
        const std::size_t k = a.next_waypoint++;
        if (k < a.dwell.size() && a.dwell[k] > 0.0) a.hold_until = std::max(a.hold_until, time_ + a.dwell[k]);
        if (on_waypoint_) on_waypoint_(a.id, k, true);
        a.corners.clear();
        if (a.hold_until > time_) return {0, 0};
        route(a);
        if (!a.active || a.corners.empty()) return {0, 0};
    }
    if (a.corner + 1 == a.corners.size() && a.next_waypoint >= a.waypoints.size() && params_.exit_spread)
        return normalized(exit_point(a, phase, t) - a.pos);
    return normalized(a.corners[a.corner] - a.pos);
}

Vec2 Simulation::exit_point(Agent& a, long phase, int t) {
    // A wide exit is walked into straight ahead, not at its middle: in sight of the exit area,
    // each walker heads for the nearest point of it (kept half a metre inside from its sides),
    // so that a crowd keeps its width instead of funnelling towards the centroid.
    if (a.exit_point_for != a.exit || phase % 4 == 0) {
        const Exit& ex = exits_[static_cast<std::size_t>(a.exit)];
        const Vec2 c = exit_targets_[static_cast<std::size_t>(a.exit)];
        Vec2 best = c;
        double bd = kNever;
        for (std::size_t i = 0; i < ex.area.size(); ++i) {
            Segment e{ex.area[i], ex.area[(i + 1) % ex.area.size()]};
            Vec2 q = closest_point(e, a.pos);
            double d = norm(q - a.pos);
            if (d < bd) {
                bd = d;
                best = q;
            }
        }
        if (geometry::point_in_polygon(ex.area, a.pos)) best = a.pos;
        Vec2 in = c - best;
        double len = norm(in);
        best = best + (len > 1e-9 ? in * (std::min(len, a.radius + 0.5) / len) : Vec2{0, 0});
        a.exit_point = line_of_sight(a.pos, best, 0.8 * a.radius, t) ? best : a.corners.back();
        a.exit_point_for = a.exit;
    }
    return a.exit_point;
}

void Simulation::build_agent_grid() {
    const std::size_t ncell = static_cast<std::size_t>(anx_ * any_);
    cell_start_.assign(ncell + 1, 0);
    auto cell_of = [&](Vec2 p) {
        int x = std::clamp(static_cast<int>(std::floor((p.x - box_.min.x) / acx_)), 0, anx_ - 1);
        int y = std::clamp(static_cast<int>(std::floor((p.y - box_.min.y) / acy_)), 0, any_ - 1);
        return static_cast<std::size_t>(y * anx_ + x);
    };
    int live = 0;
    for (int lid : live_)
        if (const Agent& a = agents_[static_cast<std::size_t>(lid)]; a.active && a.start_time <= time_) {
            ++cell_start_[cell_of(a.pos) + 1];
            ++live;
        }
    for (std::size_t c = 0; c < ncell; ++c) cell_start_[c + 1] += cell_start_[c];
    cell_agents_.assign(static_cast<std::size_t>(live), 0);
    std::vector<int> fill(cell_start_.begin(), cell_start_.end() - 1);
    for (int lid : live_)
        if (const Agent& a = agents_[static_cast<std::size_t>(lid)]; a.active && a.start_time <= time_) cell_agents_[static_cast<std::size_t>(fill[cell_of(a.pos)]++)] = a.id;
    // Cell-ordered copies of what the model step reads from neighbours: contiguous memory instead
    // of hopping through the (large) Agent records.
    cpos_.resize(cell_agents_.size());
    crad_.resize(cell_agents_.size());
    cheading_.resize(cell_agents_.size());
    for (std::size_t k = 0; k < cell_agents_.size(); ++k) {
        const Agent& b = agents_[static_cast<std::size_t>(cell_agents_[k])];
        cpos_[k] = b.pos;
        crad_[k] = b.radius;
        cheading_[k] = b.heading;
    }
}

namespace {
// Visits the slots (indices into the cell-ordered arrays) of the 3×3 cells around p (x wraps when
// periodic).
template <class F>
void for_cells(Vec2 p, const geometry::Box& box, double cx_size, double cy_size, int nx, int ny, bool periodic,
               const std::vector<int>& start, F&& f) {
    int cx = std::clamp(static_cast<int>(std::floor((p.x - box.min.x) / cx_size)), 0, nx - 1);
    int cy = std::clamp(static_cast<int>(std::floor((p.y - box.min.y) / cy_size)), 0, ny - 1);
    if (!periodic) {
        // The three cells of a row are contiguous in the cell-ordered arrays: one run per row.
        const int x0 = std::max(0, cx - 1), x1 = std::min(nx - 1, cx + 1);
        for (int y = std::max(0, cy - 1); y <= std::min(ny - 1, cy + 1); ++y) {
            const int end = start[static_cast<std::size_t>(y * nx + x1 + 1)];
            for (int k = start[static_cast<std::size_t>(y * nx + x0)]; k < end; ++k) f(k);
        }
        return;
    }
    for (int dy = -1; dy <= 1; ++dy) {
        int y = cy + dy;
        if (y < 0 || y >= ny) continue;
        for (int dx = -1; dx <= 1; ++dx) {
            int x = cx + dx;
            if (periodic && nx >= 3) x = (x + nx) % nx;
            else if (x < 0 || x >= nx) continue;
            if (periodic && nx < 3 && dx != 0) continue;
            std::size_t c = static_cast<std::size_t>(y * nx + x);
            for (int k = start[c]; k < start[c + 1]; ++k) f(k);
        }
    }
}
}  // namespace

void Simulation::step() {
    for (std::size_t e = 0; e < exits_.size(); ++e) {
        if (exit_was_open_[e] && !exit_open(static_cast<int>(e))) {
            exit_was_open_[e] = false;
            for (int lid : live_)
                if (Agent& a = agents_[static_cast<std::size_t>(lid)]; a.active && a.exit == static_cast<int>(e)) {
                    a.exit = -1;
                    a.corners.clear();
                }
        }
    }
    build_agent_grid();
    if (!passages_.empty()) update_passages();
    const std::size_t n = agents_.size();
    // Only live agents' entries are written and read: resize, do not clear (cost scales with live agents).
    new_dir_.resize(n);
    new_speed_.resize(n);
    new_heading_.resize(n);
    near_wall_.resize(n);
    stepped_.resize(n);
    // Phase 1: desired directions. Walkers that need no routing and no waypoint callback this
    // step are done on the worker threads (each reads the walls and writes only its own record);
    // the rest (routing shares the navmesh query; callbacks may touch other agents) and
    // turn-taking at one-lane doors follow serially in id order.
    work_.clear();
    for (int lid : live_) {
        Agent& a = agents_[static_cast<std::size_t>(lid)];
        if (!a.active || a.start_time > time_) continue;
        const auto i = static_cast<std::size_t>(a.id);
        stepped_[i] = 0;
        if (a.hold_until > time_) {
            // Standing (reading, browsing, queueing): a fixed obstacle this step. The model step
            // would give it speed 0 anyway; the walkers near it list the pairs it is part of.
            new_heading_[i] = new_dir_[i] = Vec2{0, 0};
            new_speed_[i] = 0.0;
            near_wall_[i] = 0;  // looked at below, once a walker lists a pair with it
            continue;
        }
        work_.push_back(lid);
    }
    deferred_.resize(n);
    parallel_for(work_.size(), [&](int t, std::size_t lo, std::size_t hi) {
        for (std::size_t w = lo; w < hi; ++w) {
            Agent& a = agents_[static_cast<std::size_t>(work_[w])];
            bool later = false;
            new_heading_[static_cast<std::size_t>(a.id)] = desired_direction(a, t, &later);
            deferred_[static_cast<std::size_t>(a.id)] = later;
        }
    });
    std::size_t kept = 0;
    for (int lid : work_) {
        Agent& a = agents_[static_cast<std::size_t>(lid)];
        const auto i = static_cast<std::size_t>(a.id);
        Vec2 e0 = deferred_[i] ? desired_direction(a) : new_heading_[i];
        if (!a.active) continue;
        stepped_[i] = 1;
        if (!passages_.empty() && (e0.x != 0.0 || e0.y != 0.0)) {
            gather_neighbours(a, near_);
            e0 = passage_gate(a, e0);
        }
        new_heading_[i] = e0;
        work_[kept++] = lid;
    }
    work_.resize(kept);
    // Phase 2, parallel: the operational model. Each agent reads only the state at the start of
    // the step and writes only its own entries, so the result does not depend on the threads.
    const int nthreads = parallel_for(work_.size(), [&](int t, std::size_t lo, std::size_t hi) {
        ThreadWork& tw = thread_work_[static_cast<std::size_t>(t)];
        tw.pairs.clear();
        for (std::size_t w = lo; w < hi; ++w) model_step(agents_[static_cast<std::size_t>(work_[w])], tw);
    });
    pairs_.clear();
    for (int t = 0; t < nthreads; ++t) {
        const auto& tp = thread_work_[static_cast<std::size_t>(t)].pairs;
        pairs_.insert(pairs_.end(), tp.begin(), tp.end());
    }
    // The agents the wall constraints look at: walkers with a wall within reach, and standing
    // agents next to a wall that a walker may push (they are in a listed pair); a standing agent
    // nobody touches does not move.
    wall_agents_.clear();
    for (int id : work_)
        if (near_wall_[static_cast<std::size_t>(id)] == 1) wall_agents_.push_back(id);
    for (const Pair& pr : pairs_)
        for (int k : {pr.i, pr.j}) {
            const auto u = static_cast<std::size_t>(k);
            if (stepped_[u] || near_wall_[u] != 0) continue;
            const Agent& b = agents_[u];
            near_wall_[u] = wall_within(b.pos, b.radius + pair_margin_) ? 1 : 2;  // 2: looked, none
            if (near_wall_[u] == 1) wall_agents_.push_back(k);
        }

    old_pos_.resize(n);
    for (int lid : live_) {
        Agent& a = agents_[static_cast<std::size_t>(lid)];
        old_pos_[static_cast<std::size_t>(a.id)] = a.pos;
        if (!a.active || a.start_time > time_) {
            a.vel = {0, 0};
            continue;
        }
        a.vel = new_dir_[static_cast<std::size_t>(a.id)] * new_speed_[static_cast<std::size_t>(a.id)];
        a.heading = new_heading_[static_cast<std::size_t>(a.id)];
        a.pos += a.vel * params_.dt;
    }
    resolve_constraints();

    const double t_end = time_ + params_.dt;
    for (int lid : live_) {
        Agent& a = agents_[static_cast<std::size_t>(lid)];
        if (!a.active || a.start_time > time_) continue;
        Vec2 p0 = old_pos_[static_cast<std::size_t>(a.id)];
        // A centre that crossed a wall during the step is a penetration however it ended up.
        if (near_wall_[static_cast<std::size_t>(a.id)] == 1)
        for (int w : wall_cells_[static_cast<std::size_t>(wall_cell(a.pos))]) {
            const Segment& s = walls_[static_cast<std::size_t>(w)];
            if (geometry::segments_cross(p0, a.pos, s.a, s.b)) {
                ++metrics_.wall_penetrations;
                break;
            }
        }
        for (std::size_t l = 0; l < lines_.size(); ++l) {
            const Segment& s = lines_[l].line;
            Vec2 d = s.b - s.a;
            double c0 = cross(d, p0 - s.a), c1 = cross(d, a.pos - s.a);
            if ((c0 < 0.0) != (c1 < 0.0) && c0 != c1) {
                double t = c0 / (c0 - c1);
                Vec2 hit = p0 + (a.pos - p0) * t;
                double u = dot(hit - s.a, d) / geometry::norm2(d);
                if (u >= 0.0 && u <= 1.0) metrics_.lines[l].times.push_back(time_ + t * params_.dt);
            }
        }
        if (params_.periodic_x) {
            double len = params_.period_x1 - params_.period_x0;
            while (a.pos.x >= params_.period_x1) a.pos.x -= len;
            while (a.pos.x < params_.period_x0) a.pos.x += len;
        }
        // An agent with waypoints still to visit does not leave through an exit it is pushed into.
        if (a.next_waypoint < a.waypoints.size()) continue;
        for (std::size_t e = 0; e < exits_.size(); ++e) {
            if (!exit_open(static_cast<int>(e))) continue;
            if (!geometry::point_in_polygon(exits_[e].area, a.pos)) continue;
            a.active = false;
            a.arrived = true;
            a.arrival_time = t_end;
            auto& st = metrics_.exits[e];
            ++st.count;
            st.first = std::min(st.first, t_end);
            st.last = std::max(st.last, t_end);
            ++metrics_.agents_arrived;
            metrics_.evacuation_time = std::max(metrics_.evacuation_time, t_end);
            break;
        }
    }
    // Arrived and stranded agents leave the live list (order kept, so results match a full scan).
    live_.erase(std::remove_if(live_.begin(), live_.end(),
                               [&](int id) { return !agents_[static_cast<std::size_t>(id)].active; }),
                live_.end());
    time_ = t_end;
    ++steps_;
    if (params_.density_every > 0 && steps_ % params_.density_every == 0) record_density();
    if (observer_) observer_(*this);
}

void Simulation::gather_neighbours(const Agent& a, std::vector<Near>& near) const {
    const double cutoff2 = params_.cutoff * params_.cutoff;
    near.clear();
    for_cells(a.pos, box_, acx_, acy_, anx_, any_, params_.periodic_x, cell_start_, [&](int k) {
        const auto ks = static_cast<std::size_t>(k);
        Vec2 d = delta(a.pos, cpos_[ks]);  // from a to b (the agent itself: d = 0, skipped below)
        double s2 = geometry::norm2(d);
        if (s2 > cutoff2 || s2 < 1e-18) return;
        near.push_back({d, std::sqrt(s2), a.radius + crad_[ks], k});
    });
}

void Simulation::model_step(const Agent& a, ThreadWork& tw) {
    std::vector<Near>& near = tw.near;
    gather_neighbours(a, near);
    // Pairs near enough to touch after this step: the only ones the constraints look at.
    for (const auto& nb : near) {
        const int j = cell_agents_[static_cast<std::size_t>(nb.slot)];
        if (nb.s - nb.l >= pair_margin_) continue;
        if (j > a.id) tw.pairs.push_back({a.id, j});
        else if (!stepped_[static_cast<std::size_t>(j)]) tw.pairs.push_back({j, a.id});  // it does not list its own
    }
    const Vec2 e0 = new_heading_[static_cast<std::size_t>(a.id)];
    const Vec2 e = direction(a, e0, near);
    // Speed: the optimal-velocity function of the smallest spacing to anyone in the way.
    double gap = kNever;
    for (auto& nb : near) {
        if (dot(e, nb.d) <= 0.0 || std::abs(cross(e, nb.d)) > nb.l) continue;
        gap = std::min(gap, nb.s - nb.l);
    }
    double v = std::min(a.v0, std::max(0.0, gap / params_.time_gap));
    if (e0.x == 0.0 && e0.y == 0.0) v = 0.0;
    new_dir_[static_cast<std::size_t>(a.id)] = e;
    new_speed_[static_cast<std::size_t>(a.id)] = v;
}

Vec2 Simulation::direction(const Agent& a, Vec2 e0, const std::vector<Near>& near) {
    // Direction: desired direction plus exponential repulsion from neighbours and walls.
    Vec2 rep{0, 0};
    const double rep_cut = 8.0 * params_.neighbour_range;
    for (auto& nb : near) {
        if (nb.s - nb.l > rep_cut) continue;
        // Anisotropy w = λ + (1 - λ)(1 + cos φ)/2, φ between the desired direction and the
        // neighbour: people react to those ahead, hardly to those behind (who, in this model,
        // stop by their own speed function). Isotropic repulsion lets a crowd pin the front
        // row of a door jam against the door posts.
        double cphi = dot(e0, nb.d) / nb.s;
        double w = params_.anisotropy + (1.0 - params_.anisotropy) * 0.5 * (1.0 + cphi);
        rep -= nb.d * (w * params_.neighbour_strength * std::exp((nb.l - nb.s) / params_.neighbour_range) / nb.s);
    }
    // Keep right: an oncoming neighbour ahead on a collision course makes the agent sidestep, so
    // that opposing streams pass each other and form lanes instead of pressing head-on. It is
    // passed on the side the agent already holds (turning across its path would meet it), and
    // to the right when it comes nearly straight at the agent.
    if (params_.keep_right > 0.0) {
        const Vec2 right{e0.y, -e0.x};
        for (auto& nb : near) {
            if (dot(e0, nb.d) <= 0.0) continue;
            if (dot(cheading_[static_cast<std::size_t>(nb.slot)], e0) >= 0.0) continue;
            const double lat = cross(e0, nb.d);  // > 0: the neighbour is to the left
            if (std::abs(lat) > nb.l + 0.3) continue;  // passes clear
            const double side = lat + params_.keep_right_bias >= 0.0 ? 1.0 : -1.0;
            rep += right * (side * params_.keep_right * std::exp((nb.l - nb.s) / params_.keep_right_range));
        }
    }
    // Walls: the exponential repulsion R_w(d) = b·exp((r - d)/D_w) acts only against the part of
    // the motion that goes into the wall, and at most cancels it. Unlimited, it would point an
    // agent pressed against a door post backwards into the crowd, which freezes door jams;
    // too weak, neighbours' repulsion (a = 8 at contact) pins agents into door corners.
    Vec2 pre = e0 + rep;
    double wall_gap = kNever;
    for (int w : wall_cells_[static_cast<std::size_t>(wall_cell(a.pos))]) {
        Vec2 cp = closest_point(walls_[static_cast<std::size_t>(w)], a.pos);
        Vec2 d = a.pos - cp;
        double s = norm(d);
        wall_gap = std::min(wall_gap, s - a.radius);
        if (s < 1e-12 || s > a.radius + 8.0 * params_.wall_range) continue;
        Vec2 nrm = d * (1.0 / s);
        double inward = -dot(pre, nrm);
        if (inward <= 0.0) continue;
        // In contact (within 2 cm) the wall is a sliding constraint: all inward motion goes.
        double limit = s <= a.radius + kTolerance ? inward
                                                  : params_.wall_strength * std::exp((a.radius - s) / params_.wall_range);
        pre += nrm * std::min(inward, limit);
    }
    // Walls farther than the pair margin cannot be reached this step: the constraints and the
    // penetration count skip this agent's walls (walls not listed in its cell are 0.8 m away).
    near_wall_[static_cast<std::size_t>(a.id)] = wall_gap < pair_margin_ || a.radius + pair_margin_ >= kWallMargin;
    rep = pre - e0;
    Vec2 e = e0 + rep;
    // No walking backwards: with the anisotropy above only those ahead push, and their push
    // would otherwise send an agent back through the people behind it. Sidestepping remains.
    double back = dot(e, e0);
    if (back < 0.0) e -= e0 * back;
    e = normalized(e);
    return norm(e) == 0.0 ? e0 : e;
}

bool Simulation::wall_within(Vec2 p, double reach) const {
    if (reach >= kWallMargin) return true;  // walls farther than kWallMargin are not listed in the cell
    for (int w : wall_cells_[static_cast<std::size_t>(wall_cell(p))])
        if (geometry::distance(walls_[static_cast<std::size_t>(w)], p) < reach) return true;
    return false;
}

void Simulation::resolve_constraints() {
    // Hard constraints after the model step: agents are pushed apart where discs overlap and
    // projected out of walls. The model keeps overlaps small; this only removes residue. Only
    // the pairs the model step listed can touch: each agent moves at most v0·Δt, and the list
    // holds every pair whose gap was below twice the largest such move plus 10 cm.
    bool clean = false;
    for (int iter = 0; iter < 3 && !clean; ++iter) {
        clean = true;  // a pass that moves nobody proves there is nothing left to measure
        for (const Pair& pr : pairs_) {
            Agent& a = agents_[static_cast<std::size_t>(pr.i)];
            Agent& b = agents_[static_cast<std::size_t>(pr.j)];
            Vec2 d = delta(b.pos, a.pos);
            double l = a.radius + b.radius;
            double s2 = geometry::norm2(d);
            if (s2 >= l * l) continue;
            double s = std::sqrt(s2);
            if (iter == 0) metrics_.max_overlap_model = std::max(metrics_.max_overlap_model, l - s);
            Vec2 nrm = s > 1e-9 ? d * (1.0 / s) : Vec2{1.0, 0.0};
            double push = 0.5 * (l - s);
            a.pos += nrm * push;
            b.pos -= nrm * push;
            clean = false;
        }
        for (int lid : wall_agents_) {
            Agent& a = agents_[static_cast<std::size_t>(lid)];
            for (int w : wall_cells_[static_cast<std::size_t>(wall_cell(a.pos))]) {
                Vec2 cp = closest_point(walls_[static_cast<std::size_t>(w)], a.pos);
                Vec2 d = a.pos - cp;
                double s2 = geometry::norm2(d);
                if (s2 >= a.radius * a.radius || s2 < 1e-24) continue;
                double s = std::sqrt(s2);
                a.pos += d * ((a.radius - s) / s);
                clean = false;
            }
        }
    }
    if (clean) return;
    // Measure what is left.
    for (const Pair& pr : pairs_) {
        const Agent& a = agents_[static_cast<std::size_t>(pr.i)];
        const Agent& b = agents_[static_cast<std::size_t>(pr.j)];
        metrics_.max_overlap = std::max(metrics_.max_overlap, a.radius + b.radius - norm(delta(b.pos, a.pos)));
    }
    for (int lid : wall_agents_) {
        const Agent& a = agents_[static_cast<std::size_t>(lid)];
        double wall_ov = 0.0;
        for (int w : wall_cells_[static_cast<std::size_t>(wall_cell(a.pos))])
            wall_ov = std::max(wall_ov, a.radius - geometry::distance(walls_[static_cast<std::size_t>(w)], a.pos));
        metrics_.max_wall_overlap = std::max(metrics_.max_wall_overlap, wall_ov);
        if (wall_ov > kTolerance) ++metrics_.wall_penetrations;
    }
}

void Simulation::record_density() {
    const double c = params_.density_cell;
    int nx = std::max(1, static_cast<int>(std::ceil((box_.max.x - box_.min.x) / c)));
    int ny = std::max(1, static_cast<int>(std::ceil((box_.max.y - box_.min.y) / c)));
    std::vector<int> count(static_cast<std::size_t>(nx * ny), 0);
    for (int lid : live_) {
        Agent& a = agents_[static_cast<std::size_t>(lid)];
        if (!a.active || a.start_time > time_) continue;
        int x = std::clamp(static_cast<int>(std::floor((a.pos.x - box_.min.x) / c)), 0, nx - 1);
        int y = std::clamp(static_cast<int>(std::floor((a.pos.y - box_.min.y) / c)), 0, ny - 1);
        int& k = count[static_cast<std::size_t>(y * nx + x)];
        ++k;
        double d = k / (c * c);
        if (d > metrics_.max_density) {
            metrics_.max_density = d;
            metrics_.max_density_time = time_;
            metrics_.max_density_at = {box_.min.x + (x + 0.5) * c, box_.min.y + (y + 0.5) * c};
        }
    }
}

bool Simulation::finished() const {
    for (int lid : live_)
        if (agents_[static_cast<std::size_t>(lid)].active) return false;
    return true;
}

bool Simulation::run(double max_time) {
    while (time_ < max_time - 1e-9) {
        if (finished()) return true;
        step();
    }
    return finished();
}

}  // namespace shuxiang::ped
