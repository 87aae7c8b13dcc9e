#include "render/gl.hpp"

#include <glm/gtc/type_ptr.hpp>
#include <vector>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"

namespace shuxiang::editor {
namespace {

// The stage's text with `#include "FILE"` lines replaced by that file of the same folder.
std::string with_includes(const std::filesystem::path& file) {
    std::string src = read_file(file);
    const std::string key = "#include \"";
    for (std::size_t at = src.find(key); at != std::string::npos; at = src.find(key, at)) {
        const std::size_t end = src.find('"', at + key.size());
        const std::size_t eol = src.find('\n', at);
        if (end == std::string::npos) break;
        const std::string name = src.substr(at + key.size(), end - at - key.size());
        src.replace(at, (eol == std::string::npos ? src.size() : eol) - at, read_file(file.parent_path() / name));
    }
    return src;
}

GLuint compile(GLenum stage, const std::filesystem::path& file) {
    std::string src = with_includes(file);
    GLuint s = glCreateShader(stage);
    const char* p = src.c_str();
    glShaderSource(s, 1, &p, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetShaderiv(s, GL_INFO_LOG_LENGTH, &len);
        std::vector<char> log(static_cast<std::size_t>(len) + 1, '\0');
        glGetShaderInfoLog(s, len, nullptr, log.data());
        glDeleteShader(s);
        // The driver's log carries "0:LINE(COL)" places; keep it whole.
        throw InputError(file.string(), "compile", log.data());
    }
    return s;
}

}  // namespace

ShaderProgram::~ShaderProgram() {
    if (id_) glDeleteProgram(id_);
}

void ShaderProgram::load(const std::filesystem::path& dir, const std::string& vert, const std::string& frag) {
    const std::string name = vert == frag ? vert : vert + "+" + frag;
    GLuint vs = compile(GL_VERTEX_SHADER, dir / (vert + ".vert"));
    GLuint fs = 0;
    try {
        fs = compile(GL_FRAGMENT_SHADER, dir / (frag + ".frag"));
    } catch (...) {
        glDeleteShader(vs);
        throw;
    }
    GLuint prog = glCreateProgram();
    glAttachShader(prog, vs);
    glAttachShader(prog, fs);
    glLinkProgram(prog);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(prog, GL_LINK_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetProgramiv(prog, GL_INFO_LOG_LENGTH, &len);
        std::vector<char> log(static_cast<std::size_t>(len) + 1, '\0');
        glGetProgramInfoLog(prog, len, nullptr, log.data());
        glDeleteProgram(prog);
        throw InputError((dir / name).string(), "link", log.data());
    }
    if (id_) glDeleteProgram(id_);
    id_ = prog;
}

void ShaderProgram::set(const char* name, const glm::mat4& m) const {
    glUniformMatrix4fv(uniform(name), 1, GL_FALSE, glm::value_ptr(m));
}

void ShaderProgram::set(const char* name, const glm::vec3& v) const {
    glUniform3fv(uniform(name), 1, glm::value_ptr(v));
}

}  // namespace shuxiang::editor
