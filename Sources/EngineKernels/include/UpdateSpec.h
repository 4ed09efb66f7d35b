// What an optimiser step does to one parameter, for a product that applies it (mlt_gemm_update).
#ifndef MLTUTOR_UPDATE_SPEC_H
#define MLTUTOR_UPDATE_SPEC_H

#include <stdint.h>

/// One step's settings: with g <- clip*g + l2*w, the velocity step (v <- mu*v + g;
/// u = a*g + b*v, `mlt_update_velocity`) when v is not NULL, else the plain one (u = -lr*g,
/// `mlt_update_plain`); then w <- w + u.
typedef struct {
  float *w, *v;  // the parameter's values and velocity (row-major, ldw apart)
  int64_t ldw;
  float clip, l2;
  float mu, a, b;  // velocity
  float lr;        // plain
} mlt_update_spec;

#endif
