"""Subnormal floats flushed to zero (FTZ) and read as zero (DAZ) in this process, as mltutor does.

x86-64 keeps both switches in the MXCSR register of each thread; a new thread starts with a copy
of its creator's. So a reference trainer calls `flush_subnormals()` before it imports numpy:
OpenBLAS starts its threads while numpy is imported, and they then flush too.

The register is set through glibc's fegetenv/fesetenv: on x86-64, glibc's fenv_t is 32 bytes,
the x87 environment (28 bytes) followed by `__mxcsr` (a 32-bit word at byte 28), and fesetenv
loads `__mxcsr` as it is. No numpy here: this module runs before numpy is imported.
"""
import ctypes
import ctypes.util
import platform

FTZ = 0x8000  # MXCSR bit 15: results that would be subnormal become zero
DAZ = 0x0040  # MXCSR bit 6: subnormal operands are read as zero
FENV_SIZE = 32
MXCSR_OFFSET = 28


def _libm():
    if platform.machine() not in ("x86_64", "AMD64"):
        raise OSError(f"FTZ/DAZ: only set on x86-64 (this is {platform.machine()})")
    return ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")


def _read(libm):
    env = (ctypes.c_uint8 * FENV_SIZE)()
    if libm.fegetenv(env) != 0:
        raise OSError("FTZ/DAZ: fegetenv failed")
    return env, ctypes.c_uint32.from_buffer(env, MXCSR_OFFSET)


def mxcsr():
    """This thread's MXCSR, as glibc's fegetenv reports it."""
    _, word = _read(_libm())
    return word.value


def flush_subnormals():
    """Sets FTZ and DAZ in the calling thread's MXCSR; returns (before, after).

    Raises OSError when the register does not read back with both bits set, or when this thread's
    arithmetic does not then flush (checked on Python's own floats, which x86-64 computes with
    the same SSE unit: a subnormal product must come out 0, and a subnormal operand must count
    as 0)."""
    libm = _libm()
    env, word = _read(libm)
    before = word.value
    word.value = before | FTZ | DAZ
    if libm.fesetenv(env) != 0:
        raise OSError("FTZ/DAZ: fesetenv failed")
    _, again = _read(libm)
    after = again.value
    if after & (FTZ | DAZ) != FTZ | DAZ:
        raise OSError(f"FTZ/DAZ: MXCSR reads {after:#06x} after setting {before | FTZ | DAZ:#06x}")
    ftz, daz = python_flushes()
    if not (ftz and daz):
        raise OSError(f"FTZ/DAZ: MXCSR {after:#06x} but Python's floats do not flush (FTZ {ftz}, DAZ {daz})")
    return before, after


def python_flushes(tiny=1e-160, subnormal=5e-324, big=1e300):
    """(FTZ, DAZ) as seen by this thread's double arithmetic: 1e-160² is subnormal (flushed: 0),
    and the smallest subnormal times 1e300 is 4.9e-24 unless it is read as 0."""
    return tiny * tiny == 0.0, subnormal * big == 0.0
