#pragma once
// Draws a SceneData with OpenGL 3.3 core: one draw call per mesh kind (floors, grid, box, cylinder and
// sphere instances, book-spine instances, glass, selection lines), however many shelves or books the
// plan holds. The top view is a plan drawing (floors in their kind colours, a fixed light); the 3D and
// walk views are lit (render/lit_pipeline.hpp) unless plain shading is chosen.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "render/camera.hpp"
#include "render/gl.hpp"
#include "render/lit_pipeline.hpp"
#include "render/scene.hpp"
#include "render/screenshot.hpp"

namespace shuxiang::editor {

// How the 3D and walk views are shaded. Plain: the plan drawing's colours and fixed light (reading
// class colours exactly); Lit: sun, shadows and occlusion; Fast: lit, but while the camera moves or
// what the view shows changes from frame to frame (a drag, nudges) in one pass without occlusion and
// FXAA (LightQuality::moving()); the first frame after that stops is drawn at full quality.
enum class Shading { Plain, Lit, Fast };

struct Viewport {
    int x = 0, y = 0, width = 1, height = 1;  // GL framebuffer pixels, origin bottom-left
    float aspect() const { return height > 0 ? static_cast<float>(width) / static_cast<float>(height) : 1.f; }
};

// Binds a mesh of position + normal (6 floats a vertex) and a buffer of BoxInstance to `vao`.
void setup_instance_vao(GLuint vao, GLuint mesh, GLuint instances);

class Renderer {
public:
    Renderer() = default;
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // Loads the shaders from `shader_dir` and creates the meshes. Throws InputError on a bad shader.
    void init(const std::filesystem::path& shader_dir);
    // Uploads the scene's buffers (call when the plan changed). `preview` (a drag in progress): the
    // sun's shadow map is kept as it was until the next upload that is not a preview.
    void upload(const SceneData& scene, bool preview = false);
    // Selection outline: the edges of these boxes are drawn on top.
    void set_selection(const std::vector<FurnitureBox>& boxes, const std::vector<std::vector<plan::Vec2>>& outlines);
    // Extra triangles drawn over the scene (found-book highlight, walking route); depth-tested.
    void set_overlay(const std::vector<FlatVertex>& triangles);
    // Level of detail for book spines (on by default): pieces whose spines would be under ~1.5 px
    // wide are drawn as one strip-textured box per shelf level. Pieces outside the view get neither.
    void set_lod(bool on) {
        if (on != lod_) lod_near_.clear();
        lod_ = on;
    }
    // A lit frame whose camera, viewport and contents equal the last one's is not drawn again: its
    // targets are shown again (the final pass alone). Off: every frame is drawn whole (benchmarks).
    void set_frame_reuse(bool on) { reuse_ = on; }
    DrawStats draw(const Camera& cam, const Viewport& vp, bool show_grid);
    void set_shading(Shading s) {
        if (s != shading_) ++content_;
        shading_ = s;
    }
    Shading shading() const { return shading_; }
    // Whether the last frame was drawn at the moving quality: one more frame (at full quality) is due
    // once the camera rests (RedrawPolicy::drawn).
    bool last_frame_provisional() const { return last_provisional_; }
    // A still of `cam` at width × height with the photo quality (finer, wider shadows; stronger,
    // full-resolution occlusion). Throws InputError when the GL cannot make the targets.
    Image render_photo(const Camera& cam, int width, int height, bool show_grid);
    // Imported meshes (6 floats a vertex: position, normal) by key; instances come with upload().
    void set_mesh(const std::string& key, const std::vector<float>& vertices);
    bool has_mesh(const std::string& key) const { return meshes_.count(key) > 0; }

private:
    void choose_lod(const Camera& cam, const Viewport& vp);
    DrawStats draw_plain(const Camera& cam, const Viewport& vp, bool show_grid);
    DrawStats draw_lit(const Camera& cam, const Viewport& vp, bool show_grid, const LightQuality& q, GLuint target);
    // The 3D and walk views at the shading's quality, or the last lit frame again when nothing changed.
    DrawStats draw_lit_view(const Camera& cam, const Viewport& vp, bool show_grid);
    void draw_flat(DrawStats& st, GLuint vao, GLsizei n, GLenum mode);
    // The instanced solids (boxes, cylinders, spheres, book spines when `books`, imported meshes)
    // with the bound program; the books' far strips and glass are drawn apart.
    void draw_solids(DrawStats& st, bool books);
    void draw_strips(DrawStats& st, const ShaderProgram& p, const glm::mat4& vpm);
    void render_shadows(DrawStats& st, int size);
    void set_light_uniforms(const ShaderProgram& p, const Camera& cam, const LightQuality& q);
    // Binds and clears where a lit frame is drawn: the view itself (direct) or the offscreen targets.
    void begin_lit_frame(const Viewport& vp, const LightQuality& q, GLuint target);
    // Walk view: the rooms' ceilings over the pupil's head.
    void draw_ceilings(DrawStats& st, const Camera& cam);
    void draw_glass(DrawStats& st);

