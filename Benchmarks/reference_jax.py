#!/usr/bin/env python3
"""A JAX MLP trainer on the CPU: a reference mltutor's engine is measured against.

The same training as Benchmarks/reference_mlp.py (and `mltutor train`): dense layers with ReLU
between them, softmax cross-entropy, He-normal initialisation, SGD with momentum (PyTorch's
convention: v <- mu*v + g; w <- w - lr*v), float32, pixels scaled by 1/255, a fresh random order
every epoch. The initial weights and the orders come from numpy's generator seeded as in
reference_mlp.py, so the two references train on the same draws. The whole training step
(gathering the batch from the images held by XLA, forward, loss, backward, update) is one
`jax.jit` function with the parameters and velocities donated; it is compiled, and run once on
copies, before the first epoch's clock starts. Prints one JSON object per epoch with the same keys
as `mltutor train --json` (samples/s counts the training steps only), plus the CPU time / wall time
of those steps and how many threads did a tenth of that work or more.

Threads: XLA sizes its CPU thread pools from the CPUs the process may run on, and XLA_FLAGS
(--xla_cpu_multi_thread_eigen=false) does not keep its intra-op pool to one thread, so
`--threads N` restricts the process's CPU affinity to N of the allowed CPUs, before numpy and
jax are imported (as `taskset` would). `--probe` prints the versions, the backend, the CPUs and
whether XLA's compiled code flushes subnormals, instead of training.

    .build/bench-venv/bin/python Benchmarks/reference_jax.py --data /usr/share/datasets/fashion-mnist \
        --sizes 784-128-64-10 --batch 32 --epochs 5 --threads 1
"""
import argparse
import functools
import json
import os
import sys
import time


def arguments():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", help="folder with the four IDX .gz files (needed unless --probe)")
    p.add_argument("--prefix", default="", help="'' for official names, 'mnist-5k' for the embedded set")
    p.add_argument("--sizes", default="784-128-64-10")
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=0, help="CPUs the process may use (0: as it is)")
    p.add_argument("--probe", action="store_true", help="print the runtime's description as JSON, then exit")
    a = p.parse_args()
    if not a.probe and not a.data:
        p.error("--data is required")
    if a.batch < 1 or a.epochs < 0 or a.threads < 0:
        p.error("--batch must be at least 1, --epochs and --threads at least 0")
    return a


def restrict_cpus(threads):
    """Keeps this process (and every thread it starts from now on) to `threads` of its CPUs."""
    allowed = sorted(os.sched_getaffinity(0))
    if threads == 0:
        return allowed
    if threads > len(allowed):
        raise SystemExit(f"reference_jax.py: --threads {threads}, but only {len(allowed)} CPUs are allowed")
    os.sched_setaffinity(0, allowed[:threads])
    return allowed[:threads]


A = arguments()
CPUS = restrict_cpus(A.threads)
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

from idx_data import he_normal, load  # noqa: E402
from thread_usage import Stretch  # noqa: E402


def describe():
    import jaxlib
    f32 = jnp.float32
    ftz = jax.jit(lambda x, y: x * y)(f32(1e-20), f32(1e-20))
    daz = jax.jit(lambda x, y: x * y)(f32(1e-40), f32(1e30))
    return {"jax": jax.__version__, "jaxlib": jaxlib.__version__, "backend": jax.default_backend(),
            "devices": [str(d) for d in jax.devices()], "cpus": CPUS,
            "xla_flags": os.environ.get("XLA_FLAGS", ""),
            "ftz": bool(ftz == 0), "daz": bool(daz == 0)}


def logits(params, x):
    for i, (w, b) in enumerate(params):
        x = x @ w + b
        if i < len(params) - 1:
            x = jax.nn.relu(x)
    return x


def loss(params, x, y):
    z = logits(params, x)
    return jnp.mean(jax.nn.logsumexp(z, axis=1) - jnp.take_along_axis(z, y[:, None], axis=1)[:, 0])


def step(params, velocity, images, labels, order, start, *, size, lr, mu):
    """One training step on the `size` samples at order[start:start+size]."""
    idx = jax.lax.dynamic_slice(order, (start,), (size,))
    x = images[idx].astype(jnp.float32) * jnp.float32(1 / 255)
    grads = jax.grad(loss)(params, x, labels[idx])
    velocity = jax.tree.map(lambda v, g: mu * v + g, velocity, grads)
    params = jax.tree.map(lambda p, v: p - lr * v, params, velocity)
    return params, velocity


@jax.jit
def evaluate(params, x, y):
    z = logits(params, x)
    nll = jax.nn.logsumexp(z, axis=1) - jnp.take_along_axis(z, y[:, None], axis=1)[:, 0]
    return jnp.mean(nll), jnp.sum(jnp.argmax(z, axis=1) == y)


def main(a):
    if a.probe:
        print(json.dumps(describe()))
        return 0
    xtr8, ytr, xte8, yte = load(a.data, a.prefix)
    sizes = [int(s) for s in a.sizes.split("-")]
    rng = np.random.default_rng(a.seed)
    weights, biases = he_normal(rng, sizes)
    params = [(jnp.asarray(w), jnp.asarray(b)) for w, b in zip(weights, biases)]
    velocity = jax.tree.map(jnp.zeros_like, params)
    images, labels = jnp.asarray(xtr8), jnp.asarray(ytr.astype(np.int32))
    xte, yte = jnp.asarray(xte8.astype(np.float32) / np.float32(255)), jnp.asarray(yte.astype(np.int32))
    n = len(xtr8)
    if a.epochs == 0:
        jax.block_until_ready((params, images, xte))
        return 0

    # Compile the step for each batch size the epoch needs (the last batch may be short) and
    # run each once on copies, so that the epochs' clocks time training steps only.
    order = jnp.asarray(np.arange(n, dtype=np.int32))
    steps = {}
    for size in sorted({min(a.batch, n), n % a.batch} - {0}):
        fn = jax.jit(functools.partial(step, size=size, lr=np.float32(a.lr), mu=np.float32(a.momentum)),
                     donate_argnums=(0, 1))
        steps[size] = fn.lower(params, velocity, images, labels, order, 0).compile()
        copies = jax.tree.map(jnp.copy, (params, velocity))
        jax.block_until_ready(steps[size](*copies, images, labels, order, 0))
    jax.block_until_ready(evaluate(params, xte, yte))

    for epoch in range(1, a.epochs + 1):
        order = jnp.asarray(rng.permutation(n).astype(np.int32))
        jax.block_until_ready(order)
        usage = Stretch()
        t0 = time.perf_counter()
        for start in range(0, n, a.batch):
            params, velocity = steps[min(a.batch, n - start)](params, velocity, images, labels, order, start)
        jax.block_until_ready(params)
        seconds = time.perf_counter() - t0
        used = usage.end()
        test_loss, correct = evaluate(params, xte, yte)
        print(json.dumps({"epoch": epoch, "test_loss": float(test_loss), "test_accuracy": int(correct) / len(xte8),
                          "samples_per_second": round(n / seconds), **used}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(A))
