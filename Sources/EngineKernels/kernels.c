#include "EngineKernels.h"

#include <math.h>
#include <stddef.h>

// NB: a contracted a*b + c (FMA) rounds once instead of twice: results would then depend on
// the machine. Keep every multiply and add separate, on both paths.
#pragma clang fp contract(off)

// NB: the thread sanitizer cannot run the resolvers that pick a clone when the library is
// loaded (they run before the sanitizer is set up), so a build for it keeps the default code.
#if defined(__x86_64__) && defined(__clang__) && !__has_feature(thread_sanitizer)
#define KERNEL __attribute__((target_clones("avx2", "default")))
#define WIDE __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define KERNEL
#define WIDE
#endif

// The velocity and plain updates work on vectors of 16 and 8 floats: each element's arithmetic
// is the same as one at a time, and each row keeps eight running sums, adding the low then the
// high half of a 16-wide block, so every path (AVX-512, AVX2, baseline) gives the same bits.
typedef float v8f __attribute__((vector_size(32)));
typedef float v16f __attribute__((vector_size(64)));
typedef float v16f_u __attribute__((vector_size(64), aligned(4), may_alias));
typedef float v8f_u __attribute__((vector_size(32), aligned(4), may_alias));
#define load16(p) (*(const v16f_u *)(p))
#define store16(p, x) (*(v16f_u *)(p) = (x))
#define load8(p) (*(const v8f_u *)(p))
#define store8(p, x) (*(v8f_u *)(p) = (x))
#define low8(x) __builtin_shufflevector(x, x, 0, 1, 2, 3, 4, 5, 6, 7)
#define high8(x) __builtin_shufflevector(x, x, 8, 9, 10, 11, 12, 13, 14, 15)

WIDE void mlt_gather_bytes(float *restrict dst, const uint8_t *restrict src,
                             const int64_t *restrict rows, int64_t count, int64_t width,
                             float scale) {
  for (int64_t r = 0; r < count; r++) {
    const uint8_t *restrict from = src + rows[r] * width;
    float *restrict to = dst + r * width;
    for (int64_t c = 0; c < width; c++) to[c] = (float)from[c] * scale;
  }
}

KERNEL void mlt_gather_floats(float *restrict dst, const float *restrict src,
                              const int64_t *restrict rows, int64_t count, int64_t width) {
  for (int64_t r = 0; r < count; r++) {
    const float *restrict from = src + rows[r] * width;
    float *restrict to = dst + r * width;
    for (int64_t c = 0; c < width; c++) to[c] = from[c];
  }
}

void mlt_prefetch_rows(const void *src, const int64_t *rows, int64_t count, int64_t row_bytes) {
  const char *base = src;
  for (int64_t r = 0; r < count; r++) {
    const char *row = base + rows[r] * row_bytes;
    for (int64_t offset = 0; offset < row_bytes; offset += 64) __builtin_prefetch(row + offset, 0, 1);
    __builtin_prefetch(row + row_bytes - 1, 0, 1);
  }
}

KERNEL void mlt_relu_backward(float *restrict dx, const float *restrict g,
                              const float *restrict y, int64_t n) {
  for (int64_t i = 0; i < n; i++) dx[i] = y[i] > 0 ? g[i] : 0;
}

/// Σ of eight lane sums in lane order, from −0 (as a Swift SIMD vector's `sum()`).
static inline float lane_sum(const float lanes[8]) {
  float s = -0.0f;
  for (int k = 0; k < 8; k++) s += lanes[k];
  return s;
}

// Each update pass below runs over `rows` rows of `width` elements and writes each row's Σu²
// (eight running sums in lane order) to row_squares[r]; a parameter's update norm is the sum of
// its rows' in order, however the rows are shared out among threads. Returns whether every new
// weight is finite (a NaN or infinite weight poisons the running sum w − w; a sum of zeros and
// NaNs is 0 or NaN in any order, so the poison may be added up in lanes of any width).

static inline void finish_row(const float acc[8], const float poison[8], float tail,
                              float tail_poison, double *row_square, int *finite) {
  *row_square = (double)lane_sum(acc) + (double)tail;
  if (lane_sum(poison) + tail_poison != 0) *finite = 0;
}

/// `finish_row` for running sums held in vectors (passed by address: a vector argument would
/// change the calling convention between the builds).
static inline void finish_vector_row(const v8f *acc, const v8f *poison, float tail,
                                     float tail_poison, double *row_square, int *finite) {
  float acc_lanes[8], poison_lanes[8];
  __builtin_memcpy(acc_lanes, acc, sizeof acc_lanes);
  __builtin_memcpy(poison_lanes, poison, sizeof poison_lanes);
  finish_row(acc_lanes, poison_lanes, tail, tail_poison, row_square, finite);
}

