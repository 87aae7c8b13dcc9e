// Printing a core operation's Result (result_output.hpp).
#include "result_output.hpp"

#include <iostream>

namespace shuxiang::cli {

int print_result(const circulation::Result& r, bool json_out, const nlohmann::json& extra) {
    if (json_out) {
        nlohmann::json j = {{"ok", r.ok}, {"code", r.code}, {"message", r.message}, {"details", r.details}};
        if (r.id) j["id"] = r.id;
        for (auto& [k, v] : extra.items()) j[k] = v;
        std::cout << j.dump(2) << "\n";
    } else {
        (r.ok ? std::cout : std::cerr) << r.message << "\n";
        for (auto& d : r.details) (r.ok ? std::cout : std::cerr) << "  " << d << "\n";
    }
    return r.ok ? 0 : 3;
}

}  // namespace shuxiang::cli
