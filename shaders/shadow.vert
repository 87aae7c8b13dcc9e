#version 330 core
// Depth of instanced meshes seen from the sun (the shadow map).
layout(location = 0) in vec3 a_pos;
layout(location = 2) in vec4 i_model0;
layout(location = 3) in vec4 i_model1;
layout(location = 4) in vec4 i_model2;
layout(location = 5) in vec4 i_model3;
uniform mat4 u_view_proj;
void main() { gl_Position = u_view_proj * mat4(i_model0, i_model1, i_model2, i_model3) * vec4(a_pos, 1.0); }
