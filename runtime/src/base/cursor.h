// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// A bounds-checked reader of little-endian records in untrusted bytes (an
// artifact's metadata or CUDA program). Every failure is DATA_LOSS with a
// message that starts with the artifact's path and names the record.

#ifndef MLC_RUNTIME_SRC_BASE_CURSOR_H_
#define MLC_RUNTIME_SRC_BASE_CURSOR_H_

#include <stddef.h>
#include <stdint.h>

#include "mlc/runtime/api.h"

typedef struct mlc_cursor_t {
  const uint8_t* data;
  uint64_t size;
  uint64_t pos;
  const char* path;     // the artifact, for messages
  const char* section;  // what |data| is ("metadata"), for messages
  char* pool;  // strings are copied here, NUL-terminated, when not NULL
  size_t pool_used;
} mlc_cursor_t;

// Returns the next |count| bytes in |*out|; |what| names them in messages.
mlc_status_t mlc_cursor_take(mlc_cursor_t* cursor, uint64_t count,
                             const char* what, const uint8_t** out);

mlc_status_t mlc_cursor_u32(mlc_cursor_t* cursor, const char* what,
                            uint32_t* out);
mlc_status_t mlc_cursor_u64(mlc_cursor_t* cursor, const char* what,
                            uint64_t* out);
mlc_status_t mlc_cursor_i64(mlc_cursor_t* cursor, const char* what,
                            int64_t* out);

// Reads a u32 length and that many bytes, 1 to |max_size| of them, none of
// them NUL, into |*out| and |*out_size|.
mlc_status_t mlc_cursor_text(mlc_cursor_t* cursor, const char* what,
                             uint32_t max_size, const uint8_t** out,
                             uint32_t* out_size);

// Reads a string (u32 length + bytes) of 1 to MLC_ARTIFACT_MAX_NAME bytes
// without NUL bytes. |*out| is its copy in the pool, or NULL without a pool.
mlc_status_t mlc_cursor_string(mlc_cursor_t* cursor, const char* what,
                               const char** out);

#endif  // MLC_RUNTIME_SRC_BASE_CURSOR_H_
