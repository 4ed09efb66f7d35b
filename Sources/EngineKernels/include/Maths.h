// The engine's own elementary functions.
//
// The C library picks its exp, log, sin and cos at load time by CPU (glibc has FMA versions that
// round differently in rare cases), so the engine and the data generators use these instead:
// plain IEEE arithmetic with no contraction, the same bits on every machine. Accuracy: within
// about one unit in the last place (float functions: of the float result).
#ifndef MLTUTOR_MATHS_H
#define MLTUTOR_MATHS_H

double mlt_exp(double x);
double mlt_log(double x);
double mlt_sin(double x);
double mlt_cos(double x);
/// x^y for x > 0 (exp(y·log x)); NaN for x ≤ 0 unless y = 0.
double mlt_pow(double x, double y);

float mlt_expf(float x);
float mlt_logf(float x);
float mlt_tanhf(float x);

#endif
