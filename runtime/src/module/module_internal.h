// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The module's layout, shared with the session. Immutable after load except
// for the reference count.

#ifndef MLC_RUNTIME_SRC_MODULE_MODULE_INTERNAL_H_
#define MLC_RUNTIME_SRC_MODULE_MODULE_INTERNAL_H_

#include <stdatomic.h>
#include <stdbool.h>

#include "cuda/cuda_module.h"
#include "mlc/runtime/api.h"
#include "module/artifact_reader.h"
#include "module/code_loader.h"

struct mlc_module_t {
  atomic_int ref_count;
  mlc_allocator_t allocator;
  void* mapping;  // the whole file, read-only; NULL for an empty file
  size_t mapping_size;
  mlc_artifact_t artifact;
  // CPU modules: the native code, its entry point and |artifact.num_weights|
  // pointers into |mapping| (zero-copy).
  mlc_code_library_t code;
  mlc_entry_fn_t entry;
  void** weights;
  mlc_cuda_module_t* cuda;  // CUDA modules: the device state; NULL for CPU
  bool info_only;  // loaded by mlc_module_load_file_info: no code
};

#endif  // MLC_RUNTIME_SRC_MODULE_MODULE_INTERNAL_H_
