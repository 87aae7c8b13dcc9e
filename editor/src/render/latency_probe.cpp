#include "render/latency_probe.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace shuxiang::editor {
namespace {

InputEvent pointer(InputEvent::Type type, glm::vec2 px, int button = 0) {
    InputEvent e;
    e.type = type;
    e.px = px;
    e.button = button;
    return e;
}

double process_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) * 1e-6;
}

void summary(std::string& out, const char* name, const char* what, std::vector<double> v) {
    if (v.empty()) return;
    std::sort(v.begin(), v.end());
    char line[128];
    std::snprintf(line, sizeof line, "%s\t%s min/median/max\t%.1f\t%.1f\t%.1f\n", name, what, v.front(), v[v.size() / 2], v.back());
    out += line;
}

// Frames after the setup events (the press) and after the release, for the tools to settle.
constexpr int kSettleFrames = 3;

}  // namespace

std::optional<ProbeKind> probe_kind_from_string(const std::string& s) {
    if (s == "orbit") return ProbeKind::Orbit;
    if (s == "drag") return ProbeKind::Drag;
    if (s == "nudge") return ProbeKind::Nudge;
    return std::nullopt;
}

LatencyProbe::LatencyProbe(ProbeKind kind, int trials, std::filesystem::path out)
    : kind_(kind), trials_(std::max(1, trials)), out_(std::move(out)) {}

void LatencyProbe::frame_start(double now) {
    ++frame_;
    frame_t0_ = now;
}

std::vector<InputEvent> LatencyProbe::events(glm::vec2 anchor, double now) {
    using T = InputEvent::Type;
    const int button = kind_ == ProbeKind::Orbit ? 1 : 0;
    if (settle_ > 0) {
        --settle_;
        return {};
    }
    switch (phase_) {
    case Phase::Setup:
        phase_ = Phase::Trials;
        settle_ = kSettleFrames;
        if (kind_ == ProbeKind::Nudge) return {};
        anchor_ = anchor;
        px_ = anchor + glm::vec2(12.f, 0.f);
        // The press, then a move past the tools' drag threshold: the drag (or orbit) is under way
        // before the first timed event.
        return {pointer(T::Move, anchor), pointer(T::Press, anchor, button), pointer(T::Move, px_)};
    case Phase::Trials: {
        const int sent = static_cast<int>(latency_ms_.size() + pending_.size());
        if (sent >= trials_) {
            if (!pending_.empty()) return {};
            phase_ = Phase::Teardown;
            settle_ = kSettleFrames;
            if (kind_ == ProbeKind::Nudge) return {};
            return {pointer(T::Release, px_, button)};
        }
        // One event a frame, as a hand moving the mouse (or holding an arrow key) makes them.
        pending_.push_back({now, process_cpu_ms(), frame_});
        if (kind_ == ProbeKind::Nudge) {
            InputEvent e;
            e.type = T::Key;
            e.key = sent % 2 ? GLFW_KEY_LEFT : GLFW_KEY_RIGHT;  // there and back
            e.px = anchor_;
            return {e};
        }
        // 4 px to and fro beyond the threshold: every event changes the picture.
        px_ = anchor_ + glm::vec2(12.f + 4.f * static_cast<float>((sent + 1) % 2), 0.f);
        return {pointer(T::Move, px_)};
    }
    case Phase::Teardown:
        phase_ = Phase::Done;
        return {};
    case Phase::Done: return {};
    }
    return {};
}

void LatencyProbe::frame_end(double now) {
    while (!pending_.empty() && pending_.front().frame < frame_) {
        latency_ms_.push_back((now - pending_.front().t0) * 1000.0);
        frame_ms_.push_back((now - frame_t0_) * 1000.0);
        cpu_ms_.push_back(process_cpu_ms() - pending_.front().cpu0);
        pending_.erase(pending_.begin());
    }
}

std::string LatencyProbe::report() const {
    static const char* names[] = {"orbit", "drag", "nudge"};
    const char* name = names[static_cast<int>(kind_)];
    std::string out;
    char line[128];
    for (std::size_t i = 0; i < latency_ms_.size(); ++i) {
        std::snprintf(line, sizeof line, "%s\t%zu\t%.1f\t%.1f\t%.1f\n", name, i + 1, latency_ms_[i], frame_ms_[i], cpu_ms_[i]);
        out += line;
    }
    summary(out, name, "latency", latency_ms_);
    summary(out, name, "frame", frame_ms_);
    summary(out, name, "cpu", cpu_ms_);
    return out;
}

}  // namespace shuxiang::editor
