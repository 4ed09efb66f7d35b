// The engine's own elementary functions.
//
// The C library picks its exp, log, sin and cos at load time by CPU (glibc has FMA versions that
// round differently in rare cases), so the engine and the data generators use these instead:
// plain IEEE arithmetic with no contraction, the same bits on every machine. Accuracy: within
// about one unit in the last place (float functions: of the float result).
#ifndef MLTUTOR_MATHS_H
#define MLTUTOR_MATHS_H

#include <stdint.h>

double mlt_exp(double x);
double mlt_log(double x);
double mlt_sin(double x);
double mlt_cos(double x);
/// x^y for x > 0 (exp(y·log x)); NaN for x ≤ 0 unless y = 0.
double mlt_pow(double x, double y);

float mlt_expf(float x);
float mlt_logf(float x);
float mlt_tanhf(float x);

/// Softmax cross-entropy of one row of k logits z whose class is `label`: returns
/// (m − z[label]) + log Σ e^(z − m), m the largest logit, and unless g is NULL writes
/// g[c] = e^(z[c] − m) / Σ · scale, less scale at the label. Each e^x is `mlt_expf`'s value, and
/// the sum runs over c in order: the same bits as those functions one element at a time (the
/// exponentials are computed several at once where the CPU has vectors).
double mlt_softmax_cross_entropy_row(const float *z, int64_t k, int64_t label, float *g,
                                     float scale);

#endif
