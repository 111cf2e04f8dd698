// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Code section of an MLC_TARGET_CUDA_PTX artifact: the contract between the
// compiler's CUDA backend and the runtime. Plain C, no dependencies; treat it
// as a versioned schema like artifact_format.h.
//
// Encoding (u32/u64 little-endian; a string is u32 length + bytes, no NUL):
//   char magic[8] = MLC_CUDA_PROGRAM_MAGIC
//   u32 num_images, then per image:
//     u32 sm         compute capability as major * 10 + minor (80, 90, ...)
//     string ptx     PTX text for that virtual architecture (compute_<sm>)
//   u32 num_kernels, then per kernel: string name (an extern "C" symbol
//     defined by every image)
//   u32 num_constants, then per constant: u64 size, size bytes (data the
//     kernels read besides the weights: small folded tensors)
//   u64 arena_size   bytes of device scratch for intermediates; every
//                    MLC_CUDA_ARG_ARENA offset lies below it
//   u32 num_launches, then per launch (in execution order, one stream):
//     u32 kernel     index into the kernels
//     u32 grid[3], u32 block[3]   launch dimensions, each >= 1
//     u32 shared_bytes            dynamic shared memory (0 today)
//     u32 num_args, then per arg:
//       u32 space    mlc_cuda_arg_space_t
//       u32 index    which input/output/weight/constant (0 for the arena)
//       u64 offset   byte offset into that buffer, < its size (< arena_size)
// The records fill the code section exactly (no trailing bytes).
//
// Every kernel parameter is a device pointer: argument k of a launch is the
// device address of its buffer plus |offset|. Inputs and outputs are dense
// row-major device copies of the tensors the metadata describes; weights and
// constants are copied to the device once, at load. Kernels of one launch
// list run in order on one stream and keep no state between runs, so the
// runtime may run the list again with new inputs.

#ifndef MLC_RUNTIME_CUDA_PROGRAM_FORMAT_H_
#define MLC_RUNTIME_CUDA_PROGRAM_FORMAT_H_

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MLC_CUDA_PROGRAM_MAGIC "MLCCUDA1"
#define MLC_CUDA_PROGRAM_MAGIC_SIZE 8
// Largest launch argument list the runtime accepts.
#define MLC_CUDA_MAX_KERNEL_ARGS 64u

typedef enum mlc_cuda_arg_space_e {
  MLC_CUDA_ARG_INPUT = 0,
  MLC_CUDA_ARG_OUTPUT = 1,
  MLC_CUDA_ARG_WEIGHT = 2,
  MLC_CUDA_ARG_CONSTANT = 3,
  MLC_CUDA_ARG_ARENA = 4,
} mlc_cuda_arg_space_t;

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // MLC_RUNTIME_CUDA_PROGRAM_FORMAT_H_
