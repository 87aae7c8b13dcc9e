#include "simview/sim_renderer.hpp"

#include <cmath>
#include <cstddef>

#include <glm/gtc/matrix_transform.hpp>

namespace shuxiang::editor::simview {
namespace {

// Cylinder of radius 0.5 and height 1 centred on the origin (the unit cube's convention, so the
// instanced shader's model matrices scale it the same way): position + normal per vertex.
std::vector<float> cylinder_vertices(int segments) {
    std::vector<float> v;
    auto push = [&](glm::vec3 p, glm::vec3 n) { v.insert(v.end(), {p.x, p.y, p.z, n.x, n.y, n.z}); };
    for (int i = 0; i < segments; ++i) {
        const float a0 = 6.2831853f * static_cast<float>(i) / static_cast<float>(segments);
        const float a1 = 6.2831853f * static_cast<float>(i + 1) / static_cast<float>(segments);
        const glm::vec3 d0(std::cos(a0), std::sin(a0), 0), d1(std::cos(a1), std::sin(a1), 0);
        const glm::vec3 b0 = 0.5f * d0 - glm::vec3(0, 0, 0.5f), b1 = 0.5f * d1 - glm::vec3(0, 0, 0.5f);
        const glm::vec3 t0 = b0 + glm::vec3(0, 0, 1), t1 = b1 + glm::vec3(0, 0, 1);
        // Side (counter-clockwise seen from outside), top and bottom caps.
        push(b0, d0), push(b1, d1), push(t1, d1);
        push(b0, d0), push(t1, d1), push(t0, d0);
        push({0, 0, 0.5f}, {0, 0, 1}), push(t0, {0, 0, 1}), push(t1, {0, 0, 1});
        push({0, 0, -0.5f}, {0, 0, -1}), push(b1, {0, 0, -1}), push(b0, {0, 0, -1});
    }
    return v;
}

}  // namespace

BoxInstance agent_instance(glm::vec2 pos, float radius, float height, glm::vec3 color) {
    glm::mat4 m = glm::translate(glm::mat4(1.f), {pos.x, pos.y, height * 0.5f});
    m = glm::scale(m, {2.f * radius, 2.f * radius, height});
    return {m, glm::vec4(color, 1.f)};
}

SimRenderer::~SimRenderer() {
    if (!mesh_vbo_) return;
    GLuint bufs[] = {mesh_vbo_, agent_ibo_, quad_vbo_};
    GLuint vaos[] = {agent_vao_, quad_vao_};
    glDeleteBuffers(3, bufs);
    glDeleteVertexArrays(2, vaos);
    glDeleteTextures(1, &tex_);
}

void SimRenderer::init(const std::filesystem::path& dir) {
    inst_.load(dir, "instanced");
    heat_.load(dir, "heatmap");
    GLuint bufs[3];
    glGenBuffers(3, bufs);
    mesh_vbo_ = bufs[0];
    agent_ibo_ = bufs[1];
    quad_vbo_ = bufs[2];
    GLuint vaos[2];
    glGenVertexArrays(2, vaos);
    agent_vao_ = vaos[0];
    quad_vao_ = vaos[1];
    glGenTextures(1, &tex_);

    const std::vector<float> mesh = cylinder_vertices(20);
    mesh_vertices_ = static_cast<GLsizei>(mesh.size() / 6);
    glBindBuffer(GL_ARRAY_BUFFER, mesh_vbo_);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(mesh.size() * sizeof(float)), mesh.data(), GL_STATIC_DRAW);
    setup_instance_vao(agent_vao_, mesh_vbo_, agent_ibo_);

    glBindVertexArray(quad_vao_);
    glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, 5 * sizeof(float), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, 5 * sizeof(float), reinterpret_cast<void*>(3 * sizeof(float)));
    glBindVertexArray(0);

    glBindTexture(GL_TEXTURE_2D, tex_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void SimRenderer::set_agents(const std::vector<BoxInstance>& agents) {
    glBindBuffer(GL_ARRAY_BUFFER, agent_ibo_);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(agents.size() * sizeof(BoxInstance)),
                 agents.empty() ? nullptr : agents.data(), GL_STREAM_DRAW);
    agent_count_ = static_cast<GLsizei>(agents.size());
}

void SimRenderer::set_heatmap(const DensityMap& m) {
    has_heat_ = m.nx > 0 && m.ny > 0;
    if (!has_heat_) return;
    const std::vector<unsigned char> px = density_texels(m, 0.6f);
    glBindTexture(GL_TEXTURE_2D, tex_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, m.nx, m.ny, 0, GL_RGBA, GL_UNSIGNED_BYTE, px.data());
    glBindTexture(GL_TEXTURE_2D, 0);
    // Just above the floor (z = 0) and its marks, below any furniture.
    const float z = 0.03f;
    const glm::vec2 lo = m.origin, hi = m.origin + glm::vec2(static_cast<float>(m.nx), static_cast<float>(m.ny)) * m.cell;
    const float q[] = {lo.x, lo.y, z, 0, 0, hi.x, lo.y, z, 1, 0, hi.x, hi.y, z, 1, 1,
                       lo.x, lo.y, z, 0, 0, hi.x, hi.y, z, 1, 1, lo.x, hi.y, z, 0, 1};
    glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_);
    glBufferData(GL_ARRAY_BUFFER, sizeof q, q, GL_STATIC_DRAW);
}

DrawStats SimRenderer::draw(const Camera& cam, const Viewport& vp, bool heatmap) {
    DrawStats st;
    glViewport(vp.x, vp.y, vp.width, vp.height);
    const glm::mat4 vpm = cam.projection(vp.aspect()) * cam.view();
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    if (agent_count_) {
        glEnable(GL_CULL_FACE);
        inst_.use();
        inst_.set("u_view_proj", vpm);
        inst_.set("u_light_dir", glm::vec3(0.35f, -0.55f, 0.76f));
        glBindVertexArray(agent_vao_);
        glDrawArraysInstanced(GL_TRIANGLES, 0, mesh_vertices_, agent_count_);
        glDisable(GL_CULL_FACE);
        ++st.draw_calls;
        st.instances += agent_count_;
        st.vertices += static_cast<long long>(mesh_vertices_) * agent_count_;
    }
    if (heatmap && has_heat_) {
        // Translucent, after the opaque geometry; it writes no depth so it never hides anything.
        glEnable(GL_BLEND);
        glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
        glDepthMask(GL_FALSE);
        heat_.use();
        heat_.set("u_view_proj", vpm);
        glUniform1i(heat_.uniform("u_tex"), 0);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, tex_);
        glBindVertexArray(quad_vao_);
        glDrawArrays(GL_TRIANGLES, 0, 6);
        glBindTexture(GL_TEXTURE_2D, 0);
        glDepthMask(GL_TRUE);
        glDisable(GL_BLEND);
        ++st.draw_calls;
        st.vertices += 6;
    }
    glBindVertexArray(0);
    glDisable(GL_DEPTH_TEST);
    return st;
}

}  // namespace shuxiang::editor::simview
