"""The measurements: training throughput and accuracy (interleaved runs of every side),
repeatability, start-up, peak memory, mltutor's default thread count, kernel-bench and a big
GEMM through numpy's OpenBLAS."""
import json
import os
import subprocess
import sys
import threading

from .process import Run, cpu_count, median, wait_for_quiet


def throughput(sides, configs, rounds, epochs, timeout, log, quiet_budget=20.0, quiet_each=3.0):
    """Interleaved runs: for each round, for each (batch, threads), every side in turn.

    Before each run it waits (within a total budget) for other work on the machine to calm down;
    a run still going after `timeout` seconds is cut, and the epochs it finished still count.
    Round r trains with seed r on every side: one seed's test accuracy swings by a point from
    epoch to epoch at lr 0.05, so accuracies are compared as means over seeds. A side whose run
    fails is dropped from the later rounds (its error is kept)."""
    results, failed = {}, {}
    budget = quiet_budget
    for r in range(rounds):
        for batch, t in configs:
            for side in sides:
                if side.name in failed:
                    continue
                cmd = side.cmd("fashion", batch, epochs, threads=t, seed=r)
                waited, quiet = wait_for_quiet(max(0.0, min(quiet_each, budget)))
                budget -= waited
                log(f"  round {r + 1}/{rounds}  batch {batch:3d}  {t} thread{'s' if t > 1 else ' '}  {side.name:7s} ",
                    end="")
                run = Run(cmd, side.env(t), watch=True, timeout=timeout, check=False)
                ep = run.epochs()
                if run.failed or (len(ep) != epochs and not run.timed_out):
                    failed[side.name] = f"{' '.join(os.path.basename(c) for c in cmd[:2])}: {run.error()}"
                    log(f"failed: {run.error()}")
                    continue
                sps = [e["samples_per_second"] for e in ep]
                log(f"{median(sps):>9,.0f} samples/s  ({run.wall:.1f} s{' (cut)' if run.timed_out else ''})"
                    if sps else f"no epoch finished ({run.wall:.1f} s, cut)")
                slot = results.setdefault((batch, t, side.name), {
                    "sps": [], "acc": [], "acc_by_epoch": [], "runs": [], "threads": [], "busy": [], "cpu": [],
                    "others": [], "steal": [], "rss": [], "cut": 0, "waited": 0.0, "epoch_cpu": [], "epoch_busy": []})
                slot["sps"] += sps
                # The references report, per epoch, the CPU time / wall time of their training
                # steps and the threads that did a tenth of that work or more.
                slot["epoch_cpu"] += [e["cpu_per_wall"] for e in ep if e.get("cpu_per_wall") is not None]
                slot["epoch_busy"] += [e["busy_threads"] for e in ep if e.get("busy_threads") is not None]
                slot["runs"].append((median(sps), run.timed_out))
                if not run.timed_out:
                    slot["acc"].append(ep[-1]["test_accuracy"])
                    slot["acc_by_epoch"].append([e["test_accuracy"] for e in ep])
                slot["cut"] += run.timed_out
                slot["waited"] += waited
                slot["threads"].append(run.max_threads)
                slot["busy"].append(run.busy_threads)
                slot["cpu"].append(run.cpu / run.wall)
                slot["others"].append(run.others)
                slot["steal"].append(run.steal)
                slot["rss"].append(run.maxrss_kb)
    return results, failed


def repeatability(sides, epochs=2):
    """Whether each side prints the same numbers twice with the same seed (MNIST-5k, batch 32, 1 thread)."""
    out = {}
    for side in sides:
        runs = [Run(side.cmd("mnist-5k", 32, epochs, threads=1), side.env(1), check=False) for _ in range(2)]
        if any(r.failed for r in runs):
            out[side.name] = "failed"
            continue
        keys = ("epoch", "test_loss", "test_accuracy")
        strip = [[{k: e.get(k) for k in keys} for e in r.epochs()] for r in runs]
        out[side.name] = "yes" if strip[0] == strip[1] and strip[0] else "NO"
    return out


def startup(mltutor, references, runs=5, quiet=3.0):
    """Median wall times (s) from launch: mltutor's exit with --epochs 0, its first epoch line of a
    tiny run (784-10, batch 1000, 1 epoch) and that epoch's training time; each reference's
    --epochs 0 (interpreter start, imports, loading)."""
    sets = [("mnist-5k", 4000), ("fashion", 60000)]
    out = {}
    for name, n in sets:
        ready, first, train, refs = [], [], [], {side.name: [] for side in references}
        wait_for_quiet(quiet)
        for _ in range(runs):
            ready.append(Run(mltutor.cmd(name, 32, 0), mltutor.env()).wall)
            r = Run(mltutor.cmd(name, 1000, 1, model="784-10"), mltutor.env())
            first.append(r.first_line)
            train.append(n / r.epochs()[0]["samples_per_second"])
            for side in references:
                run = Run(side.cmd(name, 32, 0, threads=1), side.env(1), check=False)
                if not run.failed:
                    refs[side.name].append(run.wall)
        out[name] = {"ready": median(ready), "first": median(first), "train": median(train),
                     "refs": {k: median(v) for k, v in refs.items()}}
    return out


