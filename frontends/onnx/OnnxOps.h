// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#ifndef MLC_FRONTENDS_ONNX_ONNXOPS_H
#define MLC_FRONTENDS_ONNX_ONNXOPS_H

#include "GraphImporter.h"

#include "mlc/Dialect/Graph/IR/GraphOps.h"

namespace mlir::mlc::onnx_import {

using ConverterMap = llvm::StringMap<ConvertFn>;

/// Elementwise arithmetic, activations, softmax, matmul and gemm.
void addMathConverters(ConverterMap &map);
/// Constant, Identity, Reshape, Flatten, Transpose.
void addTensorConverters(ConverterMap &map);
/// Concat, Pad, Squeeze, Unsqueeze, Shape, Gather (of constants).
void addShapeConverters(ConverterMap &map);
/// Conv, pooling, BatchNormalization, Clip and parameterized activations.
void addNNConverters(ConverterMap &map);

/// Comparisons, logical ops, Where and Cast.
void addLogicConverters(ConverterMap &map);
/// Reductions, LayerNormalization and CumSum.
void addReduceConverters(ConverterMap &map);
/// Gather, Slice, Split, Expand, Range, ConstantOfShape and Trilu.
void addIndexingConverters(ConverterMap &map);

/// Builds OpTy (an elementwise op with numpy broadcasting) on |lhs| and
/// |rhs|, which must have one element type; the result takes the operands'
/// element type, or i1 when |boolResult|. Folds constants.
template <typename OpTy>
FailureOr<Value> buildBroadcastOp(GraphImporter &im, const onnx::NodeProto &node,
                                  FailureOr<Value> lhs, FailureOr<Value> rhs,
                                  bool boolResult = false) {
  if (failed(lhs) || failed(rhs))
    return failure();
  Type element = getElementTypeOrSelf(*lhs);
  if (element != getElementTypeOrSelf(*rhs))
    return im.nodeError(node) << "operands have different element types "
                              << element << " and " << getElementTypeOrSelf(*rhs),
           failure();
  if (failed(im.checkBroadcast(node, {*lhs, *rhs})))
    return failure();
  Location loc = im.nodeLoc(node);
  FailureOr<SmallVector<int64_t>> shape = graph::broadcastShapes(
      cast<ShapedType>(lhs->getType()).getShape(),
      cast<ShapedType>(rhs->getType()).getShape(), loc);
  if (failed(shape))
    return failure();
  OpBuilder &b = im.getBuilder();
  Type resultElement = boolResult ? b.getI1Type() : element;
  return b.createOrFold<OpTy>(loc, RankedTensorType::get(*shape, resultElement),
                              *lhs, *rhs);
}

/// Normalizes |axis| into [0, rank); fails with an error on |node|.
FailureOr<int64_t> normalizeAxis(GraphImporter &im, const onnx::NodeProto &node,
                                 int64_t axis, int64_t rank);
/// Axes from the attribute (before opset |inputSince|) or the optional
/// constant input 1; nullopt when absent.
FailureOr<std::optional<SmallVector<int64_t>>>
getAxes(GraphImporter &im, const onnx::NodeProto &node, int64_t inputSince);

/// Static shape of |dims|: constants, and kDynamic for the rest.
SmallVector<int64_t> staticShape(ArrayRef<AffineExpr> dims);

/// Reshape, Expand, ConstantOfShape, Range and Slice with symbolic shapes
/// or dynamic inputs (OnnxOpsDynamic.cpp).
LogicalResult convertDynamicReshape(GraphImporter &im,
                                    const onnx::NodeProto &node, Value x,
                                    ArrayRef<AffineExpr> requested,
                                    bool allowZero);
LogicalResult convertDynamicExpand(GraphImporter &im,
                                   const onnx::NodeProto &node, Value x,
                                   ArrayRef<AffineExpr> target);
LogicalResult convertDynamicConstantOfShape(GraphImporter &im,
                                            const onnx::NodeProto &node,
                                            ArrayRef<AffineExpr> target,
                                            TypedAttr value);
LogicalResult convertDynamicRange(GraphImporter &im,
                                  const onnx::NodeProto &node);
LogicalResult convertDynamicSlice(GraphImporter &im,
                                  const onnx::NodeProto &node, Value x);

/// Static shape of a ranked tensor value.
ArrayRef<int64_t> shapeOf(Value v);

/// |value| reshaped to |shape| (no op when it already has that shape).
Value reshapeTo(OpBuilder &b, Location loc, Value value,
                ArrayRef<int64_t> shape);

} // namespace mlir::mlc::onnx_import

#endif // MLC_FRONTENDS_ONNX_ONNXOPS_H
