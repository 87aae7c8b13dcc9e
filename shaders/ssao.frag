#version 330 core
// Screen-space ambient occlusion from depth alone (the Alchemy estimator): samples on a disc around
// each pixel, turned per pixel by interleaved gradient noise; normals from the depth's derivatives.
in vec2 v_uv;
uniform sampler2D u_depth;
uniform mat4 u_proj;
uniform mat4 u_inv_proj;
uniform vec2 u_size;      // this pass's pixels
uniform int u_samples;
uniform float u_radius;   // m
uniform float u_strength;
out float o_ao;

vec3 view_pos(vec2 uv) {
    float d = texture(u_depth, uv).r;
    vec4 v = u_inv_proj * vec4(uv * 2.0 - 1.0, d * 2.0 - 1.0, 1.0);
    return v.xyz / v.w;
}

void main() {
    if (texture(u_depth, v_uv).r >= 1.0) {
        o_ao = 1.0;
        return;
    }
    vec3 P = view_pos(v_uv);
    vec3 N = normalize(cross(dFdx(P), dFdy(P)));
    if (dot(N, P) > 0.0) N = -N;
    float radius_uv = u_radius * u_proj[1][1] * 0.5 / max(-P.z, 0.1);
    float turn = 6.2831853 * fract(52.9829189 * fract(dot(gl_FragCoord.xy, vec2(0.06711056, 0.00583715))));
    float sum = 0.0;
    for (int i = 0; i < u_samples; ++i) {
        float t = (float(i) + 0.5) / float(u_samples);
        float a = turn + float(i) * 2.3999632;
        vec2 off = vec2(cos(a), sin(a)) * sqrt(t) * radius_uv;
        off.x *= u_size.y / u_size.x;
        vec3 v = view_pos(v_uv + off) - P;
        float vv = dot(v, v);
        float range = step(vv, 4.0 * u_radius * u_radius);
        // The bias (m) keeps flat surfaces from occluding themselves through depth quantisation.
        sum += range * max(0.0, dot(v, N) - (0.04 + 0.004 * -P.z)) / (vv + 0.01);
    }
    o_ao = clamp(1.0 - u_strength * u_radius * sum / float(u_samples), 0.0, 1.0);
}
