#pragma once
// Script actions of the manipulation tools (box, drag, snap, gizmo, align, distribute, array, copy,
// paste, nudge), called by the script runner; see docs/editor-script.md.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/editor.hpp"

namespace shuxiang::editor {

struct UiContext;

struct ManipScriptOutcome {
    ActionResult result;
    std::string usage;  // non-empty: the words were wrong (message for the script's error)
};

// Argument counts (min, max) of the actions handled here.
const std::map<std::string, std::pair<int, int>>& manip_script_arity();
// nullopt when words[0] is not one of these actions.
std::optional<ManipScriptOutcome> manip_script_action(UiContext& ui, const std::vector<std::string>& words);

}  // namespace shuxiang::editor
