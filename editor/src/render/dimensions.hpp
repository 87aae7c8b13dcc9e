#pragma once
// Dimension lines of the top plan view: each wall segment's length, and the width and depth of the
// selected furniture. Plan geometry only (no GL), so the lines can be tested and written by scripts.
#include <glm/vec2.hpp>

#include <string>
#include <vector>

#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::editor {

struct Dimension {
    std::string owner;      // wall or furniture id
    glm::vec2 from, to;     // the measured points (plan metres)
    glm::vec2 line_from, line_to;  // the dimension line, set off beside the object
    double length = 0;      // m
};

// Every segment of every wall, its line set off by half the thickness plus `gap` on the side away
// from the middle of the level's rooms (outside, for the outer walls).
std::vector<Dimension> wall_dimensions(const plan::Level& level, double gap = 0.4);

// The item's width (along its own x axis, in front of it) and depth (beside its +x end), measured on
// its footprint as placed (so a range's real number of sections counts).
std::vector<Dimension> furniture_dimensions(const plan::Furniture& f, const plan::FurnitureType& t, double gap = 0.3);

}  // namespace shuxiang::editor
