#pragma once
// The lit path of the 3D and walk views: a sun shadow map, an offscreen target holding the lit colour,
// the ambient part of it and depth, screen-space ambient occlusion at half resolution, and the passes
// that combine them (ambient darkened by the occlusion, tone mapping) and smooth edges (FXAA) before
// writing sRGB to the caller's framebuffer.
#include <filesystem>

#include <glm/glm.hpp>

#include "render/gl.hpp"

namespace shuxiang::editor {

// How much work a lit frame gets.
struct LightQuality {
    int shadow_size = 2048;   // texels a side of the sun's shadow map
    int pcf_radius = 1;       // shadow filter: (2r + 1)² hardware-filtered taps
    bool ao = true;           // screen-space ambient occlusion
    bool ao_full_res = false; // half resolution unless set
    int ao_samples = 8;
    float ao_radius = 0.5f;   // m
    float ao_strength = 1.0f;
    bool fxaa = true;
    static LightQuality interactive() { return {}; }
    // While the camera moves with the fast setting: no occlusion, one shadow tap.
    static LightQuality moving() { return {2048, 0, false, false, 0, 0.5f, 1.f, true}; }
    // Stills: finer shadows with a wider filter, full-resolution occlusion with more samples.
    static LightQuality photo() { return {4096, 2, true, true, 16, 0.6f, 1.4f, true}; }
};

// The sun: direction towards it (world, unit) and the light's view-projection covering a box.
inline glm::vec3 sun_direction() { return glm::normalize(glm::vec3(0.42f, -0.58f, 0.70f)); }
glm::mat4 sun_view_proj(glm::vec3 lo, glm::vec3 hi);

class ShadowMap {
public:
    ~ShadowMap();
    // Binds the map's framebuffer at `size` texels (recreated when the size changes), cleared.
    void begin(int size);
    GLuint texture() const { return tex_; }
    int size() const { return size_; }

private:
    GLuint fbo_ = 0, tex_ = 0;
    int size_ = 0;
};

// Offscreen targets of one view size: lit colour + ambient (sRGB-encoded 8-bit), depth, occlusion and
// the tone-mapped image before FXAA.
class LitTargets {
public:
    ~LitTargets();
    void ensure(int width, int height, bool ao_full_res);
    void bind_scene() const;  // colour + ambient + depth, for the geometry
    GLuint gbuf_fbo = 0, color_tex = 0, ambient_tex = 0, depth_tex = 0;
    GLuint ao_fbo = 0, ao_tex = 0;
    GLuint ldr_fbo = 0, ldr_tex = 0;
    int width = 0, height = 0, ao_width = 0, ao_height = 0;

private:
    void release();
};

// The full-screen passes.
class PostPasses {
public:
    ~PostPasses();
    void init(const std::filesystem::path& shader_dir);
    // Occlusion from depth into t.ao_tex. `proj` is the view's projection.
    void ssao(const LitTargets& t, const glm::mat4& proj, const LightQuality& q);
    // Ambient × occlusion, tone mapping → t.ldr_tex.
    void composite(const LitTargets& t, bool with_ao);
    // FXAA (or a copy) of t.ldr_tex into `fbo` at the viewport (x, y, w, h), sRGB-encoded, writing depth too.
    void present(const LitTargets& t, GLuint fbo, int x, int y, bool fxaa);
    int calls = 0;  // full-screen draws issued (for the draw-call statistics)

private:
    void fullscreen();
    ShaderProgram ssao_, composite_, present_;
    GLuint vao_ = 0;
};

}  // namespace shuxiang::editor
