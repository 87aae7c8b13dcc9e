#version 330 core
in vec3 v_world;
in vec3 v_normal;
in vec4 v_color;
uniform float u_alpha;  // 1 for opaque passes; glass is drawn see-through
#include "lighting.glsl"
void main() {
    // Imported meshes are drawn two-sided and floors in either winding: light the side that faces the eye.
    vec3 n = normalize(v_normal);
    if (dot(n, u_eye - v_world) < 0.0) n = -n;
    shade(v_color.rgb, int(v_color.a + 0.5), v_world, n, u_alpha);
}
