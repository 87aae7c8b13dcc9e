#version 330 core
// Lit colour with its ambient part darkened by the occlusion, then tone mapped (linear in, linear out:
// the target encodes sRGB). Pixels written unlit (alpha 0: background, overlays) pass through.
in vec2 v_uv;
uniform sampler2D u_color;
uniform sampler2D u_ambient;
uniform sampler2D u_ao;
uniform int u_use_ao;
uniform vec2 u_ao_texel;
out vec4 o_color;

vec3 aces(vec3 x) { return clamp(x * (2.51 * x + 0.03) / (x * (2.43 * x + 0.59) + 0.14), 0.0, 1.0); }

void main() {
    vec4 c = texture(u_color, v_uv);
    if (c.a < 0.5) {
        o_color = vec4(c.rgb, 1.0);
        return;
    }
    float ao = 1.0;
    if (u_use_ao != 0) {  // four bilinear taps: a small blur of the occlusion
        ao = 0.25 * (texture(u_ao, v_uv + u_ao_texel * vec2(-0.5, -0.5)).r + texture(u_ao, v_uv + u_ao_texel * vec2(0.5, -0.5)).r +
                     texture(u_ao, v_uv + u_ao_texel * vec2(-0.5, 0.5)).r + texture(u_ao, v_uv + u_ao_texel * vec2(0.5, 0.5)).r);
    }
    vec3 lit = c.rgb - texture(u_ambient, v_uv).rgb * (1.0 - ao);
    o_color = vec4(aces(lit * 0.9), 1.0);
}
