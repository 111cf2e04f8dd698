// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// The memfd stays open for as long as the library is loaded: glibc matches
// dlopen paths against already-loaded objects by name, so a live library's
// "/proc/self/fd/N" must not be reused by another module's memfd.

#include "module/code_loader.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static mlc_status_t mlc_errno_status(const char* path, const char* what,
                                     int error) {
  char buffer[128];
  const char* reason = strerror_r(error, buffer, sizeof(buffer));
  return mlc_make_status(MLC_STATUS_UNAVAILABLE, "%s: %s failed: %s", path,
                         what, reason);
}

static mlc_status_t mlc_write_all(int fd, const uint8_t* data, size_t size,
                                  const char* path) {
  while (size > 0) {
    ssize_t written = write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return mlc_errno_status(path, "writing the code section to a memfd",
                              errno);
    }
    data += written;
    size -= (size_t)written;
  }
  return MLC_OK;
}

static mlc_status_t mlc_dlopen(const char* fd_path, const char* path,
                               void** out_handle) {
  // A stale object loaded under the same name would be returned instead of
  // ours (see the file comment); refuse rather than run the wrong code.
  void* stale = dlopen(fd_path, RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
  if (stale != NULL) {
    dlclose(stale);
    return mlc_make_status(MLC_STATUS_INTERNAL,
                           "%s: another library is still loaded as %s", path,
                           fd_path);
  }
  if (access(fd_path, R_OK) != 0) {
    return mlc_errno_status(path, "opening the code memfd through /proc",
                            errno);
  }
  *out_handle = dlopen(fd_path, RTLD_NOW | RTLD_LOCAL);
  if (*out_handle == NULL) {
    const char* error = dlerror();
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: code section is not a loadable shared "
                           "object: %s",
                           path, error ? error : "unknown dlopen error");
  }
  return MLC_OK;
}

mlc_status_t mlc_code_library_load(const uint8_t* code, size_t size,
                                   const char* path,
                                   mlc_code_library_t* out_library) {
  out_library->handle = NULL;
  out_library->fd = memfd_create("mlc-code", MFD_CLOEXEC);
  if (out_library->fd < 0) {
    return mlc_errno_status(path, "memfd_create", errno);
  }
  mlc_status_t status = mlc_write_all(out_library->fd, code, size, path);
  if (!status) {
    char fd_path[64];
    snprintf(fd_path, sizeof(fd_path), "/proc/self/fd/%d", out_library->fd);
    status = mlc_dlopen(fd_path, path, &out_library->handle);
  }
  if (status) mlc_code_library_unload(out_library);
  return status;
}

mlc_status_t mlc_code_library_lookup(const mlc_code_library_t* library,
                                     const char* symbol, const char* path,
                                     void** out_function) {
  dlerror();  // clear any stale error
  *out_function = dlsym(library->handle, symbol);
  if (*out_function == NULL) {
    return mlc_make_status(MLC_STATUS_DATA_LOSS,
                           "%s: entry symbol '%s' not found in the code "
                           "section",
                           path, symbol);
  }
  return MLC_OK;
}

void mlc_code_library_unload(mlc_code_library_t* library) {
  if (library->handle != NULL) dlclose(library->handle);
  if (library->fd >= 0) close(library->fd);
  library->handle = NULL;
  library->fd = -1;
}
