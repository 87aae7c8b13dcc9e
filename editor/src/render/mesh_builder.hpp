#pragma once
// Furniture made of parts: boxes, cylinders (axis local Z) and spheres, each a unit primitive placed by
// a matrix, so that every piece of furniture is drawn with one instanced call per primitive kind
// however many pieces a plan holds. The unit meshes (position + normal, 6 floats a vertex) live here too.
#include <vector>

#include <glm/glm.hpp>

namespace shuxiang::editor {

enum class Shape { Box, Cylinder, Sphere, Glass };

// Surface kinds, carried to the shaders in the instance colour's alpha (see lighting.glsl).
enum class Material : int {
    Plain = 1,
    Wood = 2,
    Steel = 3,   // painted steel
    Fabric = 4,
    Glass = 5,
    WallPaint = 6,
    Plastic = 7,
    Screen = 8,
    Paving = 13,
    Grass = 14,
};
inline float material_alpha(Material m) { return static_cast<float>(static_cast<int>(m)); }

struct Part {
    Shape shape = Shape::Box;
    glm::mat4 local{1.f};  // unit primitive (centred on the origin, size 1) → the item's local frame
    glm::vec3 color{1.f};
    Material material = Material::Plain;
};

// Collects parts in a movable frame (a chair placed and turned around a table, then its legs).
class PartBuilder {
public:
    void set_frame(const glm::mat4& f) { frame_ = f; }
    // A frame at local (x, y) turned by yaw degrees about Z.
    static glm::mat4 place(glm::vec2 at, float yaw_deg);
    void box(glm::vec3 center, glm::vec3 size, glm::vec3 color, Material m);
    // A box turned about its own X axis by `tilt_deg` (sloped shelves, screens, backrests).
    void tilted_box(glm::vec3 center, glm::vec3 size, float tilt_deg, glm::vec3 color, Material m);
    // A box turned about Z by `yaw_deg` about its own centre.
    void turned_box(glm::vec3 center, glm::vec3 size, float yaw_deg, glm::vec3 color, Material m);
    // Vertical cylinder: centre, diameter along X and Y, height.
    void cylinder(glm::vec3 center, glm::vec2 diameter, float height, glm::vec3 color, Material m);
    // Horizontal cylinder along local X (rails, rods).
    void rod_x(glm::vec3 center, float length, float diameter, glm::vec3 color, Material m);
    void sphere(glm::vec3 center, glm::vec3 size, glm::vec3 color, Material m);
    void glass(glm::vec3 center, glm::vec3 size, glm::vec3 tint);
    std::vector<Part> parts;

private:
    void add(Shape s, const glm::mat4& m, glm::vec3 color, Material mat);
    glm::mat4 frame_{1.f};
};

// Unit meshes: cube (size 1, centred), cylinder (diameter 1, height 1, axis Z, centred) and sphere
// (diameter 1), counter-clockwise outside.
std::vector<float> unit_cube_mesh();
std::vector<float> unit_cylinder_mesh(int segments = 8);
std::vector<float> unit_sphere_mesh(int slices = 12, int stacks = 7);

}  // namespace shuxiang::editor
