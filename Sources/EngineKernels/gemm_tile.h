// The micro-kernels behind mlt_gemm: one tile of C, of at most MR × NR elements, over the whole
// k range. One per instruction set, each with the same semantics as `mlt_tile_portable`.
#ifndef MLTUTOR_GEMM_TILE_H
#define MLTUTOR_GEMM_TILE_H

#include <stdint.h>

typedef struct {
  int64_t k;
  const float *a;  // element (i, p) of the tile's A at a[i * rs_a + p * cs_a]
  int64_t rs_a, cs_a;
  const float *b;  // element (p, j) at b[p * ldb + j]
  int64_t ldb;
  float *c;        // element (i, j) at c[i * ldc + j]
  int64_t ldc;
  int64_t m, n;    // the tile's size: m ≤ MR, n ≤ NR
  int accumulate;  // start from C's values instead of 0
  float *poison;   // unless NULL: += the sum of c − c over the tile (0 when every c is finite)
  const int32_t *ks;  // unless NULL: only these p, ascending (nks of them); the others' terms
  int64_t nks;        // are known to be zero (see mlt_tile_kernel.terms)
  int zero_as_plus;   // store a zero sum as +0
} mlt_tile;

typedef struct {
  int64_t mr, nr;
  void (*run)(const mlt_tile *tile);
  // Unless NULL (then `run` adds every term): for each tile of mr rows of op(A) = Aᵀ (element
  // (i, p) at a[i + p * cs]) over k, the p whose term can change a sum of the tile, ascending,
  // into lists[t * k...] and their number into counts[t]. A term whose A values are all ±0 over
  // the tile's rows is left out, unless row p of B (n values) holds a value that is not finite
  // (0 · ∞ is NaN). Leaving such terms out changes no bit of a sum but the sign of a zero one,
  // so the products that use these lists store every zero as +0 on every path. Returns 0, and
  // no lists, when they would leave out too few terms to pay for themselves. `lists` has room
  // for tiles + 2 lists of k: the last two are the kernel's own, to use as it likes.
  int (*terms)(const float *a, int64_t cs, int64_t m, int64_t k, const float *b, int64_t ldb,
               int64_t n, int32_t *lists, int64_t *counts);
} mlt_tile_kernel;

/// A kernel's `terms` probes the first PROBE_TERMS terms (of more than twice as many) and gives
/// up when they leave out less than an eighth of the tiles' terms: the lists would cost more
/// than they save (dense data, hidden layers' gradients).
enum { PROBE_TERMS = 4 };

/// Whether the terms kept by the probe (counts[0..<tiles], of tiles × PROBE_TERMS) leave out
/// too few to pay.
static inline int mlt_terms_too_few(const int64_t *counts, int64_t tiles) {
  int64_t kept = 0;
  for (int64_t t = 0; t < tiles; t++) kept += counts[t];
  return 8 * (tiles * PROBE_TERMS - kept) < tiles * PROBE_TERMS;
}

/// Where a kernel reads the A values of a term p (at = p·cs): with `unit` (rows one float apart,
/// rs = 1: A is a transposed matrix) at row[0] + at + i, one pointer and constant offsets; else
/// at row[i] + at, one pointer per row. NB: either way the addresses do not wait for each other.
/// Computed as a + i·rs, stepped row by row, they would be a chain of adds (one cycle each) per
/// term, longer than the term's multiply-adds on a core with two FMA units; the empty asm keeps
/// the compiler from deriving each pointer from the last again.
static inline void mlt_tile_rows(const mlt_tile *t, const float *row[], int rows, int unit) {
  for (int i = 0; i < (unit ? 1 : rows); i++) {
    row[i] = t->a + i * t->rs_a;
    __asm__("" : "+r"(row[i]));
  }
}

static inline const float *mlt_tile_a(const float *const row[], int64_t at, int i, int unit) {
  return unit ? row[0] + at + i : row[i] + at;
}

extern const mlt_tile_kernel mlt_tile_portable;
extern const mlt_tile_kernel mlt_tile_avx2;
extern const mlt_tile_kernel mlt_tile_avx512;

#endif
