"""The printed report: one function per section, each returning its lines."""
import os

from . import flops, targets
from .process import mean, median
from .sides import LR, MODEL, MOMENTUM
from .targets import config_text, mb


def fmt_int(x):
    return f"{x:,.0f}" if x == x else "-"


def span(xs):
    return f"[{fmt_int(min(xs))}-{fmt_int(max(xs))}]" if xs else "[-]"


def table(rows, header, align=None):
    align = align or [">"] * len(header)
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]

    def line(r):
        cells = [(str(c).rjust(w) if a == ">" else str(c).ljust(w)) for c, w, a in zip(r, widths, align)]
        return "  " + "  ".join(cells).rstrip()
    return [line(header), "  " + "  ".join("-" * w for w in widths)] + [line(r) for r in rows]


def difference_error(a, b):
    """Standard error of mean(a) - mean(b) for independent samples (0 with a single run each)."""
    def var(x):
        m = mean(x)
        return sum((v - m) ** 2 for v in x) / (len(x) - 1) if len(x) > 1 else 0.0
    return (var(a) / len(a) + var(b) / len(b)) ** 0.5


def header(ctx):
    m = ctx["machine"]
    lines = [f"mltutor benchmarks — {ctx['date']}",
             f"machine: {m['cpu']} (family {m['family']}, model {m['model']}), {m['cores']} cores, "
             f"{m['simd']}, {m['memory']}, Linux {m['kernel']}",
             f"binary:  {ctx['display']} (built {ctx['built']}, sha256 {ctx['sha']}, source: commit {ctx['commit']})"]
    if ctx["rebuilt"]:
        lines += [f"         NOTE: it was rebuilt during the benchmark ({ctx['rebuilt']}); every figure here is for the",
                  "         build that was there at the start (measured from a private copy)"]
    lines.append(f"runs:    {ctx['rounds']} interleaved rounds ({', '.join(ctx['sides'])}, ...) x {ctx['epochs']} "
                 f"epochs per configuration and side{'; quick mode' if ctx['quick'] else ''}; "
                 f"whole benchmark {ctx['elapsed']:.0f} s")
    return lines + [""]


