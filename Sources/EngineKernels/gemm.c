#include "Gemm.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>

#include "EngineKernels.h"
#include "gemm_tile.h"

// NB: the semantics are fixed by the micro-kernels' fused multiply-adds; nothing here may
// contract or reorder a sum.
#pragma clang fp contract(off)

// ---- the portable micro-kernel: the reference the others must match bit for bit ----

enum { PORTABLE_MR = 4, PORTABLE_NR = 4 };

// NB: where the CPU has FMA instructions, a clone of this function uses them inline for fmaf
// (the same single rounding); elsewhere fmaf is the C library's exact software version.
// A thread-sanitizer build keeps the default code (see kernels.c).
#if defined(__x86_64__) && defined(__clang__) && !__has_feature(thread_sanitizer)
__attribute__((target_clones("fma", "default")))
#endif
static void tile_portable(const mlt_tile *t) {
  float acc[PORTABLE_MR][PORTABLE_NR];
  for (int64_t i = 0; i < t->m; i++)
    for (int64_t j = 0; j < t->n; j++) acc[i][j] = t->accumulate ? t->c[i * t->ldc + j] : 0.0f;
  for (int64_t p = 0; p < t->k; p++) {
    const float *a = t->a + p * t->cs_a;
    const float *b = t->b + p * t->ldb;
    for (int64_t i = 0; i < t->m; i++) {
      float ai = a[i * t->rs_a];
      for (int64_t j = 0; j < t->n; j++) acc[i][j] = fmaf(ai, b[j], acc[i][j]);
    }
  }
  if (t->zero_as_plus)
    for (int64_t i = 0; i < t->m; i++)
      for (int64_t j = 0; j < t->n; j++) acc[i][j] += 0.0f;  // −0 + +0 is +0; the rest stay
  if (t->poison != NULL)
    for (int64_t i = 0; i < t->m; i++)
      for (int64_t j = 0; j < t->n; j++) *t->poison += acc[i][j] - acc[i][j];
  for (int64_t i = 0; i < t->m; i++)
    for (int64_t j = 0; j < t->n; j++) t->c[i * t->ldc + j] = acc[i][j];
}

const mlt_tile_kernel mlt_tile_portable = {PORTABLE_MR, PORTABLE_NR, tile_portable, NULL};

// ---- packing: op(B) = Bᵀ is copied into a k × n buffer of the calling thread ----

static pthread_key_t scratch_key;
static pthread_once_t scratch_once = PTHREAD_ONCE_INIT;

// The calling thread's buffers: one for a packed Bᵀ, one for a kernel's term lists, one for a
// block of rows of a product applied to an update.
enum { PACKED_BUFFER, TERMS_BUFFER, ROWS_BUFFER, BUFFERS };

typedef struct {
  void *buffer[BUFFERS];
  int64_t bytes[BUFFERS];
} scratch;

static void free_scratch(void *p) {
  scratch *s = p;
  for (int b = 0; b < BUFFERS; b++) free(s->buffer[b]);
  free(s);
}

static void make_scratch_key(void) { pthread_key_create(&scratch_key, free_scratch); }

/// The calling thread's buffer `which`, of at least `bytes`, or NULL when memory runs out.
static void *scratch_of(int which, int64_t bytes) {
  pthread_once(&scratch_once, make_scratch_key);
  scratch *s = pthread_getspecific(scratch_key);
  if (s == NULL) {
    s = calloc(1, sizeof *s);
    if (s == NULL) return NULL;
    pthread_setspecific(scratch_key, s);
  }
  if (s->bytes[which] < bytes) {
    void *grown = realloc(s->buffer[which], (size_t)bytes);
    if (grown == NULL) return NULL;
    s->buffer[which] = grown;
    s->bytes[which] = bytes;
  }
  return s->buffer[which];
}

typedef float v8f __attribute__((vector_size(32)));
typedef float v8f_u __attribute__((vector_size(32), aligned(4), may_alias));

