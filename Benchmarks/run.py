#!/usr/bin/env python3
"""mltutor's benchmarks: the training engine against a plain numpy trainer, side by side.

Measures, on this machine and in one go:
  * training throughput (samples/s, median over every epoch of every run) and final test
    accuracy of `mltutor train` and of Benchmarks/reference_mlp.py on Fashion-MNIST's 60,000
    training images, batch 32 and 128, 1 and 2 BLAS threads, runs interleaved;
  * time from launch to ready-to-train and to the first epoch line (MNIST-5k, Fashion-MNIST);
  * peak resident memory with Fashion-MNIST loaded;
  * the FLOP rate of training against the floating-point peak of the kernels in use, with the
    clock measured here and a big single-precision GEMM as the achievable peak.

Prints a report and keeps the latest figures (and one history line per run) in
Benchmarks/README.md. Python standard library + numpy (numpy only in the reference trainer and
the GEMM measurement, both run as separate processes).

    Benchmarks/run.py [--rounds 5] [--epochs 5] [--no-readme]
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
README = os.path.join(HERE, "README.md")
REFERENCE = os.path.join(HERE, "reference_mlp.py")
FASHION_DIR = "/usr/share/datasets/fashion-mnist"
MNIST5K_DIR = os.path.join(ROOT, "Lessons", "data")

SIZES = [784, 128, 64, 10]
MODEL = "-".join(map(str, SIZES))
LR, MOMENTUM, SEED = 0.05, 0.9, 0
BATCHES = (32, 128)
THREADS = (1, 2)
CLK_TCK = os.sysconf("SC_CLK_TCK")

# FLOP per cycle per core of single-precision FMA code, by OpenBLAS kernel family.
FLOP_PER_CYCLE = [
    (("skylakex", "cooperlake", "sapphirerapids", "zen5"), 64, "AVX-512 + FMA: 2 FMA pipes x 16 float lanes x 2"),
    (("haswell", "zen", "excavator", "steamroller", "piledriver"), 32, "AVX2 + FMA: 2 FMA pipes x 8 float lanes x 2"),
    (("sandybridge", "bulldozer"), 16, "AVX: 1 add + 1 multiply pipe x 8 float lanes"),
]

MARK_LATEST = ("<!-- latest figures: begin -->", "<!-- latest figures: end -->")
MARK_HISTORY = ("<!-- history: begin -->", "<!-- history: end -->")


# ---------------------------------------------------------------------------- utilities

def fmt_int(x):
    return f"{x:,.0f}" if x == x else "-"


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def mean(xs):
    return statistics.mean(xs) if xs else float("nan")


def span(xs):
    return f"[{fmt_int(min(xs))}-{fmt_int(max(xs))}]" if xs else "[-]"


def cpu_busy_jiffies():
    """Busy jiffies of the whole machine (all CPUs), including time stolen by the hypervisor."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    user, nice, system, idle, iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return user + nice + system + irq + softirq + steal, steal


def cpu_count():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def run_env(threads):
    env = dict(os.environ)
    env["OPENBLAS_NUM_THREADS"] = str(threads)
    return env


class Run:
    """One child process: its stdout lines, time to first line, wall time and rusage."""

    def __init__(self, cmd, env, watch=False, timeout=None):
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
        if self.returncode != 0 and not self.timed_out:
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
        # helper that only waited, such as OpenBLAS's when it is kept to one thread, does not).
        total = sum(ticks.values())
        self.busy_threads = sum(1 for t in ticks.values() if total and t >= 0.1 * total)

    def epochs(self):
        return [json.loads(l) for l in self.lines if l.startswith("{")]


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


def engine_cmd(binary, data, batch, epochs, threads=None, model=MODEL, seed=SEED):
    cmd = [binary, "train", "--data", data, "--model", model, "--activation", "relu",
           "--initializer", "he", "--optimizer", "momentum", "--momentum", str(MOMENTUM),
           "--lr", str(LR), "--batch", str(batch), "--epochs", str(epochs), "--seed", str(seed),
           "--json"]
    if threads is not None:
        cmd += ["--threads", str(threads)]
    return cmd


def reference_cmd(folder, prefix, batch, epochs, seed=SEED):
    return [sys.executable, REFERENCE, "--data", folder, "--prefix", prefix, "--sizes", MODEL,
            "--lr", str(LR), "--momentum", str(MOMENTUM), "--batch", str(batch),
            "--epochs", str(epochs), "--seed", str(seed)]


def python_probe(code, env, *args):
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else "failed"}
    return json.loads(out.stdout)


# ---------------------------------------------------------------------------- machine & BLAS

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


def linked_openblas(binary):
    try:
        out = subprocess.run(["ldd", binary], capture_output=True, text=True).stdout
    except OSError:
        return None
    for line in out.splitlines():
        if "blas" in line and "=>" in line:
            path = line.split("=>")[1].split("(")[0].strip()
            if path and os.path.exists(path):
                return os.path.realpath(path)
    return None


