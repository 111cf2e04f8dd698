// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_DIALECT_GRAPH_IR_GRAPHOPS_H
#define MLC_DIALECT_GRAPH_IR_GRAPHOPS_H

#include "mlc/Dialect/Graph/IR/GraphDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "mlc/Dialect/Graph/IR/GraphOps.h.inc"

namespace mlir::mlc::graph {

/// Computes the numpy broadcast of |lhs| and |rhs|; fails (emitting at |loc|
/// when given) when the shapes are incompatible.
FailureOr<SmallVector<int64_t>> broadcastShapes(ArrayRef<int64_t> lhs,
                                                ArrayRef<int64_t> rhs,
                                                std::optional<Location> loc);

/// Result shape of numpy matmul on operands of rank >= 2.
FailureOr<SmallVector<int64_t>> inferMatMulShape(ArrayRef<int64_t> lhs,
                                                 ArrayRef<int64_t> rhs,
                                                 std::optional<Location> loc);

/// Result shape of gemm; |c| is C's shape when present.
FailureOr<SmallVector<int64_t>>
inferGemmShape(ArrayRef<int64_t> a, ArrayRef<int64_t> b,
               std::optional<ArrayRef<int64_t>> c, bool transA, bool transB,
               std::optional<Location> loc);

/// Result shape of transposing |shape| by |perm|.
FailureOr<SmallVector<int64_t>>
inferTransposeShape(ArrayRef<int64_t> shape, ArrayRef<int64_t> perm,
                    std::optional<Location> loc);

/// "[2,3]" for diagnostics.
std::string shapeString(ArrayRef<int64_t> shape);

} // namespace mlir::mlc::graph

#endif // MLC_DIALECT_GRAPH_IR_GRAPHOPS_H
