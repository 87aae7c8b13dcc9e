#version 330 core
// A texture laid on the floor (the simulation's density / level-of-service map).
layout(location = 0) in vec3 a_pos;
layout(location = 1) in vec2 a_uv;
uniform mat4 u_view_proj;
out vec2 v_uv;
void main() {
    v_uv = a_uv;
    gl_Position = u_view_proj * vec4(a_pos, 1.0);
}
