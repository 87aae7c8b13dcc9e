#include "render/renderer.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include <glm/gtc/matrix_transform.hpp>

#include "render/mesh_builder.hpp"
#include "shuxiang/util/error.hpp"

namespace shuxiang::editor {
namespace {

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

bool same_vertices(const std::vector<FlatVertex>& a, const std::vector<FlatVertex>& b) {
    static_assert(sizeof(FlatVertex) == 7 * sizeof(float), "FlatVertex is compared as plain floats");
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(FlatVertex)) == 0);
}

template <typename T>
void upload_buffer(GLuint vbo, const std::vector<T>& data) {
    glBindBuffer(GL_ARRAY_BUFFER, vbo);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(data.size() * sizeof(T)), data.empty() ? nullptr : data.data(),
                 GL_STATIC_DRAW);
}

}  // namespace

Renderer::~Renderer() {
    GLuint bufs[] = {cube_vbo_, box_ibo_, book_ibo_, floor_vbo_, grid_vbo_, sel_vbo_, strip_ibo_, overlay_vbo_,
                     cyl_vbo_, cyl_ibo_, sphere_vbo_, sphere_ibo_, glass_ibo_, ceiling_vbo_};
    GLuint vaos[] = {box_vao_, book_vao_, floor_vao_, grid_vao_, sel_vao_, strip_vao_, overlay_vao_, cyl_vao_, sphere_vao_,
                     glass_vao_, ceiling_vao_};
    if (cube_vbo_) {
        glDeleteBuffers(14, bufs);
        glDeleteVertexArrays(11, vaos);
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
    ++content_;
}

void Renderer::init(const std::filesystem::path& dir) {
    flat_.load(dir, "flat");
    inst_.load(dir, "instanced");
    strip_.load(dir, "spine_strip");
    lit_.load(dir, "lit");
    lit_floor_.load(dir, "lit_floor", "lit");
    lit_strip_.load(dir, "lit_strip");
    shadow_.load(dir, "shadow");
    post_.init(dir);
    GLuint bufs[14];
    glGenBuffers(14, bufs);
    GLuint* b = bufs;
    for (GLuint* p : {&cube_vbo_, &box_ibo_, &book_ibo_, &floor_vbo_, &grid_vbo_, &sel_vbo_, &strip_ibo_, &overlay_vbo_,
                      &cyl_vbo_, &cyl_ibo_, &sphere_vbo_, &sphere_ibo_, &glass_ibo_, &ceiling_vbo_})
        *p = *b++;
    GLuint vaos[11];
    glGenVertexArrays(11, vaos);
    GLuint* v = vaos;
    for (GLuint* p : {&box_vao_, &book_vao_, &floor_vao_, &grid_vao_, &sel_vao_, &strip_vao_, &overlay_vao_, &cyl_vao_,
                      &sphere_vao_, &glass_vao_, &ceiling_vao_})
        *p = *v++;
    upload_buffer(cube_vbo_, unit_cube_mesh());
    const std::vector<float> cyl = unit_cylinder_mesh(), sph = unit_sphere_mesh();
    upload_buffer(cyl_vbo_, cyl);
    upload_buffer(sphere_vbo_, sph);
    cyl_vertices_ = static_cast<GLsizei>(cyl.size() / 6);
    sphere_vertices_ = static_cast<GLsizei>(sph.size() / 6);
    setup_instance_vao(box_vao_, cube_vbo_, box_ibo_);
    setup_instance_vao(book_vao_, cube_vbo_, book_ibo_);
    setup_instance_vao(cyl_vao_, cyl_vbo_, cyl_ibo_);
    setup_instance_vao(sphere_vao_, sphere_vbo_, sphere_ibo_);
    setup_instance_vao(glass_vao_, cube_vbo_, glass_ibo_);
    setup_flat_vao(floor_vao_, floor_vbo_);
    setup_flat_vao(ceiling_vao_, ceiling_vbo_);
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

void Renderer::upload(const SceneData& s, bool preview) {
    upload_buffer(box_ibo_, s.boxes);
    upload_buffer(cyl_ibo_, s.cylinders);
    upload_buffer(sphere_ibo_, s.spheres);
    upload_buffer(glass_ibo_, s.glass);
    cyl_count_ = static_cast<GLsizei>(s.cylinders.size());
    sphere_count_ = static_cast<GLsizei>(s.spheres.size());
    glass_count_ = static_cast<GLsizei>(s.glass.size());
    bounds_ = s.bounds;
    shadows_dirty_ = shadows_dirty_ || !preview;
    ++content_;
    ++uploads_;
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
    upload_buffer(ceiling_vbo_, s.ceiling_triangles);
    ceiling_count_ = static_cast<GLsizei>(s.ceiling_triangles.size());
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
    if (same_vertices(v, selection_)) return;
    upload_buffer(sel_vbo_, v);
    sel_count_ = static_cast<GLsizei>(v.size());
    selection_ = std::move(v);
    ++content_;
}

void Renderer::set_overlay(const std::vector<FlatVertex>& triangles) {
    if (same_vertices(triangles, overlay_)) return;
    upload_buffer(overlay_vbo_, triangles);
    overlay_count_ = static_cast<GLsizei>(triangles.size());
    overlay_ = triangles;
    ++content_;
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
    ++content_;
}

DrawStats Renderer::draw(const Camera& cam, const Viewport& vp, bool show_grid) {
    choose_lod(cam, vp);
    last_provisional_ = false;
    if (cam.mode == ViewMode::Top || shading_ == Shading::Plain) {
        shown_valid_ = false;
        last_view_ = glm::mat4(0.f);
        return draw_plain(cam, vp, show_grid);
    }
    return draw_lit_view(cam, vp, show_grid);
}

DrawStats Renderer::draw_lit_view(const Camera& cam, const Viewport& vp, bool show_grid) {
    GLint bound = 0;
    glGetIntegerv(GL_FRAMEBUFFER_BINDING, &bound);
    const GLuint target = static_cast<GLuint>(bound);
    const glm::mat4 view = cam.view(), proj = cam.projection(vp.aspect());
    const bool moving = view != last_view_ || uploads_ != last_uploads_;
    last_view_ = view;
    last_uploads_ = uploads_;
    if (shading_ == Shading::Fast && moving) {
        // The fast setting draws a cheaper frame while the camera moves (LightQuality::moving()).
        shown_valid_ = false;
        last_provisional_ = true;
        return draw_lit(cam, vp, show_grid, LightQuality::moving(), target);
    }
    const ShownFrame now{view, proj, {vp.x, vp.y, vp.width, vp.height}, target, show_grid, content_};
    if (reuse_ && shown_valid_ && now == shown_) {
        // Nothing the view shows changed (the panels around it may have): show the last frame again.
        DrawStats st;
        post_.calls = 0;
        post_.copy(targets_, target, vp.x, vp.y);
        st.draw_calls = post_.calls;
        glDisable(GL_DEPTH_TEST);
        glActiveTexture(GL_TEXTURE0);
        glBindVertexArray(0);
        return st;
    }
    DrawStats st = draw_lit(cam, vp, show_grid, LightQuality::interactive(), target);
    shown_ = now;
    shown_valid_ = true;
    return st;
}

void Renderer::draw_solids(DrawStats& st, bool books) {
    auto call = [&](GLuint vao, GLsizei vertices, GLsizei n) {
        if (!n) return;
        glBindVertexArray(vao);
        glDrawArraysInstanced(GL_TRIANGLES, 0, vertices, n);
        ++st.draw_calls;
        st.instances += n;
        st.vertices += static_cast<long long>(vertices) * n;
    };
    call(box_vao_, 36, box_count_);
    call(cyl_vao_, cyl_vertices_, cyl_count_);
    call(sphere_vao_, sphere_vertices_, sphere_count_);
    if (books) call(book_vao_, 36, book_count_);
    // Imported meshes: one instanced call per model type; two-sided, since files' windings vary.
    glDisable(GL_CULL_FACE);
    for (const auto& [key, m] : meshes_) call(m.vao, m.vertices, m.vertices ? m.instances : 0);
    glEnable(GL_CULL_FACE);
}

void Renderer::draw_strips(DrawStats& st, const ShaderProgram& p, const glm::mat4& vpm) {
    if (!strip_count_) return;
    p.use();
    p.set("u_view_proj", vpm);
    p.set("u_strips", 0);
    p.set("u_texels", kStripTexels);
    p.set("u_per_row", strips_per_row_);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, strip_tex_);
    glBindVertexArray(strip_vao_);
    glDrawArraysInstanced(GL_TRIANGLES, 0, 36, strip_count_);
    glBindTexture(GL_TEXTURE_2D, 0);
    ++st.draw_calls;
    st.instances += strip_count_;
    st.vertices += 36LL * strip_count_;
}

DrawStats Renderer::draw_plain(const Camera& cam, const Viewport& vp, bool show_grid) {
    DrawStats st;
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
    flat_.set("u_linear", 0);
    auto lines = [&](GLuint vao, GLsizei n, GLenum mode) { draw_flat(st, vao, n, mode); };
    if (show_grid) lines(grid_vao_, grid_count_, GL_LINES);
    glDisable(GL_CULL_FACE);  // floors are seen from above only, either winding
    lines(floor_vao_, floor_count_, GL_TRIANGLES);
    glEnable(GL_CULL_FACE);
    draw_ceilings(st, cam);
    inst_.use();
    inst_.set("u_view_proj", vpm);
    inst_.set("u_light_dir", glm::vec3(0.35f, -0.55f, 0.76f));
    draw_solids(st, true);
    auto glass = [&] {
        if (!glass_count_) return;
        glBindVertexArray(glass_vao_);
        glDrawArraysInstanced(GL_TRIANGLES, 0, 36, glass_count_);
        ++st.draw_calls;
        st.instances += glass_count_;
    };
    glass();
    strip_.use();
    strip_.set("u_light_dir", glm::vec3(0.35f, -0.55f, 0.76f));
    draw_strips(st, strip_, vpm);
    flat_.use();
    glDisable(GL_CULL_FACE);
    lines(overlay_vao_, overlay_count_, GL_TRIANGLES);
    glDisable(GL_DEPTH_TEST);  // the outline shows through what hides the selection
    lines(sel_vao_, sel_count_, GL_LINES);
    glBindVertexArray(0);
    return st;
}

void Renderer::render_shadows(DrawStats& st, int size) {
    if (!shadows_dirty_ && shadow_map_.size() == size) return;
    glm::vec3 lo = bounds_.empty ? glm::vec3(-5, -5, 0) : bounds_.min, hi = bounds_.empty ? glm::vec3(5, 5, 3) : bounds_.max;
    lo.z = std::min(lo.z, 0.f) - 0.1f;
    hi.z = std::max(hi.z, 1.f);
    light_vp_ = sun_view_proj(lo, hi);
    light_extent_ = std::max(hi.x - lo.x, hi.y - lo.y) * 1.3f;
    shadow_map_.begin(size);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glDepthMask(GL_TRUE);
    glDisable(GL_CULL_FACE);  // thin boards cast from both faces
    glEnable(GL_POLYGON_OFFSET_FILL);
    glPolygonOffset(1.5f, 2.f);
    shadow_.use();
    shadow_.set("u_view_proj", light_vp_);
    draw_solids(st, false);
    glDisable(GL_POLYGON_OFFSET_FILL);
    shadows_dirty_ = false;
}

void Renderer::set_light_uniforms(const ShaderProgram& p, const Camera& cam, const LightQuality& q) {
    p.use();
    p.set("u_sun_dir", sun_direction());
    p.set("u_sun_color", glm::vec3(1.55f, 1.47f, 1.34f));
    p.set("u_sky_color", glm::vec3(0.40f, 0.44f, 0.50f));
    p.set("u_ground_color", glm::vec3(0.24f, 0.22f, 0.20f));
    p.set("u_eye", cam.eye());
    p.set("u_light_vp", light_vp_);
    p.set("u_shadow", 1);
    p.set("u_pcf", q.pcf_radius);
    p.set("u_shadow_texel", 1.f / static_cast<float>(std::max(shadow_map_.size(), 1)));
    p.set("u_normal_offset", 1.5f * light_extent_ / static_cast<float>(std::max(shadow_map_.size(), 1)));
    p.set("u_shadows", 1);
    p.set("u_alpha", 1.f);
    p.set("u_direct", q.direct ? 1 : 0);
    p.set("u_interior", cam.mode == ViewMode::Walk ? 0.45f : 0.f);
}

void Renderer::draw_flat(DrawStats& st, GLuint vao, GLsizei n, GLenum mode) {
    if (!n) return;
    glBindVertexArray(vao);
    glDrawArrays(mode, 0, n);
    ++st.draw_calls;
    st.vertices += n;
}

void Renderer::draw_ceilings(DrawStats& st, const Camera& cam) {
    if (cam.mode != ViewMode::Walk) return;
    glDisable(GL_CULL_FACE);
    draw_flat(st, ceiling_vao_, ceiling_count_, GL_TRIANGLES);
    glEnable(GL_CULL_FACE);
}

void Renderer::begin_lit_frame(const Viewport& vp, const LightQuality& q, GLuint target) {
    if (q.direct) {
        glBindFramebuffer(GL_FRAMEBUFFER, target);
        glViewport(vp.x, vp.y, vp.width, vp.height);
        glEnable(GL_SCISSOR_TEST);
        glScissor(vp.x, vp.y, vp.width, vp.height);
        glClearColor(0.17f, 0.18f, 0.20f, 1.f);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        glDisable(GL_SCISSOR_TEST);
    } else {
        targets_.ensure(vp.width, vp.height, q.ao_full_res);
        targets_.bind_scene();
        // The background (linear 0.0273, 0.0284, 0.0331 stored as sqrt(x / 2)), marked unlit (alpha 0)
        // so that it keeps the plan view's colour.
        const float bg0[4] = {0.1168f, 0.1192f, 0.1287f, 0.f}, bg1[4] = {0, 0, 0, 0};
        glClearBufferfv(GL_COLOR, 0, bg0);
        glClearBufferfv(GL_COLOR, 1, bg1);
        glClear(GL_DEPTH_BUFFER_BIT);
    }
}

void Renderer::draw_glass(DrawStats& st) {
    if (!glass_count_) return;
    // See-through panes over everything opaque, keeping the target's lit flag (alpha).
    lit_.use();
    lit_.set("u_alpha", 0.28f);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
    glDepthMask(GL_FALSE);
    glBindVertexArray(glass_vao_);
    glDrawArraysInstanced(GL_TRIANGLES, 0, 36, glass_count_);
    ++st.draw_calls;
    st.instances += glass_count_;
    glDepthMask(GL_TRUE);
    glDisable(GL_BLEND);
}

DrawStats Renderer::draw_lit(const Camera& cam, const Viewport& vp, bool show_grid, const LightQuality& q, GLuint target) {
    DrawStats st;
    post_.calls = 0;
    render_shadows(st, q.shadow_size);
    begin_lit_frame(vp, q, target);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    glDisable(GL_BLEND);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, shadow_map_.texture());
    const glm::mat4 proj = cam.projection(vp.aspect()), vpm = proj * cam.view();
    auto flat = [&](GLuint vao, GLsizei n, GLenum mode) { draw_flat(st, vao, n, mode); };
    flat_.use();
    flat_.set("u_view_proj", vpm);
    flat_.set("u_linear", q.direct ? 0 : 1);
    if (show_grid) flat(grid_vao_, grid_count_, GL_LINES);
    for (const ShaderProgram* p : {&lit_floor_, &lit_, &lit_strip_}) {
        set_light_uniforms(*p, cam, q);
        p->set("u_view_proj", vpm);
    }
    lit_floor_.use();
    glDisable(GL_CULL_FACE);
    flat(floor_vao_, floor_count_, GL_TRIANGLES);
    glEnable(GL_CULL_FACE);
    draw_ceilings(st, cam);
    lit_.use();
    draw_solids(st, true);
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, shadow_map_.texture());
    draw_strips(st, lit_strip_, vpm);
    flat_.use();
    glDisable(GL_CULL_FACE);
    flat(overlay_vao_, overlay_count_, GL_TRIANGLES);
    draw_glass(st);
    flat_.use();
    glDisable(GL_DEPTH_TEST);  // the outline shows through what hides the selection
    flat(sel_vao_, sel_count_, GL_LINES);
    if (!q.direct) {
        if (q.ao) post_.ssao(targets_, proj, q);
        post_.finish(targets_, proj, q.fxaa, q.ao);
        post_.copy(targets_, target, vp.x, vp.y);
    }
    st.draw_calls += post_.calls;
    glBindVertexArray(0);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glActiveTexture(GL_TEXTURE0);
    return st;
}

