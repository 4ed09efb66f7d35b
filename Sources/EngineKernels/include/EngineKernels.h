// The engine's element-wise passes over whole batches and parameter vectors, in C so that the
// compiler can build them for AVX2 and baseline x86-64 (the velocity and plain updates also for
// AVX-512) and pick at load time.
//
// Every function gives the same bits on every path: no fused multiply-add (contraction is off)
// and reductions keep eight running sums in a fixed order.
#ifndef MLTUTOR_ENGINE_KERNELS_H
#define MLTUTOR_ENGINE_KERNELS_H

#include <stdint.h>

#include "FloatMode.h"
#include "Gemm.h"
#include "KernelPath.h"
#include "Maths.h"
#include "UpdateSpec.h"
#include "WorkerPool.h"

/// Rows `rows[0..<count]` of a byte matrix `src` (`width` columns) into `dst`, times `scale`.
void mlt_gather_bytes(float *dst, const uint8_t *src, const int64_t *rows, int64_t count,
                      int64_t width, float scale);

/// Rows of a float matrix into `dst`.
void mlt_gather_floats(float *dst, const float *src, const int64_t *rows, int64_t count,
                       int64_t width);

/// Asks the caches for rows `rows[0..<count]` of `row_bytes` bytes each of `src`, without
/// waiting for them: the next batch's rows arrive while this one trains.
void mlt_prefetch_rows(const void *src, const int64_t *rows, int64_t count, int64_t row_bytes);

/// ReLU's backward pass: dx = g where the output y was positive, else 0.
void mlt_relu_backward(float *dx, const float *g, const float *y, int64_t n);

// The optimiser's passes run over `rows` rows of `width` elements, write each row's Σu² (of the
// update u) to row_squares[r] and return whether every new weight is finite; g is the gradient.
// With clip = 1 and l2 = 0, g is taken as it is, and the velocity pass with a = 0 takes u = b·v.

/// With g ← clip·g + l2·w:  v ← mu·v + g;  u = a·g + b·v;  w ← w + u.
/// Momentum is a = 0, b = −lr; Nesterov is a = −lr, b = −lr·mu.
int mlt_update_velocity(float *w, float *v, const float *g, int64_t rows, int64_t width,
                        float clip, float l2, float mu, float a, float b, double *row_squares);

/// With g ← clip·g + l2·w:  w ← w − lr·g.
int mlt_update_plain(float *w, const float *g, int64_t rows, int64_t width, float clip, float l2,
                     float lr, double *row_squares);

/// Rows row..<row+rows (n wide) of u's weights updated as u says, with their gradient at g (row
/// r of them at g + r·ldg): `mlt_update_velocity` when u->v is not NULL, else `mlt_update_plain`;
/// each row's Σu² into row_squares[row...].
int mlt_update_rows(const mlt_update_spec *u, int64_t row, int64_t rows, int64_t n,
                    const float *g, int64_t ldg, double *row_squares);

/// With g ← clip·g + l2·w:  m ← b1·m + (1−b1)·g;  s ← b2·s + (1−b2)·g²;
/// u = step_scale·m / (√(s·inv_correction2) + eps);  w ← w + u  (Adam with bias correction).
int mlt_update_adam(float *w, float *m, float *s, const float *g, int64_t rows, int64_t width,
                    float clip, float l2, float b1, float b2, float step_scale,
                    float inv_correction2, float eps, double *row_squares);

/// The largest |x[i]| of n floats (0 when n is 0), or +∞ when one of them is not finite.
float mlt_max_magnitude(const float *x, int64_t n);

/// Σx² accumulated in double: element i in running sum i mod 8, the eight sums added in order.
double mlt_sum_of_squares(const float *x, int64_t n);

/// out[r] = mlt_sum_of_squares of row r (`width` floats, rows `stride` floats apart), r < rows.
void mlt_row_sums_of_squares(const float *x, int64_t rows, int64_t width, int64_t stride,
                             double *out);

#endif
