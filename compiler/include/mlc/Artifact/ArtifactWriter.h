// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_ARTIFACT_ARTIFACTWRITER_H
#define MLC_ARTIFACT_ARTIFACTWRITER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <string>
#include <vector>

namespace mlir::mlc {

/// Name, dtype (mlc_dtype_t) and shape of an entry-point tensor; a dim d < 0
/// is symbol -1 - d (MLC_ARTIFACT_SYMBOL_DIM).
struct TensorDescriptor {
  std::string name;
  uint32_t dtype = 0;
  llvm::SmallVector<int64_t> dims;
};

/// Everything a .mlc file holds (see runtime/.../artifact_format.h).
struct ArtifactContents {
  uint32_t target = 0;
  std::string entrySymbol = "mlc_entry";
  std::vector<TensorDescriptor> inputs, outputs;
  /// Symbolic dims: names and upper bounds (0: none).
  std::vector<std::string> symbols;
  std::vector<int64_t> symbolBounds;
  std::string code;
  /// Weight bytes in entry-point argument order; not owned.
  std::vector<llvm::ArrayRef<char>> weights;
};

/// Function attributes naming the model's inputs and outputs, set by the
/// frontends on the model function.
inline constexpr llvm::StringLiteral kInputNamesAttr = "mlc.input_names";
inline constexpr llvm::StringLiteral kOutputNamesAttr = "mlc.output_names";
/// Model function attributes of symbolic dims: names (array of strings) and
/// upper bounds (array<i64>, 0: none); argument/result attribute kDimsAttr
/// (array<i64>) gives a dynamic tensor's dims with symbols encoded as in
/// the artifact (-1 - symbol).
inline constexpr llvm::StringLiteral kSymbolsAttr = "mlc.symbols";
inline constexpr llvm::StringLiteral kSymbolBoundsAttr = "mlc.symbol_bounds";
inline constexpr llvm::StringLiteral kDimsAttr = "mlc.dims";

/// Fills the input/output descriptors and weights of |contents| from the
/// model function after mlc-outline-weights (before bufferization).
LogicalResult collectInterface(func::FuncOp model, ArtifactContents &contents);

/// Reloads the weights of |contents| from the resources the module attribute
/// mlc.weights names, if set: codegen passes that rewrite weight data
/// (mlc-cpu-pack-matmul-weights) list the final resources there.
LogicalResult updateWeights(ModuleOp module, ArtifactContents &contents);

/// Writes |contents| to |path| with page-aligned weights and the checksum.
LogicalResult writeArtifact(const ArtifactContents &contents,
                            llvm::StringRef path, std::string &error);

} // namespace mlir::mlc

#endif // MLC_ARTIFACT_ARTIFACTWRITER_H
