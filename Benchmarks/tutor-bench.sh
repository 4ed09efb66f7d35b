#!/usr/bin/env bash
# Benchmarks of the full-screen tutor: the figures of tutor-bench, then the time from launch to
# the first frame, measured in tmux. Run from anywhere; builds in release mode when needed.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tutor-bench >/dev/null
swift build -c release --product mltutor >/dev/null
.build/release/tutor-bench
if ! command -v tmux >/dev/null; then echo "  first frame: tmux is not installed"; exit 0; fi
socket="mltutor-bench-$$"
state="$(mktemp -d)"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$state"' EXIT
times=()
for i in 1 2 3 4 5; do
  begin=$(date +%s%N)
  tmux -L "$socket" new-session -d -s b -x 100 -y 30 \
    "env XDG_STATE_HOME='$state' LANG=C.UTF-8 '$PWD/.build/release/mltutor'; sleep 5"
  until tmux -L "$socket" capture-pane -p -t b 2>/dev/null | grep -q "Step 1 of"; do sleep 0.002; done
  end=$(date +%s%N)
  times+=($(( (end - begin) / 1000000 )))
  tmux -L "$socket" kill-server 2>/dev/null || true
  sleep 0.2
done
echo "  first frame after launch (tmux, incl. tmux start): ${times[*]} ms"
