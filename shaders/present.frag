#version 330 core
// The lit views' last pass: FXAA (after Lottes' FXAA 3.11 "console" variant) on the lit colour, its
// ambient part darkened by the occlusion, tone mapping, sRGB encoding; depth is written too so that
// later overlays (agents, heat map) are hidden correctly. Targets hold linear light as sqrt(x / 2);
// alpha 0 marks pixels written unlit (background, overlays), which pass through untouched.
in vec2 v_uv;
uniform sampler2D u_color;
uniform sampler2D u_ambient;
uniform sampler2D u_ao;     // occlusion, one texel per u_ao_step² pixels
uniform sampler2D u_depth;
uniform int u_ao_step;      // 1 or 2
uniform vec2 u_depth_ab;    // the projection's [2][2] and [3][2]: distance = b / (ndc z + a)
uniform int u_fxaa;
uniform int u_use_ao;
uniform vec2 u_texel;
out vec4 o_color;

// sRGB from three square roots, within 0.25 / 255 of the exact curve (pow costs llvmpipe more).
vec3 linear_to_srgb(vec3 c) {
    vec3 s1 = sqrt(c), s2 = sqrt(s1), s3 = sqrt(s2);
    return mix(c * 12.92, 0.662002687 * s1 + 0.684122060 * s2 - 0.323583601 * s3 - 0.0225411470 * c, step(vec3(0.0031308), c));
}
vec3 aces(vec3 x) { return clamp(x * (2.51 * x + 0.03) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0); }
// The stored values are close to perceptual already (square roots).
float luma(vec3 e) { return dot(e, vec3(0.299, 0.587, 0.114)); }

vec3 fxaa(vec3 m, vec2 uv) {
    float lm = luma(m);
    float nw = luma(texture(u_color, uv + vec2(-0.5, -0.5) * u_texel).rgb);
    float ne = luma(texture(u_color, uv + vec2(0.5, -0.5) * u_texel).rgb);
    float sw = luma(texture(u_color, uv + vec2(-0.5, 0.5) * u_texel).rgb);
    float se = luma(texture(u_color, uv + vec2(0.5, 0.5) * u_texel).rgb);
    float lo = min(lm, min(min(nw, ne), min(sw, se))), hi = max(lm, max(max(nw, ne), max(sw, se)));
    if (hi - lo < max(0.03, hi * 0.125)) return m;
    vec2 dir = vec2(-((nw + ne) - (sw + se)), (nw + sw) - (ne + se));
    float reduce = max((nw + ne + sw + se) * 0.03125, 1.0 / 128.0);
    dir = clamp(dir / (min(abs(dir.x), abs(dir.y)) + reduce), -8.0, 8.0) * u_texel;
    vec3 a = 0.5 * (texture(u_color, uv - dir / 6.0).rgb + texture(u_color, uv + dir / 6.0).rgb);
    vec3 b = 0.5 * a + 0.25 * (texture(u_color, uv - dir * 0.5).rgb + texture(u_color, uv + dir * 0.5).rgb);
    float lb = luma(b);
    return lb < lo || lb > hi ? a : b;
}

float distance_at(ivec2 px) {
    return u_depth_ab.y / (texelFetch(u_depth, px, 0).r * 2.0 - 1.0 + u_depth_ab.x);
}

// The occlusion of this pixel: the 2 × 2 occlusion texels around it (their four sample patterns
// together), each weighted by how near its depth is to this pixel's, so that occlusion does not bleed
// across edges onto the surface behind.
float occlusion(vec2 uv) {
    ivec2 size = textureSize(u_depth, 0), ao_size = textureSize(u_ao, 0);
    ivec2 px = min(ivec2(uv * vec2(size)), size - 1);
    float z = distance_at(px), tol = 0.03 * z + 0.02;
    ivec2 t0 = (px - (u_ao_step - 1)) / u_ao_step;
    if (px.x < u_ao_step - 1) t0.x = -1;
    if (px.y < u_ao_step - 1) t0.y = -1;
    float sum = 0.0, weight = 0.0;
    for (int j = 0; j < 2; ++j)
        for (int i = 0; i < 2; ++i) {
            ivec2 t = clamp(t0 + ivec2(i, j), ivec2(0), ao_size - 1);
            float w = max(0.0, 1.0 - abs(distance_at(min(t * u_ao_step, size - 1)) - z) / tol);
            sum += w * texelFetch(u_ao, t, 0).r;
            weight += w;
        }
    return weight > 1e-3 ? sum / weight : 1.0;
}

void main() {
    vec4 c = texture(u_color, v_uv);
    vec3 e = u_fxaa != 0 ? fxaa(c.rgb, v_uv) : c.rgb;
    vec3 lin = 2.0 * e * e;
    if (c.a >= 0.5) {
        if (u_use_ao != 0) {
            vec3 amb = texture(u_ambient, v_uv).rgb;
            lin = max(lin - 2.0 * amb * amb * (1.0 - occlusion(v_uv)), 0.0);
        }
        lin = aces(lin * 0.9);
    }
    o_color = vec4(linear_to_srgb(clamp(lin, 0.0, 1.0)), 1.0);
    gl_FragDepth = texture(u_depth, v_uv).r;
}
