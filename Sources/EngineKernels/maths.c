#include "Maths.h"

#include <float.h>
#include <stdint.h>
#include <string.h>

// NB: every result must be the same on every CPU: no contraction into fused multiply-adds.
#pragma clang fp contract(off)

static const double INF = __builtin_inf();
static const double NOT_A_NUMBER = __builtin_nan("");

// ln 2 split so that k·LN2_HI is exact for |k| < 2^11 (fdlibm's constants).
static const double LN2_HI = 6.93147180369123816490e-01;
static const double LN2_LO = 1.90821492927058770002e-10;
static const double INV_LN2 = 1.44269504088896338700e+00;

static inline uint64_t bits_of(double x) {
  uint64_t u;
  memcpy(&u, &x, sizeof u);
  return u;
}

static inline double double_of(uint64_t u) {
  double x;
  memcpy(&x, &u, sizeof x);
  return x;
}

/// 2^k for −1022 ≤ k ≤ 1023.
static inline double two_to(int k) { return double_of((uint64_t)(k + 1023) << 52); }

/// The integer nearest to x (halves away from zero), for |x| < 2^62.
static inline int64_t nearest(double x) { return (int64_t)(x + (x >= 0 ? 0.5 : -0.5)); }

/// p · 2^k for p in [0.5, 2] and any k, rounding once.
static double scale(double p, int64_t k) {
  if (k > 1023) return k > 1025 ? INF : p * two_to(1023) * two_to((int)k - 1023);
  if (k < -1022) return k < -1130 ? 0 : p * two_to((int)k + 600) * two_to(-600);
  return p * two_to((int)k);
}

/// 1/n! for n = 13, 12, …, 1, 0.
static const double INV_FACTORIALS[14] = {
    1.0 / 6227020800.0, 1.0 / 479001600.0, 1.0 / 39916800.0, 1.0 / 3628800.0, 1.0 / 362880.0,
    1.0 / 40320.0, 1.0 / 5040.0, 1.0 / 720.0, 1.0 / 120.0, 1.0 / 24.0, 1.0 / 6.0, 0.5, 1.0, 1.0};

/// e^r by its Taylor series to r^degree (degree ≤ 13), in Horner's order from the highest term.
static inline double taylor_exp(double r, const int degree) {
  double p = INV_FACTORIALS[13 - degree];
  for (int i = 14 - degree; i < 14; i++) p = INV_FACTORIALS[i] + r * p;
  return p;
}

double mlt_exp(double x) {
  if (x != x) return x;
  if (x > 709.782712893384) return INF;
  if (x < -745.1332191019412) return 0;
  int64_t k = nearest(x * INV_LN2);
  double r = (x - (double)k * LN2_HI) - (double)k * LN2_LO;  // |r| ≤ 0.347
  // Remainder below 5e-18 relative.
  return scale(taylor_exp(r, 13), k);
}

double mlt_log(double x) {
  if (x != x) return x;
  if (x < 0) return NOT_A_NUMBER;
  if (x == 0) return -INF;
  if (x == INF) return x;
  int e = 0;
  if (x < DBL_MIN) {  // subnormal: scale into the normal range first
    x *= 0x1p54;
    e = -54;
  }
  uint64_t u = bits_of(x);
  e += (int)(u >> 52) - 1023;
  double m = double_of((u & 0x000FFFFFFFFFFFFFull) | 0x3FF0000000000000ull);  // [1, 2)
  if (m > 1.4142135623730951) {
    m *= 0.5;
    e += 1;
  }
  // log m = 2·atanh(s) with s = (m − 1)/(m + 1), |s| ≤ 0.1716: 2s·(1 + s²/3 + s⁴/5 + …).
  double f = m - 1;
  double s = f / (2 + f);
  double z = s * s;
  double p = 1.0 / 23;
  p = 1.0 / 21 + z * p;
  p = 1.0 / 19 + z * p;
  p = 1.0 / 17 + z * p;
  p = 1.0 / 15 + z * p;
  p = 1.0 / 13 + z * p;
  p = 1.0 / 11 + z * p;
  p = 1.0 / 9 + z * p;
  p = 1.0 / 7 + z * p;
  p = 1.0 / 5 + z * p;
  p = 1.0 / 3 + z * p;
  double log_m = f - s * (f - 2 * z * p);  // = 2s + 2s·z·p, written to keep f's exactness
  return (double)e * LN2_HI + ((double)e * LN2_LO + log_m);
}

// π/2 in three parts (fdlibm's): q·PIO2_1 is exact for |q| < 2^20.
static const double PIO2_1 = 1.57079632673412561417e+00;
static const double PIO2_2 = 6.07710050630396597660e-11;
static const double PIO2_3 = 2.02226624871116645580e-21;
static const double TWO_OVER_PI = 6.36619772367581382433e-01;

/// sin r for |r| ≤ π/4, by its Taylor series to r^19.
static double sin_near_zero(double r) {
  double z = r * r;
  double p = -1.0 / 121645100408832000.0;
  p = 1.0 / 355687428096000.0 + z * p;
  p = -1.0 / 1307674368000.0 + z * p;
  p = 1.0 / 6227020800.0 + z * p;
  p = -1.0 / 39916800.0 + z * p;
  p = 1.0 / 362880.0 + z * p;
  p = -1.0 / 5040.0 + z * p;
  p = 1.0 / 120.0 + z * p;
  p = -1.0 / 6.0 + z * p;
  return r + r * z * p;
}

