#!/usr/bin/env bash
# Soak test: memory stays flat while mltutor trains for a long time. Not a timed test: it
# takes as long as it is told to (30 minutes and a minute by default).
#
#   scripts/soak.sh                        both parts, full length
#   scripts/soak.sh --tutor-minutes 3      a shorter run of the full-screen part
#   scripts/soak.sh --only repl            only the REPL part
#
# (a) tutor: the full-screen tutor under tmux trains MNIST-5k (784-128-64-10, Adam) in the
#     background at the fastest pace it offers (`set pace max`), while keys arrive every few
#     seconds (space, n, [ ] { }, u, f, Tab) and the window is resized every minute. The first minute is a warm-up: it
#     also forks until the session holds all the runs it keeps, so that what follows measures
#     what time alone does. The resident memory of the mltutor process is sampled every
#     minute (the median of 21 readings over 6 seconds: each epoch's evaluation and each new
#     checkpoint come and go within a second, a few MB at a time). It passes when the memory
#     grew by at most 5 MB from minute 1 to the end and the
#     screen still redraws 10 times a second or more at the end (counted from outside, as
#     distinct screens read from tmux over two seconds).
# (b) repl: `train 3000 epochs` of MNIST-5k with 784-32-10 piped into `mltutor repl`; passes
#     when the memory (sampled in the same way every 10 s) grew by at most 5 MB from 10 s to
#     the end.
#
# At the end of (a) it also times two rewinds while training goes on (`rewind 2`, and back a
# tenth of the steps), for information.
#
# MLTUTOR_BIN picks the binary (default .build/release/mltutor); the soak runs a private copy
# of it, so that a rebuild meanwhile changes nothing. Exit status 1 when a part fails. Needs
# tmux.
set -euo pipefail
cd "$(dirname "$0")/.."

TUTOR_MINUTES=30
REPL_SECONDS=60
KEY_SECONDS=5
ONLY=all
LIMIT_KB=5120
while [ $# -gt 0 ]; do
  case "$1" in
    --tutor-minutes) TUTOR_MINUTES=$2; shift 2 ;;
    --repl-seconds) REPL_SECONDS=$2; shift 2 ;;
    --key-seconds) KEY_SECONDS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    *) echo "usage: scripts/soak.sh [--tutor-minutes N] [--repl-seconds N] [--key-seconds N] [--only tutor|repl]" >&2; exit 2 ;;
  esac
done

BIN=${MLTUTOR_BIN:-$PWD/.build/release/mltutor}
[ -x "$BIN" ] || { echo "soak: no binary at $BIN (make build first)" >&2; exit 2; }
HOME_DIR=$(mktemp -d /tmp/mltutor-soak.XXXXXX)
cp "$BIN" "$HOME_DIR/mltutor"
BIN=$HOME_DIR/mltutor
SOCKET=mltutor-soak-$$
TMUX_CMD=(tmux -L "$SOCKET")
failed=0

cleanup() {
  "${TMUX_CMD[@]}" kill-session -t soak >/dev/null 2>&1 || true
  [ -n "${REPL_PID:-}" ] && kill "$REPL_PID" >/dev/null 2>&1 || true
  rm -rf "$HOME_DIR"
}
trap cleanup EXIT

rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
# The median of 21 readings 0.3 s apart (0 once the process is gone).
rss_level() {
  local i readings=()
  for i in $(seq 1 21); do
    readings+=("$(rss_kb "$1")")
    [ "$i" -lt 21 ] && sleep 0.3
  done
  printf '%s\n' "${readings[@]}" | sort -n | sed -n 11p
}
now_ns() { date +%s%N; }

# ---------------------------------------------------------------- (b) the REPL
soak_repl() {
  echo "== repl: train 3000 epochs (MNIST-5k, 784-32-10) for ${REPL_SECONDS} s"
  printf 'data mnist-5k\nmodel 784-32-10\ntrain 3000 epochs\n' \
    | HOME=$HOME_DIR XDG_STATE_HOME=$HOME_DIR/state "$BIN" repl >/dev/null 2>&1 &
  REPL_PID=$!
  local start=$SECONDS at10=0 last=0 t
  for t in $(seq 10 10 "$REPL_SECONDS"); do
    sleep $((start + t - SECONDS > 0 ? start + t - SECONDS : 0))
    last=$(rss_level "$REPL_PID")
    [ "$last" = 0 ] && { echo "repl: FAIL (mltutor repl ended early)"; failed=1; return; }
    [ "$t" -eq 10 ] && at10=$last
    echo "  ${t} s: RSS ${last} kB"
  done
  kill "$REPL_PID" 2>/dev/null || true
  wait "$REPL_PID" 2>/dev/null || true
  REPL_PID=
  local grew=$((last - at10))
  if [ "$grew" -le "$LIMIT_KB" ]; then
    echo "repl: PASS (grew ${grew} kB from 10 s to ${REPL_SECONDS} s)"
  else
    echo "repl: FAIL (grew ${grew} kB from 10 s to ${REPL_SECONDS} s; at most ${LIMIT_KB})"
    failed=1
  fi
}

# ---------------------------------------------------------------- (a) the full-screen tutor
tm() { "${TMUX_CMD[@]}" "$@"; }
keys() { tm send-keys -t soak "$@"; }
command_line() { keys ":" "$1" Enter; sleep 1; }
screen() { tm capture-pane -p -t soak; }

# Distinct screens per second over two seconds, read as fast as tmux answers, and how many
# reads that was: "changes reads" (per second).
redraws() {
  local prev="" cur changes=-1 reads=0 end
  end=$(( $(now_ns) + 2000000000 ))
  while [ "$(now_ns)" -lt "$end" ]; do
    cur=$(screen)
    reads=$((reads + 1))
    if [ "$cur" != "$prev" ]; then changes=$((changes + 1)); prev=$cur; fi
  done
  echo "$((changes / 2)) $((reads / 2))"
}

