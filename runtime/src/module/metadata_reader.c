// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Parses the metadata section (see artifact_format.h). All strings are copied
// into one NUL-terminated pool: each string costs its length + 1 bytes there
// and length + 4 bytes in the metadata, so a pool of meta_size bytes always
// suffices.

#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/cursor.h"
#include "base/internal.h"
#include "module/artifact_reader.h"

enum {
  kMinTensorRecordSize = 12,  // u32 name length, u32 dtype, u32 rank
  kWeightRecordSize = 16,     // u64 offset, u64 size
  kMinSymbolRecordSize = 13,  // u32 name length, one byte, i64 max
  kNumCounts = 4,             // inputs, outputs, weights, symbols
};

// mlc_check_symbol_use tracks the symbols in a 64-bit mask.
_Static_assert(MLC_ARTIFACT_MAX_SYMBOLS <= 64, "symbol mask is 64 bits");

// Decodes dim |i| of |tensor| from |encoded_dims| into |dims|: a static dim
// is copied, a symbolic one must name one of the |num_symbols| symbols.
static mlc_status_t mlc_decode_dim(mlc_artifact_tensor_t* tensor, uint32_t i,
                                   size_t num_symbols, const char* path) {
  int64_t dim = tensor->encoded_dims[i];
  tensor->dims[i] = dim;
  if (dim >= 0) return MLC_OK;
  int64_t symbol = -1 - dim;  // cannot overflow for any negative dim
  if ((uint64_t)symbol >= num_symbols) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: tensor '%s' dim %u is %" PRId64
                           ", which refers to symbol %" PRId64
                           ", but the model declares %zu symbols",
                           path, tensor->info.name, i, dim, symbol,
                           num_symbols);
  }
  tensor->dims[i] = MLC_DIM_DYNAMIC;
  tensor->is_dynamic = true;
  return MLC_OK;
}

// Decodes the dims and computes the byte size of a static tensor without
// overflow. The static dims of a dynamic tensor are checked the same way.
static mlc_status_t mlc_decode_dims(mlc_artifact_tensor_t* tensor,
                                    size_t num_symbols, const char* path) {
  uint64_t bytes = mlc_dtype_size(tensor->info.dtype);
  for (uint32_t i = 0; i < tensor->info.rank; ++i) {
    MLC_RETURN_IF_ERROR(mlc_decode_dim(tensor, i, num_symbols, path));
    if (tensor->dims[i] == MLC_DIM_DYNAMIC) continue;
    if (__builtin_mul_overflow(bytes, (uint64_t)tensor->dims[i], &bytes) ||
        bytes > SIZE_MAX) {
      return mlc_make_status(MLC_STATUS_DATA_LOSS,
                             "%s: tensor '%s' byte size overflows", path,
                             tensor->info.name);
    }
  }
  tensor->byte_size = tensor->is_dynamic ? 0 : (size_t)bytes;
  return MLC_OK;
}

static mlc_status_t mlc_read_tensor(mlc_cursor_t* cursor, size_t num_symbols,
                                    mlc_artifact_tensor_t* tensor) {
  MLC_RETURN_IF_ERROR(
      mlc_cursor_string(cursor, "tensor name", &tensor->info.name));
  uint32_t dtype = 0;
  MLC_RETURN_IF_ERROR(mlc_cursor_u32(cursor, "tensor dtype", &dtype));
  if (mlc_dtype_size(dtype) == 0) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: tensor '%s' has invalid dtype %u",
                           cursor->path, tensor->info.name, dtype);
  }
  tensor->info.dtype = (mlc_dtype_t)dtype;
  MLC_RETURN_IF_ERROR(mlc_cursor_u32(cursor, "tensor rank", &tensor->info.rank));
  if (tensor->info.rank > MLC_ARTIFACT_MAX_RANK) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: tensor '%s' has rank %u, more than the "
                           "maximum %u",
                           cursor->path, tensor->info.name, tensor->info.rank,
                           MLC_ARTIFACT_MAX_RANK);
  }
  for (uint32_t i = 0; i < tensor->info.rank; ++i) {
    MLC_RETURN_IF_ERROR(mlc_cursor_i64(cursor, "tensor dimension",
                                       &tensor->encoded_dims[i]));
  }
  tensor->info.dims = tensor->dims;
  return mlc_decode_dims(tensor, num_symbols, cursor->path);
}

