#!/bin/sh
# Interaction latency of the real editor under Xvfb (Mesa llvmpipe), window 1400×900: orbit (right
# drag), drag of a selected shelving range (left drag) and nudge (arrow keys) in the demo school and
# in the large library of 2,000 shelf sections. The script action `latency` (docs/editor-script.md)
# puts one event a frame into the window's input queue just after a frame took its input, and times
# it to the end of the frame that shows it (glFinish): the wait for the frame in progress plus the
# frame that shows it. Prints min / median / max in ms, the median of the showing frames alone, the
# median CPU time of the process over the same span (every thread; the machine's other load does not
# inflate it as it does the wall clock), and the load average before each case.
# Usage: bench/editor/latency.sh [BUILD_DIR] [TRIALS]   (run it niced: nice -n 10 ...)
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
editor=${1:-$root/build}/bin/shuxiang-editor
n=${2:-30}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() {  # name, setup script
    for kind in orbit drag nudge; do
        printf '%s\nlatency %s %s %s\n' "$2" "$kind" "$n" "$tmp/$kind.txt" > "$tmp/script.txt"
        load=$(cut -d' ' -f1 /proc/loadavg)
        xvfb-run -a -s "-screen 0 1600x1000x24" "$editor" --size 1400x900 --script "$tmp/script.txt" >/dev/null
        lat=$(grep 'latency min/median/max' "$tmp/$kind.txt" | cut -f3-5 | tr '\t' ' ')
        frame=$(grep 'frame min/median/max' "$tmp/$kind.txt" | cut -f4)
        cpu=$(grep 'cpu min/median/max' "$tmp/$kind.txt" | cut -f4)
        printf '%-8s %-6s latency min/median/max %-20s ms  showing frame median %6s ms  CPU median %6s ms  load %s\n' \
            "$1" "$kind" "$lat" "$frame" "$cpu" "$load"
    done
}
run demo "open $root/assets/demo/demo-school.sxplan.json
view 3d
frame all
select stk-range-3
wait 3"
. "$root/bench/editor/large_library.sh"
big=$(large_library)
run library "$big
view 3d
frame all
select f263
wait 3"
