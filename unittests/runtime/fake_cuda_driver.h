// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// libmlc_fake_cuda.so: a stand-in for the NVIDIA driver (libcuda.so.1) that
// the runtime's tests load through MLC_CUDA_DRIVER. It implements the entry
// points the runtime uses with host memory (device addresses are host
// addresses, so tests can read device memory directly) and records every
// launch. Driver calls other than cuInit, cuDevice* and the error lookups
// fail with CUDA_ERROR_INVALID_CONTEXT unless a context is current, and
// device addresses must lie inside allocations.
//
// Environment, read at each call:
// - FAKE_CUDA_CC: the device's compute capability as major * 10 + minor
//   (default 80).
// - FAKE_CUDA_INIT_ERROR: a CUresult that cuInit returns (default 0).
//
// Kernels are the names PTX text defines as ".entry <name>(...)", with one
// argument per ".param" in the parentheses. Two have effects, on n = grid.x *
// block.x elements: mlc_test_copy copies n bytes from arg 0 to arg 1 and
// mlc_test_add_f32 stores arg 0 + arg 1 into arg 2 (float32). PTX containing
// "FAKE_INVALID_PTX" fails to load with an error log.

#ifndef MLC_UNITTESTS_RUNTIME_FAKE_CUDA_DRIVER_H_
#define MLC_UNITTESTS_RUNTIME_FAKE_CUDA_DRIVER_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define FAKE_CUDA_MAX_ARGS 64

typedef struct fake_cuda_launch_t {
  char kernel[128];
  unsigned grid[3];
  unsigned block[3];
  unsigned shared_bytes;
  void* stream;
  unsigned num_args;
  unsigned long long args[FAKE_CUDA_MAX_ARGS];  // device addresses
} fake_cuda_launch_t;

// Clears the launch log, the synchronization count and the last PTX.
void fake_cuda_reset(void);
// Launches since the last reset, in order.
size_t fake_cuda_launch_count(void);
const fake_cuda_launch_t* fake_cuda_launch(size_t index);
// cuStreamSynchronize calls since the last reset.
size_t fake_cuda_sync_count(void);
// The PTX of the last successful cuModuleLoadDataEx ("" after a reset).
const char* fake_cuda_loaded_ptx(void);
// Device allocations, loaded modules, streams and primary context retains
// not yet released.
int fake_cuda_live_objects(void);
// Contexts pushed and not popped on the calling thread.
int fake_cuda_context_depth(void);

// The driver's opaque handles, with cuda.h's struct tags: the fake's entry
// points have exactly the driver's types, which clang's -fsanitize=function
// checks on every call through the runtime's function pointers.
typedef struct CUctx_st* CUcontext;
typedef struct CUstream_st* CUstream;

// Entry points tests call themselves, with the driver's signatures.
int cuDevicePrimaryCtxRetain(CUcontext* context, int device);
int cuDevicePrimaryCtxRelease_v2(int device);
int cuCtxPushCurrent_v2(CUcontext context);
int cuCtxPopCurrent_v2(CUcontext* context);
int cuStreamCreate(CUstream* stream, unsigned flags);
int cuStreamDestroy_v2(CUstream stream);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // MLC_UNITTESTS_RUNTIME_FAKE_CUDA_DRIVER_H_
