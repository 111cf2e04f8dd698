// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_RUNTIME_SRC_SESSION_SESSION_INTERNAL_H_
#define MLC_RUNTIME_SRC_SESSION_SESSION_INTERNAL_H_

#include <stdatomic.h>
#include <stdbool.h>

#include "mlc/runtime/api.h"
#include "module/module_internal.h"

struct mlc_session_t {
  atomic_int ref_count;
  mlc_allocator_t allocator;
  mlc_module_t* module;  // retained
  const void** inputs;   // bound caller memory, one per input
  bool* bound;           // whether each input is bound
  void** outputs;        // session-owned buffers, one per output
  void** args;           // scratch: inputs, weights, outputs for the entry
  bool has_run;          // |outputs| hold the result of a successful run
};

// Finds the tensor called |name| among |count| |tensors| of |kind| ("input"
// or "output"). Fails with NOT_FOUND listing the valid names.
mlc_status_t mlc_session_find_tensor(const mlc_artifact_tensor_t* tensors,
                                     size_t count, const char* kind,
                                     const char* name, size_t* out_index);

#endif  // MLC_RUNTIME_SRC_SESSION_SESSION_INTERNAL_H_
