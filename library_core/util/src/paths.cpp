#include "shuxiang/util/paths.hpp"

#include <cstdlib>

namespace shuxiang {
namespace {
std::filesystem::path exe_dir() {
    std::error_code ec;
    auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : p.parent_path();
}

std::filesystem::path find_dir(const char* env, const char* installed, const char* source) {
    if (const char* e = std::getenv(env); e && *e) return e;
    auto exe = exe_dir();
    if (!exe.empty()) {
        auto inst = exe / ".." / "share" / "shuxiang" / installed;
        std::error_code ec;
        if (std::filesystem::is_directory(inst, ec)) return inst.lexically_normal();
    }
    return source;
}
}  // namespace

std::filesystem::path asset_dir() {
    return find_dir("SHUXIANG_ASSET_DIR", "assets", SHUXIANG_SOURCE_ASSET_DIR);
}

std::filesystem::path shader_dir() {
    return find_dir("SHUXIANG_SHADER_DIR", "shaders", SHUXIANG_SOURCE_SHADER_DIR);
}

}  // namespace shuxiang
