// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/internal.h"

struct mlc_status_impl_t {
  mlc_status_code_t code;
  char message[];  // NUL-terminated
};

// Returned when a status cannot be allocated; mlc_status_free ignores it and
// nothing ever writes to it.
static const struct {
  mlc_status_code_t code;
  char message[16];
} kOutOfMemoryStatus = {MLC_STATUS_RESOURCE_EXHAUSTED, "out of memory"};

static mlc_status_t mlc_out_of_memory_status(void) {
  return (mlc_status_t)&kOutOfMemoryStatus;
}

MLC_API_EXPORT mlc_status_t mlc_make_status(mlc_status_code_t code,
                                            const char* fmt, ...) {
  if (code == MLC_STATUS_OK) code = MLC_STATUS_INTERNAL;
  if (fmt == NULL) fmt = "";
  va_list args;
  va_start(args, fmt);
  va_list args_copy;
  va_copy(args_copy, args);
  int length = vsnprintf(NULL, 0, fmt, args_copy);
  va_end(args_copy);
  if (length < 0) length = 0;
  struct mlc_status_impl_t* status =
      malloc(sizeof(*status) + (size_t)length + 1);
  if (status == NULL) {
    va_end(args);
    return mlc_out_of_memory_status();
  }
  status->code = code;
  status->message[0] = '\0';
  vsnprintf(status->message, (size_t)length + 1, fmt, args);
  va_end(args);
  return status;
}

MLC_API_EXPORT mlc_status_code_t mlc_status_code(mlc_status_t status) {
  return status ? status->code : MLC_STATUS_OK;
}

MLC_API_EXPORT const char* mlc_status_message(mlc_status_t status) {
  return status ? status->message : "OK";
}

MLC_API_EXPORT void mlc_status_free(mlc_status_t status) {
  if (status == NULL || status == mlc_out_of_memory_status()) return;
  free(status);
}

MLC_API_EXPORT const char* mlc_status_code_string(mlc_status_code_t code) {
  switch (code) {
    case MLC_STATUS_OK:
      return "OK";
    case MLC_STATUS_INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case MLC_STATUS_NOT_FOUND:
      return "NOT_FOUND";
    case MLC_STATUS_DATA_LOSS:
      return "DATA_LOSS";
    case MLC_STATUS_UNAVAILABLE:
      return "UNAVAILABLE";
    case MLC_STATUS_RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case MLC_STATUS_UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case MLC_STATUS_INTERNAL:
      return "INTERNAL";
  }
  return "UNKNOWN";
}
