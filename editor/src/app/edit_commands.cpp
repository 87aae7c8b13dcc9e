#include "app/edit_commands.hpp"

#include "shuxiang/plan/commands.hpp"

namespace shuxiang::editor {

std::unique_ptr<plan::Command> cmd_add_furniture(const std::string& level, const plan::Furniture& f) {
    return std::make_unique<plan::AddFurniture>(level, f);
}

std::unique_ptr<plan::Command> cmd_remove_furniture(const std::string& level, const std::string& id) {
    return std::make_unique<plan::RemoveFurniture>(level, id);
}

std::unique_ptr<plan::Command> cmd_set_furniture(const std::string& level, const plan::Furniture& after) {
    // The tag lets typing in one inspector field merge into one undo step until the field is left.
    return std::make_unique<plan::ChangeFurniture>(level, std::vector<plan::Furniture>{after}, "inspector:" + after.id,
                                                   "editor.cmd.edit_furniture");
}

std::unique_ptr<plan::Command> cmd_set_room(const std::string& level, const plan::Room& after) {
    return std::make_unique<plan::ChangeRooms>(level, std::vector<plan::Room>{after}, "inspector:" + after.id,
                                               "editor.cmd.edit_room");
}

std::unique_ptr<plan::Command> cmd_group(std::vector<std::unique_ptr<plan::Command>> cmds, const std::string& label) {
    if (cmds.size() == 1) return std::move(cmds.front());
    return std::make_unique<plan::CompositeCommand>(label, std::move(cmds));
}

}  // namespace shuxiang::editor
