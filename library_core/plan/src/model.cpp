#include "shuxiang/plan/model.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace shuxiang::plan {
namespace {

template <typename E, std::size_t N>
const char* name_of(const std::array<std::pair<E, const char*>, N>& table, E v) {
    for (auto& [e, s] : table)
        if (e == v) return s;
    return "";
}

template <typename E, std::size_t N>
std::optional<E> value_of(const std::array<std::pair<E, const char*>, N>& table, std::string_view s) {
    for (auto& [e, name] : table)
        if (s == name) return e;
    return std::nullopt;
}

constexpr std::array<std::pair<SchoolType, const char*>, 6> kSchoolTypes{{
    {SchoolType::Primary, "primary"},
    {SchoolType::Junior, "junior"},
    {SchoolType::Senior, "senior"},
    {SchoolType::Complete, "complete"},
    {SchoolType::NineYear, "nine_year"},
    {SchoolType::TwelveYear, "twelve_year"},
}};

constexpr std::array<std::pair<RoomKind, const char*>, 13> kRoomKinds{{
    {RoomKind::Stacks, "stacks"},
    {RoomKind::Lending, "lending"},
    {RoomKind::Reading, "reading"},
    {RoomKind::Research, "research"},
    {RoomKind::Rest, "rest"},
    {RoomKind::AudioVisual, "audio_visual"},
    {RoomKind::AudioVisualStore, "av_store"},
    {RoomKind::Periodicals, "periodicals"},
    {RoomKind::Workroom, "workroom"},
    {RoomKind::ClassroomCorner, "classroom_corner"},
    {RoomKind::ReadingCorridor, "reading_corridor"},
    {RoomKind::OutdoorReading, "outdoor_reading"},
    {RoomKind::Circulation, "circulation"},
}};

constexpr std::array<std::pair<OpeningKind, const char*>, 3> kOpeningKinds{{
    {OpeningKind::Door, "door"},
    {OpeningKind::Window, "window"},
    {OpeningKind::EmergencyExit, "emergency_exit"},
}};

constexpr std::array<std::pair<DoorSwing, const char*>, 5> kSwings{{
    {DoorSwing::None, "none"},
    {DoorSwing::Left, "left"},
    {DoorSwing::Right, "right"},
    {DoorSwing::Double, "double"},
    {DoorSwing::Sliding, "sliding"},
}};

constexpr std::array<std::pair<WallSide, const char*>, 2> kWallSides{{
    {WallSide::Left, "left"},
    {WallSide::Right, "right"},
}};

constexpr std::array<std::pair<StackArrangement, const char*>, 3> kStackArrangements{{
    {StackArrangement::Open, "open"},
    {StackArrangement::Closed, "closed"},
    {StackArrangement::Compact, "compact"},
}};

template <typename T>
const T* find_by_id(const std::vector<T>& v, std::string_view id) {
    auto it = std::find_if(v.begin(), v.end(), [&](const T& x) { return x.id == id; });
    return it == v.end() ? nullptr : &*it;
}

}  // namespace

const char* to_string(SchoolType t) { return name_of(kSchoolTypes, t); }
const char* to_string(RoomKind k) { return name_of(kRoomKinds, k); }
const char* to_string(OpeningKind k) { return name_of(kOpeningKinds, k); }
const char* to_string(DoorSwing s) { return name_of(kSwings, s); }
const char* to_string(WallSide s) { return name_of(kWallSides, s); }
const char* to_string(StackArrangement a) { return name_of(kStackArrangements, a); }
std::optional<SchoolType> school_type_from_string(std::string_view s) { return value_of(kSchoolTypes, s); }
std::optional<RoomKind> room_kind_from_string(std::string_view s) { return value_of(kRoomKinds, s); }
std::optional<OpeningKind> opening_kind_from_string(std::string_view s) { return value_of(kOpeningKinds, s); }
std::optional<DoorSwing> door_swing_from_string(std::string_view s) { return value_of(kSwings, s); }
std::optional<WallSide> wall_side_from_string(std::string_view s) { return value_of(kWallSides, s); }
std::optional<StackArrangement> stack_arrangement_from_string(std::string_view s) {
    return value_of(kStackArrangements, s);
}

std::string display_key(SchoolType t) { return std::string("plan.school_type.") + to_string(t); }
std::string display_key(RoomKind k) { return std::string("plan.room_kind.") + to_string(k); }

const Level* find_level(const Plan& p, std::string_view id) { return find_by_id(p.levels, id); }
const Room* find_room(const Level& l, std::string_view id) { return find_by_id(l.rooms, id); }
const Wall* find_wall(const Level& l, std::string_view id) { return find_by_id(l.walls, id); }
const Furniture* find_furniture(const Level& l, std::string_view id) { return find_by_id(l.furniture, id); }
const Stair* find_stair(const Plan& p, std::string_view id) { return find_by_id(p.stairs, id); }

}  // namespace shuxiang::plan
