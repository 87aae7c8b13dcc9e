// Scenario description (agent groups, activities, exits, schedule) and its JSON file format.
#pragma once

#include <shuxiang/geometry/walkable_area.hpp>
#include <shuxiang/ped/random.hpp>

#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shuxiang::scenario {

constexpr double kNever = std::numeric_limits<double>::infinity();

// Where the agents of a group appear: inside a room, inside a polygon, or just inside a door.
struct StartArea {
    std::string room;              // room id
    geometry::Polygon polygon;     // used when room and opening are empty
    std::string opening;           // door id: agents walk in through it, one at a time
};

// What an agent does before it leaves. Kinds: "shelf" (walk to a shelf section and browse),
// "desk" (queue at a circulation desk or kiosk, FIFO, and be served), "seat" (take a free seat and
// read; no free seat → counted and skipped), "room" (walk to a random point of a room and stay).
struct Activity {
    std::string kind;
    double dwell_min = 0, dwell_max = 0;  // s browsing / reading / staying; desks: service time
    double probability = 1.0;             // chance that an agent does it at all
    int repeat = 1;                       // shelf visits: how many sections
    std::string target;                   // room id ("room"), furniture id of a desk/kiosk ("desk", optional)
};

// A template of agents with the same behaviour.
struct Group {
    std::string name;
    int count = 0;
    StartArea start;
    std::optional<ped::AgeGroup> age;     // RiMEA age-group speeds, or
    ped::SpeedDistribution speed{0.9, 1.6, 1.3, 0.2};  // an explicit one (used when age is empty)
    double radius = 0.2;
    double pre_movement_min = 0, pre_movement_max = 0;  // s after arrival (or alarm) before walking
    std::vector<Activity> activities;     // in order
    std::string exit;                     // opening id to leave by; empty = nearest usable
    std::string membership;               // agents of one membership arrive together
    double keep_together_m = 0;           // > 0: the membership walks as a unit (docs/scenario-format.md)
};

// One arrival of a group (count overrides the group's when > 0); spread_s spaces the arrivals.
struct Arrival {
    double time = 0;
    std::string group;
    int count = 0;
    double spread = 0;
};

// An exit that closes (fire blocks it) at a given time.
struct ExitClosure {
    std::string opening;
    double close_time = kNever;
};

struct Scenario {
    std::string name;
    double duration = 600;          // s simulated at most
    double alarm_time = kNever;     // evacuation: from now on everyone leaves by the nearest usable exit
    std::vector<Group> groups;
    std::vector<Arrival> schedule;  // groups without arrivals are placed at time 0
    std::vector<ExitClosure> closures;
    std::uint64_t seed = 1;
};

// Parses a scenario file; throws InputError(file, JSON pointer, message) on bad input.
Scenario scenario_from_json_text(std::string_view text, const std::string& filename);
Scenario load_scenario(const std::filesystem::path& path);

}  // namespace shuxiang::scenario
