// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "cuda/cuda_program_check.h"

#include <inttypes.h>
#include <stdbool.h>

static mlc_status_t mlc_check_static(const mlc_artifact_tensor_t* tensor,
                                     const char* kind,
                                     const mlc_artifact_t* artifact,
                                     const char* path) {
  for (uint32_t d = 0; tensor->is_dynamic && d < tensor->info.rank; ++d) {
    int64_t dim = tensor->encoded_dims[d];
    if (dim >= 0) continue;
    return mlc_make_status(
        MLC_STATUS_UNIMPLEMENTED,
        "%s: CUDA artifacts must have static shapes, but "
        "%s '%s' dim %u is the symbol '%s'",
        path, kind, tensor->info.name, d,
        artifact->symbol_names[MLC_ARTIFACT_DIM_SYMBOL(dim)]);
  }
  return MLC_OK;
}

mlc_status_t mlc_cuda_check_static_shapes(const mlc_artifact_t* artifact,
                                          const char* path) {
  for (size_t i = 0; i < artifact->num_inputs; ++i) {
    MLC_RETURN_IF_ERROR(
        mlc_check_static(&artifact->inputs[i], "input", artifact, path));
  }
  for (size_t i = 0; i < artifact->num_outputs; ++i) {
    MLC_RETURN_IF_ERROR(
        mlc_check_static(&artifact->outputs[i], "output", artifact, path));
  }
  return MLC_OK;
}

static const char* mlc_space_name(uint32_t space) {
  switch (space) {
    case MLC_CUDA_ARG_INPUT:
      return "input";
    case MLC_CUDA_ARG_OUTPUT:
      return "output";
    case MLC_CUDA_ARG_WEIGHT:
      return "weight";
    case MLC_CUDA_ARG_CONSTANT:
      return "constant";
    case MLC_CUDA_ARG_ARENA:
      return "arena";
  }
  return NULL;
}

// Number of buffers in |space| (the arena is buffer 0 of its own space).
static size_t mlc_space_count(const mlc_cuda_program_t* program,
                              const mlc_artifact_t* artifact, uint32_t space) {
  switch (space) {
    case MLC_CUDA_ARG_INPUT:
      return artifact->num_inputs;
    case MLC_CUDA_ARG_OUTPUT:
      return artifact->num_outputs;
    case MLC_CUDA_ARG_WEIGHT:
      return artifact->num_weights;
    case MLC_CUDA_ARG_CONSTANT:
      return program->num_constants;
    default:
      return 1;
  }
}

// Byte size of the buffer |arg| refers to, which exists.
static uint64_t mlc_buffer_size(const mlc_cuda_program_t* program,
                                const mlc_artifact_t* artifact,
                                const mlc_cuda_arg_t* arg) {
  switch (arg->space) {
    case MLC_CUDA_ARG_INPUT:
      return artifact->inputs[arg->index].byte_size;
    case MLC_CUDA_ARG_OUTPUT:
      return artifact->outputs[arg->index].byte_size;
    case MLC_CUDA_ARG_WEIGHT:
      return artifact->weights[arg->index].size;
    case MLC_CUDA_ARG_CONSTANT:
      return program->constants[arg->index].size;
    default:
      return program->arena_size;
  }
}

// Arg |k| of launch |launch| refers to an existing buffer, inside it.
static mlc_status_t mlc_check_arg(const mlc_cuda_program_t* program,
                                  const mlc_artifact_t* artifact, size_t launch,
                                  uint32_t k, const char* path) {
  const mlc_cuda_arg_t* arg =
      &program->args[program->launches[launch].first_arg + k];
  const char* space = mlc_space_name(arg->space);
  if (space == NULL) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: launch %zu arg %u has unknown space %u", path,
                           launch, k, arg->space);
  }
  size_t count = mlc_space_count(program, artifact, arg->space);
  if (arg->index >= count) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: launch %zu arg %u refers to %s %u, out of "
                           "range [0, %zu)",
                           path, launch, k, space, arg->index, count);
  }
  uint64_t size = mlc_buffer_size(program, artifact, arg);
  if (arg->offset >= size) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: launch %zu arg %u offset %" PRIu64
                           " is outside %s %u (%" PRIu64 " bytes)",
                           path, launch, k, arg->offset, space, arg->index,
                           size);
  }
  return MLC_OK;
}

static bool mlc_dims_positive(const uint32_t dims[3]) {
  return dims[0] >= 1 && dims[1] >= 1 && dims[2] >= 1;
}

static mlc_status_t mlc_check_launch(const mlc_cuda_program_t* program,
                                     const mlc_artifact_t* artifact,
                                     size_t index, const char* path) {
  const mlc_cuda_launch_t* launch = &program->launches[index];
  if (launch->kernel >= program->num_kernels) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: launch %zu uses kernel %u, but the program "
                           "has %zu kernels",
                           path, index, launch->kernel, program->num_kernels);
  }
  if (!mlc_dims_positive(launch->grid) || !mlc_dims_positive(launch->block)) {
    const mlc_cuda_kernel_t* kernel = &program->kernels[launch->kernel];
    return mlc_make_status(
        MLC_STATUS_DATA_LOSS,
        "%s: launch %zu of kernel '%.*s' has grid [%u,%u,%u] and block "
        "[%u,%u,%u]; every dim must be >= 1",
        path, index, (int)kernel->name_size, kernel->name, launch->grid[0],
        launch->grid[1], launch->grid[2], launch->block[0], launch->block[1],
        launch->block[2]);
  }
  for (uint32_t k = 0; k < launch->num_args; ++k) {
    MLC_RETURN_IF_ERROR(mlc_check_arg(program, artifact, index, k, path));
  }
  return MLC_OK;
}

mlc_status_t mlc_cuda_check_launches(const mlc_cuda_program_t* program,
                                     const mlc_artifact_t* artifact,
                                     const char* path) {
  for (size_t i = 0; i < program->num_launches; ++i) {
    MLC_RETURN_IF_ERROR(mlc_check_launch(program, artifact, i, path));
  }
  return MLC_OK;
}
