// The stages of a scenario's journeys, after JuPedSim's split of journeys and stages: a stage
// answers "where should this agent go now?" and "is it done here?"; the journey (journey.cpp) moves
// an agent on to its next stage; the operational model (ped::Simulation) moves the bodies. Stages
// know nothing of the simulation or the navmesh, so each is tested with hand-made agents.
#pragma once

#include <shuxiang/geometry/walkable_area.hpp>
#include <shuxiang/ped/random.hpp>
#include <shuxiang/scenario/run.hpp>
#include <shuxiang/scenario/scenario.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shuxiang::scenario {

using geometry::Vec2;

// What an agent is doing (the trajectory state column and the time series).
enum class Doing { Walking, Browsing, Queueing, Reading };

// Draws up to `tries` points uniformly in the polygon's bounding box and returns the first that
// lies inside the polygon and that `accept` takes (room steps and start areas).
std::optional<Vec2> sample_point(const geometry::Polygon& poly, ped::Rng& rng, int tries,
                                 const std::function<bool(Vec2)>& accept);

// Shelf browse: readers pick a section by the demand per 大部类 and stand in front of it.
class ShelfBrowse {
public:
    // Gives consecutive runs of the (plan-ordered) sections to the classes in proportion to the
    // shares; empty or all-zero shares: sections are picked uniformly.
    ShelfBrowse(std::vector<ShelfSection> sections, std::vector<double> class_shares);
    bool empty() const { return sections_.empty(); }
    const std::vector<ShelfSection>& sections() const { return sections_; }
    // A section for one reader: a class by its share (classes without shelf space passed over),
    // then a section of it.
    int pick(ped::Rng& rng) const;
    Vec2 target(int section) const { return sections_[static_cast<std::size_t>(section)].stand; }
    void visited(int section);
    // Visits per section id and, when shares were given, per class.
    void report(RunResult& r) const;

private:
    std::vector<ShelfSection> sections_;
    std::vector<double> shares_;
    double share_sum_ = 0;
    std::vector<std::vector<int>> class_sections_;
    std::vector<int> visits_;
    std::vector<int> class_visits_;
};

// Room point: a random usable point of a room to walk to and stay at.
struct RoomPoint {
    static constexpr int kTries = 100;
    static std::optional<Vec2> target(const geometry::Polygon& room, ped::Rng& rng,
                                      const std::function<bool(Vec2)>& usable) {
        return sample_point(room, rng, kTries, usable);
    }
};

// Desk queue: every desk or kiosk serves one line, first in first out. An agent walks towards the
// desk that serves it soonest and joins its line when it comes close; it is served where it stands.
class DeskQueue {
public:
    static constexpr double kQueueRadius = 1.2;  // m: within this of a desk an agent joins its line
    static constexpr double kWalkSpeed = 1.2;    // m/s assumed when choosing the desk
    explicit DeskQueue(std::vector<Vec2> service_points);
    bool empty() const { return lines_.empty(); }
    int size() const { return static_cast<int>(lines_.size()); }
    Vec2 target(int desk) const { return lines_[static_cast<std::size_t>(desk)].at; }
    // The desk (or only `only` when >= 0) whose service begins soonest for someone at `from`.
    int choose(Vec2 from, double now, int only = -1) const;
    bool close_enough(int desk, Vec2 pos) const;
    // Joins the line: served after everyone before, for `service` seconds.
    ServiceEvent join(int desk, int agent, double now, double service);
    // People in the line who have not begun to be served at `now`.
    int waiting(int desk, double now) const;
    int max_queue(int desk) const { return lines_[static_cast<std::size_t>(desk)].max_queue; }

private:
    struct Line {
        Vec2 at;
        double free_at = 0;           // when the last one in the line will have been served
        std::vector<double> starts;   // service starts, in line order
        int max_queue = 0;
    };
    std::vector<Line> lines_;
};

// Seat pool: a reader reserves the nearest free seat, sits for its dwell, and the seat is free
// again only once the reader has left it.
class SeatPool {
public:
    explicit SeatPool(std::vector<Vec2> seats);
    int size() const { return static_cast<int>(seats_.size()); }
    Vec2 target(int seat) const { return seats_[static_cast<std::size_t>(seat)].at; }
    bool free(int seat, double now) const;
    // The nearest seat free at `now`, reserved for `agent`; -1 when none is.
    int reserve(Vec2 from, double now, int agent);
    // The reader sits down now until now + dwell.
    void sit(int seat, double now, double dwell);
    // The reservation ends (the seat stays taken while someone sits on it).
    void release(int seat);
    int occupied(double now) const;

private:
    struct Place {
        Vec2 at;
        int owner = -1;       // agent holding the reservation
        double until = 0.0;   // taken by a sitting reader until then
    };
    std::vector<Place> seats_;
};

// Wait: standing at a target (browsing, queueing, reading) until the hold ends; then walking on.
struct Wait {
    static bool done(double hold_until, double now) { return hold_until <= now; }
    static Doing doing(Doing current, double hold_until, double now) {
        return current != Doing::Walking && done(hold_until, now) ? Doing::Walking : current;
    }
};

// Exit: the level's exits, their closing times, and whether an exit was used after it closed.
class ExitStage {
public:
    ExitStage(std::vector<std::string> openings, const std::vector<ExitClosure>& closures);
    int index(const std::string& opening) const;  // -1 when the level has no such exit
    int size() const { return static_cast<int>(openings_.size()); }
    const std::vector<std::string>& openings() const { return openings_; }
    const std::vector<double>& close_times() const { return close_; }
    // The time from which no exit is open (kNever while one stays open).
    double all_closed_at() const;
    bool used_after_closing(int exit, double arrival) const;

private:
    std::vector<std::string> openings_;
    std::vector<double> close_;
};

}  // namespace shuxiang::scenario
