#include "render/furniture_parts.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include <glm/gtc/constants.hpp>

namespace shuxiang::editor {
namespace {

using plan::FurnitureCategory;
using M = Material;

const glm::vec3 kSteel(0.56f, 0.57f, 0.60f);
const glm::vec3 kDarkSteel(0.22f, 0.23f, 0.25f);
const glm::vec3 kChair(0.34f, 0.50f, 0.68f);
const glm::vec3 kScreen(0.05f, 0.07f, 0.10f);
const glm::vec3 kGlassTint(0.70f, 0.84f, 0.90f);

struct Dims {
    float w, d, h;
};

// Four legs just inside the corners of a w × d top.
void legs(PartBuilder& b, float w, float d, float h, float leg, glm::vec3 c, M m) {
    for (float sx : {-1.f, 1.f})
        for (float sy : {-1.f, 1.f})
            b.box({sx * (w / 2 - leg), sy * (d / 2 - leg), h / 2}, {leg, leg, h}, c, m);
}

// A chair facing local +X of its frame, seat at `seat` height.
void chair(PartBuilder& b, float seat) {
    const float s = 0.42f, leg = 0.03f;
    for (float sx : {-1.f, 1.f})
        for (float sy : {-1.f, 1.f})
            b.box({sx * (s / 2 - leg), sy * (s / 2 - leg), seat / 2}, {leg, leg, seat}, kSteel, M::Steel);  // 36 vertices, not a cylinder's 96
    b.box({0, 0, seat}, {s, s, 0.03f}, kChair, M::Plastic);
    const float back_h = seat * 0.85f;
    b.box({-s / 2 + 0.015f, 0, seat + back_h / 2 + 0.03f}, {0.025f, s, back_h * 0.8f}, kChair, M::Plastic);
    for (float sy : {-1.f, 1.f})
        b.box({-s / 2 + 0.015f, sy * (s / 2 - leg), seat + back_h * 0.3f}, {0.025f, leg, back_h * 0.6f}, kSteel, M::Steel);
}

void chairs(PartBuilder& b, int seats, float w, float d, float top_h, bool round) {
    const float seat = top_h < 0.7f ? 0.36f : 0.45f;
    for (const ChairSpot& c : chair_spots(seats, w, d, round)) {
        b.set_frame(PartBuilder::place(c.at, c.yaw_deg));
        chair(b, seat);
    }
    b.set_frame(glm::mat4(1.f));
}

void table(PartBuilder& b, const plan::FurnitureType& t, Dims D, glm::vec3 base, bool round) {
    const float top = 0.03f;
    if (round) {
        b.cylinder({0, 0, D.h - top / 2}, {D.w, D.d}, top, base, M::Wood);
        b.cylinder({0, 0, (D.h - top) / 2}, {0.08f, 0.08f}, D.h - top, kSteel, M::Steel);
        b.cylinder({0, 0, 0.015f}, {D.w * 0.5f, D.d * 0.5f}, 0.03f, kSteel, M::Steel);
    } else {
        b.box({0, 0, D.h - top / 2}, {D.w, D.d, top}, base, M::Wood);
        legs(b, D.w, D.d, D.h - top, 0.05f, base * 0.8f, M::Wood);
    }
    if (t.seats > 0) chairs(b, t.seats, D.w, D.d, D.h, round);
}

void carrel(PartBuilder& b, const plan::FurnitureType& t, Dims D, glm::vec3 base) {
    const float desk = 0.75f, panel = 0.025f;
    const bool two = t.seats >= 2;
    b.box({0, 0, desk - 0.015f}, {D.w, D.d, 0.03f}, base, M::Wood);
    for (float sx : {-1.f, 1.f}) b.box({sx * (D.w / 2 - panel / 2), 0, D.h / 2}, {panel, D.d, D.h}, base * 0.85f, M::Wood);
    if (two)
        b.box({0, 0, (D.h + desk) / 2}, {D.w - 2 * panel, panel, D.h - desk}, base * 0.7f, M::Fabric);
    else
        b.box({0, D.d / 2 - panel / 2, (D.h + desk) / 2}, {D.w - 2 * panel, panel, D.h - desk}, base * 0.7f, M::Fabric);
    const float desk_d = two ? D.d / 2 : D.d;
    for (int i = 0; i < std::min(t.seats, two ? 2 : 1); ++i) {
        const float dir = i == 0 ? -1.f : 1.f;
        const float y = two ? dir * (desk_d + 0.12f) : -D.d / 2 - 0.12f;
        b.set_frame(PartBuilder::place({0, y}, dir < 0 ? 90.f : -90.f));
        chair(b, 0.45f);
        b.set_frame(glm::mat4(1.f));
    }
}

void sofa(PartBuilder& b, const plan::FurnitureType& t, Dims D, glm::vec3 base) {
    const float arm = 0.14f, back = 0.18f, seat_h = 0.42f;
    b.box({0, 0, 0.1f}, {D.w, D.d, 0.2f}, base * 0.7f, M::Fabric);
    for (float sx : {-1.f, 1.f}) b.box({sx * (D.w / 2 - arm / 2), 0, D.h * 0.35f}, {arm, D.d, D.h * 0.7f}, base * 0.9f, M::Fabric);
    b.box({0, D.d / 2 - back / 2, D.h / 2}, {D.w - 2 * arm, back, D.h}, base * 0.9f, M::Fabric);
    const int n = std::max(1, t.seats);
    const float cw = (D.w - 2 * arm) / static_cast<float>(n);
    for (int i = 0; i < n; ++i)
        b.box({-D.w / 2 + arm + cw * (static_cast<float>(i) + 0.5f), -back / 2, (seat_h + 0.2f) / 2},
              {cw - 0.02f, D.d - back - 0.02f, seat_h - 0.2f}, base, M::Fabric);
}

void beanbag(PartBuilder& b, Dims D, glm::vec3 base) {
    b.sphere({0, 0.02f, D.h * 0.32f}, {D.w, D.d * 0.95f, D.h * 0.64f}, base, M::Fabric);
    b.sphere({0, -0.1f, D.h * 0.5f}, {D.w * 0.55f, D.d * 0.5f, D.h * 0.3f}, base * 1.05f, M::Fabric);  // the seat's hollow
    b.sphere({0, D.d * 0.22f, D.h * 0.62f}, {D.w * 0.8f, D.d * 0.45f, D.h * 0.75f}, base * 0.92f, M::Fabric);
}

// Rectangles covering a rectilinear footprint (the L-shaped desk), by horizontal bands.
std::vector<std::pair<glm::vec2, glm::vec2>> footprint_bands(const std::vector<plan::Vec2>& poly) {
    std::set<double> ys;
    for (const auto& p : poly) ys.insert(p.y);
    std::vector<std::pair<glm::vec2, glm::vec2>> out;
    if (ys.size() < 2) return out;
    for (auto it = ys.begin(); std::next(it) != ys.end(); ++it) {
        const double y0 = *it, y1 = *std::next(it), ym = (y0 + y1) / 2;
        std::vector<double> xs;
        for (std::size_t i = 0; i < poly.size(); ++i) {
            const auto &a = poly[i], &c = poly[(i + 1) % poly.size()];
            if ((a.y > ym) != (c.y > ym)) xs.push_back(a.x + (ym - a.y) / (c.y - a.y) * (c.x - a.x));
        }
        std::sort(xs.begin(), xs.end());
        for (std::size_t i = 0; i + 1 < xs.size(); i += 2)
            out.push_back({{static_cast<float>(xs[i]), static_cast<float>(y0)}, {static_cast<float>(xs[i + 1]), static_cast<float>(y1)}});
    }
    return out;
}

void desk(PartBuilder& b, const plan::FurnitureType& t, Dims D, glm::vec3 base) {
    std::vector<std::pair<glm::vec2, glm::vec2>> rects = footprint_bands(t.footprint);
    if (rects.empty()) rects.push_back({{-D.w / 2, -D.d / 2}, {D.w / 2, D.d / 2}});
    for (const auto& [lo, hi] : rects) {
        const glm::vec2 c = (lo + hi) / 2.f, s = hi - lo;
        b.box({c, 0.05f}, {s - 0.06f, 0.1f}, kDarkSteel, M::Steel);                     // plinth
        b.box({c.x, c.y, 0.45f}, {s.x, s.y, 0.7f}, base, M::Wood);                      // body
        b.box({c.x, c.y - s.y * 0.2f, D.h - 0.02f}, {s.x, s.y * 0.6f, 0.04f}, base * 1.1f, M::Wood);  // counter
        b.box({c.x, c.y + 0.05f, 0.8f}, {s.x - 0.04f, s.y - 0.1f, 0.03f}, glm::vec3(0.85f), M::Plastic);  // worktop
        b.box({c.x, c.y - s.y * 0.45f, 0.9f}, {s.x - 0.02f, 0.02f, 0.2f}, base * 0.8f, M::Wood);       // counter front
    }
    b.tilted_box({-D.w / 4, D.d / 4, 0.92f}, {0.4f, 0.03f, 0.24f}, 15.f, kScreen, M::Screen);  // staff screen
}

void kiosk(PartBuilder& b, Dims D, glm::vec3 base, bool standing) {
    if (standing) {
        b.box({0, 0.05f, D.h / 2}, {D.w * 0.9f, D.d * 0.5f, D.h}, base, M::Steel);
        b.box({0, 0.05f - D.d * 0.25f - 0.005f, D.h * 0.62f}, {D.w * 0.75f, 0.01f, D.h * 0.55f}, kScreen, M::Screen);
        b.box({0, 0, 0.025f}, {D.w, D.d, 0.05f}, kDarkSteel, M::Steel);
        return;
    }
    b.box({0, 0.05f, 0.45f}, {D.w * 0.75f, D.d * 0.7f, 0.9f}, base, M::Steel);
    b.box({0, -0.025f, 0.95f}, {D.w * 0.9f, D.d * 0.9f, 0.1f}, base * 1.1f, M::Steel);
    b.tilted_box({0, 0.06f, 1.2f}, {D.w * 0.8f, 0.06f, 0.45f}, -20.f, base * 0.8f, M::Steel);
    b.tilted_box({0, 0.025f, 1.2f}, {D.w * 0.7f, 0.01f, 0.38f}, -20.f, kScreen, M::Screen);
    b.box({0, 0, 0.025f}, {D.w, D.d, 0.05f}, kDarkSteel, M::Steel);
}

void display(PartBuilder& b, Dims D, glm::vec3 base, bool is_case) {
    if (!is_case) {  // a low table for new books lying flat on it
        b.box({0, 0, D.h - 0.015f}, {D.w, D.d, 0.03f}, base, M::Wood);
        legs(b, D.w, D.d, D.h - 0.03f, 0.05f, base * 0.8f, M::Wood);
        b.box({0, 0, 0.12f}, {D.w - 0.1f, D.d - 0.1f, 0.02f}, base * 0.9f, M::Wood);  // lower shelf
        return;
    }
    b.box({0, 0, 0.4f}, {D.w, D.d, 0.8f}, base * 0.7f, M::Wood);
    b.glass({0, 0, (0.8f + D.h - 0.05f) / 2}, {D.w - 0.02f, D.d - 0.02f, D.h - 0.85f}, kGlassTint);
    b.box({0, 0, D.h - 0.025f}, {D.w, D.d, 0.05f}, base * 0.7f, M::Wood);
    b.box({0, 0, (0.8f + D.h) / 2}, {D.w - 0.1f, D.d - 0.1f, 0.015f}, glm::vec3(0.9f), M::Glass);  // middle shelf
    for (float sx : {-1.f, 1.f})
        for (float sy : {-1.f, 1.f}) b.box({sx * (D.w / 2 - 0.01f), sy * (D.d / 2 - 0.01f), (0.8f + D.h) / 2}, {0.02f, 0.02f, D.h - 0.8f}, kSteel, M::Steel);
}

void periodical_rack(PartBuilder& b, const plan::FurnitureType& t, Dims D, glm::vec3 base) {
    const float side = 0.025f;
    for (float sx : {-1.f, 1.f}) b.box({sx * (D.w / 2 - side / 2), 0, D.h / 2}, {side, D.d, D.h}, base * 0.85f, M::Wood);
    if (t.faces <= 0) {  // newspaper rack: rods for the papers
        for (int i = 0; i < 4; ++i)
            b.rod_x({0, -D.d / 4 + static_cast<float>(i % 2) * D.d / 2, D.h * (0.45f + 0.15f * static_cast<float>(i / 2))}, D.w - 2 * side, 0.025f, base * 0.7f, M::Wood);
        b.box({0, 0, 0.1f}, {D.w - 2 * side, D.d, 0.02f}, base, M::Wood);
        return;
    }
    const bool two = t.faces >= 2;
    b.box({0, two ? 0.f : D.d / 2 - 0.01f, D.h / 2}, {D.w - 2 * side, 0.02f, D.h}, base * 0.8f, M::Wood);
    const int rows = std::max(3, static_cast<int>(D.h / 0.35f));
    for (int face = 0; face < (two ? 2 : 1); ++face) {
        const float dir = face == 0 ? -1.f : 1.f;
        const float depth = two ? D.d / 2 - 0.02f : D.d - 0.02f;
        const float yc = two ? dir * depth / 2 : D.d / 2 - 0.02f - depth / 2;
        for (int r = 0; r < rows; ++r) {
            const float z = 0.15f + (D.h - 0.25f) * (static_cast<float>(r) + 0.5f) / static_cast<float>(rows);
            b.tilted_box({0, yc, z}, {D.w - 2 * side, 0.02f, 0.3f}, dir * 18.f, base, M::Wood);
            b.box({0, yc + dir * depth * 0.45f, z - 0.12f}, {D.w - 2 * side, 0.015f, 0.05f}, base * 0.9f, M::Wood);  // lip
        }
    }
}

void picture_bin(PartBuilder& b, const plan::FurnitureType& t, Dims D, glm::vec3 base) {
    const float wall = 0.025f;
    b.box({0, 0, 0.06f}, {D.w, D.d, 0.04f}, base * 0.85f, M::Wood);
    for (float sx : {-1.f, 1.f}) b.box({sx * (D.w / 2 - wall / 2), 0, D.h / 2}, {wall, D.d, D.h}, base * 0.9f, M::Wood);
    for (float sy : {-1.f, 1.f}) b.box({0, sy * (D.d / 2 - wall / 2), D.h * 0.35f}, {D.w, wall, D.h * 0.7f}, base, M::Wood);
    if (t.faces >= 2) b.box({0, 0, D.h / 2}, {D.w, wall, D.h}, base * 0.9f, M::Wood);
    for (int i = 1; i < 3; ++i) b.box({-D.w / 2 + D.w * static_cast<float>(i) / 3.f, 0, D.h * 0.3f}, {wall, D.d - 0.05f, D.h * 0.55f}, base * 0.95f, M::Wood);
}

void bench(PartBuilder& b, const plan::FurnitureType& t, Dims D, glm::vec3 base) {
    if (!t.footprint.empty()) {  // a ring of seats around a tree
        const int n = static_cast<int>(t.footprint.size());
        const float r = D.w / 2 - 0.3f;
        for (int i = 0; i < n; ++i) {
            const float a = 360.f * (static_cast<float>(i) + 0.5f) / static_cast<float>(n);
            const glm::vec2 at(r * std::cos(glm::radians(a)), r * std::sin(glm::radians(a)));
            b.turned_box({at, D.h - 0.025f}, {0.42f, 2.f * (r + 0.2f) * std::tan(glm::pi<float>() / static_cast<float>(n)), 0.05f}, a, base, M::Wood);
            b.turned_box({at * 0.98f, (D.h - 0.05f) / 2}, {0.3f, 0.06f, D.h - 0.05f}, a, kDarkSteel, M::Steel);
        }
        b.cylinder({0, 0, 0.1f}, {D.w * 0.45f, D.d * 0.45f}, 0.2f, glm::vec3(0.45f, 0.62f, 0.32f), M::Grass);
        b.cylinder({0, 0, D.h / 2}, {0.3f, 0.3f}, D.h, glm::vec3(0.42f, 0.32f, 0.22f), M::Wood);
        return;
    }
    const bool back = D.h > 0.6f;
    const float seat = 0.42f, seat_d = back ? D.d * 0.75f : D.d;
    const float y = back ? -D.d / 2 + seat_d / 2 : 0.f;
    for (int i = 0; i < 3; ++i)
        b.box({0, y - seat_d / 2 + seat_d * (static_cast<float>(i) + 0.5f) / 3.f, seat - 0.02f}, {D.w, seat_d / 3.f - 0.015f, 0.04f}, base, M::Wood);
    for (float sx : {-1.f, 1.f}) {
        b.box({sx * (D.w / 2 - 0.1f), y, (seat - 0.04f) / 2}, {0.05f, seat_d * 0.9f, seat - 0.04f}, kDarkSteel, M::Steel);
        if (back) b.tilted_box({sx * (D.w / 2 - 0.1f), D.d / 2 - 0.08f, (seat + D.h) / 2}, {0.05f, 0.05f, D.h - seat}, -10.f, kDarkSteel, M::Steel);
    }
    if (back)
        for (int i = 0; i < 2; ++i)
            b.tilted_box({0, D.d / 2 - 0.08f, seat + 0.12f + 0.18f * static_cast<float>(i)}, {D.w, 0.03f, 0.12f}, -10.f, base, M::Wood);
}

void pavilion(PartBuilder& b, Dims D, glm::vec3 base) {
    b.box({0, 0, 0.075f}, {D.w, D.d, 0.15f}, glm::vec3(0.72f, 0.70f, 0.66f), M::Paving);
    const float col = 0.2f, roof = 0.18f;
    for (float sx : {-1.f, 1.f})
        for (float sy : {-1.f, 1.f})
            b.cylinder({sx * (D.w / 2 - 0.3f), sy * (D.d / 2 - 0.3f), (D.h - 0.6f) / 2 + 0.15f}, {col, col}, D.h - 0.75f, glm::vec3(0.62f, 0.22f, 0.18f), M::Wood);
    b.box({0, 0, D.h - 0.6f + roof / 2}, {D.w, D.d, roof}, base * 0.8f, M::Wood);
    b.box({0, 0, D.h - 0.6f + roof + 0.12f}, {D.w * 0.75f, D.d * 0.75f, 0.24f}, base * 0.7f, M::Wood);
    b.box({0, 0, D.h - 0.09f}, {D.w * 0.4f, D.d * 0.4f, 0.18f}, base * 0.6f, M::Wood);
    for (float sy : {-1.f, 1.f})  // benches along two sides
        b.box({0, sy * (D.d / 2 - 0.5f), 0.15f + 0.21f}, {D.w - 1.2f, 0.4f, 0.42f}, glm::vec3(0.60f, 0.46f, 0.30f), M::Wood);
}

void steps(PartBuilder& b, Dims D, glm::vec3 base) {
    const int n = 3;
    for (int i = 0; i < n; ++i) {
        const float h = D.h * static_cast<float>(i + 1) / n, dd = D.d / n;
        b.box({0, -D.d / 2 + dd * (static_cast<float>(i) + 0.5f), (h - 0.04f) / 2}, {D.w, dd, h - 0.04f}, base * (0.9f + 0.05f * static_cast<float>(i)), M::Wood);
        b.box({0, -D.d / 2 + dd * (static_cast<float>(i) + 0.5f), h - 0.02f}, {D.w - 0.2f, dd - 0.1f, 0.04f}, glm::vec3(0.85f, 0.55f, 0.35f), M::Fabric);
    }
}

void cart(PartBuilder& b, Dims D, glm::vec3 base) {
    for (float z : {0.15f, 0.5f, D.h - 0.02f}) b.box({0, 0, z}, {D.w, D.d, 0.02f}, base, M::Steel);
    for (float sx : {-1.f, 1.f}) b.box({sx * (D.w / 2 - 0.01f), 0, (D.h + 0.08f) / 2}, {0.02f, D.d, D.h - 0.08f}, base * 0.85f, M::Steel);
    for (float sx : {-1.f, 1.f})
        for (float sy : {-1.f, 1.f})
            b.sphere({sx * (D.w / 2 - 0.06f), sy * (D.d / 2 - 0.06f), 0.04f}, glm::vec3(0.08f), kDarkSteel, M::Plastic);
}

void work_desk(PartBuilder& b, Dims D, glm::vec3 base) {
    b.box({0, 0, D.h - 0.015f}, {D.w, D.d, 0.03f}, base, M::Wood);
    b.box({D.w / 2 - 0.22f, 0, (D.h - 0.03f) / 2}, {0.42f, D.d - 0.04f, D.h - 0.03f}, base * 0.85f, M::Wood);  // drawers
    b.box({-D.w / 2 + 0.025f, 0, (D.h - 0.03f) / 2}, {0.05f, D.d - 0.04f, D.h - 0.03f}, base * 0.85f, M::Wood);
    b.box({0, D.d / 2 - 0.03f, D.h / 2}, {D.w - 0.5f, 0.02f, D.h * 0.5f}, base * 0.8f, M::Wood);  // modesty panel
}

}  // namespace

std::vector<ChairSpot> chair_spots(int seats, float w, float d, bool round) {
    std::vector<ChairSpot> out;
    if (seats <= 0) return out;
    if (round) {
        const float r = std::max(w, d) / 2 + 0.12f;
        for (int i = 0; i < seats; ++i) {
            const float a = glm::two_pi<float>() * (static_cast<float>(i) + 0.5f) / static_cast<float>(seats);
            out.push_back({{r * std::cos(a), r * std::sin(a)}, glm::degrees(a) + 180.f});
        }
        return out;
    }
    // Long sides along local X (the width); an odd seat goes to the front.
    const int front = (seats + 1) / 2, back = seats / 2;
    const float y = d / 2 + 0.12f;
    for (int i = 0; i < front; ++i)
        out.push_back({{-w / 2 + w * (static_cast<float>(i) + 0.5f) / static_cast<float>(front), -y}, 90.f});
    for (int i = 0; i < back; ++i)
        out.push_back({{-w / 2 + w * (static_cast<float>(i) + 0.5f) / static_cast<float>(back), y}, -90.f});
    return out;
}

Material shelving_material(const plan::FurnitureType& t) {
    return t.id.find("steel") != std::string::npos ? Material::Steel : Material::Wood;
}

std::vector<Part> furniture_parts(const plan::FurnitureType& t, float width, glm::vec3 base) {
    PartBuilder b;
    Dims D{width, static_cast<float>(t.depth), static_cast<float>(t.height)};
    if (!t.footprint.empty()) {
        glm::vec2 lo(1e9f), hi(-1e9f);
        for (const auto& v : t.footprint) {
            lo = glm::min(lo, glm::vec2(static_cast<float>(v.x), static_cast<float>(v.y)));
            hi = glm::max(hi, glm::vec2(static_cast<float>(v.x), static_cast<float>(v.y)));
        }
        D.w = hi.x - lo.x;
        D.d = hi.y - lo.y;
    }
    const bool round = !t.footprint.empty() && t.footprint.size() >= 8;
    switch (t.category) {
    case FurnitureCategory::ReadingTable: table(b, t, D, base, round); break;
    case FurnitureCategory::Carrel: carrel(b, t, D, base); break;
    case FurnitureCategory::Sofa: sofa(b, t, D, base); break;
    case FurnitureCategory::Beanbag: beanbag(b, D, base); break;
    case FurnitureCategory::CirculationDesk: desk(b, t, D, base); break;
    case FurnitureCategory::Kiosk: kiosk(b, D, base, false); break;
    case FurnitureCategory::EReader:
        if (t.seats > 0) {
            table(b, t, D, base, false);
            b.tilted_box({0, D.d / 4, D.h + 0.2f}, {D.w * 0.5f, 0.03f, 0.32f}, -10.f, kScreen, M::Screen);
        } else {
            kiosk(b, D, base, true);
        }
        break;
    case FurnitureCategory::DisplayCase: display(b, D, base, D.h > 1.2f); break;
    case FurnitureCategory::PeriodicalRack: periodical_rack(b, t, D, base); break;
    case FurnitureCategory::PictureBookBin: picture_bin(b, t, D, base); break;
    case FurnitureCategory::Bench: bench(b, t, D, base); break;
    case FurnitureCategory::Pavilion: pavilion(b, D, base); break;
    default:
        if (t.id.find("steps") != std::string::npos) steps(b, D, base);
        else if (t.id.find("truck") != std::string::npos) cart(b, D, base);
        else if (t.id.find("desk") != std::string::npos) work_desk(b, D, base);
        else b.box({0, 0, D.h / 2}, {D.w, D.d, D.h}, base, M::Plain);
        break;
    }
    return std::move(b.parts);
}

}  // namespace shuxiang::editor
