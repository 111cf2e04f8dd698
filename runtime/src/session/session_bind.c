// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Input binding and name lookup, with messages that name the tensor.

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "base/internal.h"
#include "session/session_internal.h"

const char* mlc_format_shape(const int64_t* dims, uint32_t rank,
                             const char* const* symbol_names, char* buffer,
                             size_t capacity) {
  size_t used = (size_t)snprintf(buffer, capacity, "[");
  for (uint32_t i = 0; i < rank && used < capacity; ++i) {
    const char* sep = i ? "," : "";
    if (symbol_names && dims[i] < 0) {
      used += (size_t)snprintf(buffer + used, capacity - used, "%s%s", sep,
                               symbol_names[MLC_ARTIFACT_DIM_SYMBOL(dims[i])]);
    } else {
      used += (size_t)snprintf(buffer + used, capacity - used, "%s%" PRId64,
                               sep, dims[i]);
    }
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

bool mlc_shape_byte_size(mlc_dtype_t dtype, const int64_t* dims,
                         uint32_t rank, size_t* out_size) {
  size_t bytes = mlc_dtype_size(dtype);
  for (uint32_t i = 0; i < rank; ++i) {
    if (dims[i] < 0 || (uint64_t)dims[i] > SIZE_MAX ||
        __builtin_mul_overflow(bytes, (size_t)dims[i], &bytes)) {
      return false;
    }
  }
  *out_size = bytes;
  return true;
}

// Checks bound |dims| against the static dims of |tensor| and that its
// symbolic dims are at least 1.
static mlc_status_t mlc_check_dims(const mlc_artifact_tensor_t* tensor,
                                   const char* const* symbol_names,
                                   const int64_t* dims) {
  const mlc_tensor_info_t* info = &tensor->info;
  char expected[256];
  char actual[256];
  for (uint32_t i = 0; i < info->rank; ++i) {
    int64_t want = tensor->encoded_dims[i];
    if (want >= 0 && dims[i] != want) {
      return mlc_make_status(
          MLC_STATUS_INVALID_ARGUMENT,
          "input '%s': expected shape %s but got %s", info->name,
          mlc_format_shape(tensor->encoded_dims, info->rank, symbol_names,
                           expected, sizeof(expected)),
          mlc_format_shape(dims, info->rank, NULL, actual, sizeof(actual)));
    }
    if (want < 0 && dims[i] < 1) {
      return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                             "input '%s' dim %u ('%s') must be >= 1 but got "
                             "%" PRId64,
                             info->name, i,
                             symbol_names[MLC_ARTIFACT_DIM_SYMBOL(want)],
                             dims[i]);
    }
  }
  return MLC_OK;
}

// Checks dtype, rank and dims of a binding against |tensor|.
static mlc_status_t mlc_check_signature(const mlc_artifact_tensor_t* tensor,
                                        const char* const* symbol_names,
                                        mlc_dtype_t dtype, uint32_t rank,
                                        const int64_t* dims) {
  const mlc_tensor_info_t* info = &tensor->info;
  char expected[256];
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
        mlc_format_shape(tensor->encoded_dims, info->rank, symbol_names,
                         expected, sizeof(expected)),
        rank);
  }
  if (rank > 0 && dims == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "input '%s': dims is NULL", info->name);
  }
  return mlc_check_dims(tensor, symbol_names, dims);
}

static mlc_status_t mlc_check_binding(const mlc_artifact_tensor_t* tensor,
                                      const char* const* symbol_names,
                                      mlc_dtype_t dtype, uint32_t rank,
                                      const int64_t* dims, const void* data,
                                      size_t data_size) {
  MLC_RETURN_IF_ERROR(
      mlc_check_signature(tensor, symbol_names, dtype, rank, dims));
  size_t expected_size = 0;
  if (!mlc_shape_byte_size(dtype, dims, rank, &expected_size)) {
    char shape[256];
    return mlc_make_status(
        MLC_STATUS_INVALID_ARGUMENT, "input '%s': byte size of shape %s "
        "overflows", tensor->info.name,
        mlc_format_shape(dims, rank, NULL, shape, sizeof(shape)));
  }
  if (data_size != expected_size) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "input '%s': expected %zu bytes but got %zu",
                           tensor->info.name, expected_size, data_size);
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
  mlc_session_input_t* input = &session->inputs[index];
  input->bound = false;
  input->data = NULL;
  MLC_RETURN_IF_ERROR(mlc_check_binding(&artifact->inputs[index],
                                        artifact->symbol_names, dtype, rank,
                                        dims, data, data_size));
  if (rank > 0) memcpy(input->dims, dims, rank * sizeof(*dims));
  input->data = data;
  input->bound = true;
  return MLC_OK;
}
