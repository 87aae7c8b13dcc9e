#include "simview/sim_data.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "shuxiang/scenario/run.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor::simview {
namespace {

template <typename T>
bool parse_num(std::string_view s, T& out) {
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && p == s.data() + s.size();
}

std::string header_value(const std::string& line, const std::string& key) {
    const std::string k = key + "=";
    std::size_t at = line.find(k);
    if (at == std::string::npos) return {};
    at += k.size();
    return line.substr(at, line.find(' ', at) - at);
}

const AgentSample* find_agent(const Frame& f, int id) {
    auto it = std::lower_bound(f.agents.begin(), f.agents.end(), id, [](const AgentSample& a, int v) { return a.id < v; });
    return it != f.agents.end() && it->id == id ? &*it : nullptr;
}

}  // namespace

Trajectories parse_trajectories(const std::string& text, const std::string& file) {
    Trajectories tr;
    std::istringstream in(text);
    std::string line;
    int n = 0;
    bool saw_magic = false;
    while (std::getline(in, line)) {
        ++n;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        if (line[0] == '#') {
            if (line.rfind("# shuxiang trajectories v1", 0) == 0 || line.rfind("# shuxiang trajectories v2", 0) == 0) {
                saw_magic = true;
                tr.version = line[25] - '0';
            }
            if (line.rfind("# group ", 0) == 0) {
                const std::size_t colon = line.find(": ");
                int g = -1;
                if (colon == std::string::npos || !parse_num(std::string_view(line).substr(8, colon - 8), g) || g < 0 || g > 10000)
                    throw InputError(file, "line " + std::to_string(n), shuxiang::tr("editor.sim.error.group_header"));
                if (tr.groups.size() <= static_cast<std::size_t>(g)) tr.groups.resize(static_cast<std::size_t>(g) + 1);
                tr.groups[static_cast<std::size_t>(g)] = line.substr(colon + 2);
                continue;
            }
            if (const auto lv = header_value(line, "level"); !lv.empty()) tr.level = lv;
            if (const auto sc = header_value(line, "scenario"); !sc.empty()) tr.scenario = sc;
            if (const auto fs = header_value(line, "frame_s"); !fs.empty()) {
                double v = 0;
                if (parse_num(std::string_view(fs), v) && v > 0) tr.frame_s = v;
            }
            continue;
        }
        if (line.rfind("t,", 0) == 0) continue;  // the column header
        const std::string where = "line " + std::to_string(n);
        if (!saw_magic) throw InputError(file, where, shuxiang::tr("editor.sim.error.not_trajectories"));
        const std::size_t ncols = tr.version >= 2 ? 6 : 5;
        std::string_view cols[6];
        std::size_t c = 0, from = 0;
        for (; c < ncols; ++c) {
            const std::size_t comma = line.find(',', from);
            cols[c] = std::string_view(line).substr(from, comma == std::string::npos ? std::string::npos : comma - from);
            if (comma == std::string::npos) break;
            from = comma + 1;
        }
        AgentSample a;
        double t = 0;
        if (c != ncols - 1 || cols[4].size() != 1 || !parse_num(cols[0], t) || !parse_num(cols[1], a.id) || !parse_num(cols[2], a.x) ||
            !parse_num(cols[3], a.y) || (ncols == 6 && (!parse_num(cols[5], a.group) || a.group < 0)))
            throw InputError(file, where, trf("editor.sim.error.columns", {ncols == 6 ? "t,id,x,y,state,group" : "t,id,x,y,state"}));
        a.state = cols[4][0];
        if (tr.frames.empty() || std::abs(tr.frames.back().t - t) > 1e-6) {
            if (!tr.frames.empty() && t < tr.frames.back().t) throw InputError(file, where, shuxiang::tr("editor.sim.error.time_backwards"));
            tr.frames.push_back({t, {}});
        }
        tr.frames.back().agents.push_back(a);
    }
    if (!saw_magic) throw InputError(file, "line 1", shuxiang::tr("editor.sim.error.not_trajectories"));
    for (auto& f : tr.frames)
        std::sort(f.agents.begin(), f.agents.end(), [](const AgentSample& a, const AgentSample& b) { return a.id < b.id; });
    return tr;
}

