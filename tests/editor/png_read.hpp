#pragma once
// Reads a PNG screenshot of the editor as 8-bit RGB for the editor tests' pixel checks.
#include <png.h>

#include <array>
#include <filesystem>
#include <vector>

namespace {

struct Png {
    int w = 0, h = 0;
    std::vector<unsigned char> rgb;
    std::array<int, 3> at(int x, int y) const {
        const std::size_t i = (static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)) * 3;
        return {rgb[i], rgb[i + 1], rgb[i + 2]};
    }
};

inline Png read_png(const std::filesystem::path& p) {
    Png img;
    png_image im{};
    im.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&im, p.c_str())) return img;
    im.format = PNG_FORMAT_RGB;
    img.w = static_cast<int>(im.width);
    img.h = static_cast<int>(im.height);
    img.rgb.resize(PNG_IMAGE_SIZE(im));
    if (!png_image_finish_read(&im, nullptr, img.rgb.data(), 0, nullptr)) img = {};
    return img;
}

}  // namespace
