"""FLOP counts of training and the report's section on FLOP rates against one core's FMA peak."""
from .process import median
from .sides import MODEL, SIZES


def per_sample(sizes=SIZES):
    """(FLOP per training sample, Σ in·out, Σ over layers 2..L of in·out)."""
    pairs = list(zip(sizes, sizes[1:]))
    total = sum(i * o for i, o in pairs)
    later = sum(i * o for i, o in pairs[1:])
    return 2 * total + 2 * total + 2 * later, total, later


def section(ctx):
    fps, total, later = per_sample()
    peak, res = ctx["peak"], ctx["throughput"]
    fma = peak["fma"]
    lines = [f"FLOP rate of training, {MODEL}",
             "  FLOP per training sample = forward 2·Σ in·out + weight gradients 2·Σ in·out",
             "                           + input gradients of layers 2..L 2·Σ(l≥2) in·out",
             f"    = 2·{total:,} + 2·{total:,} + 2·{later:,} = {fps:,}"]
    params = total + sum(SIZES[1:])
    lines.append(f"  not counted: biases, activations and softmax (~{sum(SIZES[1:]) * 6 / fps * 100:.1f} %), and the momentum "
                 f"update, 4 FLOP per parameter per step ({100 * 4 * params / 32 / fps:.1f} % at batch 32, "
                 f"{100 * 4 * params / 128 / fps:.1f} % at batch 128)")
    if peak["clock_one"]:
        lines.append(f"  clock (chain of dependent register-to-register adds, 1 cycle each, per CPU second): {peak['clock_one']:.2f} GHz "
                     f"with one core busy, {peak['clock_all']:.2f} GHz with all {ctx['machine']['cores']} busy")
    if fma:
        lines.append(f"  one core's fp32 FMA peak: {fma['gflops']:.1f} GFLOP/s, a register-only loop of {fma['chains']} "
                     f"independent vfmadd231ps chains on {fma['register']} ({fma['isa']}, {fma['lanes']} floats);")
        lines.append(f"    at {peak['clock_one']:.2f} GHz (add chain, right after) that is {fma['flop_per_cycle']:.1f} "
                     "FLOP per cycle")
    else:
        lines.append(f"  one core's fp32 FMA peak: n/a ({peak['note']})")

    kb = ctx["kernel_bench"]
    if not kb:
        lines.append(f"  kernel-bench (GFLOP/s of the training step's matrix products): n/a ({ctx['kernel_bench_note']})")
    for (b, t), v in sorted(kb.items(), key=lambda x: (x[0][1], x[0][0])):
        if v.get("error"):
            lines.append(f"  kernel-bench --batch {b} --threads {t}: n/a ({v['error']})")
            continue
        best = max(v["gflops"])
        share = f" = {100 * best / (t * fma['gflops']):.0f}% of {t} x the FMA peak" if fma else ""
        lines.append(f"  kernel-bench --batch {b} --threads {t}: path {v['path'] or '?'}, {best:.1f} GFLOP/s "
                     f"(best of {len(v['gflops'])}, median {median(v['gflops']):.1f}){share}")
    for t, rates in sorted(ctx["gemm"].items()):
        if rates:
            share = f" = {100 * max(rates) / (t * fma['gflops']):.0f}% of {t} x the FMA peak" if fma else ""
            lines.append(f"  numpy's OpenBLAS, 2048x2048 float32 GEMM, {t} thread{'s' if t > 1 else ''}: "
                         f"{max(rates):.1f} GFLOP/s (best of {len(rates)}, median {median(rates):.1f}){share}")
    lines.append("  whole training steps, GFLOP/s at the median samples/s (% of threads x the FMA peak):")
    for b, t in ctx["configs"]:
        cells = []
        for s in ctx["sides"]:
            sps = res.get((b, t, s), {}).get("sps")
            if sps:
                gf = median(sps) * fps / 1e9
                cells.append(f"{s} {gf:.1f}" + (f" ({100 * gf / (t * fma['gflops']):.0f}%)" if fma else ""))
        lines.append(f"    batch {b:3d}, {t} thread{'s' if t > 1 else ' '}: " + ", ".join(cells))
    return lines + [""]