OPENBLAS_QUERY = r"""
def openblas_query(lib):
    import ctypes
    out = {}
    for prefix, suffix in (("", ""), ("scipy_", "64_"), ("scipy_", "")):
        def f(name, restype):
            fn = getattr(lib, prefix + name + suffix, None)
            if fn is None:
                return None
            fn.restype = restype
            v = fn()
            return v.decode().strip() if isinstance(v, bytes) else v
        try:
            config = f("openblas_get_config", ctypes.c_char_p)
        except Exception:
            config = None
        if config is None:
            continue
        out["config"] = " ".join(config.split())
        out["core"] = f("openblas_get_corename", ctypes.c_char_p)
        out["threads"] = f("openblas_get_num_threads", ctypes.c_int)
        break
    return out
"""

ENGINE_BLAS_PROBE = OPENBLAS_QUERY + r"""
import ctypes, json, sys
lib = ctypes.CDLL(sys.argv[1])
print(json.dumps(openblas_query(lib)))
"""

NUMPY_BLAS_PROBE = OPENBLAS_QUERY + r"""
import ctypes, json
import numpy
info = {"numpy": numpy.__version__}
path = None
with open("/proc/self/maps") as f:
    for line in f:
        if "blas" in line.lower() and "/" in line:
            path = line.split()[-1]
            break
info["lib"] = path
if path:
    try:
        info.update(openblas_query(ctypes.CDLL(path)))
    except OSError:
        pass
try:
    blas = numpy.show_config(mode="dicts")["Build Dependencies"]["blas"]
    info["build"] = " ".join(str(blas.get("openblas configuration") or blas.get("name", "?")).split())
except Exception:
    pass
try:
    import threadpoolctl
    info["threadpoolctl"] = [{k: d.get(k) for k in ("internal_api", "version", "num_threads", "architecture", "threading_layer")}
                             for d in threadpoolctl.threadpool_info()]
except ImportError:
    pass
print(json.dumps(info))
"""


def blas_settings(binary, threads):
    env = run_env(threads)
    lib = linked_openblas(binary)
    engine = {"lib": lib}
    if lib:
        engine.update(python_probe(ENGINE_BLAS_PROBE, env, lib))
    numpy_side = python_probe(NUMPY_BLAS_PROBE, env)
    return engine, numpy_side


def difference_error(a, b):
    """Standard error of mean(a) - mean(b) for independent samples (0 with a single run each)."""
    def var(x):
        m = mean(x)
        return sum((v - m) ** 2 for v in x) / (len(x) - 1) if len(x) > 1 else 0.0
    return (var(a) / len(a) + var(b) / len(b)) ** 0.5


def thread_check(binary):
    """Does mltutor honour OPENBLAS_NUM_THREADS? Threads that shared the work of a run without --threads."""
    seen = {}
    for n in (1, cpu_count()):
        r = Run(engine_cmd(binary, "fashion", 128, 1), run_env(n), watch=True)
        seen[n] = r.busy_threads
    return seen


# ---------------------------------------------------------------------------- clock & peak

CLOCK_C = r"""
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#define A1 "add $1, %0\n\t"
#define A10 A1 A1 A1 A1 A1 A1 A1 A1 A1 A1
#define A100 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10
/* CPU time of this process: time-sharing the core with other work does not count. */
static double now(void) {
  struct timespec t; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); return t.tv_sec + t.tv_nsec * 1e-9;
}
/* A chain of dependent integer adds, 1 cycle each: adds per CPU second = cycles per second. */
int main(int argc, char **argv) {
  long iters = argc > 1 ? atol(argv[1]) : 200000;
  int trials = argc > 2 ? atoi(argv[2]) : 7;
  double best = 0;
  for (int t = 0; t < trials; t++) {
    unsigned long x = 0;
    double t0 = now();
    for (long i = 0; i < iters; i++) {
      __asm__ volatile(A100 A100 A100 A100 A100 A100 A100 A100 A100 A100 : "+r"(x));
    }
    double ghz = (double)x / (now() - t0) / 1e9;
    if (ghz > best) best = ghz;
  }
  printf("%.4f\n", best);
  return 0;
}
"""


def measure_clock():
    """GHz with one core busy and with every core busy (best of 7 trials each), or None."""
    if platform.machine() not in ("x86_64", "AMD64"):
        return None, "clock: not measured (the add-chain probe is x86-64 only)"
    cc = next((c for c in ("gcc", "cc", "clang") if shutil.which(c)), None)
    if cc is None:
        return None, "clock: not measured (no C compiler found)"
    with tempfile.TemporaryDirectory() as tmp:
        src, exe = os.path.join(tmp, "clock.c"), os.path.join(tmp, "clock")
        with open(src, "w") as f:
            f.write(CLOCK_C)
        if subprocess.run([cc, "-O2", "-o", exe, src], capture_output=True).returncode != 0:
            return None, f"clock: not measured ({cc} failed)"
        wait_for_quiet(3)
        one = float(subprocess.run([exe], capture_output=True, text=True).stdout)
        procs = [subprocess.Popen([exe], stdout=subprocess.PIPE, text=True) for _ in range(cpu_count())]
        every = [float(p.communicate()[0]) for p in procs]
    return {"one": one, "all": min(every)}, None


