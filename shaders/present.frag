#version 330 core
// FXAA (after Lottes' FXAA 3.11 "console" variant) of the tone-mapped image, written sRGB-encoded to
// the view; depth is written too so that later overlays (agents, heat map) are hidden correctly.
in vec2 v_uv;
uniform sampler2D u_image;  // linear (sampled from an sRGB texture)
uniform sampler2D u_depth;
uniform int u_fxaa;
uniform vec2 u_texel;
out vec4 o_color;

vec3 linear_to_srgb(vec3 c) {
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), c));
}
float luma(vec3 c) { return sqrt(dot(c, vec3(0.299, 0.587, 0.114))); }

vec3 fxaa(vec2 uv) {
    vec3 m = texture(u_image, uv).rgb;
    float lm = luma(m);
    float nw = luma(texture(u_image, uv + vec2(-0.5, -0.5) * u_texel).rgb);
    float ne = luma(texture(u_image, uv + vec2(0.5, -0.5) * u_texel).rgb);
    float sw = luma(texture(u_image, uv + vec2(-0.5, 0.5) * u_texel).rgb);
    float se = luma(texture(u_image, uv + vec2(0.5, 0.5) * u_texel).rgb);
    float lo = min(lm, min(min(nw, ne), min(sw, se))), hi = max(lm, max(max(nw, ne), max(sw, se)));
    if (hi - lo < max(0.04, hi * 0.125)) return m;
    vec2 dir = vec2(-((nw + ne) - (sw + se)), (nw + sw) - (ne + se));
    float reduce = max((nw + ne + sw + se) * 0.03125, 1.0 / 128.0);
    dir = clamp(dir / (min(abs(dir.x), abs(dir.y)) + reduce), -8.0, 8.0) * u_texel;
    vec3 a = 0.5 * (texture(u_image, uv - dir / 6.0).rgb + texture(u_image, uv + dir / 6.0).rgb);
    vec3 b = 0.5 * a + 0.25 * (texture(u_image, uv - dir * 0.5).rgb + texture(u_image, uv + dir * 0.5).rgb);
    float lb = luma(b);
    return lb < lo || lb > hi ? a : b;
}

void main() {
    vec3 c = u_fxaa != 0 ? fxaa(v_uv) : texture(u_image, v_uv).rgb;
    o_color = vec4(linear_to_srgb(c), 1.0);
    gl_FragDepth = texture(u_depth, v_uv).r;
}
