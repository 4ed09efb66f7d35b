// Which instruction set the engine's matrix products run on.
//
// Every path computes each output element the same way (the sum over k in ascending order, one
// fused multiply-add at a time), so they all give the same bits; they differ only in speed.
// The path is chosen on first use from CPUID and the OS's saved-state support (XGETBV), never
// from model numbers; MLTUTOR_KERNELS=portable|avx2|avx512 asks for one.
#ifndef MLTUTOR_KERNEL_PATH_H
#define MLTUTOR_KERNEL_PATH_H

typedef enum {
  MLT_PATH_PORTABLE = 0,  // scalar fmaf: any CPU (and aarch64)
  MLT_PATH_AVX2 = 1,      // AVX2 + FMA, 8 lanes
  MLT_PATH_AVX512 = 2,    // AVX-512F, 16 lanes
} mlt_path;

/// Whether this CPU, and the OS's saved state, can run `path`.
int mlt_path_available(mlt_path path);

/// The path in use. On first use: the one MLTUTOR_KERNELS names when this CPU has it, else the
/// fastest this CPU has.
mlt_path mlt_path_current(void);

/// Uses `path` from the next product on; returns 0 (and changes nothing) when the CPU lacks it.
int mlt_path_use(mlt_path path);

/// "portable", "avx2" or "avx512".
const char *mlt_path_name(mlt_path path);

/// The path a name stands for, or -1 for an unknown name.
int mlt_path_named(const char *name);

#endif
