#pragma once
// Draws the simulation on top of the plan: all agents as instances of one cylinder mesh (one draw
// call), and the density map as a translucent texture just above the floor.
#include <filesystem>
#include <vector>

#include "render/camera.hpp"
#include "render/gl.hpp"
#include "render/renderer.hpp"
#include "render/scene.hpp"
#include "simview/sim_data.hpp"

namespace shuxiang::editor::simview {

class SimRenderer {
public:
    SimRenderer() = default;
    ~SimRenderer();
    SimRenderer(const SimRenderer&) = delete;
    SimRenderer& operator=(const SimRenderer&) = delete;

    void init(const std::filesystem::path& shader_dir);
    void set_agents(const std::vector<BoxInstance>& agents);
    // The map's texels cover the rectangle lo..hi of the floor.
    void set_heatmap(const DensityMap& m);
    // Draws into the viewport the plan was drawn into (depth kept, so furniture hides agents).
    DrawStats draw(const Camera& cam, const Viewport& vp, bool heatmap);

private:
    ShaderProgram inst_, heat_;
    GLuint mesh_vbo_ = 0, agent_ibo_ = 0, agent_vao_ = 0;
    GLuint quad_vbo_ = 0, quad_vao_ = 0, tex_ = 0;
    GLsizei mesh_vertices_ = 0, agent_count_ = 0;
    bool has_heat_ = false;
};

// The instance of an agent disc/cylinder: radius, height and colour (linear RGB).
BoxInstance agent_instance(glm::vec2 pos, float radius, float height, glm::vec3 color);

}  // namespace shuxiang::editor::simview
