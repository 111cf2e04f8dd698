// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The CUDA driver API, loaded at run time with dlopen so that the runtime
// builds without the CUDA toolkit and runs CPU artifacts on machines without
// the NVIDIA driver. Only the few types and constants the runtime uses are
// declared here, with the values of the driver's cuda.h; the functions are
// resolved by their versioned export names (cuMemAlloc_v2, ...), which is
// what cuda.h's macros expand to.

#ifndef MLC_RUNTIME_SRC_CUDA_CUDA_DRIVER_H_
#define MLC_RUNTIME_SRC_CUDA_CUDA_DRIVER_H_

#include <stddef.h>

#include "mlc/runtime/api.h"

typedef int CUresult;  // 0 is CUDA_SUCCESS
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef struct CUctx_st* CUcontext;
typedef struct CUmod_st* CUmodule;
typedef struct CUfunc_st* CUfunction;
typedef struct CUstream_st* CUstream;
typedef int CUjit_option;

enum {
  CUDA_SUCCESS = 0,
  CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75,
  CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76,
  CU_JIT_ERROR_LOG_BUFFER = 5,
  CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6,
  CU_STREAM_NON_BLOCKING = 1,
};

// X(field, exported symbol, parameter list): every entry returns CUresult.
#define MLC_CUDA_DRIVER_SYMBOLS(X)                                             \
  X(cuInit, "cuInit", (unsigned int flags))                                    \
  X(cuDeviceGet, "cuDeviceGet", (CUdevice * device, int ordinal))              \
  X(cuDeviceGetAttribute, "cuDeviceGetAttribute",                              \
    (int* value, int attribute, CUdevice device))                              \
  X(cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain",                      \
    (CUcontext * context, CUdevice device))                                    \
  X(cuDevicePrimaryCtxRelease, "cuDevicePrimaryCtxRelease_v2",                 \
    (CUdevice device))                                                         \
  X(cuCtxPushCurrent, "cuCtxPushCurrent_v2", (CUcontext context))              \
  X(cuCtxPopCurrent, "cuCtxPopCurrent_v2", (CUcontext * context))              \
  X(cuModuleLoadDataEx, "cuModuleLoadDataEx",                                  \
    (CUmodule * module, const void* image, unsigned int num_options,           \
     CUjit_option* options, void** option_values))                             \
  X(cuModuleGetFunction, "cuModuleGetFunction",                                \
    (CUfunction * function, CUmodule module, const char* name))                \
  X(cuModuleUnload, "cuModuleUnload", (CUmodule module))                       \
  X(cuMemAlloc, "cuMemAlloc_v2", (CUdeviceptr * ptr, size_t size))             \
  X(cuMemFree, "cuMemFree_v2", (CUdeviceptr ptr))                              \
  X(cuMemcpyHtoD, "cuMemcpyHtoD_v2",                                           \
    (CUdeviceptr dst, const void* src, size_t size))                           \
  X(cuMemcpyHtoDAsync, "cuMemcpyHtoDAsync_v2",                                 \
    (CUdeviceptr dst, const void* src, size_t size, CUstream stream))          \
  X(cuMemcpyDtoHAsync, "cuMemcpyDtoHAsync_v2",                                 \
    (void* dst, CUdeviceptr src, size_t size, CUstream stream))                \
  X(cuLaunchKernel, "cuLaunchKernel",                                          \
    (CUfunction function, unsigned int grid_x, unsigned int grid_y,            \
     unsigned int grid_z, unsigned int block_x, unsigned int block_y,          \
     unsigned int block_z, unsigned int shared_bytes, CUstream stream,         \
     void** params, void** extra))                                             \
  X(cuStreamCreate, "cuStreamCreate", (CUstream * stream, unsigned int flags)) \
  X(cuStreamDestroy, "cuStreamDestroy_v2", (CUstream stream))                  \
  X(cuStreamSynchronize, "cuStreamSynchronize", (CUstream stream))             \
  X(cuGetErrorName, "cuGetErrorName", (CUresult error, const char** name))     \
  X(cuGetErrorString, "cuGetErrorString", (CUresult error, const char** text))

#define MLC_CUDA_DRIVER_FIELD(field, symbol, params) CUresult(*field) params;
// The driver's entry points. Immutable once loaded; shared by all modules.
typedef struct mlc_cuda_driver_t {
  MLC_CUDA_DRIVER_SYMBOLS(MLC_CUDA_DRIVER_FIELD)
} mlc_cuda_driver_t;
#undef MLC_CUDA_DRIVER_FIELD

// Returns the driver at $MLC_CUDA_DRIVER, or libcuda.so.1 when it is unset,
// loading it on first use: each library is loaded once per process and never
// unloaded, so the result stays valid. Thread-safe. Fails with UNAVAILABLE
// when the library cannot be loaded or lacks an entry point; |path| (the
// artifact) starts the message.
mlc_status_t mlc_cuda_driver_get(const char* path,
                                 const mlc_cuda_driver_t** out_driver);

// MLC_OK for CUDA_SUCCESS; otherwise a status "<path>: <call> failed:
// CUDA_ERROR_X (description)" whose code follows |result| (out of memory is
// RESOURCE_EXHAUSTED, a missing device or too old a driver UNAVAILABLE, bad
// PTX DATA_LOSS, anything else INTERNAL).
mlc_status_t mlc_cuda_status(const mlc_cuda_driver_t* driver, CUresult result,
                             const char* path, const char* call);

#endif  // MLC_RUNTIME_SRC_CUDA_CUDA_DRIVER_H_