def kernels(ctx):
    k, lines = ctx["kernels"], ["Kernels and settings, per side"]
    doc = k["mltutor"]
    lines.append(f"  mltutor: kernels {doc.get('kernels', 'n/a')}, default threads {doc.get('threads', 'n/a')}"
                 + (f"  ({doc['error']})" if doc.get("error") else ""))
    forced = os.environ.get("MLTUTOR_KERNELS")
    lines.append(f"           --threads N per run; MLTUTOR_KERNELS {'=' + forced if forced else 'unset'}; "
                 "no OPENBLAS_/OMP_ thread variables")
    gone = [f"{v}={os.environ[v]}" for v in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if v in os.environ]
    for t, npy in sorted(k["numpy"].items()):
        if npy.get("error"):
            lines.append(f"  numpy, OPENBLAS_NUM_THREADS={t}: probe failed: {npy['error']}")
            continue
        fl = npy.get("flush", {})
        main, gemm = fl.get("main", {}), fl.get("gemm", {})
        lines.append(f"  numpy {npy.get('numpy', '?')}, OPENBLAS_NUM_THREADS={t}: kernel {npy.get('core', '?')}, "
                     f"threads {npy.get('threads', '?')}; {npy.get('config', '?')}")
        lines.append(f"           {npy.get('lib', '?')}")
        workers = (f"{gemm.get('busy_workers', 0)} OpenBLAS worker(s) computed part of it "
                   f"({gemm.get('worker_cpu', 0):.2f} s CPU)" if gemm.get("busy_workers") else
                   "no worker thread took part")
        lines.append(f"           FTZ/DAZ set before numpy's import (MXCSR {npy.get('mxcsr', '?')}): caller's float32 "
                     f"1e-20*1e-20 {'= 0' if main.get('ftz') else '!= 0'}, 1e-40*1e30 {'= 0' if main.get('daz') else '!= 0'}; "
                     f"{gemm.get('n', '?')}² GEMMs of such products all 0: "
                     f"{'yes' if gemm.get('ftz') and gemm.get('daz') else 'NO'}, {workers}")
    lines.append("           OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE unset for numpy"
                 + (f" (here: {', '.join(gone)}, kept for mltutor)" if gone else ""))
    if not k.get("JAX"):
        lines.append(f"  JAX: not measured ({ctx.get('jax_note') or 'no probe'})")
    for t, jx in sorted(k.get("JAX", {}).items()):
        if jx.get("error"):
            lines.append(f"  JAX, {t} thread(s): probe failed: {jx['error']}")
            continue
        lines.append(f"  JAX {jx['jax']} (jaxlib {jx['jaxlib']}), XLA {jx['backend'].upper()}, {', '.join(jx['devices'])}, "
                     f"--threads {t}: CPU affinity {jx['cpus']}; XLA_FLAGS {jx['xla_flags'] or 'unset'}; "
                     f"jitted float32 1e-20*1e-20 {'= 0 (FTZ on)' if jx['ftz'] else '!= 0 (FTZ off)'}, "
                     f"1e-40*1e30 {'= 0 (DAZ on)' if jx['daz'] else '!= 0 (DAZ off)'}")
    res = ctx["throughput"]
    for side, how in (("numpy", "OPENBLAS_NUM_THREADS"), ("JAX", "CPU affinity")):
        for t in sorted({t for _, t in ctx["configs"]}):
            slots = [r for (b, tt, s), r in res.items() if s == side and tt == t and r["epoch_cpu"]]
            if slots:
                cpu = max(x for r in slots for x in r["epoch_cpu"])
                busy = max(x for r in slots for x in r["epoch_busy"])
                lines.append(f"  {side} kept to {t} CPU{'s' if t > 1 else ''} ({how}): during its training epochs, CPU time / "
                             f"wall time at most {cpu:.2f}, at most {busy} threads with a tenth of the work or more -> "
                             + ("yes" if cpu <= t + 0.05 else "NO"))
    if "JAX" in ctx["sides"]:
        lines.append("  (JAX's Python thread dispatches the steps and an XLA thread runs them: two threads taking turns on")
        lines.append("  one CPU; XLA sizes its intra-op pool from the CPUs allowed, XLA_FLAGS do not shrink it)")
    for name, why in ctx["failed"].items():
        lines.append(f"  {name}: FAILED, left out from then on: {why}")
    return lines + [""]


def throughput(ctx):
    res, sides = ctx["throughput"], ctx["sides"]
    lines = [f"Training throughput: Fashion-MNIST, 60,000 training images, {MODEL} ReLU, softmax cross-entropy,",
             f"He init, momentum {MOMENTUM}, lr {LR}, seed = round. samples/s: median over every epoch of every run",
             "(training steps only), [min-max]; mltutor's ratio to each reference: of the medians, and of the best",
             "epochs (less sensitive to other work on the machine)."]
    rows = []
    for b, t in ctx["configs"]:
        row = [b, t]
        for s in sides:
            sps = res.get((b, t, s), {}).get("sps", [])
            row += [fmt_int(median(sps)), span(sps)]
        for s in sides[1:]:
            r = targets.ratio(res, b, t, s)
            best = res.get((b, t, s), {}).get("sps")
            row += [f"{r:.2f}x" if r else "-",
                    f"{max(res[(b, t, 'mltutor')]['sps']) / max(best):.2f}x" if r and best else "-"]
        rows.append(row)
    head = ["batch", "threads"] + [x for s in sides for x in (s, "")] + [x for s in sides[1:] for x in ("x " + s, "best")]
    align = [">", ">"] + [x for _ in sides for x in (">", "<")] + [">"] * (2 * len(sides) - 2)
    lines += table(rows, head, align) + [""]
    lines.append("Per run: median samples/s of each run, in run order ('cut': stopped at the time limit)")
    rows = [[b, t] + ["  ".join(f"{fmt_int(v)}{' cut' if cut else ''}" for v, cut in res.get((b, t, s), {}).get("runs", []))
                      for s in sides] for b, t in ctx["configs"]]
    return lines + table(rows, ["batch", "threads"] + sides) + [""]


