// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The program is parsed before the driver is loaded, so a corrupt artifact
// is reported as such on machines without a GPU too.

#include "cuda/cuda_module.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/internal.h"

enum { kJitLogSize = 4096 };

bool mlc_cuda_place(CUdeviceptr* offset, uint64_t size,
                    CUdeviceptr* out_start) {
  CUdeviceptr start = 0;
  if (__builtin_add_overflow(*offset, MLC_CUDA_ALIGNMENT - 1, &start)) {
    return false;
  }
  start -= start % MLC_CUDA_ALIGNMENT;
  *out_start = start;
  return !__builtin_add_overflow(start, size, offset);
}

mlc_status_t mlc_cuda_module_check(const mlc_cuda_module_t* module,
                                   CUresult result, const char* call) {
  return mlc_cuda_status(module->driver, result, module->path, call);
}

mlc_status_t mlc_cuda_module_push(const mlc_cuda_module_t* module) {
  return mlc_cuda_module_check(
      module, module->driver->cuCtxPushCurrent(module->context),
      "cuCtxPushCurrent");
}

void mlc_cuda_module_pop(const mlc_cuda_module_t* module) {
  // Fails only when no context is current, which a successful push rules out.
  CUcontext popped = NULL;
  (void)module->driver->cuCtxPopCurrent(&popped);
}

// The device ordinal from $MLC_CUDA_DEVICE, 0 when unset.
static mlc_status_t mlc_cuda_device_ordinal(const char* path, int* out) {
  const char* value = getenv("MLC_CUDA_DEVICE");
  *out = 0;
  if (value == NULL || value[0] == '\0') return MLC_OK;
  char* end = NULL;
  errno = 0;
  long ordinal = strtol(value, &end, 10);
  if (errno != 0 || *end != '\0' || ordinal < 0 || ordinal > INT_MAX) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "%s: MLC_CUDA_DEVICE is '%s'; it must be a device "
                           "ordinal (0, 1, ...)",
                           path, value);
  }
  *out = (int)ordinal;
  return MLC_OK;
}

// Loads the driver, initializes it and finds the device and its compute
// capability.
static mlc_status_t mlc_cuda_open_device(mlc_cuda_module_t* module) {
  MLC_RETURN_IF_ERROR(mlc_cuda_driver_get(module->path, &module->driver));
  const mlc_cuda_driver_t* driver = module->driver;
  MLC_RETURN_IF_ERROR(
      mlc_cuda_module_check(module, driver->cuInit(0), "cuInit"));
  int ordinal = 0;
  MLC_RETURN_IF_ERROR(mlc_cuda_device_ordinal(module->path, &ordinal));
  char call[64];
  snprintf(call, sizeof(call), "cuDeviceGet(%d)", ordinal);
  MLC_RETURN_IF_ERROR(mlc_cuda_module_check(
      module, driver->cuDeviceGet(&module->device, ordinal), call));
  int major = 0;
  int minor = 0;
  MLC_RETURN_IF_ERROR(mlc_cuda_module_check(
      module,
      driver->cuDeviceGetAttribute(
          &major, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, module->device),
      "cuDeviceGetAttribute(COMPUTE_CAPABILITY_MAJOR)"));
  MLC_RETURN_IF_ERROR(mlc_cuda_module_check(
      module,
      driver->cuDeviceGetAttribute(
          &minor, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, module->device),
      "cuDeviceGetAttribute(COMPUTE_CAPABILITY_MINOR)"));
  module->sm = (uint32_t)(major * 10 + minor);
  return MLC_OK;
}

// Appends the JIT's error log, when it wrote one, to |status|.
static mlc_status_t mlc_cuda_with_log(mlc_status_t status, const char* log) {
  if (log[0] == '\0') return status;
  mlc_status_t with_log =
      mlc_make_status(mlc_status_code(status), "%s; JIT log: %s",
                      mlc_status_message(status), log);
  mlc_status_free(status);
  return with_log;
}

