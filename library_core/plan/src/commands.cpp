#include "shuxiang/plan/commands.hpp"

#include <algorithm>
#include <set>
#include <type_traits>
#include <utility>

namespace shuxiang::plan {
namespace {

template <typename T>
std::vector<T>& items_of(Level& l) {
    if constexpr (std::is_same_v<T, Room>) return l.rooms;
    else if constexpr (std::is_same_v<T, Wall>) return l.walls;
    else if constexpr (std::is_same_v<T, Opening>) return l.openings;
    else return l.furniture;
}

template <typename T>
const char* kind_name() {
    if constexpr (std::is_same_v<T, Room>) return "room";
    else if constexpr (std::is_same_v<T, Wall>) return "wall";
    else if constexpr (std::is_same_v<T, Opening>) return "opening";
    else return "furniture";
}

Level* level_of(Plan& p, std::string_view id) {
    auto it = std::find_if(p.levels.begin(), p.levels.end(), [&](const Level& l) { return l.id == id; });
    return it == p.levels.end() ? nullptr : &*it;
}

template <typename T>
std::optional<std::size_t> index_of(const std::vector<T>& v, std::string_view id) {
    auto it = std::find_if(v.begin(), v.end(), [&](const T& x) { return x.id == id; });
    if (it == v.end()) return std::nullopt;
    return static_cast<std::size_t>(it - v.begin());
}

template <typename T>
void collect_ids(const std::vector<T>& v, std::vector<std::string_view>& out) {
    for (const T& x : v) out.push_back(x.id);
}

std::vector<std::string_view> ids_of(const Level& l) {
    std::vector<std::string_view> ids{l.id};
    collect_ids(l.rooms, ids);
    collect_ids(l.walls, ids);
    collect_ids(l.openings, ids);
    collect_ids(l.furniture, ids);
    return ids;
}

}  // namespace

bool id_in_use(const Plan& plan, std::string_view id) {
    for (const Level& l : plan.levels)
        for (std::string_view x : ids_of(l))
            if (x == id) return true;
    return false;
}

// ---------------------------------------------------------------- AddItem

template <typename T>
AddItem<T>::AddItem(std::string level, T item, std::optional<std::size_t> index)
    : level_(std::move(level)), item_(std::move(item)), index_(index) {}

template <typename T>
bool AddItem<T>::apply(Plan& plan) {
    Level* l = level_of(plan, level_);
    if (!l || item_.id.empty() || id_in_use(plan, item_.id)) return false;
    if constexpr (std::is_same_v<T, Opening>) {
        if (!find_wall(*l, item_.wall)) return false;
    }
    auto& v = items_of<T>(*l);
    placed_at_ = std::min(index_.value_or(v.size()), v.size());
    v.insert(v.begin() + static_cast<std::ptrdiff_t>(placed_at_), item_);
    return true;
}

template <typename T>
void AddItem<T>::revert(Plan& plan) {
    Level* l = level_of(plan, level_);
    if (!l) return;
    auto& v = items_of<T>(*l);
    if (auto i = index_of(v, item_.id)) v.erase(v.begin() + static_cast<std::ptrdiff_t>(*i));
}

template <typename T>
std::string AddItem<T>::label() const {
    return std::string("cmd.add_") + kind_name<T>();
}

// ---------------------------------------------------------------- RemoveItem

template <typename T>
RemoveItem<T>::RemoveItem(std::string level, std::string id) : level_(std::move(level)), id_(std::move(id)) {}

template <typename T>
bool RemoveItem<T>::apply(Plan& plan) {
    Level* l = level_of(plan, level_);
    if (!l) return false;
    auto& v = items_of<T>(*l);
    const auto i = index_of(v, id_);
    if (!i) return false;
    index_ = *i;
    removed_ = v[*i];
    v.erase(v.begin() + static_cast<std::ptrdiff_t>(*i));
    if constexpr (std::is_same_v<T, Wall>) {
        // An opening without its wall would be a dangling reference.
        removed_openings_.clear();
        for (std::size_t k = 0; k < l->openings.size(); ++k)
            if (l->openings[k].wall == id_) removed_openings_.emplace_back(k, l->openings[k]);
        for (auto it = removed_openings_.rbegin(); it != removed_openings_.rend(); ++it)
            l->openings.erase(l->openings.begin() + static_cast<std::ptrdiff_t>(it->first));
    }
    return true;
}

template <typename T>
void RemoveItem<T>::revert(Plan& plan) {
    Level* l = level_of(plan, level_);
    if (!l) return;
    auto& v = items_of<T>(*l);
    v.insert(v.begin() + static_cast<std::ptrdiff_t>(std::min(index_, v.size())), removed_);
    if constexpr (std::is_same_v<T, Wall>) {
        for (const auto& [k, o] : removed_openings_)
            l->openings.insert(l->openings.begin() + static_cast<std::ptrdiff_t>(std::min(k, l->openings.size())), o);
    }
}

template <typename T>
std::string RemoveItem<T>::label() const {
    return std::string("cmd.remove_") + kind_name<T>();
}

// ---------------------------------------------------------------- ChangeItems

template <typename T>
ChangeItems<T>::ChangeItems(std::string level, std::vector<T> after, std::string merge_tag, std::string label)
    : level_(std::move(level)), after_(std::move(after)), tag_(std::move(merge_tag)), label_(std::move(label)) {}

template <typename T>
bool ChangeItems<T>::apply(Plan& plan) {
    Level* l = level_of(plan, level_);
    if (!l || after_.empty()) return false;
    auto& v = items_of<T>(*l);
    std::set<std::string_view> seen;
    std::vector<std::size_t> where;
    for (const T& a : after_) {
        const auto i = index_of(v, a.id);
        if (!i || !seen.insert(a.id).second) return false;
        if constexpr (std::is_same_v<T, Opening>) {
            if (!find_wall(*l, a.wall)) return false;
        }
        where.push_back(*i);
    }
    before_.clear();
    for (std::size_t k = 0; k < after_.size(); ++k) {
        before_.push_back(v[where[k]]);
        v[where[k]] = after_[k];
    }
    return true;
}

template <typename T>
void ChangeItems<T>::revert(Plan& plan) {
    Level* l = level_of(plan, level_);
    if (!l) return;
    auto& v = items_of<T>(*l);
    for (const T& b : before_)
        if (auto i = index_of(v, b.id)) v[*i] = b;
}

template <typename T>
std::string ChangeItems<T>::label() const {
    return label_.empty() ? std::string("cmd.change_") + kind_name<T>() : label_;
}

template <typename T>
std::string ChangeItems<T>::merge_key() const {
    if (tag_.empty()) return {};
    std::vector<std::string> ids;
    for (const T& a : after_) ids.push_back(a.id);
    std::sort(ids.begin(), ids.end());
    std::string key = tag_ + "|" + kind_name<T>() + "|" + level_;
    for (const auto& id : ids) key += "|" + id;
    return key;
}

template <typename T>
bool ChangeItems<T>::merge(const Command& next) {
    const auto* n = dynamic_cast<const ChangeItems<T>*>(&next);
    if (!n || n->merge_key() != merge_key() || n->merge_key().empty()) return false;
    // Keep our `before_` (the state before the whole drag) and take the drag's final values.
    after_ = n->after_;
    return true;
}

template class AddItem<Room>;
template class AddItem<Wall>;
template class AddItem<Opening>;
template class AddItem<Furniture>;
template class RemoveItem<Room>;
template class RemoveItem<Wall>;
template class RemoveItem<Opening>;
template class RemoveItem<Furniture>;
template class ChangeItems<Room>;
template class ChangeItems<Wall>;
template class ChangeItems<Opening>;
template class ChangeItems<Furniture>;

// ---------------------------------------------------------------- furniture helpers

namespace {

template <typename F>
std::unique_ptr<Command> change_furniture(const Plan& plan, const std::string& level,
                                          const std::vector<std::string>& ids, const char* tag,
                                          const char* label, F&& edit) {
    const Level* l = find_level(plan, level);
    if (!l || ids.empty()) return nullptr;
    std::vector<Furniture> after;
    for (const auto& id : ids) {
        const Furniture* f = find_furniture(*l, id);
        if (!f) return nullptr;
        after.push_back(*f);
        edit(after.back());
    }
    return std::make_unique<ChangeFurniture>(level, std::move(after), tag, label);
}

}  // namespace

std::unique_ptr<Command> move_furniture(const Plan& plan, const std::string& level,
                                        const std::vector<std::string>& ids, Vec2 delta) {
    return change_furniture(plan, level, ids, "move", "cmd.move_furniture", [&](Furniture& f) {
        f.position.x += delta.x;
        f.position.y += delta.y;
    });
}

std::unique_ptr<Command> rotate_furniture(const Plan& plan, const std::string& level,
                                          const std::vector<std::string>& ids, double yaw_deg) {
    return change_furniture(plan, level, ids, "rotate", "cmd.rotate_furniture",
                            [&](Furniture& f) { f.yaw_deg = yaw_deg; });
}

// ---------------------------------------------------------------- levels

AddLevel::AddLevel(Level level, std::optional<std::size_t> index) : level_(std::move(level)), index_(index) {}

bool AddLevel::apply(Plan& plan) {
    if (level_.id.empty()) return false;
    std::set<std::string_view> seen;
    for (std::string_view id : ids_of(level_))
        if (id.empty() || !seen.insert(id).second || id_in_use(plan, id)) return false;
    placed_at_ = std::min(index_.value_or(plan.levels.size()), plan.levels.size());
    plan.levels.insert(plan.levels.begin() + static_cast<std::ptrdiff_t>(placed_at_), level_);
    return true;
}

void AddLevel::revert(Plan& plan) {
    if (auto i = index_of(plan.levels, level_.id)) plan.levels.erase(plan.levels.begin() + static_cast<std::ptrdiff_t>(*i));
}

RemoveLevel::RemoveLevel(std::string id) : id_(std::move(id)) {}

bool RemoveLevel::apply(Plan& plan) {
    const auto i = index_of(plan.levels, id_);
    if (!i) return false;
    index_ = *i;
    removed_ = plan.levels[*i];
    plan.levels.erase(plan.levels.begin() + static_cast<std::ptrdiff_t>(*i));
    return true;
}

void RemoveLevel::revert(Plan& plan) {
    plan.levels.insert(plan.levels.begin() + static_cast<std::ptrdiff_t>(std::min(index_, plan.levels.size())), removed_);
}

// ---------------------------------------------------------------- school and plan info

SetSchool::SetSchool(School after) : after_(std::move(after)) {}

bool SetSchool::apply(Plan& plan) {
    before_ = plan.school;
    plan.school = after_;
    return true;
}

void SetSchool::revert(Plan& plan) { plan.school = before_; }

bool SetSchool::merge(const Command& next) {
    const auto* n = dynamic_cast<const SetSchool*>(&next);
    if (!n) return false;
    after_ = n->after_;
    return true;
}

SetPlanInfo::SetPlanInfo(std::string notes, double hours) : notes_after_(std::move(notes)), hours_after_(hours) {}

bool SetPlanInfo::apply(Plan& plan) {
    notes_before_ = plan.notes;
    hours_before_ = plan.opening_hours_per_week;
    plan.notes = notes_after_;
    plan.opening_hours_per_week = hours_after_;
    return true;
}

void SetPlanInfo::revert(Plan& plan) {
    plan.notes = notes_before_;
    plan.opening_hours_per_week = hours_before_;
}

bool SetPlanInfo::merge(const Command& next) {
    const auto* n = dynamic_cast<const SetPlanInfo*>(&next);
    if (!n) return false;
    notes_after_ = n->notes_after_;
    hours_after_ = n->hours_after_;
    return true;
}

// ---------------------------------------------------------------- composite

CompositeCommand::CompositeCommand(std::string label, std::vector<std::unique_ptr<Command>> commands)
    : label_(std::move(label)), commands_(std::move(commands)) {}

bool CompositeCommand::apply(Plan& plan) {
    if (commands_.empty()) return false;
    for (std::size_t i = 0; i < commands_.size(); ++i) {
        if (!commands_[i] || !commands_[i]->apply(plan)) {
            for (std::size_t k = i; k-- > 0;) commands_[k]->revert(plan);
            return false;
        }
    }
    return true;
}

void CompositeCommand::revert(Plan& plan) {
    for (auto it = commands_.rbegin(); it != commands_.rend(); ++it) (*it)->revert(plan);
}

}  // namespace shuxiang::plan
