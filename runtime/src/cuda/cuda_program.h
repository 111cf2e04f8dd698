// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The code section of an MLC_TARGET_CUDA_PTX artifact (see
// cuda_program_format.h), parsed and validated against the artifact's
// metadata. The bytes are untrusted: everything is bounds- and
// overflow-checked, and failures are DATA_LOSS (UNIMPLEMENTED for what the
// runtime does not support) with a message that starts with the artifact's
// path. Nothing here calls the driver.

#ifndef MLC_RUNTIME_SRC_CUDA_CUDA_PROGRAM_H_
#define MLC_RUNTIME_SRC_CUDA_CUDA_PROGRAM_H_

#include <stddef.h>
#include <stdint.h>

#include "mlc/runtime/api.h"
#include "mlc/runtime/cuda_program_format.h"
#include "module/artifact_reader.h"

// PTX for one architecture; |ptx| points into the code section and is not
// NUL-terminated.
typedef struct mlc_cuda_image_t {
  uint32_t sm;  // major * 10 + minor
  const char* ptx;
  size_t ptx_size;  // >= 1, no NUL bytes
} mlc_cuda_image_t;

// A kernel's name, in the code section and not NUL-terminated.
typedef struct mlc_cuda_kernel_t {
  const char* name;
  uint32_t name_size;  // 1 to MLC_ARTIFACT_MAX_NAME, no NUL bytes
} mlc_cuda_kernel_t;

// A constant's bytes, in the code section.
typedef struct mlc_cuda_constant_t {
  const uint8_t* data;
  uint64_t size;
} mlc_cuda_constant_t;

typedef struct mlc_cuda_arg_t {
  uint32_t space;  // mlc_cuda_arg_space_t
  uint32_t index;
  uint64_t offset;
} mlc_cuda_arg_t;

typedef struct mlc_cuda_launch_t {
  uint32_t kernel;
  uint32_t grid[3];
  uint32_t block[3];
  uint32_t shared_bytes;
  uint32_t num_args;  // at most MLC_CUDA_MAX_KERNEL_ARGS
  size_t first_arg;   // its args are program.args[first_arg, +num_args)
} mlc_cuda_launch_t;

typedef struct mlc_cuda_program_t {
  size_t num_images;
  mlc_cuda_image_t* images;
  size_t num_kernels;
  mlc_cuda_kernel_t* kernels;
  size_t num_constants;
  mlc_cuda_constant_t* constants;
  uint64_t arena_size;
  size_t num_launches;
  mlc_cuda_launch_t* launches;  // in execution order
  size_t num_args;              // of all launches together
  mlc_cuda_arg_t* args;
  void* storage;  // one allocation backing the arrays above
} mlc_cuda_program_t;

// Parses the |size|-byte code section |code| of |artifact| and validates it:
// the artifact must be static-shape (UNIMPLEMENTED otherwise), every launch
// must name a kernel, have grid and block dims >= 1, and pass args that lie
// inside their buffers. On success |out_program| must be deinitialized with
// mlc_cuda_program_deinitialize.
mlc_status_t mlc_cuda_program_parse(const uint8_t* code, uint64_t size,
                                    const mlc_artifact_t* artifact,
                                    const char* path, mlc_allocator_t allocator,
                                    mlc_cuda_program_t* out_program);

// Frees what mlc_cuda_program_parse allocated; safe on a zeroed program.
void mlc_cuda_program_deinitialize(mlc_cuda_program_t* program,
                                   mlc_allocator_t allocator);

// Selects the image to load on a device of compute capability |device_sm|
// (major * 10 + minor): the one with the largest sm <= |device_sm|, since
// the driver JIT-compiles PTX for newer GPUs but not for older ones. Fails
// with UNIMPLEMENTED when every image is for a newer GPU.
mlc_status_t mlc_cuda_program_select_image(const mlc_cuda_program_t* program,
                                           uint32_t device_sm, const char* path,
                                           const mlc_cuda_image_t** out_image);

#endif  // MLC_RUNTIME_SRC_CUDA_CUDA_PROGRAM_H_
