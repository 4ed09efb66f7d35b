// Subnormal numbers flushed to zero on the threads that compute.
//
// A subnormal operand costs a microcode assist per operation on many Intel CPUs, and momentum
// drives the velocities of weights that never see a signal into that range. The engine computes
// with flush-to-zero and denormals-are-zero on (MXCSR.FTZ|DAZ on x86-64, FPCR.FZ on aarch64) on
// every path and thread, so that every machine computes the same numbers at full speed.
#ifndef MLTUTOR_FLOAT_MODE_H
#define MLTUTOR_FLOAT_MODE_H

#include <stdint.h>

/// Turns flushing on for the calling thread and returns the mode it had, for
/// `mlt_flush_subnormals_end`.
uint64_t mlt_flush_subnormals_begin(void);

/// Puts back the mode `mlt_flush_subnormals_begin` returned.
void mlt_flush_subnormals_end(uint64_t previous);

/// Whether the calling thread flushes subnormals now.
int mlt_flushing_subnormals(void);

#endif
