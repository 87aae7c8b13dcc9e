#pragma once
// The window's input as a queue: GLFW's callbacks push every press, release, move, key, character
// and wheel step in the order they come; each frame drains them all. Polling once a frame instead
// loses a key pressed and released within the frame and merges characters typed around it (an Enter
// between "8" and "12" once made one 812 m wall). Dear ImGui's own callbacks chain to these.
#include <functional>
#include <vector>

#include "tools/tool.hpp"

struct GLFWwindow;

namespace shuxiang::editor {

class InputQueue {
public:
    // Installs the callbacks (before ImGui's backend, which then calls them after its own).
    void install(GLFWwindow* window);
    // Called on every input and on focus, resize and expose: the window may need a new frame
    // (render/redraw.hpp). The queue owns the window's callbacks, so it is the one place to learn it.
    std::function<void()> on_activity;
    // An event made by the program (the latency probe, render/latency_probe.hpp), queued and reported
    // as the window's own are.
    void inject(const InputEvent& e) {
        if (on_activity) on_activity();
        events_.push_back(e);
    }
    // This frame's events in order; the queue is empty afterwards.
    std::vector<InputEvent> drain();
    // Keys held now (GLFW key codes).
    const std::vector<int>& keys_held() const { return held_; }
    Mods mods() const;

private:
    static InputQueue* of(GLFWwindow* w);
    static void notify(GLFWwindow* w);
    static void on_button(GLFWwindow* w, int button, int action, int mods);
    static void on_move(GLFWwindow* w, double x, double y);
    static void on_key(GLFWwindow* w, int key, int scancode, int action, int mods);
    static void on_char(GLFWwindow* w, unsigned codepoint);
    static void on_scroll(GLFWwindow* w, double dx, double dy);
    InputEvent event(InputEvent::Type type) const;

    GLFWwindow* window_ = nullptr;
    std::vector<InputEvent> events_;
    std::vector<int> held_;
    double last_press_time_ = -1;
    glm::vec2 last_press_px_{0.f};
};

}  // namespace shuxiang::editor
