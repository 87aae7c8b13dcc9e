#include "render/camera_spec.hpp"

#include <charconv>
#include <vector>

namespace shuxiang::editor {
namespace {

std::optional<std::vector<float>> numbers(const std::string& s) {
    std::vector<float> out;
    std::size_t at = 0;
    while (at <= s.size()) {
        const std::size_t comma = std::min(s.find(',', at), s.size());
        float v = 0;
        const char* b = s.data() + at;
        const char* e = s.data() + comma;
        auto [p, ec] = std::from_chars(b, e, v);
        if (ec != std::errc() || p != e || b == e) return std::nullopt;
        out.push_back(v);
        at = comma + 1;
    }
    return out;
}

}  // namespace

bool apply_camera_spec(const std::string& spec, Camera& cam) {
    const std::size_t colon = spec.find(':');
    if (colon == std::string::npos) return false;
    const std::string kind = spec.substr(0, colon);
    const auto v = numbers(spec.substr(colon + 1));
    if (!v) return false;
    const std::size_t n = v->size();
    const auto& x = *v;
    Camera c = cam;
    if (kind == "orbit" && (n == 3 || n == 6)) {
        c.mode = ViewMode::Orbit3D;
        c.yaw_deg = x[0];
        c.pitch_deg = x[1];
        c.distance = x[2];
        if (n == 6) c.target = {x[3], x[4], x[5]};
        if (c.distance <= 0) return false;
    } else if (kind == "walk" && (n == 3 || n == 4)) {
        c.mode = ViewMode::Walk;
        c.target = {x[0], x[1], 0.f};
        c.yaw_deg = x[2];
        c.pitch_deg = n == 4 ? x[3] : 0.f;
    } else if (kind == "top" && n == 3 && x[2] > 0) {
        c.mode = ViewMode::Top;
        c.target = {x[0], x[1], 0.f};
        c.top_half_height = x[2];
    } else {
        return false;
    }
    cam = c;
    return true;
}

}  // namespace shuxiang::editor
