#pragma once
// Screenshots: reads the GL back buffer (before the swap) and writes it as PNG through libpng.
#include <filesystem>
#include <vector>

namespace shuxiang::editor {

struct Image {
    int width = 0, height = 0;
    std::vector<unsigned char> rgb;  // top row first
};

// Reads a rectangle of the current read buffer (GL coordinates, origin bottom-left) as a top-down image.
Image read_back_buffer(int x, int y, int width, int height);
// Writes an 8-bit RGB PNG. Throws InputError naming the file when it cannot be written.
void write_png(const std::filesystem::path& path, const Image& img);

}  // namespace shuxiang::editor
