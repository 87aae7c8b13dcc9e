#version 330 core
// Screen-space ambient occlusion from depth alone (the Alchemy estimator, McGuire et al. 2011).
// Every position is rebuilt at the centre of the depth texel it was read from (texelFetch), so that
// sloped surfaces seen at a grazing angle (floors in the walk view, the sides of shelving) do not
// occlude themselves in bands: reading a texel's depth at another point of the pixel, as sampling at
// arbitrary coordinates does, bends the surface stepwise. The normal is taken from the neighbour on the
// side where the surface goes on (the smaller depth step), so that it does not tilt at silhouettes.
// Samples lie on a spiral turned by one of four angles in a 2 × 2 pattern, which the final pass
// averages away (present.frag); their weight falls off smoothly with distance (no hard range edge).
uniform sampler2D u_depth;   // full resolution
uniform mat4 u_proj;
uniform mat4 u_inv_proj;
uniform ivec2 u_depth_size;  // full-resolution pixels
uniform int u_step;          // full-resolution pixels per occlusion pixel (1 or 2)
uniform int u_samples;
uniform float u_radius;      // m
uniform float u_strength;
out float o_ao;

vec3 view_at(ivec2 px) {
    px = clamp(px, ivec2(0), u_depth_size - 1);
    float d = texelFetch(u_depth, px, 0).r;
    vec2 ndc = (vec2(px) + 0.5) / vec2(u_depth_size) * 2.0 - 1.0;
    vec4 v = u_inv_proj * vec4(ndc, d * 2.0 - 1.0, 1.0);
    return v.xyz / v.w;
}

void main() {
    ivec2 px = ivec2(gl_FragCoord.xy) * u_step;
    if (texelFetch(u_depth, px, 0).r >= 1.0) {
        o_ao = 1.0;
        return;
    }
    vec3 P = view_at(px);
    vec3 l = view_at(px - ivec2(1, 0)), r = view_at(px + ivec2(1, 0));
    vec3 b = view_at(px - ivec2(0, 1)), t = view_at(px + ivec2(0, 1));
    vec3 dx = abs(r.z - P.z) < abs(P.z - l.z) ? r - P : P - l;
    vec3 dy = abs(t.z - P.z) < abs(P.z - b.z) ? t - P : P - b;
    vec3 N = normalize(cross(dx, dy));
    if (dot(N, P) > 0.0) N = -N;
    // The radius in full-resolution pixels, kept between 2 px and a tenth of the view.
    float radius_px = u_radius * u_proj[1][1] * 0.5 * float(u_depth_size.y) / max(-P.z, 0.05);
    radius_px = clamp(radius_px, 2.0, 0.1 * float(u_depth_size.y));
    ivec2 cell = ivec2(gl_FragCoord.xy) & 1;
    float turn = 1.5707963 * float(cell.x * 2 + (cell.x ^ cell.y)) + 0.4;
    float r2 = u_radius * u_radius;
    float bias = 0.01 + 0.002 * -P.z;  // m: depth quantisation on flat surfaces
    float sum = 0.0;
    for (int i = 0; i < u_samples; ++i) {
        float s = (float(i) + 0.5) / float(u_samples);
        float a = turn + float(i) * 2.3999632;
        ivec2 q = px + ivec2(round(vec2(cos(a), sin(a)) * s * radius_px));
        if (any(lessThan(q, ivec2(0))) || any(greaterThanEqual(q, u_depth_size))) continue;
        vec3 v = view_at(q) - P;
        float vv = dot(v, v);
        float fall = max(0.0, 1.0 - vv / r2);
        sum += fall * max(0.0, dot(v, N) - bias) / (vv + 0.01);
    }
    o_ao = clamp(1.0 - u_strength * u_radius * sum / float(u_samples), 0.0, 1.0);
}
