// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_FRONTENDS_PATHCONFINEMENT_H
#define MLC_FRONTENDS_PATHCONFINEMENT_H

#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <string>

namespace mlir::mlc {

/// Resolves a file name that a model file refers to (ONNX external data,
/// safetensors shards) inside the model's directory |dir|: |relative| must
/// be relative, hold no "..", and its real path (symlinks followed) must lie
/// under |dir|'s real path. Returns that real path, or an error whose message
/// starts with |what| (e.g. "shard 'x'"). Never follows a path out of |dir|.
llvm::Expected<std::string> resolveInsideDirectory(llvm::StringRef dir,
                                                   llvm::StringRef relative,
                                                   const llvm::Twine &what);

} // namespace mlir::mlc

#endif // MLC_FRONTENDS_PATHCONFINEMENT_H
