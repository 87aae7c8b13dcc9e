#pragma once
// Reading the editor's `layout PATH` file back in tests: the view, the panels, every window of the
// frame and the framed plan's bounds on screen (docs/editor-script.md).
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace shuxiang::test {

struct Box {
    double x = 0, y = 0, w = 0, h = 0;
    bool overlaps(const Box& o) const { return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h; }
    // Inside `o`, with `slack` pixels for rounding.
    bool inside(const Box& o, double slack = 0.5) const {
        return x >= o.x - slack && y >= o.y - slack && x + w <= o.x + o.w + slack && y + h <= o.y + o.h + slack;
    }
};

struct LayoutDump {
    Box view;
    std::map<std::string, Box> panels;      // by script name
    std::map<std::string, bool> collapsed;  // by script name
    std::vector<std::pair<std::string, Box>> windows;  // ImGui name ("title###id"), rectangle
    std::optional<Box> plan;                // none when the level is empty or behind the camera
};

inline LayoutDump read_layout(const std::filesystem::path& p) {
    LayoutDump d;
    std::ifstream in(p);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::string kind;
        std::getline(ls, kind, '\t');
        std::vector<std::string> f;
        for (std::string s; std::getline(ls, s, '\t');) f.push_back(s);
        auto box = [&] { return Box{std::stod(f.at(0)), std::stod(f.at(1)), std::stod(f.at(2)), std::stod(f.at(3))}; };
        if (kind == "view") d.view = box();
        else if (kind == "panel") {
            d.panels[f.at(4)] = box();
            d.collapsed[f.at(4)] = f.at(5) == "collapsed";
        } else if (kind == "window") d.windows.emplace_back(f.at(4), box());
        else if (kind == "plan" && f.size() == 4) d.plan = box();
    }
    return d;
}

}  // namespace shuxiang::test
