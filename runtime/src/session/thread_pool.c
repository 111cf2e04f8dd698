// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "session/thread_pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

#include "base/internal.h"

struct mlc_thread_pool_t {
  mlc_allocator_t allocator;
  pthread_t* threads;
  int64_t num_threads;  // started
  pthread_mutex_t mutex;
  pthread_cond_t work;  // a new job or stop
  pthread_cond_t done;  // the last worker left the job
  // The current job, published under |mutex| with a new |generation|.
  void (*fn)(void*, int64_t);
  void* data;
  int64_t count;
  atomic_llong next;
  atomic_llong busy;         // workers still in the job
  atomic_ulong generation;   // bumped (under |mutex|) for each job
  atomic_bool stop;
  atomic_bool running;       // between mlc_thread_pool_begin_run and _end_run
};

// Iterations a thread spins on the pool's state before it sleeps, outside a
// run: a model calls parallel_for many times in a row, and waking a sleeping
// thread costs tens of microseconds. During a run workers never sleep: the
// kernel may wake a worker onto the CPU of the thread that woke it, where
// the two then share one core until the scheduler moves one away (seen on
// a 2-vCPU VM: 2-thread runs 25-70% slower, at random).
#define MLC_SPIN_ITERATIONS 20000

static inline void mlc_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

static void mlc_run_indices(mlc_thread_pool_t* pool) {
  for (;;) {
    long long i = atomic_fetch_add_explicit(&pool->next, 1,
                                            memory_order_relaxed);
    if (i >= pool->count) return;
    pool->fn(pool->data, i);
  }
}

// Waits until the pool's generation differs from |seen| or it stops:
// spinning, then (outside a run) sleeping until a job, a stop or a run.
static unsigned long mlc_wait_for_job(mlc_thread_pool_t* pool,
                                      unsigned long seen) {
  for (;;) {
    for (int i = 0; i < MLC_SPIN_ITERATIONS ||
                    atomic_load_explicit(&pool->running, memory_order_relaxed);
         ++i) {
      unsigned long g = atomic_load_explicit(&pool->generation,
                                             memory_order_acquire);
      if (g != seen || atomic_load_explicit(&pool->stop, memory_order_acquire))
        return g;
      mlc_cpu_relax();
    }
    pthread_mutex_lock(&pool->mutex);
    while (!atomic_load(&pool->stop) && !atomic_load(&pool->running) &&
           atomic_load(&pool->generation) == seen) {
      pthread_cond_wait(&pool->work, &pool->mutex);
    }
    unsigned long g = atomic_load(&pool->generation);
    bool stop = atomic_load(&pool->stop);
    pthread_mutex_unlock(&pool->mutex);
    if (g != seen || stop) return g;
  }
}

static void* mlc_worker(void* arg) {
  mlc_thread_pool_t* pool = arg;
  unsigned long seen = 0;
  for (;;) {
    seen = mlc_wait_for_job(pool, seen);
    if (atomic_load_explicit(&pool->stop, memory_order_acquire)) break;
    mlc_run_indices(pool);
    if (atomic_fetch_sub_explicit(&pool->busy, 1, memory_order_acq_rel) == 1) {
      pthread_mutex_lock(&pool->mutex);
      pthread_cond_signal(&pool->done);
      pthread_mutex_unlock(&pool->mutex);
    }
  }
  return NULL;
}

mlc_status_t mlc_thread_pool_create(mlc_allocator_t allocator,
                                    int64_t num_workers,
                                    mlc_thread_pool_t** out_pool) {
  *out_pool = NULL;
  mlc_thread_pool_t* pool = NULL;
  MLC_RETURN_IF_ERROR(mlc_allocator_malloc(allocator, sizeof(*pool),
                                           "thread pool", (void**)&pool));
  memset(pool, 0, sizeof(*pool));
  pool->allocator = allocator;
  pthread_mutex_init(&pool->mutex, NULL);
  pthread_cond_init(&pool->work, NULL);
  pthread_cond_init(&pool->done, NULL);
  atomic_init(&pool->next, 0);
  atomic_init(&pool->busy, 0);
  atomic_init(&pool->generation, 0);
  atomic_init(&pool->stop, false);
  atomic_init(&pool->running, false);
  mlc_status_t status = mlc_allocator_malloc(
      allocator, sizeof(pthread_t) * (size_t)num_workers, "thread pool",
      (void**)&pool->threads);
  for (int64_t i = 0; !status && i < num_workers; ++i) {
    if (pthread_create(&pool->threads[i], NULL, mlc_worker, pool) != 0) {
      status = mlc_make_status(MLC_STATUS_RESOURCE_EXHAUSTED,
                               "cannot start worker thread %lld of %lld",
                               (long long)i + 1, (long long)num_workers);
      break;
    }
    pool->num_threads = i + 1;
  }
  if (status) {
    mlc_thread_pool_destroy(pool);
    return status;
  }
  *out_pool = pool;
  return MLC_OK;
}

void mlc_thread_pool_destroy(mlc_thread_pool_t* pool) {
  if (pool == NULL) return;
  pthread_mutex_lock(&pool->mutex);
  atomic_store(&pool->stop, true);
  pthread_cond_broadcast(&pool->work);
  pthread_mutex_unlock(&pool->mutex);
  for (int64_t i = 0; i < pool->num_threads; ++i) {
    pthread_join(pool->threads[i], NULL);
  }
  pthread_cond_destroy(&pool->done);
  pthread_cond_destroy(&pool->work);
  pthread_mutex_destroy(&pool->mutex);
  mlc_allocator_t allocator = pool->allocator;
  if (pool->threads) allocator.free(allocator.self, pool->threads);
  allocator.free(allocator.self, pool);
}

void mlc_thread_pool_begin_run(mlc_thread_pool_t* pool) {
  if (pool == NULL) return;
  // Sleeping workers wake now, while the run's serial start goes on.
  pthread_mutex_lock(&pool->mutex);
  atomic_store(&pool->running, true);
  pthread_cond_broadcast(&pool->work);
  pthread_mutex_unlock(&pool->mutex);
}

void mlc_thread_pool_end_run(mlc_thread_pool_t* pool) {
  if (pool) atomic_store_explicit(&pool->running, false, memory_order_relaxed);
}

void mlc_thread_pool_parallel_for(void* context, int64_t count,
                                  void (*fn)(void* data, int64_t index),
                                  void* data) {
  mlc_thread_pool_t* pool = context;
  if (pool == NULL || count <= 1) {
    for (int64_t i = 0; i < count; ++i) fn(data, i);
    return;
  }
  pthread_mutex_lock(&pool->mutex);
  pool->fn = fn;
  pool->data = data;
  pool->count = count;
  atomic_store_explicit(&pool->next, 0, memory_order_relaxed);
  atomic_store_explicit(&pool->busy, pool->num_threads, memory_order_relaxed);
  atomic_fetch_add_explicit(&pool->generation, 1, memory_order_release);
  pthread_cond_broadcast(&pool->work);
  pthread_mutex_unlock(&pool->mutex);
  mlc_run_indices(pool);
  for (int i = 0; i < MLC_SPIN_ITERATIONS ||
                  atomic_load_explicit(&pool->running, memory_order_relaxed);
       ++i) {
    if (atomic_load_explicit(&pool->busy, memory_order_acquire) == 0) return;
    mlc_cpu_relax();
  }
  pthread_mutex_lock(&pool->mutex);
  while (atomic_load(&pool->busy) > 0) {
    pthread_cond_wait(&pool->done, &pool->mutex);
  }
  pthread_mutex_unlock(&pool->mutex);
}
