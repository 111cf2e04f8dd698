// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// State shared by the fake driver's files (see fake_cuda_driver.h). Handles
// are void* here; the driver's opaque pointer types have the same
// representation.

#ifndef MLC_UNITTESTS_RUNTIME_FAKE_CUDA_INTERNAL_H_
#define MLC_UNITTESTS_RUNTIME_FAKE_CUDA_INTERNAL_H_

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "fake_cuda_driver.h"

#define FAKE_EXPORT __attribute__((visibility("default")))

enum {
  kSuccess = 0,
  kInvalidValue = 1,
  kOutOfMemory = 2,
  kNoDevice = 100,
  kInvalidDevice = 101,
  kInvalidContext = 201,
  kInvalidPtx = 218,
  kInvalidHandle = 400,
  kNotFound = 500,
  kIllegalAddress = 700,
  kAttributeMajor = 75,
  kAttributeMinor = 76,
  kJitErrorLogBuffer = 5,
  kJitErrorLogBufferSize = 6,
  kMaxLaunches = 256,
};

// CU_STREAM_LEGACY and CU_STREAM_PER_THREAD.
#define FAKE_STREAM_LEGACY ((CUstream)1)
#define FAKE_STREAM_PER_THREAD ((CUstream)2)

typedef struct CUmod_st* CUmodule;
typedef struct CUfunc_st* CUfunction;

// A kernel of a loaded module.
typedef struct CUfunc_st {
  struct CUfunc_st* next;
  char name[128];
  unsigned num_params;
} fake_function_t;

extern pthread_mutex_t g_fake_mutex;  // guards the globals below
extern int g_fake_retains;            // of the primary context
extern int g_fake_live;               // allocations, modules and streams
extern fake_cuda_launch_t g_fake_launches[kMaxLaunches];
extern size_t g_fake_num_launches;
extern size_t g_fake_num_syncs;

// True when a context is current on the calling thread.
int fake_has_context(void);
// Adds |delta| to g_fake_live.
void fake_count_live(int delta);

#endif  // MLC_UNITTESTS_RUNTIME_FAKE_CUDA_INTERNAL_H_
