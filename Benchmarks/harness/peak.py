"""One core's clock and single-precision FMA peak, from harness/peak.c compiled here with cc.

The FMA loop's width is chosen from the CPU's flags: zmm registers when it has AVX-512F, ymm
with AVX2 and FMA, otherwise no FMA figure. The clock is the add-chain probe's, run on one core
right after the FMA loop (and once on every core at the same time, for the all-core clock)."""
import os
import platform
import shutil
import subprocess
import tempfile

from .process import cpu_count, wait_for_quiet

SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "peak.c")


def width_for(flags):
    """(WIDTH, compiler flags, words) for the CPU flags, or None."""
    if "avx512f" in flags:
        return 512, ["-mavx512f"], "AVX-512F"
    if "avx2" in flags and "fma" in flags:
        return 256, ["-mavx2", "-mfma"], "AVX2 + FMA"
    return None


def measure(flags, quick=False):
    """{"clock_one", "clock_all", "fma": {...} or None, "note"} (GHz, GFLOP/s); note says what is missing."""
    out = {"clock_one": None, "clock_all": None, "fma": None, "note": None}
    if platform.machine() not in ("x86_64", "AMD64"):
        out["note"] = "not measured (the probes are x86-64 only)"
        return out
    cc = next((c for c in ("cc", "gcc", "clang") if shutil.which(c)), None)
    if cc is None:
        out["note"] = "not measured (no C compiler found)"
        return out
    trials = "3" if quick else "7"
    fma_iters = "500000" if quick else "2000000"
    chosen = width_for(flags)
    with tempfile.TemporaryDirectory() as tmp:
        exe = os.path.join(tmp, "peak")
        args = [cc, "-O2", "-o", exe, SOURCE]
        if chosen:
            args[1:1] = [f"-DWIDTH={chosen[0]}"] + chosen[1]
        built = subprocess.run(args, capture_output=True, text=True)
        if built.returncode != 0:
            out["note"] = f"not measured ({cc} failed: {(built.stderr.strip().splitlines() or ['?'])[-1]})"
            return out
        wait_for_quiet(3)
        if chosen:
            text = subprocess.run([exe, "fma", fma_iters, trials], capture_output=True, text=True).stdout.split()
            gflops, reg, chains, lanes = float(text[0]), text[1], int(text[2]), int(text[3])
            out["fma"] = {"gflops": gflops, "isa": chosen[2], "register": reg, "chains": chains, "lanes": lanes}
        else:
            out["note"] = "no FMA peak (the CPU has neither AVX-512F nor AVX2 with FMA)"
        out["clock_one"] = float(subprocess.run([exe, "clock", "0", trials], capture_output=True, text=True).stdout)
        procs = [subprocess.Popen([exe, "clock", "0", trials], stdout=subprocess.PIPE, text=True)
                 for _ in range(cpu_count())]
        out["clock_all"] = min(float(p.communicate()[0]) for p in procs)
    if out["fma"]:
        out["fma"]["flop_per_cycle"] = out["fma"]["gflops"] / out["clock_one"]
    return out
