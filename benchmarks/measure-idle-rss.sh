#!/usr/bin/env bash
# Idle resident memory of the host in console chat (no Telegram or Discord token, so only the console adapter runs):
# start the built binary, ask one question, wait, then read VmRSS. Also prints the time from start to the first answer.
# With a follow-up question (say a Chinese one, whose index is built on first use) it then asks that, prints how long
# its answer took and reads VmRSS again after the same idle time.
#   benchmarks/measure-idle-rss.sh src/ChatCoach/bin/Release/net10.0/ChatCoach.dll [seconds idle, default 20] [follow-up question]
set -euo pipefail
dll=$(realpath "${1:?path to ChatCoach.dll}")
idle=${2:-20}
followup=${3:-}
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
if [ -n "$followup" ]; then
  # Every reply ends with the disclaimer, in English or in Chinese.
  replies() { grep -c -E "This is general information|以上是一般性信息" "$work/out" || true; }
  before=$(replies)
  asked=$(date +%s%N)
  echo "/ask $followup" >&3
  while [ "$(replies)" -le "$before" ]; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/out"; exit 1; }
    sleep 0.01
  done
  answered=$(date +%s%N)
  sleep "$idle"
  rss=$(awk '/VmRSS/{print $2}' "/proc/$pid/status")
  echo "follow-up answered in $(( (answered - asked) / 1000000 )) ms; idle VmRSS $(( rss / 1024 )) MB ${idle} s after it; load average $(cut -d' ' -f1 /proc/loadavg)"
fi
exec 3>&-
kill "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