// Loads |image|; the driver wants its PTX NUL-terminated.
static mlc_status_t mlc_cuda_load_ptx(mlc_cuda_module_t* module,
                                      const mlc_cuda_image_t* image) {
  char* ptx = NULL;
  MLC_RETURN_IF_ERROR(mlc_allocator_malloc(
      module->allocator, image->ptx_size + 1, "PTX", (void**)&ptx));
  memcpy(ptx, image->ptx, image->ptx_size);
  ptx[image->ptx_size] = '\0';
  char log[kJitLogSize] = "";
  CUjit_option options[2] = {CU_JIT_ERROR_LOG_BUFFER,
                             CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES};
  void* values[2] = {log, (void*)(uintptr_t)sizeof(log)};
  CUresult result = module->driver->cuModuleLoadDataEx(&module->module, ptx, 2,
                                                       options, values);
  module->allocator.free(module->allocator.self, ptx);
  if (result == CUDA_SUCCESS) return MLC_OK;
  module->module = NULL;
  log[sizeof(log) - 1] = '\0';
  char call[64];
  snprintf(call, sizeof(call), "cuModuleLoadDataEx (PTX for sm_%u)", image->sm);
  return mlc_cuda_with_log(mlc_cuda_module_check(module, result, call), log);
}

static mlc_status_t mlc_cuda_get_functions(mlc_cuda_module_t* module) {
  for (size_t i = 0; i < module->program.num_kernels; ++i) {
    const mlc_cuda_kernel_t* kernel = &module->program.kernels[i];
    char name[MLC_ARTIFACT_MAX_NAME + 1];
    memcpy(name, kernel->name, kernel->name_size);
    name[kernel->name_size] = '\0';
    CUresult result = module->driver->cuModuleGetFunction(&module->functions[i],
                                                          module->module, name);
    if (result != CUDA_SUCCESS) {
      char call[MLC_ARTIFACT_MAX_NAME + 64];
      snprintf(call, sizeof(call), "cuModuleGetFunction for kernel '%s'", name);
      return mlc_cuda_module_check(module, result, call);
    }
  }
  return MLC_OK;
}

// Device layout: the weights section as is (weight offsets stay valid),
// then each constant aligned. Sets |constants| to offsets for now.
static mlc_status_t mlc_cuda_memory_size(mlc_cuda_module_t* module,
                                         CUdeviceptr* out_size) {
  CUdeviceptr size = module->artifact->header.weights_size;
  for (size_t i = 0; i < module->program.num_constants; ++i) {
    CUdeviceptr start = 0;
    if (!mlc_cuda_place(&size, module->program.constants[i].size, &start)) {
      return mlc_make_status(MLC_STATUS_RESOURCE_EXHAUSTED,
                             "%s: the constants are too large", module->path);
    }
    module->constants[i] = start;
  }
  *out_size = size;
  return MLC_OK;
}

// Copies the weights and constants to one device allocation.
static mlc_status_t mlc_cuda_upload(mlc_cuda_module_t* module,
                                    const uint8_t* file) {
  const mlc_artifact_t* artifact = module->artifact;
  const mlc_cuda_driver_t* driver = module->driver;
  CUdeviceptr size = 0;
  MLC_RETURN_IF_ERROR(mlc_cuda_memory_size(module, &size));
  if (size == 0) return MLC_OK;
  MLC_RETURN_IF_ERROR(
      mlc_cuda_module_check(module, driver->cuMemAlloc(&module->memory, size),
                            "cuMemAlloc for the weights"));
  const mlc_artifact_header_t* header = &artifact->header;
  if (header->weights_size > 0) {
    MLC_RETURN_IF_ERROR(mlc_cuda_module_check(
        module,
        driver->cuMemcpyHtoD(module->memory, file + header->weights_offset,
                             header->weights_size),
        "cuMemcpyHtoD of the weights"));
  }
  for (size_t i = 0; i < artifact->num_weights; ++i) {
    module->weights[i] = module->memory + artifact->weights[i].offset;
  }
  for (size_t i = 0; i < module->program.num_constants; ++i) {
    const mlc_cuda_constant_t* constant = &module->program.constants[i];
    module->constants[i] += module->memory;
    if (constant->size == 0) continue;
    MLC_RETURN_IF_ERROR(mlc_cuda_module_check(
        module,
        driver->cuMemcpyHtoD(module->constants[i], constant->data,
                             constant->size),
        "cuMemcpyHtoD of a constant"));
  }
  return MLC_OK;
}

