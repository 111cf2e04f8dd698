// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_DIALECT_GRAPH_TRANSFORMS_PASSES_H
#define MLC_DIALECT_GRAPH_TRANSFORMS_PASSES_H

#include "mlc/Dialect/Graph/IR/GraphOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/Pass.h"

namespace mlir::mlc::graph {

#define GEN_PASS_DECL
#include "mlc/Dialect/Graph/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "mlc/Dialect/Graph/Transforms/Passes.h.inc"

/// Function attribute names set by mlc-outline-weights.
inline constexpr llvm::StringLiteral kNumInputsAttr = "mlc.num_inputs";
inline constexpr llvm::StringLiteral kWeightsAttr = "mlc.weights";

} // namespace mlir::mlc::graph

#endif // MLC_DIALECT_GRAPH_TRANSFORMS_PASSES_H
