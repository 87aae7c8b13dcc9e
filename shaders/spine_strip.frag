#version 330 core
in vec3 v_normal;
in float v_u;
flat in int v_strip;
uniform vec3 u_light_dir;
uniform sampler2D u_strips;  // strips side by side, u_per_row strips of u_texels texels per row
uniform int u_texels;
uniform int u_per_row;
out vec4 o_color;
void main() {
    int t = clamp(int(v_u * float(u_texels)), 0, u_texels - 1);
    ivec2 at = ivec2((v_strip % u_per_row) * u_texels + t, v_strip / u_per_row);
    vec3 c = texelFetch(u_strips, at, 0).rgb;
    float diffuse = max(dot(normalize(v_normal), normalize(u_light_dir)), 0.0);
    o_color = vec4(c * (0.55 + 0.45 * diffuse), 1.0);
}
