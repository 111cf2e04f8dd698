// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// On-disk layout of a compiled mlc model (.mlc). This header is the contract
// between the compiler (which writes artifacts) and the runtime (which loads
// them); treat it as a versioned schema. Plain C, no dependencies.
//
// File layout (all integers little-endian):
//   [0, 128)                 mlc_artifact_header_t
//   [meta_offset, +size)     metadata, encoded as described below
//   [code_offset, +size)     code for the header's target:
//                            MLC_TARGET_CPU_X86_64_ELF: an ELF shared object
//                            exporting |entry_symbol| (see mlc_entry_fn_t);
//                            MLC_TARGET_CUDA_PTX: a CUDA program (PTX per
//                            architecture and the launch list, see
//                            cuda_program_format.h; |entry_symbol| unused)
//   [weights_offset, +size)  weights; weights_offset is a multiple of
//                            MLC_ARTIFACT_WEIGHTS_ALIGNMENT so the runtime can
//                            map this section zero-copy
// The checksum covers bytes [0, weights_offset) with the checksum field
// treated as zero; the weights are excluded so loading stays O(metadata).
// The metadata and code sections must therefore lie in
// [MLC_ARTIFACT_HEADER_SIZE, weights_offset), without overlapping, and
// file_size must equal the file's actual size.
//
// Metadata encoding (u32/u64/i64 little-endian, strings as u32 length + bytes):
//   string entry_symbol
//   u32 num_inputs, u32 num_outputs, u32 num_weights, u32 num_symbols
//   num_symbols symbol records: string name (the ONNX dim_param), i64 max
//     (the largest size the model supports, >= 1, or 0 for no limit)
//   num_inputs + num_outputs tensor records:
//     string name, u32 dtype (mlc_dtype_t), u32 rank, i64 dims[rank]
//   num_weights weight records:
//     u64 offset (relative to weights_offset, MLC_ARTIFACT_WEIGHT_ALIGNMENT
//     aligned), u64 size_bytes
// Strings are 1..MLC_ARTIFACT_MAX_NAME bytes without NUL bytes; input names
// are unique among inputs and output names among outputs; symbol names are
// unique. A dim >= 0 is static; a dim d < 0 is symbolic dim k = -1 - d, with
// k < num_symbols (see MLC_ARTIFACT_SYMBOL_DIM). Every symbol occurs in at
// least one input, so binding the inputs determines it; outputs may use any
// symbol. The records fill the metadata section exactly (no trailing bytes).
// Entry point: the shared object exports
//   void <entry_symbol>(void** args, const int64_t* symbols,
//                       const mlc_parallel_t* parallel)
// where args holds num_inputs input pointers, then num_weights weight
// pointers, then num_outputs output pointers, each to dense row-major data
// of the recorded dtype and shape with every symbolic dim k replaced by
// symbols[k] (num_symbols values, each >= 1 and at most the symbol's max
// when it has one). The entry point keeps no global
// state and may run concurrently on distinct output buffers.

#ifndef MLC_RUNTIME_ARTIFACT_FORMAT_H_
#define MLC_RUNTIME_ARTIFACT_FORMAT_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MLC_ARTIFACT_MAGIC "MLCARTF1"
#define MLC_ARTIFACT_MAGIC_SIZE 8
#define MLC_ARTIFACT_VERSION 3u
#define MLC_ARTIFACT_HEADER_SIZE 128u
#define MLC_ARTIFACT_WEIGHTS_ALIGNMENT 4096u
#define MLC_ARTIFACT_WEIGHT_ALIGNMENT 64u
#define MLC_ARTIFACT_MAX_RANK 16u
#define MLC_ARTIFACT_MAX_NAME 4096u
#define MLC_ARTIFACT_MAX_SYMBOLS 64u

// Encoded dim of symbolic dim |k|, and back.
#define MLC_ARTIFACT_SYMBOL_DIM(k) (-1 - (int64_t)(k))
#define MLC_ARTIFACT_DIM_SYMBOL(d) ((uint32_t)(-1 - (d)))

