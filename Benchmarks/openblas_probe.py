"""What numpy's OpenBLAS runs with, seen from inside the reference trainer's process: the library,
its build, the kernel it chose (openblas_get_corename), its thread count, and whether subnormals
are flushed both in the calling thread and in OpenBLAS's own worker threads.

The worker check multiplies matrices whose products are all subnormal (1e-20 x 1e-20) or whose
operands are (1e-40 x 1e30), large enough for OpenBLAS to split the output across its threads,
and records how much CPU time the threads other than the caller spent on them: with FTZ and DAZ
in every thread that computed a part, every element is 0 (otherwise about n x 1e-40, or n x 1e-10).
"""
import ctypes
import threading
import time

from thread_usage import thread_cpu


def library_path():
    with open("/proc/self/maps") as f:
        for line in f:
            if "blas" in line.lower() and "/" in line:
                return line.split()[-1]
    return None


def query(path):
    """{config, core, threads} from OpenBLAS's own functions (plain or scipy-openblas names)."""
    lib = ctypes.CDLL(path)
    for prefix, suffix in (("", ""), ("scipy_", "64_"), ("scipy_", "")):
        def call(name, restype):
            fn = getattr(lib, prefix + name + suffix, None)
            if fn is None:
                return None
            fn.restype = restype
            value = fn()
            return value.decode().strip() if isinstance(value, bytes) else value
        config = call("openblas_get_config", ctypes.c_char_p)
        if config is None:
            continue
        return {"config": " ".join(config.split()), "core": call("openblas_get_corename", ctypes.c_char_p),
                "threads": call("openblas_get_num_threads", ctypes.c_int)}
    return {}


def flush_checks(np, n=1024, reps=12):
    """Subnormal flushing in the calling thread and in OpenBLAS's workers (see the module's text)."""
    f32 = np.float32
    main = {"ftz": bool((np.full(8, 1e-20, f32) * f32(1e-20) == 0).all()),
            "daz": bool((np.full(8, 1e-40, f32) * f32(1e30) == 0).all())}
    tiny = np.full((n, n), 1e-20, f32)
    sub, big = np.full((n, n), 1e-40, f32), np.full((n, n), 1e30, f32)
    me = threading.get_native_id()
    before, t0 = thread_cpu(), time.perf_counter()
    ftz = daz = True
    for _ in range(reps):
        ftz &= not np.any(tiny @ tiny)
        daz &= not np.any(sub @ big)
    wall = time.perf_counter() - t0
    after = thread_cpu()
    workers = {t: c - before.get(t, 0.0) for t, c in after.items() if t != me}
    busy = [c for c in workers.values() if c >= 0.1 * wall]
    return {"main": main, "gemm": {"ftz": ftz, "daz": daz, "n": n, "reps": reps, "wall": wall,
                                   "caller_cpu": after.get(me, 0.0) - before.get(me, 0.0),
                                   "worker_cpu": sum(workers.values()), "busy_workers": len(busy)}}


def probe(np):
    info = {"numpy": np.__version__, "lib": library_path()}
    if info["lib"]:
        try:
            info.update(query(info["lib"]))
        except OSError as e:
            info["error"] = str(e)
    info["flush"] = flush_checks(np)
    return info
