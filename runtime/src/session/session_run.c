// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Running a session: resolve the symbols from the bound inputs, size the
// dynamic outputs, call the entry point; and reading the outputs.

#include <inttypes.h>
#include <string.h>

#include "base/internal.h"
#include "session/session_internal.h"

static mlc_status_t mlc_check_all_bound(const mlc_session_t* session) {
  const mlc_artifact_t* artifact = &session->module->artifact;
  for (size_t i = 0; i < artifact->num_inputs; ++i) {
    if (!session->inputs[i].bound) {
      return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                             "input '%s' is not bound; call "
                             "mlc_session_bind_input before mlc_session_run",
                             artifact->inputs[i].info.name);
    }
  }
  return MLC_OK;
}

// Finds the first input dim (in input, then dim order) that uses |symbol|;
// resolution takes a symbol's size from there.
static void mlc_first_use(const mlc_artifact_t* artifact, uint32_t symbol,
                          size_t* out_input, uint32_t* out_dim) {
  for (size_t i = 0; i < artifact->num_inputs; ++i) {
    const mlc_artifact_tensor_t* input = &artifact->inputs[i];
    for (uint32_t d = 0; d < input->info.rank; ++d) {
      if (input->encoded_dims[d] == MLC_ARTIFACT_SYMBOL_DIM(symbol)) {
        *out_input = i;
        *out_dim = d;
        return;
      }
    }
  }
}

// Dim |dim| of input |index| gives |symbol| another size than its first use.
static mlc_status_t mlc_symbol_mismatch(const mlc_session_t* session,
                                        size_t index, uint32_t dim,
                                        uint32_t symbol) {
  const mlc_artifact_t* artifact = &session->module->artifact;
  size_t first = 0;
  uint32_t first_dim = 0;
  mlc_first_use(artifact, symbol, &first, &first_dim);
  const char* name = artifact->symbol_names[symbol];
  return mlc_make_status(
      MLC_STATUS_INVALID_ARGUMENT,
      "input '%s' dim %u ('%s') is %" PRId64 " but input '%s' dim %u gives "
      "'%s' = %" PRId64,
      artifact->inputs[index].info.name, dim, name,
      session->inputs[index].dims[dim], artifact->inputs[first].info.name,
      first_dim, name, session->symbols[symbol]);
}

// Fails when a resolved symbol exceeds the model's maximum for it, naming
// the input dim it was taken from.
static mlc_status_t mlc_check_symbol_max(const mlc_session_t* session) {
  const mlc_artifact_t* artifact = &session->module->artifact;
  for (uint32_t k = 0; k < artifact->num_symbols; ++k) {
    int64_t max = artifact->symbol_max[k];
    if (max == 0 || session->symbols[k] <= max) continue;
    size_t input = 0;
    uint32_t dim = 0;
    mlc_first_use(artifact, k, &input, &dim);
    return mlc_make_status(
        MLC_STATUS_INVALID_ARGUMENT,
        "input '%s' dim %u ('%s') is %" PRId64
        ", more than the model's maximum %" PRId64,
        artifact->inputs[input].info.name, dim, artifact->symbol_names[k],
        session->symbols[k], max);
  }
  return MLC_OK;
}

// Sets |session->symbols| from the bound inputs. Every symbol occurs in some
// input (checked at load), so all end up >= 1. Fails when two dims give a
// symbol different sizes or a size exceeds the symbol's maximum.
static mlc_status_t mlc_resolve_symbols(mlc_session_t* session) {
  const mlc_artifact_t* artifact = &session->module->artifact;
  int64_t* symbols = session->symbols;
  memset(symbols, 0, artifact->num_symbols * sizeof(*symbols));
  for (size_t i = 0; i < artifact->num_inputs; ++i) {
    const mlc_artifact_tensor_t* tensor = &artifact->inputs[i];
    const int64_t* dims = session->inputs[i].dims;
    for (uint32_t d = 0; tensor->is_dynamic && d < tensor->info.rank; ++d) {
      if (tensor->encoded_dims[d] >= 0) continue;
      uint32_t k = MLC_ARTIFACT_DIM_SYMBOL(tensor->encoded_dims[d]);
      if (symbols[k] == 0) {
        symbols[k] = dims[d];
      } else if (symbols[k] != dims[d]) {
        return mlc_symbol_mismatch(session, i, d, k);
      }
    }
  }
  return mlc_check_symbol_max(session);
}