/// packed (k × n) ← Bᵀ for B stored n × k with leading dimension ldb: blocks of 8 × 8 go through
/// vector registers (eight rows in, eight columns out), the edges one element at a time.
static void transpose_into(float *restrict packed, const float *restrict b, int64_t n, int64_t k,
                           int64_t ldb) {
  const int64_t n8 = n - n % 8, k8 = k - k % 8;
  for (int64_t j = 0; j < n8; j += 8) {
    for (int64_t p = 0; p < k8; p += 8) {
      v8f r[8];
      for (int i = 0; i < 8; i++) r[i] = *(const v8f_u *)(b + (j + i) * ldb + p);
      v8f t[8], u[8];
      for (int i = 0; i < 8; i += 2) {
        t[i] = __builtin_shufflevector(r[i], r[i + 1], 0, 8, 1, 9, 4, 12, 5, 13);
        t[i + 1] = __builtin_shufflevector(r[i], r[i + 1], 2, 10, 3, 11, 6, 14, 7, 15);
      }
      for (int i = 0; i < 8; i += 4) {
        u[i] = __builtin_shufflevector(t[i], t[i + 2], 0, 1, 8, 9, 4, 5, 12, 13);
        u[i + 1] = __builtin_shufflevector(t[i], t[i + 2], 2, 3, 10, 11, 6, 7, 14, 15);
        u[i + 2] = __builtin_shufflevector(t[i + 1], t[i + 3], 0, 1, 8, 9, 4, 5, 12, 13);
        u[i + 3] = __builtin_shufflevector(t[i + 1], t[i + 3], 2, 3, 10, 11, 6, 7, 14, 15);
      }
      for (int q = 0; q < 4; q++) {
        *(v8f_u *)(packed + (p + q) * n + j) =
            __builtin_shufflevector(u[q], u[q + 4], 0, 1, 2, 3, 8, 9, 10, 11);
        *(v8f_u *)(packed + (p + q + 4) * n + j) =
            __builtin_shufflevector(u[q], u[q + 4], 4, 5, 6, 7, 12, 13, 14, 15);
      }
    }
    for (int64_t p = k8; p < k; p++)
      for (int64_t i = j; i < j + 8; i++) packed[p * n + i] = b[i * ldb + p];
  }
  for (int64_t j = n8; j < n; j++)
    for (int64_t p = 0; p < k; p++) packed[p * n + j] = b[j * ldb + p];
}

static const mlt_tile_kernel *kernel_for(mlt_path path) {
  switch (path) {
#if defined(__x86_64__)
    case MLT_PATH_AVX512: return &mlt_tile_avx512;
    case MLT_PATH_AVX2: return &mlt_tile_avx2;
#endif
    default: return &mlt_tile_portable;
  }
}

/// Makes the cache lines of `count` floats from `start` this core's own, ready to be written:
/// each line gets one store of a byte's own value (the bits do not change).
static void claim_lines(float *start, int64_t count) {
  if (count <= 0) return;
  volatile char *bytes = (volatile char *)start;
  const int64_t size = count * (int64_t)sizeof(float);
  for (int64_t offset = 0; offset < size; offset += 64) bytes[offset] = bytes[offset];
  bytes[size - 1] = bytes[size - 1];
}

/// What every tile of one product shares (see `run_tiles`).
typedef struct {
  const mlt_tile_kernel *kernel;
  int64_t m, n, k;
  const float *a;
  int64_t rs_a, cs_a;
  const float *b;
  int64_t ldb;
  float *c;
  int64_t ldc;
  int accumulate, zero_as_plus;
  const int32_t *lists;
  const int64_t *counts;
  float *poison, *claim;
  // Unless NULL (then so is row_block): tiles run by blocks of rows go to `row_block` instead
  // of C, and each block, once whole, into `update` (see mlt_gemm_update).
  const mlt_update_spec *update;
  float *row_block;
  double *row_squares;
  int *finite;
} tiles;

