// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// ReduceSum/Mean/Max/Min, LayerNormalization and CumSum.

#include "OnnxOps.h"

#include "mlir/IR/Verifier.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::onnx_import;

namespace {

// Axes take an input from opset |inputSince| (13 for ReduceSum, 18 for the
// others). No axes reduce everything unless noop_with_empty_axes is set.
template <typename OpTy, int64_t inputSince>
LogicalResult convertReduce(GraphImporter &im, const onnx::NodeProto &node) {
  bool isMean = std::is_same_v<OpTy, graph::ReduceMeanOp>;
  FailureOr<Value> x = isMean ? im.getFloatInput(node, 0) : im.getNumericInput(node, 0);
  FailureOr<std::optional<SmallVector<int64_t>>> axes =
      getAxes(im, node, inputSince);
  if (failed(x) || failed(axes))
    return failure();
  ArrayRef<int64_t> shape = shapeOf(*x);
  int64_t rank = shape.size();
  SmallVector<int64_t> dims;
  if (!*axes || (*axes)->empty()) {
    if (getIntAttr(node, "noop_with_empty_axes", 0)) {
      im.setOutput(node, 0, *x);
      return success();
    }
    dims = llvm::to_vector(llvm::seq<int64_t>(0, rank));
  }
  for (int64_t a : axes->value_or(SmallVector<int64_t>{})) {
    FailureOr<int64_t> axis = normalizeAxis(im, node, a, rank);
    if (failed(axis))
      return failure();
    if (llvm::is_contained(dims, *axis))
      return im.nodeError(node) << "axis " << a << " is repeated";
    dims.push_back(*axis);
  }
  llvm::sort(dims);
  bool keepDims = getIntAttr(node, "keepdims", 1) != 0;
  Location loc = im.nodeLoc(node);
  FailureOr<SmallVector<int64_t>> out =
      graph::inferReduceShape(shape, dims, keepDims, loc);
  if (failed(out))
    return failure();
  OpBuilder &b = im.getBuilder();
  auto type = RankedTensorType::get(*out, getElementTypeOrSelf(*x));
  im.setOutput(node, 0, b.create<OpTy>(loc, type, *x,
                                       b.getDenseI64ArrayAttr(dims),
                                       b.getBoolAttr(keepDims)));
  return success();
}

LogicalResult convertLayerNorm(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getFloatInput(node, 0);
  FailureOr<Value> scale = im.getFloatInput(node, 1);
  FailureOr<Value> bias = im.getOptionalFloatInput(node, 2);
  if (failed(x) || failed(scale) || failed(bias))
    return failure();
  for (int i = 1; i < node.output_size(); ++i)
    if (!node.output(i).empty())
      return im.nodeError(node) << "the Mean and InvStdDev outputs (training) "
                                   "are not supported";
  FailureOr<int64_t> axis = normalizeAxis(im, node, getIntAttr(node, "axis", -1),
                                          shapeOf(*x).size());
  if (failed(axis))
    return failure();
  OpBuilder &b = im.getBuilder();
  auto op = b.create<graph::LayerNormOp>(
      im.nodeLoc(node), x->getType(), *x, *scale, *bias,
      b.getI64IntegerAttr(*axis),
      b.getF32FloatAttr(getFloatAttr(node, "epsilon", 1e-5f)));
  if (failed(mlir::verify(op)))
    return failure();
  im.setOutput(node, 0, op);
  return success();
}

LogicalResult convertCumSum(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getNumericInput(node, 0);
  FailureOr<Value> axisInput = im.getInput(node, 1);
  if (failed(x) || failed(axisInput))
    return failure();
  std::optional<SmallVector<int64_t>> axisValue = im.getConstantInts(*axisInput);
  if (!axisValue || axisValue->size() != 1)
    return im.nodeError(node) << "axis must be a constant integer scalar";
  FailureOr<int64_t> axis =
      normalizeAxis(im, node, (*axisValue)[0], shapeOf(*x).size());
  if (failed(axis))
    return failure();
  OpBuilder &b = im.getBuilder();
  im.setOutput(node, 0, b.create<graph::CumSumOp>(
                            im.nodeLoc(node), *x, b.getI64IntegerAttr(*axis),
                            b.getBoolAttr(getIntAttr(node, "exclusive", 0)),
                            b.getBoolAttr(getIntAttr(node, "reverse", 0))));
  return success();
}

} // namespace

void onnx_import::addReduceConverters(ConverterMap &map) {
  map["ReduceSum"] = convertReduce<graph::ReduceSumOp, 13>;
  map["ReduceMean"] = convertReduce<graph::ReduceMeanOp, 18>;
  map["ReduceMax"] = convertReduce<graph::ReduceMaxOp, 18>;
  map["ReduceMin"] = convertReduce<graph::ReduceMinOp, 18>;
  map["LayerNormalization"] = convertLayerNorm;
  map["CumSum"] = convertCumSum;
}
