#pragma once
// Photo stills of a view (File > Render photo, the script's `photo` action and the --photo option):
// the renderer's photo quality at a chosen size, written as PNG.
#include <filesystem>
#include <optional>
#include <string>

#include "render/renderer.hpp"

namespace shuxiang::editor {

struct PhotoResult {
    std::optional<std::string> error;  // a message naming the file, in the user's language
    std::string log;                   // "Photo saved to …" with size and time
    double ms = 0;
};

PhotoResult save_photo(Renderer& r, const Camera& cam, const std::filesystem::path& png, int width, int height,
                       bool show_grid);
// "WIDTHxHEIGHT" within 64..8192 each; false otherwise.
bool parse_photo_size(const std::string& s, int& width, int& height);
// A fresh name for a photo of the plan at `plan` (next to it, or in the working folder).
std::filesystem::path default_photo_path(const std::filesystem::path& plan);

}  // namespace shuxiang::editor
