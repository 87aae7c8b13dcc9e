#include "render/display_books.hpp"

#include <algorithm>
#include <cmath>

namespace shuxiang::editor {

void add_display_books(SceneData& s, const plan::Furniture& f, glm::vec2 off, float w, float d, float h,
                       const ShelfSource& shelves) {
    const ShelfBooks* books = shelves ? shelves(f.id, 1, 1, 1) : nullptr;
    if (!books || books->colors.empty()) return;
    // The small epsilon keeps 1.2 / 0.15 at 8 in float arithmetic.
    const int cols = static_cast<int>(std::floor(w / kDisplayCellW + 1e-4f));
    const int rows = static_cast<int>(std::floor(d / kDisplayCellD + 1e-4f));
    if (cols < 1 || rows < 1) return;
    const std::size_t n = std::min(books->colors.size(), static_cast<std::size_t>(cols * rows));
    const glm::vec2 pos(static_cast<float>(f.position.x), static_cast<float>(f.position.y));
    const float yaw = static_cast<float>(f.yaw_deg);
    const float cover_w = 0.14f, cover_d = 0.203f, thick = 0.025f;  // a 大32开 book lying flat
    const float x0 = off.x - static_cast<float>(cols) * kDisplayCellW / 2;
    const float y0 = off.y - static_cast<float>(rows) * kDisplayCellD / 2;
    const float z = h + thick / 2 + 0.002f;
    SpineGroup group;
    group.first_book = static_cast<std::uint32_t>(s.books.size());
    group.first_strip = static_cast<std::uint32_t>(s.strips.size());
    for (int r = 0; r * cols < static_cast<int>(n); ++r) {
        const int in_row = std::min(cols, static_cast<int>(n) - r * cols);
        const float y = y0 + (static_cast<float>(r) + 0.5f) * kDisplayCellD;
        for (int c = 0; c < in_row; ++c) {
            const float x = x0 + (static_cast<float>(c) + 0.5f) * kDisplayCellW;
            const glm::vec3 col = books->colors[static_cast<std::size_t>(r * cols + c)];
            s.books.push_back({box_matrix(pos, yaw, {x, y, z}, {cover_w, cover_d, thick}), glm::vec4(col, 1.f)});
        }
        // Far away the row is one strip whose texels are the covers along local +X.
        const float strip_index = static_cast<float>(s.strip_texels.size() / kStripTexels);
        const float span = static_cast<float>(in_row) * kDisplayCellW;
        for (int i = 0; i < kStripTexels; ++i) {
            const int c = std::min(in_row - 1, static_cast<int>((static_cast<float>(i) + 0.5f) / kStripTexels * static_cast<float>(in_row)));
            const glm::vec3 v = glm::clamp(books->colors[static_cast<std::size_t>(r * cols + c)], 0.f, 1.f) * 255.f + 0.5f;
            s.strip_texels.push_back({static_cast<std::uint8_t>(v.r), static_cast<std::uint8_t>(v.g),
                                      static_cast<std::uint8_t>(v.b), 255});
        }
        s.strips.push_back({box_matrix(pos, yaw, {x0 + span / 2, y, z}, {span, cover_d, thick}),
                            glm::vec4(strip_index, 0.f, 0.f, 1.f)});
    }
    group.book_count = static_cast<std::uint32_t>(s.books.size()) - group.first_book;
    group.strip_count = static_cast<std::uint32_t>(s.strips.size()) - group.first_strip;
    group.center = glm::vec3(pos, h);
    group.radius = 0.5f * std::sqrt(w * w + d * d);
    s.spine_groups.push_back(group);
}

}  // namespace shuxiang::editor
