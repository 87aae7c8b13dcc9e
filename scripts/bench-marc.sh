#!/usr/bin/env bash
# ISO 2709 parse throughput of Shuxiang's reader next to `yaz-marcdump -n`, on the same generated
# file of 100,000 CNMARC records, in one run. Prints both rates and the ratio (target: >= 1.5).
# CPU-time rates are shown as well as wall-clock ones because build machines are often shared.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v yaz-marcdump >/dev/null || { echo "yaz-marcdump not found (Debian package yaz)" >&2; exit 1; }
cmake --preset release >/dev/null
cmake --build build --target bench_catalog_formats -j"${JOBS:-2}" >/dev/null
out=$(./build/bin/bench_catalog_formats --benchmark_format=json "$@")
python3 - "$out" <<'PY'
import json, sys
runs = {b["name"].split("/")[0]: b for b in json.loads(sys.argv[1])["benchmarks"]}
s = runs["BM_SideBySide"]  # both readers alternately, 12 times each
print(f"wall-clock  shuxiang {s['shuxiang_rps']/1e3:6.0f}k records/s   yaz-marcdump -n {s['yaz_rps']/1e3:6.0f}k records/s   ratio {s['ratio_wall']:4.2f}")
print(f"CPU time    shuxiang {s['shuxiang_cpu_rps']/1e3:6.0f}k records/s   yaz-marcdump -n {s['yaz_cpu_rps']/1e3:6.0f}k records/s   ratio {s['ratio_cpu']:4.2f}")
PY
