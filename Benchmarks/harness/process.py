"""Child processes measured from outside (wall time, CPU time, peak memory, the threads that did
the work, other work on the machine during the run) and facts about the machine."""
import json
import os
import platform
import statistics
import subprocess
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(HERE)
CLK_TCK = os.sysconf("SC_CLK_TCK")


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def mean(xs):
    return statistics.mean(xs) if xs else float("nan")


def cpu_count():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def cpu_busy_jiffies():
    """Busy jiffies of the whole machine (all CPUs), including time stolen by the hypervisor."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return user + nice + system + irq + softirq + steal, steal


class Run:
    """One child process: its stdout lines, time to first line, wall time, rusage and, when
    watched, the most OS threads it had and how many of them shared the work."""

    def __init__(self, cmd, env, watch=False, timeout=None, check=True):
        self.cmd = cmd
        busy0, steal0 = cpu_busy_jiffies()
        own0 = os.times()
        t0 = time.perf_counter()
        err = tempfile.TemporaryFile(mode="w+")
        p = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=err, text=True, cwd=ROOT)
        self.max_threads = 0
        self.busy_threads = 0
        done = threading.Event()
        watcher = None
        if watch:
            watcher = threading.Thread(target=self._watch, args=(p.pid, done), daemon=True)
            watcher.start()
        self.timed_out = False
        timer = None
        if timeout:
            def cut():
                self.timed_out = True
                p.kill()
            timer = threading.Timer(timeout, cut)
            timer.start()
        self.first_line = None
        self.lines = []
        for line in p.stdout:
            if self.first_line is None:
                self.first_line = time.perf_counter() - t0
            self.lines.append(line.rstrip("\n"))
        _, status, ru = os.wait4(p.pid, 0)
        self.wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        if timer:
            timer.cancel()
        if watcher:
            watcher.join()
        busy1, steal1 = cpu_busy_jiffies()
        own1 = os.times()
        self.returncode = p.returncode
        self.cpu = ru.ru_utime + ru.ru_stime
        self.maxrss_kb = ru.ru_maxrss
        own = (own1.user - own0.user) + (own1.system - own0.system)
        machine = (busy1 - busy0) / CLK_TCK
        capacity = self.wall * cpu_count()
        self.others = max(0.0, machine - self.cpu - own) / capacity if capacity > 0 else 0.0
        self.steal = (steal1 - steal0) / CLK_TCK / capacity if capacity > 0 else 0.0
        err.seek(0)
        self.stderr = err.read()
        err.close()
        self.failed = self.returncode != 0 and not self.timed_out
        if self.failed and check:
            raise SystemExit(f"failed ({self.returncode}): {' '.join(cmd)}\n{self.stderr}")

    def _watch(self, pid, done):
        path = f"/proc/{pid}/status"
        ticks = {}  # CPU ticks of each thread, as last seen
        while not done.is_set():
            try:
                with open(path) as f:
                    for line in f:
                        if line.startswith("Threads:"):
                            self.max_threads = max(self.max_threads, int(line.split()[1]))
                            break
                for tid in os.listdir(f"/proc/{pid}/task"):
                    with open(f"/proc/{pid}/task/{tid}/stat") as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                    ticks[tid] = int(fields[11]) + int(fields[12])  # utime + stime
            except (OSError, IndexError, ValueError):
                pass
            done.wait(0.01)
        # Threads that shared the work: at least a tenth of the process's CPU time each (a
        # helper that only waited, such as an idle pool thread, does not count).
        total = sum(ticks.values())
        self.busy_threads = sum(1 for t in ticks.values() if total and t >= 0.1 * total)

    def epochs(self):
        return [json.loads(line) for line in self.lines if line.startswith("{")]

    def error(self):
        """The last line of its standard error, for a one-line report."""
        lines = [line for line in self.stderr.strip().splitlines() if line.strip()]
        return lines[-1].strip() if lines else f"exit status {self.returncode}"


def wait_for_quiet(limit, threshold=0.15, window=0.5):
    """Waits (up to `limit` seconds) until other work keeps at most `threshold` of the machine busy
    over `window` seconds. Returns (seconds waited, quiet reached)."""
    start = time.perf_counter()
    while True:
        busy0, _ = cpu_busy_jiffies()
        own0 = os.times()
        time.sleep(window)
        busy1, _ = cpu_busy_jiffies()
        own1 = os.times()
        own = (own1.user - own0.user) + (own1.system - own0.system)
        load = max(0.0, (busy1 - busy0) / CLK_TCK - own) / (window * cpu_count())
        waited = time.perf_counter() - start
        if load <= threshold:
            return waited, True
        if waited >= limit:
            return waited, False


def machine_info():
    info = {"cpu": "?", "family": "?", "model": "?", "flags": set()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                key, value = key.strip(), value.strip()
                if key == "model name" and info["cpu"] == "?":
                    info["cpu"] = value
                elif key == "cpu family" and info["family"] == "?":
                    info["family"] = value
                elif key == "model" and info["model"] == "?":
                    info["model"] = value
                elif key == "flags" and not info["flags"]:
                    info["flags"] = set(value.split())
    except OSError:
        pass
    simd = [f for f in ("avx2", "fma", "avx512f") if f in info["flags"]]
    info["simd"] = "+".join(s.upper() for s in simd) or "none of AVX2/FMA/AVX-512"
    info["cores"] = cpu_count()
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
        info["memory"] = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        info["memory"] = "?"
    info["kernel"] = platform.release()
    return info


def git_describe():
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "Sources", "Package.swift"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return (head or "?") + (" + local changes" if dirty else "")
    except OSError:
        return "?"