def accuracy(ctx):
    res, sides = ctx["throughput"], ctx["sides"]
    lines = [f"Test accuracy after epoch {ctx['epochs']} (10,000 test images; mean over the runs, seeds 0..{ctx['rounds'] - 1});",
             "differences in points, mltutor minus the reference, ± the standard error of the difference (from the",
             "spread of each side's runs); 'all epochs': the mean difference over every epoch"]
    rows = []
    for b, t in ctx["configs"]:
        row = [b, t] + [f"{100 * mean(res.get((b, t, s), {}).get('acc', [])):.2f}%" for s in sides]
        for s in sides[1:]:
            gap = targets.accuracy_gap(res, b, t, s)
            if gap is None:
                row += ["-", "-"]
                continue
            e, o = res[(b, t, "mltutor")], res[(b, t, s)]
            by_e = [mean(x) for x in zip(*e["acc_by_epoch"])]
            by_o = [mean(x) for x in zip(*o["acc_by_epoch"])]
            row += [f"{gap:+.2f} ± {100 * difference_error(e['acc'], o['acc']):.2f}",
                    f"{mean([100 * (x - y) for x, y in zip(by_e, by_o)]):+.2f}"]
        rows.append(row)
    head = ["batch", "threads"] + sides + [x for s in sides[1:] for x in ("vs " + s, "all epochs")]
    lines += table(rows, head)
    rep = ctx["repeatable"]
    lines.append("  the same seed twice gives the same numbers (MNIST-5k, 2 epochs, batch 32): "
                 + ", ".join(f"{k} {v}" for k, v in rep.items()))
    if "JAX" in sides:
        lines.append("  (JAX draws its initial weights and orders from numpy's generator as reference_mlp.py does: the two")
        lines.append("  references train on the same draws and differ by rounding alone, which over thousands of steps can")
        lines.append("  still move one run's accuracy by the better part of a point)")
    return lines + [""]


def conditions(ctx):
    res, sides = ctx["throughput"], ctx["sides"]
    lines = ["Run conditions, per configuration over its runs, per side (" + " / ".join(sides) + "): threads that did a",
             "tenth of the whole run's work or more (start-up and compilation included; most seen), CPU time / wall",
             "time of the whole run (median); share of the machine busy with other work (median, max; 'steal': taken",
             f"by the hypervisor), seconds waited for a quiet machine, runs cut at {ctx['timeout']:.0f} s"]
    rows, noisy = [], []
    for b, t in ctx["configs"]:
        slots = [res.get((b, t, s)) or {"busy": [0], "cpu": [0], "others": [], "steal": [], "waited": 0, "cut": 0}
                 for s in sides]
        others = [x for s in slots for x in s["others"]]
        steal = [x for s in slots for x in s["steal"]]
        if (others and max(others) > 0.15) or any(s["cut"] for s in slots):
            noisy.append(config_text(b, t))
        rows.append([b, t, " / ".join(str(max(s["busy"])) for s in slots),
                     " / ".join(f"{median(s['cpu']):.2f}" for s in slots),
                     f"{100 * median(others):.0f}%, {100 * max(others or [0]):.0f}%", f"{100 * median(steal):.1f}%",
                     f"{sum(s['waited'] for s in slots):.0f} s", " / ".join(str(s["cut"]) for s in slots)])
    lines += table(rows, ["batch", "threads", "busy threads", "CPU/wall", "other load", "steal", "waited", "cut"])
    if noisy:
        lines.append("  NOISY: other work ran during some runs of " + "; ".join(noisy) + ":")
        lines.append("  their medians are less trustworthy; run again on a quieter machine to confirm.")
    return lines + [""]


