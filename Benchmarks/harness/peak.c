/* The benchmark's two probes of one core, compiled when it runs (x86-64, GCC or Clang):
 *
 *   peak clock [iterations] [trials]  GHz: a chain of dependent register-to-register integer
 *                                     adds, 1 cycle each, counted per second of this process's
 *                                     CPU time (not adds of a constant: cores such as Intel's
 *                                     Golden Cove fold a chain of those at renaming, several a
 *                                     cycle, and the chain would read five times the clock)
 *   peak fma [iterations] [trials]    GFLOP/s of single-precision fused multiply-adds on
 *                                     registers only: CHAINS independent accumulators, each
 *                                     vfmadd231ps depending on the last one of its chain
 *
 * Built with -DWIDTH=512 -mavx512f (zmm, 16 floats, 24 chains) or -DWIDTH=256 -mavx2 -mfma
 * (ymm, 8 floats, 12 chains: 16 registers); without WIDTH only `clock` is there. The chains are
 * more than latency x FMA pipes on any current x86 core, so the loop runs at the FMA units'
 * throughput. The accumulators grow by 1e-7 a step: no overflow, no subnormal.
 * Prints the best of the trials (CPU time, so time-sharing with other work does not count).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double cpu_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

#define A1 "add %1, %0\n\t"
#define A10 A1 A1 A1 A1 A1 A1 A1 A1 A1 A1
#define A100 A10 A10 A10 A10 A10 A10 A10 A10 A10 A10

static double clock_ghz(long iters) {
  unsigned long x = 0, one = 1;
  double t0 = cpu_now();
  for (long i = 0; i < iters; i++) {
    __asm__ volatile(A100 A100 A100 A100 A100 A100 A100 A100 A100 A100 : "+r"(x) : "r"(one));
  }
  return (double)x / (cpu_now() - t0) / 1e9;
}

#if defined(WIDTH)
#if WIDTH == 512
#define R "zmm"
#define LANES 16
#define CHAINS 24
#define MUL "24"
#define ADD "25"
#define FMAS F(0) F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8) F(9) F(10) F(11) \
             F(12) F(13) F(14) F(15) F(16) F(17) F(18) F(19) F(20) F(21) F(22) F(23)
#define XOR "vpxord" /* AVX-512F; vxorps on zmm would need AVX-512DQ */
#define ZEROS Z(0) Z(1) Z(2) Z(3) Z(4) Z(5) Z(6) Z(7) Z(8) Z(9) Z(10) Z(11) \
              Z(12) Z(13) Z(14) Z(15) Z(16) Z(17) Z(18) Z(19) Z(20) Z(21) Z(22) Z(23)
#define CLOBBER "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", \
  "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15", "xmm16", "xmm17", "xmm18", "xmm19",    \
  "xmm20", "xmm21", "xmm22", "xmm23", "xmm24", "xmm25"
#elif WIDTH == 256
#define R "ymm"
#define LANES 8
#define CHAINS 12
#define MUL "12"
#define ADD "13"
#define FMAS F(0) F(1) F(2) F(3) F(4) F(5) F(6) F(7) F(8) F(9) F(10) F(11)
#define XOR "vxorps"
#define ZEROS Z(0) Z(1) Z(2) Z(3) Z(4) Z(5) Z(6) Z(7) Z(8) Z(9) Z(10) Z(11)
#define CLOBBER "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", \
  "xmm10", "xmm11", "xmm12", "xmm13"
#else
#error "WIDTH must be 512 or 256"
#endif
#define UNROLL 4
/* acc_n += mul * add: vfmadd231ps %mul, %add, %acc_n (AT&T operand order). */
#define F(n) "vfmadd231ps %%" R MUL ", %%" R ADD ", %%" R #n "\n\t"
#define Z(n) XOR " %%" R #n ", %%" R #n ", %%" R #n "\n\t"

static double fma_gflops(long iters) {
  static const float mul = 1e-7f, add = 1.0f;
  long n = iters;
  double t0 = cpu_now();
  __asm__ volatile(
      "vbroadcastss %1, %%" R MUL "\n\t"
      "vbroadcastss %2, %%" R ADD "\n\t"
      ZEROS
      "1:\n\t"
      FMAS FMAS FMAS FMAS
      "dec %0\n\t"
      "jnz 1b\n\t"
      : "+r"(n)
      : "m"(mul), "m"(add)
      : CLOBBER, "cc");
  double seconds = cpu_now() - t0;
  return (double)iters * UNROLL * CHAINS * LANES * 2 / seconds / 1e9;
}
#endif

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "clock";
  long iters = argc > 2 ? atol(argv[2]) : 0;
  int trials = argc > 3 ? atoi(argv[3]) : 7;
  double best = 0;
  if (strcmp(mode, "clock") == 0) {
    for (int t = 0; t < trials; t++) {
      double v = clock_ghz(iters > 0 ? iters : 200000);
      if (v > best) best = v;
    }
#if defined(WIDTH)
  } else if (strcmp(mode, "fma") == 0) {
    for (int t = 0; t < trials; t++) {
      double v = fma_gflops(iters > 0 ? iters : 2000000);
      if (v > best) best = v;
    }
    printf("%.4f %s %d %d\n", best, R, CHAINS, LANES);
    return 0;
#endif
  } else {
    fprintf(stderr, "peak: unknown mode '%s' (clock%s)\n", mode,
#if defined(WIDTH)
            ", fma"
#else
            ""
#endif
    );
    return 2;
  }
  printf("%.4f\n", best);
  return 0;
}
