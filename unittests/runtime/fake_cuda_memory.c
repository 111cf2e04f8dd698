// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The fake driver's memory, stream and launch entry points.

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_cuda_internal.h"

typedef struct fake_allocation_t {
  struct fake_allocation_t* next;
  uint8_t* base;
  size_t size;
} fake_allocation_t;

typedef struct CUstream_st {
  unsigned magic;
} fake_stream_t;
enum { kStreamMagic = 0x57AEA3 };

static fake_allocation_t* g_allocations;  // guarded by g_fake_mutex

// True for a stream cuStreamCreate made and the two special handles.
static int fake_valid_stream(CUstream stream) {
  return stream == FAKE_STREAM_LEGACY || stream == FAKE_STREAM_PER_THREAD ||
         (stream != NULL && stream->magic == kStreamMagic);
}

// True when [address, address + size) lies inside one allocation.
static int fake_in_allocation(unsigned long long address, size_t size) {
  int found = 0;
  pthread_mutex_lock(&g_fake_mutex);
  for (fake_allocation_t* a = g_allocations; a && !found; a = a->next) {
    uintptr_t begin = (uintptr_t)a->base;
    found = address >= begin && address <= begin + a->size &&
            size <= begin + a->size - address;
  }
  pthread_mutex_unlock(&g_fake_mutex);
  return found;
}

//===----------------------------------------------------------------------===//
// Memory
//===----------------------------------------------------------------------===//

FAKE_EXPORT int cuMemAlloc_v2(unsigned long long* address, size_t size) {
  if (!fake_has_context()) return kInvalidContext;
  if (size == 0) return kInvalidValue;
  fake_allocation_t* a = calloc(1, sizeof(*a));
  // Real allocations are at least 256-byte aligned.
  a->base = aligned_alloc(256, (size + 255) / 256 * 256);
  if (a->base == NULL) {
    free(a);
    return kOutOfMemory;
  }
  a->size = size;
  pthread_mutex_lock(&g_fake_mutex);
  a->next = g_allocations;
  g_allocations = a;
  ++g_fake_live;
  pthread_mutex_unlock(&g_fake_mutex);
  *address = (uintptr_t)a->base;
  return kSuccess;
}

FAKE_EXPORT int cuMemFree_v2(unsigned long long address) {
  if (!fake_has_context()) return kInvalidContext;
  pthread_mutex_lock(&g_fake_mutex);
  fake_allocation_t** link = &g_allocations;
  while (*link && (uintptr_t)(*link)->base != address) link = &(*link)->next;
  fake_allocation_t* a = *link;
  if (a) {
    *link = a->next;
    --g_fake_live;
  }
  pthread_mutex_unlock(&g_fake_mutex);
  if (a == NULL) return kInvalidValue;
  free(a->base);
  free(a);
  return kSuccess;
}

FAKE_EXPORT int cuMemcpyHtoD_v2(unsigned long long dst, const void* src,
                                size_t size) {
  if (!fake_has_context()) return kInvalidContext;
  if (!fake_in_allocation(dst, size)) return kInvalidValue;
  memcpy((void*)(uintptr_t)dst, src, size);
  return kSuccess;
}

FAKE_EXPORT int cuMemcpyHtoDAsync_v2(unsigned long long dst, const void* src,
                                     size_t size, CUstream stream) {
  if (!fake_valid_stream(stream)) return kInvalidHandle;
  return cuMemcpyHtoD_v2(dst, src, size);
}

FAKE_EXPORT int cuMemcpyDtoHAsync_v2(void* dst, unsigned long long src,
                                     size_t size, CUstream stream) {
  if (!fake_has_context()) return kInvalidContext;
  if (!fake_valid_stream(stream)) return kInvalidHandle;
  if (!fake_in_allocation(src, size)) return kInvalidValue;
  memcpy(dst, (const void*)(uintptr_t)src, size);
  return kSuccess;
}