Image Renderer::render_photo(const Camera& cam, int width, int height, bool show_grid) {
    GLuint fbo = 0, color = 0, depth = 0;
    glGenFramebuffers(1, &fbo);
    glGenRenderbuffers(1, &color);
    glGenRenderbuffers(1, &depth);
    glBindRenderbuffer(GL_RENDERBUFFER, color);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, width, height);
    glBindRenderbuffer(GL_RENDERBUFFER, depth);
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color);
    glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depth);
    const bool ok = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
    Image img;
    if (ok) {
        const Viewport vp{0, 0, width, height};
        lod_near_.clear();
        choose_lod(cam, vp);
        if (cam.mode == ViewMode::Top || shading_ == Shading::Plain)
            draw_plain(cam, vp, show_grid);
        else
            draw_lit(cam, vp, show_grid, LightQuality::photo(), fbo);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        img = read_back_buffer(0, 0, width, height);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
    glDeleteFramebuffers(1, &fbo);
    glDeleteRenderbuffers(1, &color);
    glDeleteRenderbuffers(1, &depth);
    shadows_dirty_ = true;  // the interactive map has its own size
    shown_valid_ = false;   // nor do the targets hold the view's last frame any more
    if (!ok) throw InputError("<photo>", std::to_string(width) + "x" + std::to_string(height), "framebuffer incomplete");
    return img;
}

}  // namespace shuxiang::editor
