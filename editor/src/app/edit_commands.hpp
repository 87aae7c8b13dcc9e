#pragma once
// The editor's edits expressed as the core's History commands (shuxiang/plan/commands.hpp).
#include <memory>
#include <string>
#include <vector>

#include "shuxiang/plan/history.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::editor {

std::unique_ptr<plan::Command> cmd_add_furniture(const std::string& level, const plan::Furniture& f);
std::unique_ptr<plan::Command> cmd_remove_furniture(const std::string& level, const std::string& id);
// Replaces a furniture item (same id) by `after`.
std::unique_ptr<plan::Command> cmd_set_furniture(const std::string& level, const plan::Furniture& after);
std::unique_ptr<plan::Command> cmd_set_room(const std::string& level, const plan::Room& after);
// Several commands as one undo step.
std::unique_ptr<plan::Command> cmd_group(std::vector<std::unique_ptr<plan::Command>> cmds, const std::string& label);

}  // namespace shuxiang::editor
