#!/usr/bin/env bash
# Builds mltutor's fuzz targets with libFuzzer and runs them.
#
#   Fuzz/fuzz.sh [--runs N] [--seconds S] [--optimize] [--jobs J] [--build-only] [TARGET...]
#
# TARGET is one of: check lesson progress commands idx csv model (default: all).
# --runs N      stop each target after N executions (default 1,000,000)
# --seconds S   stop each target after S seconds instead
# --optimize    build the instrumented modules with -O (slower to build, faster to run; in
#               .build/fuzz-O rather than .build/fuzz)
# --jobs J      run J targets at once (default 1)
# A target stops at its first crash, writing the input to .build/fuzz/crashes/; the script then
# exits 1. New interesting inputs gather in .build/fuzz/corpus/TARGET, the seeds stay in
# Fuzz/Corpus/TARGET.
#
# Only the module a target exercises is compiled again, unoptimised and instrumented for
# coverage (-sanitize=fuzzer); everything below it is linked from the release build that
# `make test` makes (.build/release), which must be there. A module is compiled again only
# when one of its sources is newer than its last instrumented build.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
RELEASE=$ROOT/.build/release
OUT=$ROOT/.build/fuzz
SWIFTC=${SWIFTC:-swiftc}
RUNS=1000000
SECONDS_EACH=
BUILD_ONLY=0
OPTIMIZE=-Onone
JOBS=1
TARGETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --seconds) SECONDS_EACH=$2; shift 2 ;;
    --build-only) BUILD_ONLY=1; shift ;;
    --optimize) OPTIMIZE=-O; OUT=$ROOT/.build/fuzz-O; shift ;;
    --jobs) JOBS=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) TARGETS+=("$1"); shift ;;
  esac
done
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(check lesson progress commands idx csv model)

# The module each target exercises, and the modules below it (linked from the release build).
module_of() {
  case "$1" in
    check|lesson|progress) echo Course ;;
    commands) echo Tutor ;;
    idx|csv) echo Datasets ;;
    model) echo Engine ;;
    *) echo "fuzz.sh: no target '$1' (the targets: check lesson progress commands idx csv model)" >&2; exit 2 ;;
  esac
}
below() {
  case "$1" in
    Course) echo "Tutor Charts Datasets Engine EngineKernels" ;;
    Tutor) echo "Charts Datasets Engine EngineKernels" ;;
    Datasets) echo "Engine EngineKernels" ;;
    Engine) echo "EngineKernels" ;;
  esac
}
file_of() {
  case "$1" in
    check) echo CheckTarget ;; lesson) echo LessonTarget ;; progress) echo ProgressTarget ;;
    commands) echo CommandsTarget ;; idx) echo IDXTarget ;; csv) echo CSVTarget ;; model) echo ModelTarget ;;
  esac
}

if [ ! -d "$RELEASE/Modules" ] || [ ! -f "$RELEASE/Engine.build/Matrix.swift.o" ]; then
  echo "fuzz.sh: no release build in $RELEASE: run \`make test\` (or its build step) first" >&2
  exit 2
fi

# The C modules, as the package build sees them: system libraries' module maps, and those
# the build wrote for C targets with their include folders.
CFLAGS=()
for map in "$ROOT"/Sources/*/module.modulemap; do CFLAGS+=(-Xcc "-fmodule-map-file=$map"); done
for include in "$ROOT"/Sources/*/include; do
  target=$(basename "$(dirname "$include")")
  [ -f "$RELEASE/$target.build/module.modulemap" ] || continue
  CFLAGS+=(-Xcc "-fmodule-map-file=$RELEASE/$target.build/module.modulemap" -Xcc -I -Xcc "$include")
done
COMMON=(-swift-version 6 -parse-as-library "$OPTIMIZE" -sanitize=fuzzer -module-cache-path "$OUT/ModuleCache")

