// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The fake driver's test hooks, device, context, error and module entry
// points; memory, streams and launches are in fake_cuda_memory.c.

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_cuda_internal.h"

typedef struct CUmod_st {
  char* ptx;
  fake_function_t* functions;
} fake_module_t;

struct CUctx_st {
  int unused;
};

pthread_mutex_t g_fake_mutex = PTHREAD_MUTEX_INITIALIZER;
int g_fake_retains;
int g_fake_live;
fake_cuda_launch_t g_fake_launches[kMaxLaunches];
size_t g_fake_num_launches;
size_t g_fake_num_syncs;
static struct CUctx_st g_context;  // the primary context
static char* g_loaded_ptx;
static _Thread_local int t_depth;  // contexts pushed on this thread

//===----------------------------------------------------------------------===//
// Test hooks
//===----------------------------------------------------------------------===//

FAKE_EXPORT void fake_cuda_reset(void) {
  pthread_mutex_lock(&g_fake_mutex);
  g_fake_num_launches = 0;
  g_fake_num_syncs = 0;
  free(g_loaded_ptx);
  g_loaded_ptx = NULL;
  pthread_mutex_unlock(&g_fake_mutex);
}

FAKE_EXPORT size_t fake_cuda_launch_count(void) { return g_fake_num_launches; }

FAKE_EXPORT const fake_cuda_launch_t* fake_cuda_launch(size_t index) {
  return index < g_fake_num_launches ? &g_fake_launches[index] : NULL;
}

FAKE_EXPORT size_t fake_cuda_sync_count(void) { return g_fake_num_syncs; }

FAKE_EXPORT const char* fake_cuda_loaded_ptx(void) {
  return g_loaded_ptx ? g_loaded_ptx : "";
}

FAKE_EXPORT int fake_cuda_live_objects(void) {
  return g_fake_live + g_fake_retains;
}

FAKE_EXPORT int fake_cuda_context_depth(void) { return t_depth; }

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static int env_int(const char* name, int fallback) {
  const char* value = getenv(name);
  return value && value[0] ? atoi(value) : fallback;
}

int fake_has_context(void) { return t_depth > 0 && g_fake_retains > 0; }

void fake_count_live(int delta) {
  pthread_mutex_lock(&g_fake_mutex);
  g_fake_live += delta;
  pthread_mutex_unlock(&g_fake_mutex);
}

// Finds ".entry <name>(" in |ptx| and returns the text after "(".
static const char* find_entry(const char* ptx, const char* name) {
  size_t length = strlen(name);
  for (const char* p = strstr(ptx, ".entry "); p;
       p = strstr(p + 1, ".entry ")) {
    const char* q = p + strlen(".entry ");
    while (*q == ' ') ++q;
    if (strncmp(q, name, length) == 0 && q[length] == '(')
      return q + length + 1;
  }
  return NULL;
}

static unsigned count_params(const char* params) {
  const char* end = strchr(params, ')');
  unsigned count = 0;
  for (const char* p = strstr(params, ".param"); p && (!end || p < end);
       p = strstr(p + 1, ".param")) {
    ++count;
  }
  return count;
}

//===----------------------------------------------------------------------===//
// Device, context and errors
//===----------------------------------------------------------------------===//

FAKE_EXPORT int cuInit(unsigned flags) {
  return flags ? kInvalidValue : env_int("FAKE_CUDA_INIT_ERROR", kSuccess);
}

FAKE_EXPORT int cuDeviceGet(int* device, int ordinal) {
  if (ordinal != 0) return kInvalidDevice;
  *device = 0;
  return kSuccess;
}

FAKE_EXPORT int cuDeviceGetAttribute(int* value, int attribute, int device) {
  int cc = env_int("FAKE_CUDA_CC", 80);
  if (device != 0) return kInvalidDevice;
  if (attribute == kAttributeMajor)
    *value = cc / 10;
  else if (attribute == kAttributeMinor)
    *value = cc % 10;
  else
    return kInvalidValue;
  return kSuccess;
}

FAKE_EXPORT int cuDevicePrimaryCtxRetain(CUcontext* context, int device) {
  if (device != 0) return kInvalidDevice;
  pthread_mutex_lock(&g_fake_mutex);
  ++g_fake_retains;
  pthread_mutex_unlock(&g_fake_mutex);
  *context = &g_context;
  return kSuccess;
}

FAKE_EXPORT int cuDevicePrimaryCtxRelease_v2(int device) {
  if (device != 0) return kInvalidDevice;
  if (g_fake_retains == 0) return kInvalidContext;
  pthread_mutex_lock(&g_fake_mutex);
  --g_fake_retains;
  pthread_mutex_unlock(&g_fake_mutex);
  return kSuccess;
}

