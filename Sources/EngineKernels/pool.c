#define _GNU_SOURCE  // CPU_COUNT
#include "WorkerPool.h"

#include "FloatMode.h"

#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#if defined(__linux__)
#include <linux/futex.h>
#include <sys/syscall.h>
#endif

typedef void (*mlt_task)(void *context, int64_t index);

// How long an idle thread spins before it sleeps on the condition variable.
#define SPIN_NANOSECONDS 200000
// How long a participant waits for the others (at a barrier, or the caller for the end of the
// task) by spinning before it sleeps: far longer than the phases' usual imbalance, far shorter
// than the time slice a participant that lost its core waits for (when more threads want the
// cores than there are, such as two training programs with a thread per core each).
#define WAIT_SPIN_NANOSECONDS 50000
// After this much spinning, a thread that waits (for a task, or for the others) offers its core
// to any other thread ready to run (sched_yield returns at once when there is none). When more
// threads want the cores than there are, the one waited for is often such a thread, and the spin
// would hold the core it needs: two training programs with two threads each on 2 cores ran at
// about 50k samples/s each at batch 32 (90–180k with one thread each), and at 90–130k with the
// yields.
#define YIELD_AFTER_NANOSECONDS 5000

struct mlt_pool {
  int64_t size;
  pthread_t *threads;
  atomic_uint_fast64_t generation;  // bumped once per task
  atomic_uint pending;              // threads that have not finished the current task
  atomic_int sleepers;
  atomic_int busy;                  // a caller is running a task
  atomic_int_fast64_t arrived;      // participants at the current barrier
  atomic_uint crossings;            // barriers passed (wrapping)
  atomic_int waiters;               // participants asleep until pending or crossings changes
  int stopping;                     // under lock
  mlt_task task;
  void *context;
  int64_t participants;             // indices that run the current task
  pthread_mutex_t lock;
  pthread_cond_t wake;
};

typedef struct {
  mlt_pool *pool;
  int64_t index;
} worker_start;

static inline void relax(void) {
#if defined(__x86_64__)
  __builtin_ia32_pause();
#endif
}

static int64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

/// Sleeps while *word still holds `value` (or until a wake-up; spurious returns are fine).
static void sleep_while(atomic_uint *word, unsigned value) {
#if defined(__linux__)
  syscall(SYS_futex, (unsigned *)word, FUTEX_WAIT_PRIVATE, value, NULL, NULL, 0);
#else
  (void)word;
  (void)value;
  sched_yield();
#endif
}

/// Wakes every participant asleep on `word`, when there is one, after the caller changed it.
/// NB: the waiter counts itself in `waiters` before it reads the word it sleeps on, and the
/// changer reads `waiters` after it changed the word (both sequentially consistent): either the
/// changer sees the waiter, or the waiter sees the new value and does not sleep.
static void wake_waiters(mlt_pool *pool, atomic_uint *word) {
  if (atomic_load(&pool->waiters) == 0) return;
#if defined(__linux__)
  syscall(SYS_futex, (unsigned *)word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
#else
  (void)word;
#endif
}

/// Whether a thread that began spinning at `spin_start` spins on, for at most `limit` ns in all:
/// called every 256 spins, it yields the core past YIELD_AFTER_NANOSECONDS.
static int spin_on(int64_t spin_start, int64_t limit) {
  const int64_t waited = now_ns() - spin_start;
  if (waited >= limit) return 0;
  if (waited > YIELD_AFTER_NANOSECONDS) sched_yield();
  return 1;
}

/// Waits until *word no longer holds `value`: spinning for WAIT_SPIN_NANOSECONDS, then asleep.
static void wait_for_change(mlt_pool *pool, atomic_uint *word, unsigned value) {
  int64_t spin_start = now_ns();
  unsigned spins = 0;
  while (atomic_load(word) == value) {
    relax();
    if ((++spins & 255) != 0 || spin_on(spin_start, WAIT_SPIN_NANOSECONDS)) continue;
    atomic_fetch_add(&pool->waiters, 1);
    while (atomic_load(word) == value) sleep_while(word, value);
    atomic_fetch_sub(&pool->waiters, 1);
  }
}

static void *worker(void *argument) {
  worker_start start = *(worker_start *)argument;
  free(argument);
  mlt_pool *pool = start.pool;
  // The engine computes with subnormals flushed on every thread (as its callers do).
  mlt_flush_subnormals_begin();
  uint_fast64_t seen = 0;
  for (;;) {
    uint_fast64_t generation;
    int64_t spin_start = now_ns();
    unsigned spins = 0;
    while ((generation = atomic_load(&pool->generation)) == seen) {
      relax();
      if ((++spins & 255) != 0 || spin_on(spin_start, SPIN_NANOSECONDS)) continue;
      pthread_mutex_lock(&pool->lock);
      atomic_fetch_add(&pool->sleepers, 1);
      // The caller bumps the generation, then looks for sleepers: one of the two sees the other.
      while (atomic_load(&pool->generation) == seen && !pool->stopping)
        pthread_cond_wait(&pool->wake, &pool->lock);
      atomic_fetch_sub(&pool->sleepers, 1);
      int stopping = pool->stopping;
      pthread_mutex_unlock(&pool->lock);
      if (stopping) return NULL;
      spin_start = now_ns();
    }
    seen = generation;
    if (pool->task == NULL) return NULL;  // the stop signal
    if (start.index < pool->participants) pool->task(pool->context, start.index);
    if (atomic_fetch_sub(&pool->pending, 1) == 1) wake_waiters(pool, &pool->pending);
  }
}

mlt_pool *mlt_pool_create(int64_t size) {
  if (size < 1) return NULL;
  mlt_pool *pool = calloc(1, sizeof *pool);
  if (pool == NULL) return NULL;
  pool->size = size;
  atomic_init(&pool->generation, 0);
  atomic_init(&pool->pending, 0);
  atomic_init(&pool->sleepers, 0);
  atomic_init(&pool->busy, 0);
  atomic_init(&pool->arrived, 0);
  atomic_init(&pool->crossings, 0);
  atomic_init(&pool->waiters, 0);
  pthread_mutex_init(&pool->lock, NULL);
  pthread_cond_init(&pool->wake, NULL);
  pool->threads = calloc((size_t)size, sizeof(pthread_t));
  if (pool->threads == NULL) {
    free(pool);
    return NULL;
  }
  for (int64_t i = 1; i < size; i++) {
    worker_start *start = malloc(sizeof *start);
    if (start != NULL) *start = (worker_start){pool, i};
    if (start == NULL || pthread_create(&pool->threads[i], NULL, worker, start) != 0) {
      free(start);
      pool->size = i;  // join the ones that started
      mlt_pool_destroy(pool);
      return NULL;
    }
  }
  return pool;
}

static void publish(mlt_pool *pool) {
  atomic_fetch_add(&pool->generation, 1);
  if (atomic_load(&pool->sleepers) > 0) {
    pthread_mutex_lock(&pool->lock);
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);
  }
}