/// cos r for |r| ≤ π/4, by its Taylor series to r^20.
static double cos_near_zero(double r) {
  double z = r * r;
  double p = 1.0 / 2432902008176640000.0;
  p = -1.0 / 6402373705728000.0 + z * p;
  p = 1.0 / 20922789888000.0 + z * p;
  p = -1.0 / 87178291200.0 + z * p;
  p = 1.0 / 479001600.0 + z * p;
  p = -1.0 / 3628800.0 + z * p;
  p = 1.0 / 40320.0 + z * p;
  p = -1.0 / 720.0 + z * p;
  p = 1.0 / 24.0 + z * p;
  p = -0.5 + z * p;
  return 1.0 + z * p;
}

/// x − q·π/2 with |result| ≤ about π/4, and q mod 4.
static double reduce(double x, int *quadrant) {
  int64_t q = nearest(x * TWO_OVER_PI);
  double r = x - (double)q * PIO2_1;
  r -= (double)q * PIO2_2;
  r -= (double)q * PIO2_3;
  *quadrant = (int)(q & 3);
  return r;
}

double mlt_sin(double x) {
  if (x != x || x == INF || x == -INF) return NOT_A_NUMBER;
  if (x > 0x1p40 || x < -0x1p40) return 0;  // beyond any angle the product draws
  int q;
  double r = reduce(x, &q);
  switch (q) {
    case 0: return sin_near_zero(r);
    case 1: return cos_near_zero(r);
    case 2: return -sin_near_zero(r);
    default: return -cos_near_zero(r);
  }
}

double mlt_cos(double x) {
  if (x != x || x == INF || x == -INF) return NOT_A_NUMBER;
  if (x > 0x1p40 || x < -0x1p40) return 1;
  int q;
  double r = reduce(x, &q);
  switch (q) {
    case 0: return cos_near_zero(r);
    case 1: return -sin_near_zero(r);
    case 2: return -cos_near_zero(r);
    default: return sin_near_zero(r);
  }
}

double mlt_pow(double x, double y) {
  if (y == 0) return 1;
  if (x == 1) return 1;
  if (!(x > 0)) return x == 0 && y > 0 ? 0 : NOT_A_NUMBER;
  return mlt_exp(y * mlt_log(x));
}

/// A float below the normal range counts as zero, as the engine's threads treat it (DAZ).
static inline float flushed(float x) { return (x < FLT_MIN && x > -FLT_MIN) ? x * 0.0f : x; }

/// e^x for a float: without branches, so that a loop of it runs several lanes at once (every
/// case is computed and the right one selected; an input outside [−104, 89] goes through the
/// arithmetic as 0, and its result is replaced).
static inline float expf_lane(float x) {
  x = flushed(x);
  const float inside = (x == x && x <= 89.0f && x >= -104.0f) ? x : 0.0f;
  const int k = (int)nearest((double)inside * INV_LN2);
  const double r = ((double)inside - (double)k * LN2_HI) - (double)k * LN2_LO;
  // e^r to r^8 (remainder below 6e-10 relative, a hundredth of a float's last place).
  const float e = (float)(taylor_exp(r, 8) * two_to(k));
  return x != x ? x : x > 89.0f ? (float)INF : x < -104.0f ? 0.0f : e;
}

float mlt_expf(float x) { return expf_lane(x); }

#if defined(__x86_64__) && defined(__clang__) && !__has_feature(thread_sanitizer)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
double mlt_softmax_cross_entropy_row(const float *z, int64_t k, int64_t label, float *g,
                                     float scale) {
  float m = -(float)INF;
  for (int64_t c = 0; c < k; c++)
    if (z[c] > m) m = z[c];
  float sum = 0;
  float chunk[16];
  for (int64_t c0 = 0; c0 < k; c0 += 16) {
    const int64_t n = k - c0 < 16 ? k - c0 : 16;
    float *e = g != NULL ? g + c0 : chunk;
    for (int64_t c = 0; c < n; c++) e[c] = expf_lane(z[c0 + c] - m);
    for (int64_t c = 0; c < n; c++) sum += e[c];
  }
  if (g != NULL) {
    const float inv = 1 / sum;
    for (int64_t c = 0; c < k; c++) g[c] = g[c] * inv * scale;
    g[label] -= scale;
  }
  // log Σ e^z − z_label = (m − z_label) + log Σ e^(z − m): the small logarithm (between 0 and
  // log k) added to the difference, not to m first, keeps full precision for logits near ±1000.
  return (double)(m - z[label]) + (double)mlt_logf(sum);
}

float mlt_logf(float x) { return (float)mlt_log((double)flushed(x)); }

float mlt_tanhf(float x) {
  x = flushed(x);
  if (x != x) return x;
  double a = x < 0 ? -(double)x : (double)x;
  double t;
  if (a < 0x1p-13) {
    t = a;  // tanh a = a − a³/3 + …: a itself is within a float's rounding
  } else if (a > 9.1) {
    t = 1;  // 1 − tanh a < 2.5e-8: rounds to 1
  } else {
    t = 1 - 2 / (mlt_exp(2 * a) + 1);
  }
  return (float)(x < 0 ? -t : t);
}