/// The tile of C whose first element is (i, j).
static void run_tile(const tiles *p, int64_t i, int64_t j) {
  const mlt_tile_kernel *kernel = p->kernel;
  const int64_t t = i / kernel->mr;
  mlt_tile tile = {
      .k = p->k, .a = p->a + i * p->rs_a, .rs_a = p->rs_a, .cs_a = p->cs_a, .b = p->b + j,
      .ldb = p->ldb, .c = p->c + i * p->ldc + j, .ldc = p->ldc,
      .m = p->m - i < kernel->mr ? p->m - i : kernel->mr,
      .n = p->n - j < kernel->nr ? p->n - j : kernel->nr, .accumulate = p->accumulate,
      .poison = p->poison, .ks = p->lists != NULL ? p->lists + t * p->k : NULL,
      .nks = p->lists != NULL ? p->counts[t] : p->k, .zero_as_plus = p->zero_as_plus};
  if (p->row_block != NULL) {
    // NB: the tile lands in its block's rows, in the L1 cache, and never in C.
    tile.c = p->row_block + j;
    tile.ldc = p->n;
  }
  kernel->run(&tile);
  if (p->claim != NULL)
    for (int64_t r = 0; r < tile.m; r++) claim_lines(p->claim + (i + r) * p->ldc + j, tile.n);
}

/// Floats of op(B) that fit in any current core's L1 data cache (32 KiB or more), with room to
/// spare for A's lines.
enum { B_IN_L1_FLOATS = 6144 };

/// Whether the tiles run block of rows by block of rows (all of op(B), k × n, in the L1 cache).
static int rows_outer(int64_t k, int64_t n) { return k * n <= B_IN_L1_FLOATS; }

/// Runs the tiles of C, each of MR rows of A and a panel of NR columns of B; adds c − c over
/// every tile to *poison unless it is NULL. Unless `claim` is NULL (a matrix laid out as C),
/// claims each tile's block of it once the tile is computed. With `zero_as_plus`, every zero sum
/// is stored as +0; unless `lists` is NULL, tile t adds only the terms
/// lists[t * k ..< t * k + counts[t]] (see `term_lists`). Unless `update` is NULL (tiles by
/// blocks of rows only), each block of rows goes into the update once whole.
static void run_tiles(const tiles *p) {
  const int64_t mr = p->kernel->mr, nr = p->kernel->nr;
  // NB: the tiles' order changes no bit. When all of op(B) fits in the L1 cache (a weight
  // gradient's at batch 32), each block of A's rows is read once, across every panel of B, while
  // its lines are in the cache; otherwise each panel of B is read once, across A's rows.
  if (rows_outer(p->k, p->n)) {
    for (int64_t i = 0; i < p->m; i += mr) {
      for (int64_t j = 0; j < p->n; j += nr) run_tile(p, i, j);
      // A block of rows of a product applied to an update, whole: its pass, while in the cache.
      if (p->update != NULL)
        *p->finite &= mlt_update_rows(p->update, i, p->m - i < mr ? p->m - i : mr, p->n,
                                      p->row_block, p->n, p->row_squares);
    }
  } else {
    for (int64_t j = 0; j < p->n; j += nr)
      for (int64_t i = 0; i < p->m; i += mr) run_tile(p, i, j);
  }
}

/// For op(A) = Aᵀ and a kernel that can leave out zero terms, the lists of each tile's terms
/// (in the calling thread's scratch, `*counts` pointing at their counts), or NULL: for another
/// product or kernel, when memory runs out, or when too few terms would be left out.
static const int32_t *term_lists(const mlt_tile_kernel *kernel, int transpose_a, int64_t m,
                                 int64_t n, int64_t k, const float *a, int64_t cs_a,
                                 const float *b, int64_t ldb, const int64_t **counts) {
  if (!transpose_a || kernel->terms == NULL || k > INT32_MAX) return NULL;
  const int64_t tiles = (m + kernel->mr - 1) / kernel->mr;
  // NB: room for two more lists, the kernel's own (see mlt_tile_kernel.terms).
  const int64_t bytes =
      tiles * (int64_t)sizeof(int64_t) + (tiles + 2) * k * (int64_t)sizeof(int32_t);
  char *room = scratch_of(TERMS_BUFFER, bytes);
  if (room == NULL) return NULL;
  int64_t *room_counts = (int64_t *)room;
  int32_t *lists = (int32_t *)(room + tiles * (int64_t)sizeof(int64_t));
  if (!kernel->terms(a, cs_a, m, k, b, ldb, n, lists, room_counts)) return NULL;
  *counts = room_counts;
  return lists;
}