# The status line starts with ▶ while training and ⏸ while paused (a chart may show ▶ too).
paused() { screen | grep -qE '^ ⏸ '; }

# Types `rewind N` and prints how long until the lesson pane says it was done.
timed_rewind() {
  local t0 t1
  t0=$(now_ns)
  keys ":" "rewind $1" Enter
  while ! screen | grep -q "rewound $1 step"; do
    sleep 0.1
    if [ $(( ($(now_ns) - t0) / 1000000000 )) -gt 1200 ]; then echo "  rewind $1: no answer in 20 minutes"; return; fi
  done
  t1=$(now_ns)
  echo "  rewind $1 while training: answered in $(( (t1 - t0) / 1000000 )) ms"
}
# Waits (5 s at most) while a command runs: space would stop it rather than start training.
wait_idle() {
  local i
  for i in $(seq 1 50); do screen | grep -q "space stops it" || return 0; sleep 0.1; done
}
ensure_training() { wait_idle; if paused; then keys " "; sleep 1; fi; }

# One key of the cycle; space pauses, steps once with n and resumes.
press() {
  case "$1" in
    pause-step-resume) keys " "; sleep 1; keys "n"; sleep 1; ensure_training ;;
    *) keys "$1" ;;
  esac
}

soak_tutor() {
  echo "== tutor: ${TUTOR_MINUTES} min of training under tmux, a key every ${KEY_SECONDS} s"
  command -v tmux >/dev/null || { echo "tutor: SKIPPED (no tmux)"; failed=1; return; }
  tm new-session -d -x 100 -y 30 -s soak -c "$PWD" \
    "env HOME=$HOME_DIR XDG_STATE_HOME=$HOME_DIR/state XDG_CONFIG_HOME=$HOME_DIR/config LANG=C.UTF-8 $BIN --lessons $PWD/Lessons"
  # A pane whose program ended stays, with what it printed last.
  tm set-option -t soak remain-on-exit on >/dev/null
  local pid
  pid=$(tm display -p -t soak '#{pane_pid}')
  sleep 2
  command_line "data mnist-5k"
  command_line "model 784-128-64-10"
  command_line "set optimizer adam"
  command_line "set lr 0.001"
  command_line "set pace max"
  keys " "
  local start=$SECONDS
  # Warm-up: every key once, and forks until the session refuses more (16 runs).
  local k
  for k in Tab "[" "]" "{" "}" u pause-step-resume; do press "$k"; sleep 1; done
  for k in $(seq 1 16); do keys f; sleep 2; done
  ensure_training
  local cycle=(pause-step-resume "[" "]" "{" "}" u f Tab Tab)
  local sizes=("120 40" "80 24" "100 30")
  local i=0 minute=1 next_key=$((start + 60)) next_sample=$((start + 60))
  local first=0 rss samples=()
  while [ "$minute" -le "$TUTOR_MINUTES" ]; do
    if [ "$SECONDS" -ge "$next_sample" ]; then
      rss=$(rss_level "$pid")
      [ "$rss" = 0 ] && { echo "tutor: FAIL (mltutor is no longer running)"; screen; failed=1; return; }
      [ "$minute" -eq 1 ] && first=$rss
      samples+=("$minute:$rss")
      echo "  minute ${minute}: RSS ${rss} kB, $(screen | grep -E '^ (▶|⏸) ' | sed 's/  */ /g')"
      # shellcheck disable=SC2086
      tm resize-window -t soak -x ${sizes[$((minute % 3))]% *} -y ${sizes[$((minute % 3))]#* }
      ensure_training
      minute=$((minute + 1))
      next_sample=$((start + 60 * minute))
    fi
    if [ "$SECONDS" -ge "$next_key" ] && [ "$minute" -le "$TUTOR_MINUTES" ]; then
      press "${cycle[$((i % ${#cycle[@]}))]}"
      i=$((i + 1))
      next_key=$((SECONDS + KEY_SECONDS))
      ensure_training
    fi
    sleep 0.5
  done
  ensure_training
  sleep 1
  local measured
  measured=$(redraws)
  local per_second=${measured% *} reads=${measured#* }
  local grew=$((rss - first))
  if [ "$(tm display -p -t soak '#{pane_dead}')" = 1 ]; then
    echo "tutor: FAIL (mltutor ended; its pane:)"
    screen
    failed=1
    return
  fi
  echo "  at the end: ${per_second} redraws a second (${reads} screens read a second)"
  echo "  RSS samples (minute:kB): ${samples[*]}"
  timed_rewind 2
  local steps
  steps=$(screen | grep -E '^ (▶|⏸)' | grep -oE 'step [0-9]+' | head -1 | grep -oE '[0-9]+' || echo 0)
  [ "$steps" -ge 10 ] && timed_rewind $((steps / 10))
  if [ "$grew" -le "$LIMIT_KB" ] && [ "$per_second" -ge 10 ]; then
    echo "tutor: PASS (grew ${grew} kB from minute 1 to minute ${TUTOR_MINUTES}; ${per_second} redraws/s)"
  else
    echo "tutor: FAIL (grew ${grew} kB from minute 1 to minute ${TUTOR_MINUTES}, at most ${LIMIT_KB}; ${per_second} redraws/s, at least 10)"
    screen
    failed=1
  fi
}

case "$ONLY" in
  all) soak_repl; soak_tutor ;;
  repl) soak_repl ;;
  tutor) soak_tutor ;;
  *) echo "soak: --only takes tutor or repl" >&2; exit 2 ;;
esac
exit "$failed"
