// Shared by the lit fragment shaders (included by ShaderProgram::load): sun with a filtered shadow
// map, hemisphere ambient, procedural materials. Colours come in as sRGB and are lit in linear light;
// the lit colour goes to target 0 and its ambient part to target 1 (occlusion darkens only that), both
// stored as sqrt(x / 2) (see encode()).
uniform vec3 u_sun_dir;        // towards the sun, unit
uniform vec3 u_sun_color;
uniform vec3 u_sky_color;
uniform vec3 u_ground_color;
uniform vec3 u_eye;
uniform sampler2DShadow u_shadow;
uniform int u_pcf;             // filter radius in texels: (2r + 1)² taps, each hardware-filtered
uniform float u_shadow_texel;  // 1 / map size
uniform int u_shadows;         // 0: no shadow map
uniform int u_direct;          // 1: straight to the view (fast frames): tone mapped, sRGB-encoded
uniform float u_interior;      // light from the ceiling's panels (walk view, under the ceiling); 0 outside

layout(location = 0) out vec4 o_color;
layout(location = 1) out vec4 o_ambient;

vec3 srgb_to_linear(vec3 c) {
    return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), step(vec3(0.04045), c));
}

// Linear light 0..2 into an 8-bit target and back (present.frag decodes).
vec3 encode(vec3 x) { return sqrt(clamp(x * 0.5, 0.0, 1.0)); }

float hash12(vec2 p) {
    vec3 p3 = fract(vec3(p.xyx) * 0.1031);
    p3 += dot(p3, p3.yzx + 33.33);
    return fract((p3.x + p3.y) * p3.z);
}

float noise2(vec2 p) {
    vec2 i = floor(p), f = fract(p);
    vec2 u = f * f * (3.0 - 2.0 * f);
    return mix(mix(hash12(i), hash12(i + vec2(1, 0)), u.x), mix(hash12(i + vec2(0, 1)), hash12(i + vec2(1, 1)), u.x), u.y);
}

// 1 where a pattern of this period is well resolved on screen, fading to 0 where it would alias.
float resolved(vec2 p, float period) {
    vec2 w = fwidth(p);
    return clamp(1.5 - 2.0 * max(w.x, w.y) / period, 0.0, 1.0);
}

// Floors: planks, vinyl tiles, carpet, paving, grass; the room kind's colour tints the finish.
vec3 floor_albedo(vec3 kind, int m, vec3 p) {
    if (m == 10) {  // wood planks 14 cm wide, 1.2 m long, staggered
        float row = floor(p.y / 0.14);
        float x = p.x + hash12(vec2(row, 3.0)) * 1.2;
        float plank = floor(x / 1.2);
        float tone = 0.82 + 0.3 * hash12(vec2(row, plank));
        float grain = 0.92 + 0.08 * noise2(vec2(x * 3.0, p.y * 90.0));
        float seam = min(smoothstep(0.0, 0.012, fract(p.y / 0.14)), smoothstep(0.0, 0.004, fract(x / 1.2)));
        vec3 wood = vec3(0.62, 0.44, 0.27) * tone * grain * mix(1.0, 0.55 + 0.45 * seam, resolved(p.xy, 0.14));
        return mix(wood, kind, 0.3);
    }
    if (m == 11) {  // vinyl: 0.6 m tiles, speckles
        vec2 t = fract(p.xy / 0.6);
        float seam = min(min(t.x, 1.0 - t.x), min(t.y, 1.0 - t.y));
        float speck = 0.94 + 0.06 * noise2(p.xy * 40.0);
        return kind * speck * mix(1.0, 0.85 + 0.15 * smoothstep(0.0, 0.01, seam), resolved(p.xy, 0.6));
    }
    if (m == 12)  // carpet: a fine mottle
        return kind * 0.85 * (0.9 + 0.1 * noise2(p.xy * 60.0) * resolved(p.xy, 0.05) + 0.05 * noise2(p.xy * 3.0));
    if (m == 13) {  // paving: 40 × 20 cm stones, running bond, dark joints
        float row = floor(p.y / 0.2);
        float x = p.x / 0.4 + 0.5 * mod(row, 2.0);
        vec2 f = vec2(fract(x), fract(p.y / 0.2));
        float joint = smoothstep(0.0, 0.04, min(min(f.x, 1.0 - f.x), min(f.y, 1.0 - f.y)));
        float tone = 0.85 + 0.25 * hash12(vec2(floor(x), row));
        return vec3(0.62, 0.60, 0.56) * tone * mix(1.0, 0.5 + 0.5 * joint, resolved(p.xy, 0.2));
    }
    if (m == 14)  // grass
        return vec3(0.14, 0.30, 0.09) * (0.75 + 0.35 * noise2(p.xy * 8.0) + 0.15 * noise2(p.xy * 50.0) * resolved(p.xy, 0.04));
    return kind;
}

