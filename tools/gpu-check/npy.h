// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// A minimal .npy reader for gpu_check: format versions 1.0-3.0, C order,
// little-endian (or byte-order-free) f32/f64, i8/i16/i32/i64, u8 and bool:
// the dtypes gpu_check can compare. Plain C11 and libc, so it builds on a GPU machine that has nothing
// but a C compiler.

#ifndef MLC_TOOLS_GPU_CHECK_NPY_H_
#define MLC_TOOLS_GPU_CHECK_NPY_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlc/runtime/artifact_format.h"

typedef struct npy_array_t {
  mlc_dtype_t dtype;
  uint32_t rank;
  int64_t dims[MLC_ARTIFACT_MAX_RANK];
  void* data;   // malloc'ed, |size| bytes (at least 1 allocated)
  size_t size;  // product of dims times the element size
} npy_array_t;

// Reads |path| into |out|. On failure returns false, leaves nothing to free
// and writes a message naming the file to |error|.
bool npy_read(const char* path, npy_array_t* out, char* error,
              size_t error_size);
void npy_free(npy_array_t* array);

// Bytes per element of |dtype|; 0 for dtypes the reader does not know.
size_t npy_dtype_size(mlc_dtype_t dtype);

#endif  // MLC_TOOLS_GPU_CHECK_NPY_H_
