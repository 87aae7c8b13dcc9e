#version 330 core
// Room floors for the lit views (colour alpha: the floor finish, see lighting.glsl).
layout(location = 0) in vec3 a_pos;
layout(location = 1) in vec4 a_color;
uniform mat4 u_view_proj;
uniform mat4 u_light_vp;      // the sun's view-projection
uniform float u_normal_offset; // m: about one and a half shadow texels, against acne
out vec3 v_shadow;             // position in the shadow map (0..1)
out vec3 v_world;
out vec3 v_normal;
out vec4 v_color;
void main() {
    v_world = a_pos;
    v_normal = vec3(0.0, 0.0, 1.0);
    v_color = a_color;
    vec4 l = u_light_vp * vec4(a_pos + vec3(0.0, 0.0, u_normal_offset), 1.0);
    v_shadow = l.xyz / l.w * 0.5 + 0.5;
    gl_Position = u_view_proj * vec4(a_pos, 1.0);
}