static mlc_status_t mlc_read_weight(mlc_cursor_t* cursor,
                                    uint64_t weights_size, size_t index,
                                    mlc_artifact_weight_t* weight) {
  MLC_RETURN_IF_ERROR(mlc_cursor_u64(cursor, "weight offset", &weight->offset));
  MLC_RETURN_IF_ERROR(mlc_cursor_u64(cursor, "weight size", &weight->size));
  uint64_t end = 0;
  if (__builtin_add_overflow(weight->offset, weight->size, &end) ||
      end > weights_size) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: weight %zu [+%" PRIu64 ", size %" PRIu64
                           ") exceeds the %" PRIu64 "-byte weights section",
                           cursor->path, index, weight->offset, weight->size,
                           weights_size);
  }
  if (weight->offset % MLC_ARTIFACT_WEIGHT_ALIGNMENT != 0) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: weight %zu offset %" PRIu64
                           " is not a multiple of %u",
                           cursor->path, index, weight->offset,
                           MLC_ARTIFACT_WEIGHT_ALIGNMENT);
  }
  return MLC_OK;
}

static int mlc_compare_names(const void* a, const void* b) {
  return strcmp(*(const char* const*)a, *(const char* const*)b);
}

// Fails when two of |count| names share a value. Name |i| is the string
// pointer at byte |i| * |stride| from |first|, so this works on arrays of
// names and on arrays of structs holding a name.
static mlc_status_t mlc_check_unique_names(const void* first, size_t stride,
                                           size_t count, const char* kind,
                                           const char* path,
                                           mlc_allocator_t allocator) {
  if (count < 2) return MLC_OK;
  const char** names = NULL;
  MLC_RETURN_IF_ERROR(mlc_allocator_malloc(allocator, count * sizeof(*names),
                                           "names", (void**)&names));
  for (size_t i = 0; i < count; ++i) {
    memcpy(&names[i], (const char*)first + i * stride, sizeof(*names));
  }
  qsort(names, count, sizeof(*names), mlc_compare_names);
  mlc_status_t status = MLC_OK;
  for (size_t i = 1; i < count && !status; ++i) {
    if (strcmp(names[i - 1], names[i]) == 0) {
      status = mlc_make_status(MLC_STATUS_DATA_LOSS,
                               "%s: two %ss are named '%s'", path, kind,
                               names[i]);
    }
  }
  allocator.free(allocator.self, names);
  return status;
}

// Reads the counts and checks that their minimal records fit the metadata, so
// that corrupt counts cannot cause huge allocations.
static mlc_status_t mlc_read_counts(mlc_cursor_t* cursor,
                                    mlc_artifact_t* artifact) {
  uint32_t counts[kNumCounts] = {0, 0, 0, 0};
  MLC_RETURN_IF_ERROR(mlc_cursor_u32(cursor, "num_inputs", &counts[0]));
  MLC_RETURN_IF_ERROR(mlc_cursor_u32(cursor, "num_outputs", &counts[1]));
  MLC_RETURN_IF_ERROR(mlc_cursor_u32(cursor, "num_weights", &counts[2]));
  MLC_RETURN_IF_ERROR(mlc_cursor_u32(cursor, "num_symbols", &counts[3]));
  if (counts[3] > MLC_ARTIFACT_MAX_SYMBOLS) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: the model declares %u symbols, more than the "
                           "maximum %u",
                           cursor->path, counts[3], MLC_ARTIFACT_MAX_SYMBOLS);
  }
  uint64_t min_bytes = ((uint64_t)counts[0] + counts[1]) * kMinTensorRecordSize +
                       (uint64_t)counts[2] * kWeightRecordSize +
                       (uint64_t)counts[3] * kMinSymbolRecordSize;
  if (min_bytes > cursor->size - cursor->pos) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: truncated metadata: %u inputs, %u outputs, "
                           "%u weights and %u symbols need at least %" PRIu64
                           " bytes but only %" PRIu64 " remain",
                           cursor->path, counts[0], counts[1], counts[2],
                           counts[3], min_bytes, cursor->size - cursor->pos);
  }
  artifact->num_inputs = counts[0];
  artifact->num_outputs = counts[1];
  artifact->num_weights = counts[2];
  artifact->num_symbols = counts[3];
  return MLC_OK;
}