std::vector<AgentAt> Trajectories::at(double t) const {
    std::vector<AgentAt> out;
    if (frames.empty() || t < frames.front().t - 1e-9 || t > frames.back().t + frame_s + 1e-9) return out;
    // The last frame at or before t.
    auto it = std::upper_bound(frames.begin(), frames.end(), t + 1e-9, [](double v, const Frame& f) { return v < f.t; });
    const Frame& a = *(it - 1);
    const Frame* b = it != frames.end() ? &*it : nullptr;
    const double span = b ? b->t - a.t : 0.0;
    const float u = span > 0 ? static_cast<float>(std::clamp((t - a.t) / span, 0.0, 1.0)) : 0.f;
    for (const auto& s : a.agents) {
        AgentAt g;
        g.id = s.id;
        g.state = s.state;
        g.group = s.group;
        g.pos = {s.x, s.y};
        const AgentSample* next = b ? find_agent(*b, s.id) : nullptr;
        if (next) {
            const glm::vec2 q(next->x, next->y);
            g.speed = span > 0 ? static_cast<float>(glm::length(q - g.pos) / span) : 0.f;
            g.pos += (q - g.pos) * u;
        } else if (b && u > 0.f) {
            continue;  // left through an exit between the two frames
        }
        out.push_back(g);
    }
    return out;
}

int fruin_level(double density) { return scenario::fruin_los(density) - 'A'; }

glm::vec3 fruin_color(int level) {
    // Green (free flow) through yellow and orange to red and purple (jammed).
    static const glm::vec3 c[6] = {{0.10f, 0.60f, 0.95f}, {0.10f, 0.75f, 0.30f}, {0.95f, 0.90f, 0.15f},
                                   {0.98f, 0.60f, 0.10f}, {0.90f, 0.15f, 0.10f}, {0.55f, 0.05f, 0.55f}};
    return c[std::clamp(level, 0, 5)];
}

float DensityMap::max() const { return peak.empty() ? 0.f : *std::max_element(peak.begin(), peak.end()); }

DensityMap density_map(const Trajectories& tr, glm::vec2 lo, glm::vec2 hi, std::optional<double> at_time) {
    DensityMap m;
    m.origin = lo;
    m.nx = std::max(1, static_cast<int>(std::ceil(hi.x - lo.x - 1e-6f)));
    m.ny = std::max(1, static_cast<int>(std::ceil(hi.y - lo.y - 1e-6f)));
    m.peak.assign(static_cast<std::size_t>(m.nx * m.ny), 0.f);
    std::vector<float> count(m.peak.size());
    auto add_frame = [&](const std::vector<AgentSample>& agents) {
        std::fill(count.begin(), count.end(), 0.f);
        for (const auto& a : agents) {
            if (a.state == 'r') continue;
            const int cx = std::clamp(static_cast<int>(std::floor((a.x - lo.x) / m.cell)), 0, m.nx - 1);
            const int cy = std::clamp(static_cast<int>(std::floor((a.y - lo.y) / m.cell)), 0, m.ny - 1);
            count[static_cast<std::size_t>(cy * m.nx + cx)] += 1.f;
        }
        for (std::size_t i = 0; i < count.size(); ++i) m.peak[i] = std::max(m.peak[i], count[i] / (m.cell * m.cell));
    };
    if (at_time) {
        // The frame nearest the playback time.
        auto it = std::lower_bound(tr.frames.begin(), tr.frames.end(), *at_time, [](const Frame& f, double v) { return f.t < v; });
        const Frame* best = it != tr.frames.end() ? &*it : nullptr;
        if (it != tr.frames.begin() && (!best || *at_time - (it - 1)->t < best->t - *at_time)) best = &*(it - 1);
        if (best && std::abs(best->t - *at_time) <= tr.frame_s) add_frame(best->agents);
    } else {
        for (const auto& f : tr.frames) add_frame(f.agents);
    }
    return m;
}

std::vector<unsigned char> density_texels(const DensityMap& m, float alpha) {
    std::vector<unsigned char> px(m.peak.size() * 4, 0);
    for (std::size_t i = 0; i < m.peak.size(); ++i) {
        if (m.peak[i] <= 0) continue;
        const glm::vec3 c = fruin_color(fruin_level(m.peak[i]));
        px[i * 4 + 0] = static_cast<unsigned char>(std::lround(c.r * 255));
        px[i * 4 + 1] = static_cast<unsigned char>(std::lround(c.g * 255));
        px[i * 4 + 2] = static_cast<unsigned char>(std::lround(c.b * 255));
        px[i * 4 + 3] = static_cast<unsigned char>(std::lround(alpha * 255));
    }
    return px;
}