// Without clipping and weight decay (clip = 1, l2 = 0) the passes take g as it is, and without a
// gradient term in the step (a = 0: momentum) the velocity pass takes u = b·v: the same values
// as the whole formula but for the sign of a zero in v when g is −0, and fewer operations. Which
// form runs depends on the settings alone, never on the machine.
#define INLINE static inline __attribute__((always_inline))
#define GRADIENT(gv, wv) (raw ? (gv) : clip * (gv) + l2 * (wv))

INLINE int velocity_pass(float *restrict w, float *restrict v, const float *restrict g,
                         int64_t rows, int64_t width, float clip, float l2, float mu, float a,
                         float b, double *restrict row_squares, const int raw, const int heavy) {
  int finite = 1;
  for (int64_t r = 0; r < rows; r++, w += width, v += width, g += width) {
    v8f acc = {0}, poison = {0};
    v16f poison16 = {0};
    int64_t i = 0;
    for (; i + 16 <= width; i += 16) {
      v16f wi = load16(w + i);
      v16f gi = GRADIENT(load16(g + i), wi);
      v16f vi = mu * load16(v + i) + gi;
      v16f u = heavy ? b * vi : a * gi + b * vi;
      v16f wn = wi + u;
      store16(v + i, vi);
      store16(w + i, wn);
      v16f uu = u * u;
      acc += low8(uu);
      acc += high8(uu);
      poison16 += wn - wn;
    }
    poison += low8(poison16) + high8(poison16);
    for (; i + 8 <= width; i += 8) {
      v8f wi = load8(w + i);
      v8f gi = GRADIENT(load8(g + i), wi);
      v8f vi = mu * load8(v + i) + gi;
      v8f u = heavy ? b * vi : a * gi + b * vi;
      v8f wn = wi + u;
      store8(v + i, vi);
      store8(w + i, wn);
      acc += u * u;
      poison += wn - wn;
    }
    float tail = 0, tail_poison = 0;
    for (; i < width; i++) {
      float gi = GRADIENT(g[i], w[i]);
      v[i] = mu * v[i] + gi;
      float u = heavy ? b * v[i] : a * gi + b * v[i];
      w[i] += u;
      tail += u * u;
      tail_poison += w[i] - w[i];
    }
    finish_vector_row(&acc, &poison, tail, tail_poison, row_squares + r, &finite);
  }
  return finite;
}

WIDE int mlt_update_velocity(float *restrict w, float *restrict v, const float *restrict g,
                             int64_t rows, int64_t width, float clip, float l2, float mu, float a,
                             float b, double *restrict row_squares) {
  if (clip == 1 && l2 == 0) {
    if (a == 0) return velocity_pass(w, v, g, rows, width, clip, l2, mu, a, b, row_squares, 1, 1);
    return velocity_pass(w, v, g, rows, width, clip, l2, mu, a, b, row_squares, 1, 0);
  }
  return velocity_pass(w, v, g, rows, width, clip, l2, mu, a, b, row_squares, 0, 0);
}

INLINE int plain_pass(float *restrict w, const float *restrict g, int64_t rows, int64_t width,
                      float clip, float l2, float lr, double *restrict row_squares,
                      const int raw) {
  int finite = 1;
  for (int64_t r = 0; r < rows; r++, w += width, g += width) {
    v8f acc = {0}, poison = {0};
    v16f poison16 = {0};
    int64_t i = 0;
    for (; i + 16 <= width; i += 16) {
      v16f wi = load16(w + i);
      v16f u = -lr * GRADIENT(load16(g + i), wi);
      v16f wn = wi + u;
      store16(w + i, wn);
      v16f uu = u * u;
      acc += low8(uu);
      acc += high8(uu);
      poison16 += wn - wn;
    }
    poison += low8(poison16) + high8(poison16);
    for (; i + 8 <= width; i += 8) {
      v8f wi = load8(w + i);
      v8f u = -lr * GRADIENT(load8(g + i), wi);
      v8f wn = wi + u;
      store8(w + i, wn);
      acc += u * u;
      poison += wn - wn;
    }
    float tail = 0, tail_poison = 0;
    for (; i < width; i++) {
      float u = -lr * GRADIENT(g[i], w[i]);
      w[i] += u;
      tail += u * u;
      tail_poison += w[i] - w[i];
    }
    finish_vector_row(&acc, &poison, tail, tail_poison, row_squares + r, &finite);
  }
  return finite;
}

WIDE int mlt_update_plain(float *restrict w, const float *restrict g, int64_t rows,
                          int64_t width, float clip, float l2, float lr,
                          double *restrict row_squares) {
  if (clip == 1 && l2 == 0) return plain_pass(w, g, rows, width, clip, l2, lr, row_squares, 1);
  return plain_pass(w, g, rows, width, clip, l2, lr, row_squares, 0);
}