// One allocation: tensor records, weight records, symbol maxima, symbol name
// pointers, then the string pool.
static mlc_status_t mlc_allocate_storage(mlc_artifact_t* artifact,
                                         uint64_t meta_size,
                                         mlc_allocator_t allocator,
                                         char** out_pool) {
  size_t num_tensors = artifact->num_inputs + artifact->num_outputs;
  size_t tensor_bytes = num_tensors * sizeof(mlc_artifact_tensor_t);
  size_t weight_bytes = artifact->num_weights * sizeof(mlc_artifact_weight_t);
  size_t symbol_bytes =
      artifact->num_symbols * (sizeof(int64_t) + sizeof(const char*));
  size_t records = 0;
  size_t total = 0;
  if (meta_size > SIZE_MAX ||
      __builtin_add_overflow(tensor_bytes, weight_bytes, &records) ||
      __builtin_add_overflow(records, symbol_bytes, &records) ||
      __builtin_add_overflow(records, (size_t)meta_size, &total)) {
    return mlc_make_status(MLC_STATUS_RESOURCE_EXHAUSTED,
                           "metadata is too large");
  }
  char* storage = NULL;
  MLC_RETURN_IF_ERROR(
      mlc_allocator_malloc(allocator, total, "metadata", (void**)&storage));
  memset(storage, 0, records);
  artifact->storage = storage;
  artifact->inputs = (mlc_artifact_tensor_t*)storage;
  artifact->outputs = artifact->inputs + artifact->num_inputs;
  artifact->weights = (mlc_artifact_weight_t*)(storage + tensor_bytes);
  artifact->symbol_max = (int64_t*)(storage + tensor_bytes + weight_bytes);
  artifact->symbol_names =
      (const char**)(artifact->symbol_max + artifact->num_symbols);
  *out_pool = storage + records;
  return MLC_OK;
}

// Reads the symbol records: a name, then a max that is >= 1 or 0 (no limit).
static mlc_status_t mlc_read_symbols(mlc_cursor_t* cursor,
                                     mlc_artifact_t* artifact) {
  for (size_t i = 0; i < artifact->num_symbols; ++i) {
    const char** name = &artifact->symbol_names[i];
    MLC_RETURN_IF_ERROR(mlc_cursor_string(cursor, "symbol name", name));
    int64_t* max = &artifact->symbol_max[i];
    MLC_RETURN_IF_ERROR(mlc_cursor_i64(cursor, "symbol max", max));
    if (*max < 0) {
      return mlc_make_status(MLC_STATUS_DATA_LOSS,
                             "%s: symbol '%s' has maximum %" PRId64
                             "; it must be >= 1, or 0 for no limit",
                             cursor->path, *name, *max);
    }
  }
  return MLC_OK;
}

// Every symbol must occur in some input, so that binding the inputs
// determines it (outputs were already checked to use declared symbols).
static mlc_status_t mlc_check_symbol_use(const mlc_artifact_t* artifact,
                                         const char* path) {
  uint64_t used = 0;
  for (size_t i = 0; i < artifact->num_inputs; ++i) {
    const mlc_artifact_tensor_t* input = &artifact->inputs[i];
    for (uint32_t d = 0; d < input->info.rank; ++d) {
      if (input->encoded_dims[d] < 0) {
        used |= 1ull << MLC_ARTIFACT_DIM_SYMBOL(input->encoded_dims[d]);
      }
    }
  }
  for (size_t k = 0; k < artifact->num_symbols; ++k) {
    if (!(used & (1ull << k))) {
      return mlc_make_status(MLC_STATUS_DATA_LOSS,
                             "%s: symbol '%s' (%zu) is not used by any input, "
                             "so binding the inputs cannot determine it",
                             path, artifact->symbol_names[k], k);
    }
  }
  return MLC_OK;
}

