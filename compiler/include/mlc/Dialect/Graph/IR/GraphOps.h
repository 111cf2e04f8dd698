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

/// Whether two dims may be equal: equal, or one of them dynamic.
inline bool dimsCompatible(int64_t a, int64_t b) {
  return a == b || ShapedType::isDynamic(a) || ShapedType::isDynamic(b);
}

/// Fails (emitting at |op|) unless |sizes| has one operand per dynamic dim
/// of |type|.
LogicalResult verifySizeOperands(Operation *op, ShapedType type,
                                 ValueRange sizes);

/// The dims of |op|'s single result: static dims as index attributes,
/// dynamic ones as index values (`tensor.dim` of operands, or the op's size
/// operands) built with |b|. Fails for ops without a rule.
FailureOr<SmallVector<OpFoldResult>> reifyResultDims(OpBuilder &b,
                                                     Operation *op);

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

/// Output size along one dim of a window op (convolution, pooling).
FailureOr<int64_t> windowOutputSize(int64_t in, int64_t kernel, int64_t stride,
                                   int64_t dilation, int64_t padBegin,
                                   int64_t padEnd, bool ceilMode,
                                   std::optional<Location> loc);

/// Result shape of conv2d (NCHW input, FCHW filter, optional [F] bias).
FailureOr<SmallVector<int64_t>>
inferConv2DShape(ArrayRef<int64_t> input, ArrayRef<int64_t> filter,
                 std::optional<ArrayRef<int64_t>> bias,
                 ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
                 ArrayRef<int64_t> pads, int64_t groups,
                 std::optional<Location> loc);

/// Result shape of 2-D pooling over an NCHW input.
FailureOr<SmallVector<int64_t>>
inferPool2DShape(ArrayRef<int64_t> input, ArrayRef<int64_t> kernel,
                 ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
                 ArrayRef<int64_t> pads, bool ceilMode,
                 std::optional<Location> loc);

/// Result shape of concatenating |inputs| along |axis|.
FailureOr<SmallVector<int64_t>>
inferConcatShape(ArrayRef<ArrayRef<int64_t>> inputs, int64_t axis,
                 std::optional<Location> loc);

/// Result shape of reducing |shape| over |axes| (sorted, distinct).
FailureOr<SmallVector<int64_t>> inferReduceShape(ArrayRef<int64_t> shape,
                                                 ArrayRef<int64_t> axes,
                                                 bool keepDims,
                                                 std::optional<Location> loc);

/// Result shape of gathering |indices| from |data| along |axis|.
FailureOr<SmallVector<int64_t>> inferGatherShape(ArrayRef<int64_t> data,
                                                 ArrayRef<int64_t> indices,
                                                 int64_t axis,
                                                 std::optional<Location> loc);

/// Values of a float32 constant (`dense` or a `dense_resource` weight), if
/// |value| is defined by one.
std::optional<SmallVector<float>> getConstantFloats(Value value);

/// A float32 constant of |type|: `dense` up to |maxInline| elements, else a
/// `dense_resource` blob named after |name| (uniqued).
ElementsAttr makeFloatConstant(RankedTensorType type, ArrayRef<float> values,
                               StringRef name, int64_t maxInline = 64);

/// "[2,3]" for diagnostics.
std::string shapeString(ArrayRef<int64_t> shape);

} // namespace mlir::mlc::graph

#endif // MLC_DIALECT_GRAPH_IR_GRAPHOPS_H
