// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The device half of a module loaded from an MLC_TARGET_CUDA_PTX artifact:
// the driver, the device's primary context, the loaded PTX and its kernels,
// and the weights and constants in device memory. Immutable after creation;
// sessions on any threads share it.

#ifndef MLC_RUNTIME_SRC_CUDA_CUDA_MODULE_H_
#define MLC_RUNTIME_SRC_CUDA_CUDA_MODULE_H_

#include <stdbool.h>
#include <stdint.h>

#include "cuda/cuda_driver.h"
#include "cuda/cuda_program.h"
#include "mlc/runtime/api.h"
#include "module/artifact_reader.h"

// Alignment of every buffer the runtime places in device memory: enough for
// any vector access a kernel makes.
#define MLC_CUDA_ALIGNMENT 256u

typedef struct mlc_cuda_module_t {
  mlc_allocator_t allocator;
  const char* path;                // the artifact, for messages
  const mlc_artifact_t* artifact;  // owned by the mlc_module_t
  mlc_cuda_program_t program;
  const mlc_cuda_driver_t* driver;
  CUdevice device;
  uint32_t sm;            // the device's compute capability, major * 10 + minor
  CUcontext context;      // the device's primary context; NULL until retained
  CUmodule module;        // the selected image; NULL until loaded
  CUfunction* functions;  // one per kernel of |program|
  CUdeviceptr memory;     // the weights section, then the constants; or 0
  CUdeviceptr* weights;   // device address of each weight
  CUdeviceptr* constants;  // device address of each constant
} mlc_cuda_module_t;

// Parses the CUDA program of |artifact| (whose file is mapped at |file|),
// loads the driver and its PTX for the device (ordinal $MLC_CUDA_DEVICE,
// default 0) and copies the weights and constants to the device. Keeps
// |artifact|, which must outlive the module. |path| names the artifact in
// messages. |out_module| must be destroyed with mlc_cuda_module_destroy.
mlc_status_t mlc_cuda_module_create(const mlc_artifact_t* artifact,
                                    const uint8_t* file, const char* path,
                                    mlc_allocator_t allocator,
                                    mlc_cuda_module_t** out_module);

// Releases everything |module| holds; NULL is allowed.
void mlc_cuda_module_destroy(mlc_cuda_module_t* module);

// Makes the module's context current on the calling thread, for driver
// calls; undo with mlc_cuda_module_pop.
mlc_status_t mlc_cuda_module_push(const mlc_cuda_module_t* module);
void mlc_cuda_module_pop(const mlc_cuda_module_t* module);

// mlc_cuda_status for a driver |call| made for |module|.
mlc_status_t mlc_cuda_module_check(const mlc_cuda_module_t* module,
                                   CUresult result, const char* call);

// Rounds |*offset| up to MLC_CUDA_ALIGNMENT and adds |size|, storing the
// aligned start in |*out_start|; false on overflow.
bool mlc_cuda_place(CUdeviceptr* offset, uint64_t size, CUdeviceptr* out_start);

#endif  // MLC_RUNTIME_SRC_CUDA_CUDA_MODULE_H_
