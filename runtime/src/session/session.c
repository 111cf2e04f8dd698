// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Session creation, reference counting and destruction. Running and reading
// outputs live in session_run.c, binding inputs in session_bind.c.

#include <string.h>

#include "base/internal.h"
#include "session/session_internal.h"

// Adds |count| elements of |size| bytes to |*total|; false on overflow.
static bool mlc_add_array(size_t* total, size_t count, size_t size) {
  size_t bytes = 0;
  return !__builtin_mul_overflow(count, size, &bytes) &&
         !__builtin_add_overflow(*total, bytes, total);
}

// One block for the session and its arrays: the struct, then the inputs,
// the outputs, the entry's args and the symbol sizes (all 8-byte aligned).
static mlc_status_t mlc_session_allocate(const mlc_artifact_t* artifact,
                                         mlc_allocator_t allocator,
                                         mlc_session_t** out_session) {
  size_t num_args = artifact->num_inputs + artifact->num_weights +
                    artifact->num_outputs;
  size_t total = sizeof(mlc_session_t);
  if (!mlc_add_array(&total, artifact->num_inputs,
                     sizeof(mlc_session_input_t)) ||
      !mlc_add_array(&total, artifact->num_outputs,
                     sizeof(mlc_session_output_t)) ||
      !mlc_add_array(&total, num_args, sizeof(void*)) ||
      !mlc_add_array(&total, artifact->num_symbols, sizeof(int64_t))) {
    return mlc_make_status(MLC_STATUS_RESOURCE_EXHAUSTED,
                           "session is too large");
  }
  uint8_t* block = NULL;
  MLC_RETURN_IF_ERROR(
      mlc_allocator_malloc(allocator, total, "session", (void**)&block));
  memset(block, 0, total);
  mlc_session_t* session = (mlc_session_t*)block;
  session->inputs = (mlc_session_input_t*)(session + 1);
  session->outputs =
      (mlc_session_output_t*)(session->inputs + artifact->num_inputs);
  session->args = (void**)(session->outputs + artifact->num_outputs);
  session->symbols = (int64_t*)(session->args + num_args);
  session->allocator = allocator;
  session->parallel.parallel_for = mlc_thread_pool_parallel_for;
  session->parallel.num_threads = 1;
  atomic_init(&session->ref_count, 1);
  *out_session = session;
  return MLC_OK;
}

// Allocates the static outputs; dynamic ones are sized by each run.
static mlc_status_t mlc_session_allocate_outputs(mlc_session_t* session) {
  const mlc_artifact_t* artifact = &session->module->artifact;
  for (size_t i = 0; i < artifact->num_outputs; ++i) {
    const mlc_artifact_tensor_t* tensor = &artifact->outputs[i];
    mlc_session_output_t* output = &session->outputs[i];
    if (tensor->is_dynamic) continue;
    MLC_RETURN_IF_ERROR(mlc_allocator_malloc(session->allocator,
                                             tensor->byte_size,
                                             tensor->info.name,
                                             &output->data));
    output->capacity = tensor->byte_size;
    output->byte_size = tensor->byte_size;
    memcpy(output->dims, tensor->dims, tensor->info.rank * sizeof(int64_t));
  }
  return MLC_OK;
}

static void mlc_session_destroy(mlc_session_t* session) {
  mlc_allocator_t allocator = session->allocator;
  // First: it waits for pending copies into the outputs.
  mlc_cuda_session_destroy(session->cuda, allocator);
  mlc_thread_pool_destroy(session->pool);
  if (session->module) {
    for (size_t i = 0; i < session->module->artifact.num_outputs; ++i) {
      void* data = session->outputs[i].data;
      if (data) allocator.free(allocator.self, data);
    }
    mlc_module_release(session->module);
  }
  allocator.free(allocator.self, session);
}

MLC_API_EXPORT mlc_status_t mlc_session_create(mlc_module_t* module,
                                               mlc_allocator_t allocator,
                                               mlc_session_t** out_session) {
  if (out_session == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT, "out_session is NULL");
  }
  *out_session = NULL;
  if (module == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT, "module is NULL");
  }
  if (!mlc_allocator_is_valid(allocator)) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "allocator has NULL callbacks");
  }
  if (module->info_only) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "the module was loaded with "
                           "mlc_module_load_file_info, which loads no code; "
                           "load it with mlc_module_load_file to run it");
  }
  mlc_session_t* session = NULL;
  MLC_RETURN_IF_ERROR(
      mlc_session_allocate(&module->artifact, allocator, &session));
  mlc_module_retain(module);
  session->module = module;
  mlc_status_t status = mlc_session_allocate_outputs(session);
  if (!status && module->cuda) {
    status = mlc_cuda_session_create(module->cuda, allocator, &session->cuda);
  }
  if (status) {
    mlc_session_destroy(session);
    return status;
  }
  *out_session = session;
  return MLC_OK;
}

MLC_API_EXPORT mlc_status_t mlc_session_set_num_threads(mlc_session_t* session,
                                                       int64_t num_threads) {
  if (session == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT, "session is NULL");
  }
  if (num_threads < 1 || num_threads > MLC_MAX_THREADS) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "num_threads must be in [1, %d], got %lld",
                           MLC_MAX_THREADS, (long long)num_threads);
  }
  // Kernels run on the GPU; there is no host work to share out.
  if (session->cuda) return MLC_OK;
  mlc_thread_pool_t* pool = NULL;
  if (num_threads > 1) {
    MLC_RETURN_IF_ERROR(
        mlc_thread_pool_create(session->allocator, num_threads - 1, &pool));
  }
  mlc_thread_pool_destroy(session->pool);
  session->pool = pool;
  session->parallel.context = pool;
  session->parallel.num_threads = num_threads;
  return MLC_OK;
}

MLC_API_EXPORT void mlc_session_retain(mlc_session_t* session) {
  if (session) atomic_fetch_add_explicit(&session->ref_count, 1,
                                         memory_order_relaxed);
}

MLC_API_EXPORT void mlc_session_release(mlc_session_t* session) {
  if (session && atomic_fetch_sub_explicit(&session->ref_count, 1,
                                           memory_order_acq_rel) == 1) {
    mlc_session_destroy(session);
  }
}
