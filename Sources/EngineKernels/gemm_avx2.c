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

/// One term p of a tile's sums: the accumulators += A's values (see mlt_tile_a) · B's row p.
/// With `full` (a constant), all NR columns: no masks.
static INLINE AVX2 void step(__m256 acc[MR][2], const float *const row[MR], int64_t at,
                             const float *b, __m256i m0, __m256i m1, const int rows,
                             const int vectors, const int full, const int unit) {
  __m256 b0 = full ? _mm256_loadu_ps(b) : _mm256_maskload_ps(b, m0);
  __m256 b1 = full ? _mm256_loadu_ps(b + 8) : vectors > 1 ? _mm256_maskload_ps(b + 8, m1) : b0;
  for (int i = 0; i < rows; i++) {
    __m256 ai = _mm256_broadcast_ss(mlt_tile_a(row, at, i, unit));
    acc[i][0] = _mm256_fmadd_ps(ai, b0, acc[i][0]);
    if (vectors > 1) acc[i][1] = _mm256_fmadd_ps(ai, b1, acc[i][1]);
    // NB: keeps the next row's load after these multiply-adds: the compiler would otherwise
    // load the six values at once, and the accumulators would spill out of the 16 registers.
    if (full) __asm__ volatile("" : "+x"(acc[i][0]), "+x"(acc[i][1])::"memory");
  }
}

/// One tile of `rows` rows (a constant, so that the accumulators stay in registers) and `vectors`
/// registers of columns, its A's rows `unit` (a constant) one float apart or not; with `listed`
/// (a constant too, and only with `unit`), only the terms in t->ks, over all NR columns, so that
/// no mask takes a register (one loop per copy, and no mask in it, or the accumulators spill out
/// of the 16 registers).
static INLINE AVX2 void tile(const mlt_tile *t, const int rows, const int vectors,
                             const int listed, const int unit) {
  const __m256i m0 = lanes(t->n), m1 = lanes(t->n - 8);
  __m256 acc[MR][2];
  for (int i = 0; i < rows; i++) {
    float *c = t->c + i * t->ldc;
    acc[i][0] = t->accumulate ? _mm256_maskload_ps(c, m0) : _mm256_setzero_ps();
    if (vectors > 1) acc[i][1] = t->accumulate ? _mm256_maskload_ps(c + 8, m1) : _mm256_setzero_ps();
  }
  const int64_t cs = t->cs_a, ldb = t->ldb;
  const float *row[MR];
  mlt_tile_rows(t, row, rows, unit);
  if (listed) {
    const int32_t *ks = t->ks;
    const float *b = t->b;
    for (int64_t q = 0, count = t->nks; q < count; q++) {
      const int64_t p = ks[q];
      step(acc, row, p * cs, b + p * ldb, m0, m1, rows, 2, 1, unit);
    }
  } else {
    const float *b = t->b;
    for (int64_t p = 0, at = 0; p < t->k; p++, at += cs, b += ldb)
      step(acc, row, at, b, m0, m1, rows, vectors, 0, unit);
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

#define ROWS(v, listed, unit)                    \
  switch (t->m) {                                \
    case 6: tile(t, 6, v, listed, unit); break;  \
    case 5: tile(t, 5, v, listed, unit); break;  \
    case 4: tile(t, 4, v, listed, unit); break;  \
    case 3: tile(t, 3, v, listed, unit); break;  \
    case 2: tile(t, 2, v, listed, unit); break;  \
    default: tile(t, 1, v, listed, unit); break; \
  }

/// A tile narrower than NR, or whose A's rows are not one float apart, adds all its terms: the
/// same bits (see mlt_tile_kernel.terms).
static AVX2 void run(const mlt_tile *t) {
  const int unit = t->rs_a == 1;
  if (t->ks != NULL && t->n == NR && unit) {
    ROWS(2, 1, 1)
  } else if (t->n > 8) {
    if (unit) ROWS(2, 0, 1) else ROWS(2, 0, 0)
  } else {
    if (unit) ROWS(1, 0, 1) else ROWS(1, 0, 0)
  }
}

/// Whether a tile's values in term p (A's values at x, lanes `in`) are not all ±0, or row p of
/// B holds a value that is not finite (`kept`).
static INLINE AVX2 int tile_nonzero(const float *x, __m256i in, int32_t kept) {
  const __m256i values = _mm256_castps_si256(_mm256_maskload_ps(x, in));
  return kept | !_mm256_testz_si256(values, _mm256_set1_epi32(0x7FFFFFFF));
}

/// The lanes of tile t's rows, of m.
static INLINE AVX2 __m256i tile_lanes(int64_t m, int64_t t) {
  return lanes(m - t * MR < MR ? m - t * MR : MR);
}

/// The terms of each tile of MR = 6 rows (see mlt_tile_kernel.terms), one tile per register,
/// tile by tile: each list grows with its count in a register.
static AVX2 int terms(const float *a, int64_t cs, int64_t m, int64_t k, const float *b,
                      int64_t ldb, int64_t n, int32_t *lists, int64_t *counts) {
  const int64_t tiles = (m + MR - 1) / MR;
  const __m256i exponent = _mm256_set1_epi32(0x7F800000);
  // kept[p]: 1 when row p of B holds ∞ or NaN (0 · ∞ is NaN: the term stays in every tile).
  int32_t *kept = lists + tiles * k;
  for (int64_t p = 0; p < k; p++) {
    const float *brow = b + p * ldb;
    __m256i special = _mm256_setzero_si256();
    for (int64_t j = 0; j < n; j += 8) {
      const __m256i x = _mm256_castps_si256(_mm256_maskload_ps(brow + j, lanes(n - j)));
      special = _mm256_or_si256(special, _mm256_cmpeq_epi32(_mm256_and_si256(x, exponent), exponent));
    }
    kept[p] = !_mm256_testz_si256(special, special);
  }
  if (k > 2 * PROBE_TERMS) {
    for (int64_t t = 0; t < tiles; t++) {
      counts[t] = 0;
      for (int64_t p = 0; p < PROBE_TERMS; p++)
        counts[t] += tile_nonzero(a + p * cs + t * MR, tile_lanes(m, t), kept[p]);
    }
    if (mlt_terms_too_few(counts, tiles)) return 0;
  }
  for (int64_t t = 0; t < tiles; t++) {
    const __m256i in = tile_lanes(m, t);
    int32_t *list = lists + t * k;
    int64_t count = 0;
    const float *x = a + t * MR;
    for (int64_t p = 0; p < k; p++, x += cs) {
      list[count] = (int32_t)p;
      count += tile_nonzero(x, in, kept[p]);
    }
    counts[t] = count;
  }
  return 1;
}

const mlt_tile_kernel mlt_tile_avx2 = {MR, NR, run, terms};
#endif
