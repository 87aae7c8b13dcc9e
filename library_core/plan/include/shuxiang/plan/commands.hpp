#pragma once
// Concrete plan commands (add, remove, change rooms/walls/openings/furniture and levels; set the school;
// composite) for History. Each keeps exact copies of what it replaces, so undo restores the plan to
// equality, not to a floating-point approximation.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shuxiang/plan/history.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::plan {

// True when some level or object of the plan already carries this id (ids are unique plan-wide).
bool id_in_use(const Plan& plan, std::string_view id);

// Adds an object (Room, Wall, Opening or Furniture) to a level, at `index` or at the end.
// Does not apply when the level is missing, the id is empty or already in use.
template <typename T>
class AddItem final : public Command {
public:
    AddItem(std::string level, T item, std::optional<std::size_t> index = std::nullopt);
    bool apply(Plan& plan) override;
    void revert(Plan& plan) override;
    std::string label() const override;

private:
    std::string level_;
    T item_;
    std::optional<std::size_t> index_;
    std::size_t placed_at_ = 0;
};

// Removes an object from a level by id. Removing a wall also removes the openings in it (one step).
template <typename T>
class RemoveItem final : public Command {
public:
    RemoveItem(std::string level, std::string id);
    bool apply(Plan& plan) override;
    void revert(Plan& plan) override;
    std::string label() const override;

private:
    std::string level_;
    std::string id_;
    T removed_;
    std::size_t index_ = 0;
    std::vector<std::pair<std::size_t, Opening>> removed_openings_;  // walls only, ascending index
};

// Replaces objects of a level by their ids with new values (move, rotate, resize, rename...). With a
// non-empty `merge_tag`, successive changes with the same tag of the same set of objects merge into
// one undo step until History::seal().
template <typename T>
class ChangeItems final : public Command {
public:
    ChangeItems(std::string level, std::vector<T> after, std::string merge_tag = {}, std::string label = {});
    bool apply(Plan& plan) override;
    void revert(Plan& plan) override;
    std::string label() const override;
    std::string merge_key() const override;
    bool merge(const Command& next) override;

private:
    std::string level_;
    std::vector<T> before_;
    std::vector<T> after_;
    std::string tag_;
    std::string label_;
};

using AddRoom = AddItem<Room>;
using AddWall = AddItem<Wall>;
using AddOpening = AddItem<Opening>;
using AddFurniture = AddItem<Furniture>;
using RemoveRoom = RemoveItem<Room>;
using RemoveWall = RemoveItem<Wall>;
using RemoveOpening = RemoveItem<Opening>;
using RemoveFurniture = RemoveItem<Furniture>;
using ChangeRooms = ChangeItems<Room>;
using ChangeWalls = ChangeItems<Wall>;
using ChangeOpenings = ChangeItems<Opening>;
using ChangeFurniture = ChangeItems<Furniture>;

// Moves furniture by `delta` from where it is in `plan` now (merge tag "move": a drag is one step).
// nullptr when the level or one of the ids is missing.
std::unique_ptr<Command> move_furniture(const Plan& plan, const std::string& level,
                                        const std::vector<std::string>& ids, Vec2 delta);
// Sets the yaw of furniture (merge tag "rotate").
std::unique_ptr<Command> rotate_furniture(const Plan& plan, const std::string& level,
                                          const std::vector<std::string>& ids, double yaw_deg);

// Adds a level at `index` (or at the end); its id must be unused, and so must the ids of its contents.
class AddLevel final : public Command {
public:
    explicit AddLevel(Level level, std::optional<std::size_t> index = std::nullopt);
    bool apply(Plan& plan) override;
    void revert(Plan& plan) override;
    std::string label() const override { return "cmd.add_level"; }

private:
    Level level_;
    std::optional<std::size_t> index_;
    std::size_t placed_at_ = 0;
};

class RemoveLevel final : public Command {
public:
    explicit RemoveLevel(std::string id);
    bool apply(Plan& plan) override;
    void revert(Plan& plan) override;
    std::string label() const override { return "cmd.remove_level"; }

private:
    std::string id_;
    Level removed_;
    std::size_t index_ = 0;
};

// Sets the school's information; consecutive edits (typing in the school form) merge.
class SetSchool final : public Command {
public:
    explicit SetSchool(School after);
    bool apply(Plan& plan) override;
    void revert(Plan& plan) override;
    std::string label() const override { return "cmd.set_school"; }
    std::string merge_key() const override { return "school"; }
    bool merge(const Command& next) override;

private:
    School before_;
    School after_;
};

// Sets the plan's notes and weekly opening hours; consecutive edits merge.
class SetPlanInfo final : public Command {
public:
    SetPlanInfo(std::string notes, double opening_hours_per_week);
    bool apply(Plan& plan) override;
    void revert(Plan& plan) override;
    std::string label() const override { return "cmd.set_plan_info"; }
    std::string merge_key() const override { return "plan_info"; }
    bool merge(const Command& next) override;

private:
    std::string notes_before_, notes_after_;
    double hours_before_ = 0, hours_after_ = 0;
};

// Several commands as one undo step. Applies them in order; if one does not apply, the ones already
// applied are reverted and the composite does not apply. Never merges.
class CompositeCommand final : public Command {
public:
    CompositeCommand(std::string label, std::vector<std::unique_ptr<Command>> commands);
    bool apply(Plan& plan) override;
    void revert(Plan& plan) override;
    std::string label() const override { return label_; }
    std::size_t size() const { return commands_.size(); }

private:
    std::string label_;
    std::vector<std::unique_ptr<Command>> commands_;
};

}  // namespace shuxiang::plan
