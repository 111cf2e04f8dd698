// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include <string.h>

#include "base/internal.h"
#include "session/session_internal.h"

// One block for the session and its arrays: the struct, then the pointer
// arrays (inputs, outputs, args), then the bound flags.
static mlc_status_t mlc_session_allocate(const mlc_artifact_t* artifact,
                                         mlc_allocator_t allocator,
                                         mlc_session_t** out_session) {
  size_t num_args = artifact->num_inputs + artifact->num_weights +
                    artifact->num_outputs;
  size_t num_pointers = artifact->num_inputs + artifact->num_outputs + num_args;
  size_t total = 0;
  if (__builtin_mul_overflow(num_pointers, sizeof(void*), &total) ||
      __builtin_add_overflow(total, sizeof(mlc_session_t), &total) ||
      __builtin_add_overflow(total, artifact->num_inputs, &total)) {
    return mlc_make_status(MLC_STATUS_RESOURCE_EXHAUSTED,
                           "session is too large");
  }
  uint8_t* block = NULL;
  MLC_RETURN_IF_ERROR(
      mlc_allocator_malloc(allocator, total, "session", (void**)&block));
  memset(block, 0, total);
  mlc_session_t* session = (mlc_session_t*)block;
  void** pointers = (void**)(block + sizeof(mlc_session_t));
  session->inputs = (const void**)pointers;
  session->outputs = pointers + artifact->num_inputs;
  session->args = session->outputs + artifact->num_outputs;
  session->bound = (bool*)(session->args + num_args);
  session->allocator = allocator;
  atomic_init(&session->ref_count, 1);
  *out_session = session;
  return MLC_OK;
}

static mlc_status_t mlc_session_allocate_outputs(mlc_session_t* session) {
  const mlc_artifact_t* artifact = &session->module->artifact;
  for (size_t i = 0; i < artifact->num_outputs; ++i) {
    MLC_RETURN_IF_ERROR(mlc_allocator_malloc(
        session->allocator, artifact->outputs[i].byte_size,
        artifact->outputs[i].info.name, &session->outputs[i]));
  }
  return MLC_OK;
}

static void mlc_session_destroy(mlc_session_t* session) {
  mlc_allocator_t allocator = session->allocator;
  if (session->module) {
    for (size_t i = 0; i < session->module->artifact.num_outputs; ++i) {
      if (session->outputs[i]) allocator.free(allocator.self,
                                              session->outputs[i]);
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
  mlc_session_t* session = NULL;
  MLC_RETURN_IF_ERROR(
      mlc_session_allocate(&module->artifact, allocator, &session));
  mlc_module_retain(module);
  session->module = module;
  mlc_status_t status = mlc_session_allocate_outputs(session);
  if (status) {
    mlc_session_destroy(session);
    return status;
  }
  *out_session = session;
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

MLC_API_EXPORT mlc_status_t mlc_session_run(mlc_session_t* session) {
  if (session == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT, "session is NULL");
  }
  const mlc_module_t* module = session->module;
  const mlc_artifact_t* artifact = &module->artifact;
  for (size_t i = 0; i < artifact->num_inputs; ++i) {
    if (!session->bound[i]) {
      return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                             "input '%s' is not bound; call "
                             "mlc_session_bind_input before mlc_session_run",
                             artifact->inputs[i].info.name);
    }
  }
  // Rebuilt each run: the entry may treat |args| as scratch.
  void** args = session->args;
  for (size_t i = 0; i < artifact->num_inputs; ++i) {
    *args++ = (void*)session->inputs[i];
  }
  for (size_t i = 0; i < artifact->num_weights; ++i) {
    *args++ = module->weights[i];
  }
  for (size_t i = 0; i < artifact->num_outputs; ++i) {
    *args++ = session->outputs[i];
  }
  module->entry(session->args);
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
  if (out_info) *out_info = artifact->outputs[index].info;
  if (out_size) *out_size = artifact->outputs[index].byte_size;
  *out_data = session->outputs[index];
  return MLC_OK;
}
