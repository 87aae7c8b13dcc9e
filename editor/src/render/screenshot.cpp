#include "render/screenshot.hpp"

#include <epoxy/gl.h>
#include <png.h>

#include <cstdio>
#include <cstring>
#include <memory>

#include "shuxiang/util/error.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor {

Image read_back_buffer(int x, int y, int width, int height) {
    Image img;
    img.width = width;
    img.height = height;
    std::vector<unsigned char> raw(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    GLint fbo = 0;
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &fbo);
    glReadBuffer(fbo ? GL_COLOR_ATTACHMENT0 : GL_BACK);  // the window, or an offscreen still
    glReadPixels(x, y, width, height, GL_RGB, GL_UNSIGNED_BYTE, raw.data());
    img.rgb.resize(raw.size());
    const std::size_t row = static_cast<std::size_t>(width) * 3;
    for (int r = 0; r < height; ++r)
        std::memcpy(&img.rgb[static_cast<std::size_t>(r) * row], &raw[static_cast<std::size_t>(height - 1 - r) * row], row);
    return img;
}

void write_png(const std::filesystem::path& path, const Image& img) {
    // Written to a temporary name and renamed, so a reader never sees half a file.
    const auto tmp = path.string() + ".tmp";
    std::unique_ptr<FILE, int (*)(FILE*)> fp(std::fopen(tmp.c_str(), "wb"), &std::fclose);
    if (!fp) throw InputError(path.string(), "", tr("common.file.cannot_write"));
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!png || !info) {
        png_destroy_write_struct(&png, &info);
        throw InputError(path.string(), "", tr("common.png.encode_failed"));
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        fp.reset();
        std::remove(tmp.c_str());
        throw InputError(path.string(), "", tr("common.file.write_failed"));
    }
    png_init_io(png, fp.get());
    png_set_IHDR(png, info, static_cast<png_uint_32>(img.width), static_cast<png_uint_32>(img.height), 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int r = 0; r < img.height; ++r)
        png_write_row(png, const_cast<png_bytep>(&img.rgb[static_cast<std::size_t>(r) * static_cast<std::size_t>(img.width) * 3]));
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    if (std::fflush(fp.get()) != 0) throw InputError(path.string(), "", tr("common.file.write_failed"));
    fp.reset();
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) throw InputError(path.string(), "", ec.message());
}

}  // namespace shuxiang::editor