FAKE_EXPORT int cuCtxPushCurrent_v2(CUcontext context) {
  if (context != &g_context || g_fake_retains == 0) return kInvalidContext;
  ++t_depth;
  return kSuccess;
}

FAKE_EXPORT int cuCtxPopCurrent_v2(CUcontext* context) {
  if (t_depth == 0) return kInvalidContext;
  --t_depth;
  if (context) *context = &g_context;
  return kSuccess;
}

static const char* error_text(int error, int want_name) {
  static const struct {
    int code;
    const char* name;
    const char* text;
  } kErrors[] = {
      {kSuccess, "CUDA_SUCCESS", "no error"},
      {kInvalidValue, "CUDA_ERROR_INVALID_VALUE", "invalid argument"},
      {kOutOfMemory, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory"},
      {kNoDevice, "CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"},
      {kInvalidDevice, "CUDA_ERROR_INVALID_DEVICE", "invalid device ordinal"},
      {kInvalidContext, "CUDA_ERROR_INVALID_CONTEXT", "invalid device context"},
      {kInvalidPtx, "CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed"},
      {kInvalidHandle, "CUDA_ERROR_INVALID_HANDLE", "invalid resource handle"},
      {kNotFound, "CUDA_ERROR_NOT_FOUND", "named symbol not found"},
      {kIllegalAddress, "CUDA_ERROR_ILLEGAL_ADDRESS",
       "an illegal memory access was encountered"},
  };
  for (size_t i = 0; i < sizeof(kErrors) / sizeof(kErrors[0]); ++i) {
    if (kErrors[i].code == error) {
      return want_name ? kErrors[i].name : kErrors[i].text;
    }
  }
  return NULL;
}

FAKE_EXPORT int cuGetErrorName(int error, const char** name) {
  *name = error_text(error, 1);
  return *name ? kSuccess : kInvalidValue;
}

FAKE_EXPORT int cuGetErrorString(int error, const char** text) {
  *text = error_text(error, 0);
  return *text ? kSuccess : kInvalidValue;
}

//===----------------------------------------------------------------------===//
// Modules
//===----------------------------------------------------------------------===//

// Writes |message| to the error log buffer among the JIT |options|.
static void write_jit_log(unsigned num_options, const int* options,
                          void** values, const char* message) {
  char* buffer = NULL;
  size_t size = 0;
  for (unsigned i = 0; i < num_options; ++i) {
    if (options[i] == kJitErrorLogBuffer) buffer = values[i];
    if (options[i] == kJitErrorLogBufferSize) size = (uintptr_t)values[i];
  }
  if (buffer && size) snprintf(buffer, size, "%s", message);
}

FAKE_EXPORT int cuModuleLoadDataEx(CUmodule* module, const void* image,
                                   unsigned num_options, int* options,
                                   void** values) {
  if (!fake_has_context()) return kInvalidContext;
  const char* ptx = image;
  if (strstr(ptx, "FAKE_INVALID_PTX")) {
    write_jit_log(num_options, options, values,
                  "ptxas fatal: fake syntax error");
    return kInvalidPtx;
  }
  fake_module_t* loaded = calloc(1, sizeof(*loaded));
  loaded->ptx = strdup(ptx);
  fake_count_live(1);
  pthread_mutex_lock(&g_fake_mutex);
  free(g_loaded_ptx);
  g_loaded_ptx = strdup(ptx);
  pthread_mutex_unlock(&g_fake_mutex);
  *module = loaded;
  return kSuccess;
}

FAKE_EXPORT int cuModuleGetFunction(CUfunction* function, CUmodule module,
                                    const char* name) {
  fake_module_t* loaded = module;
  const char* params = find_entry(loaded->ptx, name);
  if (params == NULL || strlen(name) >= sizeof(loaded->functions->name)) {
    return kNotFound;
  }
  fake_function_t* f = calloc(1, sizeof(*f));
  snprintf(f->name, sizeof(f->name), "%s", name);
  f->num_params = count_params(params);
  f->next = loaded->functions;
  loaded->functions = f;
  *function = f;
  return kSuccess;
}

FAKE_EXPORT int cuModuleUnload(CUmodule module) {
  if (!fake_has_context()) return kInvalidContext;
  fake_module_t* loaded = module;
  while (loaded->functions) {
    fake_function_t* next = loaded->functions->next;
    free(loaded->functions);
    loaded->functions = next;
  }
  free(loaded->ptx);
  free(loaded);
  fake_count_live(-1);
  return kSuccess;
}
