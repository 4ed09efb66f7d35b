#!/usr/bin/env python3
"""A plain numpy MLP trainer: the reference mltutor's engine is measured against.

Same network and settings as `mltutor train`: dense layers with ReLU between them, softmax
cross-entropy, He-normal initialisation, SGD with momentum (PyTorch's convention:
v <- mu*v + g; w <- w - lr*v), float32 throughout, pixels scaled by 1/255, a fresh random
order every epoch. Prints one JSON object per epoch with the same keys as `mltutor train --json`.

    python3 Benchmarks/reference_mlp.py --data /usr/share/datasets/fashion-mnist \
        --sizes 784-128-64-10 --batch 32 --epochs 5
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(folder, prefix):
    names = {
        "": ("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
             "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
        "mnist-5k": ("mnist-5k-train-images-idx3-ubyte.gz", "mnist-5k-train-labels-idx1-ubyte.gz",
                     "mnist-5k-test-images-idx3-ubyte.gz", "mnist-5k-test-labels-idx1-ubyte.gz"),
    }[prefix]
    arrays = [read_idx(os.path.join(folder, n)) for n in names]
    xtr, ytr, xte, yte = arrays
    return xtr.reshape(len(xtr), -1), ytr.astype(np.int64), xte.reshape(len(xte), -1), yte.astype(np.int64)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True, help="folder with the four IDX .gz files")
    p.add_argument("--prefix", default="", help="'' for official names, 'mnist-5k' for the embedded set")
    p.add_argument("--sizes", default="784-128-64-10")
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()

    xtr8, ytr, xte8, yte = load(a.data, a.prefix)
    xte = xte8.astype(np.float32) / np.float32(255)
    sizes = [int(s) for s in a.sizes.split("-")]
    rng = np.random.default_rng(a.seed)
    W = [(rng.standard_normal((i, o)) * np.sqrt(2.0 / i)).astype(np.float32) for i, o in zip(sizes, sizes[1:])]
    B = [np.zeros(o, np.float32) for o in sizes[1:]]
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
        test_loss, test_acc = evaluate(xte, yte)
        print(json.dumps({"epoch": epoch, "test_loss": test_loss, "test_accuracy": test_acc,
                          "samples_per_second": round(n / seconds)}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
