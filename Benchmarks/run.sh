#!/usr/bin/env bash
# Runs mltutor's benchmarks (Benchmarks/run.py) from the repository root; arguments pass through.
# `make bench` builds .build/release/mltutor (and kernel-bench, once the package has it) first;
# numpy is installed by pip when missing, and Debian's python3-venv when `python3 -m venv` cannot
# work (the JAX reference lives in .build/bench-venv, which run.py makes on its first run).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .build/release/mltutor ]; then
  echo "building .build/release/mltutor" >&2
  swift build -c release --product mltutor
fi
if grep -q '"kernel-bench"' Package.swift && [ ! -x .build/release/kernel-bench ]; then
  echo "building .build/release/kernel-bench" >&2
  swift build -c release --product kernel-bench
fi
python3 -c 'import numpy' 2>/dev/null || python3 -m pip install --quiet numpy
if [ ! -x .build/bench-venv/bin/python ] && ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
  scripts/install-packages.sh python3-venv \
    || echo "python3 -m venv is not available: the JAX reference will be left out" >&2
fi
exec python3 Benchmarks/run.py "$@"