static mlc_status_t mlc_read_records(mlc_cursor_t* cursor,
                                     mlc_artifact_t* artifact) {
  size_t num_tensors = artifact->num_inputs + artifact->num_outputs;
  for (size_t i = 0; i < num_tensors; ++i) {
    MLC_RETURN_IF_ERROR(
        mlc_read_tensor(cursor, artifact->num_symbols, &artifact->inputs[i]));
  }
  for (size_t i = 0; i < artifact->num_weights; ++i) {
    MLC_RETURN_IF_ERROR(mlc_read_weight(cursor, artifact->header.weights_size,
                                        i, &artifact->weights[i]));
  }
  if (cursor->pos != cursor->size) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: %" PRIu64 " unexpected bytes after the last "
                           "metadata record",
                           cursor->path, cursor->size - cursor->pos);
  }
  return MLC_OK;
}

static mlc_status_t mlc_check_names_and_symbols(const mlc_artifact_t* artifact,
                                                const char* path,
                                                mlc_allocator_t allocator) {
  const size_t stride = sizeof(mlc_artifact_tensor_t);
  const size_t name = offsetof(mlc_artifact_tensor_t, info.name);
  MLC_RETURN_IF_ERROR(mlc_check_unique_names(
      (const char*)artifact->inputs + name, stride, artifact->num_inputs,
      "input", path, allocator));
  MLC_RETURN_IF_ERROR(mlc_check_unique_names(
      (const char*)artifact->outputs + name, stride, artifact->num_outputs,
      "output", path, allocator));
  MLC_RETURN_IF_ERROR(mlc_check_unique_names(
      artifact->symbol_names, sizeof(const char*), artifact->num_symbols,
      "symbol", path, allocator));
  return mlc_check_symbol_use(artifact, path);
}

static mlc_status_t mlc_parse_metadata(mlc_cursor_t* cursor,
                                       mlc_artifact_t* artifact,
                                       mlc_allocator_t allocator) {
  const char* entry_symbol = NULL;
  MLC_RETURN_IF_ERROR(mlc_cursor_string(cursor, "entry symbol", &entry_symbol));
  MLC_RETURN_IF_ERROR(mlc_read_counts(cursor, artifact));
  MLC_RETURN_IF_ERROR(mlc_allocate_storage(artifact, cursor->size, allocator,
                                           &cursor->pool));
  // Read the entry symbol again, now into the pool, and skip the counts.
  cursor->pos = 0;
  MLC_RETURN_IF_ERROR(
      mlc_cursor_string(cursor, "entry symbol", &artifact->entry_symbol));
  cursor->pos += kNumCounts * sizeof(uint32_t);
  MLC_RETURN_IF_ERROR(mlc_read_symbols(cursor, artifact));
  MLC_RETURN_IF_ERROR(mlc_read_records(cursor, artifact));
  return mlc_check_names_and_symbols(artifact, cursor->path, allocator);
}

mlc_status_t mlc_artifact_parse_metadata(const uint8_t* data,
                                         const mlc_artifact_header_t* header,
                                         const char* path,
                                         mlc_allocator_t allocator,
                                         mlc_artifact_t* out_artifact) {
  memset(out_artifact, 0, sizeof(*out_artifact));
  out_artifact->header = *header;
  mlc_cursor_t cursor = {data + header->meta_offset, header->meta_size, 0,
                         path, "metadata", NULL, 0};
  mlc_status_t status = mlc_parse_metadata(&cursor, out_artifact, allocator);
  if (status) mlc_artifact_deinitialize(out_artifact, allocator);
  return status;
}

void mlc_artifact_deinitialize(mlc_artifact_t* artifact,
                               mlc_allocator_t allocator) {
  if (artifact->storage) allocator.free(allocator.self, artifact->storage);
  memset(artifact, 0, sizeof(*artifact));
}
