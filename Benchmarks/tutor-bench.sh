#!/usr/bin/env bash
# Benchmarks of the full-screen tutor: the figures of tutor-bench (frame, training inside the
# tutor, keys), then the time from launch to the first frame on a pseudo-terminal
# (Benchmarks/first_frame.py). Run from anywhere; builds in release mode when needed.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product tutor-bench >/dev/null
swift build -c release --product mltutor >/dev/null
.build/release/tutor-bench
python3 Benchmarks/first_frame.py --binary .build/release/mltutor
