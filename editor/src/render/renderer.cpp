#include "render/renderer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

#include <glm/gtc/matrix_transform.hpp>

namespace shuxiang::editor {
namespace {

// Unit cube centred on the origin: 36 vertices of position + normal.
std::vector<float> cube_vertices() {
    const float f[6][3] = {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}};
    std::vector<float> v;
    for (auto& n : f) {
        glm::vec3 N(n[0], n[1], n[2]);
        glm::vec3 u = std::abs(N.z) > 0.5f ? glm::vec3(1, 0, 0) : glm::vec3(0, 0, 1);
        glm::vec3 w = glm::cross(N, u);
        glm::vec3 c = N * 0.5f;
        glm::vec3 q[4] = {c - u * 0.5f - w * 0.5f, c + u * 0.5f - w * 0.5f, c + u * 0.5f + w * 0.5f,
                          c - u * 0.5f + w * 0.5f};
        // Counter-clockwise seen from outside.
        if (glm::dot(glm::cross(q[1] - q[0], q[2] - q[0]), N) < 0) std::swap(q[1], q[3]);
        for (int i : {0, 1, 2, 0, 2, 3}) {
            v.insert(v.end(), {q[i].x, q[i].y, q[i].z, N.x, N.y, N.z});
        }
    }
    return v;
}

void setup_flat_vao(GLuint vao, GLuint vbo) {
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(FlatVertex), reinterpret_cast<void*>(offsetof(FlatVertex, pos)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 4, GL_FLOAT, GL_FALSE, sizeof(FlatVertex), reinterpret_cast<void*>(offsetof(FlatVertex, color)));
}

}  // namespace

void setup_instance_vao(GLuint vao, GLuint cube, GLuint ibo) {
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, cube);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, 6 * sizeof(float), nullptr);
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, 6 * sizeof(float), reinterpret_cast<void*>(3 * sizeof(float)));
    glBindBuffer(GL_ARRAY_BUFFER, ibo);
    for (int i = 0; i < 4; ++i) {
        glEnableVertexAttribArray(static_cast<GLuint>(2 + i));
        glVertexAttribPointer(static_cast<GLuint>(2 + i), 4, GL_FLOAT, GL_FALSE, sizeof(BoxInstance),
                              reinterpret_cast<void*>(offsetof(BoxInstance, model) + sizeof(glm::vec4) * static_cast<std::size_t>(i)));
        glVertexAttribDivisor(static_cast<GLuint>(2 + i), 1);
    }
    glEnableVertexAttribArray(6);
    glVertexAttribPointer(6, 4, GL_FLOAT, GL_FALSE, sizeof(BoxInstance), reinterpret_cast<void*>(offsetof(BoxInstance, color)));
    glVertexAttribDivisor(6, 1);
}

namespace {

template <typename T>
void upload_buffer(GLuint vbo, const std::vector<T>& data) {
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(data.size() * sizeof(T)), data.empty() ? nullptr : data.data(),
                 GL_STATIC_DRAW);
}

}  // namespace

Renderer::~Renderer() {
    GLuint bufs[] = {cube_vbo_, box_ibo_, book_ibo_, floor_vbo_, grid_vbo_, sel_vbo_, strip_ibo_, overlay_vbo_};
    GLuint vaos[] = {box_vao_, book_vao_, floor_vao_, grid_vao_, sel_vao_, strip_vao_, overlay_vao_};
    if (cube_vbo_) {
        glDeleteBuffers(8, bufs);
        glDeleteVertexArrays(7, vaos);
        glDeleteTextures(1, &strip_tex_);
    }
    for (auto& [key, m] : meshes_) {
        GLuint b[] = {m.vbo, m.ibo};
        glDeleteBuffers(2, b);
        glDeleteVertexArrays(1, &m.vao);
    }
}

