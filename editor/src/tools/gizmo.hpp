#pragma once
// The transform gizmo's geometry and drag arithmetic, free of GL and ImGui so that tests can check it:
// move arrows (X, Y) and a plane handle (XY), a rotation ring, and a resize handle at the east end of
// a shelving range (its number of sections); local (the first item's yaw) or world axes. Also the
// rectangle (box) selection.
#include <array>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "render/scene.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/plan/model.hpp"

namespace shuxiang::editor {

enum class GizmoHandle { None, MoveX, MoveY, MoveXY, Rotate, Resize };
const char* to_string(GizmoHandle h);

struct GizmoFrame {
    plan::Vec2 center;          // mean of the items' positions (rotation turns about it)
    plan::Vec2 ux{1, 0}, uy{0, 1};
    double size = 1;            // arrow length, m
    float ring_px = 110.f;      // the rotation ring: a circle of this radius on screen (pixels) about the centre
    bool resizable = false;     // one shelving item: its east end carries the resize handle
    plan::Vec2 resize_at;       // world point of the resize handle
    plan::Vec2 resize_axis{1, 0};
};
GizmoFrame gizmo_frame(const std::vector<plan::Furniture>& items, const plan::FurnitureCatalog& catalog, bool local,
                       double size);

// A world point (z up) to viewport pixels; nullopt behind the camera.
using Projector = std::function<std::optional<glm::vec2>(glm::vec3)>;
// Projection through a view-projection matrix onto a viewport rectangle (pixels, y down).
std::optional<glm::vec2> project_point(const glm::mat4& view_proj, glm::vec3 p, glm::vec4 viewport);

struct GizmoScreen {
    glm::vec2 c{0.f}, x_tip{0.f}, y_tip{0.f};
    std::array<glm::vec2, 4> plane{};
    std::vector<glm::vec2> ring;  // closed polyline
    std::optional<glm::vec2> resize;
    bool valid = false;
};
GizmoScreen gizmo_screen(const GizmoFrame& f, float z, const Projector& project);
// The handle under a pixel (resize, plane, arrows, ring in that order), within `tol` pixels.
GizmoHandle gizmo_hit(const GizmoScreen& s, glm::vec2 px, float tol = 8.f);

// ---- drags (d: the cursor's move on the floor since the press)
plan::Vec2 constrain_move(GizmoHandle h, const GizmoFrame& f, plan::Vec2 d);
// Signed angle (degrees, counter-clockwise, -180..180) from `from` to `to` seen from `center`.
double ring_angle_deg(plan::Vec2 center, plan::Vec2 from, plan::Vec2 to);
// Turns items about `center`; yaws stay in [0, 360).
std::vector<plan::Furniture> rotate_items(std::vector<plan::Furniture> items, plan::Vec2 center, double deg);
// Sections after dragging the east end `along` metres (along the item's axis): whole sections, 1..50.
int sections_after_drag(int start, double section_width, double along);
// The item with `n` sections, its west end kept where it was.
plan::Furniture with_sections(const plan::Furniture& f, const plan::FurnitureType& t, int n);

// ---- box selection
enum class SelectMode { Replace, Add, Toggle };
// Furniture whose whole footprint (the floor corners of its box) projects inside the pixel rectangle a-b.
std::vector<std::string> furniture_in_rect(const std::vector<FurnitureBox>& boxes, glm::vec2 a, glm::vec2 b,
                                           const Projector& project);
std::vector<std::string> combine_selection(const std::vector<std::string>& current, const std::vector<std::string>& hits,
                                           SelectMode mode);

}  // namespace shuxiang::editor
