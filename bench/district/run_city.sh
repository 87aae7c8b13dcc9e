#!/usr/bin/env bash
# The city at full scale: a scratch PostgreSQL 15 with docs/district-postgresql.conf (niced), the
# schema from bench_district --init-only, the city written server-side by gen_city.sql (seeded),
# then bench_district --generated (search, sync, review) and the data sizes. The cluster is stopped
# and deleted at the end unless KEEP=1.
# Usage: bench/district/run_city.sh build/bin/bench_district [SCHOOLS [SEED [DIR]]]
#   DIR: where the cluster goes (default: a new folder under /work, else under /tmp); about 5 GB
#   for 1,000 schools.
set -euo pipefail
BENCH=$1; SCHOOLS=${2:-1000}; SEED=${3:-1}
BIN=${SHUXIANG_PG_BIN:-/usr/lib/postgresql/15/bin}
HERE=$(cd "$(dirname "$0")" && pwd)
if [ -n "${4:-}" ]; then DIR=$4; mkdir -p "$DIR"; else DIR=$(mktemp -d "$( [ -d /work ] && echo /work || echo /tmp )/sx_pgcity_XXXXXX"); fi
AS=""
if [ "$(id -u)" -eq 0 ]; then chown postgres: "$DIR"; AS="runuser -u postgres --"; fi
$AS "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C >/dev/null
cat "$HERE/../../docs/district-postgresql.conf" >> "$DIR/data/postgresql.conf"
stop() { $AS "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >/dev/null; [ "${KEEP:-0}" = 1 ] || rm -rf "$DIR"; }
trap stop EXIT
# nice: the server's backends inherit it (the machine is shared).
$AS nice -n 10 "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -o "-k $DIR -p 5498 -c listen_addresses=''" start >/dev/null
"$BIN/createdb" -h "$DIR" -p 5498 -U postgres district
URL="postgresql:///district?host=$DIR&port=5498&user=postgres"
"$BENCH" --pg "$URL" --init-only
echo "generating $SCHOOLS schools (seed $SEED), load: $(cut -d' ' -f1-3 /proc/loadavg)"
START=$(date +%s)
"$BIN/psql" -q -X "$URL" -v seed="$SEED" -v schools="$SCHOOLS" -f "$HERE/gen_city.sql"
echo "generated in $(( $(date +%s) - START )) s, load: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN/psql" -X -A -t "$URL" -c "SELECT relname || ' ' || pg_size_pretty(pg_total_relation_size(oid)) FROM pg_class
  WHERE relkind IN ('r', 'i') AND relnamespace = 'public'::regnamespace AND pg_total_relation_size(oid) > 1048576
  ORDER BY pg_total_relation_size(oid) DESC" -c "SELECT 'database ' || pg_size_pretty(pg_database_size('district'))"
nice -n 10 "$BENCH" --pg "$URL" --schools "$SCHOOLS" --seed "$SEED" --generated --check-tokens 2000
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
