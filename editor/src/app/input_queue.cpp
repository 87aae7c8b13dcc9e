#include "app/input_queue.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>

namespace shuxiang::editor {
namespace {

constexpr double kDoubleClickSeconds = 0.30;
constexpr float kDoubleClickPixels = 6.f;

}  // namespace

void InputQueue::install(GLFWwindow* window) {
    window_ = window;
    glfwSetWindowUserPointer(window, this);
    glfwSetMouseButtonCallback(window, on_button);
    glfwSetCursorPosCallback(window, on_move);
    glfwSetKeyCallback(window, on_key);
    glfwSetCharCallback(window, on_char);
    glfwSetScrollCallback(window, on_scroll);
    glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int) { notify(w); });
    glfwSetCursorEnterCallback(window, [](GLFWwindow* w, int) { notify(w); });
    glfwSetFramebufferSizeCallback(window, [](GLFWwindow* w, int, int) { notify(w); });
    glfwSetWindowRefreshCallback(window, [](GLFWwindow* w) { notify(w); });
}

void InputQueue::notify(GLFWwindow* w) {
    if (InputQueue* q = of(w); q && q->on_activity) q->on_activity();
}

std::vector<InputEvent> InputQueue::drain() {
    std::vector<InputEvent> out;
    out.swap(events_);
    return out;
}

InputQueue* InputQueue::of(GLFWwindow* w) { return static_cast<InputQueue*>(glfwGetWindowUserPointer(w)); }

Mods InputQueue::mods() const {
    if (!window_) return {};
    auto down = [&](int k) { return glfwGetKey(window_, k) == GLFW_PRESS; };
    return {down(GLFW_KEY_LEFT_SHIFT) || down(GLFW_KEY_RIGHT_SHIFT), down(GLFW_KEY_LEFT_CONTROL) || down(GLFW_KEY_RIGHT_CONTROL)};
}

InputEvent InputQueue::event(InputEvent::Type type) const {
    InputEvent e;
    e.type = type;
    double x = 0, y = 0;
    glfwGetCursorPos(window_, &x, &y);
    e.px = {static_cast<float>(x), static_cast<float>(y)};
    e.mods = mods();
    return e;
}

void InputQueue::on_button(GLFWwindow* w, int button, int action, int mods) {
    notify(w);
    InputQueue* q = of(w);
    if (!q || button > 2 || (action != GLFW_PRESS && action != GLFW_RELEASE)) return;
    InputEvent e = q->event(action == GLFW_PRESS ? InputEvent::Type::Press : InputEvent::Type::Release);
    e.button = button;
    e.mods = {(mods & GLFW_MOD_SHIFT) != 0, (mods & GLFW_MOD_CONTROL) != 0};
    if (action == GLFW_PRESS && button == 0) {
        const double now = glfwGetTime();
        e.double_click = q->last_press_time_ >= 0 && now - q->last_press_time_ <= kDoubleClickSeconds &&
                         glm::length(e.px - q->last_press_px_) <= kDoubleClickPixels;
        // A third press starts again: two double clicks need four presses.
        q->last_press_time_ = e.double_click ? -1 : now;
        q->last_press_px_ = e.px;
    }
    q->events_.push_back(e);
}

void InputQueue::on_move(GLFWwindow* w, double x, double y) {
    notify(w);
    InputQueue* q = of(w);
    if (!q) return;
    InputEvent e = q->event(InputEvent::Type::Move);
    e.px = {static_cast<float>(x), static_cast<float>(y)};
    q->events_.push_back(e);
}

void InputQueue::on_key(GLFWwindow* w, int key, int, int action, int mods) {
    notify(w);
    InputQueue* q = of(w);
    if (!q || key == GLFW_KEY_UNKNOWN) return;
    auto& held = q->held_;
    if (key == GLFW_KEY_LEFT_CONTROL || key == GLFW_KEY_RIGHT_CONTROL || key == GLFW_KEY_LEFT_SHIFT ||
        key == GLFW_KEY_RIGHT_SHIFT) {
        // A modifier changes what the pointer does where it stands (Ctrl inverts snapping): a move
        // there with the new modifiers lets the tools follow at once.
        if (action != GLFW_REPEAT) q->events_.push_back(q->event(InputEvent::Type::Move));
    }
    if (action == GLFW_RELEASE) {
        held.erase(std::remove(held.begin(), held.end(), key), held.end());
        return;
    }
    if (std::find(held.begin(), held.end(), key) == held.end()) held.push_back(key);
    InputEvent e = q->event(InputEvent::Type::Key);
    e.key = key;
    e.repeat = action == GLFW_REPEAT;
    e.mods = {(mods & GLFW_MOD_SHIFT) != 0, (mods & GLFW_MOD_CONTROL) != 0};
    q->events_.push_back(e);
}

void InputQueue::on_char(GLFWwindow* w, unsigned codepoint) {
    notify(w);
    InputQueue* q = of(w);
    if (!q) return;
    InputEvent e = q->event(InputEvent::Type::Char);
    e.codepoint = codepoint;
    q->events_.push_back(e);
}

void InputQueue::on_scroll(GLFWwindow* w, double, double dy) {
    notify(w);
    InputQueue* q = of(w);
    if (!q) return;
    InputEvent e = q->event(InputEvent::Type::Scroll);
    e.wheel = static_cast<float>(dy);
    q->events_.push_back(e);
}

}  // namespace shuxiang::editor
