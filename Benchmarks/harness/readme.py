"""Benchmarks/README.md's figures: the latest report between its markers, and one line per run
in the history table."""
import os

from . import targets
from .process import HERE, median

README = os.path.join(HERE, "README.md")
MARK_LATEST = ("<!-- latest figures: begin -->", "<!-- latest figures: end -->")
MARK_HISTORY = ("<!-- history: begin -->", "<!-- history: end -->")
HISTORY_HEADER = [
    "| date | commit | b32 1t samples/s (x numpy / x JAX) | b32 2t | b128 1t | b128 2t "
    "| kernel-bench b128 1t GFLOP/s (% FMA peak) | worst acc. diff vs numpy / JAX (points) "
    "| default threads, worst (% of best) | peak RSS | kernels (mltutor / numpy / JAX) |",
    "|---|---|---|---|---|---|---|---|---|---|---|",
]


def history_row(ctx):
    res = ctx["throughput"]
    cells = [ctx["date"], ctx["commit"]]
    for b, t in ctx["configs"]:
        sps = res.get((b, t, "mltutor"), {}).get("sps")
        ratios = [targets.ratio(res, b, t, s) for s in ("numpy", "JAX")]
        cells.append(f"{median(sps):,.0f} (" if sps else "- (")
        cells[-1] += " / ".join(f"{r:.2f}x" if r else "-" for r in ratios) + ")"
    gflops, peak = targets.kernel_share(ctx)
    cells.append(f"{gflops:.0f}" + (f" ({100 * gflops / peak:.0f}%)" if peak else "") if gflops else "n/a")
    worst = []
    for s in ("numpy", "JAX"):
        gaps = [g for b, t in ctx["configs"] if (g := targets.accuracy_gap(res, b, t, s)) is not None]
        worst.append(f"{max(gaps, key=abs):+.2f}" if gaps else "-")
    cells.append(" / ".join(worst))
    shares = [r[1] for r in targets.default_worst(ctx) if r[1] is not None]
    cells.append(f"{100 * min(shares):.0f}%" if shares else "-")
    kb = ctx["rss"].get("mltutor")
    cells.append(f"{targets.mb(kb):.0f} MB" if kb else "-")
    k = ctx["kernels"]
    numpy_core = (k["numpy"].get(1) or {}).get("core") or "?"
    jax = (k.get("JAX") or {}).get(1) or {}
    cells.append(f"{k['mltutor'].get('kernels', 'n/a')} / {numpy_core} / "
                 + (f"XLA {jax['jaxlib']}" if jax.get("jaxlib") else "-"))
    return "| " + " | ".join(cells) + " |"


def update(ctx, report):
    text = open(README).read() if os.path.exists(README) else "# Benchmarks\n"
    m = ctx["machine"]
    latest = (f"{MARK_LATEST[0]}\nMeasured {ctx['date']} on {m['cpu']} (family {m['family']}), {m['cores']} cores, "
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
        if HISTORY_HEADER[0] not in body:
            text = text[:b] + "\n".join(HISTORY_HEADER) + "\n" + text[b:]
            b = text.index(MARK_HISTORY[1])
        text = text[:b] + row + "\n" + text[b:]
    else:
        text = (text.rstrip("\n") + "\n\n## History\n\nOne line per run of `make bench`.\n\n" + MARK_HISTORY[0] + "\n"
                + "\n".join(HISTORY_HEADER) + "\n" + row + "\n" + MARK_HISTORY[1] + "\n")
    with open(README, "w") as f:
        f.write(text)
