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

/// One term p of a tile's sums: the accumulators += A's values (see mlt_tile_a) · B's row p.
static INLINE AVX512 void step(__m512 acc[MR][2], const float *const row[MR], int64_t at,
                               const float *b, __mmask16 m0, __mmask16 m1, const int rows,
                               const int vectors, const int unit) {
  __m512 b0 = _mm512_maskz_loadu_ps(m0, b);
  __m512 b1 = vectors > 1 ? _mm512_maskz_loadu_ps(m1, b + 16) : b0;
  for (int i = 0; i < rows; i++) {
    __m512 ai = _mm512_set1_ps(*mlt_tile_a(row, at, i, unit));
    acc[i][0] = _mm512_fmadd_ps(ai, b0, acc[i][0]);
    if (vectors > 1) acc[i][1] = _mm512_fmadd_ps(ai, b1, acc[i][1]);
  }
}

/// One tile of `rows` rows (a constant, so that the accumulators stay in registers) and `vectors`
/// registers of columns, its A's rows `unit` (a constant) one float apart or not.
static INLINE AVX512 void tile(const mlt_tile *t, const int rows, const int vectors,
                               const int unit) {
  const __mmask16 m0 = lanes(t->n), m1 = lanes(t->n - 16);
  __m512 acc[MR][2];
  for (int i = 0; i < rows; i++) {
    float *c = t->c + i * t->ldc;
    acc[i][0] = t->accumulate ? _mm512_maskz_loadu_ps(m0, c) : _mm512_setzero_ps();
    if (vectors > 1) acc[i][1] = t->accumulate ? _mm512_maskz_loadu_ps(m1, c + 16) : _mm512_setzero_ps();
  }
  const int64_t cs = t->cs_a, ldb = t->ldb;
  const float *row[MR];
  mlt_tile_rows(t, row, rows, unit);
  if (t->ks != NULL) {
    for (int64_t q = 0; q < t->nks; q++) {
      const int64_t p = t->ks[q];
      step(acc, row, p * cs, t->b + p * ldb, m0, m1, rows, vectors, unit);
    }
  } else {
    const float *b = t->b;
    for (int64_t p = 0, at = 0; p < t->k; p++, at += cs, b += ldb)
      step(acc, row, at, b, m0, m1, rows, vectors, unit);
  }
  if (t->zero_as_plus)
    for (int i = 0; i < rows; i++) {
      acc[i][0] = _mm512_add_ps(acc[i][0], _mm512_setzero_ps());  // −0 + +0 is +0; the rest stay
      if (vectors > 1) acc[i][1] = _mm512_add_ps(acc[i][1], _mm512_setzero_ps());
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

#define ROWS(v, unit)                    \
  switch (t->m) {                        \
    case 8: tile(t, 8, v, unit); break;  \
    case 7: tile(t, 7, v, unit); break;  \
    case 6: tile(t, 6, v, unit); break;  \
    case 5: tile(t, 5, v, unit); break;  \
    case 4: tile(t, 4, v, unit); break;  \
    case 3: tile(t, 3, v, unit); break;  \
    case 2: tile(t, 2, v, unit); break;  \
    default: tile(t, 1, v, unit); break; \
  }

static AVX512 void run(const mlt_tile *t) {
  const int unit = t->rs_a == 1;
  if (t->n > 16) {
    if (unit) ROWS(2, 1) else ROWS(2, 0)
  } else {
    if (unit) ROWS(1, 1) else ROWS(1, 0)
  }
}

/// Which lanes of a pair of tiles hold a value that is not ±0 in term p (A's values at x),
/// every lane when row p of B holds one that is not finite (`kept`).
static INLINE AVX512 __mmask16 pair_nonzero(const float *x, __mmask16 in, int32_t kept) {
  const __m512i values = _mm512_castps_si512(_mm512_maskz_loadu_ps(in, x));
  return _mm512_test_epi32_mask(values, _mm512_set1_epi32(0x7FFFFFFF)) | (__mmask16)kept;
}

/// The terms of each tile of MR = 8 rows (see mlt_tile_kernel.terms), two tiles per register,
/// pair by pair: each pair's two lists grow with their counts in registers.
static AVX512 int terms(const float *a, int64_t cs, int64_t m, int64_t k, const float *b,
                        int64_t ldb, int64_t n, int32_t *lists, int64_t *counts) {
  const int64_t tiles = (m + MR - 1) / MR;
  const __m512i exponent = _mm512_set1_epi32(0x7F800000);
  // kept[p]: every lane when row p of B holds ∞ or NaN (0 · ∞ is NaN: the term stays).
  int32_t *kept = lists + tiles * k, *spare = kept + k;
  for (int64_t p = 0; p < k; p++) {
    const float *brow = b + p * ldb;
    __mmask16 special = 0;
    for (int64_t j = 0; j < n; j += 16) {
      const __m512i x = _mm512_castps_si512(_mm512_maskz_loadu_ps(lanes(n - j), brow + j));
      special |= _mm512_cmpeq_epi32_mask(_mm512_and_si512(x, exponent), exponent);
    }
    kept[p] = special != 0 ? 0xFFFF : 0;
  }
  if (k > 2 * PROBE_TERMS) {
    for (int64_t t = 0; t < tiles; t += 2) {
      counts[t] = 0;
      if (t + 1 < tiles) counts[t + 1] = 0;
      for (int64_t p = 0; p < PROBE_TERMS; p++) {
        const __mmask16 nonzero = pair_nonzero(a + p * cs + t * MR, lanes(m - t * MR), kept[p]);
        counts[t] += (nonzero & 0xFF) != 0;
        if (t + 1 < tiles) counts[t + 1] += (nonzero >> 8) != 0;
      }
    }
    if (mlt_terms_too_few(counts, tiles)) return 0;
  }
  for (int64_t t = 0; t < tiles; t += 2) {
    const __mmask16 in = lanes(m - t * MR);
    int32_t *first = lists + t * k, *second = t + 1 < tiles ? first + k : spare;
    int64_t c0 = 0, c1 = 0;
    const float *x = a + t * MR;
    for (int64_t p = 0; p < k; p++, x += cs) {
      const __mmask16 nonzero = pair_nonzero(x, in, kept[p]);
      first[c0] = (int32_t)p;
      c0 += (nonzero & 0xFF) != 0;
      second[c1] = (int32_t)p;
      c1 += (nonzero >> 8) != 0;
    }
    counts[t] = c0;
    if (t + 1 < tiles) counts[t + 1] = c1;
  }
  return 1;
}

const mlt_tile_kernel mlt_tile_avx512 = {MR, NR, run, terms};
#endif
