#!/usr/bin/env python3
"""Time from launching `mltutor` to its first full frame, on a pseudo-terminal of 100x30.

The clock starts just before the fork and stops when the bytes written to the terminal contain
the lesson pane's "Step 1 of" (escape sequences removed): that is, once the first frame has been
handed to the terminal. A fresh state directory each run, so the course opens at lesson 1.

    Benchmarks/first_frame.py [--binary .build/release/mltutor] [--runs 9]

Prints every run and the median, and the same with SWIFT_BACKTRACE already set (mltutor then
does not start itself again to set it), so the cost of that re-exec shows.
"""
import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import statistics
import struct
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ESCAPES = re.compile(rb"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-Za-z]|[=>78M])")
MARK = b"Step 1 of"


def first_frame(binary, extra_env, timeout=10.0):
    state = tempfile.mkdtemp(prefix="mltutor-ff-")
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", XDG_STATE_HOME=state, **extra_env)
    env.pop("NO_COLOR", None)
    t0 = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.execve(binary, [binary], env)
    seen = b""
    elapsed = None
    try:
        while time.perf_counter() - t0 < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if MARK in ESCAPES.sub(b"", seen):
                elapsed = time.perf_counter() - t0
                break
        os.write(fd, b"q")
        deadline = time.perf_counter() + 3
        while time.perf_counter() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    os.read(fd, 65536)
                except OSError:
                    pass
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
    finally:
        os.close(fd)
        shutil.rmtree(state, ignore_errors=True)
    return elapsed


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "mltutor"))
    p.add_argument("--runs", type=int, default=9)
    a = p.parse_args()
    for label, extra in (("as a learner starts it", {}),
                         ("with SWIFT_BACKTRACE set (no re-exec)", {"SWIFT_BACKTRACE": "interactive=no"})):
        times = []
        for _ in range(a.runs):
            t = first_frame(a.binary, extra)
            if t is None:
                sys.exit(f"no first frame within 10 s ({label})")
            times.append(t * 1000)
        runs = " ".join(f"{t:.0f}" for t in times)
        print(f"  first frame after launch, {label}: median {statistics.median(times):.0f} ms (runs: {runs})")


if __name__ == "__main__":
    main()
