// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "base/cursor.h"

#include <inttypes.h>
#include <string.h>

mlc_status_t mlc_cursor_take(mlc_cursor_t* cursor, uint64_t count,
                             const char* what, const uint8_t** out) {
  if (count > cursor->size - cursor->pos) {
    return mlc_make_status(
        MLC_STATUS_DATA_LOSS,
        "%s: truncated %s: %s needs %" PRIu64 " bytes at %s offset %" PRIu64
        " but only %" PRIu64 " remain",
        cursor->path, cursor->section, what, count, cursor->section,
        cursor->pos, cursor->size - cursor->pos);
  }
  *out = cursor->data + cursor->pos;
  cursor->pos += count;
  return MLC_OK;
}

// Copies the next |size| bytes (a little-endian scalar) into |out|.
static mlc_status_t mlc_cursor_copy(mlc_cursor_t* cursor, const char* what,
                                    size_t size, void* out) {
  const uint8_t* bytes = NULL;
  MLC_RETURN_IF_ERROR(mlc_cursor_take(cursor, size, what, &bytes));
  memcpy(out, bytes, size);
  return MLC_OK;
}

mlc_status_t mlc_cursor_u32(mlc_cursor_t* cursor, const char* what,
                            uint32_t* out) {
  return mlc_cursor_copy(cursor, what, sizeof(*out), out);
}

mlc_status_t mlc_cursor_u64(mlc_cursor_t* cursor, const char* what,
                            uint64_t* out) {
  return mlc_cursor_copy(cursor, what, sizeof(*out), out);
}

mlc_status_t mlc_cursor_i64(mlc_cursor_t* cursor, const char* what,
                            int64_t* out) {
  return mlc_cursor_copy(cursor, what, sizeof(*out), out);
}

mlc_status_t mlc_cursor_text(mlc_cursor_t* cursor, const char* what,
                             uint32_t max_size, const uint8_t** out,
                             uint32_t* out_size) {
  MLC_RETURN_IF_ERROR(mlc_cursor_u32(cursor, what, out_size));
  if (*out_size == 0 || *out_size > max_size) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: %s has length %u; it must be 1 to %u bytes",
                           cursor->path, what, *out_size, max_size);
  }
  MLC_RETURN_IF_ERROR(mlc_cursor_take(cursor, *out_size, what, out));
  if (memchr(*out, '\0', *out_size) != NULL) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS, "%s: %s contains a NUL byte",
                           cursor->path, what);
  }
  return MLC_OK;
}

mlc_status_t mlc_cursor_string(mlc_cursor_t* cursor, const char* what,
                               const char** out) {
  const uint8_t* bytes = NULL;
  uint32_t length = 0;
  MLC_RETURN_IF_ERROR(
      mlc_cursor_text(cursor, what, MLC_ARTIFACT_MAX_NAME, &bytes, &length));
  *out = NULL;
  if (cursor->pool == NULL) return MLC_OK;
  char* copy = cursor->pool + cursor->pool_used;
  memcpy(copy, bytes, length);
  copy[length] = '\0';
  cursor->pool_used += (size_t)length + 1;
  *out = copy;
  return MLC_OK;
}
