// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The mlc Authors.

#include "OnnxOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include "mlc/Dialect/Graph/IR/GraphOps.h"

using namespace mlir;
using namespace mlir::mlc;
using namespace mlir::mlc::onnx_import;

ArrayRef<int64_t> onnx_import::shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

Value onnx_import::reshapeTo(OpBuilder &b, Location loc, Value value,
                             ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getShape() == shape)
    return value;
  // Only unit dims change (Squeeze, Unsqueeze, rank-1 matmul operands):
  // the dynamic dims keep their order.
  SmallVector<Value> sizes;
  int64_t wanted = llvm::count(shape, ShapedType::kDynamic);
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (type.isDynamicDim(d) && static_cast<int64_t>(sizes.size()) < wanted)
      sizes.push_back(b.create<tensor::DimOp>(loc, value, d));
  return b.createOrFold<graph::ReshapeOp>(
      loc, RankedTensorType::get(shape, type.getElementType()), value, sizes);
}

namespace {

LogicalResult convertIdentity(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getInput(node, 0);
  if (failed(x))
    return failure();
  im.setOutput(node, 0, *x);
  return success();
}

// The one value attribute a Constant node carries.
LogicalResult convertConstant(GraphImporter &im, const onnx::NodeProto &node) {
  if (node.attribute_size() != 1)
    return im.nodeError(node) << "expected exactly one value attribute, got "
                              << node.attribute_size();
  const onnx::AttributeProto &attr = node.attribute(0);
  OpBuilder &b = im.getBuilder();
  Location loc = im.nodeLoc(node);
  ElementsAttr value;
  if (attr.name() == "value") {
    FailureOr<ElementsAttr> t = im.importTensor(attr.t(), loc);
    if (failed(t))
      return failure();
    value = *t;
  } else if (attr.name() == "value_float") {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getF32Type()),
                                   attr.f());
  } else if (attr.name() == "value_floats") {
    SmallVector<float> v(attr.floats().begin(), attr.floats().end());
    value = DenseElementsAttr::get(
        RankedTensorType::get({(int64_t)v.size()}, b.getF32Type()),
        ArrayRef<float>(v));
  } else if (attr.name() == "value_int") {
    value = DenseElementsAttr::get(RankedTensorType::get({}, b.getI64Type()),
                                   attr.i());
  } else if (attr.name() == "value_ints") {
    SmallVector<int64_t> v(attr.ints().begin(), attr.ints().end());
    value = DenseElementsAttr::get(
        RankedTensorType::get({(int64_t)v.size()}, b.getI64Type()),
        ArrayRef<int64_t>(v));
  } else {
    return im.nodeError(node) << "unsupported value attribute '" << attr.name()
                              << "'";
  }
  im.setOutput(node, 0, b.create<graph::ConstantOp>(loc, value));
  return success();
}

// Resolves a Reshape target: 0 copies the input dim (unless |allowZero|),
// -1 takes the remaining element count.
FailureOr<SmallVector<int64_t>>
resolveReshape(GraphImporter &im, const onnx::NodeProto &node,
               ArrayRef<int64_t> in, ArrayRef<int64_t> requested,
               bool allowZero) {
  SmallVector<int64_t> shape;
  int64_t known = 1, inferred = -1, total = 1;
  for (int64_t d : in)
    total *= d;
  for (size_t i = 0; i < requested.size(); ++i) {
    int64_t d = requested[i];
    if (d == 0 && !allowZero) {
      if (i >= in.size())
        return im.nodeError(node) << "shape entry " << i
                                  << " is 0 but the input has rank "
                                  << in.size(),
               failure();
      d = in[i];
    }
    if (d == -1) {
      if (inferred >= 0)
        return im.nodeError(node) << "shape has more than one -1", failure();
      inferred = i;
    } else if (d < 0) {
      return im.nodeError(node) << "shape entry " << i << " is " << d,
             failure();
    } else if (__builtin_mul_overflow(known, d, &known)) {
      return im.nodeError(node) << "shape " << graph::shapeString(requested)
                                << " overflows",
             failure();
    }
    shape.push_back(d);
  }
  if (inferred >= 0) {
    if (known == 0 || total % known != 0)
      return im.nodeError(node) << "cannot infer the -1 dimension of shape "
                                << graph::shapeString(requested) << " for "
                                << total << " elements",
             failure();
    shape[inferred] = total / known;
    known *= shape[inferred];
  }
  if (known != total)
    return im.nodeError(node) << "cannot reshape " << graph::shapeString(in)
                              << " to " << graph::shapeString(shape),
           failure();
  return shape;
}

