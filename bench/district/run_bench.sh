#!/usr/bin/env bash
# Starts a scratch PostgreSQL 15 with docs/district-postgresql.conf, runs bench_district against
# it, stops it. Usage: bench/district/run_bench.sh build/bin/bench_district [SCHOOLS]
set -euo pipefail
BENCH=$1; SCHOOLS=${2:-100}
BIN=${SHUXIANG_PG_BIN:-/usr/lib/postgresql/15/bin}
HERE=$(cd "$(dirname "$0")" && pwd)
DIR=$(mktemp -d /tmp/sx_pgbench_XXXXXX)
AS=""
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$DIR"; AS="runuser -u postgres --"; fi
$AS "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C >/dev/null
cat "$HERE/../../docs/district-postgresql.conf" >> "$DIR/data/postgresql.conf"
trap '$AS "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null; rm -rf "$DIR"' EXIT
$AS "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o "-k $DIR -p 5499 -c listen_addresses=''" start >/dev/null
"$BIN/createdb" -h "$DIR" -p 5499 -U postgres district
"$BENCH" --pg "postgresql:///district?host=$DIR&port=5499&user=postgres" --schools "$SCHOOLS"
