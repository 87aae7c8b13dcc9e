#include "shuxiang/plan/history.hpp"

#include <utility>

namespace shuxiang::plan {

// Every state of the document gets a version number that is never reused. Undo and redo return to the
// numbers the states had before, so undoing back to the saved state reports it saved again, while a
// state that history can no longer reach (a discarded redo branch, the middle of a merged drag) keeps
// a number that no reachable state will carry again.

History::History(Plan plan) : plan_(std::move(plan)) {}

bool History::execute(std::unique_ptr<Command> cmd, bool allow_merge) {
    if (!cmd || !cmd->apply(plan_)) return false;
    undone_.clear();
    undone_versions_.clear();
    const std::string key = cmd->merge_key();
    if (allow_merge && !sealed_ && !done_.empty() && !key.empty() && done_.back()->merge_key() == key &&
        done_.back()->merge(*cmd)) {
        // The merged step starts from the same state as before (done_versions_.back() is unchanged)
        // but ends in a new one.
        version_ = next_version_++;
        return true;
    }
    done_.push_back(std::move(cmd));
    done_versions_.push_back(version_);
    version_ = next_version_++;
    sealed_ = false;
    return true;
}

void History::seal() { sealed_ = true; }

bool History::can_undo() const { return !done_.empty(); }
bool History::can_redo() const { return !undone_.empty(); }

bool History::undo() {
    if (done_.empty()) return false;
    done_.back()->revert(plan_);
    undone_.push_back(std::move(done_.back()));
    done_.pop_back();
    undone_versions_.push_back(version_);
    version_ = done_versions_.back();
    done_versions_.pop_back();
    // A command below the top of the stack must not absorb the next edit.
    sealed_ = true;
    return true;
}

bool History::redo() {
    if (undone_.empty()) return false;
    // A command that applied once applies again from the same state; if it refuses (a bug in a
    // command), the history stays consistent by leaving it on the redo stack.
    if (!undone_.back()->apply(plan_)) return false;
    done_.push_back(std::move(undone_.back()));
    undone_.pop_back();
    done_versions_.push_back(version_);
    version_ = undone_versions_.back();
    undone_versions_.pop_back();
    sealed_ = true;
    return true;
}

std::string History::undo_label() const { return done_.empty() ? std::string() : done_.back()->label(); }
std::string History::redo_label() const { return undone_.empty() ? std::string() : undone_.back()->label(); }

void History::reset(Plan plan) {
    plan_ = std::move(plan);
    done_.clear();
    undone_.clear();
    done_versions_.clear();
    undone_versions_.clear();
    // A fresh document is saved as it is; the counter keeps running so old numbers are never reused.
    version_ = next_version_++;
    saved_version_ = version_;
    sealed_ = true;
}

}  // namespace shuxiang::plan