glm::vec3 state_color(char state) {
    switch (state) {
    case 'b': return {0.95f, 0.55f, 0.05f};  // browsing: orange
    case 'q': return {0.85f, 0.10f, 0.75f};  // queueing: magenta
    case 'r': return {0.05f, 0.65f, 0.60f};  // reading: teal
    default: return {0.10f, 0.25f, 0.95f};   // walking: blue
    }
}

glm::vec3 speed_color(float speed) {
    const float f = std::clamp(speed / 1.5f, 0.f, 1.f);
    return glm::mix(glm::vec3(0.15f, 0.30f, 0.95f), glm::vec3(0.95f, 0.15f, 0.10f), f);
}

glm::vec3 group_color(int group) {
    // Distinct hues, none close to the floor's grey or to each other.
    static const glm::vec3 c[8] = {{0.90f, 0.10f, 0.10f}, {0.10f, 0.45f, 0.95f}, {0.10f, 0.70f, 0.20f}, {0.95f, 0.60f, 0.05f},
                                   {0.60f, 0.15f, 0.80f}, {0.05f, 0.75f, 0.80f}, {0.95f, 0.35f, 0.70f}, {0.55f, 0.35f, 0.15f}};
    if (group < 0) return {0.5f, 0.5f, 0.5f};
    return c[group % 8];
}

std::string show_number(const nlohmann::json& v) {
    if (v.is_null()) return "-";
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", v.get<double>());
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::vector<ResultRow> result_rows(const nlohmann::json& m) {
    std::vector<ResultRow> rows;
    auto add = [&](const std::string& key) {
        if (m.contains(key)) rows.push_back({"/" + key, "editor.sim.r." + key, "", show_number(m[key])});
    };
    for (const char* k : {"agents_total", "agents_arrived", "agents_left_inside", "evacuation_time_s", "simulated_s"}) add(k);
    if (m.contains("exits"))
        for (std::size_t i = 0; i < m["exits"].size(); ++i) {
            const auto& e = m["exits"][i];
            for (const char* k : {"count", "flow_per_s"})
                rows.push_back({"/exits/" + std::to_string(i) + "/" + k, std::string("editor.sim.r.exit_") + k,
                                e.value("opening", ""), show_number(e[k])});
        }
    if (m.contains("desks"))
        for (std::size_t i = 0; i < m["desks"].size(); ++i) {
            const auto& d = m["desks"][i];
            for (const char* k : {"served", "max_queue", "mean_wait_s", "max_wait_s"})
                rows.push_back({"/desks/" + std::to_string(i) + "/" + k, std::string("editor.sim.r.desk_") + k,
                                d.value("furniture", ""), show_number(d[k])});
        }
    for (const char* k : {"seats_total", "seats_max_occupied", "seat_occupancy_peak", "readers_seated", "readers_without_seat",
                          "max_density_per_m2", "worst_cell_fruin_los", "max_overlap_m", "wall_penetrations",
                          "travel_time_mean_s", "travel_time_max_s"})
        add(k);
    return rows;
}

std::vector<BottleneckAt> bottlenecks(const nlohmann::json& m) {
    std::vector<BottleneckAt> out;
    if (!m.contains("bottlenecks")) return out;
    for (const auto& b : m["bottlenecks"])
        out.push_back({{b.value("x", 0.0), b.value("y", 0.0)}, b.value("peak_density_per_m2", 0.0), b.value("los", ""),
                       b.value("seconds_at_los_e_or_worse", 0.0)});
    return out;
}

SimResults load_results(const std::filesystem::path& dir) {
    SimResults r;
    r.source = dir.string();
    const auto mpath = dir / "metrics.json";
    try {
        r.metrics = nlohmann::json::parse(read_file(mpath));
    } catch (const nlohmann::json::exception& e) {
        throw InputError(mpath.string(), "", e.what());
    }
    if (!r.metrics.is_object() || !r.metrics.contains("agents_total"))
        throw InputError(mpath.string(), "/agents_total", shuxiang::tr("editor.sim.error.not_metrics"));
    const auto tpath = dir / "trajectories.csv";
    r.trajectories = parse_trajectories(read_file(tpath), tpath.string());
    return r;
}

}  // namespace shuxiang::editor::simview
