// A small pool of threads that run one task at a time, split by index: the caller runs index 0
// and the pool's threads the others, then the caller waits for all of them.
//
// Made for tasks of tens of microseconds (a training step's phases): an idle thread spins for a
// little while before it sleeps, so a phase that follows another one soon wakes nobody. A
// participant waiting for the others (between phases, or the caller at the end) spins for 50 µs,
// then sleeps until they are done, which leaves the core to one that lost its own.
#ifndef MLTUTOR_WORKER_POOL_H
#define MLTUTOR_WORKER_POOL_H

#include <stdint.h>

typedef struct mlt_pool mlt_pool;
typedef void (*mlt_phased_task)(void *context, int64_t index, int64_t phase);

/// A pool of `size` participants: the caller of `mlt_pool_run_phases` and `size − 1` threads.
/// Returns NULL when the threads cannot be started.
mlt_pool *mlt_pool_create(int64_t size);

/// Runs task(context, i, p) for every i in 0..<participants (at most the pool's size) and every
/// phase p in 0..<phases, the caller taking i = 0: each participant runs its phases in order, and
/// no phase starts anywhere before the one before it has ended everywhere. The pool's threads
/// run with subnormals flushed (FloatMode.h). When another thread is already running a task on
/// this pool, runs phase by phase on the calling thread instead (the same calls, so the same
/// results).
void mlt_pool_run_phases(mlt_pool *pool, mlt_phased_task task, void *context, int64_t phases,
                         int64_t participants);

/// The CPUs this process may run on (its affinity mask), at least 1.
int mlt_usable_cpus(void);

/// Stops and joins the threads, then frees the pool.
void mlt_pool_destroy(mlt_pool *pool);

#endif