GEMM_NUMPY = r"""
import json, sys, time
import numpy as np
n, reps = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(0)
a = rng.standard_normal((n, n), dtype=np.float32)
b = rng.standard_normal((n, n), dtype=np.float32)
c = np.empty((n, n), np.float32)
np.matmul(a, b, out=c)
rates = []
for _ in range(reps):
    t0 = time.perf_counter(); np.matmul(a, b, out=c); rates.append(2 * n**3 / (time.perf_counter() - t0) / 1e9)
print(json.dumps(rates))
"""

GEMM_ENGINE_LIB = r"""
import array, ctypes, json, sys, time
lib = ctypes.CDLL(sys.argv[3])
n, reps = int(sys.argv[1]), int(sys.argv[2])
a = array.array("f", [0.5]) * (n * n); b = array.array("f", [0.25]) * (n * n); c = array.array("f", [0.0]) * (n * n)
pa, pb, pc = (x.buffer_info()[0] for x in (a, b, c))
f = lib.cblas_sgemm
f.restype = None
f.argtypes = [ctypes.c_int] * 6 + [ctypes.c_float, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_int,
                                   ctypes.c_float, ctypes.c_void_p, ctypes.c_int]
call = lambda: f(101, 111, 111, n, n, n, 1.0, pa, n, pb, n, 0.0, pc, n)  # row-major, no transposes
call()
rates = []
for _ in range(reps):
    t0 = time.perf_counter(); call(); rates.append(2 * n**3 / (time.perf_counter() - t0) / 1e9)
print(json.dumps(rates))
"""


def measure_gemm(engine_lib, n=2048, reps=6):
    """GFLOP/s of an n x n float32 GEMM, per thread count: numpy's OpenBLAS and mltutor's."""
    out = {}
    for t in THREADS:
        env = run_env(t)
        wait_for_quiet(3)
        r = subprocess.run([sys.executable, "-c", GEMM_NUMPY, str(n), str(reps)], env=env,
                           capture_output=True, text=True)
        out[("numpy", t)] = json.loads(r.stdout) if r.returncode == 0 else None
        if engine_lib:
            wait_for_quiet(3)
            r = subprocess.run([sys.executable, "-c", GEMM_ENGINE_LIB, str(n), str(reps), engine_lib],
                               env=env, capture_output=True, text=True)
            out[("mltutor", t)] = json.loads(r.stdout) if r.returncode == 0 else None
    return out


def flops_per_sample(sizes):
    pairs = list(zip(sizes, sizes[1:]))
    total = sum(i * o for i, o in pairs)
    later = sum(i * o for i, o in pairs[1:])
    return 2 * total + 2 * total + 2 * later, total, later


def flop_per_cycle(core):
    c = (core or "").lower()
    for names, value, text in FLOP_PER_CYCLE:
        if any(c.startswith(n) for n in names):
            return value, text
    return 8, "SSE: 1 add + 1 multiply pipe x 4 float lanes (kernel not recognised)"


# ---------------------------------------------------------------------------- measurements

def throughput(binary, rounds, epochs, quiet_budget=20.0, quiet_each=3.0, timeout=20.0):
    """Interleaved runs: for each round, for each configuration, mltutor then the reference.

    Before each run it waits (within a total budget) for other work on the machine to calm down;
    a run still going after `timeout` seconds is cut, and the epochs it finished still count."""
    results = {}
    budget = quiet_budget
    for r in range(rounds):
        for batch in BATCHES:
            for t in THREADS:
                env = run_env(t)
                for side in ("mltutor", "numpy"):
                    # Round r trains with seed r on both sides: one seed's test accuracy swings
                    # by a point from epoch to epoch at lr 0.05, so accuracies are compared as
                    # means over seeds.
                    if side == "mltutor":
                        cmd = engine_cmd(binary, "fashion", batch, epochs, threads=t, seed=r)
                    else:
                        cmd = reference_cmd(FASHION_DIR, "", batch, epochs, seed=r)
                    waited, quiet = wait_for_quiet(max(0.0, min(quiet_each, budget)))
                    budget -= waited
                    print(f"  round {r + 1}/{rounds}  batch {batch:3d}  {t} thread{'s' if t > 1 else ' '}  {side:7s} ",
                          end="", flush=True, file=sys.stderr)
                    run = Run(cmd, env, watch=True, timeout=timeout)
                    ep = run.epochs()
                    if len(ep) != epochs and not run.timed_out:
                        raise SystemExit(f"expected {epochs} epoch lines from: {' '.join(cmd)}\n"
                                         + "\n".join(run.lines) + run.stderr)
                    sps = [e["samples_per_second"] for e in ep]
                    note = " (cut)" if run.timed_out else ""
                    print(f"{fmt_int(median(sps)) if sps else '-':>9} samples/s  ({run.wall:.1f} s{note})",
                          file=sys.stderr)
                    slot = results.setdefault((batch, t, side), {"sps": [], "acc": [], "acc_by_epoch": [],
                                                                 "threads": [], "cpu": [], "others": [],
                                                                 "steal": [], "rss": [], "cut": 0,
                                                                 "not_quiet": 0, "waited": 0.0})
                    slot["sps"] += sps
                    slot.setdefault("runs", []).append((median(sps), run.timed_out))
                    if not run.timed_out:
                        slot["acc"].append(ep[-1]["test_accuracy"])
                        slot["acc_by_epoch"].append([e["test_accuracy"] for e in ep])
                    slot["cut"] += run.timed_out
                    slot["not_quiet"] += not quiet
                    slot["waited"] += waited
                    slot["threads"].append(run.max_threads)
                    slot["cpu"].append(run.cpu / run.wall)
                    slot["others"].append(run.others)
                    slot["steal"].append(run.steal)
                    slot["rss"].append(run.maxrss_kb)
    return results