def peak_rss(sides, threads, timeout):
    """Peak RSS (KB) of one Fashion-MNIST epoch at batch 128 for each side: the maximum resident set
    size that wait4 reports for the process (the figure GNU time -v prints); None when it failed
    or was cut."""
    out = {}
    for side in sides:
        run = Run(side.cmd("fashion", 128, 1, threads=threads), side.env(threads), timeout=timeout, check=False)
        out[side.name] = None if run.failed or run.timed_out else run.maxrss_kb
    return out


def default_threads(mltutor, batches, reps, log, epochs=1, timeout=30.0, quiet=1.0):
    """mltutor without --threads against --threads 1..cores, `reps` interleaved rounds of one
    Fashion-MNIST epoch each: {batch: {None or count: {"sps": [...], "busy": [...], "steps":
    {threads: steps}}}}, "steps" summed over the epochs' `steps_by_threads`. Each round starts the
    settings at another place in their order, so that none always runs first (on a shared VM the
    run after a quiet wait read up to a tenth apart from the one after it)."""
    counts = [None] + list(range(1, cpu_count() + 1))
    out = {b: {c: {"sps": [], "busy": [], "steps": {}} for c in counts} for b in batches}
    for r in range(reps):
        shift = r * len(counts) // reps
        for b in batches:
            for c in counts[shift:] + counts[:shift]:
                wait_for_quiet(quiet)
                run = Run(mltutor.cmd("fashion", b, epochs, threads=c, seed=r), mltutor.env(), watch=True,
                          timeout=timeout)
                for e in run.epochs():
                    out[b][c]["sps"].append(e["samples_per_second"])
                    for t, n in e.get("steps_by_threads", {}).items():
                        out[b][c]["steps"][int(t)] = out[b][c]["steps"].get(int(t), 0) + n
                out[b][c]["busy"].append(run.busy_threads)
            log(f"  round {r + 1}/{reps}  batch {b:3d}: " + "  ".join(
                f"{'default' if c is None else c}: {median(out[b][c]['sps']):,.0f}" for c in counts)
                + f"  (default's steps by threads so far: {dict(sorted(out[b][None]['steps'].items()))})")
    return out


def two_at_once(mltutor, batches, reps, log, epochs=2, timeout=30.0, quiet=1.0):
    """Two mltutor processes started together (seeds r and r + 100), as a learner with two sessions
    open: without --threads, with --threads 1 and with one thread per core each, `reps`
    interleaved rounds: {batch: {None or count: [samples/s of every epoch of both processes]}}."""
    counts = [None, 1] + ([cpu_count()] if cpu_count() > 1 else [])
    out = {b: {c: [] for c in counts} for b in batches}
    for r in range(reps):
        for b in batches:
            for c in counts:
                wait_for_quiet(quiet)
                runs = [None, None]

                def start(i):
                    runs[i] = Run(mltutor.cmd("fashion", b, epochs, threads=c, seed=r + 100 * i), mltutor.env(),
                                  timeout=timeout)
                pair = [threading.Thread(target=start, args=(i,)) for i in range(2)]
                for t in pair:
                    t.start()
                for t in pair:
                    t.join()
                out[b][c] += [e["samples_per_second"] for run in runs if run for e in run.epochs()]
            log(f"  round {r + 1}/{reps}  batch {b:3d}, two at once: " + "  ".join(
                f"{'default' if c is None else c}: {median(out[b][c]):,.0f}" for c in counts if out[b][c]))
    return out


def kernel_bench(binary, configs, reps, quiet=2.0):
    """`kernel-bench --batch B --threads T --json`, `reps` times per configuration:
    {(B, T): {"gflops": [...], "path": ...} or {"error": ...}}; {} when there is no binary."""
    if not binary:
        return {}
    out = {}
    for batch, threads in configs:
        slot = out.setdefault((batch, threads), {"gflops": [], "path": None})
        for _ in range(reps):
            wait_for_quiet(quiet)
            try:
                r = subprocess.run([binary, "--batch", str(batch), "--threads", str(threads), "--json"],
                                   capture_output=True, text=True, timeout=120)
            except (OSError, subprocess.TimeoutExpired) as e:
                out[(batch, threads)] = {"error": str(e)}
                break
            lines = [line for line in r.stdout.splitlines() if line.startswith("{")]
            try:
                result = json.loads(lines[-1])
                slot["gflops"].append(float(result["gflops"]))
                slot["path"] = result.get("path")
            except (IndexError, ValueError, KeyError, TypeError):
                why = (r.stderr.strip().splitlines() or [f"exit status {r.returncode}, no JSON line"])[-1]
                out[(batch, threads)] = {"error": why}
                break
    return out


def add_kernel_bench(into, more):
    """Adds the runs of a later `kernel_bench` to an earlier one's, configuration by configuration
    (an error in either stays)."""
    for key, v in more.items():
        if key not in into or v.get("error"):
            into[key] = v
        elif not into[key].get("error"):
            into[key]["gflops"] += v["gflops"]


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


def numpy_gemm(numpy_side, threads, n=2048, reps=6, quiet=3.0):
    """GFLOP/s of an n x n float32 GEMM through numpy's OpenBLAS, per thread count (its environment)."""
    out = {}
    for t in threads:
        wait_for_quiet(quiet)
        r = subprocess.run([sys.executable, "-c", GEMM_NUMPY, str(n), str(reps)], env=numpy_side.env(t),
                           capture_output=True, text=True)
        out[t] = json.loads(r.stdout) if r.returncode == 0 else None
    return out
