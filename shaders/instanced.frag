#version 330 core
in vec3 v_normal;
in vec4 v_color;
uniform vec3 u_light_dir;
out vec4 o_color;
void main() {
    float diffuse = max(dot(normalize(v_normal), normalize(u_light_dir)), 0.0);
    o_color = vec4(v_color.rgb * (0.55 + 0.45 * diffuse), v_color.a);
}
