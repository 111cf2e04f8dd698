// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Loaded drivers are cached per library path (tests load a fake driver and
// a missing one in one process) in a list that lives as long as the process:
// the NVIDIA driver does not support being unloaded, so nothing here is ever
// dlclose'd or freed. That list is process-wide state owned by no module, so
// it uses libc's malloc rather than a module's allocator.

#include "cuda/cuda_driver.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
  kCudaErrorOutOfMemory = 2,
  kCudaErrorNotInitialized = 3,
  kCudaErrorDeinitialized = 4,
  kCudaErrorStubLibrary = 34,
  kCudaErrorInsufficientDriver = 35,
  kCudaErrorDevicesUnavailable = 46,
  kCudaErrorNoDevice = 100,
  kCudaErrorInvalidDevice = 101,
  kCudaErrorInvalidImage = 200,
  kCudaErrorInvalidPtx = 218,
  kCudaErrorJitCompilerNotFound = 221,
  kCudaErrorUnsupportedPtxVersion = 222,
  kCudaErrorNotFound = 500,
  kCudaErrorSystemDriverMismatch = 803,
};

typedef struct mlc_cuda_driver_entry_t {
  struct mlc_cuda_driver_entry_t* next;
  mlc_cuda_driver_t driver;
  char library[];  // the path it was loaded from
} mlc_cuda_driver_entry_t;

static pthread_mutex_t g_mlc_cuda_drivers_mutex = PTHREAD_MUTEX_INITIALIZER;
static mlc_cuda_driver_entry_t* g_mlc_cuda_drivers;  // guarded by the mutex

// Resolves every entry point of |handle| into |driver|.
static mlc_status_t mlc_cuda_resolve(void* handle, const char* library,
                                     const char* path,
                                     mlc_cuda_driver_t* driver) {
#define MLC_CUDA_RESOLVE(field, symbol, params)                             \
  *(void**)&driver->field = dlsym(handle, symbol);                          \
  if (driver->field == NULL) {                                              \
    return mlc_make_status(MLC_STATUS_UNAVAILABLE,                          \
                           "%s: the NVIDIA driver %s lacks %s; update the " \
                           "driver",                                        \
                           path, library, symbol);                          \
  }
  MLC_CUDA_DRIVER_SYMBOLS(MLC_CUDA_RESOLVE)
#undef MLC_CUDA_RESOLVE
  return MLC_OK;
}

// Loads |library| and adds it to the cache. Called with the mutex held.
static mlc_status_t mlc_cuda_load(const char* library, const char* path,
                                  const mlc_cuda_driver_t** out_driver) {
  void* handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) {
    const char* error = dlerror();
    return mlc_make_status(MLC_STATUS_UNAVAILABLE,
                           "%s: CUDA artifact needs the NVIDIA driver: cannot "
                           "load %s: %s",
                           path, library, error ? error : "unknown error");
  }
  size_t length = strlen(library);
  mlc_cuda_driver_entry_t* entry = malloc(sizeof(*entry) + length + 1);
  if (entry == NULL) {
    return mlc_make_status(MLC_STATUS_RESOURCE_EXHAUSTED,
                           "%s: out of memory loading the NVIDIA driver", path);
  }
  mlc_status_t status = mlc_cuda_resolve(handle, library, path, &entry->driver);
  if (status) {
    free(entry);
    return status;
  }
  memcpy(entry->library, library, length + 1);
  entry->next = g_mlc_cuda_drivers;
  g_mlc_cuda_drivers = entry;
  *out_driver = &entry->driver;
  return MLC_OK;
}

mlc_status_t mlc_cuda_driver_get(const char* path,
                                 const mlc_cuda_driver_t** out_driver) {
  const char* library = getenv("MLC_CUDA_DRIVER");
  if (library == NULL || library[0] == '\0') library = "libcuda.so.1";
  pthread_mutex_lock(&g_mlc_cuda_drivers_mutex);
  mlc_status_t status = MLC_OK;
  const mlc_cuda_driver_entry_t* entry = g_mlc_cuda_drivers;
  while (entry != NULL && strcmp(entry->library, library) != 0) {
    entry = entry->next;
  }
  if (entry != NULL) {
    *out_driver = &entry->driver;
  } else {
    status = mlc_cuda_load(library, path, out_driver);
  }
  pthread_mutex_unlock(&g_mlc_cuda_drivers_mutex);
  return status;
}

static mlc_status_code_t mlc_cuda_status_code(CUresult result) {
  switch (result) {
    case kCudaErrorOutOfMemory:
      return MLC_STATUS_RESOURCE_EXHAUSTED;
    case kCudaErrorNotInitialized:
    case kCudaErrorDeinitialized:
    case kCudaErrorStubLibrary:
    case kCudaErrorInsufficientDriver:
    case kCudaErrorDevicesUnavailable:
    case kCudaErrorNoDevice:
    case kCudaErrorInvalidDevice:
    case kCudaErrorJitCompilerNotFound:
    case kCudaErrorUnsupportedPtxVersion:
    case kCudaErrorSystemDriverMismatch:
      return MLC_STATUS_UNAVAILABLE;
    case kCudaErrorInvalidImage:
    case kCudaErrorInvalidPtx:
    case kCudaErrorNotFound:
      return MLC_STATUS_DATA_LOSS;
    default:
      return MLC_STATUS_INTERNAL;
  }
}

mlc_status_t mlc_cuda_status(const mlc_cuda_driver_t* driver, CUresult result,
                             const char* path, const char* call) {
  if (result == CUDA_SUCCESS) return MLC_OK;
  // Both lookups fail for codes newer than the driver; print the number.
  const char* name = NULL;
  const char* text = NULL;
  char number[32];
  if (driver->cuGetErrorName(result, &name) != CUDA_SUCCESS || name == NULL) {
    snprintf(number, sizeof(number), "CUDA error %d", result);
    name = number;
  }
  if (driver->cuGetErrorString(result, &text) != CUDA_SUCCESS || !text) {
    text = "no description";
  }
  return mlc_make_status(mlc_cuda_status_code(result), "%s: %s failed: %s (%s)",
                         path, call, name, text);
}