def repeatability(binary):
    """Whether each side gives the same numbers twice with the same seed (MNIST-5k, 2 epochs)."""
    out = {}
    for side in ("mltutor", "numpy"):
        cmd = (engine_cmd(binary, "mnist-5k", 32, 2, threads=1) if side == "mltutor"
               else reference_cmd(MNIST5K_DIR, "mnist-5k", 32, 2))
        runs = [Run(cmd, run_env(1)).epochs() for _ in range(2)]
        strip = [[{k: v for k, v in e.items() if k != "samples_per_second"} for e in r] for r in runs]
        out[side] = "yes" if strip[0] == strip[1] and strip[0] else "NO"
    return out


def startup(binary, runs=5):
    """Median wall times (s): launch -> exit with --epochs 0, launch -> first epoch line of a tiny run."""
    sets = [("mnist-5k", MNIST5K_DIR, "mnist-5k", 4000), ("fashion", FASHION_DIR, "", 60000)]
    env = run_env(cpu_count())
    out = {}
    for name, folder, prefix, n in sets:
        ready, first, train, ref = [], [], [], []
        wait_for_quiet(3)
        for _ in range(runs):
            ready.append(Run(engine_cmd(binary, name, 32, 0), env).wall)
            r = Run(engine_cmd(binary, name, 1000, 1, model="784-10"), env)
            first.append(r.first_line)
            train.append(n / r.epochs()[0]["samples_per_second"])
            ref.append(Run(reference_cmd(folder, prefix, 32, 0), env).wall)
        out[name] = {"ready": median(ready), "first": median(first), "train": median(train),
                     "ref_ready": median(ref)}
    return out


def peak_rss(binary):
    """Peak RSS (KB) of one Fashion-MNIST epoch at batch 128 for each side, via /usr/bin/time -v."""
    env = run_env(cpu_count())
    cmds = {"mltutor": engine_cmd(binary, "fashion", 128, 1, threads=cpu_count()),
            "numpy": reference_cmd(FASHION_DIR, "", 128, 1)}
    out = {}
    timer = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    for side, cmd in cmds.items():
        if timer:
            r = subprocess.run([timer, "-v"] + cmd, env=env, capture_output=True, text=True, cwd=ROOT)
            m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr)
            out[side] = (int(m.group(1)), "/usr/bin/time -v") if m else (None, "?")
        else:
            out[side] = (Run(cmd, env).maxrss_kb, "getrusage")
    return out


# ---------------------------------------------------------------------------- report

def git_describe():
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "Sources", "Package.swift"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        return (head or "?") + (" + local changes" if dirty else "")
    except OSError:
        return "?"


def mb(kb):
    return kb * 1024 / 1e6 if kb else float("nan")


def table(rows, header, align):
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    def line(r):
        cells = [(str(c).rjust(w) if a == ">" else str(c).ljust(w)) for c, w, a in zip(r, widths, align)]
        return "  " + "  ".join(cells).rstrip()
    return [line(header), "  " + "  ".join("-" * w for w in widths)] + [line(r) for r in rows]