// Computes the concrete dims and byte size of dynamic output |index| and
// grows its buffer when it is too small. Static outputs were sized at
// creation.
static mlc_status_t mlc_size_output(mlc_session_t* session, size_t index) {
  const mlc_artifact_t* artifact = &session->module->artifact;
  const mlc_artifact_tensor_t* tensor = &artifact->outputs[index];
  mlc_session_output_t* output = &session->outputs[index];
  if (!tensor->is_dynamic) return MLC_OK;
  for (uint32_t d = 0; d < tensor->info.rank; ++d) {
    int64_t dim = tensor->encoded_dims[d];
    output->dims[d] =
        dim >= 0 ? dim : session->symbols[MLC_ARTIFACT_DIM_SYMBOL(dim)];
  }
  size_t bytes = 0;
  if (!mlc_shape_byte_size(tensor->info.dtype, output->dims, tensor->info.rank,
                           &bytes)) {
    char shape[256];
    return mlc_make_status(
        MLC_STATUS_RESOURCE_EXHAUSTED,
        "output '%s': byte size of shape %s overflows", tensor->info.name,
        mlc_format_shape(output->dims, tensor->info.rank, NULL, shape,
                         sizeof(shape)));
  }
  if (bytes > output->capacity || output->data == NULL) {
    void* data = NULL;
    MLC_RETURN_IF_ERROR(mlc_allocator_malloc(session->allocator, bytes,
                                             tensor->info.name, &data));
    if (output->data) session->allocator.free(session->allocator.self,
                                              output->data);
    output->data = data;
    output->capacity = bytes;
  }
  output->byte_size = bytes;
  return MLC_OK;
}

// Rebuilt each run: the entry may treat |args| as scratch.
static void mlc_fill_args(mlc_session_t* session) {
  const mlc_module_t* module = session->module;
  const mlc_artifact_t* artifact = &module->artifact;
  void** args = session->args;
  for (size_t i = 0; i < artifact->num_inputs; ++i) {
    *args++ = (void*)session->inputs[i].data;
  }
  for (size_t i = 0; i < artifact->num_weights; ++i) {
    *args++ = module->weights[i];
  }
  for (size_t i = 0; i < artifact->num_outputs; ++i) {
    *args++ = session->outputs[i].data;
  }
}

// Runs a CUDA session on |stream| (see mlc_cuda_session_run).
static mlc_status_t mlc_session_run_cuda(mlc_session_t* session, void* stream,
                                         bool synchronize) {
  const mlc_artifact_t* artifact = &session->module->artifact;
  session->has_run = false;
  MLC_RETURN_IF_ERROR(mlc_check_all_bound(session));
  // |args| as scratch: the inputs' data, then the output buffers (all static).
  void** inputs = session->args;
  void** outputs = session->args + artifact->num_inputs;
  for (size_t i = 0; i < artifact->num_inputs; ++i) {
    inputs[i] = (void*)session->inputs[i].data;
  }
  for (size_t i = 0; i < artifact->num_outputs; ++i) {
    outputs[i] = session->outputs[i].data;
  }
  MLC_RETURN_IF_ERROR(mlc_cuda_session_run(session->cuda,
                                           (const void* const*)inputs, outputs,
                                           stream, synchronize));
  session->has_run = true;
  return MLC_OK;
}

MLC_API_EXPORT mlc_status_t mlc_session_run_async(mlc_session_t* session,
                                                  void* cuda_stream) {
  if (session == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT, "session is NULL");
  }
  if (session->cuda == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "mlc_session_run_async needs a CUDA module; this "
                           "module targets the CPU");
  }
  return mlc_session_run_cuda(session, cuda_stream, false);
}

MLC_API_EXPORT mlc_status_t mlc_session_run(mlc_session_t* session) {
  if (session == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT, "session is NULL");
  }
  if (session->cuda) return mlc_session_run_cuda(session, NULL, true);
  const mlc_artifact_t* artifact = &session->module->artifact;
  session->has_run = false;
  MLC_RETURN_IF_ERROR(mlc_check_all_bound(session));
  MLC_RETURN_IF_ERROR(mlc_resolve_symbols(session));
  for (size_t i = 0; i < artifact->num_outputs; ++i) {
    MLC_RETURN_IF_ERROR(mlc_size_output(session, i));
  }
  mlc_fill_args(session);
  mlc_thread_pool_begin_run(session->pool);
  session->module->entry(session->args, session->symbols, &session->parallel);
  mlc_thread_pool_end_run(session->pool);
  session->has_run = true;
  return MLC_OK;
}

MLC_API_EXPORT mlc_status_t mlc_session_output(mlc_session_t* session,
                                               const char* name,
                                               mlc_tensor_info_t* out_info,
                                               const void** out_data,
                                               size_t* out_size) {
  if (session == NULL || out_data == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT, "%s is NULL",
                           session ? "out_data" : "session");
  }
  *out_data = NULL;
  const mlc_artifact_t* artifact = &session->module->artifact;
  size_t index = 0;
  MLC_RETURN_IF_ERROR(mlc_session_find_tensor(
      artifact->outputs, artifact->num_outputs, "output", name, &index));
  if (!session->has_run) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "output '%s' is not available before a successful "
                           "mlc_session_run",
                           name);
  }
  const mlc_session_output_t* output = &session->outputs[index];
  if (out_info) {
    *out_info = artifact->outputs[index].info;
    out_info->dims = output->dims;
  }
  if (out_size) *out_size = output->byte_size;
  *out_data = output->data;
  return MLC_OK;
}
