#pragma once
// Commands and history: every mutation of a plan is a Command on one History, shared by the editor's
// UI, the editor's scripts, the CLI and the tests (after Godot's UndoRedo: merging of continuous
// edits, a version counter for the saved state).
#include <memory>
#include <string>
#include <vector>

#include "shuxiang/plan/model.hpp"

namespace shuxiang::plan {

// One reversible change of a plan.
class Command {
public:
    virtual ~Command() = default;
    // Applies the change. Returns false (leaving the plan untouched) when it cannot apply,
    // e.g. the object it names does not exist.
    virtual bool apply(Plan& plan) = 0;
    virtual void revert(Plan& plan) = 0;
    // Translation key describing the change, for the Edit menu and the log ("cmd.move").
    virtual std::string label() const = 0;
    // Continuous edits (a drag, typing in a field) merge into the previous command when both carry
    // the same non-empty merge key; `next` has already been applied.
    virtual std::string merge_key() const { return {}; }
    virtual bool merge(const Command& /*next*/) { return false; }
};

// The history of one open document. Owns the plan.
class History {
public:
    explicit History(Plan plan = {});

    const Plan& plan() const { return plan_; }

    // Applies and records a command. Returns false (nothing recorded) if it did not apply.
    // Clears the redo stack. Merges with the previous command when allowed and `allow_merge`.
    bool execute(std::unique_ptr<Command> cmd, bool allow_merge = true);
    // Ends the current merge run: the next command starts a new undo step even if keys match
    // (the editor calls it on mouse release).
    void seal();

    bool can_undo() const;
    bool can_redo() const;
    bool undo();
    bool redo();
    std::string undo_label() const;
    std::string redo_label() const;
    std::size_t undo_count() const { return done_.size(); }
    std::size_t redo_count() const { return undone_.size(); }

    // Version counter: changes on every execute/undo/redo; the document is saved when
    // version() == saved_version().
    unsigned long version() const { return version_; }
    void mark_saved() { saved_version_ = version_; }
    bool is_saved() const { return version_ == saved_version_; }

    // Replaces the whole document (open, new) and clears the history.
    void reset(Plan plan);

private:
    Plan plan_;
    std::vector<std::unique_ptr<Command>> done_;
    std::vector<std::unique_ptr<Command>> undone_;
    // The version number that each state had, so undo back to the saved state reports saved again.
    std::vector<unsigned long> done_versions_;
    std::vector<unsigned long> undone_versions_;
    unsigned long version_ = 0;
    unsigned long next_version_ = 1;
    unsigned long saved_version_ = 0;
    bool sealed_ = true;
};

}  // namespace shuxiang::plan
