#include "render/lit_pipeline.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>

#include <glm/gtc/matrix_transform.hpp>

namespace shuxiang::editor {
namespace {

GLuint make_texture(GLenum internal, int w, int h, GLenum format, GLenum type, GLenum filter) {
    GLuint t = 0;
    glGenTextures(1, &t);
    glBindTexture(GL_TEXTURE_2D, t);
    glTexImage2D(GL_TEXTURE_2D, 0, static_cast<GLint>(internal), w, h, 0, format, type, nullptr);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, static_cast<GLint>(filter));
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, static_cast<GLint>(filter));
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    return t;
}

void bind_tex(int unit, GLuint tex) {
    glActiveTexture(static_cast<GLenum>(GL_TEXTURE0 + unit));
    glBindTexture(GL_TEXTURE_2D, tex);
}

// A full-screen pass into `fbo` that writes colour and depth (gl_FragDepth), reading `textures` from
// unit 0 on, named by `names` in `p`.
void begin_depth_pass(GLuint fbo, glm::ivec4 rect, const ShaderProgram& p, std::initializer_list<GLuint> textures,
                      std::initializer_list<const char*> names) {
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glViewport(rect.x, rect.y, rect.z, rect.w);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_ALWAYS);
    glDepthMask(GL_TRUE);
    p.use();
    int unit = 0;
    for (GLuint t : textures) bind_tex(unit++, t);
    unit = 0;
    for (const char* n : names) p.set(n, unit++);
}

void end_depth_pass(int units) {
    glDepthFunc(GL_LEQUAL);
    for (int i = units - 1; i >= 0; --i) bind_tex(i, 0);
}

}  // namespace

glm::mat4 sun_view_proj(glm::vec3 lo, glm::vec3 hi) {
    const glm::vec3 c = (lo + hi) * 0.5f;
    const float r = std::max(0.5f * glm::length(hi - lo), 1.f);
    const glm::mat4 view = glm::lookAt(c + sun_direction() * (2.f * r), c, glm::vec3(0, 1, 0));
    glm::vec3 mn(1e9f), mx(-1e9f);
    for (int i = 0; i < 8; ++i) {
        const glm::vec3 p((i & 1) ? hi.x : lo.x, (i & 2) ? hi.y : lo.y, (i & 4) ? hi.z : lo.z);
        const glm::vec3 v = glm::vec3(view * glm::vec4(p, 1.f));
        mn = glm::min(mn, v);
        mx = glm::max(mx, v);
    }
    const float pad = 0.2f;
    return glm::ortho(mn.x - pad, mx.x + pad, mn.y - pad, mx.y + pad, -mx.z - pad, -mn.z + pad) * view;
}

ShadowMap::~ShadowMap() {
    if (fbo_) glDeleteFramebuffers(1, &fbo_);
    if (tex_) glDeleteTextures(1, &tex_);
}

void ShadowMap::begin(int size) {
    if (size != size_) {
        if (tex_) glDeleteTextures(1, &tex_);
        if (!fbo_) glGenFramebuffers(1, &fbo_);
        tex_ = make_texture(GL_DEPTH_COMPONENT24, size, size, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_MODE, GL_COMPARE_REF_TO_TEXTURE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_COMPARE_FUNC, GL_LEQUAL);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_BORDER);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_BORDER);
        const float border[4] = {1, 1, 1, 1};  // outside the map: lit
        glTexParameterfv(GL_TEXTURE_2D, GL_TEXTURE_BORDER_COLOR, border);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D, tex_, 0);
        glDrawBuffer(GL_NONE);
        glReadBuffer(GL_NONE);
        size_ = size;
    }
    glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
    glViewport(0, 0, size_, size_);
    glClear(GL_DEPTH_BUFFER_BIT);
}

LitTargets::~LitTargets() { release(); }

void LitTargets::release() {
    GLuint fbos[] = {gbuf_fbo, ao_fbo, final_fbo};
    GLuint texs[] = {color_tex, ambient_tex, depth_tex, ao_tex, final_tex, final_depth_tex};
    if (gbuf_fbo) {
        glDeleteFramebuffers(3, fbos);
        glDeleteTextures(6, texs);
    }
    gbuf_fbo = ao_fbo = final_fbo = 0;
    width = height = 0;
}