// Furniture and building surfaces.
vec3 surface_albedo(vec3 c, int m, vec3 p, vec3 n) {
    if (m >= 10) return floor_albedo(c, m, p);
    if (m == 2) {  // wood: grain along the longer horizontal run
        vec2 q = abs(n.z) > 0.5 ? p.xy : vec2(dot(p.xy, vec2(0.7071)), p.z);
        float g = noise2(vec2(q.x * 2.0, q.y * 70.0)) * 0.6 + noise2(vec2(q.x * 9.0, q.y * 220.0)) * 0.4;
        return c * (0.88 + 0.2 * g * resolved(q, 0.02));
    }
    if (m == 4) return c * (0.9 + 0.1 * noise2(p.xy * 120.0 + p.z * 90.0) * resolved(p.xy, 0.02));  // fabric
    if (m == 6) return c * (0.97 + 0.03 * noise2(p.xy * 6.0 + p.z * 5.0));  // wall paint
    if (m == 14) return floor_albedo(c, m, p);
    if (m == 9) {  // ceiling: 0.6 m tiles in a grid of thin joints
        vec2 t = fract(p.xy / 0.6);
        float seam = min(min(t.x, 1.0 - t.x), min(t.y, 1.0 - t.y));
        return c * (0.96 + 0.04 * noise2(p.xy * 25.0)) * mix(1.0, 0.82 + 0.18 * smoothstep(0.0, 0.012, seam), resolved(p.xy, 0.6));
    }
    return c;
}

// Ceiling light panels, 0.6 × 1.2 m in the tile grid, every 2.4 m each way: their own light.
vec3 emission(int m, vec3 p) {
    if (m != 9) return vec3(0.0);
    vec2 cell = mod(floor(p.xy / 0.6), 4.0);
    return cell.x == 1.0 && (cell.y == 1.0 || cell.y == 2.0) ? vec3(1.9, 1.85, 1.7) : vec3(0.0);
}

// Specular weight and exponent per material.
vec2 gloss(int m) {
    if (m == 3) return vec2(0.25, 40.0);   // painted steel
    if (m == 5) return vec2(0.9, 120.0);   // glass
    if (m == 7) return vec2(0.15, 30.0);   // plastic
    if (m == 8) return vec2(0.6, 80.0);    // screens
    if (m == 11) return vec2(0.12, 25.0);  // vinyl
    if (m == 2 || m == 10) return vec2(0.06, 16.0);
    return vec2(0.0, 1.0);
}

in vec3 v_shadow;  // position in the shadow map, from the vertex shader (offset along the normal)

float sun_visibility() {
    if (u_shadows == 0) return 1.0;
    vec3 s = v_shadow;
    if (s.z > 1.0) return 1.0;
    if (u_pcf == 0) return texture(u_shadow, vec3(s.xy, s.z - 0.0004));
    float sum = 0.0;
    int taps = 0;
    for (int y = -u_pcf; y <= u_pcf; ++y)
        for (int x = -u_pcf; x <= u_pcf; ++x) {
            sum += texture(u_shadow, vec3(s.xy + vec2(x, y) * u_shadow_texel, s.z - 0.0004));
            ++taps;
        }
    return sum / float(taps);
}

void shade(vec3 base_srgb, int m, vec3 p, vec3 n, float alpha) {
    vec3 albedo = surface_albedo(srgb_to_linear(base_srgb), m, p, n);
    float ndl = max(dot(n, u_sun_dir), 0.0);
    float vis = ndl > 0.0 ? sun_visibility() : 0.0;
    vec3 v = normalize(u_eye - p);
    vec3 h = normalize(v + u_sun_dir);
    vec2 g = gloss(m);
    vec3 direct = u_sun_color * vis * ndl * (albedo + g.x * pow(max(dot(n, h), 0.0), g.y));
    vec3 ambient = albedo * (mix(u_ground_color, u_sky_color, n.z * 0.5 + 0.5) +
                             u_interior * vec3(1.0, 0.97, 0.90) * (0.55 + 0.45 * n.z));
    direct += emission(m, p);
    if (u_direct != 0) {
        vec3 x = direct + ambient;
        x = clamp(x * (2.51 * x + 0.03) / (x * (2.43 * x + 0.59) + 0.14) * 0.9, 0.0, 1.0);
        // sRGB from three square roots (within 0.25 / 255 of the exact curve; pow costs llvmpipe more).
        vec3 s1 = sqrt(x), s2 = sqrt(s1), s3 = sqrt(s2);
        o_color = vec4(mix(x * 12.92, 0.662002687 * s1 + 0.684122060 * s2 - 0.323583601 * s3 - 0.0225411470 * x,
                           step(vec3(0.0031308), x)), alpha);
        o_ambient = vec4(0.0);
        return;
    }
    o_color = vec4(encode(direct + ambient), alpha);
    o_ambient = vec4(encode(ambient), alpha);
}