# Compiles MODULE's sources, instrumented, into $OUT/MODULE (objects and .swiftmodule).
build_module() {
  local module=$1 dir=$OUT/$1
  local sources
  mapfile -t sources < <(find "$ROOT/Sources/$module" -name '*.swift' | sort)
  if [ -f "$dir/.built" ] && [ -z "$(find "$ROOT/Sources/$module" "$RELEASE/Modules" -newer "$dir/.built" -name '*.swift*' -print -quit)" ]; then
    return
  fi
  rm -rf "$dir" && mkdir -p "$dir/Modules"
  (cd "$dir" && "$SWIFTC" "${COMMON[@]}" -enable-testing -module-name "$module" -j2 -c "${sources[@]}" \
    -emit-module -emit-module-path "$dir/Modules/$module.swiftmodule" \
    -I "$RELEASE/Modules" "${CFLAGS[@]}")
  touch "$dir/.built"
}

# Links TARGET's harness against its instrumented module and the release objects below it.
build_target() {
  local target=$1 module binary=$OUT/bin/fuzz-$1
  module=$(module_of "$target")
  build_module "$module"
  local harness=("$ROOT/Fuzz/Targets/FuzzSupport.swift" "$ROOT/Fuzz/Targets/$(file_of "$target").swift")
  if [ -x "$binary" ] && [ -z "$(find "${harness[@]}" "$OUT/$module/.built" -newer "$binary" -print -quit)" ]; then
    return
  fi
  local objects=("$OUT/$module"/*.o)
  for lower in $(below "$module"); do objects+=("$RELEASE/$lower.build"/*.o); done
  mkdir -p "$OUT/bin"
  "$SWIFTC" "${COMMON[@]}" -module-name "fuzz_$target" "${harness[@]}" "${objects[@]}" \
    -I "$OUT/$module/Modules" -I "$RELEASE/Modules" "${CFLAGS[@]}" -o "$binary"
}

mkdir -p "$OUT/crashes" "$OUT/logs"
start=$(date +%s)
for target in "${TARGETS[@]}"; do build_target "$target"; done
echo "fuzz: built ${TARGETS[*]} in $(( $(date +%s) - start ))s"
[ "$BUILD_ONLY" = 1 ] && exit 0

# Runs one target; prints one line with its figures, or what went wrong (and returns 1).
run_target() {
  local target=$1 corpus=$OUT/corpus/$1 log=$OUT/logs/$1.log
  mkdir -p "$corpus"
  local limits=(-runs="$RUNS")
  [ -n "$SECONDS_EACH" ] && limits=(-max_total_time="$SECONDS_EACH")
  local dict=()
  [ -f "$ROOT/Fuzz/Dictionaries/$target.dict" ] && dict=(-dict="$ROOT/Fuzz/Dictionaries/$target.dict")
  if "$OUT/bin/fuzz-$target" "${limits[@]}" "${dict[@]}" -max_len=4096 -timeout=20 -rss_limit_mb=3072 \
    -print_final_stats=1 -artifact_prefix="$OUT/crashes/$target-" "$corpus" "$ROOT/Fuzz/Corpus/$target" >"$log" 2>&1; then
    local runs time cov
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    time=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo "?")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo "?")
    printf 'fuzz: %-9s %10s runs in %5ss, no crash (coverage: %s edges)\n' "$target" "$runs" "$time" "$cov"
  else
    echo "fuzz: $target FAILED; the input is in $OUT/crashes/, the report in $log:" >&2
    grep -E 'ERROR|SUMMARY|Fatal error|Test unit written' "$log" | head -5 >&2 || tail -20 "$log" >&2
    return 1
  fi
}

# Crashes go to libFuzzer's handler, which keeps the input, not to Swift's backtracer.
export SWIFT_BACKTRACE=enable=no

status=0
pids=()
for target in "${TARGETS[@]}"; do
  run_target "$target" &
  pids+=($!)
  if [ ${#pids[@]} -ge "$JOBS" ]; then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
exit $status