def build_report(ctx):
    m, L = ctx["machine"], []
    L.append(f"mltutor benchmarks — {ctx['date']}")
    L.append(f"machine: {m['cpu']} (family {m['family']}, model {m['model']}), {m['cores']} cores, "
             f"{m['simd']}, {m['memory']}, Linux {m['kernel']}")
    L.append(f"binary:  {ctx['display']} (built {ctx['built']}, sha256 {ctx['sha']}, source: commit {ctx['commit']})")
    if ctx["rebuilt"]:
        L.append(f"         NOTE: it was rebuilt during the benchmark ({ctx['rebuilt']}); every figure here is for the")
        L.append("         build that was there at the start (measured from a private copy)")
    L.append(f"runs:    {ctx['rounds']} interleaved rounds (mltutor, numpy, mltutor, numpy, ...) x {ctx['epochs']} "
             f"epochs per configuration and side; whole benchmark {ctx['elapsed']:.0f} s")
    L.append("")

    L.append("BLAS settings in force (the same for both sides)")
    keys = sorted(k for k in os.environ if k.startswith("OPENBLAS_") and k != "OPENBLAS_NUM_THREADS")
    env_text = "  ".join(f"{k}={os.environ[k]}" for k in keys) or "no OPENBLAS_* variable set"
    L.append(f"  environment: {env_text}")
    L.append(f"  OPENBLAS_NUM_THREADS=1 or 2 per run (the thread count below); mltutor also gets --threads N")
    for t, (eng, npy) in sorted(ctx["blas"].items()):
        L.append(f"  with OPENBLAS_NUM_THREADS={t}:")
        L.append(f"    mltutor: {eng.get('lib') or '?'}")
        L.append(f"             {eng.get('config', '?')}; kernel {eng.get('core', '?')}; threads {eng.get('threads', '?')}")
        L.append(f"    numpy {npy.get('numpy', '?')}: {npy.get('lib') or '?'}")
        L.append(f"             {npy.get('config') or npy.get('build') or npy.get('error', '?')}; "
                 f"kernel {npy.get('core', '?')}; threads {npy.get('threads', '?')}")
        if npy.get("threadpoolctl"):
            L.append(f"             threadpoolctl: {npy['threadpoolctl']}")
    seen = ctx["thread_check"]
    honoured = all(v == k for k, v in seen.items())
    L.append("  mltutor honours OPENBLAS_NUM_THREADS (no --threads, 1 epoch of Fashion-MNIST; threads with a tenth of its CPU time or more): "
             + ", ".join(f"={k}: {v}" for k, v in seen.items()) + (" -> yes" if honoured else " -> NO"))
    L.append("")

    fps, total, later = ctx["flops"]
    res, peak = ctx["throughput"], ctx["peak"]
    L.append(f"Training throughput: Fashion-MNIST, 60,000 training images, {MODEL} ReLU, softmax cross-entropy,")
    L.append(f"He init, momentum {MOMENTUM}, lr {LR}, seed = round. samples/s: median over every epoch of every run")
    L.append("(training steps only), [min-max]; ratio of the medians, and of the best epochs (less sensitive to other")
    L.append("work on the machine); GFLOP/s at the median; mltutor's % of the theoretical peak for that thread count.")
    rows = []
    for batch in BATCHES:
        for t in THREADS:
            e, r = res[(batch, t, "mltutor")], res[(batch, t, "numpy")]
            me, mr = median(e["sps"]), median(r["sps"])
            pk = peak.get(t)
            rows.append([batch, t,
                         fmt_int(me), span(e["sps"]), fmt_int(mr), span(r["sps"]),
                         f"{me / mr:.2f}x",
                         f"{max(e['sps'] or [0]) / max(r['sps'] or [float('nan')]):.2f}x",
                         f"{me * fps / 1e9:.1f}", f"{mr * fps / 1e9:.1f}",
                         f"{100 * me * fps / 1e9 / pk:.0f}%" if pk else "?"])
    L += table(rows, ["batch", "threads", "mltutor", "", "numpy", "", "ratio", "best", "GFLOP/s", "numpy", "peak%"],
               [">", ">", ">", "<", ">", "<", ">", ">", ">", ">", ">"])
    L.append("")

    L.append("Per run: median samples/s of each run, in run order ('cut': stopped at the time limit)")
    rows = []
    for batch in BATCHES:
        for t in THREADS:
            cells = [batch, t]
            for side in ("mltutor", "numpy"):
                runs = res[(batch, t, side)].get("runs", [])
                cells.append("  ".join(f"{fmt_int(v)}{' cut' if cut else ''}" for v, cut in runs))
            rows.append(cells)
    L += table(rows, ["batch", "threads", "mltutor", "numpy"], [">", ">", ">", ">"])
    L.append("")

    L.append(f"Test accuracy after epoch {ctx['epochs']} (10,000 test images; mean over the runs, seeds 0..{ctx['rounds'] - 1})")
    rows = []
    for batch in BATCHES:
        for t in THREADS:
            e, r = res[(batch, t, "mltutor")], res[(batch, t, "numpy")]
            ae, ar = mean(e["acc"]), mean(r["acc"])
            by_e = [mean(x) for x in zip(*e["acc_by_epoch"])]
            by_r = [mean(x) for x in zip(*r["acc_by_epoch"])]
            mean_gap = mean([100 * (a - b) for a, b in zip(by_e, by_r)])
            rows.append([batch, t, f"{100 * ae:.2f}%", f"{100 * ar:.2f}%", f"{100 * (ae - ar):+.2f}",
                         f"{100 * difference_error(e['acc'], r['acc']):.2f}", f"{mean_gap:+.2f}"])
    L += table(rows, ["batch", "threads", "mltutor", "numpy", "diff (points)", "std. error", "mean diff, all epochs"],
               [">", ">", ">", ">", ">", ">", ">"])
    L.append("  std. error: of the difference of the two means, from the spread of each side's runs")
    rep = ctx["repeatable"]
    L.append(f"  the same seed twice gives the same numbers (MNIST-5k, 2 epochs, batch 32): "
             f"mltutor {rep['mltutor']}, numpy {rep['numpy']}")
    L.append("")

    L.append("Run conditions, per configuration over its runs: most OS threads seen in the process, CPU time / wall")
    L.append("time (median), share of the machine busy with other work during the runs (median, max; 'steal': taken")
    L.append(f"by the hypervisor), seconds spent waiting for a quiet machine before the runs, runs cut at {ctx['timeout']:.0f} s")
    rows, noisy = [], []
    for batch in BATCHES:
        for t in THREADS:
            e, r = res[(batch, t, "mltutor")], res[(batch, t, "numpy")]
            others = e["others"] + r["others"]
            steal = e["steal"] + r["steal"]
            if max(others) > 0.15 or e["cut"] or r["cut"]:
                noisy.append(f"batch {batch}, {t} thread{'s' if t > 1 else ''}")
            rows.append([batch, t, f"{max(e['threads'])} / {max(r['threads'])}",
                         f"{median(e['cpu']):.2f} / {median(r['cpu']):.2f}",
                         f"{100 * median(others):.0f}%, {100 * max(others):.0f}%",
                         f"{100 * median(steal):.1f}%", f"{e['waited'] + r['waited']:.0f} s",
                         f"{e['cut']} / {r['cut']}"])
    L += table(rows, ["batch", "threads", "threads (mltutor / numpy)", "CPU/wall", "other load", "steal",
                      "waited", "cut"], [">"] * 8)
    if noisy:
        L.append("  NOISY: other work ran during some runs of " + "; ".join(noisy) + ":")
        L.append("  their medians are less trustworthy; run again on a quieter machine to confirm.")
    L.append("")

    s = ctx["startup"]
    L.append("Start-up and data loading (wall clock from launch, median of 5 runs each)")
    L.append("  ready: `mltutor train --epochs 0` exits after loading the data and building the model, no training;")
    L.append("  first line: launch to the first epoch line of a tiny run (784-10, batch 1000, 1 epoch), which also")
    L.append("  trains one epoch (column 'training', from its samples/s) and evaluates train and test sets;")
    L.append("  numpy ready: the reference with --epochs 0 (Python start, numpy import, gzip + parse, scaling).")
    rows = [[name, f"{v['ready']:.3f} s", f"{v['first']:.3f} s", f"{v['train']:.3f} s",
             f"{v['first'] - v['train']:.3f} s", f"{v['ref_ready']:.3f} s"] for name, v in s.items()]
    L += table(rows, ["data", "ready", "first line", "training", "first line - training", "numpy ready"],
               ["<", ">", ">", ">", ">", ">"])
    L.append("")

    rss = ctx["rss"]
    L.append("Peak resident memory, Fashion-MNIST loaded (1 epoch, batch 128, "
             f"{cpu_count()} threads; \"Maximum resident set size\" from {rss['mltutor'][1]})")
    rows = [[side, f"{mb(kb):.1f} MB", fmt_int(kb or 0) + " KB",
             f"{mb(max(res[(b, t, side)]['rss'][i] for b in BATCHES for t in THREADS for i in range(ctx['rounds']))):.1f} MB"]
            for side, (kb, _) in rss.items()]
    L += table(rows, ["", "peak RSS", "", "max over the throughput runs"], ["<", ">", ">", ">"])
    L.append("")

    clock, cpc = ctx["clock"], ctx["flop_per_cycle"]
    L.append(f"FLOP rate of training, {MODEL}")
    L.append(f"  FLOP per training sample = forward 2·Σ in·out + weight gradients 2·Σ in·out")
    L.append(f"                           + input gradients of layers 2..L 2·Σ(l≥2) in·out")
    L.append(f"    = 2·{fmt_int(total)} + 2·{fmt_int(total)} + 2·{fmt_int(later)} = {fmt_int(fps)}")
    params = total + sum(SIZES[1:])
    L.append(f"  not counted: biases, activations and softmax (~{sum(SIZES[1:]) * 6 / fps * 100:.1f} %), and the momentum "
             f"update, 4 FLOP per parameter per step ({100 * 4 * params / 32 / fps:.1f} % at batch 32, "
             f"{100 * 4 * params / 128 / fps:.1f} % at batch 128)")
    L.append(f"  kernels: OpenBLAS {ctx['core']} -> {cpc[1]} = {cpc[0]} FLOP/cycle/core")
    if clock:
        L.append(f"  clock (chain of dependent integer adds, 1 cycle each, per CPU second; best of 7): {clock['one']:.2f} GHz with one "
                 f"core busy, {clock['all']:.2f} GHz with all {cpu_count()} busy")
        L.append("  theoretical peak: " + ", ".join(
            f"{t} core{'s' if t > 1 else ''} x {clock['all' if t > 1 else 'one']:.2f} GHz x {cpc[0]} = {peak[t]:.1f} GFLOP/s"
            for t in THREADS))
    else:
        L.append(f"  {ctx['clock_note']}; no theoretical peak")
    g = ctx["gemm"]
    L.append("  achievable peak, 2048x2048 float32 GEMM (2·n³ FLOP), best of 6 (median), GFLOP/s:")
    for t in THREADS:
        parts, best = [], 0.0
        for side in ("numpy", "mltutor"):
            rates = g.get((side, t))
            if rates:
                parts.append(f"{side}'s OpenBLAS {max(rates):.1f} ({median(rates):.1f})")
                best = max(best, max(rates))
        L.append(f"    {t} thread{'s' if t > 1 else ' '}: " + ", ".join(parts)
                 + (f"; best = {100 * best / peak[t]:.0f}% of theoretical" if peak.get(t) and best else ""))
    tb = max(THREADS)
    me = median(res[(128, tb, "mltutor")]["sps"])
    mr = median(res[(128, tb, "numpy")]["sps"])
    big = max(g.get(("mltutor", tb)) or g.get(("numpy", tb)) or [float("nan")])
    for side, v in (("mltutor", me), ("numpy", mr)):
        gf = v * fps / 1e9
        L.append(f"  {side:7s} batch 128, {tb} threads: {fmt_int(v)} samples/s x {fmt_int(fps)} FLOP = {gf:.1f} GFLOP/s"
                 + (f" = {100 * gf / peak[tb]:.0f}% of theoretical peak" if peak.get(tb) else "")
                 + f", {100 * gf / big:.0f}% of the big GEMM through mltutor's OpenBLAS")
    L.append("")

    L.append("Targets")
    checks = []
    r32 = median(res[(32, tb, "mltutor")]["sps"]) / median(res[(32, tb, "numpy")]["sps"])
    r128 = me / mr
    checks.append((f"throughput >= 1.5x numpy at batch 32, {tb} threads", f"{r32:.2f}x", r32 >= 1.5))
    checks.append((f"throughput >= 1.2x numpy at batch 128, {tb} threads", f"{r128:.2f}x", r128 >= 1.2))
    if peak.get(tb):
        pct = 100 * me * fps / 1e9 / peak[tb]
        checks.append((f">= 45% of the floating-point peak at batch 128, {tb} threads", f"{pct:.0f}%", pct >= 45))
    worst = max(abs(100 * (mean(res[(b, t, "mltutor")]["acc"]) - mean(res[(b, t, "numpy")]["acc"])))
                for b in BATCHES for t in THREADS)
    checks.append(("test accuracy within 0.5 point of numpy's (worst configuration)", f"{worst:.2f}", worst <= 0.5))
    kb = rss["mltutor"][0]
    checks.append(("peak RSS with Fashion-MNIST loaded <= 120 MB", f"{mb(kb):.1f} MB", kb is not None and mb(kb) <= 120))
    ready = s["fashion"]["ready"]
    checks.append(("Fashion-MNIST ready to train <= 0.5 s", f"{ready:.3f} s", ready <= 0.5))
    width = max(len(c[0]) for c in checks)
    for text, value, ok in checks:
        L.append(f"  {'pass' if ok else 'MISS'}  {text.ljust(width)}  {value}")
    return L, checks


