#ifndef MLTUTOR_CBLAS_SHIM_H
#define MLTUTOR_CBLAS_SHIM_H
#include <cblas.h>

/* LAPACK's least-squares driver (QR), exported by OpenBLAS. */
void dgels_(const char *trans, const int *m, const int *n, const int *nrhs,
            double *a, const int *lda, double *b, const int *ldb,
            double *work, const int *lwork, int *info);
#endif
