// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Loads an in-memory ELF shared object without touching the file system:
// the bytes go to an anonymous memfd that is dlopen'ed through /proc/self/fd.

#ifndef MLC_RUNTIME_SRC_MODULE_CODE_LOADER_H_
#define MLC_RUNTIME_SRC_MODULE_CODE_LOADER_H_

#include <stddef.h>
#include <stdint.h>

#include "mlc/runtime/api.h"

typedef struct mlc_code_library_t {
  int fd;        // the memfd, kept open while the library is loaded; -1 if none
  void* handle;  // dlopen handle; NULL if none
} mlc_code_library_t;

// Loads the |size|-byte shared object |code| with RTLD_NOW | RTLD_LOCAL.
// |path| names the artifact in messages. On success |out_library| must be
// unloaded with mlc_code_library_unload.
mlc_status_t mlc_code_library_load(const uint8_t* code, size_t size,
                                   const char* path,
                                   mlc_code_library_t* out_library);

// Looks up the function |symbol| in |library|.
mlc_status_t mlc_code_library_lookup(const mlc_code_library_t* library,
                                     const char* symbol, const char* path,
                                     void** out_function);

// dlcloses and closes |library|; safe on a library whose load failed.
void mlc_code_library_unload(mlc_code_library_t* library);

#endif  // MLC_RUNTIME_SRC_MODULE_CODE_LOADER_H_
