#version 330 core
// Instanced unit meshes (boxes, cylinders, spheres, book spines, imported models) for the lit views:
// per-instance model matrix and colour (alpha: the material, see lighting.glsl).
layout(location = 0) in vec3 a_pos;
layout(location = 1) in vec3 a_normal;
layout(location = 2) in vec4 i_model0;
layout(location = 3) in vec4 i_model1;
layout(location = 4) in vec4 i_model2;
layout(location = 5) in vec4 i_model3;
layout(location = 6) in vec4 i_color;
uniform mat4 u_view_proj;
uniform mat4 u_light_vp;      // the sun's view-projection
uniform float u_normal_offset; // m: about one and a half shadow texels, against acne
out vec3 v_shadow;             // position in the shadow map (0..1)
out vec3 v_world;
out vec3 v_normal;
out vec4 v_color;
void main() {
    mat4 model = mat4(i_model0, i_model1, i_model2, i_model3);
    // Models are rotation × non-uniform scale (R S): the normal matrix R S^-1 equals M S^-2.
    mat3 m = mat3(model);
    vec3 inv_sq = 1.0 / vec3(dot(m[0], m[0]), dot(m[1], m[1]), dot(m[2], m[2]));
    v_normal = normalize(m * (a_normal * inv_sq));
    v_color = i_color;
    vec4 w = model * vec4(a_pos, 1.0);
    v_world = w.xyz;
    vec4 l = u_light_vp * vec4(v_world + v_normal * u_normal_offset, 1.0);
    v_shadow = l.xyz / l.w * 0.5 + 0.5;
    gl_Position = u_view_proj * w;
}
