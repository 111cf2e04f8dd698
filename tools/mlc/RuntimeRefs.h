// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// RAII references to runtime objects and status reporting, shared by the
// commands that use the runtime C API.

#ifndef MLC_TOOLS_MLC_RUNTIMEREFS_H
#define MLC_TOOLS_MLC_RUNTIMEREFS_H

#include "Commands.h"

#include "mlc/runtime/api.h"

#include "llvm/ADT/Twine.h"

namespace mlc_tool {

/// Owns a module or session reference.
template <typename T, void (*Release)(T *)> struct Ref {
  T *ptr = nullptr;
  Ref() = default;
  Ref(const Ref &) = delete;
  Ref &operator=(const Ref &) = delete;
  ~Ref() {
    if (ptr)
      Release(ptr);
  }
};
using ModuleRef = Ref<mlc_module_t, mlc_module_release>;
using SessionRef = Ref<mlc_session_t, mlc_session_release>;

/// fail() with |status|'s message; frees |status|.
inline int statusFail(llvm::StringRef command, mlc_status_t status) {
  int rc = fail(command, mlc_status_message(status));
  mlc_status_free(status);
  return rc;
}

} // namespace mlc_tool

#endif // MLC_TOOLS_MLC_RUNTIMEREFS_H
