#pragma once
// Import of a school's own furniture models through Assimp (OBJ, FBX, glTF/GLB, 3DS, DAE): the mesh in
// metres and plan axes, standing on the floor, with the convex hull of its vertices as the footprint.
// GL-free, so that it is tested over many real files without a display.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "shuxiang/plan/model.hpp"

namespace shuxiang::editor::assets {

// A mesh ready to draw: triangles of interleaved position (3 floats) + normal (3 floats), in metres,
// plan axes (X east, Y north, Z up), centred on its footprint's bounding box, bottom at z = 0.
struct ImportedModel {
    std::filesystem::path file;
    std::vector<float> vertices;           // 6 floats per vertex, 3 vertices per triangle
    std::vector<plan::Vec2> footprint;     // convex hull of the vertices on the floor, counter-clockwise
    double width = 0, depth = 0, height = 0;  // bounding box, m
    double unit_scale = 1;                 // metres per file unit that was applied
    std::string unit_source;               // where the scale came from (see docs/editor-script.md)
    std::size_t triangles() const { return vertices.size() / 18; }
};

// What import_model() gives: the model, or a message naming why not (file and reason, in English
// for logs; the editor shows it through its translation keys).
struct ImportResult {
    std::optional<ImportedModel> model;
    std::string error;
};

// File extensions the palette accepts (lower case, with the dot).
const std::vector<std::string>& supported_extensions();
bool is_supported(const std::filesystem::path& file);

// Reads and converts one model file. Never throws; broken, empty or unsupported files give an error.
ImportResult import_model(const std::filesystem::path& file);

// Metres per unit for a model without unit metadata, from its largest extent in file units:
// above 200 units it is taken as millimetres, above 20 as centimetres, else metres.
double heuristic_unit_scale(double largest_extent);

// Convex hull (Andrew's monotone chain), counter-clockwise, without collinear points.
std::vector<plan::Vec2> convex_hull(std::vector<plan::Vec2> points);

}  // namespace shuxiang::editor::assets
