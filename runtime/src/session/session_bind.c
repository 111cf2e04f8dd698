// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Input binding and name lookup, with messages that name the tensor.

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/internal.h"
#include "session/session_internal.h"

// Formats |rank| dims as "[2,3]" into |buffer|, truncating with "...".
static const char* mlc_format_shape(const int64_t* dims, uint32_t rank,
                                    char* buffer, size_t capacity) {
  size_t used = (size_t)snprintf(buffer, capacity, "[");
  for (uint32_t i = 0; i < rank && used < capacity; ++i) {
    used += (size_t)snprintf(buffer + used, capacity - used, "%s%" PRId64,
                             i ? "," : "", dims[i]);
  }
  if (used < capacity) snprintf(buffer + used, capacity - used, "]");
  if (used + 1 >= capacity && capacity > 4) {
    memcpy(buffer + capacity - 4, "...", 4);
  }
  return buffer;
}

// Formats "'a', 'b'" for the names of |tensors|, truncating with "...".
static const char* mlc_format_names(const mlc_artifact_tensor_t* tensors,
                                    size_t count, char* buffer,
                                    size_t capacity) {
  size_t used = 0;
  buffer[0] = '\0';
  for (size_t i = 0; i < count && used < capacity; ++i) {
    used += (size_t)snprintf(buffer + used, capacity - used, "%s'%s'",
                             i ? ", " : "", tensors[i].info.name);
  }
  if (used >= capacity && capacity > 4) {
    memcpy(buffer + capacity - 4, "...", 4);
  }
  return buffer;
}

mlc_status_t mlc_session_find_tensor(const mlc_artifact_tensor_t* tensors,
                                     size_t count, const char* kind,
                                     const char* name, size_t* out_index) {
  if (name == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT, "%s name is NULL",
                           kind);
  }
  for (size_t i = 0; i < count; ++i) {
    if (strcmp(tensors[i].info.name, name) == 0) {
      *out_index = i;
      return MLC_OK;
    }
  }
  if (count == 0) {
    return mlc_make_status(MLC_STATUS_NOT_FOUND,
                           "%s '%s' not found; the model has no %ss", kind,
                           name, kind);
  }
  char names[256];
  return mlc_make_status(MLC_STATUS_NOT_FOUND,
                         "%s '%s' not found; valid %ss: %s", kind, name, kind,
                         mlc_format_names(tensors, count, names,
                                          sizeof(names)));
}

// Checks dtype, rank and dims of a binding against |tensor|.
static mlc_status_t mlc_check_signature(const mlc_artifact_tensor_t* tensor,
                                        mlc_dtype_t dtype, uint32_t rank,
                                        const int64_t* dims) {
  const mlc_tensor_info_t* info = &tensor->info;
  char expected[256];
  char actual[256];
  if (dtype != info->dtype) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "input '%s': expected dtype %s but got %s",
                           info->name, mlc_dtype_name(info->dtype),
                           mlc_dtype_name(dtype));
  }
  if (rank != info->rank) {
    return mlc_make_status(
        MLC_STATUS_INVALID_ARGUMENT,
        "input '%s': expected rank %u (shape %s) but got rank %u", info->name,
        info->rank,
        mlc_format_shape(info->dims, info->rank, expected, sizeof(expected)),
        rank);
  }
  if (rank > 0 && dims == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "input '%s': dims is NULL", info->name);
  }
  if (rank > 0 && memcmp(dims, info->dims, rank * sizeof(*dims)) != 0) {
    return mlc_make_status(
        MLC_STATUS_INVALID_ARGUMENT,
        "input '%s': expected shape %s but got %s", info->name,
        mlc_format_shape(info->dims, rank, expected, sizeof(expected)),
        mlc_format_shape(dims, rank, actual, sizeof(actual)));
  }
  return MLC_OK;
}

static mlc_status_t mlc_check_binding(const mlc_artifact_tensor_t* tensor,
                                      mlc_dtype_t dtype, uint32_t rank,
                                      const int64_t* dims, const void* data,
                                      size_t data_size) {
  MLC_RETURN_IF_ERROR(mlc_check_signature(tensor, dtype, rank, dims));
  if (data_size != tensor->byte_size) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "input '%s': expected %zu bytes but got %zu",
                           tensor->info.name, tensor->byte_size, data_size);
  }
  if (data == NULL && data_size != 0) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "input '%s': data is NULL", tensor->info.name);
  }
  return MLC_OK;
}

MLC_API_EXPORT mlc_status_t mlc_session_bind_input(
    mlc_session_t* session, const char* name, mlc_dtype_t dtype, uint32_t rank,
    const int64_t* dims, const void* data, size_t data_size) {
  if (session == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT, "session is NULL");
  }
  const mlc_artifact_t* artifact = &session->module->artifact;
  size_t index = 0;
  MLC_RETURN_IF_ERROR(mlc_session_find_tensor(
      artifact->inputs, artifact->num_inputs, "input", name, &index));
  // A failed bind leaves the input unbound rather than silently keeping an
  // older binding.
  session->bound[index] = false;
  session->inputs[index] = NULL;
  MLC_RETURN_IF_ERROR(mlc_check_binding(&artifact->inputs[index], dtype, rank,
                                        dims, data, data_size));
  session->inputs[index] = data;
  session->bound[index] = true;
  return MLC_OK;
}
