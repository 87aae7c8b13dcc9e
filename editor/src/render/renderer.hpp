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
    DrawStats draw(const Camera& cam, const Viewport& vp, bool show_grid);
    // Imported meshes (6 floats a vertex: position, normal) by key; instances come with upload().
    void set_mesh(const std::string& key, const std::vector<float>& vertices);
    bool has_mesh(const std::string& key) const { return meshes_.count(key) > 0; }

private:
    ShaderProgram flat_, inst_;
    GLuint cube_vbo_ = 0;
    GLuint box_vao_ = 0, box_ibo_ = 0;
    GLuint book_vao_ = 0, book_ibo_ = 0;
    GLuint floor_vao_ = 0, floor_vbo_ = 0;
    GLuint grid_vao_ = 0, grid_vbo_ = 0;
    GLuint sel_vao_ = 0, sel_vbo_ = 0;
    struct Mesh {
        GLuint vbo = 0, ibo = 0, vao = 0;
        GLsizei vertices = 0, instances = 0;
    };
    std::map<std::string, Mesh> meshes_;
    GLsizei box_count_ = 0, book_count_ = 0, floor_count_ = 0, grid_count_ = 0, sel_count_ = 0;
};

}  // namespace shuxiang::editor
