// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Helpers shared by the runtime's source files. Not installed.

#ifndef MLC_RUNTIME_SRC_BASE_INTERNAL_H_
#define MLC_RUNTIME_SRC_BASE_INTERNAL_H_

#include <stdbool.h>

#include "mlc/runtime/api.h"

// The library is built with -fvisibility=hidden; only definitions marked
// with this macro are exported.
#define MLC_API_EXPORT __attribute__((visibility("default")))

// True when |allocator| has both callbacks.
static inline bool mlc_allocator_is_valid(mlc_allocator_t allocator) {
  return allocator.alloc != NULL && allocator.free != NULL;
}

// Allocates |size| bytes (at least one) from |allocator| into |*out_ptr|.
// Fails with RESOURCE_EXHAUSTED naming |what|.
mlc_status_t mlc_allocator_malloc(mlc_allocator_t allocator, size_t size,
                                  const char* what, void** out_ptr);

#endif  // MLC_RUNTIME_SRC_BASE_INTERNAL_H_