def history_row(ctx):
    res, fps, tb = ctx["throughput"], ctx["flops"][0], max(THREADS)
    def sps(b, t, side):
        return median(res[(b, t, side)]["sps"])
    cells = [ctx["date"], ctx["commit"]]
    for b in BATCHES:
        for t in THREADS:
            cells.append(f"{fmt_int(sps(b, t, 'mltutor'))} / {sps(b, t, 'mltutor') / sps(b, t, 'numpy'):.2f}x")
    gf = sps(128, tb, "mltutor") * fps / 1e9
    pk = ctx["peak"].get(tb)
    cells.append(f"{gf:.0f}" + (f" ({100 * gf / pk:.0f}%)" if pk else ""))
    acc = [100 * (mean(res[(b, t, "mltutor")]["acc"]) - mean(res[(b, t, "numpy")]["acc"]))
           for b in BATCHES for t in THREADS]
    cells.append(f"{max(acc, key=abs):+.2f}")
    cells.append(f"{ctx['startup']['mnist-5k']['ready']:.2f} / {ctx['startup']['fashion']['ready']:.2f} s")
    cells.append(f"{mb(ctx['rss']['mltutor'][0]):.0f} MB")
    return "| " + " | ".join(cells) + " |"


HISTORY_HEADER = [
    "| date | commit | b32 1t samples/s / ratio | b32 2t | b128 1t | b128 2t | GFLOP/s b128 2t (% peak) "
    "| worst acc. diff (points) | ready mnist-5k / fashion | peak RSS |",
    "|---|---|---|---|---|---|---|---|---|---|",
]