/// Rows of C per block, at least, when each row's Σc² is wanted: the block's rows are summed
/// right after they are computed, while they are still in the cache. A block is a whole number
/// of the kernel's tiles, so that its tiles are the product's and share its term lists.
enum { SQUARES_BLOCK_ROWS = 16 };

/// C's rows i..<i+rows: their Σc² into row_squares[i...] unless it is NULL.
static void row_squares_of(const float *c, int64_t ldc, int64_t i, int64_t rows, int64_t n,
                           double *row_squares) {
  if (row_squares != NULL) mlt_row_sums_of_squares(c + i * ldc, rows, n, ldc, row_squares + i);
}

/// The product, then each row's Σc² into row_squares (unless NULL) and, unless every element
/// of C is finite, 0 into *finite (unless NULL; the micro-kernels check their tiles' registers
/// before they store them); claims `claim`'s lines block by block (unless NULL).
static void gemm(mlt_path path, int transpose_a, int transpose_b, int64_t m, int64_t n,
                 int64_t k, const float *a, int64_t lda, const float *b, int64_t ldb, float *c,
                 int64_t ldc, int accumulate, double *row_squares, int *finite, float *claim) {
  if (m <= 0) return;
  if (n <= 0 || k <= 0) {
    if (n > 0 && (!accumulate || transpose_a))
      for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++) c[i * ldc + j] = accumulate ? c[i * ldc + j] + 0.0f : 0;
    row_squares_of(c, ldc, 0, m, n > 0 ? n : 0, row_squares);
    if (finite != NULL)
      for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < n; j++)
          if (!isfinite(c[i * ldc + j])) *finite = 0;
    return;
  }
  float poison = 0;
  float *const check = finite != NULL ? &poison : NULL;
  const mlt_tile_kernel *kernel = kernel_for(mlt_path_available(path) ? path : MLT_PATH_PORTABLE);
  const int64_t rs_a = transpose_a ? 1 : lda, cs_a = transpose_a ? lda : 1;
  float *packed = transpose_b ? scratch_of(PACKED_BUFFER, k * n * (int64_t)sizeof(float)) : NULL;
  if (transpose_b && packed == NULL) {
    // Out of memory for the copy: the portable kernel reads Bᵀ in place, one column at a time
    // (the same sums, slowly).
    for (int64_t j = 0; j < n; j++)
      run_tiles(&(tiles){&mlt_tile_portable, m, 1, k, a, rs_a, cs_a, b + j * ldb, 1, c + j, ldc,
                         accumulate, transpose_a, NULL, NULL, check, NULL});
    row_squares_of(c, ldc, 0, m, n, row_squares);
  } else {
    if (packed != NULL) {
      transpose_into(packed, b, n, k, ldb);
      b = packed;
      ldb = n;
    }
    const int64_t *counts = NULL;
    const int32_t *lists = term_lists(kernel, transpose_a, m, n, k, a, cs_a, b, ldb, &counts);
    if (row_squares == NULL) {
      run_tiles(&(tiles){kernel, m, n, k, a, rs_a, cs_a, b, ldb, c, ldc, accumulate, transpose_a,
                         lists, counts, check, claim});
    } else {
      const int64_t block = (SQUARES_BLOCK_ROWS + kernel->mr - 1) / kernel->mr * kernel->mr;
      for (int64_t i = 0; i < m; i += block) {
        const int64_t rows = m - i < block ? m - i : block;
        const int64_t t = i / kernel->mr;
        run_tiles(&(tiles){kernel, rows, n, k, a + i * rs_a, rs_a, cs_a, b, ldb, c + i * ldc, ldc,
                           accumulate, transpose_a, lists != NULL ? lists + t * k : NULL,
                           lists != NULL ? counts + t : NULL, check,
                           claim != NULL ? claim + i * ldc : NULL});
        row_squares_of(c, ldc, i, rows, n, row_squares);
      }
    }
  }
  if (finite != NULL && poison != 0) *finite = 0;
}