//===----------------------------------------------------------------------===//
// Streams and launches
//===----------------------------------------------------------------------===//

FAKE_EXPORT int cuStreamCreate(CUstream* stream, unsigned flags) {
  (void)flags;
  if (!fake_has_context()) return kInvalidContext;
  fake_stream_t* s = calloc(1, sizeof(*s));
  s->magic = kStreamMagic;
  fake_count_live(1);
  *stream = s;
  return kSuccess;
}

FAKE_EXPORT int cuStreamDestroy_v2(CUstream stream) {
  if (!fake_has_context()) return kInvalidContext;
  if (!fake_valid_stream(stream) || stream == FAKE_STREAM_LEGACY ||
      stream == FAKE_STREAM_PER_THREAD) {
    return kInvalidHandle;
  }
  stream->magic = 0;
  free(stream);
  fake_count_live(-1);
  return kSuccess;
}

FAKE_EXPORT int cuStreamSynchronize(CUstream stream) {
  if (!fake_has_context()) return kInvalidContext;
  if (!fake_valid_stream(stream)) return kInvalidHandle;
  pthread_mutex_lock(&g_fake_mutex);
  ++g_fake_num_syncs;
  pthread_mutex_unlock(&g_fake_mutex);
  return kSuccess;
}

// The effect of the test kernels on |n| elements (see the header).
static int run_kernel(const fake_cuda_launch_t* launch, size_t n) {
  const unsigned long long* a = launch->args;
  if (strcmp(launch->kernel, "mlc_test_copy") == 0 && launch->num_args == 2) {
    if (!fake_in_allocation(a[0], n) || !fake_in_allocation(a[1], n)) {
      return kIllegalAddress;
    }
    memmove((void*)(uintptr_t)a[1], (const void*)(uintptr_t)a[0], n);
  } else if (strcmp(launch->kernel, "mlc_test_add_f32") == 0 &&
             launch->num_args == 3) {
    size_t bytes = n * sizeof(float);
    if (!fake_in_allocation(a[0], bytes) || !fake_in_allocation(a[1], bytes) ||
        !fake_in_allocation(a[2], bytes)) {
      return kIllegalAddress;
    }
    const float* x = (const float*)(uintptr_t)a[0];
    const float* y = (const float*)(uintptr_t)a[1];
    float* out = (float*)(uintptr_t)a[2];
    for (size_t i = 0; i < n; ++i) out[i] = x[i] + y[i];
  }
  return kSuccess;
}

FAKE_EXPORT int cuLaunchKernel(CUfunction function, unsigned grid_x,
                               unsigned grid_y,
                               unsigned grid_z, unsigned block_x,
                               unsigned block_y, unsigned block_z,
                               unsigned shared_bytes, CUstream stream,
                               void** params, void** extra) {
  const fake_function_t* f = function;
  if (!fake_has_context()) return kInvalidContext;
  if (!fake_valid_stream(stream) || f == NULL) return kInvalidHandle;
  if (extra != NULL || f->num_params > FAKE_CUDA_MAX_ARGS ||
      g_fake_num_launches == kMaxLaunches) {
    return kInvalidValue;
  }
  fake_cuda_launch_t launch = {
      .grid = {grid_x, grid_y, grid_z},
      .block = {block_x, block_y, block_z},
      .shared_bytes = shared_bytes,
      .stream = stream,
      .num_args = f->num_params,
  };
  snprintf(launch.kernel, sizeof(launch.kernel), "%s", f->name);
  for (unsigned k = 0; k < f->num_params; ++k) {
    memcpy(&launch.args[k], params[k], sizeof(launch.args[k]));
  }
  pthread_mutex_lock(&g_fake_mutex);
  g_fake_launches[g_fake_num_launches++] = launch;
  pthread_mutex_unlock(&g_fake_mutex);
  return run_kernel(&launch, (size_t)grid_x * block_x);
}