def update_readme(ctx, report):
    text = open(README).read() if os.path.exists(README) else "# Benchmarks\n"
    latest = (f"{MARK_LATEST[0]}\n"
              f"Measured {ctx['date']} on {ctx['machine']['cpu']} (family {ctx['machine']['family']}), "
              f"{ctx['machine']['cores']} cores, OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')}, "
              f"commit {ctx['commit']}.\n\n```text\n" + "\n".join(report) + "\n```\n" + MARK_LATEST[1])
    if MARK_LATEST[0] in text and MARK_LATEST[1] in text:
        a, b = text.index(MARK_LATEST[0]), text.index(MARK_LATEST[1]) + len(MARK_LATEST[1])
        text = text[:a] + latest + text[b:]
    else:
        text = text.rstrip("\n") + "\n\n## Latest figures\n\n" + latest + "\n"
    row = history_row(ctx)
    if MARK_HISTORY[0] in text and MARK_HISTORY[1] in text:
        b = text.index(MARK_HISTORY[1])
        body = text[text.index(MARK_HISTORY[0]) + len(MARK_HISTORY[0]):b]
        if "|---" not in body:
            text = text[:b] + "\n".join(HISTORY_HEADER) + "\n" + text[b:]
            b = text.index(MARK_HISTORY[1])
        text = text[:b] + row + "\n" + text[b:]
    else:
        text = (text.rstrip("\n") + "\n\n## History\n\nOne line per run of `make bench`; samples/s are mltutor's, "
                "ratios are against the numpy reference.\n\n" + MARK_HISTORY[0] + "\n"
                + "\n".join(HISTORY_HEADER) + "\n" + row + "\n" + MARK_HISTORY[1] + "\n")
    with open(README, "w") as f:
        f.write(text)


