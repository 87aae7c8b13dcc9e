#include "pick/picker.hpp"

#include <btBulletCollisionCommon.h>

namespace shuxiang::editor {

Picker::Picker()
    : config_(std::make_unique<btDefaultCollisionConfiguration>()),
      dispatcher_(std::make_unique<btCollisionDispatcher>(config_.get())),
      broadphase_(std::make_unique<btDbvtBroadphase>()),
      world_(std::make_unique<btCollisionWorld>(dispatcher_.get(), broadphase_.get(), config_.get())) {}

Picker::~Picker() {
    for (auto& o : objects_) world_->removeCollisionObject(o.get());
}

void Picker::rebuild(const std::vector<FurnitureBox>& boxes) {
    for (auto& o : objects_) world_->removeCollisionObject(o.get());
    objects_.clear();
    shapes_.clear();
    ids_.clear();
    for (const auto& b : boxes) {
        std::unique_ptr<btCollisionShape> shape;
        if (b.hull.size() >= 3) {
            // An imported model's footprint as a prism from the floor to its height.
            auto hull = std::make_unique<btConvexHullShape>();
            for (const auto& v : b.hull)
                for (float z : {-b.half.z, b.half.z}) hull->addPoint(btVector3(v.x, v.y, z), false);
            hull->recalcLocalAabb();
            shape = std::move(hull);
        } else {
            shape = std::make_unique<btBoxShape>(btVector3(b.half.x, b.half.y, b.half.z));
        }
        auto obj = std::make_unique<btCollisionObject>();
        btTransform t;
        t.setIdentity();
        t.setOrigin(btVector3(b.center.x, b.center.y, b.center.z));
        t.setRotation(btQuaternion(btVector3(0, 0, 1), glm::radians(b.yaw_deg)));
        obj->setWorldTransform(t);
        obj->setCollisionShape(shape.get());
        obj->setUserIndex(static_cast<int>(ids_.size()));
        world_->addCollisionObject(obj.get());
        ids_.push_back(b.id);
        shapes_.push_back(std::move(shape));
        objects_.push_back(std::move(obj));
    }
    world_->updateAabbs();
}

std::optional<std::string> Picker::pick(const Ray& ray, float max_distance, glm::vec3* hit_point) const {
    const glm::vec3 end = ray.origin + ray.dir * max_distance;
    btVector3 from(ray.origin.x, ray.origin.y, ray.origin.z), to(end.x, end.y, end.z);
    btCollisionWorld::ClosestRayResultCallback cb(from, to);
    world_->rayTest(from, to, cb);
    if (!cb.hasHit() || !cb.m_collisionObject) return std::nullopt;
    if (hit_point) *hit_point = {cb.m_hitPointWorld.x(), cb.m_hitPointWorld.y(), cb.m_hitPointWorld.z()};
    const int i = cb.m_collisionObject->getUserIndex();
    if (i < 0 || static_cast<std::size_t>(i) >= ids_.size()) return std::nullopt;
    return ids_[static_cast<std::size_t>(i)];
}

}  // namespace shuxiang::editor
