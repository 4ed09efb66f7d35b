// The AVX-512 micro-kernel: tiles of up to 8 rows × 32 columns (two 16-lane registers per row,
// 16 accumulators), each lane one element of C with its own chain of fused multiply-adds.
#include "gemm_tile.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f")))
#define INLINE inline __attribute__((always_inline))

enum { MR = 8, NR = 32 };

static INLINE AVX512 __mmask16 lanes(int64_t count) {
  return count >= 16 ? (__mmask16)0xFFFF : count <= 0 ? (__mmask16)0 : (__mmask16)((1u << count) - 1);
}

/// One tile of `rows` rows (a constant, so that the accumulators stay in registers) and `vectors`
/// registers of columns.
static INLINE AVX512 void tile(const mlt_tile *t, const int rows, const int vectors) {
  const __mmask16 m0 = lanes(t->n), m1 = lanes(t->n - 16);
  __m512 acc[MR][2];
  for (int i = 0; i < rows; i++) {
    float *c = t->c + i * t->ldc;
    acc[i][0] = t->accumulate ? _mm512_maskz_loadu_ps(m0, c) : _mm512_setzero_ps();
    if (vectors > 1) acc[i][1] = t->accumulate ? _mm512_maskz_loadu_ps(m1, c + 16) : _mm512_setzero_ps();
  }
  const float *a = t->a;
  const float *b = t->b;
  const int64_t rs = t->rs_a, cs = t->cs_a, ldb = t->ldb;
  for (int64_t p = 0; p < t->k; p++, a += cs, b += ldb) {
    __m512 b0 = _mm512_maskz_loadu_ps(m0, b);
    __m512 b1 = vectors > 1 ? _mm512_maskz_loadu_ps(m1, b + 16) : b0;
    for (int i = 0; i < rows; i++) {
      __m512 ai = _mm512_set1_ps(a[i * rs]);
      acc[i][0] = _mm512_fmadd_ps(ai, b0, acc[i][0]);
      if (vectors > 1) acc[i][1] = _mm512_fmadd_ps(ai, b1, acc[i][1]);
    }
  }
  if (t->poison != NULL) {
    // NB: two sums, so that the additions do not all wait for each other.
    __m512 p[2] = {_mm512_setzero_ps(), _mm512_setzero_ps()};
    for (int i = 0; i < rows; i++) {
      p[i & 1] = _mm512_add_ps(p[i & 1], _mm512_maskz_sub_ps(m0, acc[i][0], acc[i][0]));
      if (vectors > 1)
        p[i & 1] = _mm512_add_ps(p[i & 1], _mm512_maskz_sub_ps(m1, acc[i][1], acc[i][1]));
    }
    *t->poison += _mm512_reduce_add_ps(_mm512_add_ps(p[0], p[1]));
  }
  for (int i = 0; i < rows; i++) {
    float *c = t->c + i * t->ldc;
    _mm512_mask_storeu_ps(c, m0, acc[i][0]);
    if (vectors > 1) _mm512_mask_storeu_ps(c + 16, m1, acc[i][1]);
  }
}

#define ROWS(v)                  \
  switch (t->m) {                \
    case 8: tile(t, 8, v); break; \
    case 7: tile(t, 7, v); break; \
    case 6: tile(t, 6, v); break; \
    case 5: tile(t, 5, v); break; \
    case 4: tile(t, 4, v); break; \
    case 3: tile(t, 3, v); break; \
    case 2: tile(t, 2, v); break; \
    default: tile(t, 1, v); break; \
  }

static AVX512 void run(const mlt_tile *t) {
  if (t->n > 16) {
    ROWS(2)
  } else {
    ROWS(1)
  }
}

const mlt_tile_kernel mlt_tile_avx512 = {MR, NR, run};
#endif