void LitTargets::ensure(int w, int h, bool ao_full) {
    const int aw = ao_full ? w : std::max(1, w / 2), ah = ao_full ? h : std::max(1, h / 2);
    if (w == width && h == height && aw == ao_width && ah == ao_height) return;
    release();
    width = w;
    height = h;
    ao_width = aw;
    ao_height = ah;
    color_tex = make_texture(GL_RGBA8, w, h, GL_RGBA, GL_UNSIGNED_BYTE, GL_LINEAR);
    ambient_tex = make_texture(GL_RGBA8, w, h, GL_RGBA, GL_UNSIGNED_BYTE, GL_NEAREST);
    depth_tex = make_texture(GL_DEPTH_COMPONENT24, w, h, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, GL_NEAREST);
    ao_tex = make_texture(GL_R8, aw, ah, GL_RED, GL_UNSIGNED_BYTE, GL_NEAREST);
    final_tex = make_texture(GL_RGBA8, w, h, GL_RGBA, GL_UNSIGNED_BYTE, GL_NEAREST);
    final_depth_tex = make_texture(GL_DEPTH_COMPONENT24, w, h, GL_DEPTH_COMPONENT, GL_UNSIGNED_INT, GL_NEAREST);
    GLuint fbos[3];
    glGenFramebuffers(3, fbos);
    gbuf_fbo = fbos[0];
    ao_fbo = fbos[1];
    final_fbo = fbos[2];
    glBindFramebuffer(GL_FRAMEBUFFER, final_fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, final_tex, 0);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D, final_depth_tex, 0);
    glBindFramebuffer(GL_FRAMEBUFFER, gbuf_fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_tex, 0);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT1, GL_TEXTURE_2D, ambient_tex, 0);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_TEXTURE_2D, depth_tex, 0);
    const GLenum bufs[2] = {GL_COLOR_ATTACHMENT0, GL_COLOR_ATTACHMENT1};
    glDrawBuffers(2, bufs);
    glBindFramebuffer(GL_FRAMEBUFFER, ao_fbo);
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, ao_tex, 0);
}

void LitTargets::bind_scene() const {
    glBindFramebuffer(GL_FRAMEBUFFER, gbuf_fbo);
    glViewport(0, 0, width, height);
}

PostPasses::~PostPasses() {
    if (vao_) glDeleteVertexArrays(1, &vao_);
}

void PostPasses::init(const std::filesystem::path& dir) {
    ssao_.load(dir, "fullscreen", "ssao");
    present_.load(dir, "fullscreen", "present");
    copy_.load(dir, "fullscreen", "copy");
    glGenVertexArrays(1, &vao_);
}

void PostPasses::fullscreen() {
    glBindVertexArray(vao_);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    ++calls;
}

void PostPasses::ssao(const LitTargets& t, const glm::mat4& proj, const LightQuality& q) {
    glBindFramebuffer(GL_FRAMEBUFFER, t.ao_fbo);
    glViewport(0, 0, t.ao_width, t.ao_height);
    glDisable(GL_DEPTH_TEST);
    ssao_.use();
    bind_tex(0, t.depth_tex);
    glUniform1i(ssao_.uniform("u_depth"), 0);
    ssao_.set("u_proj", proj);
    ssao_.set("u_inv_proj", glm::inverse(proj));
    glUniform2i(ssao_.uniform("u_depth_size"), t.width, t.height);
    glUniform1i(ssao_.uniform("u_step"), t.ao_width == t.width ? 1 : 2);
    glUniform1i(ssao_.uniform("u_samples"), q.ao_samples);
    glUniform1f(ssao_.uniform("u_radius"), q.ao_radius);
    glUniform1f(ssao_.uniform("u_strength"), q.ao_strength);
    fullscreen();
}

void PostPasses::finish(const LitTargets& t, const glm::mat4& proj, bool fxaa, bool with_ao) {
    begin_depth_pass(t.final_fbo, {0, 0, t.width, t.height}, present_, {t.color_tex, t.ambient_tex, t.ao_tex, t.depth_tex},
                     {"u_color", "u_ambient", "u_ao", "u_depth"});
    present_.set("u_fxaa", fxaa ? 1 : 0);
    present_.set("u_use_ao", with_ao ? 1 : 0);
    present_.set("u_ao_step", t.ao_width == t.width ? 1 : 2);
    glUniform2f(present_.uniform("u_depth_ab"), proj[2][2], proj[3][2]);
    glUniform2f(present_.uniform("u_texel"), 1.f / static_cast<float>(t.width), 1.f / static_cast<float>(t.height));
    fullscreen();
    end_depth_pass(4);
}

void PostPasses::copy(const LitTargets& t, GLuint fbo, int x, int y) {
    begin_depth_pass(fbo, {x, y, t.width, t.height}, copy_, {t.final_tex, t.final_depth_tex}, {"u_color", "u_depth"});
    glUniform2i(copy_.uniform("u_origin"), x, y);
    fullscreen();
    end_depth_pass(2);
}

}  // namespace shuxiang::editor
