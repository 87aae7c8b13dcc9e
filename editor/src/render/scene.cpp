#include "render/scene.hpp"
#include "render/display_books.hpp"
#include "render/furniture_parts.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <glm/gtc/matrix_transform.hpp>

#include "shuxiang/plan/geometry.hpp"

namespace shuxiang::editor {
namespace {

using plan::FurnitureCategory;
using plan::RoomKind;
using plan::Vec2;
using plan::polygon_area;
using plan::polygon_centroid;
using plan::signed_area;

constexpr float kBoard = 0.02f;       // shelf board and panel thickness, m
constexpr float kGridZ = -0.01f;      // the grid sits just under the floors
constexpr float kFloorZ = 0.0f;
constexpr float kMarkZ = 0.004f;

glm::vec3 category_color(FurnitureCategory c) {
    switch (c) {
    case FurnitureCategory::ShelvingSingle:
    case FurnitureCategory::ShelvingDouble:
    case FurnitureCategory::ClassroomCabinet: return {0.72f, 0.56f, 0.38f};  // light wood
    case FurnitureCategory::PictureBookBin: return {0.93f, 0.62f, 0.30f};
    case FurnitureCategory::PeriodicalRack: return {0.62f, 0.50f, 0.40f};
    case FurnitureCategory::ReadingTable: return {0.80f, 0.66f, 0.46f};
    case FurnitureCategory::Carrel: return {0.70f, 0.60f, 0.48f};
    case FurnitureCategory::Sofa: return {0.36f, 0.52f, 0.72f};
    case FurnitureCategory::Beanbag: return {0.90f, 0.45f, 0.45f};
    case FurnitureCategory::CirculationDesk: return {0.45f, 0.40f, 0.36f};
    case FurnitureCategory::Kiosk: return {0.35f, 0.38f, 0.44f};
    case FurnitureCategory::EReader: return {0.30f, 0.33f, 0.40f};
    case FurnitureCategory::DisplayCase: return {0.62f, 0.75f, 0.80f};
    case FurnitureCategory::Bench: return {0.55f, 0.45f, 0.32f};
    case FurnitureCategory::Pavilion: return {0.50f, 0.62f, 0.45f};
    case FurnitureCategory::Other: break;
    }
    return {0.65f, 0.65f, 0.62f};
}

double cross(Vec2 o, Vec2 a, Vec2 b) { return plan::cross(a - o, b - o); }

bool in_triangle(Vec2 p, Vec2 a, Vec2 b, Vec2 c) {
    double d1 = cross(a, b, p), d2 = cross(b, c, p), d3 = cross(c, a, p);
    bool neg = d1 < 0 || d2 < 0 || d3 < 0;
    bool pos = d1 > 0 || d2 > 0 || d3 > 0;
    return !(neg && pos);
}

// Small deterministic hash so book spines vary without a random generator.
unsigned mix(unsigned x) {
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

void add_shelving(SceneData& s, const plan::Furniture& f, const plan::FurnitureType& t, glm::vec3 color,
                  const ShelfSource& shelves) {
    const glm::vec2 pos(static_cast<float>(f.position.x), static_cast<float>(f.position.y));
    const float yaw = static_cast<float>(f.yaw_deg);
    const int sections = std::max(1, plan::effective_sections(f, t));
    const float W = static_cast<float>(plan::effective_width(f, t));
    const float D = static_cast<float>(t.depth);
    const float H = static_cast<float>(t.height);
    const float sw = W / static_cast<float>(sections);
    const int levels = std::max(1, t.shelf_levels);
    const float mat = material_alpha(shelving_material(t));
    auto box = [&](glm::vec3 off, glm::vec3 size, glm::vec3 c) {
        s.boxes.push_back({box_matrix(pos, yaw, off, size), glm::vec4(c, mat)});
    };
    // Single-faced ranges have their back panel on local +Y and face local -Y.
    const bool two = t.faces >= 2;
    const float back_y = two ? 0.f : D / 2 - kBoard / 2;
    box({0, back_y, H / 2}, {W, kBoard, H}, color * 0.85f);
    // End panels at both ends of the range, uprights between its sections.
    for (int i = 0; i <= sections; ++i) {
        const bool end = i == 0 || i == sections;
        const float x = -W / 2 + static_cast<float>(i) * sw;
        if (end)
            box({x - (i == 0 ? -kBoard : kBoard), 0, H / 2}, {2 * kBoard, D, H}, color * 0.8f);
        else
            box({x, 0, H / 2}, {kBoard, D, H}, color * 0.9f);
    }
    const float base = 0.08f;
    box({0, 0, base / 2}, {W - 2 * kBoard, D - 0.04f, base}, color * 0.6f);  // kick plinth
    const float pitch = (H - base - kBoard) / static_cast<float>(levels);
    for (int l = 0; l <= levels; ++l)
        box({0, 0, base + static_cast<float>(l) * pitch}, {W, D, kBoard}, color);
    if (!t.holds_books()) return;

    // Spines: the assigned books where the source knows the shelf, else 80 % of each shelf filled with
    // neutral colours. Each shelf level also gets a far-away strip (see SpineGroup).
    const float face_depth = two ? D / 2 - kBoard : D - kBoard;
    const float book_depth = std::min(face_depth, static_cast<float>(t.shelf_depth > 0 ? t.shelf_depth : face_depth)) * 0.85f;
    unsigned seed = static_cast<unsigned>(std::hash<std::string>{}(f.id));
    SpineGroup group;
    group.first_book = static_cast<std::uint32_t>(s.books.size());
    group.first_strip = static_cast<std::uint32_t>(s.strips.size());
    struct Spine {
        float x, thick, hgt;
        glm::vec3 color;
    };
    std::vector<Spine> shelf;
    for (int face = 0; face < (two ? 2 : 1); ++face) {
        const float dir = face == 0 ? -1.f : 1.f;  // face 0 looks to local -Y
        const float y_center = two ? dir * (kBoard / 2 + book_depth / 2 + 0.01f)
                                   : back_y - kBoard / 2 - book_depth / 2 - 0.01f;
        for (int sec = 0; sec < sections; ++sec) {
            const float x0 = -W / 2 + static_cast<float>(sec) * sw + kBoard;
            const float usable = sw - 2 * kBoard;
            // A reader facing the back face (local +Y) sees the sections and books from +X to -X.
            const int section_number = face == 0 ? sec + 1 : sections - sec;
            for (int l = 0; l < levels; ++l) {
                const float z0 = base + static_cast<float>(l) * pitch + kBoard / 2;
                const float room = pitch - kBoard - 0.03f;
                shelf.clear();
                const ShelfBooks* assigned = shelves ? shelves(f.id, face + 1, section_number, levels - l) : nullptr;
                if (assigned) {
                    const std::size_t n = assigned->colors.size();
                    const float thick = n ? std::min(assigned->thickness, usable / static_cast<float>(n)) : 0.f;
                    for (std::size_t i = 0; i < n; ++i) {
                        seed = mix(seed + 1);
                        const float hgt = std::min(room, 0.17f + static_cast<float>((seed >> 8) % 12) * 0.01f);
                        const float r = static_cast<float>(i) * thick;
                        shelf.push_back({face == 0 ? x0 + r : x0 + usable - r - thick, thick, hgt, assigned->colors[i]});
                    }
                } else {
                    float x = x0;
                    while (x < x0 + usable * 0.8f) {
                        seed = mix(seed + 1);
                        const float thick = 0.018f + static_cast<float>(seed % 23) * 0.001f;
                        const float hgt = std::min(room, 0.17f + static_cast<float>((seed >> 8) % 12) * 0.01f);
                        shelf.push_back({x, thick, hgt, neutral_book_color(seed >> 16)});
                        x += thick;
                    }
                }
                if (shelf.empty()) continue;
                float lo = 1e9f, hi = -1e9f, mean_h = 0;
                for (const auto& b : shelf) {
                    s.books.push_back({box_matrix(pos, yaw, {b.x + b.thick / 2, y_center, z0 + b.hgt / 2},
                                                  {b.thick * 0.95f, book_depth, b.hgt}),
                                       glm::vec4(b.color, 1.f)});
                    lo = std::min(lo, b.x);
                    hi = std::max(hi, b.x + b.thick);
                    mean_h += b.hgt;
                }
                mean_h /= static_cast<float>(shelf.size());
                // The strip: texel i shows the book under its centre, along local +X.
                const float strip_index = static_cast<float>(s.strip_texels.size() / kStripTexels);
                std::size_t k = 0;
                std::sort(shelf.begin(), shelf.end(), [](const Spine& a, const Spine& b) { return a.x < b.x; });
                for (int i = 0; i < kStripTexels; ++i) {
                    const float x = lo + (hi - lo) * (static_cast<float>(i) + 0.5f) / kStripTexels;
                    while (k + 1 < shelf.size() && shelf[k].x + shelf[k].thick <= x) ++k;
                    const glm::vec3 c = glm::clamp(shelf[k].color, 0.f, 1.f) * 255.f + 0.5f;
                    s.strip_texels.push_back({static_cast<std::uint8_t>(c.r), static_cast<std::uint8_t>(c.g),
                                              static_cast<std::uint8_t>(c.b), 255});
                }
                s.strips.push_back({box_matrix(pos, yaw, {(lo + hi) / 2, y_center, z0 + mean_h / 2},
                                               {hi - lo, book_depth, mean_h}),
                                    glm::vec4(strip_index, 0.f, 0.f, 1.f)});
            }
        }
    }
    group.book_count = static_cast<std::uint32_t>(s.books.size()) - group.first_book;
    group.strip_count = static_cast<std::uint32_t>(s.strips.size()) - group.first_strip;
    if (group.book_count == 0) return;
    group.center = glm::vec3(pos, H / 2);
    group.radius = 0.5f * std::sqrt(W * W + D * D + H * H);
    s.spine_groups.push_back(group);
}

// Frames of an opening (jambs and head; windows also a sill, a mullion and glass).
void add_opening_frame(SceneData& s, const plan::Opening& o, glm::vec2 mid, float yaw, float cw, float th) {
    const float fw = 0.06f, fd = th + 0.02f;
    const float z0 = static_cast<float>(o.sill), h = static_cast<float>(o.height);
    const bool window = o.kind == plan::OpeningKind::Window;
    const glm::vec3 frame_color = window ? glm::vec3(0.92f, 0.92f, 0.90f) : glm::vec3(0.55f, 0.40f, 0.28f);
    const float mat = material_alpha(window ? Material::Plastic : Material::Wood);
    auto box = [&](glm::vec3 off, glm::vec3 size) {
        s.boxes.push_back({box_matrix(mid, yaw, off, size), glm::vec4(frame_color, mat)});
    };
    for (float sx : {-1.f, 1.f}) box({sx * (cw / 2 - fw / 2), 0, z0 + h / 2}, {fw, fd, h});
    box({0, 0, z0 + h - fw / 2}, {cw, fd, fw});
    if (!window) return;
    box({0, 0, z0 + fw / 2}, {cw, fd + 0.04f, fw});
    box({0, 0, z0 + h / 2}, {0.05f, th * 0.5f, h - 2 * fw});
    s.glass.push_back({box_matrix(mid, yaw, {0, 0, z0 + h / 2}, {cw - 2 * fw, 0.012f, h - 2 * fw}),
                       glm::vec4(0.62f, 0.80f, 0.92f, material_alpha(Material::Glass))});
}

// Door leaves, open at a right angle on the side they swing to; sliding leaves half open.
void add_door_leaves(SceneData& s, const plan::Level& level, const plan::Opening& o) {
    const glm::vec4 leaf(0.70f, 0.52f, 0.34f, material_alpha(Material::Wood));
    const float h = static_cast<float>(o.height) - 0.03f;
    for (const auto& sweep : plan::door_leaf_sweeps(level, o, 2)) {
        const glm::vec2 hinge(static_cast<float>(sweep.front().x), static_cast<float>(sweep.front().y));
        const glm::vec2 open(static_cast<float>(sweep.back().x), static_cast<float>(sweep.back().y));
        const glm::vec2 d = open - hinge;
        const float yaw = glm::degrees(std::atan2(d.y, d.x));
        s.boxes.push_back({box_matrix((hinge + open) / 2.f, yaw, {0, 0, h / 2 + 0.01f}, {glm::length(d), 0.04f, h}), leaf});
    }
}

struct WallPiece {
    double from, to;     // distance along the segment
    double z0, z1;
};

void add_walls(SceneData& s, const plan::Level& level) {
    const glm::vec3 wall_color(0.86f, 0.85f, 0.82f);
    for (const auto& w : level.walls) {
        if (w.points.size() < 2) continue;
        // Openings of this wall as intervals along the whole polyline.
        std::vector<const plan::Opening*> ops;
        for (const auto& o : level.openings)
            if (o.wall == w.id) {
                ops.push_back(&o);
                if (o.kind != plan::OpeningKind::Window && o.swing != plan::DoorSwing::Sliding) add_door_leaves(s, level, o);
            }
        double start = 0;
        for (std::size_t k = 0; k + 1 < w.points.size(); ++k) {
            const Vec2 a = w.points[k], b = w.points[k + 1];
            const double len = std::hypot(b.x - a.x, b.y - a.y);
            if (len <= 1e-9) continue;
            const glm::vec2 dir(static_cast<float>((b.x - a.x) / len), static_cast<float>((b.y - a.y) / len));
            const float yaw = glm::degrees(std::atan2(dir.y, dir.x));
            // Cuts in this segment, clipped to it.
            std::vector<std::pair<double, const plan::Opening*>> cuts;
            std::vector<WallPiece> pieces;
            std::vector<std::pair<double, double>> holes;
            for (const auto* o : ops) {
                double c0 = o->offset - o->width / 2 - start, c1 = o->offset + o->width / 2 - start;
                c0 = std::max(c0, 0.0);
                c1 = std::min(c1, len);
                if (c1 <= c0) continue;
                holes.push_back({c0, c1});
                if (o->sill > 0) pieces.push_back({c0, c1, 0, o->sill});
                if (o->sill + o->height < w.height) pieces.push_back({c0, c1, o->sill + o->height, w.height});
                // The mark: a coloured threshold for doors and exits, a pane for windows.
                const glm::vec2 mid = glm::vec2(static_cast<float>(a.x), static_cast<float>(a.y)) +
                                      dir * static_cast<float>((c0 + c1) / 2);
                const float cw = static_cast<float>(c1 - c0);
                const float th = static_cast<float>(w.thickness);
                add_opening_frame(s, *o, mid, yaw, cw, th);
                if (o->kind != plan::OpeningKind::Window) {
                    glm::vec4 c = o->kind == plan::OpeningKind::EmergencyExit ? glm::vec4(0.85f, 0.20f, 0.18f, 1.f)
                                  : o->entrance                             ? glm::vec4(0.15f, 0.62f, 0.30f, 1.f)
                                                                            : glm::vec4(0.45f, 0.72f, 0.45f, 1.f);
                    s.boxes.push_back({box_matrix(mid, yaw, {0, 0, kMarkZ}, {cw, th * 1.05f, 0.008f}), c});
                }
            }
            std::sort(holes.begin(), holes.end());
            // Solid spans between holes; segments overlap by half a thickness at joints to close corners.
            const double ext = w.thickness / 2;
            double cursor = -ext;
            for (auto [h0, h1] : holes) {
                if (h0 > cursor) pieces.push_back({cursor, h0, 0, w.height});
                cursor = std::max(cursor, h1);
            }
            if (len + ext > cursor) pieces.push_back({cursor, len + ext, 0, w.height});
            for (const auto& p : pieces) {
                const glm::vec2 mid = glm::vec2(static_cast<float>(a.x), static_cast<float>(a.y)) +
                                      dir * static_cast<float>((p.from + p.to) / 2);
                s.boxes.push_back({box_matrix(mid, yaw, {0, 0, static_cast<float>((p.z0 + p.z1) / 2)},
                                              {static_cast<float>(p.to - p.from), static_cast<float>(w.thickness),
                                               static_cast<float>(p.z1 - p.z0)}),
                                   glm::vec4(wall_color, material_alpha(Material::WallPaint))});
            }
            for (const auto& pt : {a, b})
                s.bounds.add({static_cast<float>(pt.x), static_cast<float>(pt.y), static_cast<float>(w.height)});
            start += len;
        }
    }
}

void add_parts(SceneData& s, const std::vector<Part>& parts, const glm::mat4& place) {
    for (const Part& p : parts) {
        const BoxInstance inst{place * p.local, glm::vec4(p.color, material_alpha(p.material))};
        switch (p.shape) {
        case Shape::Box: s.boxes.push_back(inst); break;
        case Shape::Cylinder: s.cylinders.push_back(inst); break;
        case Shape::Sphere: s.spheres.push_back(inst); break;
        case Shape::Glass: s.glass.push_back(inst); break;
        }
    }
}

}  // namespace

FloorFinish room_floor_finish(RoomKind k) {
    switch (k) {
    case RoomKind::Research:
    case RoomKind::Rest:
    case RoomKind::AudioVisual: return FloorFinish::Carpet;
    case RoomKind::Lending:
    case RoomKind::Workroom:
    case RoomKind::ClassroomCorner:
    case RoomKind::ReadingCorridor:
    case RoomKind::Circulation: return FloorFinish::Vinyl;
    case RoomKind::OutdoorReading: return FloorFinish::Grass;
    default: return FloorFinish::Wood;
    }
}

void SceneBounds::add(const glm::vec3& p) {
    if (empty) {
        min = max = p;
        empty = false;
    } else {
        min = glm::min(min, p);
        max = glm::max(max, p);
    }
}

glm::vec3 room_kind_color(RoomKind k) {
    switch (k) {
    case RoomKind::Stacks: return {0.80f, 0.72f, 0.58f};
    case RoomKind::Lending: return {0.60f, 0.78f, 0.88f};
    case RoomKind::Reading: return {0.70f, 0.85f, 0.62f};
    case RoomKind::Research: return {0.78f, 0.70f, 0.88f};
    case RoomKind::Rest: return {0.95f, 0.80f, 0.60f};
    case RoomKind::AudioVisual: return {0.60f, 0.66f, 0.86f};
    case RoomKind::AudioVisualStore: return {0.76f, 0.78f, 0.90f};
    case RoomKind::Periodicals: return {0.88f, 0.86f, 0.60f};
    case RoomKind::Workroom: return {0.74f, 0.74f, 0.74f};
    case RoomKind::ClassroomCorner: return {0.92f, 0.72f, 0.76f};
    case RoomKind::ReadingCorridor: return {0.66f, 0.86f, 0.82f};
    case RoomKind::OutdoorReading: return {0.56f, 0.76f, 0.50f};
    case RoomKind::Circulation: return {0.88f, 0.88f, 0.86f};
    }
    return {0.8f, 0.8f, 0.8f};
}

glm::vec3 neutral_book_color(unsigned v) {
    static const glm::vec3 tones[] = {{0.78f, 0.76f, 0.72f}, {0.70f, 0.68f, 0.64f}, {0.84f, 0.82f, 0.77f},
                                      {0.64f, 0.63f, 0.60f}, {0.75f, 0.72f, 0.66f}};
    return tones[v % 5];
}

glm::mat4 box_matrix(glm::vec2 pos, float yaw_deg, glm::vec3 offset, glm::vec3 size) {
    glm::mat4 m = glm::translate(glm::mat4(1.f), glm::vec3(pos, 0.f));
    m = glm::rotate(m, glm::radians(yaw_deg), glm::vec3(0, 0, 1));
    m = glm::translate(m, offset);
    return glm::scale(m, size);
}

std::vector<std::array<int, 3>> triangulate(const std::vector<Vec2>& poly) {
    std::vector<std::array<int, 3>> out;
    const int n = static_cast<int>(poly.size());
    if (n < 3) return out;
    std::vector<int> idx(static_cast<std::size_t>(n));
    std::iota(idx.begin(), idx.end(), 0);
    if (signed_area(poly) < 0) std::reverse(idx.begin(), idx.end());
    int guard = 0;
    while (idx.size() > 3 && guard < 10 * n) {
        ++guard;
        bool clipped = false;
        const int m = static_cast<int>(idx.size());
        for (int i = 0; i < m; ++i) {
            int ia = idx[static_cast<std::size_t>((i + m - 1) % m)];
            int ib = idx[static_cast<std::size_t>(i)];
            int ic = idx[static_cast<std::size_t>((i + 1) % m)];
            const Vec2 &a = poly[static_cast<std::size_t>(ia)], &b = poly[static_cast<std::size_t>(ib)],
                       &c = poly[static_cast<std::size_t>(ic)];
            if (cross(a, b, c) <= 1e-12) continue;  // reflex or degenerate
            bool ear = true;
            for (int j : idx) {
                if (j == ia || j == ib || j == ic) continue;
                if (in_triangle(poly[static_cast<std::size_t>(j)], a, b, c)) {
                    ear = false;
                    break;
                }
            }
            if (!ear) continue;
            out.push_back({ia, ib, ic});
            idx.erase(idx.begin() + i);
            clipped = true;
            break;
        }
        if (!clipped) break;  // not simple: give up on the rest rather than loop
    }
    if (idx.size() == 3) out.push_back({idx[0], idx[1], idx[2]});
    return out;
}

SceneData build_scene(const plan::Level& level, const plan::FurnitureCatalog& catalog,
                      const std::vector<std::string>& alert, const ShelfSource& shelves) {
    SceneData s;
    // Floors: larger rooms first and lower, so zones inside a room draw over it.
    std::vector<const plan::Room*> rooms;
    for (const auto& r : level.rooms) rooms.push_back(&r);
    std::stable_sort(rooms.begin(), rooms.end(),
                     [](const plan::Room* a, const plan::Room* b) { return polygon_area(a->polygon) > polygon_area(b->polygon); });
    for (std::size_t rank = 0; rank < rooms.size(); ++rank) {
        const plan::Room& r = *rooms[rank];
        const float z = kFloorZ + 0.002f * static_cast<float>(rank);
        const glm::vec4 c(room_kind_color(r.kind), static_cast<float>(static_cast<int>(room_floor_finish(r.kind))));
        for (auto tri : triangulate(r.polygon))
            for (int i : tri) {
                const Vec2& v = r.polygon[static_cast<std::size_t>(i)];
                s.floor_triangles.push_back({{static_cast<float>(v.x), static_cast<float>(v.y), z}, c});
            }
        // Outdoor areas are open to the sky.
        if (r.kind != RoomKind::OutdoorReading) {
            const float ch = static_cast<float>(r.clear_height) - 0.001f * static_cast<float>(rank);
            const glm::vec4 cc(0.93f, 0.93f, 0.91f, static_cast<float>(kCeilingMaterial));
            for (auto tri : triangulate(r.polygon))
                for (int i : tri) {
                    const Vec2& v = r.polygon[static_cast<std::size_t>(i)];
                    s.ceiling_triangles.push_back({{static_cast<float>(v.x), static_cast<float>(v.y), ch}, cc});
                }
        }
        for (const auto& v : r.polygon) s.bounds.add({static_cast<float>(v.x), static_cast<float>(v.y), 0.f});
        if (r.polygon.size() >= 3) {
            Vec2 c2 = polygon_centroid(r.polygon);
            s.labels.push_back({r.id, r.name, r.kind, {static_cast<float>(c2.x), static_cast<float>(c2.y), z},
                                plan::room_area(level, r)});
        }
    }
    add_walls(s, level);
    for (const auto& f : level.furniture) {
        const plan::FurnitureType* t = catalog.find(f.type);
        const glm::vec2 pos(static_cast<float>(f.position.x), static_cast<float>(f.position.y));
        const float yaw = static_cast<float>(f.yaw_deg);
        glm::vec3 half;
        std::vector<glm::vec2> hull;
        if (!t) {
            half = glm::vec3(0.25f);
            s.boxes.push_back({box_matrix(pos, yaw, {0, 0, 0.25f}, glm::vec3(0.5f)), glm::vec4(0.9f, 0.1f, 0.8f, 1.f)});
        } else {
            // Custom footprints are drawn as their local bounding box.
            float w = static_cast<float>(plan::effective_width(f, *t)), d = static_cast<float>(t->depth);
            glm::vec2 off(0.f);
            if (!t->footprint.empty()) {
                glm::vec2 lo(1e9f), hi(-1e9f);
                for (auto& v : t->footprint) {
                    lo = glm::min(lo, glm::vec2(static_cast<float>(v.x), static_cast<float>(v.y)));
                    hi = glm::max(hi, glm::vec2(static_cast<float>(v.x), static_cast<float>(v.y)));
                }
                w = hi.x - lo.x;
                d = hi.y - lo.y;
                off = (lo + hi) / 2.f;
            }
            const float h = static_cast<float>(t->height);
            half = {w / 2, d / 2, h / 2};
            glm::vec3 color = category_color(t->category);
            const bool alerted = std::find(alert.begin(), alert.end(), f.id) != alert.end();
            auto tint = [&](glm::vec3 c) { return alerted ? glm::mix(c, glm::vec3(0.95f, 0.1f, 0.1f), 0.7f) : c; };
            const bool shelving = t->category == FurnitureCategory::ShelvingSingle ||
                                  t->category == FurnitureCategory::ShelvingDouble ||
                                  t->category == FurnitureCategory::ClassroomCabinet || t->holds_books();
            if (!t->model.empty()) {
                // An imported mesh, centred on its footprint's box like the type's outline.
                s.meshes[t->id].push_back({box_matrix(pos, yaw, {0, 0, 0}, glm::vec3(1.f)), glm::vec4(tint(color), 1.f)});
                for (auto& v : t->footprint) hull.emplace_back(static_cast<float>(v.x), static_cast<float>(v.y));
            } else if (shelving && t->footprint.empty())
                add_shelving(s, f, *t, tint(color), shelves);
            else {
                std::vector<Part> parts = furniture_parts(*t, w, color);
                for (Part& p : parts) p.color = tint(p.color);  // every part of a flagged item, chairs too
                add_parts(s, parts, box_matrix(pos, yaw, {off, 0.f}, glm::vec3(1.f)));
                add_display_books(s, f, off, w, d, h, shelves);  // the new-books table's covers
            }
        }
        s.furniture.push_back({f.id, {pos, half.z}, half, yaw, std::move(hull)});
        const float r = std::sqrt(half.x * half.x + half.y * half.y);
        s.bounds.add({pos.x - r, pos.y - r, 0.f});
        s.bounds.add({pos.x + r, pos.y + r, 2 * half.z});
    }
    // Grid: 1 m lines over the level with a margin, every fifth line darker.
    glm::vec3 lo = s.bounds.empty ? glm::vec3(-10, -10, 0) : s.bounds.min;
    glm::vec3 hi = s.bounds.empty ? glm::vec3(10, 10, 0) : s.bounds.max;
    const int x0 = static_cast<int>(std::floor(lo.x)) - 5, x1 = static_cast<int>(std::ceil(hi.x)) + 5;
    const int y0 = static_cast<int>(std::floor(lo.y)) - 5, y1 = static_cast<int>(std::ceil(hi.y)) + 5;
    const glm::vec4 minor(0.36f, 0.37f, 0.40f, 1.f), major(0.48f, 0.49f, 0.53f, 1.f);
    for (int x = x0; x <= x1; ++x) {
        const glm::vec4 c = x % 5 == 0 ? major : minor;
        s.grid_lines.push_back({{static_cast<float>(x), static_cast<float>(y0), kGridZ}, c});
        s.grid_lines.push_back({{static_cast<float>(x), static_cast<float>(y1), kGridZ}, c});
    }
    for (int y = y0; y <= y1; ++y) {
        const glm::vec4 c = y % 5 == 0 ? major : minor;
        s.grid_lines.push_back({{static_cast<float>(x0), static_cast<float>(y), kGridZ}, c});
        s.grid_lines.push_back({{static_cast<float>(x1), static_cast<float>(y), kGridZ}, c});
    }
    return s;
}

}  // namespace shuxiang::editor
