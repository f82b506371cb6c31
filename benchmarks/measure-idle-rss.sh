#!/usr/bin/env bash
# Idle resident memory of the host in console chat (no Telegram or Discord token, so only the console adapter runs):
# start the built binary, ask one question, wait, then read VmRSS. Also prints the time from start to the first answer.
#   benchmarks/measure-idle-rss.sh src/ChatCoach/bin/Release/net10.0/ChatCoach.dll [seconds idle, default 20]
set -euo pipefail
dll=$(realpath "${1:?path to ChatCoach.dll}")
idle=${2:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkfifo "$work/in"
cd "$work"
start=$(date +%s%N)
dotnet "$dll" < "$work/in" > "$work/out" 2>&1 &
pid=$!
exec 3> "$work/in"
echo "/ask my knee hurts going down stairs after a long run" >&3
until grep -q "Source" "$work/out" 2>/dev/null; do
  kill -0 "$pid" 2>/dev/null || { cat "$work/out"; exit 1; }
  sleep 0.05
done
first=$(date +%s%N)
sleep "$idle"
rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
hwm=$(awk '/VmHWM/{print $2}' "/proc/$pid/status")
echo "first answer $(( (first - start) / 1000000 )) ms after start; idle VmRSS $(( rss / 1024 )) MB after ${idle} s (peak VmHWM $(( hwm / 1024 )) MB); load average $(cut -d' ' -f1 /proc/loadavg)"
exec 3>&-
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
