#pragma once
// Draws a SceneData with OpenGL 3.3 core: one draw call per mesh kind (floors, grid, box instances,
// book-spine instances, selection lines), however many shelves or books the plan holds.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "render/camera.hpp"
#include "render/gl.hpp"
#include "render/scene.hpp"

namespace shuxiang::editor {

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
    // Uploads the scene's buffers (call when the plan changed).
    void upload(const SceneData& scene);
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
    DrawStats draw(const Camera& cam, const Viewport& vp, bool show_grid);
    // Imported meshes (6 floats a vertex: position, normal) by key; instances come with upload().
    void set_mesh(const std::string& key, const std::vector<float>& vertices);
    bool has_mesh(const std::string& key) const { return meshes_.count(key) > 0; }

private:
    void choose_lod(const Camera& cam, const Viewport& vp);

    ShaderProgram flat_, inst_, strip_;
    GLuint cube_vbo_ = 0;
    GLuint box_vao_ = 0, box_ibo_ = 0;
    GLuint book_vao_ = 0, book_ibo_ = 0;
    GLuint floor_vao_ = 0, floor_vbo_ = 0;
    GLuint grid_vao_ = 0, grid_vbo_ = 0;
    GLuint sel_vao_ = 0, sel_vbo_ = 0;
    GLuint strip_vao_ = 0, strip_ibo_ = 0, strip_tex_ = 0;
    GLuint overlay_vao_ = 0, overlay_vbo_ = 0;
    struct Mesh {
        GLuint vbo = 0, ibo = 0, vao = 0;
        GLsizei vertices = 0, instances = 0;
    };
    std::map<std::string, Mesh> meshes_;
    GLsizei box_count_ = 0, book_count_ = 0, floor_count_ = 0, grid_count_ = 0, sel_count_ = 0;
    GLsizei strip_count_ = 0, overlay_count_ = 0;
    int strips_per_row_ = 1;
    // The scene's spines and strips, kept to re-pick which pieces are near when the camera moves.
    std::vector<BoxInstance> all_books_, all_strips_;
    std::vector<SpineGroup> groups_;
    std::vector<char> lod_near_;  // per group: 0 out of view, 1 strips, 2 spines; empty = not chosen yet
    bool lod_ = true;
};

}  // namespace shuxiang::editor
