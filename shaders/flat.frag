#version 330 core
in vec4 v_color;
uniform int u_linear;  // 1 when drawing into the lit views' targets (linear light stored as sqrt(x / 2))
layout(location = 0) out vec4 o_color;
layout(location = 1) out vec4 o_ambient;
vec3 srgb_to_linear(vec3 c) {
    return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), step(vec3(0.04045), c));
}
void main() {
    // Alpha 0 in the lit targets marks the pixel unlit (the composite pass leaves it as it is).
    o_color = u_linear != 0 ? vec4(sqrt(srgb_to_linear(v_color.rgb) * 0.5), 0.0) : v_color;
    o_ambient = vec4(0.0);
}
