#include <shuxiang/scenario/run.hpp>

#include <shuxiang/util/error.hpp>
#include <shuxiang/util/i18n.hpp>
#include <shuxiang/util/fs.hpp>

#include <nlohmann/json.hpp>
#include <png.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace shuxiang::scenario {

namespace {

double r3(double v) { return std::isfinite(v) ? std::round(v * 1e3) / 1e3 : -1.0; }

// Encodes an RGB image as PNG into memory (so that the file can be written atomically).
std::string encode_png(int w, int h, const std::vector<unsigned char>& rgb) {
    std::string out;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png_create_info_struct(png);
    if (!png || !info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return {};
    }
    png_set_write_fn(
        png, &out,
        [](png_structp p, png_bytep data, png_size_t n) {
            static_cast<std::string*>(png_get_io_ptr(p))->append(reinterpret_cast<const char*>(data), n);
        },
        nullptr);
    png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < h; ++y)
        png_write_row(png, const_cast<png_bytep>(rgb.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w) * 3));
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    return out;
}

}  // namespace

std::string metrics_json(const RunResult& r) {
    using nlohmann::json;
    json j;
    j["scenario"] = r.scenario;
    j["level"] = r.level;
    j["simulated_s"] = r3(r.duration);
    if (r.evacuation) j["evacuation_time_s"] = r3(r.evacuation_time);
    j["agents_total"] = r.sim.agents_total;
    j["agents_arrived"] = r.sim.agents_arrived;
    j["agents_unreachable"] = r.sim.agents_unreachable;
    j["agents_left_inside"] = r.agents_left_inside;
    j["agents_not_placed"] = r.agents_not_placed;
    json exits = json::array();
    for (std::size_t e = 0; e < r.sim.exits.size(); ++e) {
        const auto& x = r.sim.exits[e];
        exits.push_back({{"opening", x.name},
                         {"count", x.count},
                         {"flow_per_s", r3(x.flow())},
                         {"first_s", x.count ? r3(x.first) : -1.0},
                         {"last_s", x.count ? r3(x.last) : -1.0},
                         {"close_time_s", std::isfinite(r.exit_close_times[e]) ? json(r3(r.exit_close_times[e])) : json(nullptr)}});
    }
    j["exits"] = exits;
    j["closed_exit_uses"] = r.closed_exit_uses;
    j["step_asides"] = r.step_asides;
    j["passage_waits"] = r.sim.passage_waits;
    j["targets_missed"] = r.targets_missed;
    j["targets_given_up"] = r.targets_given_up;
    j["max_overlap_m"] = r3(r.sim.max_overlap);
    j["max_overlap_model_m"] = r3(r.sim.max_overlap_model);
    j["max_wall_overlap_m"] = r3(r.sim.max_wall_overlap);
    j["wall_penetrations"] = r.sim.wall_penetrations;
    j["max_density_per_m2"] = r3(r.max_density_walking);
    j["max_density_at"] = {r3(r.max_density_at.x), r3(r.max_density_at.y)};
    j["max_density_time_s"] = r3(r.max_density_time);
    j["worst_cell_fruin_los"] = std::string(1, fruin_los(r.max_density_walking));
    json desks = json::array();
    for (const auto& d : r.desks)
        desks.push_back({{"furniture", d.furniture},
                         {"kiosk", d.kiosk},
                         {"served", d.served},
                         {"max_queue", d.max_queue},
                         {"mean_wait_s", r3(d.mean_wait)},
                         {"max_wait_s", r3(d.max_wait)}});
    j["desks"] = desks;
    j["seats_total"] = r.seats_total;
    j["seats_max_occupied"] = r.seats_max_occupied;
    j["seat_occupancy_peak"] = r.seats_total ? r3(static_cast<double>(r.seats_max_occupied) / r.seats_total) : 0.0;
    j["readers_seated"] = static_cast<int>(r.seatings.size());
    j["readers_without_seat"] = r.readers_without_seat;
    json visits = json::object();
    for (const auto& [id, n] : r.shelf_visits) visits[id] = n;
    j["shelf_visits"] = visits;
    if (!r.class_visits.empty()) {
        static const char* names[5] = {"A", "B", "C-K", "N-X", "Z"};
        json cv = json::object();
        for (std::size_t c = 0; c < r.class_visits.size(); ++c) cv[c < 5 ? names[c] : std::to_string(c)] = r.class_visits[c];
        j["visits_per_major_class"] = cv;
    }
    j["travel_time_mean_s"] = r3(r.travel_mean);
    j["travel_time_max_s"] = r3(r.travel_max);
    json bn = json::array();
    for (const auto& b : r.bottlenecks)
        bn.push_back({{"x", r3(b.at.x)},
                      {"y", r3(b.at.y)},
                      {"peak_density_per_m2", r3(b.peak_density)},
                      {"los", std::string(1, fruin_los(b.peak_density))},
                      {"seconds_at_los_e_or_worse", r3(b.seconds_at_e_or_worse)}});
    j["bottlenecks"] = bn;
    j["unreachable"] = {{"shelf_sections", r.places.unreachable_shelves},
                        {"seats", r.places.unreachable_seats},
                        {"desks", r.places.unreachable_desks}};
    if (!r.levels.empty()) {
        json levels = json::array();
        for (const auto& l : r.levels)
            levels.push_back({{"id", l.id},
                              {"elevation_m", r3(l.elevation)},
                              {"offset", {r3(l.offset.x), r3(l.offset.y)}},
                              {"box", {r3(l.box.min.x), r3(l.box.min.y), r3(l.box.max.x), r3(l.box.max.y)}},
                              {"agents_started", l.agents_started},
                              {"last_occupied_s", r3(l.last_occupied)}});
        j["levels"] = levels;
        json stairs = json::array();
        for (const auto& s : r.stairs)
            stairs.push_back({{"stair", s.id},
                              {"from_level", s.from_level},
                              {"to_level", s.to_level},
                              {"width_m", r3(s.width)},
                              {"length_m", r3(s.length)},
                              {"up", s.up},
                              {"down", s.down},
                              {"first_s", s.up + s.down ? r3(s.first) : -1.0},
                              {"last_s", s.up + s.down ? r3(s.last) : -1.0},
                              {"flow_per_s", r3(s.flow)},
                              {"flow_per_m_s", s.width > 0 ? r3(s.flow / s.width) : 0.0},
                              {"mean_up_s", r3(s.mean_up_s)},
                              {"mean_down_s", r3(s.mean_down_s)},
                              {"max_on_flight", s.max_on_flight},
                              {"peak_density_per_m2", r3(s.peak_density)},
                              {"gate_waits", s.gate_waits}});
        j["stairs"] = stairs;
    }
    json warnings = json::array();
    for (const auto& w : r.warnings) warnings.push_back({{"code", w.code}, {"message", w.message}});
    j["warnings"] = warnings;
    return j.dump(2) + "\n";
}

