#!/bin/sh
# Regenerates the editor's golden images after an intended change of the demo or the renderer.
# Usage: tests/editor/update-golden.sh [BUILD_DIR]   (look at the new PNGs before committing them)
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
out=$root/tests/data/editor/golden
script=$(mktemp)
sed -e "s|@DEMO@|$root/assets/demo/demo-school.sxplan.json|" -e "s|@OUT@|$out|" \
    "$root/tests/editor/golden.script.in" > "$script"
xvfb-run -a -s "-screen 0 1600x1000x24" "$build/bin/shuxiang-editor" --size 1400x900 --script "$script"
rm -f "$script"
