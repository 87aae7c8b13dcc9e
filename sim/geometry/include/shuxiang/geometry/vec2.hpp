// 2-D vector and segment helpers for the pedestrian simulator (metres, X east, Y north).
#pragma once

#include <cmath>

namespace shuxiang::geometry {

// A point or direction in the floor plane.
struct Vec2 {
    double x = 0.0;
    double y = 0.0;
};

inline Vec2 operator+(Vec2 a, Vec2 b) { return {a.x + b.x, a.y + b.y}; }
inline Vec2 operator-(Vec2 a, Vec2 b) { return {a.x - b.x, a.y - b.y}; }
inline Vec2 operator*(Vec2 a, double s) { return {a.x * s, a.y * s}; }
inline Vec2 operator*(double s, Vec2 a) { return {a.x * s, a.y * s}; }
inline Vec2& operator+=(Vec2& a, Vec2 b) { a.x += b.x; a.y += b.y; return a; }
inline Vec2& operator-=(Vec2& a, Vec2 b) { a.x -= b.x; a.y -= b.y; return a; }
inline double dot(Vec2 a, Vec2 b) { return a.x * b.x + a.y * b.y; }
inline double cross(Vec2 a, Vec2 b) { return a.x * b.y - a.y * b.x; }
inline double norm(Vec2 a) { return std::sqrt(dot(a, a)); }
inline double norm2(Vec2 a) { return dot(a, a); }
inline Vec2 perp(Vec2 a) { return {-a.y, a.x}; }
inline Vec2 normalized(Vec2 a) {
    double n = norm(a);
    return n > 1e-12 ? a * (1.0 / n) : Vec2{0.0, 0.0};
}

// A straight wall piece, exit line or measuring line.
struct Segment {
    Vec2 a;
    Vec2 b;
};

// Closest point on segment s to p.
inline Vec2 closest_point(const Segment& s, Vec2 p) {
    Vec2 d = s.b - s.a;
    double l2 = norm2(d);
    double t = l2 > 0.0 ? dot(p - s.a, d) / l2 : 0.0;
    t = t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t);
    return s.a + d * t;
}

inline double distance(const Segment& s, Vec2 p) { return norm(p - closest_point(s, p)); }

// True when the open segments p0-p1 and q0-q1 cross (touching end points do not count).
inline bool segments_cross(Vec2 p0, Vec2 p1, Vec2 q0, Vec2 q1) {
    Vec2 r = p1 - p0, s = q1 - q0;
    double den = cross(r, s);
    if (std::abs(den) < 1e-14) return false;
    double t = cross(q0 - p0, s) / den;
    double u = cross(q0 - p0, r) / den;
    return t > 0.0 && t < 1.0 && u > 0.0 && u < 1.0;
}

// Distance between two segments (0 when they cross).
inline double segment_distance(const Segment& s, const Segment& t) {
    if (segments_cross(s.a, s.b, t.a, t.b)) return 0.0;
    double d = distance(s, t.a);
    d = std::fmin(d, distance(s, t.b));
    d = std::fmin(d, distance(t, s.a));
    d = std::fmin(d, distance(t, s.b));
    return d;
}

}  // namespace shuxiang::geometry
