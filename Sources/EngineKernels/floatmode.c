#include "FloatMode.h"

#if defined(__x86_64__)
#include <xmmintrin.h>

enum { FLUSH_BITS = 0x8040 };  // MXCSR.FTZ (bit 15) | MXCSR.DAZ (bit 6)

uint64_t mlt_flush_subnormals_begin(void) {
  unsigned int previous = _mm_getcsr();
  if ((previous & FLUSH_BITS) != FLUSH_BITS) _mm_setcsr(previous | FLUSH_BITS);
  return previous;
}

void mlt_flush_subnormals_end(uint64_t previous) {
  if (_mm_getcsr() != (unsigned int)previous) _mm_setcsr((unsigned int)previous);
}

int mlt_flushing_subnormals(void) { return (_mm_getcsr() & FLUSH_BITS) == FLUSH_BITS; }

#elif defined(__aarch64__)

static const uint64_t FZ = 1ull << 24;  // FPCR.FZ: flush inputs and outputs

static uint64_t fpcr(void) {
  uint64_t value;
  __asm__ volatile("mrs %0, fpcr" : "=r"(value));
  return value;
}

static void set_fpcr(uint64_t value) { __asm__ volatile("msr fpcr, %0" : : "r"(value)); }

uint64_t mlt_flush_subnormals_begin(void) {
  uint64_t previous = fpcr();
  if ((previous & FZ) == 0) set_fpcr(previous | FZ);
  return previous;
}

void mlt_flush_subnormals_end(uint64_t previous) {
  if (fpcr() != previous) set_fpcr(previous);
}

int mlt_flushing_subnormals(void) { return (fpcr() & FZ) != 0; }

#else
#error "mltutor's engine needs x86-64 or aarch64 to control subnormal numbers"
#endif