LogicalResult convertReshape(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getInput(node, 0);
  if (failed(x))
    return failure();
  SmallVector<int64_t> requested;
  if (im.getOpset() < 5) {
    requested = getIntsAttr(node, "shape").value_or(SmallVector<int64_t>());
  } else {
    FailureOr<Value> shapeValue = im.getInput(node, 1);
    if (failed(shapeValue))
      return failure();
    std::optional<SymDims> symbolic = im.getSymbolicInts(*shapeValue);
    if (symbolic && (!im.getConstant(*shapeValue) ||
                     !cast<RankedTensorType>(x->getType()).hasStaticShape()))
      return convertDynamicReshape(im, node, *x, *symbolic,
                                   getIntAttr(node, "allowzero", 0) != 0);
    DenseElementsAttr shape = im.getConstant(*shapeValue);
    if (!shape || !shape.getElementType().isInteger(64) ||
        shape.getType().getRank() != 1)
      return im.nodeError(node) << "shape input '" << node.input(1)
                                << "' must be a constant 1-D int64 tensor";
    for (const APInt &v : shape.getValues<APInt>())
      requested.push_back(v.getSExtValue());
  }
  FailureOr<SmallVector<int64_t>> shape =
      resolveReshape(im, node, shapeOf(*x), requested,
                     getIntAttr(node, "allowzero", 0) != 0);
  if (failed(shape))
    return failure();
  im.setOutput(node, 0, reshapeTo(im.getBuilder(), im.nodeLoc(node), *x, *shape));
  return success();
}

LogicalResult convertFlatten(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getInput(node, 0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> in = shapeOf(*x);
  int64_t rank = in.size(), axis = getIntAttr(node, "axis", 1);
  if (axis < -rank || axis > rank)
    return im.nodeError(node) << "axis " << axis << " is out of range for rank "
                              << rank;
  axis = axis < 0 ? axis + rank : axis;
  int64_t outer = 1, inner = 1;
  for (int64_t i = 0; i < rank; ++i)
    (i < axis ? outer : inner) *= in[i];
  im.setOutput(node, 0,
               reshapeTo(im.getBuilder(), im.nodeLoc(node), *x, {outer, inner}));
  return success();
}

LogicalResult convertTranspose(GraphImporter &im, const onnx::NodeProto &node) {
  FailureOr<Value> x = im.getInput(node, 0);
  if (failed(x))
    return failure();
  ArrayRef<int64_t> in = shapeOf(*x);
  SmallVector<int64_t> perm = getIntsAttr(node, "perm").value_or(
      llvm::to_vector(llvm::reverse(llvm::seq<int64_t>(0, in.size()))));
  Location loc = im.nodeLoc(node);
  FailureOr<SmallVector<int64_t>> shape =
      graph::inferTransposeShape(in, perm, loc);
  if (failed(shape))
    return failure();
  auto type = RankedTensorType::get(
      *shape, cast<RankedTensorType>(x->getType()).getElementType());
  im.setOutput(node, 0,
               im.getBuilder().create<graph::TransposeOp>(loc, type, *x, perm));
  return success();
}

} // namespace

void onnx_import::addTensorConverters(ConverterMap &map) {
  map["Constant"] = convertConstant;
  map["Identity"] = convertIdentity;
  map["Reshape"] = convertReshape;
  map["Flatten"] = convertFlatten;
  map["Transpose"] = convertTranspose;
}

ConvertFn onnx_import::lookupConverter(llvm::StringRef opType) {
  static const ConverterMap map = [] {
    ConverterMap m;
    addMathConverters(m);
    addTensorConverters(m);
    addShapeConverters(m);
    addNNConverters(m);
    addLogicConverters(m);
    addReduceConverters(m);
    addIndexingConverters(m);
    return m;
  }();
  return map.lookup(opType);
}
