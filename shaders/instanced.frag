#version 330 core
in vec3 v_normal;
in vec4 v_color;
uniform vec3 u_light_dir;
out vec4 o_color;
void main() {
    // Imported meshes are drawn two-sided: a back face is lit like the front it belongs to.
    vec3 n = gl_FrontFacing ? v_normal : -v_normal;
    float diffuse = max(dot(normalize(n), normalize(u_light_dir)), 0.0);
    o_color = vec4(v_color.rgb * (0.55 + 0.45 * diffuse), v_color.a);
}