void write_outputs(const RunResult& r, const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw InputError(dir.string(), "", trf("common.folder.cannot_create", {ec.message()}));
    atomic_write_file(dir / "metrics.json", metrics_json(r));

    std::string csv = "t_s,present,walking,browsing,queueing,reading,max_density_per_m2\n";
    char buf[160];
    for (const auto& row : r.series) {
        std::snprintf(buf, sizeof buf, "%.1f,%d,%d,%d,%d,%d,%.2f\n", row.t, row.present, row.walking, row.browsing,
                      row.queueing, row.reading, row.max_density);
        csv += buf;
    }
    atomic_write_file(dir / "timeseries.csv", csv);
    atomic_write_file(dir / "trajectories.csv", r.trajectories);

    // Heatmap: 8 px per 0.5 m cell, white (nobody) through yellow to red (the busiest cell),
    // square-root scaled; walls in dark grey; north up.
    const int px = 8;
    const int w = r.heat_nx * px, h = r.heat_ny * px;
    std::vector<unsigned char> rgb(static_cast<std::size_t>(w * h * 3), 255);
    double top = 0;
    for (double v : r.heat) top = std::max(top, v);
    for (int cy = 0; cy < r.heat_ny; ++cy)
        for (int cx = 0; cx < r.heat_nx; ++cx) {
            double v = r.heat[static_cast<std::size_t>(cy * r.heat_nx + cx)];
            if (v <= 0 || top <= 0) continue;
            double f = std::sqrt(v / top);
            unsigned char R = 255, G = static_cast<unsigned char>(255 * (1 - f)),
                          B = static_cast<unsigned char>(f < 0.5 ? 255 * (1 - 2 * f) : 0);
            for (int y = 0; y < px; ++y)
                for (int x = 0; x < px; ++x) {
                    int iy = h - 1 - (cy * px + y), ix = cx * px + x;
                    auto o = static_cast<std::size_t>((iy * w + ix) * 3);
                    rgb[o] = R;
                    rgb[o + 1] = G;
                    rgb[o + 2] = B;
                }
        }
    const double scale = px / r.heat_cell;
    for (const auto& s : r.walls) {
        double len = geometry::norm(s.b - s.a) * scale;
        int n = std::max(1, static_cast<int>(len * 2));
        for (int k = 0; k <= n; ++k) {
            geometry::Vec2 p = s.a + (s.b - s.a) * (static_cast<double>(k) / n);
            int ix = static_cast<int>((p.x - r.heat_box.min.x) * scale);
            int iy = h - 1 - static_cast<int>((p.y - r.heat_box.min.y) * scale);
            if (ix < 0 || iy < 0 || ix >= w || iy >= h) continue;
            auto o = static_cast<std::size_t>((iy * w + ix) * 3);
            rgb[o] = rgb[o + 1] = rgb[o + 2] = 60;
        }
    }
    std::string png = encode_png(w, h, rgb);
    if (png.empty()) throw InputError((dir / "heatmap.png").string(), "", tr("common.png.encode_failed"));
    atomic_write_file(dir / "heatmap.png", png);
}

}  // namespace shuxiang::scenario