/// Runs `task` on every participant; the caller holds `busy`.
static void dispatch(mlt_pool *pool, mlt_task task, void *context, int64_t participants) {
  pool->task = task;
  pool->context = context;
  pool->participants = participants;
  atomic_store(&pool->pending, (unsigned)(pool->size - 1));
  publish(pool);
  task(context, 0);
  // The others are usually a few microseconds behind.
  unsigned left;
  while ((left = atomic_load(&pool->pending)) > 0) wait_for_change(pool, &pool->pending, left);
}

/// Takes the pool for one task; false when another caller has it.
static int take(mlt_pool *pool) {
  int expected = 0;
  return pool->size > 1 && atomic_compare_exchange_strong(&pool->busy, &expected, 1);
}

/// Waits until every participant has arrived (all of them are running: the caller and the
/// pool's threads, inside one task).
static void barrier(mlt_pool *pool) {
  unsigned crossing = atomic_load(&pool->crossings);
  if (atomic_fetch_add(&pool->arrived, 1) == pool->participants - 1) {
    atomic_store(&pool->arrived, 0);
    atomic_fetch_add(&pool->crossings, 1);
    wake_waiters(pool, &pool->crossings);
    return;
  }
  wait_for_change(pool, &pool->crossings, crossing);
}

typedef struct {
  mlt_pool *pool;
  mlt_phased_task task;
  void *context;
  int64_t phases;
} phased_run;

static void run_phased(void *argument, int64_t index) {
  phased_run *run = argument;
  for (int64_t phase = 0; phase < run->phases; phase++) {
    if (phase > 0) barrier(run->pool);
    run->task(run->context, index, phase);
  }
}

void mlt_pool_run_phases(mlt_pool *pool, mlt_phased_task task, void *context, int64_t phases,
                         int64_t participants) {
  if (participants > pool->size) participants = pool->size;
  if (participants < 1) participants = 1;
  if (participants == 1 || !take(pool)) {
    for (int64_t phase = 0; phase < phases; phase++)
      for (int64_t i = 0; i < participants; i++) task(context, i, phase);
    return;
  }
  phased_run run = {pool, task, context, phases};
  dispatch(pool, run_phased, &run, participants);
  atomic_store(&pool->busy, 0);
}

void mlt_pool_destroy(mlt_pool *pool) {
  if (pool == NULL) return;
  pthread_mutex_lock(&pool->lock);
  pool->stopping = 1;
  pool->task = NULL;
  pthread_mutex_unlock(&pool->lock);
  publish(pool);
  for (int64_t i = 1; i < pool->size; i++) pthread_join(pool->threads[i], NULL);
  pthread_cond_destroy(&pool->wake);
  pthread_mutex_destroy(&pool->lock);
  free(pool->threads);
  free(pool);
}

int mlt_usable_cpus(void) {
#if defined(__linux__)
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
#endif
  long online = sysconf(_SC_NPROCESSORS_ONLN);
  return online > 0 ? (int)online : 1;
}
