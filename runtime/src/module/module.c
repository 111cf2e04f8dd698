// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/internal.h"
#include "module/module_internal.h"

static mlc_status_t mlc_open_error(const char* path, int error) {
  char buffer[128];
  const char* reason = strerror_r(error, buffer, sizeof(buffer));
  mlc_status_code_t code = (error == ENOENT || error == ENOTDIR)
                               ? MLC_STATUS_NOT_FOUND
                               : MLC_STATUS_UNAVAILABLE;
  return mlc_make_status(code, "%s: cannot open: %s", path, reason);
}

// Maps |fd| read-only into |module|.
static mlc_status_t mlc_module_map_fd(mlc_module_t* module, int fd,
                                      const char* path) {
  struct stat info;
  if (fstat(fd, &info) != 0) return mlc_open_error(path, errno);
  if (!S_ISREG(info.st_mode)) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "%s: not a regular file", path);
  }
  if (info.st_size == 0) return MLC_OK;  // the reader reports it as truncated
  void* mapping =
      mmap(NULL, (size_t)info.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (mapping == MAP_FAILED) {
    return mlc_make_status(MLC_STATUS_UNAVAILABLE, "%s: mmap failed: %s",
                           path, strerror(errno));
  }
  module->mapping = mapping;
  module->mapping_size = (size_t)info.st_size;
  return MLC_OK;
}

static mlc_status_t mlc_module_map_file(mlc_module_t* module,
                                        const char* path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return mlc_open_error(path, errno);
  mlc_status_t status = mlc_module_map_fd(module, fd, path);
  close(fd);  // the mapping keeps the file alive
  return status;
}

static mlc_status_t mlc_module_load_code(mlc_module_t* module,
                                         const char* path) {
  const mlc_artifact_header_t* header = &module->artifact.header;
  const uint8_t* base = (const uint8_t*)module->mapping;
  MLC_RETURN_IF_ERROR(mlc_code_library_load(base + header->code_offset,
                                            (size_t)header->code_size, path,
                                            &module->code));
  void* entry = NULL;
  MLC_RETURN_IF_ERROR(mlc_code_library_lookup(
      &module->code, module->artifact.entry_symbol, path, &entry));
  module->entry = (mlc_entry_fn_t)entry;
  return MLC_OK;
}

static mlc_status_t mlc_module_bind_weights(mlc_module_t* module) {
  const mlc_artifact_t* artifact = &module->artifact;
  if (artifact->num_weights == 0) return MLC_OK;
  MLC_RETURN_IF_ERROR(mlc_allocator_malloc(
      module->allocator, artifact->num_weights * sizeof(void*),
      "weight pointers", (void**)&module->weights));
  uint8_t* weights =
      (uint8_t*)module->mapping + artifact->header.weights_offset;
  for (size_t i = 0; i < artifact->num_weights; ++i) {
    module->weights[i] = weights + artifact->weights[i].offset;
  }
  return MLC_OK;
}

static void mlc_module_destroy(mlc_module_t* module) {
  mlc_allocator_t allocator = module->allocator;
  mlc_cuda_module_destroy(module->cuda);
  mlc_code_library_unload(&module->code);
  if (module->weights) allocator.free(allocator.self, module->weights);
  mlc_artifact_deinitialize(&module->artifact, allocator);
  if (module->mapping) munmap(module->mapping, module->mapping_size);
  allocator.free(allocator.self, module);
}

static mlc_status_t mlc_module_load(mlc_module_t* module, const char* path) {
  MLC_RETURN_IF_ERROR(mlc_module_map_file(module, path));
  const uint8_t* data =
      module->mapping ? (const uint8_t*)module->mapping : (const uint8_t*)"";
  MLC_RETURN_IF_ERROR(mlc_artifact_read(data, module->mapping_size, path,
                                        module->allocator, &module->artifact));
  if (module->info_only) return MLC_OK;
  if (module->artifact.header.target == MLC_TARGET_CUDA_PTX) {
    return mlc_cuda_module_create(&module->artifact, data, path,
                                  module->allocator, &module->cuda);
  }
  MLC_RETURN_IF_ERROR(mlc_module_load_code(module, path));
  return mlc_module_bind_weights(module);
}

static mlc_status_t mlc_module_open(const char* path,
                                    mlc_allocator_t allocator, bool info_only,
                                    mlc_module_t** out_module) {
  if (out_module == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT, "out_module is NULL");
  }
  *out_module = NULL;
  if (path == NULL) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT, "path is NULL");
  }
  if (!mlc_allocator_is_valid(allocator)) {
    return mlc_make_status(MLC_STATUS_INVALID_ARGUMENT,
                           "allocator has NULL callbacks");
  }
  mlc_module_t* module = NULL;
  MLC_RETURN_IF_ERROR(mlc_allocator_malloc(allocator, sizeof(*module),
                                           "module", (void**)&module));
  memset(module, 0, sizeof(*module));
  atomic_init(&module->ref_count, 1);
  module->allocator = allocator;
  module->code.fd = -1;
  module->info_only = info_only;
  mlc_status_t status = mlc_module_load(module, path);
  if (status) {
    mlc_module_destroy(module);
    return status;
  }
  *out_module = module;
  return MLC_OK;
}

MLC_API_EXPORT mlc_status_t mlc_module_load_file(const char* path,
                                                 mlc_allocator_t allocator,
                                                 mlc_module_t** out_module) {
  return mlc_module_open(path, allocator, false, out_module);
}

MLC_API_EXPORT mlc_status_t mlc_module_load_file_info(
    const char* path, mlc_allocator_t allocator, mlc_module_t** out_module) {
  return mlc_module_open(path, allocator, true, out_module);
}

MLC_API_EXPORT void mlc_module_retain(mlc_module_t* module) {
  if (module) atomic_fetch_add_explicit(&module->ref_count, 1,
                                        memory_order_relaxed);
}

MLC_API_EXPORT void mlc_module_release(mlc_module_t* module) {
  if (module && atomic_fetch_sub_explicit(&module->ref_count, 1,
                                          memory_order_acq_rel) == 1) {
    mlc_module_destroy(module);
  }
}