# ---------------------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=5, help="interleaved runs per configuration and side (default 5)")
    p.add_argument("--epochs", type=int, default=5, help="epochs per run (default 5)")
    p.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "mltutor"))
    p.add_argument("--no-readme", action="store_true", help="print only; leave Benchmarks/README.md alone")
    a = p.parse_args()
    if a.rounds < 1 or a.epochs < 1:
        p.error("--rounds and --epochs must be at least 1")
    if not os.access(a.binary, os.X_OK):
        raise SystemExit(f"{a.binary} not found: build it with `swift build -c release --product mltutor`")
    for path in [os.path.join(FASHION_DIR, "train-images-idx3-ubyte.gz"),
                 os.path.join(MNIST5K_DIR, "mnist-5k-train-images-idx3-ubyte.gz")]:
        if not os.path.exists(path):
            raise SystemExit(f"{path} is missing (Fashion-MNIST: `sudo apt-get install dataset-fashion-mnist`)")
    try:
        import numpy  # noqa: F401
    except ImportError:
        raise SystemExit("numpy is missing: python3 -m pip install numpy")

    started = time.perf_counter()
    # Measure a private copy of the binary as it is now, so that a rebuild during the benchmark
    # cannot mix two builds in one set of figures; lessons and data are found through MLTUTOR_LESSONS.
    os.environ.setdefault("MLTUTOR_LESSONS", os.path.join(ROOT, "Lessons"))
    frozen_dir = tempfile.mkdtemp(prefix="mltutor-bench-")
    binary = os.path.join(frozen_dir, "mltutor")
    for attempt in range(10):  # not while a build is writing it
        original = os.stat(a.binary)
        shutil.copy2(a.binary, binary)
        after = os.stat(a.binary)
        if (after.st_mtime_ns, after.st_size) == (original.st_mtime_ns, original.st_size) \
                and time.time() - after.st_mtime > 2:
            break
        time.sleep(3)
    with open(binary, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:12]
    try:
        ctx = measure(a, binary)
    finally:
        shutil.rmtree(frozen_dir, ignore_errors=True)
    now = os.stat(a.binary) if os.path.exists(a.binary) else None
    ctx["sha"] = digest
    ctx["display"] = os.path.relpath(a.binary, ROOT) if a.binary.startswith(ROOT) else a.binary
    ctx["rebuilt"] = (None if now and (now.st_mtime_ns, now.st_size) == (original.st_mtime_ns, original.st_size)
                      else datetime.datetime.fromtimestamp(now.st_mtime).strftime("%H:%M:%S") if now else "removed")
    ctx["built"] = datetime.datetime.fromtimestamp(original.st_mtime).strftime("%Y-%m-%d %H:%M:%S")
    ctx["elapsed"] = time.perf_counter() - started
    ctx["date"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    report, _ = build_report(ctx)
    print("\n".join(report))
    if not a.no_readme:
        update_readme(ctx, report)
        print(f"\n(figures kept in {os.path.relpath(README, ROOT)})")


def measure(a, binary):
    ctx = {"rounds": a.rounds, "epochs": a.epochs, "machine": machine_info(), "commit": git_describe()}
    log = lambda s: print(s, file=sys.stderr, flush=True)

    log("BLAS settings and thread check...")
    ctx["blas"] = {t: blas_settings(binary, t) for t in THREADS}
    ctx["thread_check"] = thread_check(binary)
    ctx["core"] = ctx["blas"][max(THREADS)][0].get("core") or os.environ.get("OPENBLAS_CORETYPE", "?")
    ctx["flop_per_cycle"] = flop_per_cycle(ctx["core"])
    ctx["flops"] = flops_per_sample(SIZES)

    log("clock and big GEMM...")
    clock, ctx["clock_note"] = measure_clock()
    ctx["clock"] = clock
    ctx["peak"] = {t: t * (clock["all"] if t > 1 else clock["one"]) * ctx["flop_per_cycle"][0]
                   for t in THREADS} if clock else {}
    ctx["gemm"] = measure_gemm(ctx["blas"][1][0].get("lib"))

    log(f"training throughput ({a.rounds} rounds x {len(BATCHES) * len(THREADS)} configurations x 2 sides, "
        f"{a.epochs} epochs each)...")
    ctx["timeout"] = 20.0
    ctx["throughput"] = throughput(binary, a.rounds, a.epochs, timeout=ctx["timeout"])

    log("repeatability...")
    ctx["repeatable"] = repeatability(binary)
    log("start-up and data loading...")
    ctx["startup"] = startup(binary)
    log("peak RSS...")
    ctx["rss"] = peak_rss(binary)
    return ctx


if __name__ == "__main__":
    main()