def default_threads(ctx):
    table_in, counts = ctx["default_threads"], None
    lines = ["Default thread count: mltutor without --threads against --threads 1..cores, one Fashion-MNIST epoch per",
             f"run, {ctx['default_reps']} round(s); samples/s (median), 'busy': threads that did a tenth of the work or more,",
             "'at best': the default's steps (all rounds) that ran on the best count"]
    rows = []
    for batch, per in table_in.items():
        counts = [c for c in per if c is not None]
        med, best = targets.default_best(per)
        steps = per[None].get("steps", {})
        at_best = f"{100 * steps.get(best, 0) / sum(steps.values()):.0f}%" if best and steps else "n/a"
        rows.append([batch, f"{fmt_int(med[None])} (busy {max(per[None]['busy'])})"]
                    + [fmt_int(med[c]) for c in counts]
                    + [best or "-", f"{100 * med[None] / med[best]:.0f}%" if best else "-", at_best])
    head = (["batch", "default"] + [f"{c} thread{'s' if c > 1 else ''}" for c in counts or []]
            + ["best", "default/best", "at best"])
    return lines + table(rows, head) + [""]


def two_at_once(ctx):
    table_in = ctx.get("two_at_once")
    if not table_in:
        return []
    lines = ["Two runs at once: two mltutor processes started together (as two sessions open on one machine),",
             f"{ctx['two_epochs']} Fashion-MNIST epoch{'s' if ctx['two_epochs'] > 1 else ''} each, {ctx['default_reps']} round(s); "
             "samples/s of each process (median over",
             "both processes' epochs), without --threads and with a fixed count each"]
    rows, counts = [], []
    for batch, per in table_in.items():
        counts = [c for c in per if c is not None]
        rows.append([batch, fmt_int(median(per[None])) if per[None] else "n/a"]
                    + [fmt_int(median(per[c])) if per[c] else "n/a" for c in counts])
    head = ["batch", "default"] + [f"{c} thread{'s' if c > 1 else ''} each" for c in counts]
    return lines + table(rows, head) + [""]


def startup(ctx):
    s = ctx["startup"]
    refs = [side for side in ctx["sides"] if any(side in v["refs"] for v in s.values())]
    lines = [f"Start-up and data loading (wall clock from launch, median of {ctx['startup_runs']} runs each)",
             "  ready: `mltutor train --epochs 0` exits after loading the data and building the model, no training;",
             "  first line: launch to the first epoch line of a tiny run (784-10, batch 1000, 1 epoch), which also",
             "  trains one epoch (column 'training', from its samples/s) and evaluates train and test sets;",
             "  reference ready: --epochs 0 (interpreter start, imports, gzip + parse, scaling)."]
    rows = [[name, f"{v['ready']:.3f} s", f"{v['first']:.3f} s", f"{v['train']:.3f} s", f"{v['first'] - v['train']:.3f} s"]
            + [f"{v['refs'].get(r, float('nan')):.3f} s" for r in refs] for name, v in s.items()]
    head = ["data", "ready", "first line", "training", "first line - training"] + [f"{r} ready" for r in refs]
    return lines + table(rows, head, ["<"] + [">"] * (len(head) - 1)) + [""]


def memory(ctx):
    rss, res = ctx["rss"], ctx["throughput"]
    lines = [f"Peak resident memory, Fashion-MNIST loaded (1 epoch, batch 128, {ctx['rss_threads']} threads; the maximum",
             "resident set size wait4 reports, the figure GNU time -v prints)"]
    rows = []
    for side, kb in rss.items():
        runs = [x for (b, t, s), r in res.items() if s == side for x in r["rss"]]
        rows.append([side, f"{mb(kb):.1f} MB" if kb else "n/a", f"{mb(max(runs)):.1f} MB" if runs else "-"])
    return lines + table(rows, ["", "peak RSS", "max over the throughput runs"], ["<", ">", ">"]) + [""]


def build(ctx):
    """(the report's lines, the targets)."""
    lines = header(ctx) + kernels(ctx) + throughput(ctx) + accuracy(ctx) + conditions(ctx)
    lines += default_threads(ctx) + two_at_once(ctx) + startup(ctx) + memory(ctx) + flops.section(ctx)
    checks = targets.check(ctx)
    width = max(len(c[0]) for c in checks)
    lines.append("Targets")
    lines += [f"  {status:4s}  {text.ljust(width)}  {value}" for text, value, status in checks]
    return lines, checks
