#include "render/redraw.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

namespace shuxiang::editor {
namespace {

RedrawPolicy& policy_of(GLFWwindow* w) { return *static_cast<RedrawPolicy*>(glfwGetWindowUserPointer(w)); }

void on_cursor(GLFWwindow* w, double, double) { policy_of(w).event(); }
void on_button(GLFWwindow* w, int, int, int) { policy_of(w).event(); }
void on_key(GLFWwindow* w, int, int, int, int) { policy_of(w).event(); }
void on_scroll(GLFWwindow* w, double, double) { policy_of(w).event(); }
void on_char(GLFWwindow* w, unsigned) { policy_of(w).event(); }
void on_flag(GLFWwindow* w, int) { policy_of(w).event(); }
void on_size(GLFWwindow* w, int, int) { policy_of(w).event(); }
void on_refresh(GLFWwindow* w) { policy_of(w).event(); }

}  // namespace

void watch_events(GLFWwindow* window, RedrawPolicy& policy) {
    glfwSetWindowUserPointer(window, &policy);
    glfwSetCursorPosCallback(window, on_cursor);
    glfwSetMouseButtonCallback(window, on_button);
    glfwSetKeyCallback(window, on_key);
    glfwSetScrollCallback(window, on_scroll);
    glfwSetCharCallback(window, on_char);
    glfwSetWindowFocusCallback(window, on_flag);
    glfwSetCursorEnterCallback(window, on_flag);
    glfwSetFramebufferSizeCallback(window, on_size);
    glfwSetWindowRefreshCallback(window, on_refresh);
}

}  // namespace shuxiang::editor
