// The engine's matrix products.
//
// Every output element is computed the same way on every path and for any split of the work:
// it starts from 0 (or from C's value when accumulating) and adds a(i,k)·b(k,j) for k = 0, 1, …
// in ascending order, one fused multiply-add (one rounding) at a time. Vector lanes and threads
// only ever hold different output elements, never parts of one sum, so the AVX-512, AVX2 and
// portable paths, and any thread count, give the same bits.
//
// With op(A) = Aᵀ (a weight gradient, whose A is a layer's input), a zero sum is stored as +0,
// and a path may leave out the terms whose A values are all ±0 over a tile of rows (an image's
// blank pixels) when B's row holds no ∞ or NaN: adding such a term changes no sum but the sign
// of a zero one (after a tiny product was flushed to −0), so the bits stay the same everywhere.
#ifndef MLTUTOR_GEMM_H
#define MLTUTOR_GEMM_H

#include <stdint.h>

#include "KernelPath.h"
#include "UpdateSpec.h"

/// C ← (accumulate ? C : 0) + op(A)·op(B) on the current path, where op(A) is m × k, op(B) is
/// k × n and C is m × n, all row-major with leading dimensions lda, ldb and ldc; op transposes
/// A (stored k × m) or B (stored n × k) when asked.
void mlt_gemm(int transpose_a, int transpose_b, int64_t m, int64_t n, int64_t k, const float *a,
              int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc, int accumulate);

/// mlt_gemm, then each row's Σc² (as `mlt_sum_of_squares` adds it) into row_squares[0..<m]:
/// the rows are summed block by block right after they are computed, while still in the cache.
///
/// Unless `claim` is NULL: an m × n matrix with leading dimension ldc that the calling thread is
/// about to write (the weights that C is the gradient of). Its cache lines are made this core's,
/// a block after each block of C, without changing a bit: on a machine with several cores, a
/// line that other cores have read is far cheaper to take over while the product computes than
/// when a later pass writes it (each write would wait for the other cores' copies to go).
void mlt_gemm_row_squares(int transpose_a, int transpose_b, int64_t m, int64_t n, int64_t k,
                          const float *a, int64_t lda, const float *b, int64_t ldb, float *c,
                          int64_t ldc, int accumulate, double *row_squares, float *claim);

/// mlt_gemm, checking block by block, while the rows are still in the cache, that every element
/// of C is finite: returns 1 when all are. Claims `claim` as mlt_gemm_row_squares does.
int mlt_gemm_finite(int transpose_a, int transpose_b, int64_t m, int64_t n, int64_t k,
                    const float *a, int64_t lda, const float *b, int64_t ldb, float *c,
                    int64_t ldc, int accumulate, float *claim);

/// A weight gradient C = Aᵀ·B (A stored k × m) applied at once to the update `u` describes:
/// when all of B (k × n) fits in the L1 cache, the product runs by blocks of rows, each block
/// going through `mlt_update_velocity` or `mlt_update_plain` while it is still in the cache, and
/// C is not written; else the product goes to C (m × n, leading dimension ldc) and the pass
/// follows. u->w and u->v are m × n. Writes each row's Σu² to row_squares[0..<m] and returns 1
/// when every new weight is finite: the same bits as the product followed by the pass.
/// NB: the caller must know beforehand that every element of C is finite; nothing here checks.
int mlt_gemm_update(int64_t m, int64_t n, int64_t k, const float *a, int64_t lda, const float *b,
                    int64_t ldb, float *c, int64_t ldc, const mlt_update_spec *u,
                    double *row_squares);

/// The same on a given path, which the CPU must have (for tests and benchmarks).
void mlt_gemm_on(mlt_path path, int transpose_a, int transpose_b, int64_t m, int64_t n, int64_t k,
                 const float *a, int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc,
                 int accumulate);

/// For tests: the terms p that a weight gradient Aᵀ·B (A stored k × m) adds on `path`, tile by
/// tile of the path's rows: tile t's, ascending, into lists[t * k...] and their number into
/// counts[t] (room for m lists of k and m counts). Returns the tiles' height, or 0 when the
/// product adds every term (a path without lists, or too few terms left out to pay).
int64_t mlt_gemm_term_lists(mlt_path path, int64_t m, int64_t n, int64_t k, const float *a,
                            int64_t lda, const float *b, int64_t ldb, int32_t *lists,
                            int64_t *counts);

#endif
