#include "KernelPath.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>

/// XCR0, the state the OS saves on a context switch (valid only when CPUID says OSXSAVE).
static unsigned long long xcr0(void) {
  unsigned int eax, edx;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return ((unsigned long long)edx << 32) | eax;
}

/// A bit for each path this CPU and OS support.
static unsigned supported_paths(void) {
  unsigned paths = 1u << MLT_PATH_PORTABLE;
  unsigned int a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return paths;
  int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, avx = (c >> 28) & 1;
  if (!osxsave || !avx || __get_cpuid_max(0, 0) < 7) return paths;
  unsigned long long xcr = xcr0();
  int ymm_saved = (xcr & 0x6) == 0x6;                 // SSE and AVX state
  int zmm_saved = ymm_saved && (xcr & 0xe0) == 0xe0;  // opmask, upper ZMM0-15, ZMM16-31
  __cpuid_count(7, 0, a, b, c, d);
  int avx2 = (b >> 5) & 1, avx512f = (b >> 16) & 1;
  if (avx2 && fma && ymm_saved) paths |= 1u << MLT_PATH_AVX2;
  if (avx512f && zmm_saved) paths |= 1u << MLT_PATH_AVX512;
  return paths;
}
#else
static unsigned supported_paths(void) { return 1u << MLT_PATH_PORTABLE; }
#endif

static pthread_once_t once = PTHREAD_ONCE_INIT;
static unsigned supported;
static atomic_int current;

static void resolve(void) {
  supported = supported_paths();
  int chosen = MLT_PATH_PORTABLE;
  for (int p = MLT_PATH_AVX512; p > MLT_PATH_PORTABLE; p--)
    if (supported & (1u << p)) {
      chosen = p;
      break;
    }
  const char *asked = getenv("MLTUTOR_KERNELS");
  int named = asked != NULL ? mlt_path_named(asked) : -1;
  if (named >= 0 && (supported & (1u << named))) chosen = named;
  atomic_store(&current, chosen);
}

int mlt_path_available(mlt_path path) {
  pthread_once(&once, resolve);
  return (int)path >= 0 && (int)path < 3 && (supported & (1u << path)) != 0;
}

mlt_path mlt_path_current(void) {
  pthread_once(&once, resolve);
  return (mlt_path)atomic_load_explicit(&current, memory_order_relaxed);
}

int mlt_path_use(mlt_path path) {
  if (!mlt_path_available(path)) return 0;
  atomic_store(&current, (int)path);
  return 1;
}

static const char *const names[] = {"portable", "avx2", "avx512"};

const char *mlt_path_name(mlt_path path) {
  return (int)path >= 0 && (int)path < 3 ? names[path] : "unknown";
}

int mlt_path_named(const char *name) {
  for (int i = 0; i < 3; i++)
    if (strcmp(name, names[i]) == 0) return i;
  return -1;
}
