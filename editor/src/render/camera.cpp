#include "render/camera.hpp"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace shuxiang::editor {

glm::vec3 Camera::eye() const {
    const float y = glm::radians(yaw_deg), p = glm::radians(pitch_deg);
    switch (mode) {
    case ViewMode::Orbit3D:
        return target + distance * glm::vec3(std::cos(p) * std::cos(y), std::cos(p) * std::sin(y), std::sin(p));
    case ViewMode::Top: return {target.x, target.y, floor_z + 200.f};
    case ViewMode::Walk: return {target.x, target.y, floor_z + kEyeHeight};
    }
    return target;
}

glm::mat4 Camera::view() const {
    const glm::vec3 e = eye();
    switch (mode) {
    case ViewMode::Orbit3D: return glm::lookAt(e, target, {0, 0, 1});
    case ViewMode::Top: return glm::lookAt(e, {target.x, target.y, floor_z}, {0, 1, 0});
    case ViewMode::Walk: {
        const float y = glm::radians(yaw_deg), p = glm::radians(pitch_deg);
        glm::vec3 fwd(std::cos(p) * std::cos(y), std::cos(p) * std::sin(y), std::sin(p));
        return glm::lookAt(e, e + fwd, {0, 0, 1});
    }
    }
    return glm::mat4(1.f);
}

glm::mat4 Camera::projection(float aspect) const {
    if (mode == ViewMode::Top) {
        const float h = top_half_height, w = h * aspect;
        return glm::ortho(-w, w, -h, h, 1.f, 400.f);
    }
    const float near = mode == ViewMode::Walk ? 0.05f : std::max(0.05f, distance * 0.01f);
    return glm::perspective(glm::radians(fov_deg), aspect, near, near * 20000.f);
}

Ray Camera::ray(glm::vec2 p01, float aspect) const {
    const glm::mat4 inv = glm::inverse(projection(aspect) * view());
    const glm::vec2 ndc(p01.x * 2.f - 1.f, 1.f - p01.y * 2.f);
    glm::vec4 a = inv * glm::vec4(ndc, -1.f, 1.f);
    glm::vec4 b = inv * glm::vec4(ndc, 1.f, 1.f);
    glm::vec3 pa = glm::vec3(a) / a.w, pb = glm::vec3(b) / b.w;
    return {pa, glm::normalize(pb - pa)};
}

void Camera::orbit(float dyaw, float dpitch) {
    yaw_deg = std::fmod(yaw_deg + dyaw, 360.f);
    const float lo = mode == ViewMode::Walk ? -80.f : 2.f;
    pitch_deg = std::clamp(pitch_deg + dpitch, lo, 89.f);
}

void Camera::pan(glm::vec2 d, float aspect) {
    if (mode == ViewMode::Top) {
        target.x -= d.x * 2.f * top_half_height * aspect;
        target.y += d.y * 2.f * top_half_height;
        return;
    }
    // Move the target in the ground plane by the size of the view at the target's distance.
    const float span = 2.f * distance * std::tan(glm::radians(fov_deg) / 2.f);
    const float y = glm::radians(yaw_deg);
    const glm::vec3 right(-std::sin(y), std::cos(y), 0.f);   // screen right seen from the eye
    const glm::vec3 up(-std::cos(y), -std::sin(y), 0.f);     // screen up projected on the ground
    target += (-d.x * span * aspect) * right + (d.y * span) * up;
}

void Camera::zoom_at(glm::vec2 p01, float aspect, float factor) {
    glm::vec3 before(0.f);
    const bool hit = intersect_plane_z(ray(p01, aspect), floor_z, before);
    if (mode == ViewMode::Top)
        top_half_height = std::clamp(top_half_height * factor, 0.5f, 500.f);
    else if (mode == ViewMode::Orbit3D)
        distance = std::clamp(distance * factor, 0.5f, 1000.f);
    else
        return;
    if (!hit) return;
    // Shift the target so the floor point under the cursor stays under it.
    glm::vec3 after(0.f);
    if (intersect_plane_z(ray(p01, aspect), floor_z, after)) {
        target.x += before.x - after.x;
        target.y += before.y - after.y;
    }
}

void Camera::walk(float forward, float right) {
    const float y = glm::radians(yaw_deg);
    target.x += forward * std::cos(y) + right * std::sin(y);
    target.y += forward * std::sin(y) - right * std::cos(y);
}

void Camera::frame(glm::vec3 lo, glm::vec3 hi, float aspect) {
    const glm::vec3 c = (lo + hi) / 2.f;
    const glm::vec3 ext = hi - lo;
    const float radius = std::max(0.5f, glm::length(ext) / 2.f);
    switch (mode) {
    case ViewMode::Orbit3D:
        target = c;
        // The bounding sphere is loose for flat plans; 0.8 of its fitting distance still shows it all.
        distance = radius / std::sin(glm::radians(fov_deg) / 2.f) * 0.8f;
        break;
    case ViewMode::Top:
        target = {c.x, c.y, floor_z};
        top_half_height = std::max(ext.y / 2.f, ext.x / 2.f / aspect) * 1.1f + 0.5f;
        break;
    case ViewMode::Walk: {
        // Stand south of the box, looking north at it.
        target = {c.x, lo.y - 1.f, floor_z};
        yaw_deg = 90.f;
        pitch_deg = 0.f;
        break;
    }
    }
}

bool intersect_plane_z(const Ray& r, float h, glm::vec3& hit) {
    if (std::abs(r.dir.z) < 1e-6f) return false;
    const float t = (h - r.origin.z) / r.dir.z;
    if (t < 0) return false;
    hit = r.origin + t * r.dir;
    return true;
}

}  // namespace shuxiang::editor
