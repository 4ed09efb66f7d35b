#!/usr/bin/env bash
# Runs mltutor's benchmarks (Benchmarks/run.py) from the repository root; arguments pass through.
# `make bench` builds .build/release/mltutor first; numpy is installed by pip when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .build/release/mltutor ]; then
  echo "building .build/release/mltutor" >&2
  swift build -c release --product mltutor
fi
python3 -c 'import numpy' 2>/dev/null || python3 -m pip install --quiet numpy
exec python3 Benchmarks/run.py "$@"