static mlc_status_t mlc_cuda_load_in_context(mlc_cuda_module_t* module,
                                             const mlc_cuda_image_t* image,
                                             const uint8_t* file) {
  MLC_RETURN_IF_ERROR(mlc_cuda_load_ptx(module, image));
  MLC_RETURN_IF_ERROR(mlc_cuda_get_functions(module));
  return mlc_cuda_upload(module, file);
}

static mlc_status_t mlc_cuda_module_load(mlc_cuda_module_t* module,
                                         const uint8_t* file) {
  MLC_RETURN_IF_ERROR(mlc_cuda_open_device(module));
  const mlc_cuda_image_t* image = NULL;
  MLC_RETURN_IF_ERROR(mlc_cuda_program_select_image(
      &module->program, module->sm, module->path, &image));
  CUcontext context = NULL;
  MLC_RETURN_IF_ERROR(mlc_cuda_module_check(
      module,
      module->driver->cuDevicePrimaryCtxRetain(&context, module->device),
      "cuDevicePrimaryCtxRetain"));
  module->context = context;
  MLC_RETURN_IF_ERROR(mlc_cuda_module_push(module));
  mlc_status_t status = mlc_cuda_load_in_context(module, image, file);
  mlc_cuda_module_pop(module);
  return status;
}

// One block for the functions, weight and constant addresses.
static mlc_status_t mlc_cuda_allocate_tables(mlc_cuda_module_t* module) {
  size_t num_functions = module->program.num_kernels;
  size_t num_addresses =
      module->artifact->num_weights + module->program.num_constants;
  void* block = NULL;
  MLC_RETURN_IF_ERROR(mlc_allocator_malloc(
      module->allocator,
      num_functions * sizeof(CUfunction) + num_addresses * sizeof(CUdeviceptr),
      "CUDA kernel table", &block));
  module->functions = (CUfunction*)block;
  module->weights = (CUdeviceptr*)(module->functions + num_functions);
  module->constants = module->weights + module->artifact->num_weights;
  return MLC_OK;
}

mlc_status_t mlc_cuda_module_create(const mlc_artifact_t* artifact,
                                    const uint8_t* file, const char* path,
                                    mlc_allocator_t allocator,
                                    mlc_cuda_module_t** out_module) {
  *out_module = NULL;
  size_t path_size = strlen(path) + 1;
  mlc_cuda_module_t* module = NULL;
  MLC_RETURN_IF_ERROR(mlc_allocator_malloc(
      allocator, sizeof(*module) + path_size, "CUDA module", (void**)&module));
  memset(module, 0, sizeof(*module));
  module->allocator = allocator;
  module->artifact = artifact;
  module->path = memcpy(module + 1, path, path_size);
  const mlc_artifact_header_t* header = &artifact->header;
  mlc_status_t status =
      mlc_cuda_program_parse(file + header->code_offset, header->code_size,
                             artifact, path, allocator, &module->program);
  if (!status) status = mlc_cuda_allocate_tables(module);
  if (!status) status = mlc_cuda_module_load(module, file);
  if (status) {
    mlc_cuda_module_destroy(module);
    return status;
  }
  *out_module = module;
  return MLC_OK;
}

// Errors are ignored: nothing could report them, and releasing the primary
// context frees whatever is left in it.
void mlc_cuda_module_destroy(mlc_cuda_module_t* module) {
  if (module == NULL) return;
  const mlc_cuda_driver_t* driver = module->driver;
  if (module->context != NULL) {
    if (driver->cuCtxPushCurrent(module->context) == CUDA_SUCCESS) {
      if (module->memory) (void)driver->cuMemFree(module->memory);
      if (module->module) (void)driver->cuModuleUnload(module->module);
      mlc_cuda_module_pop(module);
    }
    (void)driver->cuDevicePrimaryCtxRelease(module->device);
  }
  mlc_allocator_t allocator = module->allocator;
  if (module->functions) allocator.free(allocator.self, module->functions);
  mlc_cuda_program_deinitialize(&module->program, allocator);
  allocator.free(allocator.self, module);
}
