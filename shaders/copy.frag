#version 330 core
// The finished lit frame (present.frag's output) into the view, with its depth: drawn every frame,
// also when the frame is shown again unchanged.
uniform sampler2D u_color;
uniform sampler2D u_depth;
uniform ivec2 u_origin;  // the view's corner in the framebuffer
out vec4 o_color;
void main() {
    ivec2 px = ivec2(gl_FragCoord.xy) - u_origin;
    o_color = texelFetch(u_color, px, 0);
    gl_FragDepth = texelFetch(u_depth, px, 0).r;
}
