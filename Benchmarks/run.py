#!/usr/bin/env python3
"""mltutor's benchmarks: the training engine against two reference trainers, side by side.

Measures, on this machine and in one go:
  * training throughput (samples/s, median over every epoch of every run) and final test accuracy
    of `mltutor train`, Benchmarks/reference_mlp.py (numpy) and Benchmarks/reference_jax.py (JAX,
    jit-compiled steps, CPU) on Fashion-MNIST's 60,000 training images, batch 32 and 128, 1 and 2
    threads, runs interleaved;
  * which kernels each side runs (mltutor doctor, OpenBLAS's corename, jax/jaxlib), and that the
    references flush subnormals as mltutor does;
  * one core's fp32 FMA peak (a register-only loop compiled here) and the clock, against
    kernel-bench's GFLOP/s for the training step's matrix products;
  * mltutor's default thread count against every count, batch 32, 128 and 512;
  * start-up and data loading, peak resident memory, repeatability.

Prints a report ending with pass/MISS lines for the targets, and keeps the latest figures (and one
history line per run) in Benchmarks/README.md. The modules in harness/ do the work.

    Benchmarks/run.py [--rounds 5] [--epochs 5] [--quick] [--no-readme] [--no-jax]
"""
import argparse
import datetime
import hashlib
import os
import shutil
import sys
import tempfile
import time

from harness import measure, peak, readme, report
from harness.flops import per_sample
from harness.process import ROOT, cpu_count, git_describe, machine_info
from harness.sides import FASHION_DIR, MNIST5K_DIR, Jax, Mltutor, Numpy, jax_python

BATCHES, THREADS = (32, 128), (1, 2)
DEFAULT_BATCHES = (32, 128, 512)
TWO_BATCHES = (32, 128)
FULL = {"rounds": 5, "epochs": 5, "timeout": 30.0, "default_rounds": 5, "startup_runs": 5, "kernel_reps": 3,
        "quiet_each": 3.0, "quiet_budget": 20.0}
QUICK = {"rounds": 1, "epochs": 1, "timeout": 15.0, "default_rounds": 1, "startup_runs": 1, "kernel_reps": 1,
         "quiet_each": 1.0, "quiet_budget": 5.0}
STARTED = time.perf_counter()


def log(text, end="\n"):
    print(text, end=end, file=sys.stderr, flush=True)


def phase(text):
    log(f"[{time.perf_counter() - STARTED:4.0f} s] {text}")


def arguments():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, help="interleaved runs per configuration and side (default 5; quick 1)")
    p.add_argument("--epochs", type=int, help="epochs per run (default 5; quick 1)")
    p.add_argument("--timeout", type=float, help="seconds before a training run is cut (default 30; quick 15)")
    p.add_argument("--default-rounds", type=int, help="rounds of the default-thread table (default 5; quick 1)")
    p.add_argument("--startup-runs", type=int, help="runs per start-up figure (default 5; quick 1)")
    p.add_argument("--quick", action="store_true", help="one short round of everything, to check the harness (~1 min)")
    p.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "mltutor"))
    p.add_argument("--kernel-bench", default=os.path.join(ROOT, ".build", "release", "kernel-bench"),
                   help="kernel-bench binary (n/a when missing)")
    p.add_argument("--no-jax", action="store_true", help="leave the JAX reference out")
    p.add_argument("--no-jax-install", action="store_true", help="use JAX only if .build/bench-venv already has it")
    p.add_argument("--no-readme", action="store_true", help="print only; leave Benchmarks/README.md alone")
    a = p.parse_args()
    for key, value in (QUICK if a.quick else FULL).items():
        if getattr(a, key, None) is None:
            setattr(a, key, value)
    if min(a.rounds, a.epochs, a.default_rounds, a.startup_runs) < 1 or a.timeout <= 0:
        p.error("--rounds, --epochs, --default-rounds and --startup-runs must be at least 1, --timeout positive")
    if not os.access(a.binary, os.X_OK):
        p.error(f"{a.binary} not found: build it with `swift build -c release --product mltutor`")
    for path in [os.path.join(FASHION_DIR, "train-images-idx3-ubyte.gz"),
                 os.path.join(MNIST5K_DIR, "mnist-5k-train-images-idx3-ubyte.gz")]:
        if not os.path.exists(path):
            p.error(f"{path} is missing (Fashion-MNIST: `sudo apt-get install dataset-fashion-mnist`)")
    try:
        import numpy  # noqa: F401
    except ImportError:
        p.error("numpy is missing: python3 -m pip install numpy")
    return a


def freeze(path, folder):
    """A private copy of the binary as it is now (not while a build writes it): a rebuild during
    the benchmark cannot mix two builds in one set of figures. Returns (copy, stat of the original)."""
    copy = os.path.join(folder, os.path.basename(path))
    for _ in range(10):
        original = os.stat(path)
        shutil.copy2(path, copy)
        after = os.stat(path)
        if (after.st_mtime_ns, after.st_size) == (original.st_mtime_ns, original.st_size) \
                and time.time() - after.st_mtime > 2:
            break
        time.sleep(3)
    return copy, original


