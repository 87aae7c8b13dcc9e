#!/usr/bin/env bash
# `make bench`: runs every benchmark program in the build tree. Results go to bench-results/ as JSON;
# docs/benchmarks.md records the figures and how to reproduce them.
set -euo pipefail
BUILD_DIR=${1:-build}
OUT=${BENCH_OUT:-bench-results}
mkdir -p "$OUT"
for b in "$BUILD_DIR"/bin/bench_*; do
  [ -x "$b" ] || continue
  name=$(basename "$b")
  echo "== $name"
  case "$name" in
    bench_editor) xvfb-run -a -s "-screen 0 1600x1000x24" "$b" --benchmark_out="$OUT/$name.json" --benchmark_out_format=json ;;
    *) "$b" --benchmark_out="$OUT/$name.json" --benchmark_out_format=json ;;
  esac
done
