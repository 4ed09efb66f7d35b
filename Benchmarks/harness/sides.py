"""The trainers measured side by side: mltutor, the numpy reference and the JAX reference. Each
gives the command line and environment of a training run, and reports the kernels it runs with.

  mltutor  `mltutor train ... --threads N --json`; its environment as given, less the thread
           variables of BLAS libraries (so that its default thread count is its own choice).
  numpy    Benchmarks/reference_mlp.py with OPENBLAS_NUM_THREADS=N and OPENBLAS_CORETYPE /
           OPENBLAS_L2_SIZE unset, so that its OpenBLAS picks its own best kernel; it sets FTZ/DAZ
           itself before importing numpy.
  JAX      Benchmarks/reference_jax.py in .build/bench-venv (jax installed there by pip on the
           first run), JAX_PLATFORMS=cpu, kept to N CPUs by its own --threads N.
"""
import json
import os
import subprocess
import sys

from .process import HERE, ROOT

FASHION_DIR = "/usr/share/datasets/fashion-mnist"
MNIST5K_DIR = os.path.join(ROOT, "Lessons", "data")
DATA = {"fashion": (FASHION_DIR, ""), "mnist-5k": (MNIST5K_DIR, "mnist-5k")}
VENV = os.path.join(ROOT, ".build", "bench-venv")

SIZES = [784, 128, 64, 10]
MODEL = "-".join(map(str, SIZES))
LR, MOMENTUM = 0.05, 0.9
THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
CORE_VARIABLES = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")


def _reference_args(data, batch, epochs, seed, model):
    folder, prefix = DATA[data]
    return ["--data", folder, "--prefix", prefix, "--sizes", model, "--lr", str(LR),
            "--momentum", str(MOMENTUM), "--batch", str(batch), "--epochs", str(epochs), "--seed", str(seed)]


def _probe(cmd, env):
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        lines = out.stderr.strip().splitlines() or [f"exit status {out.returncode}"]
        return {"error": lines[-1].strip()}
    try:
        return json.loads(out.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"error": f"unreadable output: {out.stdout.strip()[:80]!r}"}


class Mltutor:
    name = "mltutor"

    def __init__(self, binary):
        self.binary = binary

    def cmd(self, data, batch, epochs, threads=None, seed=0, model=MODEL):
        cmd = [self.binary, "train", "--data", data, "--model", model, "--activation", "relu",
               "--initializer", "he", "--optimizer", "momentum", "--momentum", str(MOMENTUM),
               "--lr", str(LR), "--batch", str(batch), "--epochs", str(epochs), "--seed", str(seed), "--json"]
        return cmd + (["--threads", str(threads)] if threads is not None else [])

    def env(self, threads=None):
        return {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES}

    def kernels(self):
        """`mltutor doctor`'s kernels and threads lines: {"kernels", "threads"} or {"error"}."""
        try:
            out = subprocess.run([self.binary, "doctor"], env=self.env(), capture_output=True, text=True,
                                 timeout=60)
        except (OSError, subprocess.TimeoutExpired) as e:
            return {"error": f"`mltutor doctor`: {e}"}
        found = {}
        for line in out.stdout.splitlines():
            key, sep, value = line.strip().partition(":")
            if sep and key.strip() in ("kernels", "threads"):
                found[key.strip()] = value.strip()
        if "kernels" not in found:
            why = (f"exit status {out.returncode}" if out.returncode else "no 'kernels:' line")
            return {"error": f"`mltutor doctor` reports no kernels ({why})", **found}
        return found


class Numpy:
    name = "numpy"
    script = os.path.join(HERE, "reference_mlp.py")

    def cmd(self, data, batch, epochs, threads=None, seed=0, model=MODEL):
        return [sys.executable, self.script] + _reference_args(data, batch, epochs, seed, model)

    def env(self, threads=1):
        env = {k: v for k, v in os.environ.items() if k not in CORE_VARIABLES + THREAD_VARIABLES}
        env["OPENBLAS_NUM_THREADS"] = str(threads)
        return env

    def kernels(self, threads):
        """What reference_mlp.py --probe reports under this side's environment for `threads`."""
        return _probe([sys.executable, self.script, "--probe"], self.env(threads))


class Jax:
    name = "JAX"
    script = os.path.join(HERE, "reference_jax.py")

    def __init__(self, python):
        self.python = python

    def cmd(self, data, batch, epochs, threads=None, seed=0, model=MODEL):
        return ([self.python, self.script] + _reference_args(data, batch, epochs, seed, model)
                + (["--threads", str(threads)] if threads else []))

    def env(self, threads=None):
        env = {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES}
        env.update(JAX_PLATFORMS="cpu", TF_CPP_MIN_LOG_LEVEL="1", OPENBLAS_NUM_THREADS="1")
        return env

    def kernels(self, threads):
        return _probe([self.python, self.script, "--probe", "--threads", str(threads)], self.env(threads))


def jax_python(install=True, log=print):
    """The virtual environment's python when jax imports there, installing it on first use;
    otherwise (None, why)."""
    python = os.path.join(VENV, "bin", "python")
    check = [python, "-c", "import jax, jaxlib"]
    if os.access(python, os.X_OK) and subprocess.run(check, capture_output=True).returncode == 0:
        return python, None
    if not install:
        return None, f"jax is not installed in {os.path.relpath(VENV, ROOT)} (--no-jax-install)"
    log(f"installing jax into {os.path.relpath(VENV, ROOT)} (first run only)...")
    made = subprocess.run([sys.executable, "-m", "venv", VENV], capture_output=True, text=True)
    if made.returncode != 0:
        why = (made.stderr.strip().splitlines() or ["?"])[-1]
        return None, f"`python3 -m venv` failed ({why}); Debian's python3-venv provides it"
    pip = subprocess.run([python, "-m", "pip", "install", "--quiet", "jax"], capture_output=True, text=True)
    if pip.returncode != 0:
        why = (pip.stderr.strip().splitlines() or ["?"])[-1]
        return None, f"`pip install jax` failed: {why}"
    if subprocess.run(check, capture_output=True).returncode != 0:
        return None, "jax was installed but does not import"
    return python, None
