// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// A session's worker threads: parallel_for runs indices on the workers and
// the calling thread, handing them out through an atomic counter.

#ifndef MLC_RUNTIME_SRC_SESSION_THREAD_POOL_H_
#define MLC_RUNTIME_SRC_SESSION_THREAD_POOL_H_

#include "mlc/runtime/api.h"

typedef struct mlc_thread_pool_t mlc_thread_pool_t;

// Starts |num_workers| (>= 1) threads.
mlc_status_t mlc_thread_pool_create(mlc_allocator_t allocator,
                                    int64_t num_workers,
                                    mlc_thread_pool_t** out_pool);
// Stops and joins the workers; NULL is allowed.
void mlc_thread_pool_destroy(mlc_thread_pool_t* pool);

// Brackets a run: in between, idle workers spin instead of sleeping. NULL is
// allowed.
void mlc_thread_pool_begin_run(mlc_thread_pool_t* pool);
void mlc_thread_pool_end_run(mlc_thread_pool_t* pool);

// mlc_parallel_t's parallel_for with |context| a pool (or NULL: serial).
void mlc_thread_pool_parallel_for(void* context, int64_t count,
                                  void (*fn)(void* data, int64_t index),
                                  void* data);

#endif  // MLC_RUNTIME_SRC_SESSION_THREAD_POOL_H_
