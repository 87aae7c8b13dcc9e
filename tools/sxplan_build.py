"""Helpers for writing .sxplan.json files by script, with a layout checker.

Python 3 standard library only. Used by tools/make_demo.py for the demo school and the templates.
The checker enforces more than the file format does, so that bundled plans are good examples:
furniture inside its room, no overlaps, room for chairs at tables, aisles of at least 1.0 m between
shelving faces and 0.75 m from shelving to walls, clear floor in front of every door, and every room
reachable from an entrance through doors (the same door-side probe as library_core/plan geometry).
"""
import glob
import json
import math
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA_VERSION = 2

SHELVING = {"shelving_single", "shelving_double"}


def load_catalog():
    types = {}
    for f in sorted(glob.glob(os.path.join(ROOT, "assets", "furniture", "*.json"))):
        with open(f, encoding="utf-8") as fh:
            for t in json.load(fh)["types"]:
                if t.get("faces", 0) and t["category"] in SHELVING:
                    t["width"] = t["sections"] * t["section_width"]
                types[t["id"]] = t
    return types


CATALOG = load_catalog()


def r3(v):
    v = round(v, 3)
    return 0.0 if v == 0 else v


def rect(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def cos_sin(deg):
    d = deg % 360
    exact = {0: (1.0, 0.0), 90: (0.0, 1.0), 180: (-1.0, 0.0), 270: (0.0, -1.0)}
    if d in exact:
        return exact[d]
    return math.cos(math.radians(d)), math.sin(math.radians(d))


def transform(local, pos, yaw):
    c, s = cos_sin(yaw)
    return [(pos[0] + x * c - y * s, pos[1] + x * s + y * c) for x, y in local]


def eff_width(t, sections):
    if sections and t.get("sections", 0) > 0 and t.get("section_width", 0) > 0:
        return t["width"] + (sections - t["sections"]) * t["section_width"]
    return t["width"]


def local_box(t, sections, grow=(0, 0, 0, 0)):
    """Local rectangle grown by (left -X, right +X, back -Y, front +Y)."""
    w = eff_width(t, sections)
    d = t["depth"]
    l, r, b, f = grow
    return rect(-w / 2 - l, -d / 2 - b, w / 2 + r, d / 2 + f)


def footprint(t, pos, yaw, sections=None):
    if t.get("footprint"):
        return transform([tuple(p) for p in t["footprint"]], pos, yaw)
    return transform(local_box(t, sections), pos, yaw)


def area(poly):
    a = 0.0
    for i in range(len(poly)):
        x0, y0 = poly[i]
        x1, y1 = poly[(i + 1) % len(poly)]
        a += x0 * y1 - x1 * y0
    return a / 2


def overlap_depth(a, b):
    """Separating-axis penetration depth of two convex polygons (<= 0: apart or touching)."""
    best = float("inf")
    for poly in (a, b):
        for i in range(len(poly)):
            x0, y0 = poly[i]
            x1, y1 = poly[(i + 1) % len(poly)]
            nx, ny = y0 - y1, x1 - x0
            n = math.hypot(nx, ny)
            if n == 0:
                continue
            nx, ny = nx / n, ny / n
            pa = [x * nx + y * ny for x, y in a]
            pb = [x * nx + y * ny for x, y in b]
            best = min(best, min(max(pa), max(pb)) - max(min(pa), min(pb)))
    return best


def point_in_poly(p, poly):
    x, y = p
    inside = False
    for i in range(len(poly)):
        x0, y0 = poly[i]
        x1, y1 = poly[(i + 1) % len(poly)]
        if (y0 > y) != (y1 > y):
            xi = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
            if xi > x:
                inside = not inside
    return inside


def inside_convex(inner, outer, tol=1e-6):
    """All points of `inner` inside the convex CCW polygon `outer`."""
    for px, py in inner:
        for i in range(len(outer)):
            x0, y0 = outer[i]
            x1, y1 = outer[(i + 1) % len(outer)]
            if (x1 - x0) * (py - y0) - (y1 - y0) * (px - x0) < -tol:
                return False
    return True


class Level:
    def __init__(self, plan, id, name, elevation=0.0):
        self.plan = plan
        plan.claim(id)
        self.id = id
        self.name = name
        self.elevation = elevation
        self.rooms, self.walls, self.openings, self.furniture = [], [], [], []
        self._wall = {}
        self._zones = []  # (furniture id, polygon, kind) clearance zones for the checker
        plan.levels.append(self)

    # ---- building elements
    def wall(self, id, p0, p1, thickness=0.24, height=3.6):
        self.plan.claim(id)
        w = {"id": id, "points": [list(map(r3, p0)), list(map(r3, p1))], "thickness": thickness, "height": height}
        self.walls.append(w)
        self._wall[id] = w
        return id

    def room(self, id, name, kind, poly, clear_height=3.2, for_teachers=False):
        self.plan.claim(id)
        if area(poly) < 0:
            poly = list(reversed(poly))
        r = {"id": id, "name": name, "kind": kind, "polygon": [[r3(x), r3(y)] for x, y in poly],
             "clear_height": clear_height}
        if for_teachers:
            r["for_teachers"] = True
        self.rooms.append(r)
        return r

    def opening(self, id, kind, wall, offset, width, height=2.1, sill=0.0, swing="none", entrance=False):
        self.plan.claim(id)
        o = {"id": id, "kind": kind, "wall": wall, "offset": r3(offset), "width": width, "height": height}
        if sill:
            o["sill"] = sill
        if swing != "none":
            o["swing"] = swing
        if entrance:
            o["entrance"] = True
        self.openings.append(o)
        return o

    def door(self, id, wall, offset, width=1.0, swing="left", entrance=False, kind="door"):
        return self.opening(id, kind, wall, offset, width, 2.1 if width < 1.5 else 2.4, 0.0, swing, entrance)

    def window(self, id, wall, offset, width=1.8, height=1.8, sill=0.9):
        return self.opening(id, "window", wall, offset, width, height, sill)

    # ---- furniture
    def put(self, id, type, x, y, yaw=0, label=None, sections=None):
        if type not in CATALOG:
            raise SystemExit(f"unknown furniture type {type}")
        self.plan.claim(id)
        f = {"id": id, "type": type, "position": [r3(x), r3(y)]}
        if yaw:
            f["yaw"] = yaw
        if label:
            f["label"] = label
        if sections is not None:
            f["sections"] = sections
        self.furniture.append(f)
        return f

    # ---- geometry of placed things
    def fp(self, f):
        return footprint(CATALOG[f["type"]], f["position"], f.get("yaw", 0), f.get("sections"))

    def wall_frame(self, o):
        w = self._wall[o["wall"]]
        (x0, y0), (x1, y1) = w["points"]
        L = math.hypot(x1 - x0, y1 - y0)
        dx, dy = (x1 - x0) / L, (y1 - y0) / L
        cx, cy = x0 + dx * o["offset"], y0 + dy * o["offset"]
        return (cx, cy), (dx, dy), (-dy, dx), w["thickness"], L

    def room_at(self, p):
        best = None
        for r in self.rooms:
            poly = [tuple(v) for v in r["polygon"]]
            if point_in_poly(p, poly) and (best is None or abs(area(poly)) < abs(area(best[1]))):
                best = (r, poly)
        return best[0] if best else None

    # ---- checks
    def check(self):
        errs = []
        polys = {f["id"]: self.fp(f) for f in self.furniture}
        # Clearance zones: chairs at tables and carrels, faces of shelving, fronts of kiosks and sofas.
        zones = []
        wall_zones = []  # zones that must stay inside the room (0.75 m around shelving)
        for f in self.furniture:
            t = CATALOG[f["type"]]
            cat, sec, pos, yaw = t["category"], f.get("sections"), f["position"], f.get("yaw", 0)
            if cat == "reading_table" and not t.get("footprint") and not t.get("outdoor"):
                g = 0.6
                zones.append((f["id"], transform(local_box(t, sec, (0, 0, g, g)), pos, yaw)))
            elif cat == "reading_table" and t.get("footprint"):
                zones.append((f["id"], transform(local_box(t, sec, (0.55, 0.55, 0.55, 0.55)), pos, yaw)))
            elif cat in ("carrel", "ereader") and t.get("seats", 0) == 1:
                zones.append((f["id"], transform(local_box(t, sec, (0, 0, 0.6, 0)), pos, yaw)))
            elif cat == "carrel":
                zones.append((f["id"], transform(local_box(t, sec, (0, 0, 0.6, 0.6)), pos, yaw)))
            elif cat in ("sofa", "kiosk", "circulation_desk"):
                zones.append((f["id"], transform(local_box(t, sec, (0, 0, 0.5 if cat == "sofa" else 0.9, 0)), pos, yaw)))
            elif cat in SHELVING:
                # Local -Y is the front (the face readers stand at); a single-faced unit's back is +Y.
                back = 0.5 if cat == "shelving_double" else 0.0
                zones.append((f["id"], transform(local_box(t, sec, (0, 0, 0.5, back)), pos, yaw)))
                # 行道: 1.0 m in front of every face, also where the other side is a wall; 0.75 m at the ends.
                wb = 1.0 if cat == "shelving_double" else 0.0
                wall_zones.append((f["id"], transform(local_box(t, sec, (0.75, 0.75, 1.0, wb)), pos, yaw)))
        # Doors: 1 m of clear floor on both sides (two doors may share that floor).
        door_ids = set()
        for o in self.openings:
            if o["kind"] == "window":
                continue
            (cx, cy), (dx, dy), (nx, ny), th, _ = self.wall_frame(o)
            hw = o["width"] / 2
            for s in (1, -1):
                a = th / 2
                pts = [(cx - dx * hw + s * nx * a, cy - dy * hw + s * ny * a),
                       (cx + dx * hw + s * nx * a, cy + dy * hw + s * ny * a),
                       (cx + dx * hw + s * nx * (a + 1.0), cy + dy * hw + s * ny * (a + 1.0)),
                       (cx - dx * hw + s * nx * (a + 1.0), cy - dy * hw + s * ny * (a + 1.0))]
                if area(pts) < 0:
                    pts.reverse()
                zones.append((o["id"], pts))
                door_ids.add(o["id"])
        ids = list(polys)
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                d = overlap_depth(polys[ids[i]], polys[ids[j]])
                if d > 1e-6:
                    errs.append(f"{self.id}: {ids[i]} overlaps {ids[j]} by {d:.3f}")
        for zid, z in zones:
            for fid, p in polys.items():
                if fid != zid and overlap_depth(z, p) > 1e-6:
                    errs.append(f"{self.id}: clearance of {zid} blocked by {fid}")
        for i in range(len(zones)):
            for j in range(i + 1, len(zones)):
                a, b = zones[i], zones[j]
                if a[0] in door_ids and b[0] in door_ids:
                    continue
                if a[0] != b[0] and overlap_depth(a[1], b[1]) > 1e-6:
                    errs.append(f"{self.id}: clearance of {a[0]} overlaps clearance of {b[0]}")
        for f in self.furniture:
            r = self.room_at(tuple(f["position"]))
            if r is None:
                errs.append(f"{self.id}: {f['id']} outside every room")
                continue
            rp = [tuple(v) for v in r["polygon"]]
            if not inside_convex(polys[f["id"]], rp):
                errs.append(f"{self.id}: {f['id']} not inside room {r['id']}")
            for zid, z in zones + wall_zones:
                if zid == f["id"] and not inside_convex(z, rp):
                    errs.append(f"{self.id}: clearance of {zid} leaves room {r['id']}")
        # Openings on a wall must not overlap each other or run past the wall's ends.
        by_wall = {}
        for o in self.openings:
            _, _, _, _, L = self.wall_frame(o)
            lo, hi = o["offset"] - o["width"] / 2, o["offset"] + o["width"] / 2
            if lo < 0.1 or hi > L - 0.1:
                errs.append(f"{self.id}: opening {o['id']} runs past the end of {o['wall']}")
            by_wall.setdefault(o["wall"], []).append((lo, hi, o["id"]))
        for w, spans in by_wall.items():
            spans.sort()
            for a, b in zip(spans, spans[1:]):
                if b[0] < a[1] + 0.2:
                    errs.append(f"{self.id}: openings {a[2]} and {b[2]} collide on {w}")
        errs += self.check_reach()
        return errs

    def door_sides(self, o):
        (cx, cy), _, (nx, ny), th, _ = self.wall_frame(o)
        d = th / 2 + 0.1
        return self.room_at((cx + nx * d, cy + ny * d)), self.room_at((cx - nx * d, cy - ny * d))

    def check_reach(self):
        entr = [o for o in self.openings if o.get("entrance")]
        if not entr:
            # An open-air level without walls (a garden template) has no doors to come in by.
            return [] if not self.walls else [f"{self.id}: no entrance"]
        adj = {r["id"]: set() for r in self.rooms}
        # Zones join their innermost container.
        for r in self.rooms:
            poly = [tuple(v) for v in r["polygon"]]
            best = None
            for q in self.rooms:
                if q is r:
                    continue
                qp = [tuple(v) for v in q["polygon"]]
                if inside_convex(poly, qp) and abs(area(qp)) > abs(area(poly)):
                    if best is None or abs(area(qp)) < abs(area(best[1])):
                        best = (q, qp)
            if best:
                adj[r["id"]].add(best[0]["id"])
                adj[best[0]["id"]].add(r["id"])
        start = set()
        for o in self.openings:
            if o["kind"] == "window":
                continue
            a, b = self.door_sides(o)
            if a and b:
                adj[a["id"]].add(b["id"])
                adj[b["id"]].add(a["id"])
            if o.get("entrance"):
                start |= {r["id"] for r in (a, b) if r}
            if o["kind"] != "window" and not a and not b:
                return [f"{self.id}: door {o['id']} touches no room"]
        seen, todo = set(start), list(start)
        while todo:
            for n in adj[todo.pop()]:
                if n not in seen:
                    seen.add(n)
                    todo.append(n)
        return [f"{self.id}: room {r['id']} not reachable" for r in self.rooms if r["id"] not in seen]

    def to_json(self):
        return {"id": self.id, "name": self.name, "elevation": self.elevation, "rooms": self.rooms,
                "walls": self.walls, "openings": self.openings, "furniture": self.furniture}


class Plan:
    def __init__(self, school, opening_hours, notes=""):
        self.school = school
        self.opening_hours = opening_hours
        self.notes = notes
        self.levels = []
        self._ids = set()

    def claim(self, id):
        if id in self._ids:
            raise SystemExit(f"duplicate id {id}")
        self._ids.add(id)

    def check(self):
        errs = []
        for l in self.levels:
            errs += l.check()
        return errs

    def write(self, path):
        errs = self.check()
        if errs:
            raise SystemExit(f"{path}:\n  " + "\n  ".join(errs))
        doc = {"schema_version": SCHEMA_VERSION, "school": self.school,
               "opening_hours_per_week": self.opening_hours, "notes": self.notes,
               "levels": [l.to_json() for l in self.levels]}
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        os.makedirs(os.path.dirname(path), exist_ok=True)
        tmp = path + ".tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)

    def stats(self):
        out = []
        for l in self.levels:
            for r in l.rooms:
                poly = [tuple(v) for v in r["polygon"]]
                seats, metres = 0, 0.0
                for f in l.furniture:
                    if l.room_at(tuple(f["position"])) is r:
                        t = CATALOG[f["type"]]
                        seats += t.get("seats", 0)
                        if t.get("faces", 0):
                            s = f.get("sections") or t["sections"]
                            metres += s * t["section_width"] * t["shelf_levels"] * t["faces"]
                out.append((l.id, r["id"], r["name"], r["kind"], abs(area(poly)), seats, metres))
        return out
