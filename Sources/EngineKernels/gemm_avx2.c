// The AVX2 + FMA micro-kernel: tiles of up to 6 rows × 16 columns (two 8-lane registers per row,
// 12 accumulators), each lane one element of C with its own chain of fused multiply-adds.
#include "gemm_tile.h"

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma")))
#define INLINE inline __attribute__((always_inline))

enum { MR = 6, NR = 16 };

/// A mask for maskload/maskstore: the first `count` of 8 lanes.
static INLINE AVX2 __m256i lanes(int64_t count) {
  const __m256i index = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
  int n = count < 0 ? 0 : count > 8 ? 8 : (int)count;
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(n), index);
}

/// One tile of `rows` rows (a constant, so that the accumulators stay in registers) and `vectors`
/// registers of columns.
static INLINE AVX2 void tile(const mlt_tile *t, const int rows, const int vectors) {
  const __m256i m0 = lanes(t->n), m1 = lanes(t->n - 8);
  __m256 acc[MR][2];
  for (int i = 0; i < rows; i++) {
    float *c = t->c + i * t->ldc;
    acc[i][0] = t->accumulate ? _mm256_maskload_ps(c, m0) : _mm256_setzero_ps();
    if (vectors > 1) acc[i][1] = t->accumulate ? _mm256_maskload_ps(c + 8, m1) : _mm256_setzero_ps();
  }
  const float *a = t->a;
  const float *b = t->b;
  const int64_t rs = t->rs_a, cs = t->cs_a, ldb = t->ldb;
  for (int64_t p = 0; p < t->k; p++, a += cs, b += ldb) {
    __m256 b0 = _mm256_maskload_ps(b, m0);
    __m256 b1 = vectors > 1 ? _mm256_maskload_ps(b + 8, m1) : b0;
    for (int i = 0; i < rows; i++) {
      __m256 ai = _mm256_broadcast_ss(a + i * rs);
      acc[i][0] = _mm256_fmadd_ps(ai, b0, acc[i][0]);
      if (vectors > 1) acc[i][1] = _mm256_fmadd_ps(ai, b1, acc[i][1]);
    }
  }
  if (t->zero_as_plus)
    for (int i = 0; i < rows; i++) {
      acc[i][0] = _mm256_add_ps(acc[i][0], _mm256_setzero_ps());  // −0 + +0 is +0; the rest stay
      if (vectors > 1) acc[i][1] = _mm256_add_ps(acc[i][1], _mm256_setzero_ps());
    }
  if (t->poison != NULL) {
    // NB: two sums, so that the additions do not all wait for each other.
    const __m256 k0 = _mm256_castsi256_ps(m0), k1 = _mm256_castsi256_ps(m1);
    __m256 p[2] = {_mm256_setzero_ps(), _mm256_setzero_ps()};
    for (int i = 0; i < rows; i++) {
      p[i & 1] = _mm256_add_ps(p[i & 1], _mm256_and_ps(k0, _mm256_sub_ps(acc[i][0], acc[i][0])));
      if (vectors > 1)
        p[i & 1] = _mm256_add_ps(p[i & 1], _mm256_and_ps(k1, _mm256_sub_ps(acc[i][1], acc[i][1])));
    }
    float lanes[8];
    _mm256_storeu_ps(lanes, _mm256_add_ps(p[0], p[1]));
    for (int k = 0; k < 8; k++) *t->poison += lanes[k];
  }
  for (int i = 0; i < rows; i++) {
    float *c = t->c + i * t->ldc;
    _mm256_maskstore_ps(c, m0, acc[i][0]);
    if (vectors > 1) _mm256_maskstore_ps(c + 8, m1, acc[i][1]);
  }
}

#define ROWS(v)                  \
  switch (t->m) {                \
    case 6: tile(t, 6, v); break; \
    case 5: tile(t, 5, v); break; \
    case 4: tile(t, 4, v); break; \
    case 3: tile(t, 3, v); break; \
    case 2: tile(t, 2, v); break; \
    default: tile(t, 1, v); break; \
  }

static AVX2 void run(const mlt_tile *t) {
  if (t->n > 8) {
    ROWS(2)
  } else {
    ROWS(1)
  }
}

const mlt_tile_kernel mlt_tile_avx2 = {MR, NR, run, NULL};
#endif
