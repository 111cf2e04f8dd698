// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include <stdlib.h>

#include "base/internal.h"

enum { kMlcSystemAlignment = 64 };

static void* mlc_system_alloc(void* self, size_t size) {
  (void)self;
  void* ptr = NULL;
  if (posix_memalign(&ptr, kMlcSystemAlignment, size ? size : 1) != 0) {
    return NULL;
  }
  return ptr;
}

static void mlc_system_free(void* self, void* ptr) {
  (void)self;
  free(ptr);
}

MLC_API_EXPORT mlc_allocator_t mlc_allocator_system(void) {
  mlc_allocator_t allocator = {NULL, mlc_system_alloc, mlc_system_free};
  return allocator;
}

mlc_status_t mlc_allocator_malloc(mlc_allocator_t allocator, size_t size,
                                  const char* what, void** out_ptr) {
  *out_ptr = allocator.alloc(allocator.self, size ? size : 1);
  if (*out_ptr == NULL) {
    return mlc_make_status(MLC_STATUS_RESOURCE_EXHAUSTED,
                           "out of memory allocating %zu bytes for %s", size,
                           what);
  }
  return MLC_OK;
}