def measure_all(a, binary, kernel_bench, kernel_note):
    configs = [(b, t) for b in BATCHES for t in THREADS if t <= cpu_count()]
    threads = sorted({t for _, t in configs})
    ctx = {"rounds": a.rounds, "epochs": a.epochs, "quick": a.quick, "timeout": a.timeout, "configs": configs,
           "machine": machine_info(), "commit": git_describe(), "default_reps": a.default_rounds,
           "startup_runs": a.startup_runs, "kernel_bench_note": kernel_note, "flops": per_sample()}
    mltutor, numpy_side = Mltutor(binary), Numpy()
    sides = [mltutor, numpy_side]
    python, ctx["jax_note"] = (None, "--no-jax") if a.no_jax else jax_python(not a.no_jax_install, log)

    phase("kernels of each side...")
    ctx["kernels"] = {"mltutor": mltutor.kernels(), "numpy": {t: numpy_side.kernels(t) for t in threads}}
    if python:
        jax_side = Jax(python)
        probes = {t: jax_side.kernels(t) for t in threads}
        broken = [p["error"] for p in probes.values() if p.get("error")]
        if broken:
            ctx["jax_note"] = f"its probe failed: {broken[0]}"
        else:
            ctx["kernels"]["JAX"] = probes
            sides.append(jax_side)

    phase("clock, FMA peak, kernel-bench, numpy's GEMM...")
    ctx["peak"] = peak.measure(ctx["machine"]["flags"], quick=a.quick)
    # NB: kernel-bench measures one core, the core whose FMA peak it is compared with.
    kb_configs = [(128, 1)] if a.quick else [(32, 1), (128, 1)]
    ctx["kernel_bench"] = measure.kernel_bench(kernel_bench, kb_configs, a.kernel_reps, quiet=a.quiet_each)
    ctx["gemm"] = measure.numpy_gemm(numpy_side, threads, n=1024 if a.quick else 2048, reps=2 if a.quick else 6,
                                     quiet=a.quiet_each)

    phase(f"training throughput ({a.rounds} rounds x {len(configs)} configurations x {len(sides)} sides, "
        f"{a.epochs} epochs each)...")
    ctx["throughput"], ctx["failed"] = measure.throughput(sides, configs, a.rounds, a.epochs, a.timeout, log,
                                                          quiet_budget=a.quiet_budget, quiet_each=a.quiet_each)
    ctx["sides"] = [s.name for s in sides if s.name not in ctx["failed"]
                    or any(k[2] == s.name for k in ctx["throughput"])]
    alive = [s for s in sides if s.name not in ctx["failed"]]

    phase(f"default thread count ({a.default_rounds} round(s) x {len(DEFAULT_BATCHES)} batch sizes x "
        f"{cpu_count() + 1} settings)...")
    ctx["default_threads"] = measure.default_threads(mltutor, DEFAULT_BATCHES, a.default_rounds, log,
                                                     timeout=a.timeout, quiet=a.quiet_each / 3)
    phase(f"two runs at once ({a.default_rounds} round(s) x {len(TWO_BATCHES)} batch sizes)...")
    ctx["two_epochs"] = 1 if a.quick else 2
    ctx["two_at_once"] = measure.two_at_once(mltutor, TWO_BATCHES, a.default_rounds, log, epochs=ctx["two_epochs"],
                                             timeout=a.timeout, quiet=a.quiet_each / 3)
    phase("repeatability...")
    ctx["repeatable"] = measure.repeatability(alive, epochs=1 if a.quick else 2)
    phase("start-up and data loading...")
    ctx["startup"] = measure.startup(mltutor, alive[1:], runs=a.startup_runs, quiet=a.quiet_each)
    phase("peak RSS...")
    ctx["rss_threads"] = max(threads)
    ctx["rss"] = measure.peak_rss(alive, max(threads), a.timeout)
    if not a.quick:
        # NB: a spell of other work on a shared machine slows the matrix products (it takes their
        # caches and memory) far more than a register-only FMA loop, and can last longer than
        # kernel-bench's runs: they are measured at the start and again here, so that one spell
        # cannot take them all, and the higher FMA peak of the two times is the one compared with.
        phase("FMA peak and kernel-bench again...")
        again = peak.measure(ctx["machine"]["flags"])
        if again["fma"] and (not ctx["peak"]["fma"] or again["fma"]["gflops"] > ctx["peak"]["fma"]["gflops"]):
            ctx["peak"] = again
        measure.add_kernel_bench(ctx["kernel_bench"],
                                 measure.kernel_bench(kernel_bench, kb_configs, a.kernel_reps, quiet=a.quiet_each))
    phase("done")
    return ctx


def main():
    a = arguments()
    started = time.perf_counter()
    # Lessons and data are found through MLTUTOR_LESSONS, since the binary runs from a copy.
    os.environ.setdefault("MLTUTOR_LESSONS", os.path.join(ROOT, "Lessons"))
    frozen_dir = tempfile.mkdtemp(prefix="mltutor-bench-")
    try:
        binary, original = freeze(a.binary, frozen_dir)
        kernel_bench, kernel_note = None, f"no {os.path.relpath(a.kernel_bench, ROOT)}"
        if os.access(a.kernel_bench, os.X_OK):
            kernel_bench, _ = freeze(a.kernel_bench, frozen_dir)
        with open(binary, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()[:12]
        ctx = measure_all(a, binary, kernel_bench, kernel_note)
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
    lines, _ = report.build(ctx)
    print("\n".join(lines))
    if not a.no_readme:
        readme.update(ctx, lines)
        print(f"\n(figures kept in {os.path.relpath(readme.README, ROOT)})")


if __name__ == "__main__":
    main()
