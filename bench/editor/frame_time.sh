#!/bin/sh
# Frames of the real editor under Xvfb (Mesa llvmpipe), window 1400×900: the demo school and a large
# library of 500 double-faced 4-section ranges (2,000 shelf sections with their book spines), each
# with the camera still and with the camera moving every frame (the fast shading's moving quality).
# Per case: the median wall time of a frame (scene + ImGui, ending with glFinish), frames/s from it,
# the median CPU time of the process in a frame (every llvmpipe thread counted), the scene's draw
# calls in the last frame, and the load average before the case.
#   still, repeated: nothing changes between frames: the last lit frame is shown again (one pass)
#   still, full:     frame-reuse off: every frame drawn whole at full quality (sun, shadow map,
#                    occlusion, FXAA), as the first frame after the camera stops
#   moving:          the camera turns every frame: half width and height, no occlusion nor FXAA
# Usage: bench/editor/frame_time.sh [BUILD_DIR] [CASE...]   (run it niced: nice -n 10 ...)
# An editor from before frame reuse and the medians: REUSE_OFF= bench/editor/frame_time.sh OLD_BUILD
# (its frames are all drawn whole; the mean frame stands in for the median, no CPU figure).
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
editor=${1:-$root/build}/bin/shuxiang-editor
[ $# -gt 0 ] && shift
only="$*"
reuse_off=${REUSE_OFF-frame-reuse off}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() {  # name, script
    case " $only " in "  ") ;; *" $1 "*) ;; *) return 0 ;; esac
    printf '%s\n' "$2" > "$tmp/script.txt"
    load=$(cut -d' ' -f1 /proc/loadavg)
    line=$(xvfb-run -a -s "-screen 0 1600x1000x24" "$editor" --size 1400x900 --script "$tmp/script.txt" | grep '^frames:')
    med=$(echo "$line" | sed -n 's/.*median frame: \([0-9.e+-]*\) ms.*/\1/p')
    [ -n "$med" ] || med=$(echo "$line" | sed -n 's/.*mean frame: \([0-9.e+-]*\) ms.*/\1/p')
    cpu=$(echo "$line" | sed -n 's/.*median frame CPU: \([0-9.e+-]*\) ms.*/\1/p')
    [ -n "$cpu" ] || cpu=0
    calls=$(echo "$line" | sed -n 's/.*scene draw calls: \([0-9]*\).*/\1/p')
    printf '%-22s %8.1f ms  %6.1f frames/s  CPU %8.1f ms  draw calls %3s  load %s\n' "$1" "$med" \
        "$(echo "1000 / $med" | bc -l)" "$cpu" "$calls" "$load"
}
# `wait 0` ends the script's step: one frame per camera position.
turning() {  # yaw from, pitch, distance: 30 frames turning by 2° each
    i=0
    while [ $i -lt 30 ]; do
        printf 'camera orbit %s %s %s\nwait 0\n' $(($1 + i * 2)) "$2" "$3"
        i=$((i + 1))
    done
}
walking() {  # 30 frames turning the walker's heading by 1.5° each
    i=0
    while [ $i -lt 30 ]; do
        printf 'camera orbit %s -5 1\nwait 0\n' "$(echo "$1 + $i * 1.5" | bc)"
        i=$((i + 1))
    done
}
demo="open $root/assets/demo/demo-school.sxplan.json
view 3d
frame all"
run demo-still "$demo
wait 30"
run demo-still-full "$demo
$reuse_off
wait 30"
run demo-moving "$demo
wait 3
$(turning -60 40 45)"
stacks="$demo
view walk
camera target 5.5 8 0"
run walk-stacks-full "$stacks
camera orbit 90 -5 1
$reuse_off
wait 30"
run walk-stacks-moving "$stacks
$(walking 80)"
. "$root/bench/editor/large_library.sh"
big=$(large_library)
big="$big
select none
view 3d"
run library-still-full "$big
frame all
$reuse_off
wait 30"
run library-moving "$big
frame all
wait 3
$(turning -60 40 75)"
# Close up in the same library: the ranges near the camera are drawn as spines, the rest as strips.
run close-up-still-full "$big
camera target 50 10 0
camera orbit -60 25 12
$reuse_off
wait 30"
run close-up-moving "$big
camera target 50 10 0
wait 3
$(turning -60 25 12)"
