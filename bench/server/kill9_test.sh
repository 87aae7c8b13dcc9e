#!/usr/bin/env bash
# kill9_test.sh SHUXIANG BENCH_SERVER [ROUNDS]: a fresh synthetic library, then `bench_server kill`:
# kill -9 the server during desk traffic ROUNDS times; fails when a loan answered OK is missing
# from the database or integrity_check is not ok.
set -euo pipefail
shuxiang=$1 bench=$2 rounds=${3:-20}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$shuxiang" catalog demo --db "$dir/library.db" --records 2000 --seed 3 >/dev/null
"$bench" kill --shuxiang "$shuxiang" --db "$dir/library.db" --rounds "$rounds"
