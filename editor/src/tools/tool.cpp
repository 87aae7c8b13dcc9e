#include "tools/tool.hpp"

#include <algorithm>

namespace shuxiang::editor {

bool FrameInput::held(int key) const { return std::find(keys_held.begin(), keys_held.end(), key) != keys_held.end(); }

bool ViewTransform::contains(glm::vec2 px) const {
    return px.x >= rect.x && px.x < rect.x + rect.z && px.y >= rect.y && px.y < rect.y + rect.w;
}

glm::mat4 ViewTransform::view_proj() const { return camera->projection(aspect()) * camera->view(); }

Ray ViewTransform::ray(glm::vec2 p01) const { return camera->ray(p01, aspect()); }

std::optional<plan::Vec2> ViewTransform::floor_at(glm::vec2 p01) const {
    glm::vec3 hit(0.f);
    if (!intersect_plane_z(ray(p01), 0.f, hit)) return std::nullopt;
    return plan::Vec2{hit.x, hit.y};
}

std::optional<glm::vec2> ViewTransform::project(glm::vec3 world) const {
    const glm::vec4 c = view_proj() * glm::vec4(world, 1.f);
    if (c.w <= 1e-6f) return std::nullopt;
    return glm::vec2(rect.x + (c.x / c.w * 0.5f + 0.5f) * rect.z, rect.y + (0.5f - c.y / c.w * 0.5f) * rect.w);
}

std::optional<glm::vec2> ViewTransform::floor_to_01(plan::Vec2 p) const {
    const auto px = project({static_cast<float>(p.x), static_cast<float>(p.y), 0.f});
    if (!px) return std::nullopt;
    return to_01(*px);
}

void ScenePicker::sync(Editor& ed) {
    const SceneData& scene = ed.scene();
    if (version_ == ed.scene_version()) return;
    picker_.rebuild(scene.furniture);
    version_ = ed.scene_version();
}

std::optional<std::string> ScenePicker::pick(Editor& ed, const Ray& ray) {
    sync(ed);
    return picker_.pick(ray, 5000.f);
}

Pointer make_pointer(const ViewTransform& view, const InputEvent& e, Pointer::Phase phase) {
    Pointer p;
    p.phase = phase;
    p.px = e.px;
    p.p01 = view.to_01(e.px);
    p.ray = view.ray(p.p01);
    p.floor = view.floor_at(p.p01);
    p.over_view = view.contains(e.px);
    p.double_click = e.double_click;
    p.mods = e.mods;
    return p;
}

}  // namespace shuxiang::editor