    ShaderProgram flat_, inst_, strip_;
    ShaderProgram lit_, lit_floor_, lit_strip_, shadow_;
    ShadowMap shadow_map_;
    LitTargets targets_;
    PostPasses post_;
    // What the last full-quality lit frame showed, to show it again unchanged (set_frame_reuse).
    struct ShownFrame {
        glm::mat4 view{0.f}, proj{0.f};
        glm::ivec4 rect{0};
        GLuint target = 0;
        bool grid = false;
        unsigned long content = 0;
        bool operator==(const ShownFrame&) const = default;
    };
    ShownFrame shown_;
    bool shown_valid_ = false, reuse_ = true, last_provisional_ = false;
    unsigned long content_ = 0;  // counts changes of what the lit views show
    // Uploads of the scene, and their count at the last lit frame: a scene that changes from frame to
    // frame (a drag, nudges) is drawn at the moving quality like a moving camera.
    unsigned long uploads_ = 0, last_uploads_ = 0;
    std::vector<FlatVertex> selection_, overlay_;  // as uploaded: unchanged ones are not uploaded again
    Shading shading_ = Shading::Fast;
    bool shadows_dirty_ = true;
    glm::mat4 light_vp_{1.f};
    float light_extent_ = 1.f;
    glm::mat4 last_view_{0.f};
    SceneBounds bounds_;
    GLuint cube_vbo_ = 0, cyl_vbo_ = 0, sphere_vbo_ = 0;
    GLsizei cyl_vertices_ = 0, sphere_vertices_ = 0;
    GLuint cyl_vao_ = 0, cyl_ibo_ = 0, sphere_vao_ = 0, sphere_ibo_ = 0, glass_vao_ = 0, glass_ibo_ = 0;
    GLsizei cyl_count_ = 0, sphere_count_ = 0, glass_count_ = 0;
    GLuint box_vao_ = 0, box_ibo_ = 0;
    GLuint book_vao_ = 0, book_ibo_ = 0;
    GLuint floor_vao_ = 0, floor_vbo_ = 0, ceiling_vao_ = 0, ceiling_vbo_ = 0;
    GLuint grid_vao_ = 0, grid_vbo_ = 0;
    GLuint sel_vao_ = 0, sel_vbo_ = 0;
    GLuint strip_vao_ = 0, strip_ibo_ = 0, strip_tex_ = 0;
    GLuint overlay_vao_ = 0, overlay_vbo_ = 0;
    struct Mesh {
        GLuint vbo = 0, ibo = 0, vao = 0;
        GLsizei vertices = 0, instances = 0;
    };
    std::map<std::string, Mesh> meshes_;
    GLsizei box_count_ = 0, book_count_ = 0, floor_count_ = 0, ceiling_count_ = 0, grid_count_ = 0, sel_count_ = 0;
    GLsizei strip_count_ = 0, overlay_count_ = 0;
    int strips_per_row_ = 1;
    // The scene's spines and strips, kept to re-pick which pieces are near when the camera moves.
    std::vector<BoxInstance> all_books_, all_strips_;
    std::vector<SpineGroup> groups_;
    std::vector<char> lod_near_;  // per group: 0 out of view, 1 strips, 2 spines; empty = not chosen yet
    bool lod_ = true;
};

}  // namespace shuxiang::editor
