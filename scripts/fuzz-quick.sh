#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in their own tree and runs each for a short time
# (default 20 s). The g++ test suite calls this so the fuzzers run in every `make test`.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build/fuzz-clang}
SECONDS_EACH=${2:-20}
cmake -S "$ROOT/fuzz" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$BUILD" -j 2
for t in iso2709 marcxml csv roster plan; do
  work="$BUILD/corpus_$t"
  mkdir -p "$work"
  echo "== fuzz_$t for ${SECONDS_EACH}s"
  "$BUILD/fuzz_$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    "$work" "$ROOT/fuzz/corpus/$t" 2>&1 | tail -n 12
done
