// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_FRONTENDS_ONNX_IMPORTER_H
#define MLC_FRONTENDS_ONNX_IMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

namespace mlir::mlc {

/// Options of the ONNX importer.
struct OnnxImportOptions {
  /// Initializers with more elements than this become weights
  /// (`dense_resource`, stored in the artifact's weights section); smaller
  /// ones become `dense` constants that take part in constant folding.
  int64_t maxInlineConstantElements = 64;
  /// Shapes pinned for graph inputs by name (`mlc compile --shape`). A
  /// pinned input's symbolic dims (`dim_param`) take the given sizes, and
  /// so do the same symbols in every other input.
  llvm::StringMap<SmallVector<int64_t>> inputShapes;
};

/// Imports the ONNX model at |path| into a module with one `func.func @main`
/// of mlc_graph ops. Node names become locations. Errors (malformed or
/// truncated files, unsupported ops, external data outside the model's
/// directory, shape mismatches) are reported as MLIR diagnostics naming the
/// file, node or tensor, and the result is failure.
FailureOr<OwningOpRef<ModuleOp>>
importOnnxModel(MLIRContext *context, llvm::StringRef path,
                const OnnxImportOptions &options = {});

} // namespace mlir::mlc

#endif // MLC_FRONTENDS_ONNX_IMPORTER_H
