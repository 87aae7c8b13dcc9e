#include "simview/sim_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "ui/dock.hpp"
#include "ui/ui_context.hpp"
#include "shuxiang/plan/furniture.hpp"
#include "shuxiang/util/error.hpp"
#include "shuxiang/walkable/from_plan.hpp"
#include "shuxiang/util/fs.hpp"
#include "shuxiang/util/i18n.hpp"

namespace shuxiang::editor::simview {
namespace {

const char* const kScenarios[] = {"evacuation", "class-visit", "school-day"};
constexpr float kSpeeds[] = {1, 2, 5, 10, 30, 60};
constexpr float kAgentRadius = 0.2f, kAgentHeight = 1.5f;

std::string L(const char* key, const char* id = nullptr) { return tr(key) + "###" + (id ? id : key); }

std::optional<double> number(const std::string& s) {
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// Bounds of the level's walkable area, as the simulator builds it: its density cells start at the
// south-west corner of these, so the map's cells are the cells of metrics.json.
bool floor_bounds(const plan::Level& l, glm::vec2& lo, glm::vec2& hi) {
    const geometry::Box b = walkable::walkable_from_level(l, plan::FurnitureCatalog::builtin()).area.bounds();
    if (!(b.max.x > b.min.x && b.max.y > b.min.y)) return false;
    lo = {static_cast<float>(b.min.x), static_cast<float>(b.min.y)};
    hi = {static_cast<float>(b.max.x), static_cast<float>(b.max.y)};
    return true;
}

}  // namespace

SimView::SimView() = default;
SimView::~SimView() = default;

void SimView::init(const std::filesystem::path& shader_dir) {
    renderer_ = std::make_unique<SimRenderer>();
    renderer_->init(shader_dir);
}

std::string SimView::start(UiContext& ui, const scenario::RunSetupInput& in) {
    if (job_.running()) return tr("editor.sim.err.running");
    if (!job_.start(ui.ed.plan(), in)) return tr("editor.sim.err.running");
    script_error_.clear();
    // The panel shows what runs (also when a script started it).
    scenario_index_ = 3;
    for (int i = 0; i < 3; ++i)
        if (in.scenario == kScenarios[i]) scenario_index_ = i;
    if (scenario_index_ == 3) scenario_file_ = in.scenario;
    seed_ = static_cast<int>(in.seed);
    students_ = in.students;
    ui.ed.log(LogLine::Level::Info, trf("editor.sim.log.started", {in.scenario, std::to_string(in.seed)}));
    return {};
}

void SimView::collect(UiContext& ui) {
    auto out = job_.take();
    if (!out) return;
    Editor& ed = ui.ed;
    if (out->cancelled) {
        ed.log(LogLine::Level::Info, tr("editor.sim.log.cancelled"));
        script_error_ = tr("editor.sim.log.cancelled");
        return;
    }
    if (!out->result) {
        ed.log(LogLine::Level::Error, out->error);
        script_error_ = out->error;
        return;
    }
    run_ = std::move(out->result);
    results_ = std::move(out->results);
    ++results_serial_;
    time = results_->trajectories.start();
    playing = false;
    show_results = true;
    ed.log(LogLine::Level::Info, trf("editor.sim.log.finished", {show_number(results_->metrics["agents_total"]),
                                                                   show_number(results_->metrics["agents_arrived"])}));
}

std::string SimView::open_results(UiContext& ui, const std::filesystem::path& dir) {
    try {
        results_ = load_results(dir);
    } catch (const InputError& e) {
        return format_place(e.file(), e.where(), e.message());
    }
    run_.reset();
    ++results_serial_;
    time = results_->trajectories.start();
    playing = false;
    show_results = true;
    ui.ed.log(LogLine::Level::Info, trf("editor.sim.log.opened", {dir.string()}));
    return {};
}

std::string SimView::save_results(const std::filesystem::path& dir) const {
    if (!run_) return tr("editor.sim.err.no_run");
    try {
        scenario::write_outputs(*run_, dir);
    } catch (const InputError& e) {
        return format_place(e.file(), e.where(), e.message());
    }
    return {};
}

std::string SimView::dump_results(const std::filesystem::path& file) const {
    if (!results_) return tr("editor.sim.err.no_results");
    std::string text;
    for (const auto& r : result_rows(results_->metrics)) text += r.pointer + "\t" + r.value + "\n";
    try {
        atomic_write_file(file, text);
    } catch (const InputError& e) {
        return format_place(e.file(), e.where(), e.message());
    }
    return {};
}

void SimView::set_time(double t) {
    if (!results_) return;
    time = std::clamp(t, results_->trajectories.start(), results_->trajectories.end());
}

std::string SimView::frame_bottleneck(UiContext& ui, std::size_t index) {
    if (!results_) return tr("editor.sim.err.no_results");
    const auto b = bottlenecks(results_->metrics);
    if (index >= b.size()) return trf("editor.sim.err.no_bottleneck", {std::to_string(index)});
    // The 1 m cell and 3 m around it.
    const glm::vec3 c(b[index].at, 0.f);
    ui.ed.camera().frame(c - glm::vec3(3.5f, 3.5f, 0.f), c + glm::vec3(3.5f, 3.5f, 1.5f), ui.aspect());
    return {};
}

void SimView::rebuild_heat(UiContext& ui) {
    Editor& ed = ui.ed;
    const plan::Level* l = ed.level();
    if (!l || !results_) return;
    // The walkable area is rebuilt only when the plan or the level changed, not at every playback step.
    const std::pair<unsigned long, int> key{ed.history().version() ^ (static_cast<unsigned long>(ed.document_serial()) << 40),
                                            ed.level_index()};
    if (key != bounds_key_) {
        bounds_key_ = key;
        has_bounds_ = floor_bounds(*l, bounds_lo_, bounds_hi_);
    }
    if (!has_bounds_) return;
    const glm::vec2 lo = bounds_lo_, hi = bounds_hi_;
    const std::optional<double> at = heat_mode == HeatMode::Now ? std::optional<double>(time) : std::nullopt;
    renderer_->set_heatmap(density_map(results_->trajectories, lo, hi, at));
}

void SimView::update(UiContext& ui, float dt) {
    collect(ui);
    if (!renderer_) return;
    Editor& ed = ui.ed;
    if (results_ && playing) {
        time += static_cast<double>(dt) * speed;
        if (time >= results_->trajectories.end()) {
            time = results_->trajectories.end();
            playing = false;
        }
    }
    const plan::Level* l = ed.level();
    const bool new_data = uploaded_serial_ != results_serial_ || uploaded_level_ != ed.level_index();
    level_matches_ = results_ && l && (results_->trajectories.level.empty() || results_->trajectories.level == l->id);
    if (new_data || uploaded_time_ != time || uploaded_color_ != color_by || uploaded_agents_ != agents) {
        std::vector<BoxInstance> inst;
        if (level_matches_ && agents)
            for (const auto& a : results_->trajectories.at(time))
                inst.push_back(agent_instance(a.pos, kAgentRadius, kAgentHeight,
                                              color_by == ColorBy::Speed   ? speed_color(a.speed)
                                              : color_by == ColorBy::Group ? group_color(a.group)
                                                                           : state_color(a.state)));
        renderer_->set_agents(inst);
    }
    if (level_matches_ && (new_data || uploaded_heat_mode_ != heat_mode || (heat_mode == HeatMode::Now && uploaded_time_ != time)))
        rebuild_heat(ui);
    uploaded_serial_ = results_serial_;
    uploaded_level_ = ed.level_index();
    uploaded_time_ = time;
    uploaded_color_ = color_by;
    uploaded_agents_ = agents;
    uploaded_heat_mode_ = heat_mode;
}

DrawStats SimView::draw(const Camera& cam, const Viewport& vp) {
    if (!renderer_ || !level_matches_) return {};
    return renderer_->draw(cam, vp, heatmap);
}

bool SimView::script_wait(UiContext& ui, std::string& error) {
    if (!script_waiting_) return false;
    if (job_.running()) return true;
    collect(ui);
    script_waiting_ = false;
    error = script_error_;
    return false;
}

std::optional<std::pair<int, int>> SimView::script_arity(const std::string& a) {
    if (a == "simulate") return std::pair{1, 4};
    if (a == "results") return std::pair{1, 2};
    if (a == "playback") return std::pair{1, 2};
    if (a == "overlay") return std::pair{2, 2};
    if (a == "bottleneck") return std::pair{1, 1};
    if (a == "panel") return std::pair{2, 2};
    return std::nullopt;
}

std::string SimView::script(UiContext& ui, const std::vector<std::string>& w) {
    const std::string& a = w[0];
    auto on_off = [&](const std::string& v, bool& flag) -> std::string {
        if (v != "on" && v != "off") return a + ": expected on or off";
        flag = v == "on";
        return {};
    };
    if (a == "simulate") {
        if (w[1] == "cancel") {
            cancel();
            return {};
        }
        if (w[1] == "wait") {
            script_waiting_ = true;  // the outcome of the last run started: an error if it failed or was cancelled
            return {};
        }
        scenario::RunSetupInput in;
        in.scenario = w[1];
        in.db = ui.db.string();
        bool wait = true;
        std::vector<double> nums;
        for (std::size_t i = 2; i < w.size(); ++i) {
            if (w[i] == "nowait") {
                wait = false;
                continue;
            }
            auto v = number(w[i]);
            if (!v || *v < 0) return tr("editor.script.usage.simulate");
            nums.push_back(*v);
        }
        if (nums.size() > 2) return tr("editor.script.usage.simulate");
        if (!nums.empty()) in.seed = static_cast<std::uint64_t>(nums[0]);
        if (nums.size() > 1) in.students = static_cast<int>(nums[1]);
        if (!scenario::is_builtin_scenario(in.scenario) && !std::filesystem::exists(in.scenario))
            return trf("editor.sim.err.no_scenario", {in.scenario});
        if (auto err = start(ui, in); !err.empty()) return err;
        script_waiting_ = wait;
        return {};
    }
    if (a == "results") {
        if (w[1] == "save" && w.size() == 3) return save_results(w[2]);
        if (w[1] == "dump" && w.size() == 3) return dump_results(w[2]);
        if (w.size() != 2) return tr("editor.script.usage.results");
        return open_results(ui, w[1]);
    }
    if (a == "playback") {
        if (!results_) return tr("editor.sim.err.no_results");
        if (w[1] == "play" && w.size() == 2) playing = true;
        else if (w[1] == "pause" && w.size() == 2) playing = false;
        else if (w[1] == "speed" && w.size() == 3 && number(w[2]) && *number(w[2]) >= 1 && *number(w[2]) <= 60)
            speed = static_cast<float>(*number(w[2]));
        else if (w.size() == 2 && number(w[1])) set_time(*number(w[1]));
        else return tr("editor.script.usage.playback");
        return {};
    }
    if (a == "overlay") {
        if (w[1] == "heatmap") {
            if (w[2] == "peak" || w[2] == "now") {
                heatmap = true;
                heat_mode = w[2] == "now" ? HeatMode::Now : HeatMode::Peak;
                return {};
            }
            return on_off(w[2], heatmap);
        }
        if (w[1] == "agents") return on_off(w[2], agents);
        if (w[1] == "color") {
            if (w[2] == "state") color_by = ColorBy::State;
            else if (w[2] == "speed") color_by = ColorBy::Speed;
            else if (w[2] == "group") color_by = ColorBy::Group;
            else return "overlay color: expected state, speed or group";
            return {};
        }
        return tr("editor.script.usage.overlay");
    }
    if (a == "bottleneck") {
        auto v = number(w[1]);
        if (!v || *v < 0) return tr("editor.script.usage.bottleneck");
        return frame_bottleneck(ui, static_cast<std::size_t>(*v));
    }
    if (a == "panel") {
        bool* flag = w[1] == "simulation" ? &show_panel : w[1] == "results" ? &show_results : w[1] == "playback" ? &show_playback : nullptr;
        if (!flag) return tr("editor.script.usage.panel");
        return on_off(w[2], *flag);
    }
    return trf("editor.script.unknown_sim_action", {a});
}

void SimView::menu(UiContext& ui) {
    (void)ui;
    if (ImGui::BeginMenu(L("editor.sim.menu").c_str())) {
        ImGui::MenuItem(L("editor.sim.panel").c_str(), nullptr, &show_panel);
        ImGui::MenuItem(L("editor.sim.results").c_str(), nullptr, &show_results, results_.has_value());
        ImGui::MenuItem(L("editor.sim.playback").c_str(), nullptr, &show_playback, results_.has_value());
        ImGui::MenuItem(L("editor.sim.heatmap").c_str(), nullptr, &heatmap, results_.has_value());
        ImGui::EndMenu();
    }
}

void SimView::draw_ui(UiContext& ui) {
    Editor& ed = ui.ed;
    const Layout& lo = ui.layout;
    auto report = [&](const std::string& err) {
        if (!err.empty()) ed.log(LogLine::Level::Warning, err);
    };
    if (show_panel) {
        if (begin_docked(ui, Panel::Simulation, L("editor.sim.panel"), 0, &show_panel)) {
            const std::string file_label = tr("editor.sim.scenario_file");
            const char* names[] = {kScenarios[0], kScenarios[1], kScenarios[2], file_label.c_str()};
            ImGui::Combo(L("editor.sim.scenario").c_str(), &scenario_index_, names, 4);
            if (scenario_index_ == 3) ImGui::InputText(L("editor.sim.scenario_path").c_str(), &scenario_file_);
            ImGui::InputInt(L("editor.sim.seed").c_str(), &seed_);
            ImGui::InputInt(L("editor.sim.students").c_str(), &students_);
            seed_ = std::max(0, seed_);
            students_ = std::clamp(students_, 0, 100000);
            if (job_.running()) {
                ImGui::ProgressBar(static_cast<float>(job_.progress()), {-1.f, 0.f});
                if (ImGui::Button(L("editor.sim.cancel").c_str())) cancel();
            } else if (ImGui::Button(L("editor.sim.run").c_str())) {
                scenario::RunSetupInput in;
                in.scenario = scenario_index_ == 3 ? scenario_file_ : kScenarios[scenario_index_];
                in.seed = static_cast<std::uint64_t>(seed_);
                in.students = students_;
                in.db = ui.db.string();
                report(start(ui, in));
            }
            ImGui::Separator();
            ImGui::InputText(L("editor.sim.results_dir").c_str(), &results_dir_);
            if (ImGui::Button(L("editor.sim.open_results").c_str())) report(open_results(ui, results_dir_));
        }
        ImGui::End();
    }
    if (!results_) return;
    if (show_results) {
        if (begin_docked(ui, Panel::SimResults, L("editor.sim.results"), 0, &show_results)) {
            ImGui::TextDisabled("%s", results_->source.c_str());
            if (ImGui::BeginTable("##simres", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
                for (const auto& r : result_rows(results_->metrics)) {
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    const std::string label = tr(r.label) + (r.suffix.empty() ? "" : " " + r.suffix);
                    ImGui::TextUnformatted(label.c_str());
                    ImGui::TableNextColumn();
                    ImGui::TextUnformatted(r.value.c_str());
                }
                ImGui::EndTable();
            }
            const auto bn = bottlenecks(results_->metrics);
            ImGui::Separator();
            ImGui::TextUnformatted((tr("editor.sim.bottlenecks") + " (" + std::to_string(bn.size()) + ")").c_str());
            for (std::size_t i = 0; i < bn.size(); ++i) {
                char buf[128];
                std::snprintf(buf, sizeof buf, "(%.1f, %.1f)  %.2f /m²  %s  %.0f s###bn%zu", bn[i].at.x, bn[i].at.y,
                              bn[i].peak_density, bn[i].los.c_str(), bn[i].seconds, i);
                if (ImGui::Selectable(buf)) report(frame_bottleneck(ui, i));
            }
        }
        ImGui::End();
    }
    if (show_playback) {
        // The strip under the view (ui/layout.hpp; its height follows the heatmap's legend).
        if (begin_docked(ui, Panel::Playback, L("editor.sim.playback"), ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
            if (ImGui::Button(playing ? L("editor.sim.pause", "playpause").c_str() : L("editor.sim.play", "playpause").c_str())) {
                if (!playing && time >= results_->trajectories.end()) time = results_->trajectories.start();
                playing = !playing;
            }
            ImGui::SameLine();
            ImGui::SetNextItemWidth(80);
            char sp[16];
            std::snprintf(sp, sizeof sp, "x%g", static_cast<double>(speed));
            if (ImGui::BeginCombo("##speed", sp)) {
                for (float s : kSpeeds) {
                    std::snprintf(sp, sizeof sp, "x%g", static_cast<double>(s));
                    if (ImGui::Selectable(sp, s == speed)) speed = s;
                }
                ImGui::EndCombo();
            }
            ImGui::SameLine();
            ImGui::SetNextItemWidth(std::max(100.f, lo.vw - 520.f));
            float t = static_cast<float>(time);
            if (ImGui::SliderFloat("##time", &t, static_cast<float>(results_->trajectories.start()),
                                   static_cast<float>(results_->trajectories.end()), "%.1f s"))
                set_time(t);
            ImGui::SameLine();
            ImGui::Checkbox(L("editor.sim.heatmap").c_str(), &heatmap);
            ImGui::SameLine();
            ImGui::Checkbox(L("editor.sim.agents").c_str(), &agents);
            int cb = color_by == ColorBy::Speed ? 1 : color_by == ColorBy::Group ? 2 : 0;
            ImGui::TextUnformatted(tr("editor.sim.color_by").c_str());
            ImGui::SameLine();
            if (ImGui::RadioButton(L("editor.sim.color_state").c_str(), cb == 0)) color_by = ColorBy::State;
            ImGui::SameLine();
            if (ImGui::RadioButton(L("editor.sim.color_speed").c_str(), cb == 1)) color_by = ColorBy::Speed;
            ImGui::SameLine();
            if (ImGui::RadioButton(L("editor.sim.color_group").c_str(), cb == 2)) color_by = ColorBy::Group;
            if (color_by == ColorBy::Group)
                for (std::size_t g = 0; g < results_->trajectories.groups.size(); ++g) {
                    const glm::vec3 c = group_color(static_cast<int>(g));
                    ImGui::SameLine();
                    ImGui::ColorButton(("##grp" + std::to_string(g)).c_str(), {c.r, c.g, c.b, 1.f}, ImGuiColorEditFlags_NoTooltip, {14, 14});
                    ImGui::SameLine(0, 3);
                    ImGui::TextUnformatted(results_->trajectories.groups[g].c_str());
                }
            if (color_by == ColorBy::State)
                for (char s : {'w', 'b', 'q', 'r'}) {
                    const glm::vec3 c = state_color(s);
                    ImGui::SameLine();
                    ImGui::ColorButton((std::string("##st") + s).c_str(), {c.r, c.g, c.b, 1.f}, ImGuiColorEditFlags_NoTooltip, {14, 14});
                    ImGui::SameLine(0, 3);
                    ImGui::TextUnformatted(tr(std::string("editor.sim.state_") + s).c_str());
                }
            if (heatmap) {
                int hm = heat_mode == HeatMode::Now ? 1 : 0;
                if (ImGui::RadioButton(L("editor.sim.heat_peak").c_str(), hm == 0)) heat_mode = HeatMode::Peak;
                ImGui::SameLine();
                if (ImGui::RadioButton(L("editor.sim.heat_now").c_str(), hm == 1)) heat_mode = HeatMode::Now;
                // The Fruin legend: persons/m² per level of service.
                static const char* ranges[6] = {"< 0.31", "< 0.43", "< 0.71", "< 1.08", "< 2.17", ">= 2.17"};
                for (int i = 0; i < 6; ++i) {
                    const glm::vec3 c = fruin_color(i);
                    ImGui::SameLine();
                    ImGui::ColorButton((std::string("##los") + char('A' + i)).c_str(), {c.r, c.g, c.b, 1.f},
                                       ImGuiColorEditFlags_NoTooltip, {14, 14});
                    ImGui::SameLine(0, 3);
                    ImGui::Text("%c %s", 'A' + i, ranges[i]);
                }
            }
        }
        ImGui::End();
    }
}

}  // namespace shuxiang::editor::simview
