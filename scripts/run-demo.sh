#!/usr/bin/env bash
# `make run`: opens the editor on the bundled demo school with its synthetic library database.
# Without a display (a server, CI) the editor renders one frame under Xvfb into a screenshot and
# the demo plan's summary is printed instead. The demo database is shelved on the demo plan, so the
# books on the shelves show in their 中图法 class colours.
set -euo pipefail
BUILD_DIR=${1:-build}
BIN=$BUILD_DIR/bin
PLAN=assets/demo/demo-school.sxplan.json
DB_DIR=$BUILD_DIR/demo
DB=$DB_DIR/library.db
mkdir -p "$DB_DIR"

args=()
if [ -x "$BIN/shuxiang" ] && "$BIN/shuxiang" catalog --help >/dev/null 2>&1; then
  if [ ! -f "$DB" ]; then
    echo "Creating the demo library database (synthetic collection) in $DB ..."
    "$BIN/shuxiang" catalog demo --db "$DB" --students 1800 --type nine_year --seed 1
    rm -f "$DB_DIR/shelved"
  fi
  # The editor colours the books on the shelves by class once the collection is shelved on the plan.
  if "$BIN/shuxiang" shelve --help >/dev/null 2>&1 && [ ! -f "$DB_DIR/shelved" ]; then
    echo "Shelving the demo collection on the demo plan ..."
    "$BIN/shuxiang" shelve --plan "$PLAN" --db "$DB" && touch "$DB_DIR/shelved"
  fi
  args+=(--db "$DB")
fi

if [ -x "$BIN/shuxiang-editor" ]; then
  if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
    exec "$BIN/shuxiang-editor" "$PLAN" "${args[@]}"
  fi
  echo "No display: rendering the demo into $BUILD_DIR/demo/editor.png under Xvfb."
  xvfb-run -a -s "-screen 0 1600x1000x24" "$BIN/shuxiang-editor" "$PLAN" "${args[@]}" \
    --frames 3 --screenshot "$BUILD_DIR/demo/editor.png"
fi
exec "$BIN/shuxiang" plan info "$PLAN"