int mlt_update_rows(const mlt_update_spec *u, int64_t row, int64_t rows, int64_t n,
                    const float *g, int64_t ldg, double *row_squares) {
  // One pass when the rows lie one after another, else one per row.
  const int64_t step = u->ldw == n && ldg == n ? rows : 1;
  int finite = 1;
  for (int64_t r = 0; r < rows; r += step) {
    float *w = u->w + (row + r) * u->ldw;
    const float *gr = g + r * ldg;
    double *squares = row_squares + row + r;
    finite &= u->v != NULL ? mlt_update_velocity(w, u->v + (row + r) * u->ldw, gr, step, n,
                                                 u->clip, u->l2, u->mu, u->a, u->b, squares)
                           : mlt_update_plain(w, gr, step, n, u->clip, u->l2, u->lr, squares);
  }
  return finite;
}

KERNEL int mlt_update_adam(float *restrict w, float *restrict m, float *restrict s,
                           const float *restrict g, int64_t rows, int64_t width, float clip,
                           float l2, float b1, float b2, float step_scale, float inv_correction2,
                           float eps, double *restrict row_squares) {
  const float c1 = 1 - b1, c2 = 1 - b2;
  int finite = 1;
  for (int64_t r = 0; r < rows; r++, w += width, m += width, s += width, g += width) {
    float acc[8] = {0}, poison[8] = {0};
    for (int64_t i = 0; i < width; i++) {
      float gi = clip * g[i] + l2 * w[i];
      float mi = b1 * m[i] + c1 * gi;
      float si = b2 * s[i] + c2 * gi * gi;
      float u = step_scale * mi / (sqrtf(si * inv_correction2) + eps);
      float wn = w[i] + u;
      m[i] = mi;
      s[i] = si;
      w[i] = wn;
      acc[i & 7] += u * u;
      poison[i & 7] += wn - wn;
    }
    finish_row(acc, poison, 0, 0, row_squares + r, &finite);
  }
  return finite;
}

WIDE float mlt_max_magnitude(const float *restrict x, int64_t n) {
  uint32_t top = 0;
  for (int64_t i = 0; i < n; i++) {
    uint32_t bits;
    __builtin_memcpy(&bits, x + i, sizeof bits);
    bits &= 0x7FFFFFFFu;
    top = bits > top ? bits : top;
  }
  if (top >= 0x7F800000u) return INFINITY;
  float largest;
  __builtin_memcpy(&largest, &top, sizeof largest);
  return largest;
}

typedef double v8d __attribute__((vector_size(64)));

/// Σx² of one row as `mlt_sum_of_squares` adds it: element i in running sum i mod 8, each
/// element widened to double before it is squared, the eight sums added in lane order. `lanes`
/// holds the sums of the row's whole blocks of eight.
static inline double row_total(double lanes[8], const float *restrict tail, int64_t tail_count) {
  for (int64_t k = 0; k < tail_count; k++) lanes[k] += (double)tail[k] * (double)tail[k];
  double total = 0;
  for (int k = 0; k < 8; k++) total += lanes[k];
  return total;
}

// Adds the squares of x[0..<8], widened to double, to the running sums acc (a v8d).
// NB: a float's square is exact in double (24 + 24 bits of 53), so adding it with a fused
// multiply-add, where the CPU has one, rounds exactly as the separate multiply and add do.
#define ADD_SQUARES8(acc, x)                                              \
  do {                                                                    \
    _Pragma("clang fp contract(on)")                                      \
    v8d d_ = __builtin_convertvector(load8(x), v8d);                      \
    (acc) += d_ * d_;                                                     \
  } while (0)
#define ROW_TOTAL(acc, tail, count) \
  (__builtin_memcpy(lanes_, &(acc), sizeof lanes_), row_total(lanes_, tail, count))

WIDE double mlt_sum_of_squares(const float *restrict x, int64_t n) {
  v8d acc = {0};
  double lanes_[8];
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) ADD_SQUARES8(acc, x + i);
  return ROW_TOTAL(acc, x + i, n - i);
}

// Four rows at a time: four independent chains of additions instead of one, the same sums.
WIDE void mlt_row_sums_of_squares(const float *restrict x, int64_t rows, int64_t width,
                                  int64_t stride, double *restrict out) {
  int64_t r = 0;
  for (; r + 4 <= rows; r += 4) {
    const float *x0 = x + r * stride, *x1 = x0 + stride, *x2 = x1 + stride, *x3 = x2 + stride;
    v8d a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
    double lanes_[8];
    int64_t i = 0;
    for (; i + 8 <= width; i += 8) {
      ADD_SQUARES8(a0, x0 + i);
      ADD_SQUARES8(a1, x1 + i);
      ADD_SQUARES8(a2, x2 + i);
      ADD_SQUARES8(a3, x3 + i);
    }
    out[r] = ROW_TOTAL(a0, x0 + i, width - i);
    out[r + 1] = ROW_TOTAL(a1, x1 + i, width - i);
    out[r + 2] = ROW_TOTAL(a2, x2 + i, width - i);
    out[r + 3] = ROW_TOTAL(a3, x3 + i, width - i);
  }
  for (; r < rows; r++) out[r] = mlt_sum_of_squares(x + r * stride, width);
}
