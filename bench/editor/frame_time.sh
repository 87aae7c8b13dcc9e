#!/bin/sh
# Frame time and draw calls of the real editor under Xvfb (Mesa llvmpipe): the demo school (still and
# orbiting), and a
# large library of 500 double-faced 4-section ranges (2,000 shelf sections with their book spines),
# framed whole and close up.
# Usage: bench/editor/frame_time.sh [BUILD_DIR]
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
editor=${1:-$root/build}/bin/shuxiang-editor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() {  # name, script
    printf '%s\n' "$2" > "$tmp/script.txt"
    printf '%-10s ' "$1"
    xvfb-run -a -s "-screen 0 1600x1000x24" "$editor" --size 1400x900 --script "$tmp/script.txt" | grep '^frames:'
}
run demo "open $root/assets/demo/demo-school.sxplan.json
view 3d
frame all
wait 20"
# Orbiting: the camera moves every frame, so the fast shading (the default) draws one lit pass straight
# into the view; the still frames above get occlusion and FXAA too.
orbit="open $root/assets/demo/demo-school.sxplan.json
view 3d
frame all
wait 3"
i=0
while [ $i -lt 20 ]; do
    orbit="$orbit
camera orbit $((i * 2 - 60)) 40 45
wait 1"
    i=$((i + 1))
done
run orbiting "$orbit"
big="new empty"
i=0
while [ $i -lt 500 ]; do
    big="$big
add shelf_double_steel_1800 $((2 + (i % 25) * 4)) $(( (i / 25) * 3 / 2 + 1 )).$(( (i / 25) % 2 * 5 ))"
    i=$((i + 1))
done
run library "$big
select none
view 3d
frame all
wait 20"
# Close up in the same library: the ranges near the camera are drawn as spines, the rest as strips.
run close-up "$big
select none
view 3d
camera target 50 10 0
camera orbit -60 25 12
wait 20"
