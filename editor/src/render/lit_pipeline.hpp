#pragma once
// The lit path of the 3D and walk views: a sun shadow map, an offscreen target holding the lit colour,
// the ambient part of it and depth, screen-space ambient occlusion at half resolution, and one pass
// that smooths edges (FXAA), darkens the ambient part by the occlusion, tone maps and writes sRGB into
// the finished frame (colour and depth), which a plain copy puts into the caller's framebuffer; while
// nothing changes, the next frames are that copy alone. The offscreen colours are linear light stored as sqrt(x / 2) in 8 bits
// (headroom to 2, fine steps in the darks, no per-texel sRGB conversion, which llvmpipe does slowly).
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
    // Straight into the view in one pass (no offscreen targets, occlusion or FXAA): on llvmpipe every
    // pass that reads the one before waits for the rasteriser threads, which a busy machine delays.
    bool direct = false;
    static LightQuality interactive() { return {2048, 0, true, false, 8, 0.5f, 1.f, true, false}; }
    // While the camera moves with the fast setting: one pass, sun and (cached) shadows kept; llvmpipe
    // draws it in about half the CPU time of a full frame (docs/benchmarks.md).
    static LightQuality moving() { return {2048, 0, false, false, 0, 0.5f, 1.f, false, true}; }
    // Stills: finer shadows with a wider filter, full-resolution occlusion with more samples.
    static LightQuality photo() { return {4096, 2, true, true, 16, 0.6f, 1.4f, true, false}; }
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

// Offscreen targets of one view size: lit colour + ambient, depth, the occlusion, and the finished
// frame (sRGB colour and depth).
class LitTargets {
public:
    ~LitTargets();
    void ensure(int width, int height, bool ao_full_res);
    void bind_scene() const;  // colour + ambient + depth, for the geometry
    GLuint gbuf_fbo = 0, color_tex = 0, ambient_tex = 0, depth_tex = 0;
    GLuint ao_fbo = 0, ao_tex = 0;
    GLuint final_fbo = 0, final_tex = 0, final_depth_tex = 0;
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
    // FXAA, ambient × occlusion and tone mapping of the targets into the finished frame, sRGB-encoded,
    // with depth. `proj`: the projection the targets were drawn with.
    void finish(const LitTargets& t, const glm::mat4& proj, bool fxaa, bool with_ao);
    // The finished frame into `fbo` at (x, y), depth too (for overlays drawn after).
    void copy(const LitTargets& t, GLuint fbo, int x, int y);
    int calls = 0;  // full-screen draws issued (for the draw-call statistics)

private:
    void fullscreen();
    ShaderProgram ssao_, present_, copy_;
    GLuint vao_ = 0;
};

}  // namespace shuxiang::editor
