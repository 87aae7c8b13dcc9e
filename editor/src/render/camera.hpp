#pragma once
// The editor's cameras: perspective orbit (3D), orthographic top view (2D plan), walk-through at a
// pupil's eye height; all share one target so switching views keeps the place in sight.
#include <glm/glm.hpp>

namespace shuxiang::editor {

enum class ViewMode { Orbit3D, Top, Walk };

// A ray in world space.
struct Ray {
    glm::vec3 origin;
    glm::vec3 dir;  // unit
};

struct Camera {
    ViewMode mode = ViewMode::Orbit3D;
    glm::vec3 target{0.f};     // orbit / top centre, walk position (x, y) at the floor
    float yaw_deg = -60.f;     // orbit: azimuth of the eye seen from the target; walk: heading
    float pitch_deg = 45.f;    // orbit: elevation of the eye; walk: look up/down
    float distance = 30.f;     // orbit: eye to target, m
    float top_half_height = 15.f;  // top: half the visible height, m
    float fov_deg = 50.f;
    float floor_z = 0.f;       // elevation of the shown level
    static constexpr float kEyeHeight = 1.2f;  // a pupil's eye height, m

    glm::vec3 eye() const;
    glm::mat4 view() const;
    glm::mat4 projection(float aspect) const;
    // Ray through a viewport point given in 0..1 (x right, y down).
    Ray ray(glm::vec2 ndc01, float aspect) const;

    void orbit(float dyaw, float dpitch);
    // Pans by a viewport fraction (dragging the scene along with the cursor).
    void pan(glm::vec2 delta01, float aspect);
    // Zooms by `factor` (< 1 zooms in) keeping the floor point under the cursor fixed.
    void zoom_at(glm::vec2 ndc01, float aspect, float factor);
    // Walk: forward/right in metres along the heading.
    void walk(float forward, float right);
    // Fits an axis-aligned box in view.
    void frame(glm::vec3 lo, glm::vec3 hi, float aspect);
};

// Where a ray meets the horizontal plane z = h; false when parallel or behind.
bool intersect_plane_z(const Ray& r, float h, glm::vec3& hit);

}  // namespace shuxiang::editor