void Renderer::set_mesh(const std::string& key, const std::vector<float>& vertices) {
    Mesh& m = meshes_[key];
    if (!m.vao) {
        GLuint b[2];
        glGenBuffers(2, b);
        m.vbo = b[0];
        m.ibo = b[1];
        glGenVertexArrays(1, &m.vao);
        setup_instance_vao(m.vao, m.vbo, m.ibo);
        glBindVertexArray(0);
    }
    upload_buffer(m.vbo, vertices);
    m.vertices = static_cast<GLsizei>(vertices.size() / 6);
}

void Renderer::init(const std::filesystem::path& dir) {
    flat_.load(dir, "flat");
    inst_.load(dir, "instanced");
    strip_.load(dir, "spine_strip");
    GLuint bufs[8];
    glGenBuffers(8, bufs);
    cube_vbo_ = bufs[0];
    box_ibo_ = bufs[1];
    book_ibo_ = bufs[2];
    floor_vbo_ = bufs[3];
    grid_vbo_ = bufs[4];
    sel_vbo_ = bufs[5];
    strip_ibo_ = bufs[6];
    overlay_vbo_ = bufs[7];
    GLuint vaos[7];
    glGenVertexArrays(7, vaos);
    box_vao_ = vaos[0];
    book_vao_ = vaos[1];
    floor_vao_ = vaos[2];
    grid_vao_ = vaos[3];
    sel_vao_ = vaos[4];
    strip_vao_ = vaos[5];
    overlay_vao_ = vaos[6];
    upload_buffer(cube_vbo_, cube_vertices());
    setup_instance_vao(box_vao_, cube_vbo_, box_ibo_);
    setup_instance_vao(book_vao_, cube_vbo_, book_ibo_);
    setup_flat_vao(floor_vao_, floor_vbo_);
    setup_flat_vao(grid_vao_, grid_vbo_);
    setup_flat_vao(sel_vao_, sel_vbo_);
    setup_instance_vao(strip_vao_, cube_vbo_, strip_ibo_);
    setup_flat_vao(overlay_vao_, overlay_vbo_);
    glBindVertexArray(0);
    glGenTextures(1, &strip_tex_);
    glBindTexture(GL_TEXTURE_2D, strip_tex_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void Renderer::upload(const SceneData& s) {
    upload_buffer(box_ibo_, s.boxes);
    // Spines and strips are uploaded per frame by choose_lod(), for the pieces near and far.
    all_books_ = s.books;
    all_strips_ = s.strips;
    groups_ = s.spine_groups;
    lod_near_.clear();
    // Strips side by side in rows of at most 4096 texels (well inside every GL's texture size limit).
    strips_per_row_ = 4096 / kStripTexels;
    const int nstrips = static_cast<int>(s.strip_texels.size() / kStripTexels);
    const int rows = std::max(1, (nstrips + strips_per_row_ - 1) / strips_per_row_);
    std::vector<std::array<std::uint8_t, 4>> tex(static_cast<std::size_t>(rows * strips_per_row_ * kStripTexels));
    std::copy(s.strip_texels.begin(), s.strip_texels.end(), tex.begin());
    glBindTexture(GL_TEXTURE_2D, strip_tex_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, strips_per_row_ * kStripTexels, rows, 0, GL_RGBA, GL_UNSIGNED_BYTE, tex.data());
    glBindTexture(GL_TEXTURE_2D, 0);
    upload_buffer(floor_vbo_, s.floor_triangles);
    upload_buffer(grid_vbo_, s.grid_lines);
    box_count_ = static_cast<GLsizei>(s.boxes.size());
    floor_count_ = static_cast<GLsizei>(s.floor_triangles.size());
    grid_count_ = static_cast<GLsizei>(s.grid_lines.size());
    for (auto& [key, m] : meshes_) {
        auto it = s.meshes.find(key);
        static const std::vector<BoxInstance> none;
        const auto& inst = it == s.meshes.end() ? none : it->second;
        upload_buffer(m.ibo, inst);
        m.instances = static_cast<GLsizei>(inst.size());
    }
}

void Renderer::set_selection(const std::vector<FurnitureBox>& boxes, const std::vector<std::vector<plan::Vec2>>& outlines) {
    std::vector<FlatVertex> v;
    const glm::vec4 c(1.0f, 0.62f, 0.05f, 1.f);
    for (const auto& b : boxes) {
        glm::mat4 m = box_matrix({b.center.x, b.center.y}, b.yaw_deg, {0, 0, 0}, 2.f * b.half * 1.02f);
        m = glm::translate(glm::mat4(1.f), {0, 0, b.center.z}) * m;
        glm::vec3 corner[8];
        for (int i = 0; i < 8; ++i)
            corner[i] = glm::vec3(m * glm::vec4((i & 1) ? 0.5f : -0.5f, (i & 2) ? 0.5f : -0.5f, (i & 4) ? 0.5f : -0.5f, 1.f));
        for (int i = 0; i < 8; ++i)
            for (int bit : {1, 2, 4})
                if (!(i & bit)) {
                    v.push_back({corner[i], c});
                    v.push_back({corner[i | bit], c});
                }
    }
    // Room outlines just above the floor.
    for (const auto& poly : outlines)
        for (std::size_t i = 0; i < poly.size(); ++i) {
            const auto& a = poly[i];
            const auto& b = poly[(i + 1) % poly.size()];
            v.push_back({{static_cast<float>(a.x), static_cast<float>(a.y), 0.05f}, c});
            v.push_back({{static_cast<float>(b.x), static_cast<float>(b.y), 0.05f}, c});
        }
    upload_buffer(sel_vbo_, v);
    sel_count_ = static_cast<GLsizei>(v.size());
}

void Renderer::set_overlay(const std::vector<FlatVertex>& triangles) {
    upload_buffer(overlay_vbo_, triangles);
    overlay_count_ = static_cast<GLsizei>(triangles.size());
}

void Renderer::choose_lod(const Camera& cam, const Viewport& vp) {
    // A piece is near when a 25 mm spine at its nearest point would span at least 1.5 pixels.
    constexpr float kSpine = 0.025f, kMinPixels = 1.5f;
    // 0: outside the view (not drawn), 1: far (strips), 2: near (spines).
    std::vector<char> near(groups_.size(), 2);
    // Frustum planes of the view-projection (Gribb & Hartmann), to leave out pieces not in view.
    const glm::mat4 m = glm::transpose(cam.projection(vp.aspect()) * cam.view());
    const glm::vec4 planes[6] = {m[3] + m[0], m[3] - m[0], m[3] + m[1], m[3] - m[1], m[3] + m[2], m[3] - m[2]};
    for (std::size_t i = 0; i < groups_.size(); ++i)
        for (const glm::vec4& p : planes)
            if (glm::dot(glm::vec3(p), groups_[i].center) + p.w < -groups_[i].radius * glm::length(glm::vec3(p))) near[i] = 0;
    if (lod_) {
        const glm::vec3 eye = cam.eye();
        const float vh = static_cast<float>(vp.height);
        const float ortho_px = vh / (2.f * std::max(cam.top_half_height, 1e-3f));
        const float focal = vh / (2.f * std::tan(glm::radians(cam.fov_deg) / 2.f));
        for (std::size_t i = 0; i < groups_.size(); ++i) {
            const SpineGroup& g = groups_[i];
            float px = 0;
            if (cam.mode == ViewMode::Top)
                px = kSpine * ortho_px;
            else
                px = kSpine * focal / std::max(glm::distance(eye, g.center) - g.radius, 0.1f);
            if (near[i]) near[i] = px >= kMinPixels ? 2 : 1;
        }
    }
    if (near == lod_near_) return;
    lod_near_ = std::move(near);
    std::vector<BoxInstance> books, strips;
    for (std::size_t i = 0; i < groups_.size(); ++i) {
        const SpineGroup& g = groups_[i];
        if (lod_near_[i] == 2)
            books.insert(books.end(), all_books_.begin() + g.first_book, all_books_.begin() + g.first_book + g.book_count);
        else if (lod_near_[i] == 1)
            strips.insert(strips.end(), all_strips_.begin() + g.first_strip,
                          all_strips_.begin() + g.first_strip + g.strip_count);
    }
    upload_buffer(book_ibo_, books);
    upload_buffer(strip_ibo_, strips);
    book_count_ = static_cast<GLsizei>(books.size());
    strip_count_ = static_cast<GLsizei>(strips.size());
}

DrawStats Renderer::draw(const Camera& cam, const Viewport& vp, bool show_grid) {
    DrawStats st;
    choose_lod(cam, vp);
    glViewport(vp.x, vp.y, vp.width, vp.height);
    glEnable(GL_SCISSOR_TEST);
    glScissor(vp.x, vp.y, vp.width, vp.height);
    glClearColor(0.17f, 0.18f, 0.20f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    glDisable(GL_SCISSOR_TEST);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glEnable(GL_CULL_FACE);
    glDisable(GL_BLEND);

    // Levels are drawn in their own coordinates (floor at z = 0); the camera's floor_z matches.
    const glm::mat4 vpm = cam.projection(vp.aspect()) * cam.view();
    flat_.use();
    flat_.set("u_view_proj", vpm);
    if (show_grid && grid_count_) {
        glBindVertexArray(grid_vao_);
        glDrawArrays(GL_LINES, 0, grid_count_);
        ++st.draw_calls;
        st.vertices += grid_count_;
    }
    if (floor_count_) {
        glDisable(GL_CULL_FACE);  // floors are seen from above only, either winding
        glBindVertexArray(floor_vao_);
        glDrawArrays(GL_TRIANGLES, 0, floor_count_);
        glEnable(GL_CULL_FACE);
        ++st.draw_calls;
        st.vertices += floor_count_;
    }
    inst_.use();
    inst_.set("u_view_proj", vpm);
    inst_.set("u_light_dir", glm::vec3(0.35f, -0.55f, 0.76f));
    for (auto [vao, n] : {std::pair{box_vao_, box_count_}, std::pair{book_vao_, book_count_}}) {
        if (!n) continue;
        glBindVertexArray(vao);
        glDrawArraysInstanced(GL_TRIANGLES, 0, 36, n);
        ++st.draw_calls;
        st.instances += n;
        st.vertices += 36LL * n;
    }
    // Imported meshes: one instanced call per model type; two-sided, since files' windings vary.
    glDisable(GL_CULL_FACE);
    for (const auto& [key, m] : meshes_) {
        if (!m.instances || !m.vertices) continue;
        glBindVertexArray(m.vao);
        glDrawArraysInstanced(GL_TRIANGLES, 0, m.vertices, m.instances);
        ++st.draw_calls;
        st.instances += m.instances;
        st.vertices += static_cast<long long>(m.vertices) * m.instances;
    }
    glEnable(GL_CULL_FACE);
    if (strip_count_) {
        strip_.use();
        strip_.set("u_view_proj", vpm);
        strip_.set("u_light_dir", glm::vec3(0.35f, -0.55f, 0.76f));
        glUniform1i(strip_.uniform("u_strips"), 0);
        glUniform1i(strip_.uniform("u_texels"), kStripTexels);
        glUniform1i(strip_.uniform("u_per_row"), strips_per_row_);
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, strip_tex_);
        glBindVertexArray(strip_vao_);
        glDrawArraysInstanced(GL_TRIANGLES, 0, 36, strip_count_);
        glBindTexture(GL_TEXTURE_2D, 0);
        ++st.draw_calls;
        st.instances += strip_count_;
        st.vertices += 36LL * strip_count_;
    }
    if (overlay_count_) {
        flat_.use();
        glDisable(GL_CULL_FACE);
        glBindVertexArray(overlay_vao_);
        glDrawArrays(GL_TRIANGLES, 0, overlay_count_);
        glEnable(GL_CULL_FACE);
        ++st.draw_calls;
        st.vertices += overlay_count_;
    }
    if (sel_count_) {
        flat_.use();
        glDisable(GL_DEPTH_TEST);  // the outline shows through what hides the selection
        glBindVertexArray(sel_vao_);
        glDrawArrays(GL_LINES, 0, sel_count_);
        ++st.draw_calls;
        st.vertices += sel_count_;
    }
    glBindVertexArray(0);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    return st;
}

}  // namespace shuxiang::editor
