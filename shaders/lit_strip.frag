#version 330 core
in vec3 v_world;
in vec3 v_normal;
in float v_u;
flat in int v_strip;
uniform sampler2D u_strips;  // strips side by side, u_per_row strips of u_texels texels per row
uniform int u_texels;
uniform int u_per_row;
#include "lighting.glsl"
void main() {
    int t = clamp(int(v_u * float(u_texels)), 0, u_texels - 1);
    ivec2 at = ivec2((v_strip % u_per_row) * u_texels + t, v_strip / u_per_row);
    shade(texelFetch(u_strips, at, 0).rgb, 1, v_world, normalize(v_normal), 1.0);
}
