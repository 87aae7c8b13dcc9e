#pragma once
// Thin RAII wrappers over OpenGL 3.3 core objects (shader programs, buffers), loaded through libepoxy.
#include <epoxy/gl.h>

#include <filesystem>
#include <string>

#include <glm/glm.hpp>

namespace shuxiang::editor {

// A linked vertex + fragment program read from the shader folder at run time.
class ShaderProgram {
public:
    ShaderProgram() = default;
    ~ShaderProgram();
    ShaderProgram(const ShaderProgram&) = delete;
    ShaderProgram& operator=(const ShaderProgram&) = delete;

    // Compiles <dir>/<name>.vert and <dir>/<name>.frag. Throws InputError naming the file and the
    // compiler's log when a stage does not compile or the program does not link.
    void load(const std::filesystem::path& dir, const std::string& name) { load(dir, name, name); }
    // Compiles <dir>/<vert>.vert and <dir>/<frag>.frag (stages shared between programs). A line
    // `#include "FILE"` in a stage is replaced by <dir>/FILE (the lighting code shared by lit shaders).
    void load(const std::filesystem::path& dir, const std::string& vert, const std::string& frag);
    void use() const { glUseProgram(id_); }
    GLint uniform(const char* name) const { return glGetUniformLocation(id_, name); }
    void set(const char* name, const glm::mat4& m) const;
    void set(const char* name, const glm::vec3& v) const;
    void set(const char* name, int v) const { glUniform1i(uniform(name), v); }
    void set(const char* name, float v) const { glUniform1f(uniform(name), v); }
    GLuint id() const { return id_; }

private:
    GLuint id_ = 0;
};

// Counts the draw calls of the scene renderer for one frame (ImGui's own are counted apart).
struct DrawStats {
    int draw_calls = 0;
    long long instances = 0;
    long long vertices = 0;
};

}  // namespace shuxiang::editor
