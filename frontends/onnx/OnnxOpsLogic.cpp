// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.
//
// Comparisons, logical ops, Where and Cast. Constant operands fold at import
// time, so the int64 shape chains of exported models disappear.

#include "OnnxOps.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::onnx_import;

namespace {

template <typename OpTy>
LogicalResult convertCompare(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> lhs = im.getAnyInput(node, 0);
  FailureOr<Value> rhs = succeeded(lhs) ? im.getAnyInput(node, 1) : FailureOr<Value>(failure());
  FailureOr<Value> result =
      buildBroadcastOp<OpTy>(im, node, lhs, rhs, /*boolResult=*/true);
  if (failed(result))
    return failure();
  im.setOutput(node, 0, *result);
  return success();
}

template <typename OpTy>
LogicalResult convertLogical(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> lhs = im.getBoolInput(node, 0);
  FailureOr<Value> rhs = succeeded(lhs) ? im.getBoolInput(node, 1) : FailureOr<Value>(failure());
  FailureOr<Value> result = buildBroadcastOp<OpTy>(im, node, lhs, rhs);
  if (failed(result))
    return failure();
  im.setOutput(node, 0, *result);
  return success();
}

LogicalResult convertNot(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getBoolInput(node, 0);
  if (failed(x))
    return failure();
  im.setOutput(node, 0,
               im.getBuilder().createOrFold<graph::NotOp>(im.nodeLoc(node), *x));
  return success();
}

LogicalResult convertWhere(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> cond = im.getBoolInput(node, 0);
  FailureOr<Value> x = succeeded(cond) ? im.getAnyInput(node, 1) : FailureOr<Value>(failure());
  FailureOr<Value> y = succeeded(x) ? im.getAnyInput(node, 2) : FailureOr<Value>(failure());
  if (failed(y))
    return failure();
  if (getElementTypeOrSelf(*x) != getElementTypeOrSelf(*y))
    return im.nodeError(node) << "X and Y have different element types "
                              << getElementTypeOrSelf(*x) << " and "
                              << getElementTypeOrSelf(*y);
  if (failed(im.checkBroadcast(node, {*cond, *x, *y})))
    return failure();
  Location loc = im.nodeLoc(node);
  FailureOr<SmallVector<int64_t>> values =
      graph::broadcastShapes(shapeOf(*x), shapeOf(*y), loc);
  if (failed(values))
    return failure();
  FailureOr<SmallVector<int64_t>> shape =
      graph::broadcastShapes(shapeOf(*cond), *values, loc);
  if (failed(shape))
    return failure();
  auto type = RankedTensorType::get(*shape, getElementTypeOrSelf(*x));
  im.setOutput(node, 0, im.getBuilder().createOrFold<graph::WhereOp>(
                            loc, type, *cond, *x, *y));
  return success();
}

LogicalResult convertCast(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getAnyInput(node, 0);
  if (failed(x))
    return failure();
  const onnx::AttributeProto *to = findAttr(node, "to");
  if (!to)
    return im.nodeError(node) << "attribute 'to' is required";
  Type element = convertElementType(im.getContext(), to->i());
  if (!element || !(element.isF32() || element.isSignlessInteger()))
    return im.nodeError(node) << "cast to " << dataTypeName(to->i())
                              << " is not supported (float32, bool and "
                                 "signed integers are)";
  auto type = RankedTensorType::get(shapeOf(*x), element);
  im.setOutput(node, 0, im.getBuilder().createOrFold<graph::CastOp>(
                            im.nodeLoc(node), type, *x));
  return success();
}

} // namespace

void onnx_import::addLogicConverters(ConverterMap &map) {
  map["Equal"] = convertCompare<graph::EqualOp>;
  map["Less"] = convertCompare<graph::LessOp>;
  map["LessOrEqual"] = convertCompare<graph::LessEqualOp>;
  map["Greater"] = convertCompare<graph::GreaterOp>;
  map["GreaterOrEqual"] = convertCompare<graph::GreaterEqualOp>;
  map["And"] = convertLogical<graph::AndOp>;
  map["Or"] = convertLogical<graph::OrOp>;
  map["Xor"] = convertLogical<graph::XorOp>;
  map["Not"] = convertNot;
  map["Where"] = convertWhere;
  map["Cast"] = convertCast;
}
