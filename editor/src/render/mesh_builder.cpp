#include "render/mesh_builder.hpp"

#include <cmath>
#include <utility>

#include <glm/gtc/constants.hpp>
#include <glm/gtc/matrix_transform.hpp>

namespace shuxiang::editor {
namespace {

void vertex(std::vector<float>& v, glm::vec3 p, glm::vec3 n) { v.insert(v.end(), {p.x, p.y, p.z, n.x, n.y, n.z}); }

// Appends a triangle wound counter-clockwise as seen from the side `outward` points to.
void tri(std::vector<float>& v, glm::vec3 a, glm::vec3 b, glm::vec3 c, glm::vec3 na, glm::vec3 nb, glm::vec3 nc,
         glm::vec3 outward) {
    if (glm::dot(glm::cross(b - a, c - a), outward) < 0) {
        std::swap(b, c);
        std::swap(nb, nc);
    }
    vertex(v, a, na);
    vertex(v, b, nb);
    vertex(v, c, nc);
}

}  // namespace

glm::mat4 PartBuilder::place(glm::vec2 at, float yaw_deg) {
    return glm::rotate(glm::translate(glm::mat4(1.f), glm::vec3(at, 0.f)), glm::radians(yaw_deg), glm::vec3(0, 0, 1));
}

void PartBuilder::add(Shape s, const glm::mat4& m, glm::vec3 color, Material mat) {
    parts.push_back({s, frame_ * m, color, mat});
}

void PartBuilder::box(glm::vec3 c, glm::vec3 size, glm::vec3 color, Material m) {
    add(Shape::Box, glm::scale(glm::translate(glm::mat4(1.f), c), size), color, m);
}

void PartBuilder::tilted_box(glm::vec3 c, glm::vec3 size, float tilt_deg, glm::vec3 color, Material m) {
    glm::mat4 t = glm::rotate(glm::translate(glm::mat4(1.f), c), glm::radians(tilt_deg), glm::vec3(1, 0, 0));
    add(Shape::Box, glm::scale(t, size), color, m);
}

void PartBuilder::turned_box(glm::vec3 c, glm::vec3 size, float yaw_deg, glm::vec3 color, Material m) {
    glm::mat4 t = glm::rotate(glm::translate(glm::mat4(1.f), c), glm::radians(yaw_deg), glm::vec3(0, 0, 1));
    add(Shape::Box, glm::scale(t, size), color, m);
}

void PartBuilder::cylinder(glm::vec3 c, glm::vec2 d, float h, glm::vec3 color, Material m) {
    add(Shape::Cylinder, glm::scale(glm::translate(glm::mat4(1.f), c), glm::vec3(d, h)), color, m);
}

void PartBuilder::rod_x(glm::vec3 c, float length, float diameter, glm::vec3 color, Material m) {
    glm::mat4 t = glm::rotate(glm::translate(glm::mat4(1.f), c), glm::half_pi<float>(), glm::vec3(0, 1, 0));
    add(Shape::Cylinder, glm::scale(t, glm::vec3(diameter, diameter, length)), color, m);
}

void PartBuilder::sphere(glm::vec3 c, glm::vec3 size, glm::vec3 color, Material m) {
    add(Shape::Sphere, glm::scale(glm::translate(glm::mat4(1.f), c), size), color, m);
}

void PartBuilder::glass(glm::vec3 c, glm::vec3 size, glm::vec3 tint) {
    add(Shape::Glass, glm::scale(glm::translate(glm::mat4(1.f), c), size), tint, Material::Glass);
}

std::vector<float> unit_cube_mesh() {
    std::vector<float> v;
    for (int axis = 0; axis < 3; ++axis)
        for (float s : {-1.f, 1.f}) {
            glm::vec3 n(0.f);
            n[axis] = s;
            glm::vec3 u(0.f), w(0.f);
            u[(axis + 1) % 3] = 0.5f;
            w[(axis + 2) % 3] = 0.5f;
            const glm::vec3 c = n * 0.5f;
            tri(v, c - u - w, c + u - w, c + u + w, n, n, n, n);
            tri(v, c - u - w, c + u + w, c - u + w, n, n, n, n);
        }
    return v;
}

std::vector<float> unit_cylinder_mesh(int seg) {
    std::vector<float> v;
    const glm::vec3 up(0, 0, 1), down(0, 0, -1);
    for (int i = 0; i < seg; ++i) {
        const float a0 = glm::two_pi<float>() * static_cast<float>(i) / static_cast<float>(seg);
        const float a1 = glm::two_pi<float>() * static_cast<float>(i + 1) / static_cast<float>(seg);
        const glm::vec3 n0(std::cos(a0), std::sin(a0), 0), n1(std::cos(a1), std::sin(a1), 0);
        const glm::vec3 b0 = n0 * 0.5f + down * 0.5f, b1 = n1 * 0.5f + down * 0.5f;
        const glm::vec3 t0 = n0 * 0.5f + up * 0.5f, t1 = n1 * 0.5f + up * 0.5f;
        const glm::vec3 mid = (n0 + n1) * 0.5f;
        tri(v, b0, b1, t1, n0, n1, n1, mid);
        tri(v, b0, t1, t0, n0, n1, n0, mid);
        tri(v, up * 0.5f, t0, t1, up, up, up, up);
        tri(v, down * 0.5f, b1, b0, down, down, down, down);
    }
    return v;
}

std::vector<float> unit_sphere_mesh(int slices, int stacks) {
    std::vector<float> v;
    auto at = [&](int i, int j) {
        const float th = glm::pi<float>() * static_cast<float>(j) / static_cast<float>(stacks);
        const float ph = glm::two_pi<float>() * static_cast<float>(i) / static_cast<float>(slices);
        return glm::vec3(std::sin(th) * std::cos(ph), std::sin(th) * std::sin(ph), std::cos(th));
    };
    for (int j = 0; j < stacks; ++j)
        for (int i = 0; i < slices; ++i) {
            const glm::vec3 a = at(i, j), b = at(i + 1, j), c = at(i + 1, j + 1), d = at(i, j + 1);
            const glm::vec3 out = a + b + c + d;
            if (j > 0) tri(v, a * 0.5f, b * 0.5f, c * 0.5f, a, b, c, out);
            if (j + 1 < stacks) tri(v, a * 0.5f, c * 0.5f, d * 0.5f, a, c, d, out);
        }
    return v;
}

}  // namespace shuxiang::editor
