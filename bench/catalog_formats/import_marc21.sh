#!/usr/bin/env bash
# End to end on real MARC21: MARC::Record's sample records (tests/data/catalog/marc21_camel.usmarc,
# t/camel.usmarc in Debian's libmarc-record-perl source) repeated to RECORDS records, each copy
# given its own 001 so that every record is new to the library. Measures, as whole processes:
#   - `shuxiang catalog import` into a new library.db: wall, CPU, records/s and peak RSS;
#   - `shuxiang catalog check` next to `yaz-marcdump -n` on the same file, alternately.
#
#   bench/catalog_formats/import_marc21.sh [RECORDS [RUNS [BUILD_DIR [EXTRA IMPORT OPTIONS...]]]]
#   ONLY=check bench/catalog_formats/import_marc21.sh 100000 5    # the check comparison alone
#   ONLY=import bench/catalog_formats/import_marc21.sh 100000 5   # the import alone
# Each line ends with the machine's 1-minute load average at that moment.
set -euo pipefail
records=${1:-100000}
runs=${2:-3}
build=${3:-build}
shift $(( $# < 3 ? $# : 3 ))
root=$(cd "$(dirname "$0")/../.." && pwd)
bin="$build/bin/shuxiang"
[ -x "$bin" ] || { echo "no $bin: build first (make build)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/sx_import_marc21.XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 - "$root/tests/data/catalog/marc21_camel.usmarc" "$work/in.mrc" "$records" <<'PY'
import sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src, "rb").read()
recs = [r + b"\x1d" for r in data.split(b"\x1d") if r]
out = bytearray()
for k in range(n):
    r = bytearray(recs[k % len(recs)])
    base = int(r[12:17])
    d = 24
    while r[d] != 0x1E:  # find 001 in the directory and give it a unique id of the same length
        if r[d:d + 3] == b"001":
            ln, off = int(r[d + 3:d + 7]), int(r[d + 7:d + 12])
            r[base + off:base + off + ln - 1] = (b"sx%09d" % k).ljust(ln - 1)[: ln - 1]
        d += 12
    out += r
open(dst, "wb").write(out)
PY
echo "file: $records MARC21 records, $(( $(stat -c %s "$work/in.mrc") / 1048576 )) MiB; import options: ${*:-(defaults)}"
only=${ONLY:-}
for ((k = 1; k <= runs; ++k)); do
    [ "$only" = check ] && break
    rm -f "$work"/import.db*
    /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$bin" catalog import --db "$work/import.db" "$@" "$work/in.mrc" >/dev/null 2>&1
    read -r wall user sys rss <"$work/t"
    awk -v n="$records" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" -v k="$k" -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
        printf "import run %d: wall %.2f s (%.0f records/s), CPU %.2f s (%.0f records/s), peak RSS %.0f MB; load %s\n",
               k, w, n / w, u + s, n / (u + s), m / 1024, l }'
done
[ "$only" = import ] && exit 0
command -v yaz-marcdump >/dev/null || { echo "yaz-marcdump not found (Debian package yaz): check comparison skipped"; exit 0; }
# Both commands 10 times per run, taking turns so that load changes hit both; wall and CPU time
# (user + system, from wait4) summed over the 10.
python3 - "$bin" "$work/in.mrc" "$records" "$runs" <<'PY'
import os, subprocess, sys, time
bin, path, n, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def once(cmd):
    t = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    return time.perf_counter() - t, ru.ru_utime + ru.ru_stime
for k in range(1, runs + 1):
    tot = {"yaz": [0.0, 0.0], "sx": [0.0, 0.0]}
    for _ in range(10):
        for name, cmd in (("yaz", ["yaz-marcdump", "-n", path]), ("sx", [bin, "catalog", "check", path])):
            w, c = once(cmd)
            tot[name][0] += w
            tot[name][1] += c
    (yw, yc), (sw, sc) = tot["yaz"], tot["sx"]
    print(f"check run {k} (10 each): yaz-marcdump -n {10 * n / yw:,.0f} records/s wall, {10 * n / yc:,.0f} CPU; "
          f"catalog check {10 * n / sw:,.0f} wall, {10 * n / sc:,.0f} CPU; ratio wall {yw / sw:.2f}, CPU {yc / sc:.2f}; "
          f"load {os.getloadavg()[0]:.1f}")
PY
