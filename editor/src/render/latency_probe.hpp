#pragma once
// Interaction latency, measured in the real editor: the probe makes the events of an orbit (right
// drag), a furniture drag (left drag of the selection) or a nudge (arrow key) and the App puts them
// into its InputQueue just after a frame drained it, as if they arrived while that frame was being
// drawn: the worst moment, since they wait for that frame to end and are shown by the next. The
// latency is the time from that moment to the end of the frame that shows them (after glFinish),
// through the queue, the tools, the scene update and the renderer. The time of the showing frame
// alone is recorded too: the latency of an event that arrives just before a frame starts.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "tools/tool.hpp"

namespace shuxiang::editor {

enum class ProbeKind { Orbit, Drag, Nudge };
std::optional<ProbeKind> probe_kind_from_string(const std::string& s);

class LatencyProbe {
public:
    LatencyProbe(ProbeKind kind, int trials, std::filesystem::path out);
    ProbeKind kind() const { return kind_; }
    // A frame begins (before its input is drained); `now` in seconds on a steady clock.
    void frame_start(double now);
    // The events to put into the queue now, after this frame drained it. `anchor`: window pixels
    // where the pointer starts (the viewport's centre, or the selected furniture for a drag); read
    // at the first call.
    std::vector<InputEvent> events(glm::vec2 anchor, double now);
    // The frame ended (after glFinish): events put in during an earlier frame were shown by it.
    void frame_end(double now);
    bool done() const { return phase_ == Phase::Done; }
    // One line per trial: kind, trial, latency (ms), showing frame (ms), CPU time of the process from
    // the event to the end of the showing frame (ms, every thread: a figure that the machine's other
    // load does not inflate); then min, median and max of each.
    std::string report() const;
    const std::filesystem::path& out() const { return out_; }

private:
    enum class Phase { Setup, Trials, Teardown, Done };
    struct Pending {
        double t0, cpu0;  // wall seconds; process CPU ms (all threads)
        long frame;
    };
    ProbeKind kind_;
    int trials_;
    std::filesystem::path out_;
    Phase phase_ = Phase::Setup;
    long frame_ = 0;
    int settle_ = 0;     // frames to wait before the next phase
    double frame_t0_ = 0;
    std::vector<Pending> pending_;  // events put in, not yet shown
    glm::vec2 anchor_{0.f}, px_{0.f};  // where the pointer started, and is
    std::vector<double> latency_ms_, frame_ms_, cpu_ms_;
};

}  // namespace shuxiang::editor
