#!/usr/bin/env python3
"""A plain numpy MLP trainer: a reference mltutor's engine is measured against.

Same network and settings as `mltutor train`: dense layers with ReLU between them, softmax
cross-entropy, He-normal initialisation, SGD with momentum (PyTorch's convention:
v <- mu*v + g; w <- w - lr*v), float32 throughout, pixels scaled by 1/255, a fresh random
order every epoch. Prints one JSON object per epoch with the same keys as `mltutor train --json`,
plus the CPU time / wall time of the epoch's training steps and how many threads did a tenth of
that work or more.

Like mltutor, it flushes subnormals (FTZ/DAZ), set before numpy is imported so that OpenBLAS's
threads, started by the import, inherit it (`--keep-subnormals` leaves the default). `--probe`
prints what numpy's OpenBLAS runs with (library, kernel, threads, flushing in every thread)
instead of training.

    python3 Benchmarks/reference_mlp.py --data /usr/share/datasets/fashion-mnist \
        --sizes 784-128-64-10 --batch 32 --epochs 5
"""
import argparse
import json
import sys
import time

import fpenv

# Before numpy: the threads OpenBLAS starts while numpy is imported copy this thread's MXCSR.
FLUSH_ERROR = None
if "--keep-subnormals" not in sys.argv[1:]:
    try:
        fpenv.flush_subnormals()
    except OSError as e:
        FLUSH_ERROR = str(e)

import numpy as np  # noqa: E402

from idx_data import he_normal, load  # noqa: E402
from thread_usage import Stretch  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", help="folder with the four IDX .gz files (needed unless --probe)")
    p.add_argument("--prefix", default="", help="'' for official names, 'mnist-5k' for the embedded set")
    p.add_argument("--sizes", default="784-128-64-10")
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--keep-subnormals", action="store_true", help="leave FTZ/DAZ off")
    p.add_argument("--probe", action="store_true", help="print numpy's BLAS and flushing as JSON, then exit")
    a = p.parse_args()
    if FLUSH_ERROR:
        return f"reference_mlp.py: {FLUSH_ERROR}"
    if not a.keep_subnormals and not (np.full(4, 1e-20, np.float32) * np.float32(1e-20) == 0).all():
        return "reference_mlp.py: FTZ was set but numpy's float32 products do not flush"
    if a.probe:
        import openblas_probe
        info = openblas_probe.probe(np)
        info["mxcsr"] = f"{fpenv.mxcsr():#06x}"
        print(json.dumps(info))
        return 0
    if not a.data:
        p.error("--data is required")

    xtr8, ytr, xte8, yte = load(a.data, a.prefix)
    xte = xte8.astype(np.float32) / np.float32(255)
    sizes = [int(s) for s in a.sizes.split("-")]
    rng = np.random.default_rng(a.seed)
    W, B = he_normal(rng, sizes)
    VW = [np.zeros_like(w) for w in W]
    VB = [np.zeros_like(b) for b in B]
    lr, mu = np.float32(a.lr), np.float32(a.momentum)
    n = len(xtr8)
    scale = np.float32(1 / 255)

    def forward(x):
        acts = [x]
        for i, (w, b) in enumerate(zip(W, B)):
            z = acts[-1] @ w + b
            acts.append(np.maximum(z, 0) if i < len(W) - 1 else z)
        return acts

    def evaluate(x, y):
        logits = forward(x)[-1]
        m = logits.max(axis=1, keepdims=True)
        logsum = m[:, 0] + np.log(np.exp(logits - m).sum(axis=1))
        loss = float(np.mean(logsum - logits[np.arange(len(y)), y]))
        return loss, float(np.mean(logits.argmax(axis=1) == y))

    for epoch in range(1, a.epochs + 1):
        order = rng.permutation(n)
        usage = Stretch()
        t0 = time.perf_counter()
        for start in range(0, n, a.batch):
            idx = order[start:start + a.batch]
            x = xtr8[idx].astype(np.float32) * scale
            y = ytr[idx]
            acts = forward(x)
            logits = acts[-1]
            e = np.exp(logits - logits.max(axis=1, keepdims=True))
            g = e / e.sum(axis=1, keepdims=True)
            g[np.arange(len(y)), y] -= 1
            g /= np.float32(len(y))
            for i in range(len(W) - 1, -1, -1):
                gw = acts[i].T @ g
                gb = g.sum(axis=0)
                if i > 0:
                    g = (g @ W[i].T) * (acts[i] > 0)
                VW[i] *= mu
                VW[i] += gw
                VB[i] *= mu
                VB[i] += gb
                W[i] -= lr * VW[i]
                B[i] -= lr * VB[i]
        seconds = time.perf_counter() - t0
        used = usage.end()
        test_loss, test_acc = evaluate(xte, yte)
        print(json.dumps({"epoch": epoch, "test_loss": test_loss, "test_accuracy": test_acc,
                          "samples_per_second": round(n / seconds), **used}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