typedef enum mlc_dtype_e {
  MLC_DTYPE_INVALID = 0,
  MLC_DTYPE_F32 = 1,
  MLC_DTYPE_F64 = 2,
  MLC_DTYPE_F16 = 3,
  MLC_DTYPE_BF16 = 4,
  MLC_DTYPE_I8 = 5,
  MLC_DTYPE_I16 = 6,
  MLC_DTYPE_I32 = 7,
  MLC_DTYPE_I64 = 8,
  MLC_DTYPE_U8 = 9,
  MLC_DTYPE_BOOL = 10,
} mlc_dtype_t;

typedef enum mlc_target_e {
  MLC_TARGET_CPU_X86_64_ELF = 1,
  MLC_TARGET_CUDA_PTX = 2,
} mlc_target_t;

typedef struct mlc_artifact_header_t {
  char magic[MLC_ARTIFACT_MAGIC_SIZE];
  uint32_t version;
  uint32_t header_size;
  uint32_t target;  // mlc_target_t
  uint32_t reserved0;
  uint64_t file_size;
  uint64_t meta_offset;
  uint64_t meta_size;
  uint64_t code_offset;
  uint64_t code_size;
  uint64_t weights_offset;
  uint64_t weights_size;
  uint64_t checksum;
  uint8_t reserved[40];
} mlc_artifact_header_t;

// Work sharing offered to generated code: parallel_for(context, count, fn,
// data) calls fn(data, i) once for every i in [0, count), on up to
// num_threads threads (the caller's included), and returns when all calls
// have returned. fn must not call parallel_for itself.
typedef struct mlc_parallel_t {
  void* context;
  void (*parallel_for)(void* context, int64_t count,
                       void (*fn)(void* data, int64_t index), void* data);
  int64_t num_threads;
} mlc_parallel_t;

typedef void (*mlc_entry_fn_t)(void** args, const int64_t* symbols,
                               const mlc_parallel_t* parallel);

// Byte size of one element of |dtype|, 0 for an unknown dtype.
static inline size_t mlc_dtype_size(uint32_t dtype) {
  switch (dtype) {
    case MLC_DTYPE_F64: case MLC_DTYPE_I64: return 8;
    case MLC_DTYPE_F32: case MLC_DTYPE_I32: return 4;
    case MLC_DTYPE_F16: case MLC_DTYPE_BF16: case MLC_DTYPE_I16: return 2;
    case MLC_DTYPE_I8: case MLC_DTYPE_U8: case MLC_DTYPE_BOOL: return 1;
    default: return 0;
  }
}

// FNV-1a 64 over |size| bytes, continuing from |hash| (start with
// MLC_ARTIFACT_CHECKSUM_SEED).
#define MLC_ARTIFACT_CHECKSUM_SEED 0xcbf29ce484222325ull
static inline uint64_t mlc_artifact_checksum_update(uint64_t hash,
                                                    const void* data,
                                                    size_t size) {
  const uint8_t* p = (const uint8_t*)data;
  for (size_t i = 0; i < size; ++i) {
    hash ^= p[i];
    hash *= 0x100000001b3ull;
  }
  return hash;
}

// Checksum of an artifact whose first |weights_offset| bytes are |data|:
// the header's checksum field counts as zero. Requires
// weights_offset >= MLC_ARTIFACT_HEADER_SIZE.
static inline uint64_t mlc_artifact_checksum(const uint8_t* data,
                                             uint64_t weights_offset) {
  const size_t field = offsetof(mlc_artifact_header_t, checksum);
  const uint8_t zeros[8] = {0};
  uint64_t h = mlc_artifact_checksum_update(MLC_ARTIFACT_CHECKSUM_SEED, data,
                                            field);
  h = mlc_artifact_checksum_update(h, zeros, sizeof(zeros));
  return mlc_artifact_checksum_update(h, data + field + 8,
                                      (size_t)(weights_offset - field - 8));
}

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // MLC_RUNTIME_ARTIFACT_FORMAT_H_
