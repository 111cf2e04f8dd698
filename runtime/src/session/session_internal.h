// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_RUNTIME_SRC_SESSION_SESSION_INTERNAL_H_
#define MLC_RUNTIME_SRC_SESSION_SESSION_INTERNAL_H_

#include <stdatomic.h>
#include <stdbool.h>

#include "cuda/cuda_session.h"
#include "mlc/runtime/api.h"
#include "module/module_internal.h"
#include "session/thread_pool.h"

// A bound input: caller memory and the dims it was bound with.
typedef struct mlc_session_input_t {
  const void* data;
  bool bound;
  int64_t dims[MLC_ARTIFACT_MAX_RANK];
} mlc_session_input_t;

// A session-owned output buffer. Static outputs are allocated and sized when
// the session is created, dynamic ones by each run (the buffer is reused
// while it is large enough).
typedef struct mlc_session_output_t {
  void* data;         // NULL until allocated
  size_t capacity;    // bytes allocated at |data|
  size_t byte_size;   // byte size of the last run's result
  int64_t dims[MLC_ARTIFACT_MAX_RANK];  // concrete dims of the last run
} mlc_session_output_t;

struct mlc_session_t {
  atomic_int ref_count;
  mlc_allocator_t allocator;
  mlc_module_t* module;           // retained
  mlc_session_input_t* inputs;    // one per input
  mlc_session_output_t* outputs;  // one per output
  void** args;       // scratch: inputs, weights, outputs for the entry
  int64_t* symbols;  // one size per symbol, resolved by each run
  bool has_run;      // |outputs| hold the result of a successful run
  mlc_thread_pool_t* pool;   // NULL for one thread
  mlc_parallel_t parallel;   // handed to the entry point
  mlc_cuda_session_t* cuda;  // for a CUDA module; NULL for a CPU one
};

// Finds the tensor called |name| among |count| |tensors| of |kind| ("input"
// or "output"). Fails with NOT_FOUND listing the valid names.
mlc_status_t mlc_session_find_tensor(const mlc_artifact_tensor_t* tensors,
                                     size_t count, const char* kind,
                                     const char* name, size_t* out_index);

// Formats |rank| dims as "[2,3]" into |buffer|, truncating with "...". With
// |symbol_names|, |dims| are encoded dims and symbolic ones print as names
// ("[batch,3]").
const char* mlc_format_shape(const int64_t* dims, uint32_t rank,
                             const char* const* symbol_names, char* buffer,
                             size_t capacity);

// Byte size of |rank| |dims| (all >= 0) of |dtype| into |out_size|; false on
// overflow of size_t.
bool mlc_shape_byte_size(mlc_dtype_t dtype, const int64_t* dims,
                         uint32_t rank, size_t* out_size);

#endif  // MLC_RUNTIME_SRC_SESSION_SESSION_INTERNAL_H_
