"""The targets the report ends with: (text, value, "pass" | "MISS" | "n/a")."""
from .process import mean, median

RSS_LIMIT_MB = 120
GEMM_SHARE = 0.70
DEFAULT_SHARE = 0.90
ACCURACY_POINTS = 0.5


def mb(kb):
    return kb * 1024 / 1e6 if kb else float("nan")


def config_text(batch, threads):
    return f"batch {batch}, {threads} thread{'s' if threads > 1 else ''}"


def ratio(res, batch, threads, other):
    """mltutor's median samples/s over `other`'s, or None when either side has no epoch."""
    e, o = res.get((batch, threads, "mltutor")), res.get((batch, threads, other))
    if not e or not o or not e["sps"] or not o["sps"]:
        return None
    return median(e["sps"]) / median(o["sps"])


def accuracy_gap(res, batch, threads, other):
    e, o = res.get((batch, threads, "mltutor")), res.get((batch, threads, other))
    if not e or not o or not e["acc"] or not o["acc"]:
        return None
    return 100 * (mean(e["acc"]) - mean(o["acc"]))


def kernel_share(ctx):
    """(GFLOP/s of kernel-bench at batch 128 on one thread, the FMA peak) or Nones."""
    kb = ctx["kernel_bench"].get((128, 1)) or {}
    fma = ctx["peak"]["fma"]
    gflops = max(kb["gflops"]) if kb.get("gflops") else None
    return gflops, fma["gflops"] if fma else None


def default_best(counts):
    """(the median samples/s of each setting, None for the default; the best count or None when
    some setting has no epoch)."""
    medians = {c: median(v["sps"]) for c, v in counts.items()}
    if any(m != m for m in medians.values()):
        return medians, None
    return medians, max((c for c in medians if c is not None), key=lambda c: medians[c])


def default_worst(ctx):
    """[(batch, default's samples/s over the best count's or None, best count)] from the default-thread table."""
    rows = []
    for batch, counts in ctx["default_threads"].items():
        medians, best = default_best(counts)
        rows.append((batch, medians[None] / medians[best] if best else None, best))
    return rows


def check(ctx):
    res, out = ctx["throughput"], []

    def add(text, value, ok):
        out.append((text, value, "n/a" if ok is None else "pass" if ok else "MISS"))

    def ratio_target(other, least, configs, why):
        for b, t in configs:
            r = ratio(res, b, t, other)
            add(f"throughput >= {least:.1f}x {other}, {config_text(b, t)}",
                f"{r:.2f}x" if r else f"n/a ({why.get(other) or 'no figure'})", None if r is None else r >= least)

    why = {"JAX": ctx.get("jax_note"), "numpy": ctx["failed"].get("numpy")}
    configs = ctx["configs"]
    ratio_target("JAX", 1.0, configs, why)
    ratio_target("JAX", 1.5, [c for c in configs if c[0] == 32], why)
    ratio_target("numpy", 1.5, [c for c in configs if c[0] == 32], why)
    ratio_target("numpy", 1.2, [c for c in configs if c[0] == 128], why)

    gflops, peak = kernel_share(ctx)
    text = f"GEMM phases >= {100 * GEMM_SHARE:.0f}% of one core's FMA peak, batch 128 (kernel-bench)"
    if gflops and peak:
        add(text, f"{100 * gflops / peak:.0f}% ({gflops:.1f} of {peak:.1f} GFLOP/s)", gflops >= GEMM_SHARE * peak)
    else:
        add(text, "n/a (" + ("no kernel-bench figure" if not gflops else "no FMA peak") + ")", None)

    for other in ("numpy", "JAX"):
        gaps = [(abs(g), g, b, t) for b, t in configs if (g := accuracy_gap(res, b, t, other)) is not None]
        text = f"test accuracy within {ACCURACY_POINTS} point of {other}'s (worst configuration)"
        if gaps:
            worst = max(gaps)
            add(text, f"{worst[1]:+.2f} ({config_text(worst[2], worst[3])})", worst[0] <= ACCURACY_POINTS)
        else:
            add(text, f"n/a ({why.get(other) or 'no figure'})", None)

    kb = ctx["rss"].get("mltutor")
    add(f"peak RSS with Fashion-MNIST loaded <= {RSS_LIMIT_MB} MB", f"{mb(kb):.1f} MB" if kb else "n/a",
        None if not kb else mb(kb) <= RSS_LIMIT_MB)

    for batch, share, best in default_worst(ctx):
        text = f"default thread count within {100 * (1 - DEFAULT_SHARE):.0f}% of the best count, batch {batch}"
        if share is None:
            add(text, "n/a (a run finished no epoch within the time limit)", None)
        else:
            add(text, f"{100 * share:.0f}% of {best} thread{'s' if best > 1 else ''}", share >= DEFAULT_SHARE)
    return out
