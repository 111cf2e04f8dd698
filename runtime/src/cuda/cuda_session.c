// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "cuda/cuda_session.h"

#include <stdio.h>
#include <string.h>

#include "base/internal.h"

struct mlc_cuda_session_t {
  const mlc_cuda_module_t* module;
  CUstream stream;       // NULL until created
  CUdeviceptr memory;    // inputs, outputs, then the arena; or 0
  CUdeviceptr* inputs;   // device address of each input
  CUdeviceptr* outputs;  // device address of each output
  CUdeviceptr arena;
  // One device address per arg of the program's launches (buffer + offset),
  // and pointers to them: cuLaunchKernel takes the address of each argument.
  CUdeviceptr* arg_values;
  void** params;
};

// One block for the struct and its arrays (all 8-byte aligned).
static mlc_status_t mlc_cuda_session_allocate(const mlc_cuda_module_t* module,
                                              mlc_allocator_t allocator,
                                              mlc_cuda_session_t** out) {
  const mlc_artifact_t* artifact = module->artifact;
  size_t num_tensors = artifact->num_inputs + artifact->num_outputs;
  size_t num_args = module->program.num_args;
  size_t size = sizeof(mlc_cuda_session_t) + num_tensors * sizeof(CUdeviceptr) +
                num_args * (sizeof(CUdeviceptr) + sizeof(void*));
  mlc_cuda_session_t* session = NULL;
  MLC_RETURN_IF_ERROR(
      mlc_allocator_malloc(allocator, size, "CUDA session", (void**)&session));
  memset(session, 0, size);
  session->module = module;
  session->inputs = (CUdeviceptr*)(session + 1);
  session->outputs = session->inputs + artifact->num_inputs;
  session->arg_values = session->outputs + artifact->num_outputs;
  session->params = (void**)(session->arg_values + num_args);
  *out = session;
  return MLC_OK;
}

// Places the inputs, the outputs and the arena in one allocation, storing
// offsets in |inputs|, |outputs| and |arena| for now.
static mlc_status_t mlc_cuda_session_layout(mlc_cuda_session_t* session,
                                            CUdeviceptr* out_size) {
  const mlc_artifact_t* artifact = session->module->artifact;
  CUdeviceptr size = 0;
  bool ok = true;
  for (size_t i = 0; i < artifact->num_inputs; ++i) {
    ok = ok && mlc_cuda_place(&size, artifact->inputs[i].byte_size,
                              &session->inputs[i]);
  }
  for (size_t i = 0; i < artifact->num_outputs; ++i) {
    ok = ok && mlc_cuda_place(&size, artifact->outputs[i].byte_size,
                              &session->outputs[i]);
  }
  ok = ok && mlc_cuda_place(&size, session->module->program.arena_size,
                            &session->arena);
  if (!ok) {
    return mlc_make_status(MLC_STATUS_RESOURCE_EXHAUSTED,
                           "%s: the session's device memory is too large",
                           session->module->path);
  }
  *out_size = size;
  return MLC_OK;
}

// Device address of the buffer |arg| refers to (checked at load) + offset.
static CUdeviceptr mlc_cuda_arg_value(const mlc_cuda_session_t* session,
                                      const mlc_cuda_arg_t* arg) {
  const mlc_cuda_module_t* module = session->module;
  switch (arg->space) {
    case MLC_CUDA_ARG_INPUT:
      return session->inputs[arg->index] + arg->offset;
    case MLC_CUDA_ARG_OUTPUT:
      return session->outputs[arg->index] + arg->offset;
    case MLC_CUDA_ARG_WEIGHT:
      return module->weights[arg->index] + arg->offset;
    case MLC_CUDA_ARG_CONSTANT:
      return module->constants[arg->index] + arg->offset;
    default:
      return session->arena + arg->offset;
  }
}

// Turns the layout's offsets into addresses and computes every kernel arg.
static void mlc_cuda_session_bind(mlc_cuda_session_t* session) {
  const mlc_cuda_module_t* module = session->module;
  const mlc_artifact_t* artifact = module->artifact;
  for (size_t i = 0; i < artifact->num_inputs; ++i) {
    session->inputs[i] += session->memory;
  }
  for (size_t i = 0; i < artifact->num_outputs; ++i) {
    session->outputs[i] += session->memory;
  }
  session->arena += session->memory;
  for (size_t k = 0; k < module->program.num_args; ++k) {
    session->arg_values[k] =
        mlc_cuda_arg_value(session, &module->program.args[k]);
    session->params[k] = &session->arg_values[k];
  }
}

static mlc_status_t mlc_cuda_session_init(mlc_cuda_session_t* session) {
  const mlc_cuda_module_t* module = session->module;
  const mlc_cuda_driver_t* driver = module->driver;
  CUdeviceptr size = 0;
  MLC_RETURN_IF_ERROR(mlc_cuda_session_layout(session, &size));
  // A stream that does not wait for CUDA's legacy default stream, so that
  // other work in the process does not serialize with the session's.
  MLC_RETURN_IF_ERROR(mlc_cuda_module_check(
      module, driver->cuStreamCreate(&session->stream, CU_STREAM_NON_BLOCKING),
      "cuStreamCreate"));
  if (size > 0) {
    MLC_RETURN_IF_ERROR(mlc_cuda_module_check(
        module, driver->cuMemAlloc(&session->memory, size),
        "cuMemAlloc for the inputs, outputs and arena"));
  }
  mlc_cuda_session_bind(session);
  return MLC_OK;
}

