#!/bin/sh
# Idle CPU of the real editor: opens the demo school interactively under Xvfb (Mesa llvmpipe), lets it
# settle, then reads the process's user + system CPU time from /proc/PID/stat over a window with no
# input. The editor redraws only when something changes, so an idle window should cost next to nothing.
# Usage: bench/editor/idle_cpu.sh [BUILD_DIR] [SECONDS]   (prints % of one core)
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
editor=${1:-$root/build}/bin/shuxiang-editor
secs=${2:-10}
tmp=$(mktemp -d)
d=90
while [ -e /tmp/.X$d-lock ]; do d=$((d + 1)); done
Xvfb :$d -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
sleep 1
HOME=$tmp DISPLAY=:$d "$editor" "$root/assets/demo/demo-school.sxplan.json" --size 1400x900 >"$tmp/out.txt" 2>&1 &
pid=$!
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Start-up (fonts, scene, shaders, the settling frames) takes seconds on a busy machine: wait until two
# seconds pass with under 2 ticks used, at most a minute.
prev=$(ticks $pid)
i=0
while [ $i -lt 30 ]; do
    sleep 2
    now=$(ticks $pid)
    [ $((now - prev)) -lt 2 ] && break
    prev=$now
    i=$((i + 1))
done
hz=$(getconf CLK_TCK)
t0=$(ticks $pid)
sleep "$secs"
t1=$(ticks $pid)
kill $pid
wait $pid 2>/dev/null || true
echo "idle CPU over ${secs} s: $(echo "scale=2; ($t1 - $t0) * 100 / $hz / $secs" | bc) % of one core"
