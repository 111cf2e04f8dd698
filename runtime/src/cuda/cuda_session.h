// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The device half of a session on a CUDA module: one device allocation for
// the inputs, the outputs and the arena, a stream, and the kernel arguments,
// which are fixed once that allocation is made.

#ifndef MLC_RUNTIME_SRC_CUDA_CUDA_SESSION_H_
#define MLC_RUNTIME_SRC_CUDA_CUDA_SESSION_H_

#include <stdbool.h>

#include "cuda/cuda_module.h"
#include "mlc/runtime/api.h"

typedef struct mlc_cuda_session_t mlc_cuda_session_t;

// Allocates the session's device memory and stream on |module|, which must
// outlive the session. |out_session| must be destroyed with
// mlc_cuda_session_destroy.
mlc_status_t mlc_cuda_session_create(const mlc_cuda_module_t* module,
                                     mlc_allocator_t allocator,
                                     mlc_cuda_session_t** out_session);

// Waits for the session's stream and releases everything; NULL is allowed.
void mlc_cuda_session_destroy(mlc_cuda_session_t* session,
                              mlc_allocator_t allocator);

// Enqueues on |stream| (a CUstream; the session's own when NULL) the copy of
// each input from |inputs| (host data of the module's input byte sizes), the
// launches, and the copy of each output into |outputs|; with |synchronize|,
// waits for the stream too.
mlc_status_t mlc_cuda_session_run(mlc_cuda_session_t* session,
                                  const void* const* inputs,
                                  void* const* outputs, void* stream,
                                  bool synchronize);

#endif  // MLC_RUNTIME_SRC_CUDA_CUDA_SESSION_H_
