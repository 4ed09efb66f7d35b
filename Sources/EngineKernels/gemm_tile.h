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
} mlt_tile;

typedef struct {
  int64_t mr, nr;
  void (*run)(const mlt_tile *tile);
} mlt_tile_kernel;

extern const mlt_tile_kernel mlt_tile_portable;
extern const mlt_tile_kernel mlt_tile_avx2;
extern const mlt_tile_kernel mlt_tile_avx512;

#endif