void mlt_gemm_on(mlt_path path, int transpose_a, int transpose_b, int64_t m, int64_t n, int64_t k,
                 const float *a, int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc,
                 int accumulate) {
  gemm(path, transpose_a, transpose_b, m, n, k, a, lda, b, ldb, c, ldc, accumulate, NULL, NULL,
       NULL);
}

void mlt_gemm(int transpose_a, int transpose_b, int64_t m, int64_t n, int64_t k, const float *a,
              int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc, int accumulate) {
  gemm(mlt_path_current(), transpose_a, transpose_b, m, n, k, a, lda, b, ldb, c, ldc, accumulate,
       NULL, NULL, NULL);
}

void mlt_gemm_row_squares(int transpose_a, int transpose_b, int64_t m, int64_t n, int64_t k,
                          const float *a, int64_t lda, const float *b, int64_t ldb, float *c,
                          int64_t ldc, int accumulate, double *row_squares, float *claim) {
  gemm(mlt_path_current(), transpose_a, transpose_b, m, n, k, a, lda, b, ldb, c, ldc, accumulate,
       row_squares, NULL, claim);
}

int mlt_gemm_finite(int transpose_a, int transpose_b, int64_t m, int64_t n, int64_t k,
                    const float *a, int64_t lda, const float *b, int64_t ldb, float *c,
                    int64_t ldc, int accumulate, float *claim) {
  int finite = 1;
  gemm(mlt_path_current(), transpose_a, transpose_b, m, n, k, a, lda, b, ldb, c, ldc, accumulate,
       NULL, &finite, claim);
  return finite;
}

int mlt_gemm_update(int64_t m, int64_t n, int64_t k, const float *a, int64_t lda, const float *b,
                    int64_t ldb, float *c, int64_t ldc, const mlt_update_spec *u,
                    double *row_squares) {
  if (m <= 0 || n <= 0) return 1;
  const mlt_tile_kernel *kernel = kernel_for(mlt_path_current());
  float *block = k > 0 && rows_outer(k, n)
                     ? scratch_of(ROWS_BUFFER, kernel->mr * n * (int64_t)sizeof(float))
                     : NULL;
  if (block == NULL) {
    // Tiles run panel by panel (op(B) larger than the L1 cache: a block of rows would be whole
    // only at the end), no room for a block, or an empty sum: the product into C, then the pass.
    mlt_gemm(1, 0, m, n, k, a, lda, b, ldb, c, ldc, 0);
    return mlt_update_rows(u, 0, m, n, c, ldc, row_squares);
  }
  const int64_t *counts = NULL;
  const int32_t *lists = term_lists(kernel, 1, m, n, k, a, lda, b, ldb, &counts);
  int finite = 1;
  run_tiles(&(tiles){kernel, m, n, k, a, 1, lda, b, ldb, c, ldc, 0, 1, lists, counts, NULL, NULL,
                     u, block, row_squares, &finite});
  return finite;
}

int64_t mlt_gemm_term_lists(mlt_path path, int64_t m, int64_t n, int64_t k, const float *a,
                            int64_t lda, const float *b, int64_t ldb, int32_t *lists,
                            int64_t *counts) {
  if (m <= 0 || n <= 0 || k <= 0) return 0;
  const mlt_tile_kernel *kernel = kernel_for(mlt_path_available(path) ? path : MLT_PATH_PORTABLE);
  const int64_t *found_counts = NULL;
  const int32_t *found = term_lists(kernel, 1, m, n, k, a, lda, b, ldb, &found_counts);
  if (found == NULL) return 0;
  for (int64_t t = 0; t < (m + kernel->mr - 1) / kernel->mr; t++) {
    counts[t] = found_counts[t];
    for (int64_t q = 0; q < counts[t]; q++) lists[t * k + q] = found[t * k + q];
  }
  return kernel->mr;
}
