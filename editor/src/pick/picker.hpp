#pragma once
// Picking: the furniture boxes of the shown level as Bullet collision objects, hit by ray tests.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "render/camera.hpp"
#include "render/scene.hpp"

class btCollisionWorld;
class btDefaultCollisionConfiguration;
class btCollisionDispatcher;
class btDbvtBroadphase;
class btCollisionObject;
class btCollisionShape;

namespace shuxiang::editor {

class Picker {
public:
    Picker();
    ~Picker();
    Picker(const Picker&) = delete;
    Picker& operator=(const Picker&) = delete;

    // Replaces the collision objects with these boxes (convex hull prisms where a box has a hull).
    void rebuild(const std::vector<FurnitureBox>& boxes);
    // The id of the nearest box the ray hits, with the hit point.
    std::optional<std::string> pick(const Ray& ray, float max_distance, glm::vec3* hit_point = nullptr) const;
    std::size_t size() const { return objects_.size(); }

private:
    std::unique_ptr<btDefaultCollisionConfiguration> config_;
    std::unique_ptr<btCollisionDispatcher> dispatcher_;
    std::unique_ptr<btDbvtBroadphase> broadphase_;
    std::unique_ptr<btCollisionWorld> world_;
    std::vector<std::unique_ptr<btCollisionObject>> objects_;
    std::vector<std::unique_ptr<btCollisionShape>> shapes_;
    std::vector<std::string> ids_;
};

}  // namespace shuxiang::editor
