#pragma once
// Redraw on demand: the editor draws frames while something changes (input events, a simulation
// playing or running, an animation such as the found-book pulse, a held key or button) and a few
// frames after, so that ImGui settles, and one more at full quality after frames drawn at the moving
// quality (render/renderer.hpp, Shading::Fast); otherwise it sleeps in glfwWaitEventsTimeout instead of
// redrawing the same picture. The policy is plain logic (tested without a window); the window's input
// queue (app/input_queue.hpp) reports every event to it.
namespace shuxiang::editor {

class RedrawPolicy {
public:
    // Frames drawn after the last event or animation: ImGui needs two to three to settle hover states
    // and layouts that depend on the previous frame.
    static constexpr int kSettleFrames = 4;
    // Longest sleep between checks of timers (autosave) when nothing happens, seconds.
    static constexpr double kIdleTimeout = 0.5;

    // Something happened that may change the picture.
    void event() { pending_ = kSettleFrames; }
    // Whether a frame should be drawn now. `animating`: something changes on its own this frame.
    bool should_draw(bool animating) {
        if (animating) pending_ = kSettleFrames;
        return pending_ > 0;
    }
    // A frame was drawn. `provisional`: at the moving quality (Renderer::last_frame_provisional()),
    // so one more frame is due, which the renderer draws at full quality once the camera rests.
    void drawn(bool provisional = false) {
        if (pending_ > 0) --pending_;
        if (provisional && pending_ == 0) pending_ = 1;
        ++frames_;
    }
    // Seconds to wait for events before the loop runs again: 0 while frames are due.
    double wait_seconds(bool animating) const { return animating || pending_ > 0 ? 0.0 : kIdleTimeout; }
    long frames() const { return frames_; }

private:
    int pending_ = kSettleFrames;
    long frames_ = 0;
};

}  // namespace shuxiang::editor