mlc_status_t mlc_cuda_session_create(const mlc_cuda_module_t* module,
                                     mlc_allocator_t allocator,
                                     mlc_cuda_session_t** out_session) {
  *out_session = NULL;
  mlc_cuda_session_t* session = NULL;
  MLC_RETURN_IF_ERROR(mlc_cuda_session_allocate(module, allocator, &session));
  mlc_status_t status = mlc_cuda_module_push(module);
  if (status) {
    allocator.free(allocator.self, session);
    return status;
  }
  status = mlc_cuda_session_init(session);
  mlc_cuda_module_pop(module);
  if (status) {
    mlc_cuda_session_destroy(session, allocator);
    return status;
  }
  *out_session = session;
  return MLC_OK;
}

// Errors are ignored: nothing could report them.
void mlc_cuda_session_destroy(mlc_cuda_session_t* session,
                              mlc_allocator_t allocator) {
  if (session == NULL) return;
  const mlc_cuda_module_t* module = session->module;
  const mlc_cuda_driver_t* driver = module->driver;
  if (driver->cuCtxPushCurrent(module->context) == CUDA_SUCCESS) {
    if (session->stream) {
      (void)driver->cuStreamSynchronize(session->stream);
      (void)driver->cuStreamDestroy(session->stream);
    }
    if (session->memory) (void)driver->cuMemFree(session->memory);
    mlc_cuda_module_pop(module);
  }
  allocator.free(allocator.self, session);
}

static mlc_status_t mlc_cuda_copy_inputs(const mlc_cuda_session_t* session,
                                         const void* const* inputs,
                                         CUstream stream) {
  const mlc_cuda_module_t* module = session->module;
  const mlc_artifact_t* artifact = module->artifact;
  for (size_t i = 0; i < artifact->num_inputs; ++i) {
    size_t size = artifact->inputs[i].byte_size;
    if (size == 0) continue;
    MLC_RETURN_IF_ERROR(
        mlc_cuda_module_check(module,
                              module->driver->cuMemcpyHtoDAsync(
                                  session->inputs[i], inputs[i], size, stream),
                              "cuMemcpyHtoDAsync of an input"));
  }
  return MLC_OK;
}

static mlc_status_t mlc_cuda_launch(const mlc_cuda_session_t* session,
                                    size_t index, CUstream stream) {
  const mlc_cuda_module_t* module = session->module;
  const mlc_cuda_launch_t* launch = &module->program.launches[index];
  CUresult result = module->driver->cuLaunchKernel(
      module->functions[launch->kernel], launch->grid[0], launch->grid[1],
      launch->grid[2], launch->block[0], launch->block[1], launch->block[2],
      launch->shared_bytes, stream, session->params + launch->first_arg, NULL);
  if (result == CUDA_SUCCESS) return MLC_OK;
  const mlc_cuda_kernel_t* kernel = &module->program.kernels[launch->kernel];
  char call[MLC_ARTIFACT_MAX_NAME + 64];
  snprintf(call, sizeof(call), "cuLaunchKernel of launch %zu (kernel '%.*s')",
           index, (int)kernel->name_size, kernel->name);
  return mlc_cuda_module_check(module, result, call);
}

static mlc_status_t mlc_cuda_copy_outputs(const mlc_cuda_session_t* session,
                                          void* const* outputs,
                                          CUstream stream) {
  const mlc_cuda_module_t* module = session->module;
  const mlc_artifact_t* artifact = module->artifact;
  for (size_t i = 0; i < artifact->num_outputs; ++i) {
    size_t size = artifact->outputs[i].byte_size;
    if (size == 0) continue;
    MLC_RETURN_IF_ERROR(mlc_cuda_module_check(
        module,
        module->driver->cuMemcpyDtoHAsync(outputs[i], session->outputs[i], size,
                                          stream),
        "cuMemcpyDtoHAsync of an output"));
  }
  return MLC_OK;
}

static mlc_status_t mlc_cuda_enqueue(const mlc_cuda_session_t* session,
                                     const void* const* inputs,
                                     void* const* outputs, CUstream stream) {
  MLC_RETURN_IF_ERROR(mlc_cuda_copy_inputs(session, inputs, stream));
  for (size_t i = 0; i < session->module->program.num_launches; ++i) {
    MLC_RETURN_IF_ERROR(mlc_cuda_launch(session, i, stream));
  }
  return mlc_cuda_copy_outputs(session, outputs, stream);
}

mlc_status_t mlc_cuda_session_run(mlc_cuda_session_t* session,
                                  const void* const* inputs,
                                  void* const* outputs, void* stream,
                                  bool synchronize) {
  const mlc_cuda_module_t* module = session->module;
  CUstream target = stream ? (CUstream)stream : session->stream;
  MLC_RETURN_IF_ERROR(mlc_cuda_module_push(module));
  mlc_status_t status = mlc_cuda_enqueue(session, inputs, outputs, target);
  if (!status && synchronize) {
    status = mlc_cuda_module_check(module,
                                   module->driver->cuStreamSynchronize(target),
                                   "cuStreamSynchronize");
  }
  mlc_cuda_module_pop(module);
  return status;
}
