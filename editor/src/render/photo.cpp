#include "render/photo.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {

PhotoResult save_photo(Renderer& r, const Camera& cam, const std::filesystem::path& png, int width, int height,
                       bool show_grid) {
    PhotoResult out;
    const auto t0 = std::chrono::steady_clock::now();
    try {
        const Image img = r.render_photo(cam, width, height, show_grid);
        write_png(png, img);
    } catch (const InputError& e) {
        out.error = format_place(e.file(), e.where(), e.message());
        return out;
    }
    out.ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    out.log = trf("editor.log.photo", {png.string(), std::to_string(width), std::to_string(height),
                                       std::to_string(static_cast<long>(out.ms))});
    return out;
}

bool parse_photo_size(const std::string& s, int& width, int& height) {
    int w = 0, h = 0;
    char tail = 0;
    if (std::sscanf(s.c_str(), "%dx%d%c", &w, &h, &tail) != 2) return false;
    if (w < 64 || h < 64 || w > 8192 || h > 8192) return false;
    width = w;
    height = h;
    return true;
}

std::filesystem::path default_photo_path(const std::filesystem::path& plan) {
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
    const std::string stem = plan.empty() ? std::string("shuxiang") : plan.stem().stem().string();
    return (plan.empty() ? std::filesystem::path() : plan.parent_path()) / (stem + "-photo-" + stamp + ".png");
}

}  // namespace shuxiang::editor
