#!/usr/bin/env bash
# End-to-end `shuxiang catalog import` of one ISO 2709 file into a new library.db: reading,
# mapping, storing and the final index merge, as a librarian runs it. Prints wall and CPU time
# and records per second for each run.
#
#   bench/catalog_store/import_file.sh [RECORDS [RUNS [BUILD_DIR [EXTRA IMPORT OPTIONS...]]]]
#   bench/catalog_store/import_file.sh 100000 5 build --batch 20000
set -euo pipefail
records=${1:-100000}
runs=${2:-5}
build=${3:-build}
shift $(( $# < 3 ? $# : 3 ))
bin="$build/bin/shuxiang"
[ -x "$bin" ] || { echo "no $bin: build first (make build)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/sx_import_file.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$bin" catalog demo --db "$work/source.db" --records "$records" --seed 11 >/dev/null
"$bin" catalog export --db "$work/source.db" --format cnmarc "$work/in.mrc" >/dev/null
echo "file: $records CNMARC records, $(( $(stat -c %s "$work/in.mrc") / 1048576 )) MiB; options: ${*:-(defaults)}"
TIMEFORMAT='%R %U %S'
for ((k = 1; k <= runs; ++k)); do
    rm -f "$work"/import.db*
    t=$( { time "$bin" catalog import --db "$work/import.db" "$@" "$work/in.mrc" >/dev/null 2>&1; } 2>&1 )
    read -r wall user sys <<<"$t"
    awk -v n="$records" -v w="$wall" -v u="$user" -v s="$sys" -v k="$k" 'BEGIN {
        printf "run %d: wall %.2f s (%.0f records/s), CPU %.2f s (user %.2f + sys %.2f)\n", k, w, n / w, u + s, u, s }'
done
